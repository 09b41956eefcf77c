import Foundation
import MekongCore

/// The tokens of one sentence as the gazetteers and rules see them: lowercase hashes
/// (`Gazetteer.hash`: one dash, one apostrophe) and case flags. Built once per
/// sentence and shared by the gazetteer lookup, the rules and the tagger's features.
struct SentenceTokens {
    var tokens: [WordToken] = []
    var folded: [UInt64] = []
    var flags: [UInt8] = []

    static let capitalized: UInt8 = 1, allCapitals: UInt8 = 2, word: UInt8 = 4, lowercase: UInt8 = 8
    /// Two capitals or more (`MoST`, `HoSE`, `McDonald`, `NATO`).
    static let severalCapitals: UInt8 = 16
    /// The English pronoun `I` (`I`, `I'm`, `I’ll`): capitalised whatever the writer's habits.
    static let pronounI: UInt8 = 32

    mutating func load(_ p: UnsafeBufferPointer<UInt8>, _ tokens: ArraySlice<WordToken>) {
        self.tokens.removeAll(keepingCapacity: true)
        self.tokens.append(contentsOf: tokens)
        folded.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
        for t in tokens {
            let (h, f) = Self.describe(p, t.range)
            folded.append(h)
            flags.append(f)
        }
    }

    var count: Int { tokens.count }

    /// Whether the writer does not capitalise names (`i live in san francisco`): at least three
    /// words and none capitalised after the first (the pronoun `I` aside: `can I get certified in
    /// delaware`). Then known names count in lowercase too.
    var isCaseless: Bool {
        var words = 0
        for k in flags.indices where flags[k] & Self.word != 0 && flags[k] & (Self.capitalized | Self.lowercase | Self.allCapitals) != 0 {
            words += 1
            if k > 0 && flags[k] & (Self.capitalized | Self.allCapitals) != 0 && flags[k] & Self.pronounI == 0 { return false }
        }
        return words >= 3
    }
    func isCapitalized(_ i: Int) -> Bool { flags[i] & Self.capitalized != 0 }
    func hasSeveralCapitals(_ i: Int) -> Bool { flags[i] & Self.severalCapitals != 0 }
    func isAllCapitals(_ i: Int) -> Bool { flags[i] & Self.allCapitals != 0 }
    func isLowercaseWord(_ i: Int) -> Bool { flags[i] & Self.lowercase != 0 }
    func isWord(_ i: Int) -> Bool { flags[i] & Self.word != 0 }

    /// `Gazetteer.hash` of a token and its case flags, in one pass over its scalars.
    static func describe(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (UInt64, UInt8) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = r.lowerBound
        var first = true, flags: UInt8 = 0
        var uppers = 0, lowers = 0
        while i < r.upperBound {
            let b = p[i]
            if b < 0x80 {
                // ASCII: the bulk of en/nl tokens, without the scalar tables.
                let v = UInt32(b)
                i += 1
                if b >= 0x41 && b <= 0x5A {
                    uppers += 1
                    if first { flags |= capitalized | word }
                    h = (h ^ UInt64(v | 0x20)) &* 0x100_0000_01b3
                } else {
                    if b >= 0x61 && b <= 0x7A { lowers += 1; if first { flags |= word } } else if first && b >= 0x30 && b <= 0x39 { flags |= word }
                    h = (h ^ UInt64(v)) &* 0x100_0000_01b3
                }
                first = false
                continue
            }
            let (v, n) = Scalars.decode(p, at: i)
            i += n
            let l = Scalars.lowercased(v)
            if l != v {
                uppers += 1
                if first { flags |= capitalized }
            } else if v < 0x80 ? (v >= 0x61 && v <= 0x7A) : Scalars.isLetter(v) {
                lowers += 1
            }
            if first && (Scalars.isLetter(v) || Scalars.isDigit(v)) { flags |= word }
            first = false
            h = (h ^ UInt64(Gazetteer.hashScalar(l))) &* 0x100_0000_01b3
        }
        if uppers > 0 && lowers == 0 { flags |= allCapitals }
        if lowers > 0 && flags & capitalized == 0 { flags |= lowercase }
        if uppers >= 2 { flags |= severalCapitals }
        // `I`, or `I` and an apostrophe (ASCII or U+2019, E2 80 99) and lowercase letters.
        if p[r.lowerBound] == 0x49 && (r.count == 1 || lowers == r.count - 2 && p[r.lowerBound + 1] == 0x27
                                        || lowers == r.count - 4 && r.count > 4 && p[r.lowerBound + 1] == 0xE2 && p[r.lowerBound + 2] == 0x80 && p[r.lowerBound + 3] == 0x99) {
            flags |= pronounI
        }
        return (h, flags)
    }

}

