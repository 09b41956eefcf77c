import MekongCore
import MekongICU

/// Sentences of each block: ICU's sentence BreakIterator proposes boundaries, and
/// per-language data takes back the false ones (abbreviations, titles, initials).
/// A block's end always ends a sentence. Spans exclude surrounding blanks.
public struct SentencesStage: Stage {
    public static let name = StageName.sentences
    public static let requires: [StageName] = [.blocks, .language]

    private let breaker: ICU.BreakIterator
    private let rules: SentenceRules

    public init() throws {
        breaker = try ICU.BreakIterator(.sentence, locale: "en")
        rules = try SentenceRules.shared()
    }

    public func process(_ document: inout Document) throws {
        var sentences: [Sentence] = []
        try document.text.withUnsafeBufferPointer { text in
            for (index, block) in document.blocks.enumerated() {
                let range = block.span.range
                let p = UnsafeBufferPointer(rebasing: text[range])
                let candidates = try breaker.boundaries(p)
                var start = 0
                for (offset, _) in candidates {
                    if offset < p.count && rules.suppresses(p, sentenceStart: start, boundary: offset, language: block.language) { continue }
                    if let span = Self.trimmed(p, start, offset) {
                        sentences.append(Sentence(span: TextSpan(range.lowerBound + span.lowerBound, range.lowerBound + span.upperBound), block: index))
                    }
                    start = offset
                }
                if start < p.count, let span = Self.trimmed(p, start, p.count) {
                    sentences.append(Sentence(span: TextSpan(range.lowerBound + span.lowerBound, range.lowerBound + span.upperBound), block: index))
                }
            }
        }
        document.sentences = sentences
    }

    /// The range without leading and trailing spaces and line breaks; nil when nothing is left.
    static func trimmed(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int>? {
        var s = start, e = end
        while s < e && (p[s] == 0x20 || p[s] == 0x0A) { s += 1 }
        while e > s && (p[e - 1] == 0x20 || p[e - 1] == 0x0A) { e -= 1 }
        return s < e ? s..<e : nil
    }
}

/// The language data that corrects ICU's candidate boundaries, loaded once per process.
final class SentenceRules: Sendable {
    private let abbreviations: [Language: Abbreviations]

    private init() throws {
        var a: [Language: Abbreviations] = [:]
        for l in Language.known { a[l] = try Abbreviations(language: l) }
        abbreviations = a
    }

    private static let loaded = Result { try SentenceRules() }
    static func shared() throws -> SentenceRules { try loaded.get() }

    /// Whether the candidate boundary at `boundary` (an offset in the block `p`) is false.
    func suppresses(_ p: UnsafeBufferPointer<UInt8>, sentenceStart: Int, boundary: Int, language: Language) -> Bool {
        // The text before the boundary, without trailing blanks.
        var end = boundary
        while end > sentenceStart && (p[end - 1] == 0x20 || p[end - 1] == 0x0A) { end -= 1 }
        guard end > sentenceStart, p[end - 1] == UInt8(ascii: ".") else { return false }
        // The last token: back to the previous blank, without opening brackets and quotes.
        var tokenStart = end - 1
        while tokenStart > sentenceStart && p[tokenStart - 1] != 0x20 && p[tokenStart - 1] != 0x0A { tokenStart -= 1 }
        while tokenStart < end - 1, Self.isOpening(p[tokenStart]) { tokenStart += 1 }
        let token = UnsafeBufferPointer(rebasing: p[tokenStart..<end])
        let next = nextScalar(p, from: boundary)

        let languages: [Language] = language == .und ? Language.known : [language]
        for l in languages {
            guard let kind = abbreviations[l]?.kind(of: token) else { continue }
            switch kind {
            case .title, .inner: return true
            case .number: return next.map(Scalars.isDigit) ?? false
            case .final: return false
            }
        }
        // Initials: `J.` or `J.P.` before a capitalized word (`J.P. de Vries` is caught by the lowercase rule of ICU).
        if isInitials(token), let n = next, Scalars.isUppercase(n) { return true }
        return false
    }

    private static func isOpening(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
    }

    private func nextScalar(_ p: UnsafeBufferPointer<UInt8>, from i: Int) -> UInt32? {
        var j = i
        while j < p.count && (p[j] == 0x20 || p[j] == 0x0A) { j += 1 }
        return j < p.count ? Scalars.decode(p, at: j).0 : nil
    }

    /// One or more single uppercase letters each followed by a period: `J.`, `J.P.`.
    private func isInitials(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var letters = 0
        while i < token.count {
            let (v, len) = Scalars.decode(token, at: i)
            guard Scalars.isUppercase(v), i + len < token.count, token[i + len] == UInt8(ascii: ".") else { return false }
            letters += 1
            i += len + 1
        }
        return letters > 0
    }
}
