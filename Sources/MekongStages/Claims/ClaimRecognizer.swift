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

    private static let posix = Locale(identifier: "en_US_POSIX")

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
                    // A range or qualifier reached back over the previous claim: keep the longer one.
                    if d.range.count > last.range.count { out[out.count - 1] = d }
                } else {
                    out.append(d)
                }
                i = max(d.range.upperBound, c.end)
            } else {
                i = c.end
            }
        }
        return mergeBounds(out, t)
    }

    // MARK: Numbers in digits

    /// The value of a vulgar fraction character (½ ¼ ¾ ⅓ ⅔ ⅕ … ⅞), from Unicode's numeric value.
    static func vulgarFraction(_ v: UInt32) -> Decimal? {
        guard (0xBC...0xBE).contains(v) || (0x2150...0x215E).contains(v), let d = Unicode.Scalar(v)?.properties.numericValue else { return nil }
        // Numeric values are binary floats: 1/3 as 15 significant digits, like the suites write it.
        return Decimal(string: String(format: "%.15g", d))
    }

    /// `COP26`, `G20`, `Covid-19`, `A4` and phone numbers are no claims: where such a token ends.
    private func identifierOrPhoneEnd(_ t: ClaimText, at i: Int) -> Int? {
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

    private func phoneEnd(_ t: ClaimText, from i: Int) -> Int {
        var j = i
        while j < t.count {
            if t.isDigit(j) || t.original[j] == 0x2D || t.original[j] == 0x29 || t.original[j] == 0x28 || t.original[j] == 0x2F || t.original[j] == 0x2E { j += 1; continue }
            if t.isSpace(j) && t.isDigit(j + 1) { j += 1; continue }
            break
        }
        return j
    }

    private func digits(_ t: ClaimText, at start: Int) -> Core? {
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
                value = value * pow(10 as Decimal, e * sign >= 0 ? e : 0) / pow(10 as Decimal, e * sign < 0 ? e : 0)
                i = j
            }
        }
        var core = Core(start: start, end: i, value: value)
        core.integerDigits = seps.isEmpty && t.original[start] != 0x2C
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
            }
        }
        return core
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
    private func normalizeDigits(_ groups: [String], _ seps: [UInt32]) -> String {
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
    private func numericDate(_ t: ClaimText, at i: Int) -> Core? {
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
        if parts.count == 2 && sep == 0x2F && lengths[0] <= 2 && lengths[1] <= 2 {
            let before = t.skipSpacesBack(i)
            guard shared.dateCues[lex.language]?.match(t.lower, endingAt: before) != nil else { return nil }
            (d, m) = lex.language == .en ? (parts[1], parts[0]) : (parts[0], parts[1])
            guard (1...12).contains(m), (1...31).contains(d) else { return nil }
            var c = Core(start: i, end: j, value: 0)
            c.date = String(format: "--%02d-%02d", m, d)
            return c
        }
        return nil
    }

    // MARK: Numbers in words

    /// One part of a spelled-out number: a morpheme of a word (`eenentwintig` has three).
    struct Part {
        let value: Decimal
        let role: ClaimLexicon.Role
        let ordinal: Bool
        /// Index of the word it belongs to, and where that word ends.
        let word: Int
        let wordEnd: Int
        /// The character before the word: a blank or a hyphen (`thirty-first`).
        let separator: UInt32
    }

    /// A spelled-out number: one or more number words (compounds split into parts),
    /// joined by blanks or hyphens.
    private func words(_ t: ClaimText, at start: Int) -> Core? {
        var parts: [Part] = []
        var i = start
        var word = 0
        var separator: UInt32 = 0x20
        while i < t.count && t.isLetter(i) {
            let wordEnd = t.wordEnd(i)
            guard let pieces = shared.split(t.lower, i..<wordEnd, lex) else { break }
            for p in pieces { parts.append(Part(value: p.value, role: p.role, ordinal: p.ordinal, word: word, wordEnd: wordEnd, separator: separator)) }
            word += 1
            i = wordEnd
            if pieces.last?.ordinal == true { break }
            // Next word: after one blank or a hyphen.
            if i < t.count, t.original[i] == 0x20 || t.original[i] == 0x2D, t.isLetter(i + 1) { separator = t.original[i]; i += 1 } else { break }
        }
        guard !parts.isEmpty else { return nil }
        return evaluate(parts, t, start: start)
    }

    /// The value of number parts, read left to right: units add up, `hundred` and scales
    /// multiply, a denominator or a trailing ordinal after a small number makes a
    /// fraction (`drie vijfde`, `three fifths`), `point`/`komma`/`phẩy` starts decimals.
    private func evaluate(_ parts: [Part], _ t: ClaimText, start: Int) -> Core? {
        var total: Decimal = 0, current: Decimal = 0
        var lastDigit: Decimal = 0
        var largestScale: Decimal = 0
        var sign: Decimal = 1
        var previous: ClaimLexicon.Role?
        var used = 0
        var sawNumber = false
        var ordinal = false
        var end = start
        var scaleWord: String?
        // `current` when the present word began, and the value of the word before it.
        var wordStartValue: Decimal = 0, lastWordValue: Decimal = 0, word = -1
        var decimals: Decimal? = nil, decimalDigits = 0
        loop: for (k, p) in parts.enumerated() {
            if p.word != word {
                lastWordValue = current - wordStartValue
                wordStartValue = current
                word = p.word
            }
            if var d = decimals, !p.ordinal, [.digit, .teen, .tens].contains(p.role) {
                // `point seventy-one` = .71: the words after the point, read as digits.
                if p.role == .digit && previous == .tens { d += p.value }       // seventy-one: 70 + 1
                else { d = d * (p.role == .digit ? 10 : 100) + p.value }
                decimals = d
                decimalDigits = max(decimalDigits, String(describing: d).count)
                previous = p.role; used = k + 1; end = p.wordEnd
                continue loop
            }
            if p.ordinal {
                let wordValue = current - wordStartValue
                // A plural (`vijfden`, `fifths`) is a fraction; a singular of a hundred and up an ordinal;
                // a unit ordinal after tens is one ordinal (`thirty first`, `forty second`).
                let plural = t.lower[p.wordEnd - 1] == 0x6E || t.lower[p.wordEnd - 1] == 0x73
                let afterSmall = sawNumber && p.separator == 0x20 && (previous == .digit || previous == .article || previous == .teen || previous == .tens)
                    && (p.value < 100 || plural) && !(lex.language == .en && previous == .tens && p.value < 10 && !plural)
                if afterSmall && k == parts.count - 1 && p.word > 0 && parts[k - 1].word != p.word {
                    // `drie vijfde` = 3/5; `twintig drie vijfde` = 20 + 3/5; `een achtste` = 1/8.
                    let numerator = lastWordValue == 0 ? 1 : lastWordValue
                    let whole = total + current - lastWordValue - wordValue
                    current = whole + numerator / p.value
                    total = 0
                } else if p.value >= 100 && sawNumber {
                    // `tweehonderdste` = 200, `drieduizendste` = 3000, `honderd biljoenste`.
                    current = (current == 0 ? 1 : current) * p.value
                    ordinal = true
                } else {
                    current += p.value
                    ordinal = true
                }
                sawNumber = true
                used = k + 1; end = p.wordEnd
                break loop
            }
            switch p.role {
            case .digit:
                // `mười bốn` = 14: in Vietnamese a unit follows the bare ten.
                let afterTen = previous == .teen && lex.language == .vi && current - wordStartValue == 0 && lastWordValue == 10
                if previous == .digit || previous == .teen && !afterTen || previous == .afterTens { break loop }
                if previous == .tens && p.value == 0 { break loop }
                current += p.value; lastDigit = p.value
            case .teen:
                if previous == .digit && lex.language != .vi || previous == .teen || previous == .tens { break loop }
                current += p.value; lastDigit = 0
            case .tens:
                if previous == .tens || previous == .teen || (previous == .digit && lex.language == .en) { break loop }
                current += p.value; lastDigit = 0
            case .afterTens:
                guard previous == .tensMarker || previous == .teen else { break loop }
                current += p.value
            case .tensMarker:
                guard previous == .digit else { break loop }
                current += lastDigit * 9
            case .tensMultiplier:
                current = (current == 0 ? 1 : current) * 10
            case .filler:
                guard previous == .hundred else { break loop }
            case .hundred:
                if let d = decimals { current += d / pow(10, decimalDigits); decimals = nil }
                current = (sawNumber ? current : 1) * 100
                if current == 0 && previous != .digit { current = 100 }
            case .scale where p.value < 1000 && previous == .hundred:
                current *= p.value                                    // `two hundred dozens`
            case .scale where p.value < 1000:
                // `twee dozijn`, `a dozen`, `half a dozen`: multiplies the word before it only.
                let factor = lastWordValue == 0 && !sawNumber ? 1 : (current - wordStartValue == 0 ? (lastWordValue == 0 ? 1 : lastWordValue) : current - wordStartValue)
                let rest = current - (current - wordStartValue == 0 ? lastWordValue : current - wordStartValue)
                current = rest + factor * p.value
            case .scale:
                if let d = decimals { current += d / pow(10, decimalDigits); decimals = nil }
                var base = current
                if !sawNumber || (current == 0 && previous != .digit) { base = 1 }
                if p.value >= largestScale && largestScale > 0 && current == 0 {
                    total *= p.value                                    // nghìn tỷ, honderdduizend miljoen
                } else if p.value >= largestScale {
                    total = (total + base) * p.value
                } else {
                    total += base * p.value
                }
                largestScale = max(largestScale, p.value)
                current = 0
                if scaleWord == nil { scaleWord = t.string((p.word == 0 ? start : parts[k - 1].wordEnd + 1)..<p.wordEnd) }
            case .and:
                if k == parts.count - 1 { break loop }
                // Between words, `and`/`en` follows a hundred or a scale (`honderd en dertig`), or
                // leads to a fraction (`twee en een half`); `tien en vijftien` is two numbers.
                if parts[k + 1].word != p.word || k == 0 || parts[k - 1].word != p.word {
                    let next = parts[k + 1]
                    let fractionAhead = parts[(k + 1)...].prefix(3).contains { $0.role == .half || $0.role == .denominator || $0.role == .fraction || $0.ordinal }
                    guard previous == .hundred || previous == .scale || fractionAhead || next.role == .half || next.role == .fraction else { break loop }
                }
                previous = .and
                continue loop
            case .article:
                guard k + 1 < parts.count, [.hundred, .scale, .half, .denominator].contains(parts[k + 1].role) || parts[k + 1].ordinal else { break loop }
                current += 1
            case .half:
                if (previous == .article || previous == .digit) && current == 1 && largestScale > 0 && k >= 2 && parts[k - 2].role == .and {
                    total += largestScale * p.value                   // `one million and a half`
                    current = 0
                } else if previous == .article || (previous == .digit && current - wordStartValue == 0 && lastWordValue == 1) {
                    current = current - 1 + p.value                   // `een half`, `a half`
                } else if previous == .and || (sawNumber && previous == .scale) {
                    total += (largestScale > 0 && current == 0 ? largestScale : 1) * p.value   // `3 miljoen en een half`
                } else {
                    current += p.value                                // `half million`, `half a dozen`
                }
            case .halfAfter:
                guard sawNumber else { break loop }
                total += (largestScale > 0 && current == 0 ? largestScale : 1) * p.value
            case .fraction:
                if previous == .and && largestScale > 0 && current == 0 { total += p.value * largestScale }   // vijf miljard en driekwart
                else { current += p.value }
            case .denominator where k + 1 < parts.count && parts[k + 1].role == .scale:
                // `quarter million`, `three quarters billion`: a fraction that the scale multiplies.
                let numerator = sawNumber ? (current - wordStartValue == 0 ? (lastWordValue == 0 ? 1 : lastWordValue) : current - wordStartValue) : 1
                current = current - (sawNumber ? numerator : 0) + numerator / p.value
            case .denominator:
                guard sawNumber else { break loop }
                // `vijf en een kwart` = 5 + 1/4, `three quarters` = 3/4.
                let numerator = current - wordStartValue == 0 ? (lastWordValue == 0 ? 1 : lastWordValue) : current - wordStartValue
                current = current - numerator + numerator / p.value
                used = k + 1; end = p.wordEnd
                sawNumber = true
                break loop
            case .zero:
                guard parts.count == 1 else { break loop }
                current = 0
            case .minus:
                guard k == 0, parts.count > 1 else { break loop }
                sign = -1
                previous = .minus
                used = k + 1
                continue loop
            case .point:
                guard sawNumber, decimals == nil else { break loop }
                decimals = 0
                previous = .point
                continue loop
            }
            sawNumber = true
            previous = p.role
            used = k + 1
            end = p.wordEnd
        }
        guard used > 0, sawNumber else { return nil }
        var value = total + current
        if let d = decimals, decimalDigits > 0 { value += d / pow(10, decimalDigits) }
        // `hai phẩy 23`: decimals written in digits after a point word.
        if previous == .point || decimals != nil && decimalDigits == 0 {
            let j = t.skipSpaces(end + 1 <= t.count ? t.skipSpaces(end) : end)
            var k = t.skipSpaces(parts[min(used, parts.count - 1)].wordEnd)
            if k < j { k = j }
            if t.isDigit(k) {
                var digits = "0."
                var m = k
                while t.isDigit(m) { digits.unicodeScalars.append(Unicode.Scalar(t.original[m])!); m += 1 }
                if let f = Self.parseDecimal(digits) { value += f; end = m }
            }
        }
        let core = Core(start: start, end: end, value: sign * value, ordinal: ordinal, spelled: true, scale: scaleWord)
        if used == 1 {
            let only = parts[0]
            if only.role == .article || only.role == .and || only.role == .point || only.role == .filler { return nil }
            if lex.ambiguousWords.lookup(t.lower, start..<end) != nil {
                // `een`, `one`, `một`, `năm`: only with a unit or scale after them.
                let next = t.skipSpaces(end)
                if lex.unit(t, at: next) == nil { return nil }
            }
        }
        return core
    }

    /// `honderden gigawatt`, `hundreds of thousands`, `hàng trăm`: a lower bound and no exact value.
    private func vague(_ t: ClaimText, at i: Int) -> Draft? {
        guard let m = lex.vagueAmounts.match(t.lower, at: i) else { return nil }
        var end = i + m.length
        var unit: String?
        var j = t.skipSpaces(end)
        if lex.language == .en, t.string(j..<min(t.count, j + 2)) == "of", !t.isLetter(j + 2) { j = t.skipSpaces(j + 2) }
        if let u = lex.unit(t, at: j), u.value.position != .before {
            unit = u.value.unit
            end = j + u.length
        }
        var kind: Claim.Kind = .count
        if let u = lex.unit(t, at: j), unit != nil {
            switch u.value.category { case .money: kind = .money; case .percent: kind = .percent; case .quantity: kind = .quantity }
        }
        return Draft(range: i..<end, claim: kind, value: nil, low: m.value, unit: unit)
    }

    // MARK: Surroundings

    /// Reads what surrounds a number and makes the claim, or nil when it is part of a name.
    private func complete(_ c: inout Core, _ t: ClaimText) -> Draft? {
        var start = c.start, end = c.end
        var value = c.value
        var unit: ClaimLexicon.Unit?
        var scale = c.scale
        if let date = c.date {
            return Draft(range: start..<end, claim: .date, dateValue: date)
        }
        // Month-name dates: 20 november 2025, 21 november.
        if let d = monthDate(&c, t) { return d }
        // Negative: `-1`, `- 1.200.000` at the start, `min 5`.
        if start > 0, t.original[start - 1] == 0x2D || t.original[start - 1] == 0x2212, !c.spelled {
            let before = t.skipSpacesBack(start - 1)
            if before == 0 || !(t.isDigit(before - 1) || t.isLetter(before - 1)) { value = -value; start -= 1 }
        } else if start > 1, t.isSpace(start - 1), t.original[start - 2] == 0x2D || t.original[start - 2] == 0x2212, t.skipSpacesBack(start - 2) == 0 {
            value = -value; start -= 2
        }
        // `minus 1,200,000`, `min 5`, `âm 3`: a minus word before digits.
        if !c.spelled, start > 1, t.isSpace(start - 1) {
            var ws = start - 1
            while ws > 0 && t.isLetter(ws - 1) { ws -= 1 }
            if ws < start - 1, let w = lex.numberTrie.lookup(t.lower, ws..<(start - 1)), w.role == .minus { value = -value; start = ws }
        }
        // `2 chấm 23`, `2 point 5`: a decimal point word between digit groups.
        if !c.spelled, c.integerDigits {
            let j = t.skipSpaces(end)
            if j > end, t.isLetter(j), let w = lex.numberTrie.lookup(t.lower, j..<t.wordEnd(j)), w.role == .point {
                let k = t.skipSpaces(t.wordEnd(j))
                if k > t.wordEnd(j), t.isDigit(k) {
                    var digits = "0.", m = k
                    while t.isDigit(m) { digits.unicodeScalars.append(Unicode.Scalar(t.original[m])!); m += 1 }
                    if let f = Self.parseDecimal(digits) { value += f; end = m; c.integerDigits = false }
                }
            }
        }
        // Scale words after the number: 6 miljard, 1,6 miljoen, 2 nghìn tỷ, 3 honderd.
        if !c.spelled {
            var j = t.skipSpaces(end)
            while j < t.count, j - end <= 2, t.isLetter(j), let w = lex.numberTrie.lookup(t.lower, j..<t.wordEnd(j)), w.role == .scale || w.role == .hundred {
                value *= w.value
                if scale == nil { scale = t.originalString(j..<t.wordEnd(j)) } else { scale! += " " + t.originalString(j..<t.wordEnd(j)) }
                end = t.wordEnd(j)
                c.integerDigits = false
                j = t.skipSpaces(end)
            }
            // `- 10  k`: a scale suffix after blanks.
            if j < t.count, t.isLetter(j), t.wordEnd(j) - j <= 2, let m = shared.scaleSuffixes[t.originalString(j..<t.wordEnd(j))], lex.unit(t, at: j) == nil {
                value *= m; scale = t.originalString(j..<t.wordEnd(j)); end = t.wordEnd(j); c.integerDigits = false
            }
        }
        // Unit or currency after: 20%, 10 dollar, 3.200 km, 6 tỷ USD, 10k đồng; `3-inch`, `12-cent`.
        var afterStart = t.skipSpaces(end)
        if afterStart == end, end < t.count, t.original[end] == 0x2D, t.isLetter(end + 1), lex.unit(t, at: end + 1) != nil { afterStart = end + 1 }
        if afterStart - end <= 2, let u = lex.unit(t, at: afterStart), u.value.position != .before, !c.ordinal {
            unit = u.value
            end = afterStart + u.length
            if u.value.category == .money, u.value.unit != "cent" { subUnit(t, &end, &value) }
        }
        // Currency (or `percent of`) before: $10, US$ 3,14, USD1,23, € 4,25, per cent of 22.
        if unit == nil || unit?.category == .money {
            let before = t.skipSpacesBack(start)
            if start - before <= 1, let u = lex.unit(t, endingAt: before), u.value.category != .quantity, u.value.position != .after {
                if unit == nil {
                    unit = u.value
                    if u.value.category == .money { subUnit(t, &end, &value) }
                }
                start = before - u.length
            }
        }
        // A number inside a name (`Miss International 2025`, `Expo 2025`, `iPhone 15`) is no claim.
        if unit == nil && !c.ordinal && !c.spelled && isNamePart(t, start) { return nil }
        var draft = Draft(range: start..<end, claim: .number, value: value, unit: unit?.unit, scale: scale)
        // Unchanged since the digits were read: print the integer, not the Decimal.
        if let n = c.integer, scale == nil, value == c.value { draft.integer = n }
        // Ranges: 20-30%, van 100 tot 1000 g, từ 20 đến 30%, between 10 and 20.
        if let r = range(draft, t, first: c, unit: unit) { draft = r }
        // Ordinal markers before: thứ 4, lần thứ tư.
        if !c.ordinal, let p = lex.ordinalPrefixes.match(t.lower, endingAt: t.skipSpacesBack(draft.range.lowerBound)) {
            c.ordinal = true
            draft.range = (t.skipSpacesBack(draft.range.lowerBound) - p.length)..<draft.range.upperBound
        }
        // Qualifier before and after.
        let qEnd = t.skipSpacesBack(draft.range.lowerBound)
        if draft.low == nil, qEnd < draft.range.lowerBound || qEnd == draft.range.lowerBound && qEnd > 0 && !t.isLetter(qEnd - 1),
           let q = lex.qualifiersBefore.match(t.lower, endingAt: qEnd) {
            draft.qualifier = q.value
            draft.range = (qEnd - q.length)..<draft.range.upperBound
        }
        // A bound written after the number wins over one before it (`từ 7000 đồng trở xuống`).
        if draft.low == nil, let q = lex.qualifiersAfter.match(t.lower, at: t.skipSpaces(draft.range.upperBound)) {
            draft.qualifier = q.value
            draft.range = draft.range.lowerBound..<(t.skipSpaces(draft.range.upperBound) + q.length)
        }
        // Change: `tăng 20%`, `rose 20%`, `steeg met 20%`, `steeg de omzet met 20%`.
        draft.change = change(t, before: draft.range.lowerBound)
        // Kind.
        if draft.low != nil || draft.high != nil {
            draft.claim = .range
        } else if c.ordinal {
            draft.claim = .ordinal
        } else if let u = unit {
            switch u.category {
            case .money: draft.claim = .money
            case .percent: draft.claim = .percent
            case .quantity: draft.claim = .quantity
            }
        } else if c.integerDigits, (1000...2999).contains(NSDecimalNumber(decimal: value).intValue), draft.qualifier == nil,
                  lex.yearCues.match(t.lower, endingAt: t.skipSpacesBack(draft.range.lowerBound)) != nil {
            draft.claim = .year
        } else {
            let next = t.skipSpaces(draft.range.upperBound)
            draft.claim = t.isLetter(next) && next > draft.range.upperBound && lex.rangeWords.match(t.lower, at: next) == nil ? .count : .number
        }
        return draft
    }

    /// `2 đô 23 xu`, `$20 and 43c`, `20 dollar 43`: cents after a whole currency amount.
    private func subUnit(_ t: ClaimText, _ end: inout Int, _ value: inout Decimal) {
        guard value == value.rounded0 else { return }
        var k = t.skipSpaces(end)
        if let w = lex.rangeWords.match(t.lower, at: k), w.value == .and { k = t.skipSpaces(k + w.length) }
        guard t.isDigit(k) else { return }
        var n: Decimal = 0, m = k, digits = 0
        while t.isDigit(m) { n = n * 10 + Decimal(Int(t.original[m] - 0x30)); m += 1; digits += 1 }
        guard digits <= 2, !t.isLetter(m) || lex.unit(t, at: m)?.value.unit == "cent" || shared.centSymbols.contains(t.lower[m]) else { return }
        let s = t.skipSpaces(m)
        if let sub = lex.unit(t, at: s), sub.value.unit == "cent" || sub.value.unit == "penny" {
            value += n / 100
            end = s + sub.length
        } else if m < t.count, shared.centSymbols.contains(t.lower[m]), !t.isLetter(m + 1) {
            value += n / 100                                      // `43c`
            end = m + 1
        } else if Self.endsSentence(t, from: m) {
            value += n / 100                                      // `$20 43`, `20 dollar 43` closing the sentence
            end = m
        }
    }

    /// Only blanks and closing punctuation from `i` to the end of the sentence.
    static func endsSentence(_ t: ClaimText, from i: Int) -> Bool {
        var j = i
        while j < t.count {
            let v = t.original[j]
            guard v == 0x20 || v == 0x2E || v == 0x21 || v == 0x3F || v == 0x0A else { return false }
            j += 1
        }
        return true
    }

    /// Words before the number that are capitalized mid-sentence (or mixed case) name something.
    private func isNamePart(_ t: ClaimText, _ start: Int) -> Bool {
        guard start >= 2, t.isSpace(start - 1), t.isLetter(start - 2) else { return false }
        var s = start - 2
        while s > 0 && t.isLetter(s - 1) { s -= 1 }
        let word = s..<(start - 1)
        let first = t.original[s]
        let hasUpper = t.original[word].contains { Scalars.isUppercase($0) }
        guard hasUpper, s > 0 || word.count > 1 && t.original[word].dropFirst().contains(where: Scalars.isUppercase) else { return false }
        if !Scalars.isUppercase(first) && !t.original[word].dropFirst().contains(where: Scalars.isUppercase) { return false }
        if lex.months.match(t.lower, at: s) != nil || lex.yearCues.match(t.lower, at: s) != nil { return false }
        if lex.unit(t, at: s) != nil { return false }
        // Sentence-initial capital alone is no name.
        return s > 0
    }

    private func monthDate(_ c: inout Core, _ t: ClaimText) -> Draft? {
        guard !c.spelled, !c.ordinal || lex.language == .en, c.scale == nil else { return nil }
        let day = NSDecimalNumber(decimal: c.value).intValue
        // `20 november 2025`
        let j = t.skipSpaces(c.end)
        if c.integerDigits || c.ordinal, (1...31).contains(day), j > c.end, let m = lex.months.match(t.lower, at: j) {
            var end = j + m.length
            var year: Int?
            let k = t.skipSpaces(end)
            if k > end, t.isDigit(k), let y = fourDigits(t, k) { year = y; end = k + 4 }
            let iso = year.map { String(format: "%04d-%02d-%02d", $0, m.value, day) } ?? String(format: "--%02d-%02d", m.value, day)
            return Draft(range: c.start..<end, claim: .date, dateValue: iso)
        }
        // `November 21, 2025`, `nov. 21`
        let before = t.skipSpacesBack(c.start)
        if (c.integerDigits || c.ordinal), (1...31).contains(day), before < c.start, let m = lex.months.match(t.lower, endingAt: before) {
            var end = c.end
            var year: Int?
            var k = end
            if k < t.count, t.original[k] == 0x2C { k += 1 }
            k = t.skipSpaces(k)
            if k > end, t.isDigit(k), let y = fourDigits(t, k) { year = y; end = k + 4 }
            let iso = year.map { String(format: "%04d-%02d-%02d", $0, m.value, day) } ?? String(format: "--%02d-%02d", m.value, day)
            return Draft(range: (before - m.length)..<end, claim: .date, dateValue: iso)
        }
        return nil
    }

    private func fourDigits(_ t: ClaimText, _ k: Int) -> Int? {
        guard t.isDigit(k), t.isDigit(k + 1), t.isDigit(k + 2), t.isDigit(k + 3), !t.isDigit(k + 4) else { return nil }
        return (0..<4).reduce(0) { $0 * 10 + Int(t.original[k + $1] - 0x30) }
    }

    /// A second number after a dash or a range word makes a range with the first.
    private func range(_ d: Draft, _ t: ClaimText, first: Core, unit: ClaimLexicon.Unit?) -> Draft? {
        guard !first.ordinal, let a = d.value else { return nil }
        var j = t.skipSpaces(d.range.upperBound)
        guard j < t.count else { return nil }
        var viaWord = false
        if t.original[j] == 0x2D || t.original[j] == 0x2013 || t.original[j] == 0x2014 || t.original[j] == 0x7E {
            j += 1
        } else if let w = lex.rangeWords.match(t.lower, at: j), w.value == .to || w.value == .and {
            j += w.length
            viaWord = true
        } else {
            return nil
        }
        j = t.skipSpaces(j)
        // `between 2 g and about 7 g`, `2 - ~7 grams`: a qualifier of the second bound is dropped.
        if let q = lex.qualifiersBefore.match(t.lower, at: j), q.value == .about { j = t.skipSpaces(j + q.length) }
        guard j < t.count, t.isDigit(j) || t.isLetter(j) || lex.unit(t, at: j) != nil else { return nil }
        // The second number, with its own currency or unit.
        var bStart = j
        var bUnit: ClaimLexicon.Unit?
        if !t.isDigit(j), let u = lex.unit(t, at: j, where: { $0.position != .after && $0.category == .money }) {
            bUnit = u.value
            bStart = t.skipSpaces(j + u.length)
        }
        var b: Core?
        if t.isDigit(bStart) { b = digits(t, at: bStart) } else if t.isLetter(bStart) { b = words(t, at: bStart) }
        guard let second = b, second.date == nil, !second.ordinal else { return nil }
        var bValue = second.value
        var end = second.end
        var k = t.skipSpaces(end)
        var factor: Decimal = 1
        while k < t.count, t.isLetter(k), let w = lex.numberTrie.lookup(t.lower, k..<t.wordEnd(k)), w.role == .scale {
            factor *= w.value; end = t.wordEnd(k); k = t.skipSpaces(end)
        }
        bValue *= factor
        if let u = lex.unit(t, at: t.skipSpaces(end)), u.value.position != .before, t.skipSpaces(end) - end <= 1 {
            bUnit = bUnit ?? u.value
            end = t.skipSpaces(end) + u.length
        }
        // After an opener (`between`, `van`, `từ`) any second number closes the range; without one
        // a `to` word needs the same unit on both sides.
        var start = d.range.lowerBound
        let opener = lex.rangeWords.match(t.lower, endingAt: t.skipSpacesBack(start))
        if let o = opener, o.value == .between || o.value == .from {
            start = t.skipSpacesBack(start) - o.length
        } else if viaWord {
            // `20 tot 100`, `10 dollars to 20 dollars`: a `to` word joins numbers of one unit;
            // `steeg met 20% tot 6 miljard dollar` joins two facts, not a range.
            if lex.rangeWords.match(t.lower, at: t.skipSpaces(d.range.upperBound))?.value == .and { return nil }
            if let u = unit, let v = bUnit, u.unit != v.unit { return nil }
        }
        // A scale written once applies to both bounds: `6-7 miljard`, `20 to 30 million`.
        let low = d.scale == nil && factor != 1 ? a * factor : a, high = bValue
        // A descending pair is no range.
        if low > high { return nil }
        var r = d
        r.range = start..<end
        r.value = nil
        r.integer = nil
        r.low = low
        r.high = high
        r.unit = d.unit ?? bUnit?.unit
        return r
    }

    private func change(_ t: ClaimText, before start: Int) -> Claim.Change? {
        var j = t.skipSpacesBack(start)
        if let c = lex.changeWords.match(t.lower, endingAt: j) { return c.value }
        // `steeg de omzet met 20%`: a link word right before, a change word a few words back.
        guard let link = shared.changeLinks[lex.language]?.match(t.lower, endingAt: j) else { return nil }
        j -= link.length
        for _ in 0..<6 {
            j = t.skipSpacesBack(j)
            if let c = lex.changeWords.match(t.lower, endingAt: j) { return c.value }
            var s = j
            while s > 0 && t.isLetter(s - 1) { s -= 1 }
            if s == j { return nil }
            j = s
        }
        return nil
    }

    private static func isLower(_ q: Claim.Qualifier) -> Bool { q == .moreThan || q == .atLeast }
    private static func isUpper(_ q: Claim.Qualifier) -> Bool { q == .lessThan || q == .atMost || q == .upTo }

    /// `more than 10 and less than 40`, `groter dan 100, maar kleiner als 300`: a lower and an upper bound in a row are one range.
    private func mergeBounds(_ drafts: [Draft], _ t: ClaimText) -> [Draft] {
        var out: [Draft] = []
        for d in drafts {
            if let last = out.last, let lq = last.qualifier, let q = d.qualifier,
               Self.isLower(lq) && Self.isUpper(q) || Self.isUpper(lq) && Self.isLower(q),
               last.unit == d.unit, let a = last.value, let b = d.value,
               d.range.lowerBound - last.range.upperBound <= 12 {
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
