import Foundation
import MekongCore

extension ClaimRecognizer {
    /// Reads what surrounds a number and makes the claim, or nil when it is part of a name.
    func complete(_ c: inout Core, _ t: ClaimText) -> Draft? {
        if c.date == nil && !c.ordinal { fractionPhrase(&c, t) }
        var start = c.start, end = c.end
        var value = c.value
        var unit: ClaimLexicon.Unit?
        var unitBefore = false
        var scale = c.scale
        if let date = c.date {
            return Draft(range: start..<end, claim: .date, dateValue: date)
        }
        // Month-name dates: 20 november 2025, 21 november.
        if let d = monthDate(&c, t) { return d }
        // A number that belongs to a month's name (`tháng 6`, June) is no claim of its own, as
        // `June` is none: the year after it still is.
        if !c.spelled, let m = lex.months.match(t.lower, endingAt: c.end), m.length > c.end - c.start { return nil }
        // `the second to last`: a position counted from the end names no number.
        if c.ordinal, lex.relativeCues.match(t.lower, at: t.skipSpaces(c.end)) != nil { return nil }
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
            if j > end, let w = numberWord(t, at: j), w.role == .point {
                let k = t.skipSpaces(t.wordEnd(j))
                if k > t.wordEnd(j), let f = decimalPlaces(t, at: k) { value += f.value; end = f.end; c.integerDigits = false }
            }
        }
        // Scale words after the number: 6 miljard, 1,6 miljoen, 2 nghìn tỷ, 3 honderd.
        if !c.spelled {
            var j = t.skipSpaces(end)
            var lastScale: Decimal?
            while j < t.count, j - end <= 2, let w = numberWord(t, at: j), w.role == .scale || w.role == .hundred {
                value *= w.value
                lastScale = w.value
                if scale == nil { scale = t.originalString(j..<t.wordEnd(j)) } else { scale! += " " + t.originalString(j..<t.wordEnd(j)) }
                end = t.wordEnd(j)
                c.integerDigits = false
                j = t.skipSpaces(end)
            }
            // `4 thousand 3 hundred`, `6 crore and two hundred`, `3 hundred and 21`: a smaller number
            // after a scale adds to it: one in words, or in digits with a scale word of its own, or
            // bare digits after `hundred and`.
            while let last = lastScale, let (addend, addEnd, addScale) = smallerAddend(t, after: j, below: last) {
                value += addend
                end = addEnd
                lastScale = addScale
                j = t.skipSpaces(end)
            }
            // `3 miljoen en een half`, `2 million and a half`: half of the scale on top; `5 and a half` = 5.5.
            if let last = lastScale ?? (c.integerDigits ? 1 : nil), let and = lex.rangeWords.match(t.lower, at: j), and.value == .and {
                var k = t.skipSpaces(j + and.length)
                if let w = numberWord(t, at: k), (w.role == .article || w.role == .digit && w.value == 1) {
                    k = t.skipSpaces(t.wordEnd(k))
                    if let h = numberWord(t, at: k), h.role == .half {
                        value += last * h.value
                        end = t.wordEnd(k)
                        j = t.skipSpaces(end)
                    }
                }
            }
            // `- 10  k`: a scale suffix after blanks.
            // A unit written in lowercase data and capitalized here (`1,674.5 G`, `7 M`) is the scale suffix.
            if j < t.count, t.isLetter(j), t.wordEnd(j) - j <= 2, let m = shared.scaleSuffixes[t.originalString(j..<t.wordEnd(j))],
               lex.unit(t, at: j).map({ !$0.value.caseSensitive && t.original[j] != t.lower[j] }) ?? true {
                value *= m; scale = t.originalString(j..<t.wordEnd(j)); end = t.wordEnd(j); c.integerDigits = false
            }
        }
        // Unit or currency after: 20%, 10 dollar, 3.200 km, 6 tỷ USD, 10k đồng; `3-inch`, `12-cent`.
        var afterStart = t.skipSpaces(end)
        if afterStart == end, end < t.count, t.original[end] == 0x2D, t.isLetter(end + 1), let u = lex.unit(t, at: end + 1),
           !t.isDigit(end + 1 + u.length) { afterStart = end + 1 }           // not `VND1000-VND2000`
        // A currency sign that a number follows is that number's (`$ 20,000 $ 37,305`), unless that
        // number has its own currency after it (`10 $ 30 $`, `10 $ 30 cent`); a code is not (`3 GBP 1
        // pence`), unless this number has a currency before it (`rmb 10 usd 20`).
        if afterStart - end <= 2, let u = lex.unit(t, at: afterStart), !c.ordinal,
           !(u.value.category == .money && u.value.position == .both && t.isDigit(t.skipSpaces(afterStart + u.length))
             && (!t.isLetter(afterStart) && !currencyAfterNumber(t, at: t.skipSpaces(afterStart + u.length)) || moneyBefore(t, start))),
           !t.isDigit(afterStart + u.length) || u.value.category == .money {      // `24703 m212` is an identifier
            unit = weightReading(t, u.value, at: afterStart, length: u.length)
            end = afterStart + u.length
            if let f = unit!.factor { value *= f; c.integerDigits = false }         // `3 ons` = 300 g
            // `75 USD million`: a scale word after the currency code.
            if unit!.category == .money, scale == nil, let w = numberWord(t, at: t.skipSpaces(end)), w.role == .scale, w.value >= 1000 {
                value *= w.value
                scale = t.originalString(t.skipSpaces(end)..<t.wordEnd(t.skipSpaces(end)))
                end = t.wordEnd(t.skipSpaces(end))
                c.integerDigits = false
            }
            if unit!.category == .money, u.value.unit != "cent" { subUnit(t, &end, &value) }
        } else if afterStart - end <= 1, let close = Self.closingBracket(t.scalar(afterStart)), let u = lex.unit(t, at: afterStart + 1),
                  u.value.category == .quantity, t.scalar(afterStart + 1 + u.length) == close, !c.ordinal {
            unit = u.value                                                      // `20 [kg]`, `20 (km)`
            end = afterStart + u.length + 2
            if let f = u.value.factor { value *= f; c.integerDigits = false }
        }
        // `2 degrees below zero`, `5 graden onder nul`: a temperature under zero.
        // `convert - 20 degrees`: a spaced minus after a word, before a temperature, is its sign (after
        // a number it would be a range: `10 - 20 degrees`).
        if let u = unit, u.unit == "°" || u.unit == "°C" || u.unit == "°F", value > 0, !c.spelled, start > 2, t.isSpace(start - 1),
           t.original[start - 2] == 0x2D || t.original[start - 2] == 0x2212, t.isSpace(start - 3), t.isLetter(t.skipSpacesBack(start - 3) - 1) {
            value = -value
            start -= 2
        }
        if unit == nil || unit?.category == .quantity, value > 0, let b = lex.belowZero.match(t.lower, at: t.skipSpaces(end)) {
            value = -value
            end = t.skipSpaces(end) + b.length
            // `2 below zero`: degrees, even unnamed.
            if unit == nil { unit = ClaimLexicon.Unit(unit: "°", category: .quantity, position: .after, caseSensitive: false) }
        }
        // Currency (or `percent of`) before: $10, US$ 3,14, USD1,23, € 4,25, per cent of 22.
        if unit == nil || unit?.category == .money {
            let before = t.skipSpacesBack(start)
            if start - before <= 1, let u = lex.unit(t, endingAt: before), u.value.category != .quantity, u.value.position != .after {
                if unit == nil {
                    unit = u.value
                    unitBefore = true
                    if u.value.category == .money { subUnit(t, &end, &value) }
                }
                start = before - u.length
            }
        }
        // `aged 87`, `at the age of 40`: an age in years.
        if unit == nil, !c.ordinal, lex.ageCues.match(t.lower, endingAt: t.skipSpacesBack(start)) != nil {
            unit = ClaimLexicon.Unit(unit: "year", category: .quantity, position: .after, caseSensitive: false)
        }
        // A number inside a name (`Miss International 2025`, `Expo 2025`, `iPhone 15`) is no claim.
        // (With a scale word after it, the number is an amount: `NBC 2,94 triệu`.)
        if unit == nil && scale == nil && !c.ordinal && !c.spelled && isNamePart(t, start) { return nil }
        var draft = Draft(range: start..<end, claim: .number, value: value, unit: unit?.unit, scale: scale)
        draft.unitBefore = unitBefore
        // Unchanged since the digits were read: print the integer, not the Decimal.
        if let n = c.integer, scale == nil, value == c.value { draft.integer = n }
        // Ranges: 20-30%, van 100 tot 1000 g, từ 20 đến 30%, between 10 and 20.
        if let r = range(draft, t, first: c, unit: unit) { draft = r }
        // Ordinal markers before: thứ 4, lần thứ tư, thứ nhất. Where ordinal words stand only after one
        // (Vietnamese), an ordinal word without it is no number: `ít nhất` is at least, `mới nhất` newest.
        let wordNeedsMarker = c.ordinal && c.spelled && lex.ordinalWordsFollowPrefix
        if !c.ordinal || wordNeedsMarker, let p = lex.ordinalPrefixes.match(t.lower, endingAt: t.skipSpacesBack(draft.range.lowerBound)) {
            // A capitalized number word after it names a weekday (`thứ Hai tuần trước`, last Monday).
            if !c.ordinal && c.spelled && Scalars.isUppercase(t.original[c.start]) { return nil }
            c.ordinal = true
            draft.range = (t.skipSpacesBack(draft.range.lowerBound) - p.length)..<draft.range.upperBound
        } else if wordNeedsMarker {
            return nil
        }
        // Qualifier before and after.
        let qEnd = t.skipSpacesBack(draft.range.lowerBound)
        if draft.low == nil, qEnd < draft.range.lowerBound || qEnd == draft.range.lowerBound && qEnd > 0 && !t.isLetter(qEnd - 1),
           let q = lex.qualifiersBefore.match(t.lower, endingAt: qEnd),
           lex.prepositionCues.match(t.lower, endingAt: t.skipSpacesBack(qEnd - q.length)) == nil,
           !(c.spelled && scale == nil && lex.qualifiersBeforeFiguresOnly.match(t.lower, endingAt: qEnd)?.length == q.length) {
            draft.qualifier = q.value
            draft.range = (qEnd - q.length)..<draft.range.upperBound
            if let u = unit?.unit, Self.spansOfTime.contains(u), isDuring(t, qualifierAt: qEnd - q.length, length: q.length) {
                draft.qualifier = nil
                draft.range = t.skipSpaces(qEnd)..<draft.range.upperBound
            }
        }
        if draft.low == nil, draft.qualifier == nil, let q = distantBound(t, before: qEnd) { draft.qualifier = q }
        // A bound written after the number wins over one before it (`từ 7000 đồng trở xuống`).
        if draft.low == nil, let q = lex.qualifiersAfter.match(t.lower, at: t.skipSpaces(draft.range.upperBound)),
           !opensComparison(t, t.skipSpaces(draft.range.upperBound), q.length),
           !addsANumber(t, t.skipSpaces(draft.range.upperBound) + q.length) {
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
        } else if c.integerDigits, value == c.value, (1000...2999).contains(c.intValue), draft.qualifier == nil,
                  lex.yearCues.match(t.lower, endingAt: t.skipSpacesBack(draft.range.lowerBound)) != nil {
            draft.claim = .year
        } else {
            let next = t.skipSpaces(draft.range.upperBound)
            draft.claim = t.isLetter(next) && next > draft.range.upperBound && lex.rangeWords.match(t.lower, at: next) == nil ? .count : .number
        }
        return draft
    }

    /// `1 op de 3`, `one over 20`, `2 in 5`: a whole number, a fraction word and a second whole
    /// number (with no unit after it) are one fraction; a part of a whole (`ratio`) is smaller
    /// than the whole, and a year after a year word (`5 in 2024`) is no whole. `two thirds of a
    /// million`: a fraction of the scale word after it.
    func fractionPhrase(_ c: inout Core, _ t: ClaimText) {
        let j = t.skipSpaces(c.end)
        // Not a unit that starts with a fraction word (`20 phần trăm` is 20 %).
        guard j > c.end, c.scale == nil, let w = lex.fractionWords.match(t.lower, at: j), lex.unit(t, at: j) == nil else { return }
        var k = t.skipSpaces(j + w.length)
        guard k > j + w.length else { return }
        if w.value == .of {
            guard c.spelled, c.value != c.value.rounded0 else { return }
            var articleEnd: Int?
            if let a = numberWord(t, at: k), a.role == .article || a.role == .digit && a.value == 1 { articleEnd = t.wordEnd(k); k = t.skipSpaces(t.wordEnd(k)) }
            // `three quarters of an hour`, `a quarter of a mile`: the unit after the article takes the fraction.
            if let a = articleEnd, k > a, let u = lex.unit(t, at: k), u.value.category == .quantity {
                c.end = a
                c.integerDigits = false
                c.integer = nil
                return
            }
            guard let s = numberWord(t, at: k), s.role == .scale, s.value >= 1000 else { return }
            c.value *= s.value
            c.scale = t.originalString(k..<t.wordEnd(k))
            c.end = t.wordEnd(k)
            c.integerDigits = false
            c.integer = nil
            return
        }
        guard c.value == c.value.rounded0, let d = t.isDigit(k) ? digits(t, at: k) : t.isLetter(k) ? words(t, at: k) : nil,
              d.date == nil, !d.ordinal, d.value > 0, d.value == d.value.rounded0, lex.unit(t, at: t.skipSpaces(d.end)) == nil else { return }
        // `a gain of 12 over 2023`: a year is no denominator.
        if w.value == .over, d.integerDigits, (1000...2999).contains(d.intValue) { return }
        // A partitive (`een van de tien provincies`) counts members; it is a ratio only when the whole ends the phrase.
        if w.value == .part, t.isLetter(t.skipSpaces(d.end)) { return }
        if w.value == .ratio || w.value == .part {
            guard (c.value < 0 ? -c.value : c.value) < d.value else { return }
            if d.integerDigits, (1000...2999).contains(d.intValue), lex.yearCues.match(t.lower, endingAt: j + w.length) != nil { return }
        }
        c.value = c.value / d.value
        c.end = d.end
        c.spelled = true
        c.integerDigits = false
        c.integer = nil
    }

    /// Whether a currency stands right before `start` (`rmb 10`, `$ 10`).
    func moneyBefore(_ t: ClaimText, _ start: Int) -> Bool {
        let before = t.skipSpacesBack(start)
        guard start - before <= 1, let u = lex.unit(t, endingAt: before) else { return false }
        return u.value.category == .money
    }

    /// Whether the digits at `i` have a currency after them (`30 $`, `30 cent`).
    func currencyAfterNumber(_ t: ClaimText, at i: Int) -> Bool {
        var j = i
        while t.isDigit(j) || (t.scalar(j) == 0x2C || t.scalar(j) == 0x2E) && t.isDigit(j + 1) { j += 1 }
        let k = t.skipSpaces(j)
        guard k - j <= 1, let u = lex.unit(t, at: k) else { return false }
        return u.value.category == .money
    }

    static func closingBracket(_ s: UInt32?) -> UInt32? {
        switch s { case 0x5B: 0x5D; case 0x7B: 0x7D; case 0x3C: 0x3E; case 0x28: 0x29; default: nil }
    }

    /// A currency word that also weighs (`pounds`, `pond`) is the weight in a sentence about weight
    /// (`the baby weighs 8 pounds`, `drop 25 pounds`): the language's weight units and cues.
    func weightReading(_ t: ClaimText, _ u: ClaimLexicon.Unit, at i: Int, length: Int) -> ClaimLexicon.Unit {
        guard u.category == .money, let w = lex.weightUnits.match(t.lower, at: i), w.length == length else { return u }
        var k = 0
        while k < t.count {
            if t.isLetter(k) && !t.isLetter(k - 1), lex.weightCues.match(t.lower, at: k) != nil {
                return ClaimLexicon.Unit(unit: w.value, category: .quantity, position: .after, caseSensitive: false)
            }
            k += 1
        }
        return u
    }

    /// The number after a scale (at `j`, past an optional `and`) that adds to it, when smaller than `below`:
    /// its value, end and its own scale.
    func smallerAddend(_ t: ClaimText, after j: Int, below: Decimal) -> (Decimal, Int, Decimal)? {
        var k = j
        if let w = lex.rangeWords.match(t.lower, at: k), w.value == .and { k = t.skipSpaces(k + w.length) }
        if t.isDigit(k) {
            guard let d = digits(t, at: k), d.date == nil, !d.ordinal, d.scale == nil, d.value > 0 else { return nil }
            let m = t.skipSpaces(d.end)
            if m > d.end, let w = numberWord(t, at: m), w.role == .scale || w.role == .hundred {
                // `3 hundred and 2 hundred` are two numbers.
                return d.value * w.value < below ? (d.value * w.value, t.wordEnd(m), w.value) : nil
            }
            guard below == 100, k > j, d.value < 100, !t.isLetter(d.end) else { return nil }
            return (d.value, d.end, 1)
        }
        // In words: a hundred or more (`6 crore and two hundred`), or anything below a hundred
        // (`3 hundred and twenty-one`); `3 million and two houses` are two numbers.
        guard t.isLetter(k), k > j || lex.unit(t, at: k) == nil, let w = words(t, at: k), !w.ordinal, w.value >= 1, w.value == w.value.rounded0,
              w.value < below, w.value >= 100 || below == 100 else { return nil }
        return (w.value, w.end, 1)
    }

    /// Whether a word inside the phrase at `a` (`or less`) starts a longer qualifier of the next
    /// number (`or less than 6000`): then the phrase does not bound the number before it.
    /// Whether a number follows at `i`: then the word before it is an operator (`50 percent plus
    /// one vote`), not a bound after the number (`50 percent plus`).
    func addsANumber(_ t: ClaimText, _ i: Int) -> Bool {
        let n = t.skipSpaces(i)
        return n > i && n < t.count && (t.isDigit(n) || t.isLetter(n) && words(t, at: n) != nil)
    }

    func opensComparison(_ t: ClaimText, _ a: Int, _ length: Int) -> Bool {
        var k = a
        while k < a + length {
            if k == a || t.isSpace(k - 1), let q = lex.qualifiersBefore.match(t.lower, at: k), k + q.length > a + length {
                let n = t.skipSpaces(k + q.length)
                return t.isDigit(n) || t.isLetter(n)
            }
            k += 1
        }
        return false
    }

    /// The number word (a whole word) that starts at `i`, if any.
    func numberWord(_ t: ClaimText, at i: Int) -> ClaimLexicon.NumberWord? {
        t.isLetter(i) ? lex.numberTrie.lookup(t.lower, i..<t.wordEnd(i)) : nil
    }

    /// `2 đô 23 xu`, `$20 and 43c`, `20 dollar 43`: cents after a whole currency amount.
    func subUnit(_ t: ClaimText, _ end: inout Int, _ value: inout Decimal) {
        guard value == value.rounded0 else { return }
        var k = t.skipSpaces(end)
        if let w = lex.rangeWords.match(t.lower, at: k), w.value == .and { k = t.skipSpaces(k + w.length) }
        var n: Decimal = 0, m = k
        if t.isDigit(k) {
            var digits = 0
            while t.isDigit(m) { n = n * 10 + Decimal(Int(t.original[m] - 0x30)); m += 1; digits += 1 }
            guard digits <= 2, !t.isLetter(m) || lex.unit(t, at: m)?.value.unit == "cent" || shared.centSymbols.contains(t.lower[m]) else { return }
        } else if t.isLetter(k), let w = words(t, at: k), !w.ordinal, w.value > 0, w.value < 100, w.value == w.value.rounded0 {
            n = w.value                                               // `vijf euro vijftig`, `thirteen dollars forty-five cents`
            m = w.end
        } else {
            return
        }
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
    func isNamePart(_ t: ClaimText, _ start: Int) -> Bool {
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
        // A qualifier capitalized in a title-case headline (`Toll Soars Above 800`, `Tăng Hơn 800`) names nothing.
        if lex.qualifiersBefore.match(t.lower, endingAt: start - 1) != nil { return false }
        // Sentence-initial capital alone is no name, nor one that opens a clause after a colon or a
        // quotation mark (`2006: A 6.8 magnitude quake`).
        guard s > 0 else { return false }
        let before = t.skipSpacesBack(s)
        guard before > 0 else { return false }
        let mark = t.original[before - 1]
        return !(mark == 0x3A || Scalars.opensQuotation(mark))
    }

    func monthDate(_ c: inout Core, _ t: ClaimText) -> Draft? {
        guard !c.spelled, !c.ordinal || lex.language == .en, c.scale == nil, c.integerDigits || c.ordinal else { return nil }
        let day = c.intValue
        // `20 november 2025`
        let j = t.skipSpaces(c.end)
        if c.integerDigits || c.ordinal, (1...31).contains(day), j > c.end, let m = lex.months.match(t.lower, at: j) {
            var end = j + m.length
            var year: Int?
            var k = t.skipSpaces(end)
            // A year word may stand between the month and the year (`6 tháng 11 năm 2019`).
            if k > end, let w = lex.yearCues.match(t.lower, at: k) { k = t.skipSpaces(k + w.length) }
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
        // `June 2018`, `juni 2017`, `tháng 6 năm 2017`: a month and its year (`tháng 6/2017` is read with the digits).
        if c.integerDigits, c.end - c.start == 4, let year = fourDigits(t, c.start), year >= 1000 {
            var b = t.skipSpacesBack(c.start)
            if b < c.start, let w = lex.monthYearLinks.match(t.lower, endingAt: b) {
                b = t.skipSpacesBack(b - w.length)
            }
            if b < c.start, let m = lex.months.match(t.lower, endingAt: b), m.value >= 1 && m.value <= 12 {
                return Draft(range: (b - m.length)..<c.end, claim: .date, dateValue: String(format: "%04d-%02d", year, m.value))
            }
        }
        return nil
    }

    /// A month's name with neither a day nor a year (`in November`, `vào tháng 11`, `in februari`):
    /// a date of the month alone (`--11`). A number after it is left to make the date (`November 21`,
    /// `juni 2017`); a month that could be another word needs a cue before it (`in May`, not
    /// `Theresa May`), and a blocker before it makes it a unit of time (`mỗi tháng 2 lần`).
    func loneMonth(_ t: ClaimText, at i: Int) -> Draft? {
        guard let m = lex.loneMonths.match(t.lower, at: i) else { return nil }
        let end = i + m.length
        if t.isDigit(end) { return nil }                                     // `tháng 100`
        var k = t.skipSpaces(end)
        if k == end, k < t.count, t.original[k] == 0x2F || t.original[k] == 0x2D, t.isDigit(k + 1) { return nil }   // `tháng 6/2017`
        if k > end, let w = lex.monthYearLinks.match(t.lower, at: k) { k = t.skipSpaces(k + w.length) }
        if k > end, t.isDigit(k) { return nil }                              // a day or a year after it
        let month = m.value
        if month.capital && !Scalars.isUppercase(t.original[i]) { return nil }
        var b = t.skipSpacesBack(i)
        if b == i, b > 0, t.original[b - 1] == 0x2D { b -= 1 }               // `mid-May`
        if month.cue && (b == i || lex.monthCues.match(t.lower, endingAt: b) == nil) { return nil }
        if b < i, lex.monthBlockers.match(t.lower, endingAt: b) != nil { return nil }
        if b < i, t.isDigit(b - 1) { return nil }                            // `3 tháng 6 ngày`
        return Draft(range: i..<end, claim: .date, dateValue: String(format: "--%02d", month.month))
    }

    func fourDigits(_ t: ClaimText, _ k: Int) -> Int? {
        guard t.isDigit(k), t.isDigit(k + 1), t.isDigit(k + 2), t.isDigit(k + 3), !t.isDigit(k + 4) else { return nil }
        return (0..<4).reduce(0) { $0 * 10 + Int(t.original[k + $1] - 0x30) }
    }

    /// A second number after a dash or a range word makes a range with the first.
    func range(_ d: Draft, _ t: ClaimText, first: Core, unit: ClaimLexicon.Unit?) -> Draft? {
        // `between the tenth and the fifteenth`: ordinals make a range only after `between`.
        let ordinalPair = first.ordinal && lex.rangeWords.match(t.lower, endingAt: t.skipSpacesBack(d.range.lowerBound))?.value == .between
        guard !first.ordinal || ordinalPair, let a = d.value else { return nil }
        var j = t.skipSpaces(d.range.upperBound)
        guard j < t.count else { return nil }
        if let h = feetAndInches(d, t, value: a) { return h }
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
        guard let second = b, second.date == nil, second.ordinal == ordinalPair else { return nil }
        var bValue = second.value
        var end = second.end
        var k = t.skipSpaces(end)
        var factor: Decimal = 1
        while k < t.count, let w = numberWord(t, at: k), w.role == .scale {
            factor *= w.value; end = t.wordEnd(k); k = t.skipSpaces(end)
        }
        bValue *= factor
        var unitFactor: Decimal = 1
        if let u = lex.unit(t, at: t.skipSpaces(end)), u.value.position != .before, t.skipSpaces(end) - end <= 1 {
            if bUnit == nil { unitFactor = u.value.factor ?? 1 }
            bUnit = bUnit ?? u.value
            end = t.skipSpaces(end) + u.length
        }
        bValue *= unitFactor
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
        var low = d.scale == nil && factor != 1 ? a * factor : a
        let high = bValue
        if unit == nil { low *= unitFactor }                                    // `1 tot 3 ons`
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

    /// Units of a span of time (codes of the units files).
    static let spansOfTime: Set<String> = ["s", "min", "h", "day", "week", "month", "year", "decade"]

    /// Whether the bound word at `start` means `during` before a span of time (`emissions over 24
    /// hours`): a word of `during-words.tsv` with none of its cue words right before it (`for over`).
    func isDuring(_ t: ClaimText, qualifierAt start: Int, length: Int) -> Bool {
        guard let d = lex.duringWords.match(t.lower, at: start), d.length == length else { return false }
        let end = t.skipSpacesBack(start)
        var s = end
        while s > 0 && t.isLetter(s - 1) { s -= 1 }
        guard s < end else { return true }
        let before = String(String.UnicodeScalarView(t.lower[s..<end].compactMap(Unicode.Scalar.init)))
        return !d.value.contains(before)
    }

    /// `maximum sustained winds of 85 mph`: a bound word (`distant-bounds.tsv`) at most three words
    /// before the link word (`of`, `van`) that stands right before the number.
    func distantBound(_ t: ClaimText, before end: Int) -> Claim.Qualifier? {
        guard let link = lex.distantBoundLinks.match(t.lower, endingAt: end) else { return nil }
        var j = t.skipSpacesBack(end - link.length)
        for _ in 0..<3 {
            if let q = lex.distantBounds.match(t.lower, endingAt: j) { return q.value }
            var s = j
            while s > 0 && t.isLetter(s - 1) { s -= 1 }
            guard s < j, s > 0, t.isSpace(s - 1) else { return nil }
            j = t.skipSpacesBack(s)
        }
        return nil
    }

    /// `6-foot-6`, `5-foot-10`: a height in a unit and its smaller compound unit (`compoundUnits`),
    /// written with hyphens and no blank, is one measure in the smaller unit (78 in), not a range.
    func feetAndInches(_ d: Draft, _ t: ClaimText, value a: Decimal) -> Draft? {
        let dash = d.range.upperBound
        guard let lu = d.unit, d.scale == nil, dash + 1 < t.count, t.original[dash] == 0x2D, t.isLetter(dash - 1), t.isDigit(dash + 1),
              let lf = shared.unitFactors[lu], let second = digits(t, at: dash + 1), second.date == nil, !second.ordinal,
              second.end >= t.count || !t.isLetter(second.end) && !t.isDigit(second.end),
              let small = lex.compoundUnitCodes.first(where: { shared.unitFactors[$0].map { $0.dimension == lf.dimension && $0.size < lf.size } == true }),
              let sf = shared.unitFactors[small], second.value * sf.size < lf.size else { return nil }
        let ratio = lf.size / sf.size
        guard ratio == ratio.rounded0 else { return nil }
        var r = d
        r.value = a * ratio + second.value
        r.integer = nil
        r.unit = small
        r.range = d.range.lowerBound..<second.end
        return r
    }

    func change(_ t: ClaimText, before start: Int) -> Claim.Change? {
        var j = t.skipSpacesBack(start)
        if let c = lex.changeWords.match(t.lower, endingAt: j) { return c.value }
        // `steeg de omzet met 20%`: a link word right before, a change word a few words back.
        guard let link = lex.changeLinks.match(t.lower, endingAt: j) else { return nil }
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

    static func isLower(_ q: Claim.Qualifier) -> Bool { q == .moreThan || q == .atLeast }
    static func isUpper(_ q: Claim.Qualifier) -> Bool { q == .lessThan || q == .atMost || q == .upTo }

    /// `more than 10 and less than 40`, `groter dan 100, maar kleiner als 300`: a lower and an upper bound in a row are one range.
}
