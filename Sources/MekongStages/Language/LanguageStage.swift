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
final class LanguageProfile: Sendable {
    private let words: [[UInt8]: [Language]]
    private let vietnameseLetters: Set<UInt32>

    private init() throws {
        var words: [[UInt8]: [Language]] = [:]
        for lang in Language.known {
            for w in try ResourceData.lines("\(lang.rawValue)/stopwords.txt") {
                words[Array(w.lowercased().utf8), default: []].append(lang)
            }
        }
        self.words = words
        vietnameseLetters = Set(try ResourceData.lines("vi/letters.txt").flatMap { $0.unicodeScalars.map(\.value) })
    }

    /// Static lets initialize once, thread-safely.
    private static let loaded = Result { try LanguageProfile() }
    static func shared() throws -> LanguageProfile { try loaded.get() }

    func identify(_ p: UnsafeBufferPointer<UInt8>) -> (Language, Double) {
        var score: [Double] = [0, 0, 0]   // vi, nl, en
        var word: [UInt8] = []
        var vietnameseWord = false
        func endWord() {
            if !word.isEmpty {
                if let langs = words[word] {
                    for l in langs { score[Language.known.firstIndex(of: l)!] += 1.0 / Double(langs.count) }
                }
                if vietnameseWord { score[0] += 2 }
            }
            word.removeAll(keepingCapacity: true)
            vietnameseWord = false
        }
        var i = 0
        while i < p.count {
            let (v, len) = Scalars.decode(p, at: i)
            if Scalars.isLetter(v) {
                Scalars.encode(Scalars.lowercased(v), into: &word)
                if v >= 0x80 && vietnameseLetters.contains(v) { vietnameseWord = true }
            } else {
                endWord()
            }
            i += len
        }
        endWord()
        let total = score.reduce(0, +)
        guard total > 0 else { return (.und, 0) }
        let best = score.indices.max { score[$0] < score[$1] }!
        let sorted = score.sorted(by: >)
        if sorted[0] == sorted[1] { return (.und, 0) }
        // Confidence: the winner's share, shrunk when there is little evidence.
        let confidence = (score[best] / total) * (total / (total + 1))
        return (Language.known[best], confidence)
    }
}

