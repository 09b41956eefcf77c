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
/// Function words are at most 8 UTF-8 bytes, so a lowercased word packs into a
/// UInt64 key: lookups hash one integer, not an array.
final class LanguageProfile: Sendable {
    /// Packed word -> bit mask of the languages (bit i = Language.known[i]) that use it.
    private let words: [UInt64: UInt8]
    private let vietnameseLetters: Set<UInt32>
    /// Enough evidence: a block's language is decided on its first words.
    static let maxWords = 48

    private init() throws {
        var words: [UInt64: UInt8] = [:]
        for (i, lang) in Language.known.enumerated() {
            for w in try ResourceData.lines("\(lang.rawValue)/stopwords.txt") {
                guard let key = Self.pack(Array(w.lowercased().utf8)) else {
                    throw ResourceData.MissingResource(path: "\(lang.rawValue)/stopwords.txt: '\(w)' is longer than 8 bytes")
                }
                words[key, default: 0] |= 1 << UInt8(i)
            }
        }
        self.words = words
        vietnameseLetters = Set(try ResourceData.lines("vi/letters.txt").flatMap { $0.unicodeScalars.map(\.value) })
    }

    static func pack(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for b in bytes { key = key << 8 | UInt64(b) }
        return key
    }

    /// Static lets initialize once, thread-safely.
    private static let loaded = Result { try LanguageProfile() }
    static func shared() throws -> LanguageProfile { try loaded.get() }

    func identify(_ p: UnsafeBufferPointer<UInt8>) -> (Language, Double) {
        var score: (Double, Double, Double) = (0, 0, 0)   // vi, nl, en
        var key: UInt64 = 0
        var length = 0                // bytes in the current word (keys only up to 8)
        var vietnameseWord = false
        var wordCount = 0
        var i = 0
        var scratch: [UInt8] = []
        scratch.reserveCapacity(4)
        while i <= p.count {
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
                    key = key << 8 | UInt64(v); length += 1
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    Scalars.encode(v, into: &scratch)
                    for b in scratch { key = key << 8 | UInt64(b) }
                    length += scratch.count
                }
            } else if length > 0 || vietnameseWord {
                if length <= 8, let mask = words[key] {
                    let share = 1.0 / Double(mask.nonzeroBitCount)
                    if mask & 1 != 0 { score.0 += share }
                    if mask & 2 != 0 { score.1 += share }
                    if mask & 4 != 0 { score.2 += share }
                }
                if vietnameseWord { score.0 += 2 }
                key = 0; length = 0; vietnameseWord = false
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
