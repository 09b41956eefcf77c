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
                let candidates = try breaker.boundaries(p).map(\.offset)
                var start = 0
                for cut in rules.correct(p, candidates: candidates, language: block.language) + [p.count] {
                    if let span = Self.trimmed(p, start, cut) {
                        sentences.append(Sentence(span: TextSpan(range.lowerBound + span.lowerBound, range.lowerBound + span.upperBound), block: index))
                    }
                    start = cut
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

    /// The sentence boundaries inside a block: ICU's candidates without the false
    /// ones, plus the ones ICU cannot see, each moved past closing quotes. Sorted,
    /// without the block's end.
    func correct(_ p: UnsafeBufferPointer<UInt8>, candidates: [Int], language: Language) -> [Int] {
        var cuts: [Int] = []
        var start = 0
        var pending = candidates.filter { $0 < p.count }[...]
        let quotes = QuoteParity(p)
        var extra = extraBoundaries(p, language: language, quotes: quotes)[...]
        while true {
            let next: Int
            let fromICU: Bool
            switch (pending.first, extra.first) {
            case let (a?, b?): if a <= b { next = a; fromICU = true } else { next = b; fromICU = false }
            case let (a?, nil): next = a; fromICU = true
            case let (nil, b?): next = b; fromICU = false
            case (nil, nil): return cuts
            }
            if fromICU { pending.removeFirst() } else { extra.removeFirst() }
            if next <= start { continue }
            if fromICU && suppresses(p, sentenceStart: start, boundary: next, language: language) { continue }
            let moved = Self.pastClosingQuotes(p, next, quotes: quotes)
            if moved >= p.count { continue }
            if moved > start && cuts.last != moved {
                cuts.append(moved)
                start = moved
            }
        }
    }

    /// A boundary followed by closing quotes belongs after them (`dat is alles. ''`,
    /// `lắm ... " . Ông`): `''`, `”`, `’`, `»`, and a straight `"` that closes a quote
    /// by parity (odd count of `"` before it in the block; pre-tokenized text puts
    /// blanks on both sides of every quote, so a blank does not tell).
    static func pastClosingQuotes(_ p: UnsafeBufferPointer<UInt8>, _ b: Int, quotes: QuoteParity) -> Int {
        var j = b
        while j < p.count && p[j] == 0x20 { j += 1 }
        var end = j
        var moved = false
        while end < p.count {
            if p[end] == UInt8(ascii: "'") && end + 1 < p.count && p[end + 1] == UInt8(ascii: "'") { end += 2; moved = true }
            else if p[end] == UInt8(ascii: "\"") && quotes.closes(at: end) { end += 1; moved = true }
            else {
                let (v, len) = Scalars.decode(p, at: end)
                guard v == 0x201D || v == 0x2019 || v == 0xBB else { break }
                end += len
                moved = true
            }
            // A period right after the quote (`" .`) ends the same sentence.
            var k = end
            while k < p.count && p[k] == 0x20 { k += 1 }
            if k < p.count && Self.isTerminal(p[k]) {
                end = k + 1
                while end < p.count && Self.isTerminal(p[end]) { end += 1 }
            }
            while end < p.count && p[end] == 0x20 { end += 1 }
        }
        return moved ? end : b
    }

    /// Which straight double quotes of a block open and which close, by their parity.
    struct QuoteParity {
        private var positions: [Int] = []
        init(_ p: UnsafeBufferPointer<UInt8>) {
            for i in 0..<p.count where p[i] == UInt8(ascii: "\"") { positions.append(i) }
        }
        private func index(of i: Int) -> Int? {
            var lo = 0, hi = positions.count - 1
            while lo <= hi {
                let mid = (lo + hi) >> 1
                if positions[mid] == i { return mid }
                if positions[mid] < i { lo = mid + 1 } else { hi = mid - 1 }
            }
            return nil
        }
        func closes(at i: Int) -> Bool { index(of: i).map { $0 % 2 == 1 } ?? false }
        func opens(at i: Int) -> Bool { index(of: i).map { $0 % 2 == 0 } ?? false }
    }

    /// Boundaries ICU does not propose:
    /// - before a Dutch opening quote `,,` or `„` after closing punctuation;
    /// - before an opening straight quote after closing punctuation (`. " Để`);
    /// - in English, after a period that ends an ordinary word and before a lowercase word
    ///   (informal text often starts sentences in lowercase; abbreviations are excluded).
    private func extraBoundaries(_ p: UnsafeBufferPointer<UInt8>, language: Language, quotes: QuoteParity) -> [Int] {
        var result: [Int] = []
        var i = 1
        while i + 1 < p.count {
            guard p[i] == 0x20, Self.isTerminal(p[i - 1]) || (i >= 2 && Self.isTerminal(p[i - 2]) && Self.isQuote(p[i - 1])) else { i += 1; continue }
            var j = i
            while j < p.count && p[j] == 0x20 { j += 1 }
            guard j < p.count else { break }
            if p[j] == UInt8(ascii: ","), j + 1 < p.count, p[j + 1] == UInt8(ascii: ",") {
                result.append(j)
            } else if p[j] == 0xE2, j + 2 < p.count, p[j + 1] == 0x80, p[j + 2] == 0x9E {
                result.append(j)
            } else if p[j] == UInt8(ascii: "\""), quotes.opens(at: j), Self.isTerminal(p[i - 1]) {
                result.append(j)
            } else if language == .en, p[i - 1] == UInt8(ascii: "."), Scalars.isLowercase(Scalars.decode(p, at: j).0), endsOrdinaryWord(p, before: i - 1, language: language) {
                result.append(j)
            }
            i = j
        }
        return result
    }

    private static func isTerminal(_ b: UInt8) -> Bool { b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") }
    private static func isQuote(_ b: UInt8) -> Bool { b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") }

    /// The period at `dot` ends a word of at least two letters that is no abbreviation,
    /// has no inner period, and is not preceded by another period (`...`).
    private func endsOrdinaryWord(_ p: UnsafeBufferPointer<UInt8>, before dot: Int, language: Language) -> Bool {
        var s = dot
        var letters = 0
        while s > 0 {
            let (v, start) = Scalars.decode(p, before: s)
            guard Scalars.isLetter(v) else { break }
            letters += 1
            s = start
        }
        guard letters >= 2 else { return false }
        if s > 0 && p[s - 1] != 0x20 && p[s - 1] != UInt8(ascii: "(") && p[s - 1] != UInt8(ascii: "\"") { return false }
        let token = UnsafeBufferPointer(rebasing: p[s...dot])
        return abbreviations[language]?.kind(of: token) == nil
    }

    /// Whether the candidate boundary at `boundary` (an offset in the block `p`) is false.
    func suppresses(_ p: UnsafeBufferPointer<UInt8>, sentenceStart: Int, boundary: Int, language: Language) -> Bool {
        // The text before the boundary, without trailing blanks.
        var end = boundary
        while end > sentenceStart && (p[end - 1] == 0x20 || p[end - 1] == 0x0A) { end -= 1 }
        guard end > sentenceStart else { return false }
        // ICU breaks inside tokens (`search?q=`, `.?`): a real boundary follows a blank.
        if end == boundary { return true }
        let next = nextScalar(p, from: boundary)
        // `Yahoo! and AOL`, `"Welcome!" to Darin`: a lowercase word continues the sentence.
        if p[end - 1] == UInt8(ascii: "!") || p[end - 1] == UInt8(ascii: "?") || Self.isQuote(p[end - 1]) {
            if let n = next, Scalars.isLowercase(n) { return true }
        }
        guard p[end - 1] == UInt8(ascii: ".") else { return false }
        // The last token: back to the previous blank, without opening brackets and quotes.
        var tokenStart = end - 1
        while tokenStart > sentenceStart && p[tokenStart - 1] != 0x20 && p[tokenStart - 1] != 0x0A { tokenStart -= 1 }
        while tokenStart < end - 1, Self.isOpening(p[tokenStart]) { tokenStart += 1 }
        let token = UnsafeBufferPointer(rebasing: p[tokenStart..<end])

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
