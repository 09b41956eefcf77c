import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct ClaimsStageTests {
    private func claims(_ text: String, _ language: Language) throws -> [Claim] {
        try annotate(text, language: language, stages: [.claims]).claims
    }

    private struct Expected: CustomStringConvertible {
        var text: String, kind: String, value: String?, low: String?, high: String?, unit: String?, qualifier: String?, change: String?
        var description: String { "\(text) \(kind) \(value ?? "-") [\(low ?? "")-\(high ?? "")] \(unit ?? "") \(qualifier ?? "") \(change ?? "")" }
    }

    private func describe(_ c: Claim, in doc: Document) -> Expected {
        Expected(text: doc.string(c.span), kind: c.kind.rawValue, value: c.value, low: c.low, high: c.high,
                 unit: c.unit, qualifier: c.qualifier?.rawValue, change: c.change?.rawValue)
    }

    @Test(arguments: [
        (Language.nl, "In 2024 steeg de omzet met 20% tot bijna 6 miljard dollar.", ["2024 year 2024", "20% percent 20 % increase", "bijna 6 miljard dollar money 6000000000 USD nearly"]),
        (.nl, "Het land heeft meer dan 3.200 kilometer kust en ongeveer 990 miljoen dollar.", ["meer dan 3.200 kilometer quantity 3200 km more_than", "ongeveer 990 miljoen dollar money 990000000 USD about"]),
        (.nl, "bijna 1,6 miljard dollar en honderden gigawatt", ["bijna 1,6 miljard dollar money 1600000000 USD nearly", "honderden gigawatt quantity - GW low 200"]),
        (.vi, "Kim ngạch tăng 20% lên gần 6 tỷ USD, khoảng 990 triệu USD và 2 nghìn tỷ đồng.", ["20% percent 20 % increase", "gần 6 tỷ USD money 6000000000 USD nearly", "khoảng 990 triệu USD money 990000000 USD about", "2 nghìn tỷ đồng money 2000000000000 VND"]),
        (.en, "Trade rose 20% to nearly $6bn, up from 1.6 billion dollars in 2023.", ["20% percent 20 % increase", "nearly $6bn money 6000000000 USD nearly", "1.6 billion dollars money 1600000000 USD", "2023 year 2023"]),
        (.en, "between 20 and 30 percent of 3,200 km", ["between 20 and 30 percent range - % low 20 high 30", "3,200 km quantity 3200 km"]),
        (.nl, "tweehonderdduizend, eenentwintig", ["tweehonderdduizend number 200000", "eenentwintig number 21"]),
        (.vi, "hai mươi mốt, một trăm linh năm, mười lăm và hai mươi tư", ["hai mươi mốt number 21", "một trăm linh năm number 105", "mười lăm number 15", "hai mươi tư number 24"]),
        // After a ten, five is `lăm`: `năm` there is the year.
        (.vi, "mất mười năm, rồi hai mươi năm", ["mười năm quantity 10 year", "hai mươi năm quantity 20 year"]),
        // Clock times are one claim each, written any of the three languages' ways.
        (.nl, "om ongeveer 19.30 uur en om 7 uur 's avonds", ["ongeveer 19.30 uur time 19:30 about", "7 uur 's avonds time 19:00"]),
        (.vi, "lúc 19 giờ 30 phút, 7 giờ tối và 19h05", ["19 giờ 30 phút time 19:30", "7 giờ tối time 19:00", "19h05 time 19:05"]),
        (.en, "at 19:30 BST and at 7 p.m.", ["19:30 time 19:30", "7 p.m. time 19:00"]),
        (.en, "a pint at 5.30pm, or 6.15 a.m.", ["5.30pm time 17:30", "6.15 a.m. time 06:15"]),
        // A capital that opens a clause after a colon is no name before a number (`Flight 6321` is one).
        (.en, "2006: A 6.8 magnitude quake hit, and Flight 6321 landed", ["2006 number 2006", "6.8 count 6.8"]),
        // A bound before an article and the number, as Dutch writes `meer dan de`.
        (.en, "more than the 20.4 million viewers", ["more than the 20.4 million count 20400000 more_than"]),
        // `plus` after a number is a bound, unless another number follows it.
        (.en, "50 percent plus one vote, for people aged 65 plus", ["50 percent percent 50 %", "one count 1", "65 plus quantity 65 year at_least"]),
        // A whole hour alone is a clock time only after a cue; otherwise a span of time.
        (.nl, "binnen 24 uur, open om 9 uur", ["24 uur quantity 24 h", "9 uur time 09:00"]),
        (.vi, "trong vòng 24 giờ, mở cửa lúc 9 giờ", ["24 giờ quantity 24 h", "9 giờ time 09:00"]),
        (.en, "the £125m plan and the 125m tower", ["£125m money 125000000 GBP", "125m quantity 125 m"]),
        // A currency named with its country's adjective; an age in Vietnamese.
        (.nl, "voor 125 miljoen Britse pond", ["125 miljoen Britse pond money 125000000 GBP"]),
        (.vi, "bị cáo 29 tuổi", ["29 tuổi quantity 29 year"]),
        // `không đồng tình` is to disagree, no zero dong; a scale after a name's capital is an amount.
        (.vi, "Phóng viên không đồng tình: NBC 2,94 triệu", ["2,94 triệu number 2940000"]),
        (.nl, "een 17-jarige en drie 18-jarigen", ["17-jarige quantity 17 year", "drie number 3", "18-jarigen quantity 18 year"]),
        (.nl, "het dodental stijgt boven 800, voor kinderen onder 12 jaar", ["boven 800 number 800 more_than increase", "onder 12 jaar quantity 12 year less_than"]),
        (.vi, "cách bờ biển Mexico 385 dặm", ["385 dặm quantity 385 mi"]),
        // `tốc độ` is speed, no hedge `độ`; kph and dặm/giờ are speeds.
        (.vi, "tốc độ 800 kph (497 dặm/giờ)", ["800 kph quantity 800 km/h", "497 dặm/giờ quantity 497 mph"]),
        // `thứ Hai` is Monday, `thứ hai` the second.
        (.vi, "vào thứ Hai tuần trước, lần thứ hai", ["thứ hai ordinal 2"]),
        // A qualifier capitalized in a title-case headline is no name before the number.
        (.en, "Flood Toll Climbs Above 300", ["Above 300 number 300 more_than"]),
        (.vi, "Số Người Chết Tăng Hơn 300", ["Hơn 300 number 300 more_than increase"]),
        (.en, "twenty-one, three hundred and the 4th time", ["twenty-one number 21", "three hundred number 300", "4th ordinal 4"]),
        (.en, "He is 5 feet 2 inches; the road is 2 km and 1 metre long.", ["5 feet 2 inches quantity 62 in", "2 km and 1 metre quantity 2001 m"]),
        (.nl, "Het kost 6-7 miljard dollar, zo'n 20 tot 30 projecten.", ["6-7 miljard dollar range - USD low 6000000000 high 7000000000", "20 tot 30 range - low 20 high 30"]),
        (.en, "It cost $20 and 43c. Then a quarter million, or one million and a half.", ["$20 and 43c money 20.43 USD", "a quarter million number 250000", "one million and a half number 1500000"]),
    ])
    func readsNumbersUnitsScalesAndQualifiers(language: Language, text: String, expected: [String]) throws {
        let doc = try annotate(text, language: language, stages: [.claims])
        let got = doc.claims.map { c -> String in
            var parts = [doc.string(c.span), c.kind.rawValue]
            if let v = c.value { parts.append(v) } else { parts.append("-") }
            if let u = c.unit { parts.append(u) }
            if let q = c.qualifier { parts.append(q.rawValue) }
            if let ch = c.change { parts.append(ch.rawValue) }
            if let l = c.low { parts.append("low \(l)") }
            if let h = c.high { parts.append("high \(h)") }
            return parts.joined(separator: " ")
        }
        #expect(got == expected)
    }

    @Test(arguments: [
        (Language.nl, "Tijdens de COP26 en de G20 in 2025, Covid-19, een A4 en Miss International 2025 en bel +84 24 3825 1234 of https://example.org/2025/21.html"),
        (.en, "The iPhone 15 and Windows 11 at COP28; call 024 3825 1234 or mail info2025@example.org."),
    ])
    func namesIdentifiersPhoneNumbersAndURLsAreNoClaims(language: Language, text: String) throws {
        let found = try claims(text, language).map(\.kind)
        // Only the bare year after `in` may be a claim.
        #expect(found.allSatisfy { $0 == .year }, "\(found)")
    }

    @Test(arguments: [(Language.nl, "1,6 miljoen"), (.vi, "1,6 triệu"), (.en, "1.6 million")])
    func decimalSeparatorsFollowTheLanguage(language: Language, text: String) throws {
        #expect(try claims(text, language).first?.value == "1600000")
    }

    @Test func thousandsSeparatorsFollowTheLanguage() throws {
        #expect(try claims("3.200 km", .nl).first?.value == "3200")
        #expect(try claims("3,200 km", .en).first?.value == "3200")
        #expect(try claims("1 600 000 dollar", .nl).first?.value == "1600000")
        #expect(try claims("1.600.000 dollar", .vi).first?.value == "1600000")
    }

    @Test func datesBecomeISODates() throws {
        #expect(try claims("Op 21/11/2025 begon het.", .nl).first?.value == "2025-11-21")
        #expect(try claims("It began on November 21, 2025.", .en).first?.value == "2025-11-21")
        #expect(try claims("Ngày 5/3 họ gặp nhau.", .vi).first?.value == "--03-05")
    }

    @Test func vietnameseDatesInWordsAreDatesNotDurations() throws {
        // `6 tháng 11 năm 2019` is 6 November 2019, not six months and eleven years.
        let c = try claims("Ngày 6 tháng 11 năm 2019, đoàn công tác đến Hà Nội.", .vi)
        #expect(c.map(\.kind) == [.date])
        #expect(c.first?.value == "2019-11-06")
        // A month with its year is one date; a number of months is a duration.
        #expect(try claims("Vào tháng 6 năm 2020, giá tăng.", .vi).map(\.value) == ["2020-06"])
        #expect(try claims("Hợp đồng kéo dài 6 tháng.", .vi).first?.unit == "month")
    }

    @Test func aVietnameseOrdinalWordCountsOnlyAfterThu() throws {
        // `nhất` is first only in `thứ nhất`: `ít nhất` is at least, `mới nhất` newest.
        #expect(try claims("Chiếc tàu mới nhất đã chở ít nhất một container.", .vi).allSatisfy { $0.kind != .ordinal })
        #expect(try claims("Đội về thứ nhất và thứ nhì.", .vi).map(\.value) == ["1", "2"])
    }

    @Test func vietnameseFromBeforeANumberIsNoLowerBound() throws {
        // `từ 47 nhóm` is data from 47 groups, not at least 47; `trở lên` after the number is.
        #expect(try claims("Số liệu được thu thập từ 47 nhóm.", .vi).first?.qualifier == nil)
        #expect(try claims("Trẻ em từ 6 tuổi trở lên phải mua vé.", .vi).first?.qualifier == .atLeast)
    }

    @Test func aMonthAloneOrWithItsYearIsADate() throws {
        // Without a day: `--11`, or the year and the month.
        #expect(try claims("The ferry service ends in November and returns in June 2027.", .en).map(\.value) == ["--11", "2027-06"])
        #expect(try claims("De veerdienst stopt in november en komt terug in juni 2027.", .nl).map(\.value) == ["--11", "2027-06"])
        #expect(try claims("Tuyến phà dừng vào tháng 11 và chạy lại từ tháng 6/2027.", .vi).map(\.value) == ["--11", "2027-06"])
        #expect(try claims("Tháng Sáu năm ngoái, bến phà đóng cửa.", .vi).map(\.value) == ["--06"])
        // `May` and `March` alone are the month only after a cue; `may` is a verb, `Jan` a name.
        #expect(try claims("Minister Alana May said the ferry may return in May.", .en).map(\.value) == ["--05"])
        #expect(try claims("The March of the Ferrymen drew a crowd.", .en).isEmpty)
        #expect(try claims("Jan. zei dat de veerdienst stopt.", .nl).isEmpty)
        // A day after it makes one date with it; `mỗi tháng` is every month, not a month's name.
        #expect(try claims("The ferry returns on June 3.", .en).map(\.value) == ["--06-03"])
        #expect(try claims("Phà chạy mỗi tháng 2 lần.", .vi).allSatisfy { $0.kind != .date })
    }

    @Test func aLargeScaleWordAloneIsNoAmount() throws {
        // `tỷ lệ` is a rate; `một tỷ` and `hàng tỷ` are amounts; `duizend` alone is 1000.
        #expect(try claims("Tỷ lệ thất nghiệp giảm.", .vi).isEmpty)
        #expect(try claims("Một tỷ đồng đã được chi.", .vi).first?.value == "1000000000")
        #expect(try claims("Minder dan duizend mensen kwamen.", .nl).first?.value == "1000")
    }

    @Test func geenIsZeroOnlyWithAUnitOrAlone() throws {
        #expect(try claims("Dat heeft geen zin.", .nl).isEmpty)
        #expect(try claims("Het kost geen euro.", .nl).first?.value == "0")
    }

    /// The corpora articles say the same numeric facts in three languages; their claims are annotated by hand.
    @Test(arguments: ["nl/handel-cijfers", "vi/thuong-mai-so-lieu", "en/trade-figures"])
    func corporaArticlesYieldTheAnnotatedClaims(name: String) throws {
        let text = try String(contentsOf: Fixtures.corpora.appendingPathComponent(name + ".txt"), encoding: .utf8)
        let base = (name as NSString).lastPathComponent
        let rows = try Fixtures.string("claims/\(base).claims.tsv").split(separator: "\n").map(String.init)
        let gold = rows.dropFirst().filter { !$0.hasPrefix("#") }.map { line -> Expected in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
            return Expected(text: f[0]!, kind: f[1]!, value: f[2], low: f[3], high: f[4], unit: f[5], qualifier: f[6], change: f.count > 7 ? f[7] : nil)
        }
        let nonClaims = rows.drop { $0 != "# not claims" }.dropFirst().map { String($0.dropFirst(2)) }
        let doc = try annotate(text, stages: [.claims])
        let got = doc.claims.map { describe($0, in: doc) }
        #expect(got.count == gold.count, "\(got)")
        for (g, c) in zip(gold, got) {
            var same = g
            same.text = c.text
            // A count's span is the number with its qualifier; the annotation also takes the counted noun.
            #expect(g.text.hasPrefix(c.text), "span \(c.text) vs \(g.text)")
            #expect(c.description == same.description, "\(c) vs \(g)")
        }
        for n in nonClaims {
            #expect(!got.contains { $0.text.contains(n) || n.contains($0.text) && $0.kind != "year" }, "\(n) was tagged")
        }
    }
}

