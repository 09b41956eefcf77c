import MekongCore

/// Letter salutations of a language (`<lang>/salutations.txt`): a closing (`Regards,`)
/// or a greeting with an optional name (`Dear Anna,`) is a sentence of its own.
struct Salutations: Sendable {
    enum Kind: String, Sendable { case closing, greeting }

    /// Lowercase phrases as byte strings, words joined by one blank.
    private var phrases: [[UInt8]: Kind] = [:]
    private(set) var longest = 0
    /// First words of the phrases, lowercase ASCII packed into an integer: a cheap
    /// test that spares almost every sentence start the phrase lookup.
    private var firstWords: Set<UInt64> = []

    init(language: Language) throws {
        guard language != .und else { return }
        // Optional: a language without the file has no salutation rule.
        for row in try ResourceData.optionalTable("\(language.rawValue)/salutations.txt") {
            let phrase = Array(row[0].lowercased().utf8)
            phrases[phrase] = row.count > 1 ? (Kind(rawValue: row[1]) ?? .closing) : .closing
            longest = max(longest, phrase.count)
            let first = phrase.prefix { $0 != 0x20 && $0 != UInt8(ascii: ",") }
            if let key = Self.pack(first[...]) { firstWords.insert(key) }
        }
    }

    /// Lowercase ASCII word of at most 8 bytes as an integer; nil otherwise.
    private static func pack(_ word: ArraySlice<UInt8>) -> UInt64? {
        guard !word.isEmpty, word.count <= 8 else { return nil }
        var key: UInt64 = 0
        for b in word {
            guard b < 0x80 else { return nil }
            key = key << 8 | UInt64((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
        }
        return key
    }

    /// Whether a salutation could start with the token (its first word, without a comma).
    func mayStart(_ p: UnsafeBufferPointer<UInt8>, _ t: Range<Int>) -> Bool {
        var e = t.upperBound
        if e > t.lowerBound && p[e - 1] == UInt8(ascii: ",") { e -= 1 }
        guard e - t.lowerBound <= 8 else { return false }
        return Self.pack(ArraySlice(UnsafeBufferPointer(rebasing: p[t.lowerBound..<e]))).map(firstWords.contains) ?? false
    }

    var isEmpty: Bool { phrases.isEmpty }

    /// The kind of the lowercased bytes `p[s..<e]`, if they are a salutation.
    func kind(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Kind? {
        guard e - s <= longest else { return nil }
        var lower: [UInt8] = []
        lower.reserveCapacity(e - s)
        var i = s
        while i < e {
            let (v, len) = Scalars.decode(p, at: i)
            Scalars.encode(Scalars.lowercased(v), into: &lower)
            i += len
        }
        return phrases[lower]
    }
}

/// Boundaries that layout and typography give away where ICU sees none: separator
/// lines, emoticons, e-mail header time stamps, letter salutations, dated list items.
extension SentenceRules {
    func layoutBoundaries(_ p: UnsafeBufferPointer<UInt8>, language: Language, scan: BlockScan) -> [Int] {
        var result = salutationBoundaries(p, language: language, scan: scan)
        guard scan.hasLayoutTrigger else { return result }
        var tokens: [Range<Int>] = []
        var i = 0
        while i < p.count {
            while i < p.count && p[i] == 0x20 { i += 1 }
            let s = i
            while i < p.count && p[i] != 0x20 { i += 1 }
            if s < i { tokens.append(s..<i) }
        }
        guard tokens.count > 1 else { return result }
        for (k, t) in tokens.enumerated() {
            let last = k + 1 == tokens.count
            // `*****`, `=====`, `-----NOTICE-----`: a separator line stands apart.
            if k > 0 && Self.separatorRun(p, t, fromStart: true) { result.append(t.lowerBound) }
            if !last && Self.separatorRun(p, t, fromStart: false) { result.append(t.upperBound) }
            // `:-)` ends what it comments on.
            if !last && Self.endsWithEmoticon(p, t) { result.append(t.upperBound) }
            // `Kay Mann 04/26/2001 07:17 AM Will you ...`: a header line of a quoted e-mail.
            if Self.isDate(p, tokens[k]), k + 1 < tokens.count, Self.isClock(p, tokens[k + 1]) {
                var end = k + 1
                if end + 1 < tokens.count, Self.isMeridiem(p, tokens[end + 1]) { end += 1 }
                // After a name it is a header line of its own; after `on` or `at` it ends one.
                let header = k > 0 && !Scalars.isLowercase(Scalars.decode(p, at: tokens[k - 1].lowerBound).0)
                if header { result.append(t.lowerBound) }
                if end + 1 < tokens.count, header || !Scalars.isLowercase(Scalars.decode(p, at: tokens[end + 1].lowerBound).0) {
                    result.append(tokens[end].upperBound)
                }
            }
            // `(1987-1989) Voorzitter`, `» 1943-1946 « ...`: items of a flattened list.
            if !last, Self.isYearRangeItem(p, tokens, k), Self.startsItem(p, tokens[k + 1]) {
                result.append(t.upperBound)
            }
        }
        return result.sorted()
    }

    /// `Regards, Debra`, `Dear All, My name ...`: a salutation at a sentence start (the
    /// block's start or after a token ending in `.!?` or `)`) is a sentence of its own.
    private func salutationBoundaries(_ p: UnsafeBufferPointer<UInt8>, language: Language, scan: BlockScan) -> [Int] {
        guard let salutes = salutations[language], !salutes.isEmpty else { return [] }
        var result: [Int] = []
        // Sentence starts: the block's start, and the word after `.`, `!`, `?` or `)` and a blank.
        var starts = [0]
        for x in (scan.terminals + scan.closingBrackets).sorted() where x + 1 < p.count && p[x + 1] == 0x20 {
            var s = x + 1
            while s < p.count && p[s] == 0x20 { s += 1 }
            if s < p.count && s != starts.last { starts.append(s) }
        }
        for s in starts {
            var e = s
            while e < p.count && p[e] != 0x20 { e += 1 }
            guard salutes.mayStart(p, s..<e) else { continue }
            // The few tokens a salutation and its name can span.
            var tokens: [Range<Int>] = []
            var i = s
            while i < p.count && tokens.count < 8 {
                while i < p.count && p[i] == 0x20 { i += 1 }
                let t = i
                while i < p.count && p[i] != 0x20 { i += 1 }
                if t < i { tokens.append(t..<i) }
            }
            if let b = salutationEnd(p, tokens, from: 0, salutes) { result.append(b) }
        }
        return result
    }

    /// Where a salutation starting at token `k` ends (after its comma), when a capitalized word follows.
    private func salutationEnd(_ p: UnsafeBufferPointer<UInt8>, _ tokens: [Range<Int>], from k: Int, _ salutes: Salutations) -> Int? {
        var j = k
        while j < tokens.count && tokens[j].upperBound - tokens[k].lowerBound <= salutes.longest + 1 {
            let t = tokens[j]
            let comma = p[t.upperBound - 1] == UInt8(ascii: ",")
            let end = comma ? t.upperBound - 1 : t.upperBound
            if let kind = salutes.kind(p, tokens[k].lowerBound, end) {
                var c = j
                if kind == .greeting && !comma {
                    // Up to three capitalized name words, the last with the comma.
                    while c + 1 < tokens.count && c - j < 3 {
                        c += 1
                        guard Scalars.isUppercase(Scalars.decode(p, at: tokens[c].lowerBound).0) else { return nil }
                        if p[tokens[c].upperBound - 1] == UInt8(ascii: ",") { break }
                    }
                    guard p[tokens[c].upperBound - 1] == UInt8(ascii: ",") else { return nil }
                } else if !comma { return nil }
                guard c + 1 < tokens.count, Scalars.isUppercase(Scalars.decode(p, at: tokens[c + 1].lowerBound).0) else { return nil }
                return tokens[c].upperBound
            }
            if comma { return nil }
            j += 1
        }
        return nil
    }

    /// A token after which a new sentence may start: it ends in `.!?` or a closing bracket.
    private static func endsSentenceLike(_ p: UnsafeBufferPointer<UInt8>, _ t: Range<Int>) -> Bool {
        let b = p[t.upperBound - 1]
        return isTerminal(b) || b == UInt8(ascii: ")")
    }

    /// A run of at least four `=`, `_`, `-`, `~`, `#` or three `*` at the token's start or end.
    private static func separatorRun(_ p: UnsafeBufferPointer<UInt8>, _ t: Range<Int>, fromStart: Bool) -> Bool {
        let c = fromStart ? p[t.lowerBound] : p[t.upperBound - 1]
        let need: Int
        switch c {
        case UInt8(ascii: "*"): need = 3
        case UInt8(ascii: "="), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "~"), UInt8(ascii: "#"): need = 4
        default: return false
        }
        guard t.count >= need else { return false }
        for n in 0..<need where p[fromStart ? t.lowerBound + n : t.upperBound - 1 - n] != c { return false }
        return true
    }

    /// `:)`, `:-(`, `;-)`, `:P`, `=)`, alone or glued to a word (`family:)`).
    private static func endsWithEmoticon(_ p: UnsafeBufferPointer<UInt8>, _ t: Range<Int>) -> Bool {
        var i = t.upperBound - 1
        let mouthEnd = i
        while i >= t.lowerBound, isMouth(p[i]), mouthEnd - i < 3 { i -= 1 }
        guard i < mouthEnd, i >= t.lowerBound else { return false }
        // All of the mouth one character (`:))`), so `:(x)` and the like stay out.
        for m in (i + 1)...mouthEnd where p[m] != p[mouthEnd] { return false }
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "'") || p[i] == UInt8(ascii: "o") && i > t.lowerBound { i -= 1 }
        guard i >= t.lowerBound else { return false }
        let eyes = p[i]
        guard eyes == UInt8(ascii: ":") || eyes == UInt8(ascii: ";") || (eyes == UInt8(ascii: "=") && i == t.lowerBound) else { return false }
        // Glued only after a letter; `http:` or `10:` are not faces.
        if i > t.lowerBound {
            let (v, _) = Scalars.decode(p, before: i)
            guard Scalars.isLetter(v), eyes == UInt8(ascii: ":") else { return false }
            let mouth = p[mouthEnd]
            guard mouth == UInt8(ascii: ")") || mouth == UInt8(ascii: "(") else { return false }
            // `(see note:)` closes a bracket.
            var opens = 0
            for m in t.lowerBound..<i where p[m] == UInt8(ascii: "(") { opens += 1 }
            if opens > 0 { return false }
        }
        return true
    }

    private static func isMouth(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ")") || b == UInt8(ascii: "(") || b == UInt8(ascii: "D") || b == UInt8(ascii: "P")
            || b == UInt8(ascii: "p") || b == UInt8(ascii: "]") || b == UInt8(ascii: "[") || b == UInt8(ascii: "|")
    }

