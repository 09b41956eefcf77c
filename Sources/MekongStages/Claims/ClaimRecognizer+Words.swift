import Foundation
import MekongCore

extension ClaimRecognizer {
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
    func words(_ t: ClaimText, at start: Int) -> Core? {
        var parts: [Part] = []
        var i = start
        var word = 0
        var separator: UInt32 = 0x20
        while i < t.count && t.isLetter(i) {
            var wordEnd = t.wordEnd(i)
            var split = shared.split(t.lower, i..<wordEnd, lex)
            // `vierentwintigjarige`: a unit glued to the number word ends the number; the unit is read after it.
            var glued = false
            if split == nil, let g = splitGlued(t, i..<wordEnd) {
                split = g.pieces
                wordEnd = g.end
                glued = true
            }
            guard let pieces = split else { break }
            for p in pieces { parts.append(Part(value: p.value, role: p.role, ordinal: p.ordinal, word: word, wordEnd: wordEnd, separator: separator)) }
            word += 1
            i = wordEnd
            if glued || pieces.last?.ordinal == true { break }
            // Next word: after one blank or a hyphen (or a dash: `thirty—first`).
            if i < t.count, t.original[i] == 0x20 || t.original[i] == 0x2D || t.original[i] == 0x2014 || t.original[i] == 0x2013, t.isLetter(i + 1) {
                separator = t.original[i] == 0x20 ? 0x20 : 0x2D
                i += 1
            } else if let j = Self.spacedLink(t, i), let next = shared.split(t.lower, j..<t.wordEnd(j), lex),
                      next.last!.ordinal && next.last!.value >= 3 || lex.language == .en && parts.last?.role == .tens && next.count == 1 && next[0].role == .digit {
                // `vijf / achtste`, `one - fourth`: a slash or a spaced dash before an ordinal is a
                // fraction bar; `ninety - five` is one number.
                separator = 0x2D
                i = j
            } else { break }
        }
        guard !parts.isEmpty else { return nil }
        return evaluate(parts, t, start: start)
    }

    /// A number word with a unit glued to it (`vierentwintigjarige`, `lex.gluedUnits`): the number's
    /// pieces and where the unit starts.
    func splitGlued(_ t: ClaimText, _ word: Range<Int>) -> (pieces: [ClaimShared.Piece], end: Int)? {
        guard let g = lex.gluedUnits.suffix(t.lower, endingAt: word.upperBound), g.length < word.count,
              let head = shared.split(t.lower, word.lowerBound..<(word.upperBound - g.length), lex) else { return nil }
        return (head, word.upperBound - g.length)
    }

    /// After a word at `i`: a slash, or a dash with blanks around it (` - `, ` / `, `/`), then a
    /// letter; where that next word starts.
    static func spacedLink(_ t: ClaimText, _ i: Int) -> Int? {
        var j = i
        if t.isSpace(j) { j += 1 }
        guard let s = t.scalar(j), s == 0x2F || s == 0x2D || s == 0x2013 else { return nil }
        let spacedBefore = j > i
        j += 1
        let spacedAfter = t.isSpace(j)
        if spacedAfter { j += 1 }
        guard s == 0x2F || spacedBefore && spacedAfter, t.isLetter(j) else { return nil }
        return j
    }

    static let frequencyUnits: Set<String> = ["year", "month", "week", "day", "h"]

    /// An ambiguous number word worth one (`một`) standing alone.
    private func isLoneOne(_ p: Part, _ t: ClaimText, _ start: Int) -> Bool {
        p.role == .digit && p.value == 1 && lex.ambiguousWords.lookup(t.lower, start..<p.wordEnd) != nil
    }