/// Rules added for the Recognizers-Text style vectors: fractions, powers, comparisons, units by context.
@Suite struct ClaimsFractionAndContextTests {
    private func values(_ text: String, _ language: Language) throws -> [String] {
        try annotate(text, language: language, stages: [.claims]).claims.map { $0.value ?? "-" }
    }

    /// Whether two decimal strings are equal to 12 significant digits (fractions are rounded).
    private func close(_ a: String, _ b: String) -> Bool {
        guard let x = Double(a), let y = Double(b) else { return a == b }
        return abs(x - y) <= 1e-12 * max(1, abs(y))
    }

    @Test(arguments: [
        (Language.en, "twenty-three fifths of the pie", ["4.6"]),
        (.en, "one hundred thirty-fifths", ["2.857142857142857"]),
        (.en, "one hundred and thirty fifths", ["26"]),
        (.en, "a hundredth of the budget", ["0.01"]),
        (.en, "a hundred millionths", ["0.0001"]),
        (.en, "two million and three fifths", ["2600000"]),
        (.en, "three quarters of a million", ["750000"]),
        (.en, "one in four voters", ["0.25"]),
        (.en, "She wrote 7 over 2 on the board", ["3.5"]),
        (.en, "nine out of ten", ["0.9"]),
        (.en, "five-eighths", ["0.625"]),
        (.en, "three - fourths", ["0.75"]),
        (.nl, "een eenentwintigste", ["0.047619047619048"]),
        (.nl, "vier achtste", ["0.5"]),
        (.nl, "vier / vijfde", ["0.8"]),
        (.nl, "twintig drie vijfde", ["20.6"]),
        (.nl, "een honderdste seconde", ["0.01"]),
        (.nl, "Ongeveer een op de vijf kiezers", ["0.2"]),
        (.nl, "Drie uit vier artsen", ["0.75"]),
        (.nl, "Het was 2 van de 7.", ["0.285714285714286"]),
        (.nl, "acht miljoen en een derde", ["8333333.333333333"]),
    ])
    func readsFractions(language: Language, text: String, expected: [String]) throws {
        let got = try values(text, language)
        #expect(got.count == expected.count && zip(got, expected).allSatisfy { close($0, $1) }, "\(got)")
    }

