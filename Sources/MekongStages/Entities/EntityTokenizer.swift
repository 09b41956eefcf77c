/// A word token for the entities stage: UTF-8 byte offsets into the buffer it was read from.
public struct WordToken: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    public var range: Range<Int> { start..<end }
}

/// Splits text into word tokens for tagging: runs of letters and digits, kept whole across
/// inner hyphens (`Covid-19`, `Noord-Holland`), dots (`TP.HCM`, `3.5`, `U.S`), apostrophes
/// (`O'Brien`, `d'Ancona`) and digit-group commas (`1,000`); a final dot stays on initials,
/// dotted abbreviations and short titles (`J.`, `U.S.`, `Mr.`, `Dr.`). A possessive `'s` and
/// every punctuation mark are tokens of their own; blanks separate. It works on UTF-8 bytes
/// and allocates nothing but the output array.
public enum EntityTokenizer {
    /// Appends the tokens of `p[range]` to `tokens`, as offsets into `p`.
    public static func tokenize(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into tokens: inout [WordToken]) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let (v, n) = Scalars.decode(p, at: i)
            if isBlank(v) { i += n; continue }
            let start = i
            if isWordScalar(v) || startsWord(p, i, end, v, n) {
                i = wordEnd(p, from: i, end)
            } else {
                i += n
                // A run of one ASCII mark ("...", "--") is one token.
                if v < 0x80 { while i < end && UInt32(p[i]) == v { i += 1 } }
            }
            tokens.append(WordToken(start: start, end: i))
        }
    }

    /// Convenience for tests and tools: the tokens of a string, as byte offsets into its UTF-8.
    public static func tokenize(_ s: String) -> [WordToken] {
        var out: [WordToken] = []
        let bytes = Array(s.utf8)
        bytes.withUnsafeBufferPointer { tokenize($0, 0..<$0.count, into: &out) }
        return out
    }

    @inline(__always)
    static func isBlank(_ v: UInt32) -> Bool {
        v <= 0x20 || v == 0x85 || v == 0xA0 || (v >= 0x2000 && v <= 0x200B) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000 || v == 0xFEFF || v == 0x7F
    }

    @inline(__always)
    static func isWordScalar(_ v: UInt32) -> Bool {
        if v < 0x80 { return Scalars.isDigit(v) || Scalars.isLetter(v) }
        // Combining marks belong to the letter before them (text is NFC, but not all of it composes).
        if v >= 0x300 && v < 0x370 { return true }
        if Scalars.isGeneralPunctuation(v) { return false }
        return Scalars.isLetter(v) || Scalars.Slow.isDecimalDigit(v)
    }

    @inline(__always)
    private static func isApostrophe(_ v: UInt32) -> Bool { v == 0x27 || v == 0x2019 }

    @inline(__always)
    private static func isHyphen(_ v: UInt32) -> Bool { v == 0x2D || v == 0x2010 || v == 0x2011 }

    /// `@user`, `#tag`, and the contractions `'s`, `'t`, `'re`, `'ll` (one or two lowercase
    /// letters after an apostrophe, then no letter) start a word.
    private static func startsWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ v: UInt32, _ n: Int) -> Bool {
        guard i + n < end else { return false }
        let (next, m) = Scalars.decode(p, at: i + n)
        if v == 0x40 || v == 0x23 { return isWordScalar(next) }
        guard isApostrophe(v), Scalars.isLowercase(next) else { return false }
        var j = i + n + m, letters = 1
        while j < end {
            let (w, k) = Scalars.decode(p, at: j)
            guard Scalars.isLetter(w) else { break }
            letters += 1
            j += k
        }
        return letters <= 2
    }

    /// The end of the word that starts at `i`.
    private static func wordEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int, _ end: Int) -> Int {
        var i = start
        var innerDot = false
        var letters = 0, uppercase = 0, digits = 0
        var firstUpper = false
        // The first scalar may be a prefix mark (@, #, ') that is not a word scalar.
        let (v0, n0) = Scalars.decode(p, at: i)
        if !isWordScalar(v0) { i += n0 }
        while i < end {
            let b = p[i]
            if b < 0x80 {
                // ASCII letters and digits, the bulk of en/nl words, without decoding.
                if b >= 0x61 && b <= 0x7A { letters += 1; i += 1; continue }
                if b >= 0x41 && b <= 0x5A {
                    if letters == 0 { firstUpper = true }
                    letters += 1; uppercase += 1; i += 1; continue
                }
                if b >= 0x30 && b <= 0x39 { digits += 1; i += 1; continue }
            }
            let (v, n) = Scalars.decode(p, at: i)
            if isWordScalar(v) {
                if Scalars.isDigit(v) { digits += 1 } else if v < 0x300 || v >= 0x370 {
                    if letters == 0 && Scalars.isUppercase(v) { firstUpper = true }
                    letters += 1
                    if Scalars.isUppercase(v) { uppercase += 1 }
                }
                i += n
                continue
            }
            // A joiner continues the word only between two word scalars.
            guard i + n < end, i > start else { break }
            let (prev, _) = Scalars.decode(p, before: i)
            let (next, _) = Scalars.decode(p, at: i + n)
            guard isWordScalar(next) else {
                // Final dot: initials, dotted abbreviations, short titles followed by more text.
                if v == 0x2E && attachesFinalDot(innerDot: innerDot, letters: letters, uppercase: uppercase, digits: digits, firstUpper: firstUpper, more: hasMore(p, i + n, end)) {
                    i += n
                }
                break
            }
            if isHyphen(v) || (v == 0x2E && (Scalars.isLetter(prev) || Scalars.isDigit(prev))) {
                if v == 0x2E { innerDot = true }
            } else if v == 0x2C && Scalars.isDigit(prev) && Scalars.isDigit(next) {
                // "1,000" and "3,5"
            } else if isApostrophe(v) && Scalars.isLetter(prev) && Scalars.isLetter(next) {
                // Possessive 's stays a token of its own ("Obama's" -> "Obama" "'s").
                if (next == 0x73 || next == 0x53) && !continuesWord(p, i + n + 1, end) { break }
            } else {
                break
            }
            i += n
        }
        if i == start { i += n0 }
        return i
    }

    private static func continuesWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        guard i < end else { return false }
        return isWordScalar(Scalars.decode(p, at: i).0)
    }

    /// Whether the sentence goes on after a dot: a closing quote or bracket written against it ends
    /// it there (`tổng thống Mỹ.”` ends in `Mỹ`, not in an abbreviation `Mỹ.`).
    private static func hasMore(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        if i < end && isClosing(Scalars.decode(p, at: i).0) { return false }
        var j = i
        while j < end {
            let (v, n) = Scalars.decode(p, at: j)
            if !isBlank(v) { return true }
            j += n
        }
        return false
    }

    private static func isClosing(_ v: UInt32) -> Bool {
        v == 0x22 || v == 0x27 || v == 0x29 || v == 0x5D || v == 0xBB || v == 0x2019 || v == 0x201D || v == 0x203A
    }

    private static func attachesFinalDot(innerDot: Bool, letters: Int, uppercase: Int, digits: Int, firstUpper: Bool, more: Bool) -> Bool {
        if digits > 0 { return false }
        if innerDot { return true }
        if letters == 1 { return more }
        // Mr. Dr. St. Jr. Inc. Co. Ltd.: short, capitalised, not the end of the sentence.
        return more && firstUpper && uppercase == 1 && letters <= 3
    }
}
