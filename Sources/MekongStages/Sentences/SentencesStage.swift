import MekongCore
import MekongICU

public struct SentencesConfiguration: Sendable, Codable, Equatable {
    public enum Rules: String, Sendable, Codable, CaseIterable {
        /// ICU's candidates corrected with Mekong's per-language data (the default).
        case mekong
        /// ICU's sentence BreakIterator alone: the baseline the evaluation compares with.
        case icu
    }
    public var rules: Rules = .mekong
    public init(rules: Rules = .mekong) { self.rules = rules }
}

/// Sentences of each block: ICU's sentence BreakIterator proposes boundaries, and
/// per-language data takes back the false ones (abbreviations, titles, initials).
/// A block's end always ends a sentence. Spans exclude surrounding blanks.
/// The block's language selects the data; without the language stage (`und`),
/// the abbreviations of all three languages apply.
public struct SentencesStage: Stage {
    public static let name = StageName.sentences
    public static let requires: [StageName] = [.blocks]

    public let configuration: SentencesConfiguration
    private let breaker: ICU.BreakIterator
    private let rules: SentenceRules

    public init(_ configuration: SentencesConfiguration = .init()) throws {
        self.configuration = configuration
        breaker = try ICU.BreakIterator(.sentence, locale: "en")
        rules = try SentenceRules.shared()
    }

    public func process(_ document: inout Document) throws {
        var sentences: [Sentence] = []
        try document.text.withUnsafeBufferPointer { text in
            for (index, block) in document.blocks.enumerated() {
                let range = block.span.range
                let p = UnsafeBufferPointer(rebasing: text[range])
                let scan = BlockScan(p)
                let candidates = scan.mayHaveICUBoundary ? try breaker.boundaries(p) : []
                let cuts = configuration.rules == .icu ? candidates.filter { $0 < p.count } : rules.correct(p, candidates: candidates, language: block.language, scan: scan)
                var start = 0
                for cut in cuts + [p.count] {
                    if let span = Self.trimmed(p, start, cut) {
                        sentences.append(Sentence(span: TextSpan(range.lowerBound + span.lowerBound, range.lowerBound + span.upperBound), block: index,
                                                  language: block.language, languageConfidence: block.languageConfidence))
                    }
                    start = cut
                }
            }
        }
        document.sentences = sentences
        // Each sentence's own language, when the language stage ran (it runs before this one).
        if document.stagesRun.contains(StageName.language.rawValue) {
            LanguageStage.assignSentenceLanguages(&document, model: try LanguageModel.shared(), markers: try ForeignMarkers.shared())
        }
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
    let salutations: [Language: Salutations]
    /// Lowercase words that often start a sentence (`<lang>/sentence-starters.txt`).
    private let starters: [Language: Set<[UInt8]>]
    /// Lowercase words that often follow `U.S.`, `Inc.` inside a name (`<lang>/name-continuations.txt`).
    private let continuations: [Language: Set<[UInt8]>]

    private init() throws {
        var a: [Language: Abbreviations] = [:]
        var s: [Language: Salutations] = [:]
        for l in Language.known {
            a[l] = try Abbreviations(language: l)
            s[l] = try Salutations(language: l)
        }
        abbreviations = a
        salutations = s
        var w: [Language: Set<[UInt8]>] = [:]
        for l in Language.known where l != .und {
            let path = "\(l.rawValue)/sentence-starters.txt"
            w[l] = Set(try ResourceData.optionalLines(path).map { Array($0.utf8) })
        }
        starters = w
        var c: [Language: Set<[UInt8]>] = [:]
        for l in Language.known {
            let path = "\(l.rawValue)/name-continuations.txt"
            c[l] = Set(try ResourceData.optionalLines(path).map { Array($0.utf8) })
        }
        continuations = c
    }

    private static let loaded = Result { try SentenceRules() }

    static func shared() throws -> SentenceRules { try loaded.get() }

    /// The sentence boundaries inside a block: ICU's candidates without the false
    /// ones, plus the ones ICU cannot see, each moved past closing quotes. Sorted,
    /// without the block's end.
    func correct(_ p: UnsafeBufferPointer<UInt8>, candidates: [Int], language: Language, scan: BlockScan) -> [Int] {
        var cuts: [Int] = []
        var start = 0
        var pending = candidates.filter { $0 < p.count }[...]
        let quotes = QuoteParity(p, positions: scan.quotes)
        var extra = Self.merged(extraBoundaries(p, language: language, quotes: quotes, terminals: scan.terminals), layoutBoundaries(p, language: language, scan: scan))[...]
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
            if Self.continuesClause(p, at: moved, afterQuote: moved != next) { continue }
            if Self.isTrailingParenthetical(p, at: moved) { continue }
            if moved > start && cuts.last != moved {
                cuts.append(moved)
                start = moved
            }
        }
    }

