import Foundation
import MekongCore

/// The words of one language that the claims stage reads numbers with, all from
/// data files in `Resources/<lang>/` (and `common/units.tsv`). Phrases are kept as
/// lowercase Unicode scalars so they can be matched against a sentence in place.
final class ClaimLexicon: Sendable {
    enum Role: String, Sendable {
        case digit, teen, tens, hundred, scale, and, half, fraction, denominator, zero, minus, point, article
        case tensMarker, tensMultiplier, afterTens, filler, halfAfter
    }

    struct NumberWord: Sendable {
        let value: Decimal
        let role: Role
    }

    enum UnitCategory: String, Sendable { case money, quantity, percent }
    enum UnitPosition: String, Sendable { case before, after, both }

    struct Unit: Sendable {
        let unit: String
        let category: UnitCategory
        let position: UnitPosition
        let caseSensitive: Bool
        /// How many of `unit` one of these is (`ons` = 100 g), when the word has no symbol of its own.
        var factor: Decimal? = nil
    }

    /// The unit written at `i` (original and lowercase scalars of the sentence), longest first;
    /// by default one that may stand after a number.
    func unit(_ text: ClaimText, at i: Int, where accept: (Unit) -> Bool = { $0.position != .before }) -> (length: Int, value: Unit)? {
        Self.longer(unitsExact.match(text.original, at: i, where: accept), unitsFolded.match(text.lower, at: i, where: accept))
    }

    /// The unit that ends at `end`, longest first; by default one that may stand before a number.
    func unit(_ text: ClaimText, endingAt end: Int, where accept: (Unit) -> Bool = { $0.position != .after }) -> (length: Int, value: Unit)? {
        Self.longer(unitsExact.match(text.original, endingAt: end, where: accept), unitsFolded.match(text.lower, endingAt: end, where: accept))
    }

    /// Of a case-sensitive and a folded match, the longer one.
    private static func longer(_ a: (length: Int, value: Unit)?, _ b: (length: Int, value: Unit)?) -> (length: Int, value: Unit)? {
        guard let a else { return b }
        guard let b else { return a }
        return a.length >= b.length ? a : b
    }

    enum RangeRole: String, Sendable { case between, from, to, and, but }
    enum FractionRole: String, Sendable { case over, ratio, part, of }

