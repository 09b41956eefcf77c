import MekongCore

/// Language of each block from two kinds of evidence, both in data files:
/// function words of each language (`<lang>/stopwords.txt`, Vietnamese also
/// without diacritics) and letters that only Vietnamese uses (`vi/letters.txt`).
/// A block with no evidence is `und`. `--lang` overrides everything.
public struct LanguageStage: Stage {
    public static let name = StageName.language
    public static let requires: [StageName] = [.blocks]

    private let profile: LanguageProfile

    public init() throws { profile = try LanguageProfile.shared() }

    public func process(_ document: inout Document) throws {
        let text = document.text
        for i in document.blocks.indices {
            if let forced = document.forcedLanguage {
                document.blocks[i].language = forced
                document.blocks[i].languageConfidence = 1
                continue
            }
            let (lang, confidence) = text.withUnsafeBufferPointer { profile.identify(UnsafeBufferPointer(rebasing: $0[document.blocks[i].span.range])) }
            document.blocks[i].language = lang
            document.blocks[i].languageConfidence = confidence
        }
    }
}

/// The word lists and letters behind `LanguageStage`, loaded once per process.
/// Function words are at most 16 UTF-8 bytes, so a lowercased word packs into a
/// `PackedKey`: lookups allocate nothing.
final class LanguageProfile: Sendable {
    /// Packed word -> bit mask of the languages (bit i = Language.known[i]) that use it.
    private let words: [PackedKey: UInt8]
    private let vietnameseLetters: Set<UInt32>
    /// Enough evidence: a block's language is decided on its first words.
    static let maxWords = 48

    private init() throws {
        var words: [PackedKey: UInt8] = [:]
        for (i, lang) in Language.known.enumerated() {
            for w in try ResourceData.lines("\(lang.rawValue)/stopwords.txt") {
                guard let key = PackedKey(w.lowercased().utf8) else {
                    throw ResourceData.MissingResource(path: "\(lang.rawValue)/stopwords.txt: '\(w)' is longer than \(PackedKey.capacity) bytes")
                }
                words[key, default: 0] |= 1 << UInt8(i)
            }
        }
        self.words = words
        vietnameseLetters = Set(try ResourceData.lines("vi/letters.txt").flatMap { $0.unicodeScalars.map(\.value) })
    }

    /// Static lets initialize once, thread-safely.
    private static let loaded = Result { try LanguageProfile() }
    static func shared() throws -> LanguageProfile { try loaded.get() }

    /// When a URL (`http://`, `https://`, `www.`) starts at `i`, the offset after it.
    static func endOfAddress(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        func has(_ s: StaticString, at j: Int) -> Bool {
            s.withUTF8Buffer { b in j + b.count <= p.count && b.indices.allSatisfy { p[j + $0] | 0x20 == b[$0] | 0x20 } }
        }
        guard p[i] | 0x20 == UInt8(ascii: "h") || p[i] | 0x20 == UInt8(ascii: "w") else { return nil }
        guard has("http://", at: i) || has("https://", at: i) || has("www.", at: i) else { return nil }
        var j = i
        while j < p.count && p[j] != 0x20 && p[j] != 0x0A { j += 1 }
        return j
    }

    func identify(_ p: UnsafeBufferPointer<UInt8>) -> (Language, Double) {
        var score: (Double, Double, Double) = (0, 0, 0)   // vi, nl, en
        var key = PackedKey()
        var length = 0                // bytes in the current word (keys hold up to 16)
        var vietnameseWord = false
        var wordCount = 0
        var i = 0
        var scratch: [UInt8] = []
        scratch.reserveCapacity(4)
        while i <= p.count {
            // URLs are not language: `baobienxanh.vn/viet-nam-ha-lan-hop-tac`.
            if length == 0, i < p.count, let end = Self.endOfAddress(p, at: i) { i = end; continue }
            var isLetter = false
            var len = 1
            var v: UInt32 = 0
            if i < p.count {
                let b = p[i]
                if b < 0x80 {
                    isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
                    v = UInt32(b | (isLetter ? 0x20 : 0))
                } else {
                    (v, len) = Scalars.decode(p, at: i)
                    isLetter = Scalars.isLetter(v)
                    if isLetter {
                        if vietnameseLetters.contains(v) { vietnameseWord = true }
                        v = Scalars.lowercased(v)
                    }
                }
            }
            if isLetter {
                if v < 0x80 {
                    key.append(UInt8(v)); length += 1
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    Scalars.encode(v, into: &scratch)
                    for b in scratch { key.append(b) }
                    length += scratch.count
                }
            } else if length > 0 || vietnameseWord {
                if length <= PackedKey.capacity, let mask = words[key] {
                    let share = 1.0 / Double(mask.nonzeroBitCount)
                    if mask & 1 != 0 { score.0 += share }
                    if mask & 2 != 0 { score.1 += share }
                    if mask & 4 != 0 { score.2 += share }
                }
                if vietnameseWord { score.0 += 2 }
                key = PackedKey(); length = 0; vietnameseWord = false
                wordCount += 1
                if wordCount >= Self.maxWords { break }
            }
            i += len
        }
        let scores = [score.0, score.1, score.2]
        let total = scores.reduce(0, +)
        guard total > 0 else { return (.und, 0) }
        let sorted = scores.sorted(by: >)
        if sorted[0] == sorted[1] { return (.und, 0) }
        let best = scores.firstIndex(of: sorted[0])!
        // Confidence: the winner's share, shrunk when there is little evidence.
        let confidence = (scores[best] / total) * (total / (total + 1))
        return (Language.known[best], confidence)
    }
}