/// Known names of one language (`<lang>/gazetteer.tsv`: name, label, id), matched over
/// word tokens by their folded form, so that `Hà Nội`, `Ha Noi` and `HÀ NỘI` are one name;
/// with the word lists the rules and the tagger use (person titles, given names, Vietnamese
/// surnames and given-name syllables, organisation head and tail words).
final class Gazetteer: @unchecked Sendable {
    struct Entry: Sendable {
        let label: Entity.Label
        let id: String
        /// Written in capitals in the data (`EU`, `VN`, `ASEAN`): the text must be too.
        let acronym: Bool
        /// One word written with as many capitals as lowercase letters or more (`MoST`, `HoSE`,
        /// `BoJ`): the text must have two capitals in it too (`Most` and `hose` are words).
        var mixedAcronym = false
        /// One token that is also a given name (`Anh`, `Nga`, `Georgia`): weaker evidence.
        let alsoGivenName: Bool
        /// Written with a lowercase first word (`châu Âu`): the text may be too.
        let lowercaseStart: Bool
        /// Reached through the spelling without diacritics only (`Y` for `Ý`).
        var foldedOnly = false
        /// A phrase that holds a known name but is none (`Chủ Nhật`, Sunday, is not Japan's
        /// `Nhật`; `Anh ấy`, he, is not `Anh`, Britain): `<lang>/not-names.txt`. Matched like a
        /// name, so that it wins as the longer match, and then dropped.
        var notAName = false
    }

    struct Match {
        var first: Int
        var end: Int
        var entry: Entry
    }

    let language: Language
    private let names: TokenTrie<Entry>
    /// Titles and honorifics before a person's name (`Thứ trưởng`, `de heer`, `Mr.`).
    let titles: TokenTrie<Bool>
    /// Words that start (`Ministerie`, `Bộ`, `Viện`) or end (`Group`, `Universiteit`) a name, with its
    /// label; a two-word tail (`Joint Venture`) is keyed by `pair` of its words' hashes.
    let heads: TokenTrie<Entity.Label>
    /// The heads the data writes lowercase (`tỉnh`, `sông`, `bệnh viện`): only these start a name from a lowercase word.
    let lowercaseHeads: TokenTrie<Entity.Label>
    let tails: U64Table<Entity.Label>
    /// Words before a name that give its label (`tỉnh` LOC, `thành phố` LOC, `tiếng` MISC).
    let cues: TokenTrie<Entity.Label>
    /// Function words (the language stage's list): never a bridge inside a name.
    let stopwords: U64Set
    /// Compass words (`<lang>/compass-words.txt`): a known place of these words alone right before
    /// another name is a direction in it (`Tây Bắc Sonora`, northwest Sonora), not the region.
    let compassWords: U64Set
    /// Lowercase words inside a name before a capitalised one: particles of people's and
    /// organisations' names (`van`, `der`), links of organisations' names (`voor`, `of`), and
    /// conjunctions, only after an organisation's head word (`en`, `and`, `và`).
    let particles: U64Set
    let links: U64Set
    let conjunctions: U64Set
    let givenNames: U64Set
    /// Given names of the other languages' lists (`Mikhail`, `Marieke`): a foreign person in the text.
    let foreignGivenNames: U64Set
    let surnames: U64Set
    let givenSyllables: U64Set
    /// A capitalised syllable followed by a lowercase one inside a known Vietnamese name
    /// (`Tài chính`, `Khoa học`, `Điện lực`): such pairs continue an organisation's name.
    let nameBigrams: U64Set