    /// The value of number parts, read left to right: units add up, `hundred` and scales
    /// multiply, a denominator or a trailing ordinal after a small number makes a
    /// fraction (`drie vijfde`, `three fifths`), `point`/`komma`/`phẩy` starts decimals.
    func evaluate(_ parts: [Part], _ t: ClaimText, start: Int, inner: Bool = false) -> Core? {
        if !inner, let f = fraction(parts, t, start: start) { return f }
        var total: Decimal = 0, current: Decimal = 0
        var lastDigit: Decimal = 0
        var largestScale: Decimal = 0
        var negative = false
        var previous: ClaimLexicon.Role?
        var used = 0
        var sawNumber = false
        var ordinal = false
        var end = start
        var scaleWord: String?
        // `current` when the present word began, and the value of the word before it.
        var wordStartValue: Decimal = 0, lastWordValue: Decimal = 0, word = -1
        var decimals: Decimal? = nil, decimalDigits = 0
        var skipNext = false
        loop: for (k, p) in parts.enumerated() {
            if skipNext { skipNext = false; continue }
            if p.word != word {
                lastWordValue = current - wordStartValue
                wordStartValue = current
                word = p.word
            }
            if var d = decimals, !p.ordinal, [.digit, .teen, .tens].contains(p.role) {
                // `point seventy-one` = .71: the words after the point, read as digits.
                // Each digit word is one decimal place, tens and teens two: `point zero three` = .03,
                // `point seventy-one` = .71.
                if p.role == .digit && previous == .tens { d += p.value }
                else if p.role == .digit { d = d * 10 + p.value; decimalDigits += 1 }
                else { d = d * 100 + p.value; decimalDigits += 2 }
                decimals = d
                previous = p.role; used = k + 1; end = p.wordEnd
                continue loop
            }
            if p.ordinal {
                // `een eerste stap`, `three fifth`: an ordinal after a bare unit word that makes no
                // fraction with it is a number of its own.
                if !inner, k == 1, parts[0].word != p.word, p.separator == 0x20, previous == .digit || previous == .article, p.value < 100,
                   p.value < 3 || lex.language == .en && !(t.lower[p.wordEnd - 1] == 0x6E || t.lower[p.wordEnd - 1] == 0x73) {
                    break loop
                }
                let wordValue = current - wordStartValue
                // A plural (`vijfden`, `fifths`) is a fraction; a singular of a hundred and up an ordinal;
                // a unit ordinal after tens is one ordinal (`thirty first`, `forty second`).
                let plural = t.lower[p.wordEnd - 1] == 0x6E || t.lower[p.wordEnd - 1] == 0x73
                // `een tweede keer`, `a second`: first and second are no denominators (a half is `half`).
                let afterSmall = !inner && sawNumber && p.separator == 0x20 && p.value >= 3 && (previous == .digit || previous == .article || previous == .teen || previous == .tens)
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
                // After a ten Vietnamese says five `lăm` (`mười lăm` = 15): `năm` there is the year,
                // `mười năm` = ten years, `hai mươi năm` = twenty years.
                if lex.language == .vi && p.value == 5 && (afterTen || previous == .tensMarker) { break loop }
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
                if scaleWord == nil && !inner {
                    // The whole word the scale ends (`negentigbiljard` is one word of two parts).
                    var q = k - 1
                    while q >= 0 && parts[q].word == p.word { q -= 1 }
                    scaleWord = t.string((q < 0 ? start : parts[q].wordEnd + 1)..<p.wordEnd)
                }
            case .and:
                // A number never starts with `and` (`... kilo en een driekwart liter`).
                if k == parts.count - 1 || k == 0 { break loop }
                // Between words, `and`/`en` follows a hundred or a scale (`honderd en dertig`), or
                // leads to a fraction (`twee en een half`); `tien en vijftien` is two numbers.
                if parts[k + 1].word != p.word || k == 0 || parts[k - 1].word != p.word {
                    let next = parts[k + 1]
                    let fractionAhead = parts[(k + 1)...].prefix(3).contains { $0.role == .half || $0.role == .denominator || $0.role == .fraction || $0.ordinal }
                    // Dutch writes `twee en twintig` apart too: a unit, `en`, then tens.
                    let dutchTens = lex.language == .nl && previous == .digit && next.role == .tens
                    guard previous == .hundred || previous == .scale || fractionAhead || dutchTens || next.role == .half || next.role == .fraction else { break loop }
                }
                previous = .and
                continue loop
            case .article:
                if previous == .half, k + 1 == parts.count, lex.unit(t, at: t.skipSpaces(p.wordEnd)) != nil {
                    // `half a liter`, `half an hour`: the unit after the article takes the half.
                    used = k + 1; end = p.wordEnd
                    continue loop
                }
                guard k + 1 < parts.count, [.hundred, .scale, .half, .denominator].contains(parts[k + 1].role) || parts[k + 1].ordinal && parts[k + 1].value >= 3 else { break loop }
                if previous == .half, parts[k + 1].role == .scale {
                    // `half a dozen`, `half a million`: half of the scale.
                    current = current - parts[k - 1].value + parts[k - 1].value * parts[k + 1].value
                    sawNumber = true; previous = .scale; used = k + 2; end = parts[k + 1].wordEnd
                    if parts[k + 1].value >= 1000 { total += current; current = 0; largestScale = parts[k + 1].value }
                    skipNext = true
                    continue loop
                }
                current += 1
            case .half:
                let scaleAhead = k + 1 < parts.count && parts[k + 1].role == .scale
                if (previous == .article || previous == .digit) && current == 1 && largestScale > 0 && k >= 2 && parts[k - 2].role == .and && !scaleAhead {
                    total += largestScale * p.value                   // `one million and a half`
                    current = 0
                } else if previous == .article || (previous == .digit && current - wordStartValue == 0 && lastWordValue == 1) {
                    current = current - 1 + p.value                   // `een half`, `a half`
                    wordStartValue -= 1                               // one term: `een half dozijn` = 6
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
                else if k == 1, parts[0].word != p.word, parts[0].value == 1, lex.ambiguousWords.lookup(t.lower, start..<parts[0].wordEnd) != nil {
                    current = p.value                                 // `een anderhalve meter`: `een` is the article
                } else { current += p.value }
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
                negative = true
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
        // `a dollar`, `een kilo`: an article alone is one of the unit after it; `a day`,
        // `a year` say how often, not how much. In `a decades-old dispute` the article is the dispute's.
        if inner { return used == parts.count && sawNumber ? Core(start: start, end: end, value: total + current + (decimals.map { $0 / pow(10, decimalDigits) } ?? 0), ordinal: ordinal, spelled: true) : nil }
        if used == 0, parts[0].role == .article || isLoneOne(parts[0], t, start),
           let u = lex.unit(t, at: t.skipSpaces(parts[0].wordEnd)), u.value.category != .percent, !Self.frequencyUnits.contains(u.value.unit),
           !(parts[0].role == .article && t.scalar(t.skipSpaces(parts[0].wordEnd) + u.length) == 0x2D && t.isLetter(t.skipSpaces(parts[0].wordEnd) + u.length + 1)) {
            return Core(start: start, end: parts[0].wordEnd, value: 1, spelled: true)
        }
        guard used > 0, sawNumber else { return nil }
        var value = total + current
        if let d = decimals, decimalDigits > 0 { value += d / pow(10, decimalDigits) }
        // `hai phẩy 23`: decimals written in digits after a point word (the part after the last one used).
        if decimals != nil, decimalDigits == 0, used < parts.count, let f = decimalPlaces(t, at: t.skipSpaces(parts[used].wordEnd)) {
            value += f.value
            end = f.end
        }
        let core = Core(start: start, end: end, value: negative ? -value : value, ordinal: ordinal, spelled: true, scale: scaleWord)
        if used == 1 {
            let only = parts[0]
            // `the second half`, `de tweede helft`: a half after an ordinal is a part of a period, no number.
            if only.role == .half, start > 1, t.isSpace(start - 1) {
                var ws = start - 1
                while ws > 0 && t.isLetter(ws - 1) { ws -= 1 }
                if ws < start - 1, let before = shared.split(t.lower, ws..<(start - 1), lex), before.last?.ordinal == true { return nil }
            }
            // `the one you mentioned`, `that one`: a pronoun, unless a unit follows.
            if only.role == .digit, !only.ordinal, only.value == 1, only.wordEnd == end, t.scalar(end) != 0x2D, lex.pronounCues.match(t.lower, endingAt: t.skipSpacesBack(start)) != nil,
               start > 0, t.isSpace(start - 1), lex.unit(t, at: t.skipSpaces(end)) == nil { return nil }
            if only.role == .article || only.role == .and || only.role == .point || only.role == .filler { return nil }
            // A scale of a million and up with no number before it is no amount (`tỷ lệ` is a rate);
            // `duizend`, `thousand` alone are 1000.
            if only.role == .scale && only.value >= 1_000_000 && parts.count == 1 { return nil }
            if only.role == .zero {
                // `geen`, `nil`: zero with a unit after (`geen euro`), or as a whole answer; not `geen zin`.
                let next = t.skipSpaces(end)
                if lex.unit(t, at: next) == nil && !(start == 0 && (next == t.count || next == t.count - 1 && !t.isLetter(next) && !t.isDigit(next))) { return nil }
            }
            if lex.ambiguousWords.lookup(t.lower, start..<end) != nil {
                // `không` alone is `not` even before a unit word (`không đồng tình`, disagree): a zero
                // amount is written in digits.
                if only.value == 0 { return nil }
                // `een`, `one`, `một`, `năm`: only with a unit or scale after them.
                let next = t.skipSpaces(end)
                if lex.unit(t, at: next) == nil {
                    // `een op de drie`: the numerator of a fraction phrase.
                    var probe = core
                    fractionPhrase(&probe, t)
                    if probe.end == core.end { return nil }
                }
            }
        }
        return core
    }

    /// A spelled-out fraction that ends in an ordinal word: the whole number before it over the
    /// ordinal (`drie vijfde`, `twenty-three fifths` = 23/5, `een eenentwintigste` = 1/21,
    /// `a hundred trillionths`). A tens word joins a unit ordinal after it (`one hundred
    /// thirty-fifths` = 100/35) unless `and` binds it to the number before (`one hundred and
    /// thirty fifths` = 130/5); after a scale and `and` the fraction is one of the scale
    /// (`two million and three fifths` = 2.6 million, as `and a half`). First and second are
    /// no denominators; in English a singular ordinal is a fraction only after one (`a fifth`,
    /// `one hundred fifth` is the 105th).
    func fraction(_ parts: [Part], _ t: ClaimText, start: Int) -> Core? {
        guard parts.count >= 2, let last = parts.last, last.ordinal, lex.language != .vi else { return nil }
        var g = parts.count - 1
        while g > 0 && parts[g - 1].word == last.word { g -= 1 }
        if g == parts.count - 1, g > 0, parts[g - 1].role == .tens, parts[g - 1].word == last.word - 1, last.value < 10,
           !(g >= 2 && parts[g - 2].role == .and) { g -= 1 }
        guard g > 0, let den = evaluate(Array(parts[g...]), t, start: start, inner: true), den.value >= 3 else { return nil }
        var whole: Decimal = 0, factor: Decimal = 1, from = 0
        if let a = parts[0..<g].lastIndex(where: { $0.role == .and }), a > 0, a + 1 < g, parts[a - 1].role == .scale {
            guard let w = evaluate(Array(parts[0..<a]), t, start: start, inner: true) else { return nil }
            whole = w.value; factor = parts[a - 1].value; from = a + 1
        }
        // Dutch writes a whole number as one word: of words before the ordinal only the last one
        // counts it (`twintig drie vijfde` = 20 + 3/5, `honderd en dertig vijfde` = 100 + 30/5).
        if lex.language == .nl, parts[g - 1].word > parts[from].word {
            var n = g - 1
            while n > from && parts[n - 1].word == parts[g - 1].word { n -= 1 }
            var e = n
            while e > from && parts[e - 1].role == .and { e -= 1 }
            guard e > from, let w = evaluate(Array(parts[from..<e]), t, start: start, inner: true) else { return nil }
            whole += factor * w.value
            from = n
        }
        let numerator: Decimal
        if g - from == 1 && parts[from].role == .article { numerator = 1 } else {
            guard let n = evaluate(Array(parts[from..<g]), t, start: start, inner: true), !n.ordinal else { return nil }
            numerator = n.value
        }
        let plural = t.lower[last.wordEnd - 1] == 0x6E || t.lower[last.wordEnd - 1] == 0x73
        // A singular ordinal is one more step of the number after a hundred or a scale (`tweeduizend
        // zestiende` = 2016th) and after any number but one when it is a hundredth or more (`drie
        // biljoenste`, `three trillionth`); in English after any number but one (`one hundred fifth`).
        if !plural && numerator != 1 {
            if lex.language == .en || den.value >= 100 || parts[g - 1].role == .hundred || parts[g - 1].role == .scale { return nil }
        }
        let negative = parts[0].role == .minus
        let v = whole + factor * numerator / den.value
        return Core(start: start, end: last.wordEnd, value: negative && v > 0 ? -v : v, spelled: true)
    }

    /// `honderden gigawatt`, `hundreds of thousands`, `hàng trăm`: a lower bound and no exact value.
    func vague(_ t: ClaimText, at i: Int) -> Draft? {
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
        } else if let own = lex.vagueUnits.match(t.lower, at: i), own.length == m.length {
            unit = own.value
            kind = .quantity
        }
        return Draft(range: i..<end, claim: kind, value: nil, low: m.value, unit: unit)
    }
}
