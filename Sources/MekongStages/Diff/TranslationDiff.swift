import Foundation
import MekongCore

/// One thing a translation did not keep (or added), as `mekong diff` reports it.
public struct DiffFinding: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case number_missing, number_added, value_changed, scale_changed, unit_changed, qualifier_changed
        case entity_missing, entity_added, entity_changed, sentence_omitted, sentence_added, entity_inconsistent
    }
    public enum Severity: String, Sendable { case error, warning }
    /// Where, on one side: the sentence index and the byte span in that side's text.
    public struct Location: Sendable {
        public var sentence: Int
        public var span: TextSpan
    }
    public enum Item: Sendable {
        case claim(Claim)
        case entity(Entity)
    }

    public var kind: Kind
    public var severity: Severity
    public var original: Location?
    public var translation: Location?
    public var expected: Item?
    public var found: Item?
    public var message: String
}

/// The diff of a document and its translation: aligned sentence groups and findings.
public struct TranslationDiff: Sendable {
    public var original: Document
    public var translation: Document
    public var groups: [SentenceAligner.Group]
    public var findings: [DiffFinding]
}

/// Compares an original and its translation, both already through the pipeline with the
/// entities and claims stages: aligns their sentences, then compares in each aligned group
/// every number (normalized value, unit, qualifier) and every name (id, canonical form).
public enum TranslationDiffer {
    public static func diff(original: Document, translation: Document) -> TranslationDiff {
        let a = SideIndex(original), b = SideIndex(translation)
        let groups = SentenceAligner().align(a.alignerSentences, b.alignerSentences)
        var findings: [DiffFinding] = []
        for g in groups {
            // A "sentence" of marks alone (a closing quote the segmenter left on its own) says nothing.
            if g.translation.isEmpty {
                for i in g.original where a.hasWords(i) { findings.append(sentenceFinding(.sentence_omitted, a, i, original: true)) }
                continue
            }
            if g.original.isEmpty {
                for j in g.translation where b.hasWords(j) { findings.append(sentenceFinding(.sentence_added, b, j, original: false)) }
                continue
            }
            compareClaims(a, g.original, b, g.translation, into: &findings)
            compareLoneDigits(a, g.original, b, g.translation, into: &findings)
            let before = findings.count
            compareEntities(a, g.original, b, g.translation, into: &findings)
            if findings[before...].allSatisfy({ $0.kind != .entity_changed }) {
                compareKeptNames(a, g.original, b, g.translation, into: &findings)
            }
        }
        findings += inconsistencies(a, original: true) + inconsistencies(b, original: false)
        return TranslationDiff(original: original, translation: translation, groups: groups, findings: findings)
    }

    // MARK: One side

    /// A side's sentences with their claims and entities.
    struct SideIndex {
        let document: Document
        var claims: [[Claim]] = []
        var entities: [[Entity]] = []

        init(_ d: Document) {
            document = d
            lexicon = (try? EntityLexicon.shipped(d.mainLanguage)) ?? nil
            titleLists = [d.mainLanguage, .en].compactMap { (try? Gazetteer.shared($0)) ?? nil }
            romanNumerals = d.sentences.map { Self.romanNumerals(d.text[$0.span.range]) }
            // Scalars, not Characters: Character properties made this the slowest part of a diff.
            let folded = Array(EntityCanonical.fold(d.text).utf8)
            let spans = Self.words(folded, shingles: true)
            var runs = Set<String>()
            for i in spans.indices {
                for n in 1...5 where i + n <= spans.count {
                    let j = i + n - 1
                    // Only runs of words separated by blanks (and apostrophes), as canonical forms are.
                    if n > 1 && !folded[spans[j - 1].upperBound..<spans[j].lowerBound].allSatisfy({ $0 == 0x20 || $0 == 0x27 }) { break }
                    runs.insert(String(decoding: folded[spans[i].lowerBound..<spans[j].upperBound], as: UTF8.self))
                }
            }
            shingles = runs
            var spread: [String: Int] = [:]
            sentenceWords = d.sentences.map { s in
                let folded = Array(EntityCanonical.fold(d.text[s.span.range]).utf8)
                let set = Set(Self.words(folded, shingles: false).map { String(decoding: folded[$0], as: UTF8.self) })
                for w in set { spread[w, default: 0] += 1 }
                return set
            }
            sentencesWith = spread
            ids = Set(d.entities.compactMap(\.id))
            canonicals = Set(d.entities.map(\.canonical))
            personWords = Set(d.entities.filter { $0.label == .PER }.flatMap { $0.canonical.split(separator: " ") })
            claims = Array(repeating: [], count: d.sentences.count)
            entities = Array(repeating: [], count: d.sentences.count)
            for c in d.claims { if let k = Self.sentence(of: c.span, in: d) { claims[k].append(c) } }
            for e in d.entities { if let k = Self.sentence(of: e.span, in: d) { entities[k].append(e) } }
            digitRuns = Array(repeating: [], count: d.sentences.count)
            loneDigits = Array(repeating: [], count: d.sentences.count)
            let months = (try? ClaimLexicon.shared(d.mainLanguage == .und ? .en : d.mainLanguage))??.months
            self.months = months
            let scratch = ClaimText()
            for (k, sentence) in d.sentences.enumerated() {
                let range = sentence.span.range
                var i = range.lowerBound
                while i < range.upperBound {
                    guard d.text[i] >= 0x30 && d.text[i] <= 0x39 else { i += 1; continue }
                    var j = i
                    while j < range.upperBound && d.text[j] >= 0x30 && d.text[j] <= 0x39 { j += 1 }
                    let run = String(decoding: d.text[i..<j], as: UTF8.self)
                    digitRuns[k].insert(run)
                    if !claims[k].contains(where: { $0.span.range.contains(i) }) { loneDigits[k].append(TextSpan(i, j)) }
                    i = j
                }
                // The number of a month's name (`tháng 6`, June) is the month, not an identifier.
                guard !loneDigits[k].isEmpty, let months else { continue }
                d.text.withUnsafeBufferPointer { p in scratch.load(UnsafeBufferPointer(rebasing: p[range]), base: range.lowerBound) }
                let offsets = scratch.byteOffsets
                loneDigits[k].removeAll { span in
                    guard let end = offsets.firstIndex(of: span.range.upperBound), let m = months.match(scratch.lower, endingAt: end) else { return false }
                    return offsets[end - m.length] < span.range.lowerBound
                }
            }
        }

        /// The runs of ASCII digits of each sentence, and where those that no claim covers are
        /// (numbers in names and identifiers: `Flight 6321`, `London 2012`, a phone number).
        var digitRuns: [Set<String>] = []
        var loneDigits: [[TextSpan]] = []
        /// The side's month names (`November`, `tháng 11`, `Sept.`).
        let months: PhraseTable<Int>?

        /// Whether sentences `r` write a name of `month` at a word's start, whether or not the
        /// claims stage took it for the month (`May` without a cue, `Sept.`).
        func writesMonth(_ month: Int, in r: Range<Int>) -> Bool {
            guard let months else { return false }
            let t = ClaimText()
            for k in r {
                let range = document.sentences[k].span.range
                document.text.withUnsafeBufferPointer { p in t.load(UnsafeBufferPointer(rebasing: p[range]), base: range.lowerBound) }
                for i in 0..<t.count where t.isLetter(i) && !t.isLetter(i - 1) {
                    if let m = months.match(t.lower, at: i), m.value == month { return true }
                }
            }
            return false
        }