    private init(_ language: Language) throws {
        self.language = language
        let lang = language.rawValue
        let given = try Self.wordSet(ResourceData.optionalLines("\(lang)/given-names.txt") + ResourceData.optionalLines("\(lang)/given-syllables.txt"))
        givenNames = given
        foreignGivenNames = try Self.wordSet(ResourceData.optionalLines("en/given-names.txt") + ResourceData.optionalLines("nl/given-names.txt"))
        surnames = try Self.wordSet(ResourceData.optionalLines("vi/surnames.txt"))
        givenSyllables = try Self.wordSet(ResourceData.optionalLines("vi/given-syllables.txt"))
        var names = TokenTrie<Entry>()
        var bigrams = U64Set()
        for row in try ResourceData.optionalTable("\(lang)/gazetteer.tsv") where row.count >= 3 {
            guard let label = Entity.Label(rawValue: row[1]) else { continue }
            // Scalar tables, not Unicode property lookups: thousands of names load at start-up.
            let scalars = row[0].unicodeScalars.map(\.value)
            let acronym = scalars.filter(Scalars.isLetter).count >= 2 && !scalars.contains(where: Scalars.isLowercase)
            let uppers = scalars.filter(Scalars.isUppercase).count, lowers = scalars.filter(Scalars.isLowercase).count
            for (k, hashes) in Self.spellings(row[0]).enumerated() where !hashes.isEmpty {
                var entry = Entry(label: label, id: row[2], acronym: acronym, alsoGivenName: hashes.count == 1 && given.contains(hashes[0]),
                                  lowercaseStart: row[0].first?.isLowercase == true)
                entry.foldedOnly = k == 1
                entry.mixedAcronym = hashes.count == 1 && lowers > 0 && uppers >= 2 && uppers >= lowers
                names.insert(hashes, entry)
            }
            // Capitalised-then-lowercase syllable pairs of multi-word names.
            let words = row[0].split(separator: " ")
            for (a, b) in zip(words, words.dropFirst()) where a.first?.isUppercase == true && b.first?.isLowercase == true {
                bigrams.insert(Self.pair(Self.hash(String(a)), Self.hash(String(b))))
                bigrams.insert(Self.pair(Self.hash(String(a), folded: true), Self.hash(String(b), folded: true)))
            }
        }
        for phrase in try ResourceData.optionalLines("\(lang)/not-names.txt") {
            for hashes in Self.spellings(phrase) where !hashes.isEmpty {
                var entry = Entry(label: .MISC, id: "", acronym: false, alsoGivenName: false, lowercaseStart: false)
                entry.notAName = true
                names.insert(hashes, entry)
            }
        }
        self.names = names
        nameBigrams = bigrams
        var titles = TokenTrie<Bool>()
        for t in try ResourceData.optionalLines("\(lang)/person-titles.txt") { for h in Self.spellings(t) { titles.insert(h, true) } }
        self.titles = titles
        var heads = TokenTrie<Entity.Label>()
        var lowercaseHeads = TokenTrie<Entity.Label>()
        var tails = U64Table<Entity.Label>()
        // English tail words too: company names keep them in every language (`… Partners`).
        let englishTails = lang == "en" ? [] : try ResourceData.optionalTable("en/org-patterns.tsv").filter { $0.count >= 3 && $0[1] == "tail" }
        for row in try englishTails + ResourceData.optionalTable("\(lang)/org-patterns.tsv") where row.count >= 3 {
            guard let label = Entity.Label(rawValue: row[2]) else { continue }
            // `both`: a word that starts some names and ends others (Universiteit, Museum).
            for h in Self.spellings(row[0]) {
                if row[1] == "head" || row[1] == "both" {
                    heads.insert(h, label)
                    if row[0].first?.isLowercase == true { lowercaseHeads.insert(h, label) }
                }
                // One- and two-word tails (`Group`, `Joint Venture`), keyed by their last words.
                if row[1] == "tail" || row[1] == "both" {
                    if h.count == 1 { tails[h[0]] = label } else if h.count == 2 { tails[Self.pair(h[0], h[1])] = label }
                }
            }
        }
        self.heads = heads
        self.lowercaseHeads = lowercaseHeads
        self.tails = tails
        var cues = TokenTrie<Entity.Label>()
        for row in try ResourceData.optionalTable("\(lang)/name-cues.tsv") where row.count >= 2 {
            if let label = Entity.Label(rawValue: row[1]) { for h in Self.spellings(row[0]) { cues.insert(h, label) } }
        }
        self.cues = cues
        stopwords = try Self.wordSet(ResourceData.optionalLines("\(lang)/stopwords.txt"))
        compassWords = try Self.wordSet(ResourceData.optionalLines("\(lang)/compass-words.txt"))
        let connectorRows = try ResourceData.optionalTable("\(lang)/name-connectors.tsv")
        particles = Self.wordSet(connectorRows.filter { $0.count >= 2 && $0[1] == "particle" }.map { $0[0] })
        links = Self.wordSet(connectorRows.filter { $0.count >= 2 && $0[1] == "link" }.map { $0[0] })
        conjunctions = Self.wordSet(connectorRows.filter { $0.count >= 2 && $0[1] == "conjunction" }.map { $0[0] })
    }

