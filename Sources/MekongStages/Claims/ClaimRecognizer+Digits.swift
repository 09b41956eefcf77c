import Foundation
import MekongCore

extension ClaimRecognizer {
    /// The value of a vulgar fraction character (½ ¼ ¾ ⅓ ⅔ ⅕ … ⅞), from Unicode's numeric value.
    static func vulgarFraction(_ v: UInt32) -> Decimal? {
        guard (0xBC...0xBE).contains(v) || (0x2150...0x215E).contains(v), let d = Unicode.Scalar(v)?.properties.numericValue else { return nil }
        // Numeric values are binary floats: 1/3 as 15 significant digits, like the suites write it.
        return Decimal(string: String(format: "%.15g", d))
    }

    /// `COP26`, `G20`, `Covid-19`, `A4` and phone numbers are no claims: where such a token ends.
    func identifierOrPhoneEnd(_ t: ClaimText, at i: Int) -> Int? {
        var tokenEnd: Int {
            var e = i
            while e < t.count && !t.isSpace(e) { e += 1 }
            return e
        }
        // Letters glued before the digits, unless they are a currency (`USD1,23`, `Rs20`, `US$5`).
        if i > 0 && t.isLetter(i - 1) {
            if let u = lex.unit(t, endingAt: i), u.value.category == .money { return nil }
            return tokenEnd
        }
        if i > 1 && t.original[i - 1] == 0x2D && t.isLetter(i - 2) { return tokenEnd }     // Covid-19
        // Phone numbers: `+84 24 3825 1234`, `024 3825 1234`, `(713) 853-3242`.
        if i > 0 && t.original[i - 1] == 0x2B { return phoneEnd(t, from: i) }
        if t.original[i] == 0x30, t.isDigit(i + 1) {
            var j = i
            while t.isDigit(j) { j += 1 }
            if j - i >= 2 && j - i <= 4, t.isSpace(j), t.isDigit(j + 1) {
                var k = j + 1, n = 0
                while t.isDigit(k) { k += 1; n += 1 }
                if n >= 3 { return phoneEnd(t, from: i) }
            }
        }
        if i > 0 && t.original[i - 1] == 0x28 {
            var j = i
            while t.isDigit(j) { j += 1 }
            if j - i == 3, t.scalar(j) == 0x29, t.isSpace(j + 1), t.isDigit(j + 2) { return phoneEnd(t, from: i) }
        }
        return nil
    }

    func phoneEnd(_ t: ClaimText, from i: Int) -> Int {
        var j = i
        while j < t.count {
            if t.isDigit(j) || t.original[j] == 0x2D || t.original[j] == 0x29 || t.original[j] == 0x28 || t.original[j] == 0x2F || t.original[j] == 0x2E { j += 1; continue }
            if t.isSpace(j) && t.isDigit(j + 1) { j += 1; continue }
            break
        }
        return j
    }