    /// `d/m/yy`, `mm/dd/yyyy`: two numbers of one or two digits and a year of two or four.
    private static func isDate(_ p: UnsafeBufferPointer<UInt8>, _ t: Range<Int>) -> Bool {
        Scalars.isDigit(UInt32(p[t.lowerBound])) && digitGroups(p, t, separator: UInt8(ascii: "/"), lengths: dateGroups)
    }

    // Group lengths, allocated once: these checks run on every token.
    private static let dateGroups: [ClosedRange<Int>] = [1...2, 1...2, 2...4]
    private static let clockGroups: [ClosedRange<Int>] = [1...2, 2...2]
    private static let clockWithSecondsGroups: [ClosedRange<Int>] = [1...2, 2...2, 2...2]
    private static let yearGroup: [ClosedRange<Int>] = [4...4]

    /// `07:17` or `03:14:14`.
    private static func isClock(_ p: UnsafeBufferPointer<UInt8>, _ t: Range<Int>) -> Bool {
        Scalars.isDigit(UInt32(p[t.lowerBound]))
            && (digitGroups(p, t, separator: UInt8(ascii: ":"), lengths: clockGroups)
                || digitGroups(p, t, separator: UInt8(ascii: ":"), lengths: clockWithSecondsGroups))
    }

    private static func isMeridiem(_ p: UnsafeBufferPointer<UInt8>, _ t: Range<Int>) -> Bool {
        guard t.count == 2 else { return false }
        let a = p[t.lowerBound] | 0x20, m = p[t.lowerBound + 1] | 0x20
        return (a == UInt8(ascii: "a") || a == UInt8(ascii: "p")) && m == UInt8(ascii: "m")
    }