    private static let loaded: [Language: Result<Gazetteer, Error>] = {
        var d: [Language: Result<Gazetteer, Error>] = [:]
        for l in Language.known { d[l] = Result { try Gazetteer(l) } }
        return d
    }()

    /// Every name of an id in a language, folded like canonical forms (`RU` → `rusland`,
    /// `russische federatie` …): for `mekong diff`, built on first use.
    static func namesByID(_ language: Language) -> [String: [String]] { namesByIDLoaded[language] ?? [:] }

    private static let namesByIDLoaded: [Language: [String: [String]]] = {
        var out: [Language: [String: [String]]] = [:]
        for l in Language.known {
            var byID: [String: [String]] = [:]
            for row in (try? ResourceData.optionalTable("\(l.rawValue)/gazetteer.tsv")) ?? [] where row.count >= 3 {
                byID[row[2], default: []].append(EntityCanonical.fold(Array(row[0].utf8)))
            }
            out[l] = byID
        }
        return out
    }()

    /// The gazetteer of a language, loaded once per process.
    static func shared(_ language: Language) throws -> Gazetteer? {
        try loaded[language]?.get()
    }

    /// Longest known names in a sentence, left to right, that the text writes as names:
    /// the first word capitalised (or a digit), acronyms in capitals.
    func matches(_ s: SentenceTokens) -> [Match] {
        var unused: [Range<Int>] = []
        return matches(s, notNames: &unused)
    }

    /// The same, with the token ranges of the not-name phrases met on the way in `notNames`
    /// (emptied first).
    func matches(_ s: SentenceTokens, notNames: inout [Range<Int>]) -> [Match] {
        notNames.removeAll(keepingCapacity: true)
        var out: [Match] = []
        var i = 0
        // Only English: Dutch and Vietnamese place names are too often common words (`komen`, `huizen`).
        let caseless = language == .en && s.isCaseless
        while i < s.count {
            guard let (end, entry) = names.longest(s.folded, from: i) else { i += 1; continue }
            if entry.notAName { notNames.append(i..<end); i = end; continue }
            // In caseless text a place or organisation counts in lowercase, unless it is one short or common word.
            let lowercaseOK = entry.lowercaseStart || caseless && entry.label != .PER && !entry.acronym && !entry.alsoGivenName
                && (end - i > 1 || s.tokens[i].end - s.tokens[i].start >= 4 && !stopwords.contains(s.folded[i]))
            guard s.isCapitalized(i) || s.isAllCapitals(i) || lowercaseOK else { i += 1; continue }
            if entry.acronym && !(i..<end).allSatisfy({ s.isAllCapitals($0) || !s.isWord($0) }) { i += 1; continue }
            if entry.mixedAcronym && !s.hasSeveralCapitals(i) { i += 1; continue }
            // A one- or two-letter word without its diacritics is too weak (`Y` of `Y te` is not `Ý`).
            if entry.foldedOnly && end == i + 1 && s.tokens[i].end - s.tokens[i].start <= 2 { i += 1; continue }
            if end < s.count, s.isCapitalized(end), (i..<end).allSatisfy({ compassWords.contains(s.folded[$0]) }) { i = end; continue }
            out.append(Match(first: i, end: end, entry: entry))
            i = end
        }
        return out
    }

    /// Whether a phrase of `<lang>/not-names.txt` starts at token `i` (`Chu Nhat` is Sunday
    /// before it is uncle Nhật).
    func startsNotAName(_ s: SentenceTokens, at i: Int) -> Bool { notANameEnd(s, at: i) != nil }

    /// Where the not-name phrase starting at token `i` ends, if one does.
    func notANameEnd(_ s: SentenceTokens, at i: Int) -> Int? {
        guard let (end, e) = names.longest(s.folded, from: i), e.notAName else { return nil }
        return end
    }