    @Test(arguments: [
        (Language.en, "The factor is 4^-2 here", ["0.0625"]),
        (.en, "It grew to 1.5x10^3 cells", ["1500"]),
        (.en, "an error of 2.5×10^-3", ["0.0025"]),
        (.nl, "-0,5^--2", ["-0.25"]),
        (.nl, "1,2^2", ["1.44"]),
        (.en, "999999999999^60 overflows", ["999999999999", "60"]),
        (.en, "and 1e512 too", ["1"]),
    ])
    func readsPowers(language: Language, text: String, expected: [String]) throws {
        let got = try values(text, language)
        #expect(got.count == expected.count && zip(got, expected).allSatisfy { close($0, $1) }, "\(got)")
    }

    /// `or less` closes a bound only when it does not open the next comparison (`or less than 9`).
    @Test func aComparisonAfterOrBoundsTheNextNumber() throws {
        let en = try annotate("The count equals 12 or less than 9", language: .en, stages: [.claims]).claims
        #expect(en.map { "\($0.value ?? "-") \($0.qualifier?.rawValue ?? "")" } == ["12 ", "9 less_than"])
        let nl = try annotate("Het aantal is gelijk aan 40 of meer dan 70", language: .nl, stages: [.claims]).claims
        #expect(nl.map { "\($0.value ?? "-") \($0.qualifier?.rawValue ?? "")" } == ["40 ", "70 more_than"])
        let bound = try annotate("Zoek waarden die < = 64 zijn, en een getal dat groter is dan 8", language: .nl, stages: [.claims]).claims
        #expect(bound.map { $0.qualifier?.rawValue ?? "" } == ["at_most", "more_than"])
    }