    /// Whether `p[t]` is digit groups of the given lengths joined by `separator`.
    private static func digitGroups(_ p: UnsafeBufferPointer<UInt8>, _ t: Range<Int>, separator: UInt8, lengths: [ClosedRange<Int>]) -> Bool {
        var g = 0, run = 0
        for i in t {
            if p[i] >= 0x30 && p[i] <= 0x39 { run += 1; continue }
            guard p[i] == separator, g + 1 < lengths.count, lengths[g].contains(run) else { return false }
            g += 1; run = 0
        }
        return g + 1 == lengths.count && lengths[g].contains(run)
    }

    /// `(1987-1989)`, `(2004-...)`, or a bare `1943-1946` right after a closing quote or bracket.
    private static func isYearRangeItem(_ p: UnsafeBufferPointer<UInt8>, _ tokens: [Range<Int>], _ k: Int) -> Bool {
        var s = tokens[k].lowerBound, e = tokens[k].upperBound
        let bracketed = p[s] == UInt8(ascii: "(") && p[e - 1] == UInt8(ascii: ")")
        if bracketed { s += 1; e -= 1 }
        guard e - s >= 8, p[s + 4] == UInt8(ascii: "-") else { return false }
        for i in s..<(s + 4) where !(p[i] >= 0x30 && p[i] <= 0x39) { return false }
        let rest = (s + 5)..<e
        let open = rest.count == 3 && p[rest.lowerBound] == UInt8(ascii: ".") && p[rest.lowerBound + 1] == UInt8(ascii: ".") && p[rest.lowerBound + 2] == UInt8(ascii: ".")
        guard open || digitGroups(p, rest, separator: 0, lengths: yearGroup) else { return false }
        if bracketed { return true }
        guard k > 0 else { return false }
        let prev = tokens[k - 1]
        let (v, _) = Scalars.decode(p, before: prev.upperBound)
        return v == 0xBB || v == 0x201D || v == 0x22 || v == 0x29
    }

    /// A list item starts with a capital or an opening quote.
    private static func startsItem(_ p: UnsafeBufferPointer<UInt8>, _ t: Range<Int>) -> Bool {
        let (v, _) = Scalars.decode(p, at: t.lowerBound)
        return Scalars.isUppercase(v) || v == 0xAB || v == 0x201C
    }
}
