import Foundation
import MekongCore

/// Finds numeric claims in one sentence: a number (digits with the language's
/// separators, or words), then what surrounds it — scale words, a unit or currency on
/// either side, a qualifier, a range, a change verb — from the language's data.
struct ClaimRecognizer {
    let lex: ClaimLexicon
    let shared: ClaimShared
    /// nl and vi write `1,6` and `3.200`; en writes `1.6` and `3,200`.
    let decimalComma: Bool

    static let posix = Locale(identifier: "en_US_POSIX")

    init(_ lex: ClaimLexicon, shared: ClaimShared) {
        self.lex = lex
        self.shared = shared
        decimalComma = lex.language != .en
    }

    /// A number found in the text, before its surroundings are read.
    struct Core {
        var start: Int
        var end: Int
        var value: Decimal
        var ordinal = false
        var spelled = false
        var integerDigits = false     // digits only, no separators: a year candidate
        var scale: String?
        var date: String?
        /// The value as an integer, while it is one that the fast path read (prints without Decimal).
        var integer: Int64?

        /// The value as an Int (truncated); from `integer` when the fast path read it, since
        /// NSDecimalNumber allocates.
        var intValue: Int { integer.map { Int($0) } ?? NSDecimalNumber(decimal: value).intValue }
    }

    struct Draft {
        var range: Range<Int>
        var claim: Claim.Kind
        var value: Decimal?
        var dateValue: String?
        var low: Decimal?
        var high: Decimal?
        var unit: String?
        var scale: String?
        var qualifier: Claim.Qualifier?
        var change: Claim.Change?
        var integer: Int64?
        /// The currency was read before the number (`$ 30`).
        var unitBefore = false
    }

    /// Bytes read from a candidate word to confirm it: enough for `een half dozijn kilo`.
    static let windowBytes = 96

    /// What a word alone says about a claim starting at it.
    enum WordVerdict: UInt8 {
        case no
        case yes
        /// `een`, `a`, `một`, `geen`, `hàng`: only with the right words after it.
        case context
    }

    /// The verdict on one word (`p[word]`), read with the number data; `t` is scratch.
    func verdict(_ p: UnsafeBufferPointer<UInt8>, word: Range<Int>, scratch t: ClaimText) -> WordVerdict {
        t.load(UnsafeBufferPointer(rebasing: p[word]), base: 0)
        let whole = 0..<t.count
        // A month's name alone (`November`; `tháng` of `tháng 11`, read with the words after it).
        if lex.monthFirstWords.lookup(t.lower, whole) != nil {
            if let m = lex.loneMonths.match(t.lower, at: 0), m.length == t.count {
                if !m.value.capital || t.original[0] != t.lower[0] { return .yes }
            } else {
                return .context
            }
        }
        let needsContext = lex.vagueStarts.lookup(t.lower, whole) != nil || lex.ambiguousWords.lookup(t.lower, whole) != nil
        guard let pieces = shared.split(t.lower, whole, lex) ?? splitGlued(t, whole)?.pieces else { return needsContext ? .context : .no }
        if pieces.count == 1 {
            switch pieces[0].role {
            case .and, .point, .filler: return needsContext ? .context : .no
            case .article, .zero: return .context
            default: break
            }
        }
        return needsContext ? .context : .yes
    }

    /// Whether the words from `start` on read as a number or a vague amount, tested on a
    /// short window (`t` is scratch).
    func startsClaim(_ p: UnsafeBufferPointer<UInt8>, at start: Int, scratch t: ClaimText) -> Bool {
        var end = min(p.count, start + Self.windowBytes)
        while end < p.count && p[end] & 0xC0 == 0x80 { end += 1 }   // whole scalars
        t.load(UnsafeBufferPointer(rebasing: p[start..<end]), base: 0)
        if lex.loneMonths.match(t.lower, at: 0) != nil { return true }
        return lex.mayStartWord(t, 0) && (vague(t, at: 0) != nil || words(t, at: 0) != nil)
    }

    func claims(in t: ClaimText) -> [Draft] {
        var out: [Draft] = []
        let blocked = t.mayHoldAddress ? shared.addressMask(t) : []
        var i = 0
        while i < t.count {
            if !blocked.isEmpty && blocked[i] { i += 1; continue }
            var core: Core?
            if t.isLetter(i) {
                // Words are visited whole: one test of their first letters, then the next word.
                let atWordStart = i == 0 || !t.isDigit(i - 1)
                if atWordStart && lex.mayStartMonth(t, i), let d = loneMonth(t, at: i) {
                    out.append(d)
                    i = d.range.upperBound
                    continue
                }
                guard atWordStart && lex.mayStartWord(t, i) else { i = t.wordEnd(i); continue }
                if let d = vague(t, at: i) {
                    out.append(d)
                    i = d.range.upperBound
                    continue
                }
                core = words(t, at: i)
                if core == nil { i = t.wordEnd(i); continue }
            } else if t.isDigit(i) {
                if i > 0 && t.isDigit(i - 1) { i += 1; continue }
                if let skipTo = identifierOrPhoneEnd(t, at: i) { i = skipTo; continue }
                core = digits(t, at: i)
            } else if t.original[i] == (decimalComma ? 0x2C : 0x2E), t.isDigit(i + 1), !t.isDigit(i - 1), !t.isLetter(i - 1) {
                core = digits(t, at: i)                      // `,77` / `.77`
            } else if t.original[i] >= 0xBC, let v = Self.vulgarFraction(t.original[i]) {
                core = Core(start: i, end: i + 1, value: v)                // ½, ¾, ⅔
            }
            guard var c = core, c.end > i else { i += 1; continue }
            if let d = complete(&c, t) {
                if let last = out.last, last.range.overlaps(d.range) {
                    if last.claim == .money, d.claim == .money, last.unit != nil, d.unit != nil, !d.unitBefore, d.range.upperBound > last.range.upperBound,
                       last.range.lowerBound < d.range.lowerBound {
                        // `10 rmb 20 usd`: the currency between two amounts is the first one's.
                        var e = d
                        e.range = t.skipSpaces(last.range.upperBound)..<d.range.upperBound
                        out.append(e)
                    } else if d.range.count > last.range.count {
                        // A range or qualifier reached back over the previous claim: keep the longer one.
                        out[out.count - 1] = d
                    }
                } else {
                    out.append(d)
                }
                i = max(d.range.upperBound, c.end)
            } else {
                i = c.end
            }
        }
        return mergeBounds(sumMeasurements(out, t), t)
    }