    func digits(_ t: ClaimText, at start: Int) -> Core? {
        // Most numbers are a plain run of digits: read them without building strings.
        if t.isDigit(start) {
            var j = start, v: Int64 = 0
            while t.isDigit(j) && j - start < 18 { v = v * 10 + Int64(t.original[j] - 0x30); j += 1 }
            let next = j < t.count ? t.original[j] : 0
            let plain = !t.isDigit(j) && next != 0x2E && next != 0x2C && next != 0x2F && next != 0x2D && next != 0x65 && next != 0x45 && next != 0x5E
                && !(next == 0x20 && t.isDigit(j + 1)) && !t.isLetter(j)
            if plain {
                var core = Core(start: start, end: j, value: Decimal(v))
                core.integerDigits = true
                core.integer = v
                return core
            }
        }
        // Dates first: 21/11/2025, 21-11-2025, 2025-11-21, 5/3 after a date cue.
        if let d = numericDate(t, at: start) { return d }
        var i = start
        var text = ""
        var groups: [String] = []
        var seps: [UInt32] = []
        var current = ""
        if !t.isDigit(i) { current = "0"; seps.append(t.original[i]); groups.append(current); current = ""; i += 1 }
        while i < t.count {
            if t.isDigit(i) { current.unicodeScalars.append(Unicode.Scalar(t.original[i])!); i += 1; continue }
            let s = t.original[i]
            if (s == 0x2E || s == 0x2C) && t.isDigit(i + 1) {
                groups.append(current); current = ""; seps.append(s); i += 1; continue
            }
            // `1 600 000`: blanks between groups of exactly three digits.
            if s == 0x20, groups.isEmpty || seps.last == 0x20, (groups.isEmpty ? current.count <= 3 : current.count == 3),
               t.isDigit(i + 1), t.isDigit(i + 2), t.isDigit(i + 3), !t.isDigit(i + 4) {
                groups.append(current); current = ""; seps.append(0x20); i += 1; continue
            }
            break
        }
        groups.append(current)
        text = normalizeDigits(groups, seps)
        guard var value = Self.parseDecimal(text) else { return nil }
        // Exponent: 1e10, 12,32e+14.
        if i < t.count, t.original[i] == 0x65 || t.original[i] == 0x45 {
            var j = i + 1
            var sign: Int = 1
            if j < t.count, t.original[j] == 0x2B || t.original[j] == 0x2D { sign = t.original[j] == 0x2D ? -1 : 1; j += 1 }
            var e = 0, n = 0
            while t.isDigit(j) { e = e * 10 + Int(t.original[j] - 0x30); j += 1; n += 1 }
            if n > 0 && n <= 3 && !t.isLetter(j) {
                let v = value * pow(10 as Decimal, e * sign >= 0 ? e : 0) / pow(10 as Decimal, e * sign < 0 ? e : 0)
                // `1e512` is beyond a Decimal: left unread rather than printed as NaN.
                if !v.isNaN && v.isFinite { value = v; i = j }
            }
        }
        // Powers: 2,5^-1, 1.1^+23 (the signs of the exponent multiply: ^--23 is ^23); and
        // scientific notation with a times sign: 1.3x10^6, 6.23×10^-4.
        var power = false
        if i < t.count, let p = powerExponent(t, at: i) {
            var v = value
            if p.base10 { v = p.exponent >= 0 ? value * pow(10 as Decimal, p.exponent) : value / pow(10 as Decimal, -p.exponent) }
            else if p.exponent >= 0 { v = pow(value, p.exponent) }
            else if value != 0 { v = 1 / pow(value, -p.exponent) } else { v = .nan }    // 0^-3
            // Beyond what a Decimal holds (38 digits, exponents to ±127) the power is left unread.
            if !v.isNaN && v.isFinite {
                value = v
                i = p.end
                power = true
            }
        }
        var core = Core(start: start, end: i, value: value)
        core.integerDigits = seps.isEmpty && t.original[start] != 0x2C && !power
        // Fractions: 1/5, 2 1/4, 3/15.
        if i < t.count, t.original[i] == 0x2F, t.isDigit(i + 1), seps.isEmpty {
            var j = i + 1, d: Decimal = 0
            while t.isDigit(j) { d = d * 10 + Decimal(Int(t.original[j] - 0x30)); j += 1 }
            if d != 0 && !t.isLetter(j) && !(j < t.count && t.original[j] == 0x2F) {
                core.value = value / d
                core.end = j
                core.integerDigits = false
                return core
            }
        }
        if seps.isEmpty, i < t.count, t.isSpace(i), t.isDigit(i + 1) {
            // `2 1/4`: a whole number and a fraction.
            var j = i + 1, n: Decimal = 0
            while t.isDigit(j) { n = n * 10 + Decimal(Int(t.original[j] - 0x30)); j += 1 }
            if j < t.count, t.original[j] == 0x2F, t.isDigit(j + 1) {
                var k = j + 1, d: Decimal = 0
                while t.isDigit(k) { d = d * 10 + Decimal(Int(t.original[k] - 0x30)); k += 1 }
                if d != 0 && n < d && !t.isLetter(k) {
                    core.value = value + n / d
                    core.end = k
                    core.integerDigits = false
                }
            }
        }
        // Glued suffixes: ordinal (4e, 31st), scale (10k, 1,2M, 6bn).
        if core.end < t.count, t.isLetter(core.end) {
            let wordEnd = t.wordEnd(core.end)
            let suffix = wordEnd - core.end <= 3 ? t.string(core.end..<wordEnd) : ""
            if seps.isEmpty && lex.ordinalSuffixes.contains(suffix) {
                core.ordinal = true
                core.end = wordEnd
                core.integerDigits = false
            } else if wordEnd - core.end <= 3, let m = shared.scaleSuffixes[t.originalString(core.end..<wordEnd)] {
                core.value *= m
                core.scale = t.originalString(core.end..<wordEnd)
                core.end = wordEnd
                core.integerDigits = false
            } else if wordEnd == core.end + 1, t.original[core.end] == 0x6D, core.start > 0,
                      let sign = t.scalar(core.start - 1), [0x24, 0xA3, 0x20AC, 0xA5, 0x20AB].contains(sign) {
                // `£125m`, `$6m`: after a currency sign an `m` is million, not metres.
                core.value *= 1_000_000
                core.scale = "m"
                core.end = wordEnd
                core.integerDigits = false
            }
        }
        return core
    }