    private static func merged(_ a: [Int], _ b: [Int]) -> [Int] {
        b.isEmpty ? a : (a + b).sorted()
    }

    /// A boundary followed by closing quotes or footnote marks belongs after them
    /// (`dat is alles. ''`, `lắm ... " . Ông`, `in 1805. [6]`): `''`, `”`, `’`, `»`,
    /// `[12]`, and a straight `"` that closes a quote by parity (odd count of `"` before
    /// it in the block; pre-tokenized text puts blanks on both sides of every quote, so a
    /// blank does not tell).
    static func pastClosingQuotes(_ p: UnsafeBufferPointer<UInt8>, _ b: Int, quotes: QuoteParity) -> Int {
        var j = b
        while j < p.count && p[j] == 0x20 { j += 1 }
        var end = j
        var moved = false
        while end < p.count {
            if p[end] == UInt8(ascii: "'") && end + 1 < p.count && p[end + 1] == UInt8(ascii: "'") { end += 2; moved = true }
            else if p[end] == UInt8(ascii: "\"") && quotes.closes(at: end) { end += 1; moved = true }
            else if let e = Self.footnoteMark(p, at: end) { end = e; moved = true }
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

    /// The end of a footnote mark `[12]` or `[3, 4]` at `i`, which belongs to the sentence before it.
    static func footnoteMark(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard p[i] == UInt8(ascii: "["), i + 2 < p.count, Scalars.isDigit(UInt32(p[i + 1])) else { return nil }
        var j = i + 2
        while j < p.count && j - i < 12 {
            let b = p[j]
            if b == UInt8(ascii: "]") { return j + 1 }
            guard Scalars.isDigit(UInt32(b)) || b == UInt8(ascii: ",") || b == UInt8(ascii: "-") || b == 0x20 else { return nil }
            j += 1
        }
        return nil
    }

    /// A bracketed note that closes the block without a sentence of its own inside
    /// belongs to the sentence before it: `… bij Vinh Chau. (Foto: Ly Minh Tuan)`,
    /// `… volk." (« Metro », 16 juni 2005)`.
    static func isTrailingParenthetical(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var j = i
        while j < p.count && p[j] == 0x20 { j += 1 }
        guard j < p.count, p[j] == UInt8(ascii: "(") else { return false }
        var depth = 0
        var k = j
        while k < p.count {
            if p[k] == UInt8(ascii: "(") { depth += 1 }
            if p[k] == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { break }
            }
            k += 1
        }
        guard k < p.count, k > j + 1, !isTerminal(p[k - 1]) else { return false }
        var rest = k + 1
        while rest < p.count && (p[rest] == 0x20 || p[rest] == 0x0A) { rest += 1 }
        return rest == p.count
    }

    /// Whether the text at `i` continues the sentence before it: `,` and `;` never start
    /// one, and after a closing quote an attribution (`" - tôi hỏi`, `", she said`) does not.
    static func continuesClause(_ p: UnsafeBufferPointer<UInt8>, at i: Int, afterQuote: Bool) -> Bool {
        var j = i
        while j < p.count && p[j] == 0x20 { j += 1 }
        guard j < p.count else { return false }
        let b = p[j]
        // `,,` is a Dutch opening quote.
        if b == UInt8(ascii: ",") && !(j + 1 < p.count && p[j + 1] == b) || b == UInt8(ascii: ";") { return true }
        guard afterQuote else { return false }
        var (v, len) = Scalars.decode(p, at: j)
        if v == 0x2D || v == 0x2013 || v == 0x2014 {
            j += len
            while j < p.count && p[j] == 0x20 { j += 1 }
            guard j < p.count else { return false }
            (v, len) = Scalars.decode(p, at: j)
        }
        return Scalars.isLowercase(v)
    }

    /// Which straight double quotes of a block open and which close: by their parity,
    /// except that a quote before `.` `,` `;` `:` `)` or a free dash always closes (`... " . Ông`).
    struct QuoteParity {
        private var positions: [Int] = []
        private var beforePunctuation: [Bool] = []
        init(_ p: UnsafeBufferPointer<UInt8>, positions quotePositions: [Int]) {
            for i in quotePositions {
                positions.append(i)
                var j = i + 1
                while j < p.count && p[j] == 0x20 { j += 1 }
                let b = j < p.count ? p[j] : 0
                let dash = b == UInt8(ascii: "-") && j > i + 1 && j + 1 < p.count && p[j + 1] == 0x20
                beforePunctuation.append(dash || b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: ":") || b == UInt8(ascii: ")"))
            }
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
        func closes(at i: Int) -> Bool { index(of: i).map { $0 % 2 == 1 || beforePunctuation[$0] } ?? false }
        func opens(at i: Int) -> Bool { index(of: i).map { $0 % 2 == 0 && !beforePunctuation[$0] } ?? false }
    }

    /// Boundaries ICU does not propose:
    /// - before a Dutch opening quote `,,` or `„` after closing punctuation;
    /// - before an opening straight quote after closing punctuation (`. " Để`);
    /// - in English, after a period that ends an ordinary word and before a lowercase word
    ///   (informal text often starts sentences in lowercase; abbreviations are excluded);
    /// - in Vietnamese, after such a period (or a free-standing one) and before a number.
    private func extraBoundaries(_ p: UnsafeBufferPointer<UInt8>, language: Language, quotes: QuoteParity, terminals: [Int]) -> [Int] {
        var result: [Int] = []
        var scanned = 0
        // Each candidate is a blank after a terminal, or after a terminal and a quote.
        for t in terminals {
            var i = t + 1
            if i < p.count, Self.isQuote(p[i]) { i += 1 }
            guard i > scanned, i + 1 < p.count, p[i] == 0x20, Self.isTerminal(p[i - 1]) || (i >= 2 && Self.isTerminal(p[i - 2]) && Self.isQuote(p[i - 1])) else { continue }
            var j = i
            while j < p.count && p[j] == 0x20 { j += 1 }
            guard j < p.count else { break }
            if p[j] == UInt8(ascii: ","), j + 1 < p.count, p[j + 1] == UInt8(ascii: ",") {
                result.append(j)
            } else if p[j] == 0xE2, j + 2 < p.count, p[j + 1] == 0x80, p[j + 2] == 0x9E {
                result.append(j)
            } else if p[j] == UInt8(ascii: "\""), quotes.opens(at: j), Self.isTerminal(p[i - 1]), !suppresses(p, sentenceStart: 0, boundary: j, language: language) {
                result.append(j)
            } else if language == .en, p[i - 1] == UInt8(ascii: "."), Scalars.isLowercase(Scalars.decode(p, at: j).0), endsOrdinaryWord(p, before: i - 1, language: language) {
                result.append(j)
            } else if language == .vi, p[i - 1] == UInt8(ascii: "."), Scalars.isDigit(UInt32(p[j])), i >= 2 && p[i - 2] == 0x20 || endsOrdinaryWord(p, before: i - 1, language: language) {
                // ICU keeps `. 16 tuổi` together, as for `e.g. 5 apples`; a Vietnamese
                // sentence may well start with a number.
                result.append(j)
            }
            scanned = j
        }
        return result
    }

    static func isTerminal(_ b: UInt8) -> Bool { b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") }
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
        // A line break inside a block is a hard-wrapped line, not an end (blocks end at real ones).
        if !Self.isTerminal(p[end - 1]), p[end..<boundary].contains(0x0A) { return true }
        // ICU breaks inside tokens (`search?q=`, `.?`): a real boundary follows a blank.
        if end == boundary { return true }
        let next = nextScalar(p, from: boundary)
        // `Yahoo! and AOL`, `"Welcome!" to Darin`: a lowercase word continues the sentence.
        if let n = next, Scalars.isLowercase(n) {
            // After a closing quote, a lowercase word is an attribution (`?" she asked`).
            if Self.endsWithClosingQuote(p, end) { return true }
            if p[end - 1] == UInt8(ascii: "!") || p[end - 1] == UInt8(ascii: "?") {
                if !(language == .en && lowercaseStartAfter(p, sentenceStart: sentenceStart, mark: end - 1)) { return true }
            }
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
            case .medial: return !startsSentence(p, at: boundary, language: l)
            }
        }
        // Initials: `J.` or `J.P.` before a capitalized word (`J.P. de Vries` is caught by the lowercase rule of ICU).
        if isInitials(token), let n = next, Scalars.isUppercase(n) { return true }
        return false
    }

