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

    enum RangeRole: String, Sendable { case between, from, to, and }

    let language: Language
    let ordinalSuffixes: [String]
    let ordinalPrefixes: PhraseTable<Bool>
    /// Units with a capital match case-sensitively (`M`, `MB`, `C$`), the others in lowercase.
    let unitsExact: PhraseTable<Unit>
    let unitsFolded: PhraseTable<Unit>
    let qualifiersBefore: PhraseTable<Claim.Qualifier>
    let qualifiersAfter: PhraseTable<Claim.Qualifier>
    let rangeWords: PhraseTable<RangeRole>
    let changeWords: PhraseTable<Claim.Change>
    let vagueAmounts: PhraseTable<Decimal>
    let months: PhraseTable<Int>
    let yearCues: PhraseTable<Bool>
    /// Words before `d/m` that make it a date (`ngày 5/3`).
    let dateCues: PhraseTable<Bool>
    /// Words between a change verb and its amount (`met`, `by`, `thêm`).
    let changeLinks: PhraseTable<Bool>
    /// Phrases after a temperature that make it negative (`below zero`, `onder nul`).
    let belowZero: PhraseTable<Bool>
    /// Number and ordinal words by their lowercase scalars, for whole words and compounds.
    let numberTrie: ScalarTrie<NumberWord>
    /// Words that are numbers only with a unit or scale after them (`een`, `one`, `một`, `năm`).
    let ambiguousWords: ScalarTrie<Bool>
    let ordinalTrie: ScalarTrie<Decimal>

    /// First (up to four) lowercase UTF-8 bytes of every word that can start a claim without
    /// digits: a sentence with none of them and no digit is skipped at once.
    let triggerPrefixes: Set<PackedKey>
    /// A bit per first three lowercase bytes (seven bits each) of the trigger words and of
    /// their shorter prefixes: most words fail here, unhashed.
    private let triggerTriples: [UInt64]

    /// The first three bytes of the word at `i`, lowercased and folded to seven bits; a byte
    /// past the word's end counts as 0.
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
    /// A bit per (first three scalars, seven bits each) of every word that can begin a claim.
    private let wordStarts: [UInt64]

    /// Whether a sentence may hold a claim: a digit, or a word that starts like a number word.
    func mayHoldClaim(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        var wordStart = true
        while i < n {
            let b = p[i]
            if b >= 0x30 && b <= 0x39 { return true }
            // Vulgar fractions: ¼ ½ ¾ (C2 BC–BE) and ⅐–⅞ (E2 85 90–9E).
            if b == 0xC2 && i + 1 < n && (0xBC...0xBE).contains(p[i + 1]) { return true }
            if b == 0xE2 && i + 2 < n && p[i + 1] == 0x85 && (0x90...0x9E).contains(p[i + 2]) { return true }
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80
            if letter && wordStart {
                // Three bytes (seven bits each) decide for most words; only then are the first four looked up.
                let bit = Self.tripleBit(p, i)
                if triggerTriples[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
                    // The word's first 2, 3 and 4 bytes: triggers shorter than four (`zes`, `ba`) start longer words.
                    var key = PackedKey()
                    var j = i
                    while j < n && j - i < 4 {
                        let x = p[j]
                        guard (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A || x >= 0x80 else { break }
                        key.append(x < 0x80 ? x | 0x20 : x)
                        j += 1
                        if j - i >= 2 && triggerPrefixes.contains(key) { return true }
                    }
                }
            }
            wordStart = !letter
            i += 1
        }
        return false
    }

    /// Whether a claim may start with the word at `i`: a bit test on its first three letters
    /// (each folded to seven bits), so `the` or `this` costs no dictionary lookup.
    @inline(__always)
    func mayStartWord(_ t: ClaimText, _ i: Int) -> Bool {
        let s0 = t.lower[i] & 0x7F
        let s1 = t.isLetter(i + 1) ? t.lower[i + 1] & 0x7F : 0
        let s2 = s1 != 0 && t.isLetter(i + 2) ? t.lower[i + 2] & 0x7F : 0
        let bit = Int(s0 << 14 | s1 << 7 | s2)
        return wordStarts[bit >> 6] & (1 << UInt64(bit & 63)) != 0
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

        var unitRows: [(String, Unit)] = []
        for file in ["common/units.tsv", "\(lang)/units.tsv"] {
            for row in try ResourceData.table(file) where row.count >= 4 {
                guard let category = UnitCategory(rawValue: row[2]), let position = UnitPosition(rawValue: row[3]) else { continue }
                let sensitive = row[0] != row[0].lowercased()
                unitRows.append((row[0], Unit(unit: row[1], category: category, position: position, caseSensitive: sensitive)))
            }
        }
        unitsExact = PhraseTable(unitRows.filter { $0.1.caseSensitive }, lowercaseKeys: false)
        unitsFolded = PhraseTable(unitRows.filter { !$0.1.caseSensitive })
        var before: [(String, Claim.Qualifier)] = [], after: [(String, Claim.Qualifier)] = []
        for row in try ResourceData.table("\(lang)/qualifiers.tsv") where row.count >= 3 {
            guard let q = Claim.Qualifier(rawValue: row[1]) else { continue }
            if row[2] == "after" { after.append((row[0], q)) } else { before.append((row[0], q)) }
        }
        qualifiersBefore = PhraseTable(before)
        qualifiersAfter = PhraseTable(after)
        rangeWords = PhraseTable(try ResourceData.table("\(lang)/range-words.tsv").compactMap { r in RangeRole(rawValue: r[1]).map { (r[0], $0) } })
        changeWords = PhraseTable(try ResourceData.table("\(lang)/change-words.tsv").compactMap { r in Claim.Change(rawValue: r[1]).map { (r[0], $0) } })
        let vague = try ResourceData.table("\(lang)/vague-amounts.tsv")
        vagueAmounts = PhraseTable(vague.compactMap { r in Decimal(string: r[1]).map { (r[0], $0) } })
        months = PhraseTable(try ResourceData.optionalTable("\(lang)/months.tsv").compactMap { r in Int(r[1]).map { (r[0], $0) } })
        yearCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/year-cues.txt"))
        dateCues = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/date-cues.txt"))
        changeLinks = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/change-links.txt"))
        belowZero = PhraseTable(flags: try ResourceData.optionalLines("\(lang)/below-zero.txt"))

        var nt = ScalarTrie<NumberWord>()
        for (k, v) in numbers { nt.insert(k.unicodeScalars.map(\.value), v) }
        numberTrie = nt
        // Words that can start a claim on their own (not `een`, `a`, `and`, `geen`: too common).
        let ambiguous = Set(try ResourceData.optionalLines("\(lang)/ambiguous-number-words.txt"))
        var triggers: [String] = numbers.filter { [.digit, .teen, .tens, .hundred, .scale, .half, .fraction, .tensMarker, .tensMultiplier].contains($0.value.role) && !ambiguous.contains($0.key) }.map(\.key)
        triggers += ordinals.keys
        triggers += vague.map { String($0[0].split(separator: " ")[0]) }
        triggers += prefixes
        // Unit words too: `a dollar`, `een kilo`, `một tấn` are claims without a number word.
        triggers += unitRows.map(\.0).filter { $0.count >= 2 && $0.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == " " } }
        // Compounds that start with an ambiguous word (`eenentwintig`, `eenhonderd`) count too.
        for a in ambiguous { for m in numbers.keys where m.count > 1 { triggers.append(a + m) } }
        var at = ScalarTrie<Bool>()
        for a in ambiguous { at.insert(a.unicodeScalars.map(\.value), true) }
        ambiguousWords = at
        triggerPrefixes = Set(triggers.compactMap { w in PackedKey(Array(w.lowercased().utf8).prefix(4)) })
        var triples = [UInt64](repeating: 0, count: 1 << 15)
        for w in triggers {
            // A word matches a trigger when its first two, three or four bytes are the trigger's
            // prefix (see mayHoldClaim): mark every way its first three bytes can look.
            let u = Array(w.lowercased().utf8)
            guard u.count >= 2 else { continue }
            let fold = { (x: UInt8) -> Int in x >= 0x80 ? Int(x & 0x7F) : Int(x) }
            let first = fold(u[0]) << 14 | fold(u[1]) << 7
            if u.count == 2 {
                for third in 0..<128 { triples[(first | third) >> 6] |= 1 << UInt64((first | third) & 63) }
            } else {
                let bit = first | fold(u[2])
                triples[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        triggerTriples = triples
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
    func match(_ text: [UInt32], at i: Int, where accept: (Value) -> Bool = { _ in true }) -> (length: Int, value: Value)? {
        guard i < text.count else { return nil }
        let m = forward.longestPrefix(text, from: i) { end, value in
            accept(value) &&
            // A letter right after a letter means the phrase is only the start of a word (`kmh` is not `km`);
            // digits may follow (`USD1000`).
            !(end < text.count && Scalars.isLetter(text[end]) && ClaimText.isWordScalar(text[end - 1]))
        }
        return m.map { ($0.end - i, $0.value) }
    }

    /// The longest phrase that ends exactly at `end` (exclusive) and starts at a word boundary.
    func match(_ text: [UInt32], endingAt end: Int, where accept: (Value) -> Bool = { _ in true }) -> (length: Int, value: Value)? {
        guard end > 0, end <= text.count else { return nil }
        let m = backward.longestSuffix(text, endingAt: end) { start, value in
            accept(value) && !(start > 0 && ClaimText.isWordScalar(text[start - 1]) && ClaimText.isWordScalar(text[start]))
        }
        return m.map { (end - $0.start, $0.value) }
    }
}