    /// `7 feet 10 inches`, `2 km and 1 meter`: quantities of one dimension written in a row,
    /// each in a smaller unit, are one length (or mass, or time) in the smallest unit.
    func sumMeasurements(_ drafts: [Draft], _ t: ClaimText) -> [Draft] {
        // Most sentences have one claim or none: nothing to sum, no copies.
        guard drafts.count > 1 else { return drafts }
        var out: [Draft] = []
        out.reserveCapacity(drafts.count)
        for var d in drafts {
            // Tested on the last draft in place: `out.last` copies it (and retains its strings).
            let afterQuantity = !out.isEmpty && out[out.count - 1].claim == .quantity
            // `12 ft 2 in`: a word that is a unit only right after a larger unit of its dimension.
            if afterQuantity, d.unit == nil, d.low == nil, d.qualifier == nil, let lu = out[out.count - 1].unit,
               let lf = shared.unitFactors[lu], let w = lex.compoundUnits.match(t.lower, at: t.skipSpaces(d.range.upperBound)),
               let df = shared.unitFactors[w.value], df.dimension == lf.dimension, df.size < lf.size {
                d.unit = w.value
                d.claim = .quantity
                d.range = d.range.lowerBound..<(t.skipSpaces(d.range.upperBound) + w.length)
            }
            if afterQuantity, d.claim == .quantity, var last = out.last, last.qualifier == nil, d.qualifier == nil,
               let lu = last.unit, let du = d.unit, let lf = shared.unitFactors[lu], let df = shared.unitFactors[du],
               lf.dimension == df.dimension, df.size < lf.size, let lv = last.value, let dv = d.value,
               Self.onlyJoins(t, last.range.upperBound, d.range.lowerBound, lex) {
                // In the smaller unit when the larger is a whole number of it (7 ft 10 in = 94 in),
                // else in the larger when that is exact (1 m and 1 ft = 1.3048 m); else apart.
                let ratio = lf.size / df.size
                if ratio == ratio.rounded0 {
                    last.value = lv * ratio + dv
                    last.unit = du
                } else if (dv * df.size / lf.size).exponent >= -12 {
                    last.value = lv + dv * df.size / lf.size
                } else {
                    out.append(d)
                    continue
                }
                last.integer = nil
                last.range = last.range.lowerBound..<d.range.upperBound
                out[out.count - 1] = last
                continue
            }
            out.append(d)
        }
        return out
    }

    /// Whether only blanks, a comma or an `and` word lie between two positions.
    static func onlyJoins(_ t: ClaimText, _ a: Int, _ b: Int, _ lex: ClaimLexicon) -> Bool {
        var i = t.skipSpaces(a)
        if i < b && t.original[i] == 0x2C { i = t.skipSpaces(i + 1) }
        if i < b, let w = lex.rangeWords.match(t.lower, at: i), w.value == .and { i = t.skipSpaces(i + w.length) }
        return i == b
    }

    /// Between two bounds of one range only blanks, commas and `and`/`but` words (`x>10 and y<20` are two).
    func onlyJoinsBounds(_ t: ClaimText, _ a: Int, _ b: Int) -> Bool {
        var i = t.skipSpaces(a)
        while i < b {
            if t.original[i] == 0x2C { i = t.skipSpaces(i + 1); continue }
            guard let w = lex.rangeWords.match(t.lower, at: i), w.value == .and || w.value == .but else { return false }
            i = t.skipSpaces(i + w.length)
        }
        return i == b
    }

    func mergeBounds(_ drafts: [Draft], _ t: ClaimText) -> [Draft] {
        guard drafts.count > 1 else { return drafts }
        var out: [Draft] = []
        out.reserveCapacity(drafts.count)
        for d in drafts {
            if d.qualifier != nil, !out.isEmpty, out[out.count - 1].qualifier != nil, let last = out.last, let lq = last.qualifier, let q = d.qualifier,
               Self.isLower(lq) && Self.isUpper(q) || Self.isUpper(lq) && Self.isLower(q),
               last.unit == d.unit, let a = last.value, let b = d.value,
               d.range.lowerBound - last.range.upperBound <= 12, onlyJoinsBounds(t, last.range.upperBound, d.range.lowerBound) {
                let (lo, hi) = Self.isLower(lq) ? (a, b) : (b, a)
                guard lo < hi else { out.append(d); continue }
                var r = last
                r.range = last.range.lowerBound..<d.range.upperBound
                r.claim = .range
                r.value = nil
                r.integer = nil
                r.low = lo
                r.high = hi
                r.qualifier = nil
                out[out.count - 1] = r
                continue
            }
            out.append(d)
        }
        return out
    }
}


extension Decimal {
    /// The value rounded to a whole number (toward zero).
    var rounded0: Decimal {
        var v = self
        var r = Decimal()
        NSDecimalRound(&r, &v, 0, .down)
        return r
    }
}