    /// Informal English starts sentences in lowercase after `?`, and after `!` unless
    /// the `!` belongs to a capitalized name (`Yahoo! and AOL`).
    private func lowercaseStartAfter(_ p: UnsafeBufferPointer<UInt8>, sentenceStart: Int, mark: Int) -> Bool {
        var s = mark
        while s > sentenceStart && (p[s - 1] == UInt8(ascii: "!") || p[s - 1] == UInt8(ascii: "?")) { s -= 1 }
        guard s > sentenceStart else { return false }
        let (last, _) = Scalars.decode(p, before: s)
        if p[mark] == UInt8(ascii: "?") { return Scalars.isLetter(last) || Scalars.isDigit(last) || last == 0x20 || last == 0x29 }
        guard Scalars.isLetter(last) else { return false }
        while s > sentenceStart && p[s - 1] != 0x20 { s -= 1 }
        return !Scalars.isUppercase(Scalars.decode(p, at: s).0)
    }

    /// Whether the word after `i` is a capitalized sentence starter (`The`, `We`) rather
    /// than the rest of a name (`U.S. Department`, `Inc. (CPS)`).
    private func startsSentence(_ p: UnsafeBufferPointer<UInt8>, at i: Int, language: Language) -> Bool {
        var j = i
        while j < p.count && p[j] == 0x20 { j += 1 }
        while j < p.count && Self.isQuote(p[j]) { j += 1 }
        guard j < p.count, Scalars.isUppercase(Scalars.decode(p, at: j).0) else { return false }
        var word: [UInt8] = []
        var allCaps = true
        while j < p.count {
            let (v, len) = Scalars.decode(p, at: j)
            guard Scalars.isLetter(v) else { break }
            if !Scalars.isUppercase(v) { allCaps = false }
            Scalars.encode(Scalars.lowercased(v), into: &word)
            j += len
        }
        // A single capital is the pronoun `I` or an initial; an all-caps word a name.
        if word.count > 1 && allCaps { return false }
        // Without a list for the language, behave as `final`.
        guard let known = starters[language], !known.isEmpty else { return true }
        if known.contains(word) { return true }
        // `the U.S. Analysts expect`: a capitalized word followed by a lowercase one starts a
        // sentence, unless it commonly continues a name (`U.S. Army said`, `Inc. Shares`… no).
        if continuations[language]?.contains(word) ?? false { return false }
        while j < p.count && p[j] == 0x20 { j += 1 }
        return j < p.count && Scalars.isLowercase(Scalars.decode(p, at: j).0)
    }

    /// `"`, `'`, `”` or `’` just before `end`.
    private static func endsWithClosingQuote(_ p: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        if isQuote(p[end - 1]) { return true }
        return end >= 3 && p[end - 3] == 0xE2 && p[end - 2] == 0x80 && (p[end - 1] == 0x9D || p[end - 1] == 0x99)
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