        static func sentence(of span: TextSpan, in d: Document) -> Int? {
            let start = span.range.lowerBound
            var lo = 0, hi = d.sentences.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if d.sentences[mid].span.range.upperBound <= start { lo = mid + 1 } else { hi = mid }
            }
            return lo < d.sentences.count && d.sentences[lo].span.range.contains(start) ? lo : nil
        }

        var alignerSentences: [SentenceAligner.Sentence] {
            document.sentences.indices.map { k in
                var anchors = Set<String>()
                for c in claims[k] { if let key = TranslationDiffer.claimKey(c) { anchors.insert(key) } }
                for e in entities[k] where e.label != .MISC || e.id != nil { anchors.insert("e:" + (e.id ?? e.canonical)) }
                // Names the tagger did not find are kept as written across the three languages: a
                // capitalized word inside the sentence (not its first) is an anchor too.
                anchors.formUnion(capitalizedWords(k).map { "w:" + $0 })
                // Length in characters: UTF-8 continuation bytes do not count.
                let length = document.text[document.sentences[k].span.range].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                return SentenceAligner.Sentence(length: length, anchors: anchors)
            }
        }

        func text(_ span: TextSpan) -> String { document.string(span) }

        /// The values (as digits) of the Roman numerals each sentence writes after a capitalized word
        /// (`WO I`, `Elizabeth II`, `World War II`): a lone `I` counts only after a word in capitals,
        /// since English `I` is a pronoun.
        let romanNumerals: [[String]]