    /// The entry of exactly the tokens `range`, if they are a known name.
    func entry(_ s: SentenceTokens, _ range: Range<Int>) -> Entry? {
        guard let (end, e) = names.longest(s.folded, from: range.lowerBound, limit: range.upperBound), end == range.upperBound, !e.notAName else { return nil }
        return e
    }

    // MARK: Hashes

    /// FNV-1a over the lowercase scalars of `p[r]`, dashes as `-`, apostrophes as `'`.
    /// Text written with diacritics matches only names with the same diacritics (`Phó` is
    /// not `Phố`); text written without them is plain ASCII, and every name is also stored
    /// without diacritics (`folded`), so `Ha Noi` finds `Hà Nội`.
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, folded: Bool = false) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = r.lowerBound
        while i < r.upperBound {
            let (v, n) = Scalars.decode(p, at: i)
            i += n
            let f = folded ? Scalars.folded(v) : Scalars.lowercased(v)
            if f == 0 { continue }
            h = (h ^ UInt64(hashScalar(f))) &* 0x100_0000_01b3
        }
        return h
    }

    /// Dashes hash as `-`, the right single quote as `'`.
    @inline(__always)
    static func hashScalar(_ f: UInt32) -> UInt32 {
        f == 0x2010 || f == 0x2011 || f == 0x2013 || f == 0x2014 ? 0x2D : f == 0x2019 ? 0x27 : f
    }

    static func hash(_ s: String, folded: Bool = false) -> UInt64 {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer { hash($0, 0..<$0.count, folded: folded) }
    }

    /// The hashes of the tokens of a name, tokenised as text is: as written (lowercase) and
    /// without diacritics (one sequence when they are the same).
    static func spellings(_ name: String) -> [[UInt64]] {
        let bytes = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { p in
            var tokens: [WordToken] = []
            EntityTokenizer.tokenize(p, 0..<p.count, into: &tokens)
            let exact = tokens.map { hash(p, $0.range) }
            let folded = tokens.map { hash(p, $0.range, folded: true) }
            return exact == folded ? [exact] : [exact, folded]
        }
    }

    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* 0x9E37_79B9_7F4A_7C15) ^ b }

    /// Whether the word of hash `h` is a particle, link or conjunction (`van`, `of`, `và`): a word
    /// inside a name, never its end.
    func isConnector(_ h: UInt64) -> Bool { particles.contains(h) || links.contains(h) || conjunctions.contains(h) }

    /// Whether `phrase` is one whole person title of this language (`Judge`, `rechter`, `Chief Executive`).
    func isTitle(_ phrase: String) -> Bool {
        Self.spellings(phrase).contains { h in !h.isEmpty && titles.longest(h, from: 0)?.0 == h.count }
    }

    private static func wordSet(_ lines: [String]) -> U64Set {
        var set = U64Set()
        for line in lines {
            guard let word = line.split(separator: "\t").first.map(String.init) else { continue }
            set.insert(hash(word))
            set.insert(hash(word, folded: true))
        }
        return set
    }
}

/// A trie over token hashes: phrases of known words found without building strings.
struct TokenTrie<Value: Sendable>: Sendable {
    private var edges = U64Table<Int32>(capacity: 1024)
    private var values: [Value?] = [nil]

    var isEmpty: Bool { values.count == 1 }

    private static func key(_ node: Int, _ h: UInt64) -> UInt64 { (UInt64(node) &* 0xD6E8_FEB8_6659_FD93) ^ h }

    mutating func insert(_ hashes: [UInt64], _ value: Value) {
        guard !hashes.isEmpty else { return }
        var node = 0
        for h in hashes {
            if let next = edges[Self.key(node, h)] { node = Int(next); continue }
            values.append(nil)
            edges[Self.key(node, h)] = Int32(values.count - 1)
            node = values.count - 1
        }
        // The first spelling of a phrase wins (files are sorted; duplicates after folding are variants).
        if values[node] == nil { values[node] = value }
    }

    /// The longest phrase starting at token `from` (ending by `limit`): its end and value.
    func longest(_ hashes: [UInt64], from: Int, limit: Int? = nil) -> (Int, Value)? {
        var node = 0
        var best: (Int, Value)?
        var i = from
        let end = min(limit ?? hashes.count, hashes.count)
        while i < end, let next = edges[Self.key(node, hashes[i])] {
            node = Int(next)
            i += 1
            if let v = values[node] { best = (i, v) }
        }
        return best
    }
}