    private func described(_ text: String, _ language: Language) throws -> [String] {
        try annotate(text, language: language, stages: [.claims]).claims.map {
            [$0.value ?? "-", $0.unit ?? "", $0.qualifier?.rawValue ?? "", $0.low.map { "low \($0)" } ?? "", $0.high.map { "high \($0)" } ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    @Test(arguments: [
        (Language.en, "The parcel is 3 [kg] and the rope 12 (m) long", ["3 kg", "12 m"]),
        (.en, "Part 5521m311 and box 88 km2 arrived", ["5521", "88 km2"]),
        (.en, "Revenue of 2,150.5 M this year", ["2150500000"]),
        (.en, "The newborn weighed 7 pounds.", ["7 lb"]),
        (.en, "Tickets cost 7 pounds.", ["7 GBP"]),
        (.nl, "De baby woog ruim acht pond.", ["8 lb more_than"]),
        (.nl, "Een kaartje kost acht pond.", ["8 GBP"]),
        (.en, "We counted 7 thousand 2 hundred and 5 ducks", ["7205"]),
        (.en, "They raised 3 million and four hundred", ["3000400"]),
        (.en, "They sold 2 million and 300 cars", ["2000000", "300"]),
        (.en, "It cost 3 million and two houses burned", ["3000000", "2"]),
        (.en, "We counted 5 hundred and twenty-one", ["521"]),
        (.en, "half a dozen eggs and half a million people", ["6", "500000"]),
        (.en, "a>5 and b<9", ["5 more_than", "9 less_than"]),
        (.en, "more than 5 but less than 9", ["- low 5 high 9"]),
        (.en, "I prefer that one. The one you sent is fine, but one euro is too much.", ["1 EUR"]),
    ])
    func readsUnitsAndBoundsFromTheirContext(language: Language, text: String, expected: [String]) throws {
        #expect(try described(text, language) == expected)
    }

    /// `framed around four transitions`: after such a verb `around` is a preposition, not `about`.
    @Test func aQualifierWordAfterAStructureVerbIsAPreposition() throws {
        let en = try annotate("The plan was built around three goals and cost around 40 dollars.", language: .en, stages: [.claims]).claims
        #expect(en.map { $0.qualifier?.rawValue ?? "-" } == ["-", "about"])
        let fought = try annotate("The parties fought over two seats; over 300 people came.", language: .en, stages: [.claims]).claims
        #expect(fought.map { $0.qualifier?.rawValue ?? "-" } == ["-", "more_than"])
        let nl = try annotate("Het boek is opgebouwd rond vier thema's.", language: .nl, stages: [.claims]).claims
        #expect(nl.map { $0.qualifier?.rawValue ?? "-" } == ["-"])
    }

    @Test func ordinalsAndPartitivesThatAreNoFractions() throws {
        let doc = try annotate("Hij begon aan een tweede termijn en noemde een eerste plan.", language: .nl, stages: [.claims])
        #expect(doc.claims.map { "\($0.kind.rawValue) \($0.value ?? "")" } == ["ordinal 2", "ordinal 1"])
        #expect(try values("Utrecht is een van de twaalf provincies.", .nl) == ["12"])
        #expect(try values("the one hundred fifth day", .en) == ["105"])
        #expect(try values("They won 3 in 2024.", .en) == ["3", "2024"])
        #expect(try values("a gain of 12 over 2023", .en) == ["12", "2023"])
        #expect(try values("one over four kilometres", .en).contains("4"))
        // A singular ordinal after a scale, or of a hundredth and up after a number but one, is one ordinal.
        let ordinals = try annotate("de tweeduizend achttiende bezoeker en de vijf miljoenste", language: .nl, stages: [.claims]).claims
        #expect(ordinals.map { "\($0.kind.rawValue) \($0.value ?? "")" } == ["ordinal 2018", "ordinal 5000000"])
        #expect(try values("nine trillionth", .en) == ["9000000000000"])
    }

    @Test(arguments: [
        ("It was 5 $ 8 $ then", ["5 USD", "8 USD"]),
        ("It was 4 $ 25 cent", ["4.25 USD"]),
        ("Pay 7 EUR 9 USD", ["7 EUR", "9 USD"]),
        ("Pay EUR 7 USD 9", ["7 EUR", "9 USD"]),
        ("from $ 20,000 $ 37,305", ["20000 USD", "37305 USD"]),
        ("They paid 40 USD million", ["40000000 USD"]),
        ("A ticket is 12 turkish lira", ["12 TRY"]),
    ])
    func severalCurrenciesInOnePhrase(text: String, expected: [String]) throws {
        #expect(try described(text, .en) == expected)
    }

    @Test(arguments: [
        (Language.en, "She finished between the third and the ninth.", ["- low 3 high 9"]),
        (.nl, "Ze eindigde tussen de derde en de negende.", ["- low 3 high 9"]),
        (.en, "Pick the third to last one", [String]()),
        (.en, "Open to those aged 16 and over", ["16 year at_least"]),
        (.nl, "Hij overleed op de leeftijd van 93.", ["93 year"]),
        (.nl, "kinderen van 12 en ouder", ["12 at_least"]),
    ])
    func ordinalRangesRelativeOrdinalsAgesAndOpenBounds(language: Language, text: String, expected: [String]) throws {
        #expect(try described(text, language) == expected)
    }

    @Test(arguments: [
        (Language.en, "Buy three pounds of rice", ["3 lb"]),
        (.nl, "Koop twee pond kaas", ["2 lb"]),
        (.en, "Add half a litre of milk", ["0.5 l"]),
        (.en, "The shelf is 4 ft 3 in wide", ["51 in"]),
        (.en, "I was in 3 in a row", ["3"]),
        (.en, "We walked three quarters of a mile", ["0.75 mi"]),
        (.en, "Scores equal to or greater than 60 pass", ["60 at_least"]),
        (.en, "Loads not larger than 12 tonnes", ["12 t at_most"]),
        (.nl, "Waarden gelijk aan of kleiner dan 5", ["5 at_most"]),
        (.nl, "Het bad is 38 gr.C en buiten 12 gr Fahrenheit", ["38 °C", "12 °F"]),
        (.en, "She waited 7 and a half hours", ["7.5 h"]),
        (.nl, "Het duurde 3 en een half uur", ["3.5 h"]),
        (.en, "Several thousand fans paid 12 quid", ["- low 2000", "12 GBP"]),
        (.nl, "Een paar honderd fans", ["- low 200"]),
        (.nl, "Doe er 2 ons kaas bij, of 1 tot 3 ons", ["200 g", "- g low 100 high 300"]),
        (.en, "Set it to - 15 degrees Celsius, not 5 - 15 degrees", ["-15 °C", "- ° low 5 high 15"]),
        (.nl, "Het werd - 8 graden", ["-8 °"]),
        (.en, "Three in every four homes", ["0.75"]),
        (.nl, "Koop anderhalve kilo en een driekwart liter", ["1.5 kg", "0.75 l"]),
        (.en, "A stamp is 95 euro cents", ["95 cent"]),
        (.nl, "Een zegel kost 95 eurocent", ["95 cent"]),
        (.nl, "De 38-jarige chauffeur en een 7-jarig meisje", ["38 year", "7 year"]),
        (.en, "It fell to 6 below zero on a plot of 450 m^2", ["-6 °", "450 m2"]),
        (.vi, "Nhiệt độ 35 độ C, ba phần tám số hộ và 15 phần trăm", ["35 °C", "0.375", "15 %"]),
        (.en, "a wire of 1 nanometre and a 1 kilowatt-hour battery", ["1 nm", "1 kWh"]),
        // A height in feet and inches written with hyphens is one measure, not a range.
        (.en, "The 6-foot-6 forward and a 5-foot-10 guard, behind a 6-foot wall", ["78 in", "70 in", "6 ft"]),
        // Decades are a unit; the article of `a decades-old dispute` is the dispute's, which is decades old.
        (.en, "in the past two decades, after a decades-old dispute", ["2 decade", "- year low 20"]),
        (.vi, "trong hai thập kỷ qua", ["2 decade"]),
        // Decades alone are a vague amount of years.
        (.en, "It ignores decades of law", ["- year low 20"]),
        (.vi, "luật đã có hàng thập kỷ", ["- year low 20"]),
        // `over` before a span of time is `during`, unless a cue word makes it a bound (`for over`).
        (.en, "It logged 183 emissions over 24 hours after waiting for over 3 days", ["183", "24 h", "3 day more_than"]),
        (.vi, "công suất 110 tỷ mét khối, trên 20 mét vuông", ["110000000000 m3", "20 m2 more_than"]),
        // Dutch `ene` (stressed one) is a number before a unit only; Vietnamese `trên dưới` is about.
        (.nl, "door die ene procent, aan de ene kant", ["1 %"]),
        (.vi, "khoảng trên dưới 48 người", ["48 about"]),
        // A unit glued to a Dutch number word.
        (.nl, "De vierentwintigjarige debuteerde op veertienjarige leeftijd", ["24 year", "14 year"]),
        // A bound a few words before the number, linked by `of` / `van`.
        (.en, "Maximum sustained winds of 85 miles per hour, and 20 of 30 seats", ["85 mph at_most", "20", "30"]),
        (.nl, "met een maximale windsnelheid van 140 km per uur", ["140 km/h at_most"]),
        // Vietnamese `trên` bounds a figure or a scaled number; before a bare number word it is `on`.
        (.vi, "trên sáu kênh truyền hình, trên 600 người và trên hai triệu người", ["6", "600 more_than", "2000000 more_than"]),
    ])
    func unitsFromTheWordsAround(language: Language, text: String, expected: [String]) throws {
        #expect(try described(text, language) == expected)
    }


    /// `de helft` is a half; after an ordinal (`the second half`, `de tweede helft`) a half is a period, no number.
    @Test func halvesAfterOrdinalsAreNoNumbers() throws {
        #expect(try described("Ruim de helft van de leden stemde voor", .nl) == ["0.5 more_than"])
        #expect(try described("in de tweede helft van 2024", .nl) == ["2", "2024"])
        #expect(try described("in the first half of the match", .en) == ["1"])
    }

    /// A scale at the end of a compound after another number word (`driekwart negentigbiljard`) trapped.
    @Test func aScaleInsideACompoundAfterAnotherWord() throws {
        #expect(try annotate("driekwart negentigbiljard en honderd tweemiljard", language: .nl, stages: [.claims]).claims.count >= 1)
    }

    @Test func aScaleTakesOnlyAWholeSmallerNumberAfterIt() throws {
        #expect(try values("The town has 4 million and a half", .en) == ["4500000"])
        #expect(try values("Het dorp telt 2 miljoen en een half", .nl) == ["2500000"])
        #expect(try values("4 hundred and 3 hundred", .en) == ["400", "300"])
    }
}