    /// `^-1`, `^+23`, `x10^6`, `×10^-4` at `i`: the exponent, whether it is one of ten, and where it ends.
    func powerExponent(_ t: ClaimText, at i: Int) -> (exponent: Int, base10: Bool, end: Int)? {
        var j = i
        var base10 = false
        let s = t.original[i]
        if s == 0x78 || s == 0xD7 || s == 0x2A {
            guard t.scalar(i + 1) == 0x31, t.scalar(i + 2) == 0x30, t.scalar(i + 3) == 0x5E else { return nil }
            base10 = true
            j = i + 3
        }
        guard t.scalar(j) == 0x5E else { return nil }
        j += 1
        var sign = 1
        while let c = t.scalar(j), c == 0x2B || c == 0x2D || c == 0x2212 { if c != 0x2B { sign = -sign }; j += 1 }
        var e = 0, n = 0
        while t.isDigit(j) && n < 3 { e = e * 10 + Int(t.original[j] - 0x30); j += 1; n += 1 }
        guard n > 0, e <= 60, !t.isDigit(j), !t.isLetter(j) else { return nil }
        return (sign * e, base10, j)
    }

    /// Digits at `k` read as decimal places (`23` → 0.23), and where they end: the part
    /// after a point word (`2 chấm 23`, `hai phẩy 23`).
    func decimalPlaces(_ t: ClaimText, at k: Int) -> (value: Decimal, end: Int)? {
        guard t.isDigit(k) else { return nil }
        var digits = "0.", m = k
        while t.isDigit(m) { digits.unicodeScalars.append(Unicode.Scalar(t.original[m])!); m += 1 }
        return Self.parseDecimal(digits).map { ($0, m) }
    }

    /// A plain decimal string (`-12.50`) as a Decimal, without a locale-aware parser.
    static func parseDecimal(_ s: String) -> Decimal? {
        var mantissa: UInt64 = 0
        var exponent = 0
        var digits = 0
        var afterPoint = false
        var extra: [UInt8] = []
        for b in s.utf8 {
            if b == 0x2E { afterPoint = true; continue }
            guard b >= 0x30 && b <= 0x39 else { return nil }
            if digits < 18 {
                mantissa = mantissa * 10 + UInt64(b - 0x30)
                if afterPoint { exponent -= 1 }
                if mantissa > 0 { digits += 1 }
            } else {
                extra.append(b)
                if !afterPoint { exponent += 1 }
            }
        }
        if !extra.isEmpty, let exact = Decimal(string: s, locale: posix) { return exact }
        return Decimal(sign: .plus, exponent: exponent, significand: Decimal(mantissa))
    }