    let language: Language
    let ordinalSuffixes: [String]
    let ordinalPrefixes: PhraseTable<Bool>
    /// A language with ordinal prefixes (`<lang>/ordinal-prefixes.txt`: Vietnamese `thứ`) writes its
    /// ordinal words only after one (`thứ nhất`, first): alone they are other words (`ít nhất`).
    let ordinalWordsFollowPrefix: Bool
    /// Units with a capital match case-sensitively (`M`, `MB`, `C$`), the others in lowercase.
    let unitsExact: PhraseTable<Unit>
    let unitsFolded: PhraseTable<Unit>
    let qualifiersBefore: PhraseTable<Claim.Qualifier>
    let qualifiersAfter: PhraseTable<Claim.Qualifier>
    /// Qualifiers that bound only a number in figures or with a scale word (position `before-figure`):
    /// Vietnamese `trên` is `more than` in `trên 600 người`, `trên hai triệu`, but `on` in `trên sáu kênh`.
    let qualifiersBeforeFiguresOnly: PhraseTable<Claim.Qualifier>
    /// A bound a few words before the number, with a link word right before it (`distant-bounds.tsv`):
    /// `maximum sustained winds of 85 mph`, `een maximale snelheid van 140 km`.
    let distantBounds: PhraseTable<Claim.Qualifier>
    let distantBoundLinks: PhraseTable<Bool>
    /// Bound words that before a span of time mean `during` (`183 emissions over 24 hours`), unless one
    /// of their cue words stands right before them (`for over 24 hours`): `during-words.tsv`.
    let duringWords: PhraseTable<[String]>
    let rangeWords: PhraseTable<RangeRole>
    let changeWords: PhraseTable<Claim.Change>
    let vagueAmounts: PhraseTable<Decimal>
    /// The unit a vague amount names itself (third column: `decades` is at least 20 years).
    let vagueUnits: PhraseTable<String>
    let months: PhraseTable<Int>
    /// How a month's name reads without a day or a year (months.tsv's third column).
    struct LoneMonth: Sendable {
        var month: Int
        /// Only when written with a capital (`in November`, not `november` in English).
        var capital: Bool
        /// Only after a word of month-cues.txt (`in May`, not `Theresa May`).
        var cue: Bool
    }
    /// Month names that are the month standing alone (`in November`, `juni`, `tháng 11`).
    let loneMonths: PhraseTable<LoneMonth>
    /// Words before a month's name that say it is the month (`in`, `last`), and words that say it is
    /// a unit of time (`mỗi tháng 2 lần`).
    let monthCues: PhraseTable<Bool>
    let monthBlockers: PhraseTable<Bool>
    /// Words between a month's name and its year (`tháng 6 năm 2017`, `June of 2018`).
    let monthYearLinks: PhraseTable<Bool>
    let yearCues: PhraseTable<Bool>
    /// Words before `d/m` that make it a date (`ngày 5/3`).
    let dateCues: PhraseTable<Bool>
    /// Words between a change verb and its amount (`met`, `by`, `thêm`).
    let changeLinks: PhraseTable<Bool>
    /// Words between two numbers that make a fraction (`1 op de 3`, `one over 20`, `two thirds of a million`).
    let fractionWords: PhraseTable<FractionRole>
    /// Currency words that also weigh (`pounds` -> lb), and words that make a sentence about weight.
    let weightUnits: PhraseTable<String>
    let weightCues: PhraseTable<Bool>
    /// Words before a lone `one` that make it a pronoun (`the one you mentioned`, `that one`).
    let pronounCues: PhraseTable<Bool>
    /// Words before a qualifier word that make it a preposition (`framed around four themes`).
    let prepositionCues: PhraseTable<Bool>
    /// Phrases after an ordinal that count from the end (`second to last`): no number.
    let relativeCues: PhraseTable<Bool>
    /// Words before a number that make it an age in years (`aged 87`).
    let ageCues: PhraseTable<Bool>
    /// Words that are a unit only right after a larger unit of their dimension (`12 ft 2 in`).
    let compoundUnits: PhraseTable<String>
    /// The units of `compoundUnits` (`in`): `6-foot-6` is 6 ft 6 in.
    let compoundUnitCodes: [String]
    /// Unit words written glued to a number word (`vierentwintigjarige`, `veertienjarige`): read as
    /// the number, then the unit.
    let gluedUnits: PhraseTable<Bool>
    /// Phrases after a temperature that make it negative (`below zero`, `onder nul`).
    let belowZero: PhraseTable<Bool>
    /// Number and ordinal words by their lowercase scalars, for whole words and compounds.
    let numberTrie: ScalarTrie<NumberWord>
    /// Words that are numbers only with a unit or scale after them (`een`, `one`, `một`, `năm`).
    let ambiguousWords: ScalarTrie<Bool>
    let ordinalTrie: ScalarTrie<Decimal>

    /// A bit per first three UTF-8 bytes (folded to seven bits, see `tripleBit`) of every word
    /// that can begin a claim without digits, in lowercase, capitalized and uppercase: most
    /// words of a sentence fail this test unhashed.
    private let startTriples: [UInt64]
    /// The same for every word that can follow an ambiguous word in a claim (number words,
    /// units, vague amounts): `een kilo`, `a dozen`, `một tấn`.
    private let continuationTriples: [UInt64]
    /// A bit per (first three scalars, seven bits each) of every word that can begin a claim.
    private let wordStarts: [UInt64]
    /// The same for the first words of the months that can stand alone.
    private let monthStarts: [UInt64]
    /// First words of the months that can stand alone, in lowercase (`november`, `tháng`).
    let monthFirstWords: ScalarTrie<Bool>
    /// First words of the vague amounts (`hàng` of `hàng trăm`).
    let vagueStarts: ScalarTrie<Bool>
    /// Ambiguous number words (`een`, `a`, `một`) as lowercase and capitalized UTF-8.
    private let ambiguousKeys: [PackedKey]