        static func romanNumerals(_ text: ArraySlice<UInt8>) -> [String] {
            // ASCII words (runs of letters; a non-ASCII byte is a letter of some other word).
            func isLetter(_ b: UInt8) -> Bool { b >= 0x80 || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
            var out: [String] = []
            var previous: ArraySlice<UInt8> = []
            var i = text.startIndex
            while i < text.endIndex {
                guard isLetter(text[i]) else { i += 1; continue }
                var j = i
                while j < text.endIndex && isLetter(text[j]) { j += 1 }
                let word = text[i..<j]
                if word.count <= 6, word.allSatisfy({ "IVXL".utf8.contains($0) }), let first = previous.first, first >= 0x41 && first <= 0x5A,
                   word.count > 1 || previous.count > 1 && previous.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }),
                   let value = romanValue(word) {
                    out.append(String(value))
                }
                previous = word
                i = j
            }
            return out
        }

        static func romanValue(_ w: ArraySlice<UInt8>) -> Int? {
            let values: [UInt8: Int] = [0x49: 1, 0x56: 5, 0x58: 10, 0x4C: 50]
            var total = 0
            let digits = w.compactMap { values[$0] }
            for (i, v) in digits.enumerated() { total += i + 1 < digits.count && digits[i + 1] > v ? -v : v }
            return total > 0 && total < 90 ? total : nil
        }

        /// The language's word lists (`EntityLexicon`), where it has them (Dutch).
        let lexicon: EntityLexicon?

        /// A word the language writes in lowercase, capitalized here (`Schoonheid`, `Vermijd`), or a
        /// compound ending in one (`Rampenpreventie`, `Gevangeniswezen`): no name.
        func isCommonWord(_ word: String) -> Bool { Self.isCommonWord(word, lexicon) }

        /// A common word of the side's language or, on a side in another language, of English, whose
        /// names and titles other languages keep (`Game of Thrones`, `Inverewe Gardens`).
        func isCommonWordHereOrInEnglish(_ word: String) -> Bool {
            isCommonWord(word) || document.mainLanguage != .en && Self.isCommonWord(word, Self.englishLexicon)
        }

        static let englishLexicon = (try? EntityLexicon.shipped(.en)) ?? nil

        /// The gazetteers whose person titles the side may write: its language's and English.
        let titleLists: [Gazetteer]

        /// A person's title in the side's language or in English (`Judge`, `Chief Executive`).
        func isTitle(_ phrase: String) -> Bool { titleLists.contains { $0.isTitle(phrase) } }

        /// The same with the word lists of `lexicon`; a word they also list as a place, a given name or
        /// a surname (English: `Rose`, `Bill`) is no common word. (Dutch lists names of every kind as
        /// one, many of them common nouns too: `Bekken`; they do not count here.)
        static func isCommonWord(_ word: String, _ lexicon: EntityLexicon?) -> Bool {
            guard let lexicon else { return false }
            let names = TokenInfo.placeName | TokenInfo.givenName | TokenInfo.surname
            func common(_ w: String) -> Bool {
                let flags = EntityLexicon.flags(lexicon.entry(EntityLexicon.hash(w), capitalised: true))
                return flags & TokenInfo.usuallyLowercase != 0 && flags & names == 0
            }
            if common(word) { return true }
            let scalars = Array(word.unicodeScalars)
            guard scalars.count >= 10 else { return false }
            for start in 3...(scalars.count - 5) {
                var tail = String.UnicodeScalarView()
                tail.append(contentsOf: scalars[start...])
                if common(String(tail)) { return true }
            }
            return false
        }

        /// Whether sentence `k` holds a letter or a digit.
        func hasWords(_ k: Int) -> Bool {
            document.text.withUnsafeBufferPointer { p in
                var i = document.sentences[k].span.range.lowerBound
                while i < document.sentences[k].span.range.upperBound {
                    let (v, n) = Scalars.decode(p, at: i)
                    if Scalars.isLetter(v) || Scalars.isDigit(v) { return true }
                    i += n
                }
                return false
            }
        }

        /// The capitalized words of a sentence of four letters or more, but its first, folded.
        func capitalizedWords(_ k: Int) -> Set<String> {
            Set(nameWords(k).filter { !$0.first }.map(\.folded))
        }

        /// The byte ranges of the words of folded text: runs of letters, or with `shingles` of
        /// letters, digits and hyphens (as canonical forms are written).
        static func words(_ p: [UInt8], shingles: Bool) -> [Range<Int>] {
            var out: [Range<Int>] = []
            p.withUnsafeBufferPointer { p in
                var i = 0, start = -1
                while i < p.count {
                    let (v, n) = Scalars.decode(p, at: i)
                    let inWord = Scalars.isLetter(v) || shingles && (Scalars.isDigit(v) || v == 0x2D)
                    if inWord && start < 0 { start = i } else if !inWord && start >= 0 { out.append(start..<i); start = -1 }
                    i += n
                }
                if start >= 0 { out.append(start..<p.count) }
            }
            return out
        }
        /// Every run of one to five words of the text, folded like canonical forms: a name written
        /// anywhere in the document is found in one lookup.
        let shingles: Set<String>
        /// Every word of the text (a run of letters), folded: a name the other side writes nowhere.
        /// The words (runs of letters) of each sentence, folded.
        let sentenceWords: [Set<String>]
        /// The folded words of the sentences `r`.
        func words(in r: Range<Int>) -> Set<String> {
            r.count == 1 ? sentenceWords[r.lowerBound] : r.reduce(into: Set<String>()) { $0.formUnion(sentenceWords[$1]) }
        }
        /// In how many sentences each folded word is written (a word of the text when above 0).
        let sentencesWith: [String: Int]
        func writes(_ word: String) -> Bool { sentencesWith[word] != nil }
        /// Ids and canonical forms of the document's entities, and the words of its people's names.
        let ids: Set<String>, canonicals: Set<String>, personWords: Set<Substring>

        /// Whether the document names this entity anywhere (tagged, or written as such).
        func mentions(_ e: Entity) -> Bool {
            if let id = e.id, ids.contains(id) { return true }
            return TranslationDiffer.spellings(e.canonical).contains { c in
                canonicals.contains(c) || shingles.contains(c)
                    || e.label == .PER && c.split(separator: " ").allSatisfy { personWords.contains($0) }
            }
        }
        /// A capitalized word of four letters or more with a lowercase letter (`Kowalczyk`, not `NATO`).
        struct NameWord {
            var span: TextSpan
            var folded: String
            var scalars: [Unicode.Scalar]
            /// The sentence's first word, or a quotation's or a clause's after a colon: capitalized whatever it is.
            var first: Bool
        }

        /// The capitalized words of sentence `k`, read from its bytes.
        func nameWords(_ k: Int) -> [NameWord] {
            let range = document.sentences[k].span.range
            var out: [NameWord] = []
            document.text.withUnsafeBufferPointer { p in
                var i = range.lowerBound
                var seenWord = false
                // A quotation or a clause after a colon starts with a capital too: `said: “Credit to Ayr`.
                var opensClause = true
                while i < range.upperBound {
                    let (v, n) = Scalars.decode(p, at: i)
                    guard Scalars.isLetter(v) else {
                        if Self.opensClause(v) { opensClause = true } else if v != 0x20 && !Scalars.isDigit(v) { opensClause = false }
                        i += n
                        continue
                    }
                    let start = i
                    var scalars: [Unicode.Scalar] = []
                    var lower = false
                    while i < range.upperBound {
                        let (w, m) = Scalars.decode(p, at: i)
                        guard Scalars.isLetter(w) else { break }
                        if scalars.count > 0 && Scalars.isLowercase(w) { lower = true }
                        if let u = Unicode.Scalar(w) { scalars.append(u) }
                        i += m
                    }
                    if scalars.count >= 4 && lower && Scalars.isUppercase(scalars[0].value) {
                        out.append(NameWord(span: TextSpan(start, i), folded: EntityCanonical.fold(p[start..<i]), scalars: scalars, first: !seenWord || opensClause))
                    }
                    seenWord = true
                    opensClause = false
                }
            }
            return out
        }

        /// A mark after which a clause starts with a capital: an opening quotation mark or bracket, a colon.
        static func opensClause(_ v: UInt32) -> Bool {
            Scalars.opensQuotation(v) || v == 0x28 || v == 0x5B || v == 0x3A
        }

        /// Whether a span starts at the sentence's first word (after any opening quote or bracket).
        /// Also the first word of a quotation or of a clause after a colon (`zei: ‘Vermijd …`).
        func isFirstWord(_ span: TextSpan, _ k: Int) -> Bool {
            let range = document.sentences[k].span.range
            return document.text.withUnsafeBufferPointer { p in
                var i = range.lowerBound
                while i < range.upperBound {
                    let (v, n) = Scalars.decode(p, at: i)
                    if Scalars.isLetter(v) || v >= 0x30 && v <= 0x39 { break }
                    i += n
                }
                if span.range.lowerBound <= i { return true }
                // The scalar before the span, past blanks.
                var j = span.range.lowerBound
                while j > range.lowerBound && p[j - 1] == 0x20 { j -= 1 }
                guard j > range.lowerBound else { return true }
                var start = j - 1
                while start > range.lowerBound && p[start] & 0xC0 == 0x80 { start -= 1 }
                let v = Scalars.decode(p, at: start).0
                return Self.opensClause(v)
            }
        }

        func folded(_ range: Range<Int>) -> String {
            range.map { EntityCanonical.fold(document.text[document.sentences[$0].span.range]) }.joined(separator: " ")
        }
    }

    // MARK: Claims

    /// A claim's normalized meaning as one key: value (or bounds), unit; dates by their ISO value.
    static func claimKey(_ c: Claim) -> String? {
        if c.kind == .date, let v = c.value { return "d:" + v }
        if let v = c.value { return "n:\(v)|\(c.unit ?? "")" }
        if c.low != nil || c.high != nil { return "r:\(c.low ?? "")-\(c.high ?? "")|\(c.unit ?? "")" }
        return nil
    }

    /// The same digits with the thousands grouped by the other language's mark (`10,000` / `10.000`):
    /// one number, whichever way a reader takes it.
    static func sameDigits(_ c: Claim, _ a: SideIndex, _ d: Claim, _ b: SideIndex) -> Bool {
        guard c.unit == d.unit, c.kind == d.kind || c.unit == nil else { return false }
        let x = a.text(c.span).filter(\.isNumber), y = b.text(d.span).filter(\.isNumber)
        guard x.count >= 4, x == y, let p = number(c), let q = number(d), p != q else { return false }
        let r = p > q ? p / q : q / p
        return r == 1000 || r == 1_000_000
    }

    /// The same measure in two units of one dimension (feet and metres): within 5 % (25 % for a figure of one digit), and no
    /// further apart than the last written digit of the coarser figure (`385 miles` is `620 km`
    /// or `619.6 km`, not `623 km`; `about 400 miles` may be `650 km`).
    /// Two ranges convert bound by bound (`2 to 4 inches` is `5 tot 10 cm`).
    static func converted(_ c: Claim, _ d: Claim) -> Bool {
        guard let u = c.unit, let v = d.unit, u != v, let shared = try? ClaimShared.shared(),
              let f = shared.unitFactors[u], let g = shared.unitFactors[v], f.dimension == g.dimension else { return false }
        func close(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b, let x = Decimal(string: a, locale: Locale(identifier: "en_US_POSIX")),
                  let y = Decimal(string: b, locale: Locale(identifier: "en_US_POSIX")), y != 0 else { return false }
            let ratio = NSDecimalNumber(decimal: x * f.size / (y * g.size)).doubleValue
            // Within 5 %, or 25 % for a figure of one digit, rounded as coarsely as it is written (`1 inch` is `3 cm`).
            guard abs(ratio - 1) <= (x < 10 || y < 10 ? 0.25 : 0.05) else { return false }
            var gap = x * f.size - y * g.size
            if gap < 0 { gap = -gap }
            return gap <= max(granularity(a) * f.size, granularity(b) * g.size)
        }
        if isRange(c) || isRange(d) { return isRange(c) && isRange(d) && close(c.low, d.low) && close(c.high, d.high) }
        return c.kind != .time && c.kind != .date && d.kind != .time && d.kind != .date && close(c.value, d.value)
    }

    /// The place value of a figure's last significant digit: 10 for `620`, 0.01 for `1.83`, 1 for `623`.
    static func granularity(_ c: Claim) -> Decimal {
        guard let v = c.value ?? c.high ?? c.low else { return 1 }
        return granularity(v)
    }

    static func granularity(_ v: String) -> Decimal {
        let digits = Array(v.utf8)
        if let point = digits.firstIndex(of: UInt8(ascii: ".")) {
            return Decimal(sign: .plus, exponent: -(digits.count - point - 1), significand: 1)
        }
        guard let last = digits.lastIndex(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) else { return 1 }
        return Decimal(sign: .plus, exponent: digits.count - last - 1, significand: 1)
    }

    /// Two vague amounts of one order of magnitude (`dozens` = `tientallen` = `hàng chục`, `hundreds`
    /// = `hàng trăm`): each language puts its lower bound elsewhere (24 or 20, 200 or 100).
    static func vagueAlike(_ c: Claim, _ d: Claim) -> Bool {
        guard c.value == nil, d.value == nil, c.high == nil, d.high == nil, c.unit == d.unit || c.unit == nil || d.unit == nil,
              let p = c.low.flatMap({ Double($0) }), let q = d.low.flatMap({ Double($0) }), p > 0, q > 0 else { return false }
        return floor(log10(p)) == floor(log10(q))
    }

    /// A temperature in Fahrenheit on one side and in Celsius on the other (`a sunny 80 degrees` /
    /// `26 graden`): `c` in °F or plain degrees, `d` in °C or plain degrees, within one degree of the conversion.
    static func fahrenheitToCelsius(_ c: Claim, _ d: Claim) -> Bool {
        guard c.unit == "°F" || c.unit == "°", d.unit == "°C" || d.unit == "°", c.unit != d.unit || c.unit == "°",
              let f = number(c), let x = number(d), !isRange(c), !isRange(d) else { return false }
        let celsius = (NSDecimalNumber(decimal: f).doubleValue - 32) * 5 / 9
        return abs(celsius - NSDecimalNumber(decimal: x).doubleValue) <= 1
    }

    /// A decade written in full on one side and by its tens on the other (`the 1980s` / `de jaren
    /// tachtig`, `jaren 80`): a round year against its last two digits, both without a unit.
    static func sameDecade(_ c: Claim, _ d: Claim) -> Bool {
        guard c.unit == nil, d.unit == nil, let y = number(c), let t = number(d), y >= 1900, y <= 2090, t >= 10, t <= 90 else { return false }
        let year = NSDecimalNumber(decimal: y).intValue, tens = NSDecimalNumber(decimal: t).intValue
        return Decimal(year) == y && Decimal(tens) == t && year % 10 == 0 && tens % 10 == 0 && year % 100 == tens
    }

    /// A range: both bounds set.
    static func isRange(_ c: Claim) -> Bool { c.low != nil && c.high != nil }

    /// Two ranges with the same bounds, one side's unit left implicit.
    static func sameBounds(_ c: Claim, _ d: Claim) -> Bool {
        isRange(c) && isRange(d) && c.low == d.low && c.high == d.high && (c.unit == nil || d.unit == nil || c.unit == d.unit)
    }

    /// The claim's value as a number; nil for dates and clock times (`Decimal(string: "19:30")`
    /// would read the 19 and stop).
    static func number(_ c: Claim) -> Decimal? {
        guard c.kind != .time && c.kind != .date else { return nil }
        return (c.value ?? c.high ?? c.low).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
    }

    /// A date claim's parts: `2025-11-21`, `--11-21` (no year), `2017-06` and `--06` (a month).
    struct DateParts: Equatable {
        var year: Int?
        var month: Int
        var day: Int?

        /// A year alone (month 0), to pair with a date of that year.
        init(year: Int) { self.year = year; month = 0; day = nil }

        init?(_ c: Claim) {
            guard c.kind == .date, let v = c.value else { return nil }
            let parts = v.split(separator: "-", omittingEmptySubsequences: false)
            // `--11-21` splits into ["", "", "11", "21"].
            if parts.count >= 3, parts[0].isEmpty, parts[1].isEmpty, let m = Int(parts[2]) {
                year = nil; month = m; day = parts.count > 3 ? Int(parts[3]) : nil
            } else if parts.count >= 2, let y = Int(parts[0]), let m = Int(parts[1]) {
                year = y; month = m; day = parts.count > 2 ? Int(parts[2]) : nil
            } else {
                return nil
            }
        }
    }

    /// Dates match when the translation drops a year its context keeps (`21 november` for
    /// `2025-11-21` in a group, or after a sentence, that writes 2025), or adds one (`juni 2017` for
    /// `June`); a month is not a day of it (`September` is not `September 29`).
    static func sameDate(_ x: Claim, _ y: Claim, yearsKept: Set<String>) -> Bool {
        guard let a = DateParts(x), let b = DateParts(y), a.month == b.month, a.day == b.day else { return false }
        if a.year == b.year || a.year == nil { return true }
        return b.year == nil && yearsKept.contains(String(a.year!))
    }

    /// A month alone (`--11`, `2017-06`): no day.
    static func isMonth(_ c: Claim) -> Bool { DateParts(c).map { $0.day == nil } ?? false }

    /// Small numbers in words without a unit (`one of the`, `hai bên`), or with a unit of time
    /// (`een jaar` for `a year`, `một tuần`, `meer dan tien jaar` for `more than a decade`), come
    /// and go with translation style: they are not reported as missing or added.
    static func isIncidental(_ c: Claim, _ side: SideIndex) -> Bool {
        guard c.unit == nil && [.count, .number, .ordinal].contains(c.kind) || c.kind == .quantity && c.unit.map(durations.contains) == true,
              let v = number(c), v <= 10 else { return false }
        return !side.text(c.span).contains(where: \.isNumber)
    }

    /// A hedge one side leaves out (`up to 3,000` / `3.000`, `ước tính 11 triệu` / `11 miljoen`,
    /// `tot 832` where `tot` is the preposition): translators add and drop these freely, while
    /// a bound that appears or changes (`more than`, `at least`, `ongeveer` → `meer dan`) is reported.
    static func isHedgeDroppedOrAdded(_ p: Claim.Qualifier?, _ q: Claim.Qualifier?) -> Bool {
        let hedges: Set<Claim.Qualifier> = [.about, .nearly, .upTo]
        if p == nil, let q { return hedges.contains(q) }
        if q == nil, let p { return hedges.contains(p) }
        return false
    }

    /// A claim's value for a message: the value, or a range's bounds.
    static func shown(_ c: Claim) -> String {
        if let v = c.value { return v }
        if let l = c.low, let h = c.high { return l + "–" + h }
        return c.low ?? c.high ?? "?"
    }

    /// Units of time (canonical codes, as the claims stage writes them).
    static let durations: Set<String> = ["year", "month", "week", "day", "h", "min", "s"]

    static func isMinor(_ c: Claim) -> Bool { c.unit == nil && [.count, .number, .ordinal, .year].contains(c.kind) || isMonth(c) }

    static func compareClaims(_ a: SideIndex, _ x: Range<Int>, _ b: SideIndex, _ y: Range<Int>, into findings: inout [DiffFinding]) {
        var left = x.flatMap { k in a.claims[k].map { (k, $0) } }
        var right = y.flatMap { k in b.claims[k].map { (k, $0) } }
        // Years the translation writes in the group or the sentence before it: a date may leave them out.
        let yearsKept = (max(0, y.lowerBound - 1)..<y.upperBound).reduce(into: Set<String>()) { $0.formUnion(b.digitRuns[$1]) }
        func location(_ k: Int, _ c: Claim) -> DiffFinding.Location { .init(sentence: k, span: c.span) }
        // 0. A range written on the other side as its two bounds (`từ 18 đến 29 tuổi` / `18- to 29-year-olds`).
        func bounds(_ r: (Int, Claim), in other: inout [(Int, Claim)]) -> Bool {
            guard isRange(r.1), let lo = r.1.low.flatMap({ Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }),
                  let hi = r.1.high.flatMap({ Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }) else { return false }
            func fits(_ c: Claim, _ v: Decimal) -> Bool {
                !isRange(c) && c.kind != .date && number(c) == v && (c.unit == nil || r.1.unit == nil || c.unit == r.1.unit)
            }
            guard let a = other.firstIndex(where: { fits($0.1, lo) }), let b = other.indices.first(where: { $0 != a && fits(other[$0].1, hi) }) else { return false }
            other.remove(at: max(a, b))
            other.remove(at: min(a, b))
            return true
        }
        left.removeAll { c in isRange(c.1) && !right.contains { sameBounds(c.1, $0.1) } && bounds(c, in: &right) }
        right.removeAll { d in isRange(d.1) && !left.contains { sameBounds($0.1, d.1) } && bounds(d, in: &left) }
        // 1. The same meaning on both sides; then their qualifiers. Same value, unit and kind first, then the
        // looser sameness below: `một ngày` (a day) or the ordinal `first` must not take the `1` a score
        // (`1-0`, `4-1`) has on both sides.
        for strict in [true, false] {
            var i = 0
            while i < left.count {
                let (k, c) = left[i]
                let key = claimKey(c)
                // Also the same: one value where a side leaves the unit implicit (`37` and `37-jarige`) or
                // says it another way (`ten years`, `mười năm`); a measure converted to another unit (`6 feet`
                // = `1,83 m`, within 5 %); the same digits grouped the other language's way (`10,000` in
                // Vietnamese text read as 10).
                // Two ranges are the same only with both bounds the same (`30 to 43` is not `33 to 43`).
                let found = strict ? right.firstIndex { key != nil && claimKey($0.1) == key && $0.1.kind == c.kind }
                    : right.firstIndex { key != nil && claimKey($0.1) == key || sameDate(c, $0.1, yearsKept: yearsKept) || sameBounds(c, $0.1)
                                         || number(c) != nil && number(c) == number($0.1) && c.kind != .date && $0.1.kind != .date
                                            && !(isRange(c) && isRange($0.1))
                                            && (c.unit == nil || $0.1.unit == nil || c.unit == $0.1.unit)
                                         || converted(c, $0.1) || sameDigits(c, a, $0.1, b) || vagueAlike(c, $0.1)
                                         || sameDecade(c, $0.1) || sameDecade($0.1, c) || fahrenheitToCelsius(c, $0.1) || fahrenheitToCelsius($0.1, c) }
                guard let j = found else { i += 1; continue }
                let (l, d) = right[j]
                if c.qualifier != d.qualifier && !Self.isHedgeDroppedOrAdded(c.qualifier, d.qualifier) {
                    findings.append(DiffFinding(kind: .qualifier_changed, severity: c.qualifier != nil && d.qualifier != nil ? .error : .warning,
                                                original: location(k, c), translation: location(l, d), expected: .claim(c), found: .claim(d),
                                                message: "qualifier \(c.qualifier?.rawValue ?? "none") became \(d.qualifier?.rawValue ?? "none")"))
                }
                left.remove(at: i)
                right.remove(at: j)
            }
        }
        // A measure restated in another unit on its own side (`300 km (190 miles)`): translators keep one
        // of the two. Of two unmatched restatements of each other, one is still reported.
        // So is an amount restated in another currency in brackets right after it (`€3.1billion ($3.6bn)`).
        func dropRestatements(_ list: inout [(Int, Claim)], _ side: SideIndex, _ r: Range<Int>) {
            let all = r.flatMap { side.claims[$0] }
            var dropped: [TextSpan] = []
            func bracketed(_ c: Claim, after d: Claim) -> Bool {
                guard c.kind == .money, d.kind == .money, c.unit != d.unit, d.span.range.upperBound <= c.span.range.lowerBound else { return false }
                let between = side.document.text[d.span.range.upperBound..<c.span.range.lowerBound]
                return between.contains(0x28) && between.allSatisfy { $0 == 0x20 || $0 == 0x28 }
            }
            list.removeAll { (_, c) in
                guard all.contains(where: { $0.span != c.span && !dropped.contains($0.span) && (converted(c, $0) || bracketed(c, after: $0)) }) else { return false }
                dropped.append(c.span)
                return true
            }
        }
        dropRestatements(&left, a, x)
        dropRestatements(&right, b, y)
        // 2. Pairs that differ in one respect: the scale, the unit, the value.
        func pair(_ test: (Claim, Claim) -> Bool, _ kind: DiffFinding.Kind, _ message: (Claim, Claim) -> String) {
            var i = 0
            while i < left.count {
                let (k, c) = left[i]
                if let j = right.firstIndex(where: { test(c, $0.1) }) {
                    let (l, d) = right[j]
                    findings.append(DiffFinding(kind: kind, severity: isMinor(c) && isMinor(d) ? .warning : .error, original: location(k, c), translation: location(l, d),
                                                expected: .claim(c), found: .claim(d), message: message(c, d)))
                    left.remove(at: i)
                    right.remove(at: j)
                } else {
                    i += 1
                }
            }
        }
        // A side may leave the unit implicit (`£125m` / `125 miljard`), as in step 1.
        pair({ c, d in
            guard c.unit == d.unit || c.unit == nil || d.unit == nil, c.kind != .date, d.kind != .date,
                  let p = number(c), let q = number(d), p != 0, q != 0 else { return false }
            let r = p > q ? p / q : q / p
            return r == 1000 || r == 1_000_000 || r == 1_000_000_000
        }, .scale_changed) { c, d in "scale changed: \(c.value ?? "?") became \(d.value ?? "?")" }
        pair({ c, d in c.unit != nil && d.unit != nil && c.unit != d.unit && number(c) == number(d) && number(c) != nil }, .unit_changed) { c, d in
            "unit changed: \(c.unit ?? "none") became \(d.unit ?? "none")"
        }
        pair({ c, d in c.unit == d.unit && c.kind == d.kind && !isIncidental(c, a) && !isIncidental(d, b) && c.kind != .date }, .value_changed) { c, d in
            "value changed: \(shown(c)) became \(shown(d))"
        }
        // Two dates of one month that differ in their year or day, or where the translation leaves out
        // a year or a day (`29 september 2018` → `29 september`, `September 29` → `september`).
        var n = 0
        while n < left.count {
            let (k, c) = left[n]
            // Or a date and its year alone (`June 2017` → `2017`), either way.
            func yearOf(_ d: Claim) -> Int? { d.kind == .year ? d.value.flatMap { Int($0) } : nil }
            guard let p = DateParts(c) ?? yearOf(c).map({ DateParts(year: $0) }),
                  let j = right.firstIndex(where: { d in
                      if let q = DateParts(d.1) { return p.month != 0 && q.month == p.month || p.month == 0 && q.year == p.year }
                      return p.month != 0 && p.year != nil && yearOf(d.1) == p.year }) else { n += 1; continue }
            let (l, d) = right[j]
            let q = DateParts(d) ?? DateParts(year: yearOf(d)!)
            // A part both write and differ in is an error; one the translation leaves out, a warning.
            let severity: DiffFinding.Severity = p.year != nil && q.year != nil && p.year != q.year || p.day != nil && q.day != nil && p.day != q.day ? .error : .warning
            findings.append(DiffFinding(kind: .value_changed, severity: severity, original: location(k, c), translation: location(l, d),
                                        expected: .claim(c), found: .claim(d), message: "date changed: \(shown(c)) became \(shown(d))"))
            left.remove(at: n)
            right.remove(at: j)
        }
        // A month the other side names where its claims did not read one (`May` without `in`, `Sept.`).
        left.removeAll { c in DateParts(c.1).map { $0.day == nil && $0.year == nil && b.writesMonth($0.month, in: y) } ?? false }
        right.removeAll { d in DateParts(d.1).map { $0.day == nil && $0.year == nil && a.writesMonth($0.month, in: x) } ?? false }
        // A bare number the other side writes inside a name or an identifier (`Đài số 4` / `Radio 4`,
        // `Thế chiến 1` / `WW1` / `WO I`, a score `1-0`, a year in a name: `London 2012`) is there, whatever the claims made of it.
        func lone(_ side: SideIndex, _ r: Range<Int>) -> Set<String> {
            r.reduce(into: Set<String>()) { s, k in
                for span in side.loneDigits[k] { s.insert(side.text(span)) }
                s.formUnion(side.romanNumerals[k])
            }
        }
        let loneA = lone(a, x), loneB = lone(b, y)
        func writtenBare(_ c: Claim, _ side: SideIndex, _ otherLone: Set<String>) -> Bool {
            guard c.unit == nil, [.number, .count, .ordinal, .year].contains(c.kind), !isRange(c) else { return false }
            // ASCII digits, as the lone digit runs are.
            let digits = side.document.text[c.span.range].filter { $0 >= 0x30 && $0 <= 0x39 }
            return !digits.isEmpty && otherLone.contains(String(decoding: digits, as: UTF8.self))
        }
        left.removeAll { writtenBare($0.1, a, loneB) }
        right.removeAll { writtenBare($0.1, b, loneA) }
        // 3. What is left is missing or added.
        for (k, c) in left where !isIncidental(c, a) {
            findings.append(DiffFinding(kind: .number_missing, severity: isMinor(c) ? .warning : .error, original: location(k, c), translation: nil,
                                        expected: .claim(c), found: nil, message: "“\(a.text(c.span))” has no counterpart in the translation"))
        }
        for (l, d) in right where !isIncidental(d, b) {
            findings.append(DiffFinding(kind: .number_added, severity: isMinor(d) ? .warning : .error, original: nil, translation: location(l, d),
                                        expected: nil, found: .claim(d), message: "“\(b.text(d.span))” is not in the original"))
        }
    }

    /// Numbers that are no claims (in names, identifiers and phone numbers: `Nord Stream 2`,
    /// `Flight 6321`) are compared as written: digits of one side that the other side's group
    /// does not write anywhere are missing (or added).
    static func compareLoneDigits(_ a: SideIndex, _ x: Range<Int>, _ b: SideIndex, _ y: Range<Int>, into findings: inout [DiffFinding]) {
        // With the numbers the group writes in Roman numerals (`WO I` for `WW1`, `Thế chiến 1`).
        func runs(_ side: SideIndex, _ r: Range<Int>) -> Set<String> { r.reduce(into: Set<String>()) { $0.formUnion(side.digitRuns[$1]); $0.formUnion(side.romanNumerals[$1]) } }
        let inA = runs(a, x), inB = runs(b, y)
        func check(_ side: SideIndex, _ r: Range<Int>, _ other: Set<String>, original: Bool) {
            var reported = Set<String>()
            for k in r {
                for span in side.loneDigits[k] {
                    let digits = side.text(span)
                    guard !other.contains(digits), reported.insert(digits).inserted else { continue }
                    let at = DiffFinding.Location(sentence: k, span: span)
                    let item = DiffFinding.Item.claim(Claim(span: span, kind: .number, value: digits))
                    findings.append(original
                        ? DiffFinding(kind: .number_missing, severity: .warning, original: at, translation: nil, expected: item, found: nil,
                                      message: "“\(digits)” (in a name or identifier) has no counterpart in the translation")
                        : DiffFinding(kind: .number_added, severity: .warning, original: nil, translation: at, expected: nil, found: item,
                                      message: "“\(digits)” (in a name or identifier) is not in the original"))
                }
            }
        }
        check(a, x, inB, original: true)
        check(b, y, inA, original: false)
    }

    // MARK: Entities

    /// Two mentions name one entity: same id, same canonical form, or one a part of the
    /// other's words (`Putin` in `Vladimir Putin`).
    static func sameEntity(_ e: Entity, _ f: Entity) -> Bool {
        if let i = e.id, let j = f.id {
            // One word written alike with two ids is one name the two gazetteers read two ways
            // (`the Amazon`, the company to one, the river to the other: `de Amazone`).
            return i == j || !e.canonical.contains(" ") && !f.canonical.contains(" ") && sameNameWord(e.canonical[...], f.canonical[...])
        }
        let x = spellings(e.canonical), y = spellings(f.canonical)
        if x.contains(where: y.contains) { return true }
        guard e.label == .PER && f.label == .PER else { return false }
        let a = x.last!.split(separator: " "), b = y.last!.split(separator: " ")
        // One name's words all among the other's, spelled alike (`Saipov` in `Sajfoello Sajpov`).
        func within(_ p: [Substring], _ q: [Substring]) -> Bool { p.allSatisfy { w in q.contains { sameNameWord(w, $0) } } }
        return within(a, b) || within(b, a)
    }

    /// One word of a name in two spellings: the same, or transliterated another language's way, which
    /// keeps the consonants (`Saipov`/`Sajpov`, `Habibullaevic`/`Habiboellajevitsj`), or the same word
    /// with another ending (`Democrats`/`Democraten`, `Republican`/`Republikeins`: five letters alike).
    static func sameNameWord(_ a: Substring, _ b: Substring) -> Bool {
        if a == b { return true }
        if a.count >= 5 && b.count >= 5 && zip(a, b).prefix(while: { $0 == $1 }).count >= 5 { return true }
        let p = consonants(a), q = consonants(b)
        return p.count >= 3 && p == q && a.first == b.first
    }

    /// A folded word's consonants, transliteration digraphs made one letter (`tsj`, `ch` → c; `sj`,
    /// `sh` → s; `kh` → k) and doubles made single; vowels and the semivowels `y`, `j`, `w`, `h` left out.
    static func consonants(_ word: Substring) -> [UInt8] {
        let w = Array(word.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < w.count {
            var c = w[i]
            var n = 1
            if c == UInt8(ascii: "t"), i + 2 < w.count, w[i + 1] == UInt8(ascii: "s"), w[i + 2] == UInt8(ascii: "j") { c = UInt8(ascii: "c"); n = 3 }
            else if i + 1 < w.count, w[i + 1] == UInt8(ascii: "h") || w[i + 1] == UInt8(ascii: "j"), c == UInt8(ascii: "c") || c == UInt8(ascii: "s") || c == UInt8(ascii: "k") { n = 2 }
            i += n
            if "aeiouyjwh".utf8.contains(c) || !(c >= 0x61 && c <= 0x7A) { continue }
            if out.last != c { out.append(c) }
        }
        return out
    }

    /// A name and, when its last word ends in the genitive `s` Dutch and English add
    /// (`Kavanaughs`, `Leslies`, `Pyongyangs`, `Kits`), the name without it.
    static func spellings(_ canonical: String) -> [String] {
        guard canonical.hasSuffix("s"), let last = canonical.split(separator: " ").last, last.count >= 4 else { return [canonical] }
        return [canonical, String(canonical.dropLast())]
    }

    /// What the other side writes when it keeps a person's name: the canonical form (with and
    /// without a genitive `s`), the mention as written, and its last word (`Rosa` linked to
    /// `Hurricane Rosa`, `Rowlett` of `Analyst Paul Rowlett`, where the tagger took a word too many).
    static func personKeys(_ e: Entity, written: String) -> [String] {
        var keys = spellings(e.canonical)
        if written != e.canonical { keys += spellings(written) }
        if let last = written.split(separator: " ").last, last.count >= 4, last != Substring(written) { keys += spellings(String(last)) }
        return keys
    }

    /// Names worth comparing across languages: people, whose names travel (named in full, linked
    /// to a full name, or one capitalised word inside the sentence: at its start a capital says
    /// nothing), and places the gazetteer identifies (`Nga` = `Rusland`). Organisations' names
    /// are translated too freely to compare.
    static func comparable(_ e: Entity, _ side: SideIndex, _ k: Int) -> Bool {
        guard e.label == .PER || e.label == .LOC else { return false }
        if e.label == .LOC { return e.id != nil }
        // A title the tagger took for a name (`Chief Executive` in Dutch text) names nobody, nor does
        // one common word (`Thrones` of `Game of Thrones` in Dutch text).
        let written = side.document.string(e.span)
        if side.isTitle(written) || !e.canonical.contains(" ") && side.isCommonWordHereOrInEnglish(written) { return false }
        return e.canonical.contains(" ") || e.source == .link || !side.isFirstWord(e.span, k)
    }

    /// Whether the other side writes a name of this entity's id in the group, in its own
    /// language's words (`Nga` for RU in Vietnamese); nil when that gazetteer does not know the id.
    static func namedByID(_ e: Entity, in folded: String, language: Language) -> Bool? {
        guard let id = e.id, let names = Gazetteer.namesByID(language)[id] else { return nil }
        return names.contains { !$0.isEmpty && folded.contains($0) }
    }

    static func compareEntities(_ a: SideIndex, _ x: Range<Int>, _ b: SideIndex, _ y: Range<Int>, into findings: inout [DiffFinding]) {
        let leftAll = x.flatMap { k in a.entities[k].map { (k, $0) } }
        let rightAll = y.flatMap { k in b.entities[k].map { (k, $0) } }
        // Names with no counterpart in the group, neither tagged nor written as such on the other side
        // (a name kept as written is there even when the other side's tagger missed it).
        let foldedA = a.folded(x), foldedB = b.folded(y)
        let la = a.document.mainLanguage, lb = b.document.mainLanguage
        let groupWordsA = a.words(in: x), groupWordsB = b.words(in: y)
        // An identified place or organisation counts as missing only when the other side's gazetteer
        // knows how that language writes it, and the group does not.
        func absent(_ e: Entity, _ side: SideIndex, _ folded: String, _ language: Language, _ otherWords: Set<String>) -> Bool {
            if e.label != .PER { return namedByID(e, in: folded, language: language) == false }
            // A closing quote the tokenizer took for a possessive apostrophe (`Pwp’`) is no part of the name.
            var written = EntityCanonical.fold(side.document.text[e.span.range])
            while let last = written.unicodeScalars.last, last == "’" || last == "'" { written.unicodeScalars.removeLast() }
            if personKeys(e, written: written).contains(where: { folded.contains($0) }) { return false }
            // Most of a longer name's words kept (`Salt Lake City` in `Thành phố Salt Lake`), or spelled
            // alike (`Sajpov`, `Democraten`).
            let words: [Substring] = written.split(separator: " ").filter { $0.count >= 4 }
            let kept = words.filter { (w: Substring) -> Bool in
                folded.contains(w) || otherWords.contains { (o: String) in w.first == o.first && sameNameWord(w, o[...]) }
            }
            return words.isEmpty || kept.count * 2 < words.count || words.count == 1 && kept.isEmpty
        }
        var left = leftAll.filter { l in comparable(l.1, a, l.0) && !rightAll.contains { sameEntity(l.1, $0.1) } && absent(l.1, a, foldedB, lb, groupWordsB) }
        var right = rightAll.filter { r in comparable(r.1, b, r.0) && !leftAll.contains { sameEntity($0.1, r.1) } && absent(r.1, b, foldedA, la, groupWordsA) }
        func location(_ k: Int, _ e: Entity) -> DiffFinding.Location { .init(sentence: k, span: e.span) }
        // Translators move names between sentences (`the pair` → `Jones en Willoughby`): a name the
        // other document has elsewhere is no finding of its own.
        let elsewhereA = right.map { a.mentions($0.1) }
        let elsewhereB = left.map { b.mentions($0.1) }
        // One person replaced by another: a new name in the translation where the original's is gone from the sentence.
        while let ri = right.indices.first(where: { right[$0].1.label == .PER && !elsewhereA[$0] }), let li = left.firstIndex(where: { $0.1.label == .PER }) {
            let (k, e) = left[li], (l, f) = right[ri]
            findings.append(DiffFinding(kind: .entity_changed, severity: .error, original: location(k, e), translation: location(l, f),
                                        expected: .entity(e), found: .entity(f), message: "“\(a.text(e.span))” became “\(b.text(f.span))”"))
            left[li].1.label = .MISC          // used up
            right[ri].1.label = .MISC
        }
        for (n, (k, e)) in left.enumerated() where e.label != .MISC && !elsewhereB[n] {
            findings.append(DiffFinding(kind: .entity_missing, severity: e.label == .PER ? .error : .warning, original: location(k, e), translation: nil,
                                        expected: .entity(e), found: nil, message: "“\(a.text(e.span))” has no counterpart in the translation"))
        }
        for (n, (l, f)) in right.enumerated() where f.label != .MISC && !elsewhereA[n] {
            findings.append(DiffFinding(kind: .entity_added, severity: f.label == .PER ? .error : .warning, original: nil, translation: location(l, f),
                                        expected: nil, found: .entity(f), message: "“\(b.text(f.span))” is not in the original"))
        }
    }

    /// Names kept as written across languages (`Palu`, `Blemmings`, `Kowalczyk`), whatever the
    /// taggers made of them (the Vietnamese side has no statistical tagger): a name of the original
    /// that the translation's group does not write, and a capitalized word of the translation's that
    /// the original document writes nowhere, in one group, are one name replaced by another, even
    /// when the original name is written elsewhere in the translation (`Trump`).
    ///
    /// Left out as no names to compare: well-formed Vietnamese syllables (names translated into
    /// Vietnamese, `Quốc hội`); on the original side, a capitalized word the tagger saw no name in
    /// (`March`, `Senate`, a sentence's first word; in Vietnamese, a foreign word inside the sentence
    /// counts), a place whose id the other side names, and a word the original writes in several
    /// sentences and the translation in none (translated throughout); on the translation side, a
    /// word inside an entity with an id (`Indonesië`), a word like one of the original group's (the
    /// same first four letters, or two edits apart: `Sajpov`, `Democraten`, `Senaat`), a word the
    /// translation writes in several sentences (a rendering, where a replacement is one-off), and a
    /// sentence's first word neither tagged nor in the place of the original's first word.
    static func compareKeptNames(_ a: SideIndex, _ x: Range<Int>, _ b: SideIndex, _ y: Range<Int>, into findings: inout [DiffFinding]) {
        let la = a.document.mainLanguage, lb = b.document.mainLanguage
        let groupWordsA = a.words(in: x), groupWordsB = b.words(in: y)
        func entity(_ side: SideIndex, _ k: Int, _ w: SideIndex.NameWord) -> Entity? {
            side.entities[k].first { $0.span.range.contains(w.span.range.lowerBound) }
        }
        let idsB = Set(y.flatMap { b.entities[$0].compactMap(\.id) })
        lazy var foldedB = b.folded(y)
        func isSyllable(_ w: SideIndex.NameWord) -> Bool { VietnameseSyllables.shared.isSyllable(w.scalars[...]) }
        // Lost names: a strong one the tagger saw (or the translation writes elsewhere, or, in Vietnamese,
        // no Vietnamese syllable); a weak one only capitalized inside the sentence (`Chequers`, but also
        // `March` or `Supreme`), which counts only against a replacement the tagger sees as a name.
        var strongLost: (Int, SideIndex.NameWord)?, weakLost: (Int, SideIndex.NameWord)?
        // A person's title written in English inside another language (`Judge Kavanaugh`) is no name.
        func isTitle(_ w: SideIndex.NameWord) -> Bool { a.isTitle(String(String.UnicodeScalarView(w.scalars))) }
        outer: for k in x {
            // Dutch and English write a genitive `s` to a name (`Flakes keuze`, `Gerrards ploeg`).
            for w in a.nameWords(k) where !groupWordsB.contains(w.folded) && !groupWordsB.contains(w.folded + "s")
                                        && !(la == .vi && isSyllable(w)) && !isTitle(w) {
                let e = entity(a, k, w)
                // A capital says little at a sentence's start unless the tagger saw a name there or the
                // translation writes the word elsewhere (a name kept as written: `Palin`).
                let strong = e != nil || b.writes(w.folded) || la == .vi && !w.first
                if !strong && w.first { continue }
                // A place the gazetteer identifies is there when the other side names its id; when the other
                // side's gazetteer does not know the id, the word must be written as it is.
                if let e, let id = e.id, let named = namedByID(e, in: foldedB, language: lb) {
                    if idsB.contains(id) || named { continue }
                } else if a.sentencesWith[w.folded, default: 0] > 1 && !b.writes(w.folded) {
                    // A name the original writes in several sentences and the translation in none is translated throughout.
                    continue
                }
                if strong {
                    strongLost = (k, w)
                    break outer
                }
                if weakLost == nil { weakLost = (k, w) }
            }
        }
        guard strongLost != nil || weakLost != nil else { return }
        /// The same word in another language's spelling (`Sajpov` for `Saipov`, `Democraten`, `Micronesië`,
        /// `Habiboellajevitsj`).
        func resembles(_ f: String) -> Bool {
            groupWordsA.contains { g in
                g.count >= 4 && (zip(f, g).prefix { $0 == $1 }.count >= 4 || abs(f.count - g.count) <= 2 && editDistance(f, g, limit: 2) <= 2
                                 || sameNameWord(f[...], g[...]))
            }
        }
        for l in y {
            for v in b.nameWords(l) where !a.writes(v.folded) && !(lb == .vi && isSyllable(v)) {
                let e = entity(b, l, v)
                if e?.id != nil { continue }
                guard let (k, w) = e != nil || lb == .vi ? strongLost ?? weakLost : strongLost else { continue }
                // A sentence's first word counts when it takes the place of the original's first word.
                guard lb == .vi || e != nil || !v.first || w.first && k == x.lowerBound + (l - y.lowerBound) else { continue }
                // A word the translation writes in several sentences renders a name; a replacement is one-off.
                if b.sentencesWith[v.folded, default: 0] > 1 || resembles(v.folded) { continue }
                // A common word of the translation's language, or a compound of one: an institution's name translated;
                // or of English, whose names other languages keep (`Inverewe Gardens`, `Houses of Parliament`).
                if b.isCommonWordHereOrInEnglish(String(String.UnicodeScalarView(v.scalars))) { continue }
                // “X became Y” says what “Y is not in the original” and “X has no counterpart” said.
                findings.removeAll { f in
                    f.kind == .entity_added && f.translation.map { $0.sentence == l && $0.span.range.overlaps(v.span.range) } == true
                        || f.kind == .entity_missing && f.original.map { $0.sentence == k && $0.span.range.overlaps(w.span.range) } == true
                }
                let expected = Entity(span: w.span, label: entity(a, k, w)?.label ?? .MISC, canonical: w.folded, source: .rule)
                let found = Entity(span: v.span, label: e?.label ?? .MISC, canonical: v.folded, source: .rule)
                findings.append(DiffFinding(kind: .entity_changed, severity: .warning,
                                            original: .init(sentence: k, span: w.span), translation: .init(sentence: l, span: v.span),
                                            expected: .entity(expected), found: .entity(found),
                                            message: "“\(a.text(w.span))” is not in the translation, where “\(b.text(v.span))” is in no sentence of the original"))
                return
            }
        }
    }

    /// Levenshtein distance of two short words, or `limit + 1` once it is certain to exceed `limit`.
    static func editDistance(_ s: String, _ t: String, limit: Int) -> Int {
        let a = Array(s.unicodeScalars), b = Array(t.unicodeScalars)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            var best = row[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
                best = min(best, row[j])
            }
            if best > limit { return limit + 1 }
        }
        return row[b.count]
    }

    /// One person written two ways on one side (`Aleksey` and `Aleksej Gruzdev`): same
    /// canonical form, different spelling.
    static func inconsistencies(_ side: SideIndex, original: Bool) -> [DiffFinding] {
        var firstSpelling: [String: (String, Int, Entity)] = [:]
        var out: [DiffFinding] = []
        for (k, list) in side.entities.enumerated() {
            for e in list where e.label == .PER && e.canonical.contains(" ") {
                let text = side.text(e.span)
                guard let (seen, _, first) = firstSpelling[e.canonical] else { firstSpelling[e.canonical] = (text, k, e); continue }
                // Letter case is no spelling (`Macpherson`, `MacPherson`).
                let a = seen.lowercased(), b = text.lowercased()
                guard a != b, !a.contains(b), !b.contains(a) else { continue }
                let at = DiffFinding.Location(sentence: k, span: e.span)
                out.append(DiffFinding(kind: .entity_inconsistent, severity: .warning, original: original ? at : nil, translation: original ? nil : at,
                                       expected: .entity(first), found: .entity(e), message: "“\(seen)” is also written “\(text)”"))
            }
        }
        return out
    }

    static func sentenceFinding(_ kind: DiffFinding.Kind, _ side: SideIndex, _ k: Int, original: Bool) -> DiffFinding {
        let s = side.document.sentences[k]
        let at = DiffFinding.Location(sentence: k, span: s.span)
        let words = side.text(s.span).split(separator: " ").count
        return DiffFinding(kind: kind, severity: words >= 4 ? .error : .warning, original: original ? at : nil, translation: original ? nil : at,
                           expected: nil, found: nil,
                           message: original ? "sentence not translated: “\(side.text(s.span))”" : "sentence not in the original: “\(side.text(s.span))”")
    }
}