    /// Joins digit groups into a plain decimal string, deciding for each separator
    /// whether it groups thousands or marks decimals, by the language's convention.
    func normalizeDigits(_ groups: [String], _ seps: [UInt32]) -> String {
        guard !seps.isEmpty else { return groups[0] }
        let decimalMark: UInt32 = decimalComma ? 0x2C : 0x2E
        let distinct = Set(seps.filter { $0 != 0x20 })
        var decimalIndex: Int? = nil
        if distinct.count == 2 {
            decimalIndex = seps.lastIndex { $0 != 0x20 }                 // 10.000,00 / 10,000.00
        } else if distinct.count == 1 {
            let s = distinct.first!
            let count = seps.filter { $0 == s }.count
            let idx = seps.lastIndex(of: s)!
            if count == 1 {
                let after = groups[idx + 1]
                if s == decimalMark { decimalIndex = idx }
                else if after.count != 3 || groups[0].isEmpty || groups[0] == "0" { decimalIndex = idx }   // 3.14 in nl, 4,8 in en
            }
        }
        var out = ""
        for (k, g) in groups.enumerated() {
            out += g
            if k < seps.count && k == decimalIndex { out += "." }
        }
        return out
    }

    /// 21/11/2025, 21-11-2025, 21.11.2025, 2025-11-21; and d/m after a date cue (ngày 5/3).
    func numericDate(_ t: ClaimText, at i: Int) -> Core? {
        var parts: [Int] = [], lengths: [Int] = [], sep: UInt32 = 0
        var j = i
        while parts.count < 3 {
            var v = 0, n = 0
            while t.isDigit(j) && n < 5 { v = v * 10 + Int(t.original[j] - 0x30); j += 1; n += 1 }
            guard n > 0 else { return nil }
            parts.append(v); lengths.append(n)
            guard parts.count < 3, j < t.count else { break }
            let s = t.original[j]
            guard (s == 0x2F || s == 0x2D || s == 0x2E) && (sep == 0 || s == sep) && t.isDigit(j + 1) else { break }
            sep = s
            j += 1
        }
        if t.isDigit(j) || t.isLetter(j) { return nil }
        var y = 0, m = 0, d = 0
        if parts.count == 3 {
            if lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2 { (y, m, d) = (parts[0], parts[1], parts[2]) }
            else if lengths[2] == 4 && lengths[0] <= 2 && lengths[1] <= 2 {
                (d, m, y) = (parts[0], parts[1], parts[2])
                if lex.language == .en && parts[0] <= 12 && parts[1] > 12 { (m, d) = (parts[0], parts[1]) }
                else if lex.language == .en && parts[0] <= 12 && parts[1] <= 12 && sep == 0x2F { (m, d) = (parts[0], parts[1]) }
            } else { return nil }
            guard (1...12).contains(m), (1...31).contains(d) else { return nil }
            var c = Core(start: i, end: j, value: Decimal(y))
            c.date = String(format: "%04d-%02d-%02d", y, m, d)
            return c
        }
        // `tháng 6/2017`: the number of a month's name, then its year.
        if parts.count == 2 && lengths[0] <= 2 && lengths[1] == 4 && (1...12).contains(parts[0]) && parts[1] >= 1000,
           let m = lex.months.match(t.lower, endingAt: i + lengths[0]), m.length > lengths[0], m.value == parts[0] {
            var c = Core(start: i + lengths[0] - m.length, end: j, value: 0)
            c.date = String(format: "%04d-%02d", parts[1], parts[0])
            return c
        }
        if parts.count == 2 && sep == 0x2F && lengths[0] <= 2 && lengths[1] <= 2 {
            let before = t.skipSpacesBack(i)
            guard lex.dateCues.match(t.lower, endingAt: before) != nil else { return nil }
            (d, m) = lex.language == .en ? (parts[1], parts[0]) : (parts[0], parts[1])
            guard (1...12).contains(m), (1...31).contains(d) else { return nil }
            var c = Core(start: i, end: j, value: 0)
            c.date = String(format: "--%02d-%02d", m, d)
            return c
        }
        return nil
    }
}