    /// The first three bytes of the word at `i`, ASCII letters lowercased, other bytes folded
    /// to seven bits; a byte past the word's end counts as 0.
    @inline(__always)
    static func tripleBit(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var key = 0
        var inWord = true
        for k in 0..<3 {
            var v = 0
            if inWord && i + k < p.count {
                let x = p[i + k]
                if (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A { v = Int(x | 0x20) } else if x >= 0x80 { v = Int(x & 0x7F) } else { inWord = false }
            }
            key = key << 7 | v
        }
        return key
    }

    private static func tripleBits(_ words: some Sequence<String>) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 1 << 15)
        for w in words {
            let first = String(w.split(separator: " ").first ?? "")
            for form in [first.lowercased(), first.prefix(1).uppercased() + first.dropFirst().lowercased(), first.uppercased()] {
                let u = Array(form.utf8)
                guard !u.isEmpty else { continue }
                let bit = u.withUnsafeBufferPointer { tripleBit($0, 0) }
                bits[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        return bits
    }

    @inline(__always)
    private static func test(_ bits: [UInt64], _ bit: Int) -> Bool { bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 }

    /// Byte-level first filter for a sentence: a digit or a vulgar fraction says yes at
    /// once; a word whose first bytes are those of a number word, an ordinal or a vague
    /// amount is a candidate — an ambiguous one (`a`, `een`, `một`) only when the next word
    /// starts like one that could continue a claim — and `confirm(start, end)` reads it for
    /// real. Most sentences without digits are skipped without being decoded.
    func mayHoldClaim(_ p: UnsafeBufferPointer<UInt8>, confirm: (Int, Int) -> Bool) -> Bool {
        let n = p.count
        let byteClass = Self.byteClass
        var i = 0
        while i < n {
            switch byteClass[Int(p[i])] {
            case .other:
                i += 1
            case .digit:
                return true
            case .symbolLead:
                // Vulgar fractions: ¼ ½ ¾ (C2 BC–BE) and ⅐–⅞ (E2 85 90–9E).
                if p[i] == 0xC2 && i + 1 < n && (0xBC...0xBE).contains(p[i + 1]) { return true }
                if p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x85 && (0x90...0x9E).contains(p[i + 2]) { return true }
                i += 1
            case .word:
                var end = i + 1
                while end < n && byteClass[Int(p[end])] == .word { end += 1 }
                if Self.test(startTriples, Self.tripleBit(p, i)) {
                    var candidate = true
                    if end - i <= 6, let key = PackedKey(p, i..<end), ambiguousKeys.contains(key) {
                        var next = end
                        while next < n && (p[next] == 0x20 || p[next] == 0x2D) { next += 1 }
                        candidate = next < n && Self.isWordByte(p[next]) && Self.test(continuationTriples, Self.tripleBit(p, next))
                    }
                    if candidate && confirm(i, end) { return true }
                }
                i = end
            }
        }
        return false
    }

    private enum ByteClass: UInt8 {
        case other, word, digit
        /// C2 and E2: lead bytes of Latin-1 symbols and of general punctuation, where the
        /// vulgar fractions are; no letter of ours starts with them.
        case symbolLead
    }

    /// The class of every byte value, looked up once per byte of a sentence (written once, then only read).
    nonisolated(unsafe) private static let byteClass: UnsafePointer<ByteClass> = {
        let table = UnsafeMutablePointer<ByteClass>.allocate(capacity: 256)
        for b in 0..<256 {
            let x = UInt8(b)
            table[b] = x >= 0x30 && x <= 0x39 ? .digit : x == 0xC2 || x == 0xE2 ? .symbolLead : isWordByte(x) ? .word : .other
        }
        return UnsafePointer(table)
    }()

    /// ASCII letters and every byte of a non-ASCII scalar (letters for this purpose).
    @inline(__always)
    static func isWordByte(_ x: UInt8) -> Bool { (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A || x >= 0x80 }

    /// Whether a claim may start with the word at `i`: a bit test on its first three letters
    /// (each folded to seven bits), so `the` or `this` costs no dictionary lookup.
    @inline(__always)
    func mayStartWord(_ t: ClaimText, _ i: Int) -> Bool { Self.startBit(t, i, in: wordStarts) }

    /// Whether a month standing alone may start with the word at `i` (the same bit test).
    @inline(__always)
    func mayStartMonth(_ t: ClaimText, _ i: Int) -> Bool { Self.startBit(t, i, in: monthStarts) }

    /// The bit of the word at `i`'s first three letters (seven bits each) in a set of starts.
    @inline(__always)
    private static func startBit(_ t: ClaimText, _ i: Int, in starts: [UInt64]) -> Bool {
        let s0 = t.lower[i] & 0x7F
        let s1 = t.isLetter(i + 1) ? t.lower[i + 1] & 0x7F : 0
        let s2 = s1 != 0 && t.isLetter(i + 2) ? t.lower[i + 2] & 0x7F : 0
        let bit = Int(s0 << 14 | s1 << 7 | s2)
        return starts[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    private init(_ language: Language) throws {
        self.language = language
        let lang = language.rawValue
        var numbers: [String: NumberWord] = [:]
        for row in try ResourceData.table("\(lang)/number-words.tsv") where row.count >= 3 {
            guard let value = Decimal(string: row[1], locale: Locale(identifier: "en_US_POSIX")), let role = Role(rawValue: row[2]) else { continue }
            numbers[row[0]] = NumberWord(value: value, role: role)
        }
        var ordinals: [String: Decimal] = [:]
        for row in try ResourceData.table("\(lang)/ordinal-words.tsv") where row.count >= 2 {
            ordinals[row[0]] = Decimal(string: row[1], locale: Locale(identifier: "en_US_POSIX"))
        }
        ordinalSuffixes = try ResourceData.optionalLines("\(lang)/ordinal-suffixes.txt")
        let prefixes = try ResourceData.optionalLines("\(lang)/ordinal-prefixes.txt")
        ordinalPrefixes = PhraseTable(flags: prefixes)
        ordinalWordsFollowPrefix = !prefixes.isEmpty

        var unitRows: [(String, Unit)] = []
        for file in ["common/units.tsv", "\(lang)/units.tsv"] {
            for row in try ResourceData.table(file) where row.count >= 4 {
                guard let category = UnitCategory(rawValue: row[2]), let position = UnitPosition(rawValue: row[3]) else { continue }
                let sensitive = row[0] != row[0].lowercased()
                unitRows.append((row[0], Unit(unit: row[1], category: category, position: position, caseSensitive: sensitive)))
            }
        }
        for row in try ResourceData.optionalTable("\(lang)/unit-multiples.tsv") where row.count >= 3 {
            guard let factor = Decimal(string: row[2], locale: Locale(identifier: "en_US_POSIX")) else { continue }
            unitRows.append((row[0], Unit(unit: row[1], category: .quantity, position: .after, caseSensitive: false, factor: factor)))
        }
        unitsExact = PhraseTable(unitRows.filter { $0.1.caseSensitive }, lowercaseKeys: false)
        unitsFolded = PhraseTable(unitRows.filter { !$0.1.caseSensitive })
        var before: [(String, Claim.Qualifier)] = [], after: [(String, Claim.Qualifier)] = []
        var figuresOnly: [(String, Claim.Qualifier)] = []
        for row in try ResourceData.table("\(lang)/qualifiers.tsv") where row.count >= 3 {
            guard let q = Claim.Qualifier(rawValue: row[1]) else { continue }
            if row[2] == "after" { after.append((row[0], q)) } else { before.append((row[0], q)) }
            if row[2] == "before-figure" { figuresOnly.append((row[0], q)) }
        }
        qualifiersBefore = PhraseTable(before)
        qualifiersBeforeFiguresOnly = PhraseTable(figuresOnly)
        let distant = try ResourceData.optionalTable("\(lang)/distant-bounds.tsv").filter { $0.count >= 3 }
        distantBounds = PhraseTable(distant.compactMap { r in Claim.Qualifier(rawValue: r[1]).map { (r[0], $0) } })
        distantBoundLinks = PhraseTable(flags: distant.map { $0[2] })
        duringWords = PhraseTable(try ResourceData.optionalTable("\(lang)/during-words.tsv").filter { $0.count >= 2 }.map { ($0[0], $0[1].split(separator: " ").map(String.init)) })
        qualifiersAfter = PhraseTable(after)
        rangeWords = PhraseTable(try ResourceData.table("\(lang)/range-words.tsv").compactMap { r in RangeRole(rawValue: r[1]).map { (r[0], $0) } })
        changeWords = PhraseTable(try ResourceData.table("\(lang)/change-words.tsv").compactMap { r in Claim.Change(rawValue: r[1]).map { (r[0], $0) } })
        let vague = try ResourceData.table("\(lang)/vague-amounts.tsv")
        vagueAmounts = PhraseTable(vague.compactMap { r in Decimal(string: r[1]).map { (r[0], $0) } })
        vagueUnits = PhraseTable(vague.filter { $0.count >= 3 && $0[2] != "-" }.map { ($0[0], $0[2]) })
        let monthRows = try ResourceData.optionalTable("\(lang)/months.tsv")
        months = PhraseTable(monthRows.compactMap { r in Int(r[1]).map { (r[0], $0) } })
        let lone = monthRows.compactMap { r -> (String, LoneMonth)? in
            guard r.count >= 3, r[2] != "-", let m = Int(r[1]) else { return nil }
            return (r[0], LoneMonth(month: m, capital: r[2] == "capital" || r[2] == "cue", cue: r[2] == "cue"))
        }
        loneMonths = PhraseTable(lone)
        monthCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/month-cues.txt"))
        monthBlockers = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/month-blockers.txt"))
        monthYearLinks = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/month-year-links.txt"))
        yearCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/year-cues.txt"))
        dateCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/date-cues.txt"))
        changeLinks = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/change-links.txt"))
        fractionWords = PhraseTable(try ResourceData.optionalTable("\(lang)/fraction-words.tsv").compactMap { r in FractionRole(rawValue: r[1]).map { (r[0], $0) } })
        weightUnits = PhraseTable(try ResourceData.optionalTable("\(lang)/weight-units.tsv").map { ($0[0], $0[1]) })
        weightCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/weight-cues.txt"))
        pronounCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/pronoun-cues.txt"))
        prepositionCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/preposition-cues.txt"))
        relativeCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/relative-cues.txt"))
        ageCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/age-cues.txt"))
        let compound = try ResourceData.optionalTable("\(lang)/compound-units.tsv")
        compoundUnits = PhraseTable(compound.map { ($0[0], $0[1]) })
        compoundUnitCodes = Array(Set(compound.map { $0[1] })).sorted()
        gluedUnits = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/glued-units.txt"))
        belowZero = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/below-zero.txt"))

        var nt = ScalarTrie<NumberWord>()
        for (k, v) in numbers { nt.insert(k.unicodeScalars.map(\.value), v) }
        numberTrie = nt
        let ambiguous = Set(try ResourceData.optionalLines("\(lang)/ambiguous-number-words.txt"))
        var at = ScalarTrie<Bool>()
        for a in ambiguous { at.insert(a.unicodeScalars.map(\.value), true) }
        ambiguousWords = at
        ambiguousKeys = ambiguous.flatMap { [PackedKey($0.utf8), PackedKey(($0.prefix(1).uppercased() + $0.dropFirst()).utf8)] }.compactMap { $0 }
        var vs = ScalarTrie<Bool>()
        for r in vague { vs.insert(r[0].lowercased().split(separator: " ")[0].unicodeScalars.map(\.value), true) }
        vagueStarts = vs
        let starters = Array(numbers.keys) + Array(ordinals.keys) + vague.map { $0[0] }
        startTriples = Self.tripleBits(starters + lone.map(\.0))
        continuationTriples = Self.tripleBits(starters + unitRows.map(\.0))
        var starts = [UInt64](repeating: 0, count: 1 << 15)
        var all = Array(numbers.keys) + Array(ordinals.keys)
        all += vague.map { $0[0] }
        all += prefixes
        for w in all {
            // The first word of a phrase, as it stands in running text.
            let u = Array(w.lowercased().unicodeScalars.map(\.value).prefix { $0 != 0x20 && $0 != 0x2D })
            guard let s0 = u.first else { continue }
            let s1 = u.count > 1 ? u[1] & 0x7F : 0
            let s2 = u.count > 2 ? u[2] & 0x7F : 0
            let bit = Int((s0 & 0x7F) << 14 | s1 << 7 | s2)
            starts[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        wordStarts = starts
        var mstarts = [UInt64](repeating: 0, count: 1 << 15)
        var mfirst = ScalarTrie<Bool>()
        for (w, _) in lone {
            let u = Array(w.lowercased().unicodeScalars.map(\.value).prefix { $0 != 0x20 && $0 != 0x2D })
            guard let s0 = u.first else { continue }
            mfirst.insert(u, true)
            let s1 = u.count > 1 ? u[1] & 0x7F : 0
            let s2 = u.count > 2 ? u[2] & 0x7F : 0
            let bit = Int((s0 & 0x7F) << 14 | s1 << 7 | s2)
            mstarts[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        monthStarts = mstarts
        monthFirstWords = mfirst
        var ot = ScalarTrie<Decimal>()
        for (k, v) in ordinals { ot.insert(k.unicodeScalars.map(\.value), v) }
        ordinalTrie = ot
    }

    private static let loaded: [Language: Result<ClaimLexicon, Error>] = {
        var d: [Language: Result<ClaimLexicon, Error>] = [:]
        for l in Language.known { d[l] = Result { try ClaimLexicon(l) } }
        return d
    }()

    static func shared(_ language: Language) throws -> ClaimLexicon? {
        try loaded[language]?.get()
    }
}

/// Phrases of one or more words, matched against lowercase scalars in place, with
/// a trie forwards (phrases after a number) and one backwards (phrases before it).
struct PhraseTable<Value: Sendable>: Sendable {
    private var forward = ScalarTrie<Value>()
    private var backward = ScalarTrie<Value>()

    init(_ rows: [(String, Value)], lowercaseKeys: Bool = true) {
        for (phrase, value) in rows {
            let key = lowercaseKeys ? phrase.lowercased() : phrase
            let scalars = Array(key.unicodeScalars.map(\.value))
            guard !scalars.isEmpty else { continue }
            forward.insert(scalars, value)
            backward.insert(scalars.reversed(), value)
        }
    }

    /// Phrases that are only present or absent (cue words).
    init(flags phrases: [String]) where Value == Bool {
        self.init(phrases.map { ($0, true) })
    }

    /// The longest phrase that starts at `i` in `text` and ends at a word boundary.
    func match(_ text: UnsafeBufferPointer<UInt32>, at i: Int, where accept: (Value) -> Bool = { _ in true }) -> (length: Int, value: Value)? {
        guard i < text.count else { return nil }
        let m = forward.longestPrefix(text, from: i) { end, value in
            accept(value) &&
            // A letter right after a letter means the phrase is only the start of a word (`kmh` is not `km`);
            // digits may follow (`USD1000`).
            !(end < text.count && Scalars.isLetter(text[end]) && ClaimText.isWordScalar(text[end - 1]))
        }
        return m.map { ($0.end - i, $0.value) }
    }

    /// The longest phrase that ends exactly at `end` (exclusive), inside a word or not.
    func suffix(_ text: UnsafeBufferPointer<UInt32>, endingAt end: Int) -> (length: Int, value: Value)? {
        guard end > 0, end <= text.count else { return nil }
        return backward.longestSuffix(text, endingAt: end) { _, _ in true }.map { (end - $0.start, $0.value) }
    }

    /// The longest phrase that ends exactly at `end` (exclusive) and starts at a word boundary.
    func match(_ text: UnsafeBufferPointer<UInt32>, endingAt end: Int, where accept: (Value) -> Bool = { _ in true }) -> (length: Int, value: Value)? {
        guard end > 0, end <= text.count else { return nil }
        let m = backward.longestSuffix(text, endingAt: end) { start, value in
            accept(value) && !(start > 0 && ClaimText.isWordScalar(text[start - 1]) && ClaimText.isWordScalar(text[start]))
        }
        return m.map { (end - $0.start, $0.value) }
    }
}
