import Foundation
import Testing
import MekongCore
@testable import MekongStages

/// `mekong diff`: sentence alignment and the comparison of numbers and names across
/// languages. The texts are the team's own.
@Suite struct TranslationDiffTests {
    private func document(_ text: String, _ language: Language) throws -> Document {
        var pipeline = try PipelineFactory.make(PipelineConfiguration(stages: [.entities, .claims]))
        var doc = try Document(id: language.rawValue, source: DocumentSource(path: nil), raw: Array(text.utf8))
        doc.forcedLanguage = language
        try pipeline.run(&doc)
        return doc
    }

    private func diff(_ original: String, _ from: Language, _ translation: String, _ to: Language) throws -> TranslationDiff {
        TranslationDiffer.diff(original: try document(original, from), translation: try document(translation, to))
    }

    static let vietnamese = """
    Năm 2024, kim ngạch xuất khẩu gạo của Việt Nam đạt gần 6 tỷ USD.
    Bộ trưởng Nguyễn Hồng Diên cho biết ngành lúa gạo cần thêm khoảng 200 kho lạnh.
    Phần lớn gạo được xuất sang Philippines và Indonesia.
    """

    static let dutch = """
    In 2024 bereikte de rijstexport van Vietnam bijna 6 miljard dollar.
    Minister Nguyen Hong Dien zei dat de rijstsector ongeveer 200 extra koelhuizen nodig heeft.
    Het grootste deel van de rijst gaat naar de Filipijnen en Indonesië.
    """

    @Test func aFaithfulTranslationInAnotherLanguageHasNoErrors() throws {
        let d = try diff(Self.vietnamese, .vi, Self.dutch, .nl)
        #expect(d.groups.map(\.original) == [0..<1, 1..<2, 2..<3])
        #expect(d.groups.map(\.translation) == [0..<1, 1..<2, 2..<3])
        #expect(d.findings.filter { $0.severity == .error }.isEmpty, "\(d.findings.map(\.message))")
    }

    @Test func aScaleWordChangedIsAScaleChange() throws {
        let d = try diff(Self.vietnamese, .vi, Self.dutch.replacingOccurrences(of: "6 miljard", with: "6 miljoen"), .nl)
        #expect(d.findings.map(\.kind) == [.scale_changed])
    }

    @Test func aChangedDigitAndAChangedQualifierAreReported() throws {
        let changed = Self.dutch.replacingOccurrences(of: "ongeveer 200", with: "meer dan 300")
        let d = try diff(Self.vietnamese, .vi, changed, .nl)
        #expect(d.findings.map(\.kind) == [.value_changed])
        let q = try diff(Self.vietnamese, .vi, Self.dutch.replacingOccurrences(of: "ongeveer 200", with: "meer dan 200"), .nl)
        #expect(q.findings.map(\.kind) == [.qualifier_changed])
        #expect(q.findings.first?.severity == .error)
    }

    @Test func aClockTimeWrittenAnotherWayIsTheSameAndAChangedOneIsReported() throws {
        let english = "The fire broke out at about 19:30 on Sunday."
        let same = try diff(english, .en, "De brand brak zondag rond 19.30 uur uit.", .nl)
        #expect(same.findings.isEmpty, "\(same.findings.map(\.message))")
        let changed = try diff(english, .en, "De brand brak zondag rond 19.33 uur uit.", .nl)
        #expect(changed.findings.map(\.kind) == [.value_changed])
    }

    @Test func aHedgeDroppedByTheTranslatorIsNoFindingButANewBoundIs() throws {
        let english = "The plant will employ up to 3,000 people."
        #expect(try diff(english, .en, "De fabriek krijgt 3.000 werknemers.", .nl).findings.isEmpty)
        let bound = try diff(english, .en, "De fabriek krijgt meer dan 3.000 werknemers.", .nl)
        #expect(bound.findings.map(\.kind) == [.qualifier_changed])
    }

    @Test func aDroppedSentenceIsOmittedAndTheRestStaysAligned() throws {
        let dropped = Self.dutch.split(separator: "\n").enumerated().filter { $0.offset != 1 }.map(\.element).joined(separator: "\n")
        let d = try diff(Self.vietnamese, .vi, dropped, .nl)
        #expect(d.findings.contains { $0.kind == .sentence_omitted && $0.original?.sentence == 1 })
        #expect(d.groups.contains { $0.original == 2..<3 && $0.translation == 1..<2 })
    }

    @Test func aReplacedPersonIsAChangedEntity() throws {
        let d = try diff(Self.vietnamese, .vi, Self.dutch.replacingOccurrences(of: "Nguyen Hong Dien", with: "Tran Van Nam"), .nl)
        #expect(d.findings.contains { $0.kind == .entity_changed })
    }

    @Test func aPersonSpelledTwoWaysOnOneSideIsInconsistent() throws {
        let nl = "Directeur Aleksey Gruzdev opende het forum.\nVolgens Aleksej Gruzdev groeit de handel."
        let d = try diff(nl, .nl, nl, .nl)
        #expect(d.findings.filter { $0.kind == .entity_inconsistent }.count == 2)    // once per side
        // Letter case is no spelling: `MacPherson` is `Macpherson`.
        let cased = "Aanvoerder Blair Macpherson scoorde twee keer.\nNa rust scoorde MacPherson opnieuw."
        #expect(try diff(cased, .nl, cased, .nl).findings.filter { $0.kind == .entity_inconsistent }.isEmpty)
    }

    @Test func aMonthIsComparedAndAYearTheContextKeepsMayBeLeftOut() throws {
        let english = "The ferry to Cat Ba stopped in November after a storm.\nIt ran again on March 3, 2027."
        let vietnamese = "Phà ra Cát Bà ngừng chạy vào tháng 11 sau một cơn bão.\nPhà chạy lại ngày 3 tháng 3 năm 2027."
        let numbers: Set<DiffFinding.Kind> = [.number_missing, .number_added, .value_changed]
        func kinds(_ translation: String) throws -> [DiffFinding.Kind] {
            try diff(english, .en, translation, .vi).findings.map(\.kind).filter(numbers.contains)
        }
        #expect(try kinds(vietnamese).isEmpty)
        // The month's number left out or changed.
        #expect(try kinds(vietnamese.replacingOccurrences(of: "tháng 11", with: "tháng")) == [.number_missing])
        #expect(try kinds(vietnamese.replacingOccurrences(of: "tháng 11", with: "tháng 12")).count == 2)
        // A year left out that no sentence around writes is reported; one the sentence before writes is not.
        #expect(try kinds(vietnamese.replacingOccurrences(of: " năm 2027", with: "")) == [.value_changed])
        let dutch = try diff("The ferry was rebuilt in 2027.\nIt ran again on March 3, 2027.", .en, "De veerboot werd in 2027 herbouwd.\nHij voer weer op 3 maart.", .nl)
        #expect(dutch.findings.filter { numbers.contains($0.kind) }.isEmpty, "\(dutch.findings.map(\.message))")
        // A month and its year on one side, the year alone on the other: one change, not two findings.
        let year = try diff("The ferry stopped in June 2027.", .en, "De veerboot stopte in 2027.", .nl)
        #expect(year.findings.map(\.kind) == [.value_changed])
    }

    @Test func aMeasureConvertedToAnotherUnitIsTheSame() throws {
        let d = try diff("The bridge is 3.2 miles long.", .en, "De brug is 5,15 kilometer lang.", .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
    }

    @Test func aTemperatureInFahrenheitConvertedToCelsiusIsTheSame() throws {
        let same = try diff("It was a sunny 80 degrees on the beach.", .en, "Het was zonnig en 26 graden op het strand.", .nl)
        #expect(same.findings.isEmpty, "\(same.findings.map(\.message))")
        let changed = try diff("It was a sunny 80 degrees on the beach.", .en, "Het was zonnig en 29 graden op het strand.", .nl)
        #expect(changed.findings.map(\.kind) == [.value_changed])
    }

    @Test func decadesAreTenYearsEach() throws {
        let d = try diff("Eleven people died in the past two decades.", .en, "In de afgelopen twintig jaar kwamen elf mensen om.", .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
    }

    @Test func aNumberWithTheSameValueAndUnitIsMatchedBeforeALooserOne() throws {
        // `một ngày` (a day) could take the translation's `1` of the score `1-0`; the `1` of the
        // original's `1-0` is its counterpart.
        let d = try diff("Rangers có một ngày thi đấu tệ khi thua với tỷ số 1-0 trước Livingston.", .vi,
                         "Rangers beleefde een slechte wedstrijd en verloor met 1-0 van Livingston.", .nl)
        #expect(!d.findings.contains { $0.kind == .number_missing && $0.original.map { d.original.string($0.span) } == "1" }, "\(d.findings.map(\.message))")
        // Nor does the ordinal `first`, which the Vietnamese writes in words the claims do not read.
        let ordinal = try diff("It was their first win since February's 4-1 triumph at Perth.", .en,
                               "Đó là trận thắng đầu tiên của họ kể từ chiến thắng 4-1 tại Perth vào tháng 2.", .vi)
        #expect(!ordinal.findings.contains { $0.kind == .number_missing || $0.kind == .number_added }, "\(ordinal.findings.map(\.message))")
    }

    @Test func aHeightInFeetAndInchesIsItsHeightInCentimetres() throws {
        let d = try diff("The 6-foot-6 forward grew up in Ohio.", .en, "De 198 cm lange aanvaller groeide op in Ohio.", .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
    }

    @Test func theJSONLCarriesAlignmentsThenFindingsWithCodePointOffsets() throws {
        let d = try diff("Giá tăng gần 6 tỷ USD.", .vi, "De prijs steeg met bijna 6 miljoen dollar.", .nl)
        let lines = String(decoding: DiffReport.jsonl(d, pair: "p1"), as: UTF8.self).split(separator: "\n")
        let records = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.first?["kind"] as? String == "alignment")
        let finding = try #require(records.first { $0["kind"] as? String == "finding" })
        #expect(finding["pair"] as? String == "p1")
        #expect(finding["type"] as? String == "scale_changed")
        let translation = try #require(finding["translation"] as? [String: Any])
        let text = Array(d.translation.textString.unicodeScalars)
        let slice = String(String.UnicodeScalarView(text[(translation["start"] as! Int)..<(translation["end"] as! Int)]))
        #expect(slice == translation["text"] as? String)
        #expect((finding["expected"] as? [String: Any])?["value"] as? String == "6000000000")
    }

    @Test func aScaleChangeIsFoundWhenOneSideLeavesTheCurrencyOut() throws {
        // `£125m` has its currency; the translation names none (or one the data did not know).
        let english = "The chain sold its pharmacy arm for £125m three years ago."
        let d = try diff(english, .en, "De keten verkocht zijn apotheken drie jaar geleden voor 125 miljard.", .nl)
        #expect(d.findings.map(\.kind) == [.scale_changed], "\(d.findings.map(\.message))")
        let pounds = try diff(english, .en, "De keten verkocht zijn apotheken drie jaar geleden voor 125 miljoen Britse pond.", .nl)
        #expect(pounds.findings.isEmpty, "\(pounds.findings.map(\.message))")
    }

    @Test func aRangeIsTheSameOnlyWithBothBoundsAndMayBeWrittenAsTwoNumbers() throws {
        let english = "Between 20 and 35 percent of the farmers sold their land."
        #expect(try diff(english, .en, "Tussen 20 en 35 procent van de boeren verkocht hun land.", .nl).findings.isEmpty)
        let lower = try diff(english, .en, "Tussen 25 en 35 procent van de boeren verkocht hun land.", .nl)
        #expect(lower.findings.map(\.kind) == [.value_changed], "\(lower.findings.map(\.message))")
        // `18- to 24-year-olds` reads as two numbers, `van 18 tot 24 jaar` as one range.
        let ages = try diff("Turnout was low among 18- to 24-year-olds in the city.", .en, "De opkomst was laag onder kiezers van 18 tot 24 jaar in de stad.", .nl)
        #expect(ages.findings.isEmpty, "\(ages.findings.map(\.message))")
    }

    @Test func aConvertedMeasureMayBeRoundedButNotChanged() throws {
        let english = "The storm is 385 miles south of the coast."
        #expect(try diff(english, .en, "De storm ligt 620 km ten zuiden van de kust.", .nl).findings.isEmpty)
        #expect(try diff("The storm is about 400 miles south of the coast.", .en, "De storm ligt zo'n 650 km ten zuiden van de kust.", .nl).findings.isEmpty)
        #expect(try diff("He is 6 feet tall.", .en, "Hij is 1,83 meter lang.", .nl).findings.isEmpty)
        let changed = try diff(english, .en, "De storm ligt 623 km ten zuiden van de kust.", .nl)
        #expect(changed.findings.contains { $0.kind == .number_added }, "\(changed.findings.map(\.message))")
    }

    @Test func aSpeedIsConvertedBetweenMilesAndKilometresPerHour() throws {
        let english = "Winds reached 85 miles per hour near the coast."
        #expect(try diff(english, .en, "De wind bereikte 140 km per uur bij de kust.", .nl).findings.isEmpty)
        #expect(try diff(english, .en, "Gió đạt 137 km/giờ gần bờ biển.", .vi).findings.isEmpty)
        let changed = try diff(english, .en, "De wind bereikte 180 km per uur bij de kust.", .nl)
        #expect(!changed.findings.isEmpty, "\(changed.findings.map(\.message))")
    }

    @Test func numbersInNamesAndIdentifiersAreComparedAsWritten() throws {
        let english = "The Orion 7 rocket lifted off from pad 39 with flight 4402 on board."
        #expect(try diff(english, .en, "De raket Orion 7 steeg op vanaf lanceerplatform 39 met vlucht 4402 aan boord.", .nl).findings.isEmpty)
        let changed = try diff(english, .en, "De raket Orion 9 steeg op vanaf lanceerplatform 39 met vlucht 4402 aan boord.", .nl)
        #expect(Set(changed.findings.map(\.kind)) == [.number_missing, .number_added], "\(changed.findings.map(\.message))")
        let dropped = try diff(english, .en, "De raket Orion steeg op vanaf lanceerplatform 39 met vlucht 4402 aan boord.", .nl)
        #expect(dropped.findings.map(\.kind) == [.number_missing], "\(dropped.findings.map(\.message))")
        // The number of a Vietnamese month's name is the month, not an identifier.
        #expect(try diff("The Orion 7 rocket lifted off in June.", .en, "Tên lửa Orion 7 được phóng vào tháng 6.", .vi).findings.isEmpty)
    }

    @Test func aSpelledOutShortSpanOfTimeIsTranslationStyle() throws {
        // English `a week` is no claim; `een week` and `một tuần` are (one week).
        #expect(try diff("The talks lasted a week.", .en, "De gesprekken duurden een week.", .nl).findings.isEmpty)
        #expect(try diff("The talks lasted a week.", .en, "Cuộc đàm phán kéo dài một tuần.", .vi).findings.isEmpty)
        // Written in digits it is still compared.
        #expect(try diff("The talks lasted a week.", .en, "De gesprekken duurden 3 weken.", .nl).findings.map(\.kind) == [.number_added])
    }

    @Test func aSentenceWhoseAnchorsTheOtherSideLacksIsOmittedNotFoldedIntoItsNeighbour() {
        // Lengths alone favour folding sentence 1 into the group of sentence 2; its two anchors,
        // absent from the translation, say it was dropped.
        let a = [SentenceAligner.Sentence(length: 60, anchors: ["e:alpha"]),
                 SentenceAligner.Sentence(length: 30, anchors: ["n:12|", "e:beta"]),
                 SentenceAligner.Sentence(length: 60, anchors: ["e:gamma"])]
        let b = [SentenceAligner.Sentence(length: 60, anchors: ["e:alpha"]),
                 SentenceAligner.Sentence(length: 85, anchors: ["e:gamma"])]
        let groups = SentenceAligner().align(a, b)
        #expect(groups.contains { $0.original == 1..<2 && $0.translation.isEmpty }, "\(groups)")
    }

    @Test func anAnchorADroppedSentenceSharesWithItsNeighbourDoesNotFoldItIn() {
        // Sentence 1 writes the month its neighbour writes too (`d:--07`); its own anchors, absent
        // from the translation, say it was dropped.
        let a = [SentenceAligner.Sentence(length: 60, anchors: ["e:alpha"]),
                 SentenceAligner.Sentence(length: 30, anchors: ["n:12|", "n:4.8|%", "d:--07"]),
                 SentenceAligner.Sentence(length: 60, anchors: ["e:gamma", "d:--07"])]
        let b = [SentenceAligner.Sentence(length: 60, anchors: ["e:alpha"]),
                 SentenceAligner.Sentence(length: 85, anchors: ["e:gamma", "d:--07"])]
        let groups = SentenceAligner().align(a, b)
        #expect(groups.contains { $0.original == 1..<2 && $0.translation.isEmpty }, "\(groups)")
    }

    @Test func aShortSentenceWithoutAnchorsIsOmittedRatherThanFoldedIn() {
        // A 20-character sentence dropped between two others: news translations drop a sentence more
        // often than they join two, so leaving it out costs less than folding it into a neighbour.
        let a = [SentenceAligner.Sentence(length: 60, anchors: []),
                 SentenceAligner.Sentence(length: 20, anchors: []),
                 SentenceAligner.Sentence(length: 80, anchors: [])]
        let b = [SentenceAligner.Sentence(length: 62, anchors: []),
                 SentenceAligner.Sentence(length: 84, anchors: [])]
        let groups = SentenceAligner().align(a, b)
        #expect(groups.map(\.original) == [0..<1, 1..<2, 2..<3], "\(groups)")
        #expect(groups[1].translation.isEmpty)
    }

    @Test func aSentenceTheTranslatorSplitInTwoIsOneGroup() {
        // A 100-character sentence rendered as 100 + 25 characters: split, not a sentence added.
        let a = [SentenceAligner.Sentence(length: 100, anchors: []), SentenceAligner.Sentence(length: 90, anchors: [])]
        let b = [SentenceAligner.Sentence(length: 100, anchors: []), SentenceAligner.Sentence(length: 25, anchors: []),
                 SentenceAligner.Sentence(length: 92, anchors: [])]
        let groups = SentenceAligner().align(a, b)
        #expect(groups.map(\.translation) == [0..<2, 2..<3], "\(groups)")
    }

    @Test func aShortSentenceSplitOffByTheTranslatorIsNoSentenceAdded() {
        // 200 characters rendered as 220 + 45: an uneven split, not a sentence the translation adds.
        let a = [SentenceAligner.Sentence(length: 90, anchors: []), SentenceAligner.Sentence(length: 200, anchors: []),
                 SentenceAligner.Sentence(length: 100, anchors: [])]
        let b = [SentenceAligner.Sentence(length: 92, anchors: []), SentenceAligner.Sentence(length: 220, anchors: []),
                 SentenceAligner.Sentence(length: 45, anchors: []), SentenceAligner.Sentence(length: 104, anchors: [])]
        let groups = SentenceAligner().align(a, b)
        #expect(groups.map(\.translation) == [0..<1, 1..<3, 3..<4], "\(groups)")
    }

    @Test func aSentenceTheTranslatorSplitInThreeIsOneGroup() {
        // A 270-character sentence rendered as 150 + 75 + 85 characters: one group, no sentence added.
        let a = [SentenceAligner.Sentence(length: 60, anchors: []), SentenceAligner.Sentence(length: 270, anchors: []),
                 SentenceAligner.Sentence(length: 120, anchors: [])]
        let b = [SentenceAligner.Sentence(length: 62, anchors: []), SentenceAligner.Sentence(length: 150, anchors: []),
                 SentenceAligner.Sentence(length: 75, anchors: []), SentenceAligner.Sentence(length: 85, anchors: []),
                 SentenceAligner.Sentence(length: 125, anchors: [])]
        let groups = SentenceAligner().align(a, b)
        #expect(groups.map(\.translation) == [0..<1, 1..<4, 4..<5], "\(groups)")
    }

    @Test func alignmentOfTwoThousandSentencesStaysWithinTheBand() {
        // Near-linear: only cells near the diagonal are filled.
        let a = (0..<2000).map { SentenceAligner.Sentence(length: 80 + $0 % 40, anchors: ["n:\($0)"]) }
        var b = a
        b.remove(at: 1000)
        let groups = SentenceAligner().align(a, b)
        #expect(groups.contains { $0.original == 1000..<1001 && $0.translation.isEmpty })
        #expect(groups.filter { $0.original.count == 1 && $0.translation.count == 1 }.count == 1999)
    }

    @Test func theHTMLReportEscapesEverythingAndNeedsNothingFromOutside() throws {
        let original = "<script>alert('x')</script> Giá tăng gần 6 tỷ USD."
        let translation = "<script>alert(\"y\")</script> De prijs steeg met bijna 6 miljoen dollar & meer."
        let d = try diff(original, .vi, translation, .nl)
        let page = DiffHTMLReport.page(d, title: "<b>pair</b>")
        #expect(!page.contains("<script"))
        #expect(!page.contains("<b>"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(page.contains("&amp; meer"))
        // Self-contained: no link, source or import to fetch.
        #expect(!page.contains("src=") && !page.contains("href=") && !page.contains("@import") && !page.contains("url("))
        // The finding is marked in the translation and listed under its group.
        #expect(page.contains("<mark class=\"error\""))
        #expect(page.contains("scale_changed"))
    }

    static let harbour = """
    The ferry from Ballycastlemore was cancelled on Friday because of the storm.
    Harbour master Anna Hendricks closed the quay.
    Hendricks said the harbour would reopen next week.
    """

    static let haven = """
    De veerboot uit Ballycastlemore werd vrijdag afgelast vanwege de storm.
    Havenmeester Anna Hendricks sloot de kade.
    Hendricks zei dat de haven volgende week weer opengaat.
    """

    static let benCang = """
    Chuyến phà từ Ballycastlemore đã bị hủy vào thứ Sáu vì cơn bão.
    Trưởng cảng Anna Hendricks đã đóng cửa bến tàu.
    Hendricks cho biết bến cảng sẽ mở cửa trở lại vào tuần tới.
    """

    @Test func aNameKeptAsWrittenAndReplacedIsReportedWhateverTheTaggerMadeOfIt() throws {
        #expect(try diff(Self.harbour, .en, Self.haven, .nl).findings.isEmpty)
        #expect(try diff(Self.harbour, .en, Self.benCang, .vi).findings.isEmpty)
        // A place no gazetteer knows, in Dutch and in Vietnamese (which has no statistical tagger).
        for (text, language) in [(Self.haven, Language.nl), (Self.benCang, .vi)] {
            let d = try diff(Self.harbour, .en, text.replacingOccurrences(of: "Ballycastlemore", with: "Kowalczyk"), language)
            #expect(d.findings.map(\.kind) == [.entity_changed], "\(d.findings.map(\.message))")
        }
        // A one-word name at the start of a sentence, in the place of the original's first word, and
        // written elsewhere in the translation.
        let d = try diff(Self.harbour, .en, Self.haven.replacingOccurrences(of: "Hendricks zei", with: "Kowalczyk zei"), .nl)
        #expect(d.findings.map(\.kind) == [.entity_changed], "\(d.findings.map(\.message))")
    }

    @Test func aShortMentionOfALongerNameIsKeptWhenTheTranslationWritesIt() throws {
        // `Rosa` is linked to `Hurricane Rosa`; Vietnamese writes `Cơn bão Rosa`, the storm's name as it is.
        let english = """
        Hurricane Rosa reached the coast of Baja California early on Sunday.
        Forecasters expect Rosa to pass over Phoenix on Tuesday.
        """
        let vietnamese = """
        Cơn bão Rosa đã đến bờ biển Baja California vào sáng sớm Chủ nhật.
        Các nhà dự báo cho rằng Rosa sẽ đi qua Phoenix vào thứ Ba.
        """
        let d = try diff(english, .en, vietnamese, .vi)
        #expect(d.findings.allSatisfy { $0.kind != .entity_missing }, "\(d.findings.map(\.message))")
    }

    @Test func aPlaceTheTranslationsGazetteerDoesNotKnowMustBeWrittenAsItIs() throws {
        // `Londonderry` has an id in English only: replaced in one sentence, it is a changed name, even
        // though the translation writes it in the next.
        let english = """
        Three men were arrested in Londonderry after a car rammed a house.
        Police in Londonderry said the men were questioned on Sunday.
        """
        let dutch = """
        Drie mannen werden in Kowalczyk gearresteerd nadat een auto op een huis was ingereden.
        De politie in Londonderry zei dat de mannen zondag werden ondervraagd.
        """
        let d = try diff(english, .en, dutch, .nl)
        #expect(d.findings.map(\.kind) == [.entity_changed], "\(d.findings.map(\.message))")
    }

    @Test func aCapitalizedWordNoTaggerSawIsANameAgainstAReplacementTheTaggerSees() throws {
        let english = "The minister attacked the so-called Chequers plan again on Monday."
        #expect(try diff(english, .en, "De minister viel maandag opnieuw het zogenaamde Chequers-plan aan.", .nl).findings.isEmpty)
        let d = try diff(english, .en, "De minister viel maandag opnieuw het zogenaamde Kowalczyk-plan aan.", .nl)
        #expect(d.findings.map(\.kind) == [.entity_changed], "\(d.findings.map(\.message))")
    }

    @Test func aNameTransliteratedTheTranslationsWayAndAQuotationsFirstWordAreNoFindings() throws {
        // Dutch writes Russian and Uzbek names its own way (`Sajfoello Sajpov`); `Vermijd` opens a
        // quotation, where a capital says nothing.
        let english = """
        Sayfullo Saipov appeared before the federal court in Manhattan on Monday.
        The Democrats said Saipov should face the death penalty.
        The mayor told residents: "Avoid the roads near the river tonight."
        """
        let dutch = """
        Sajfoello Sajpov verscheen maandag voor de federale rechtbank in Manhattan.
        De Democraten zeiden dat Sajpov de doodstraf moet krijgen.
        De burgemeester zei tegen de bewoners: ‘Vermijd vannacht de wegen bij de rivier.’
        """
        let d = try diff(english, .en, dutch, .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
        #expect(TranslationDiffer.sameNameWord("habibullaevic", "habiboellajevitsj"))
        #expect(!TranslationDiffer.sameNameWord("saipov", "kowalczyk"))
    }

    @Test func aRangeConvertsBoundByBoundAndAMorningHourIsATime() throws {
        // Inches (a unit the Vietnamese text now reads) to centimetres, a range and a bound; `‘s morgens`
        // written with a left quotation mark still makes `7 uur` 07:00.
        let vietnamese = """
        Lượng mưa dự kiến từ 2 đến 4 inch, có nơi lên tới 6 inch.
        Cơn bão đổ bộ lúc 7 giờ sáng.
        """
        let dutch = """
        Er wordt 5 tot 10 centimeter regen verwacht, plaatselijk tot 15 centimeter.
        De storm kwam net voor 7 uur ‘s morgens aan land.
        """
        let d = try diff(vietnamese, .vi, dutch, .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
        let changed = try diff(vietnamese, .vi, dutch.replacingOccurrences(of: "5 tot 10", with: "5 tot 20"), .nl)
        #expect(!changed.findings.isEmpty)
        // One digit rounds as coarsely as it is written: `1 to 2 inches` (2.5 to 5.1 cm) is `3 tot 5 cm`, not `3 tot 8 cm`.
        #expect(try diff("Some areas may get 1 to 2 inches of rain.", .en, "Sommige gebieden krijgen 3 tot 5 cm regen.", .nl).findings.isEmpty)
        #expect(!(try diff("Some areas may get 1 to 2 inches of rain.", .en, "Sommige gebieden krijgen 3 tot 8 cm regen.", .nl).findings.isEmpty))
    }

    @Test func vagueAmountsOfOneOrderOfMagnitudeAreTheSame() throws {
        let english = "The flood destroyed dozens of villages along the river."
        #expect(try diff(english, .en, "De overstroming verwoestte tientallen dorpen langs de rivier.", .nl).findings.isEmpty)
        #expect(try diff(english, .en, "Trận lũ đã phá hủy hàng chục ngôi làng dọc sông.", .vi).findings.isEmpty)
        #expect(try diff("The toll could reach the thousands.", .en, "Het dodental kan tot in de duizendtallen stijgen.", .nl).findings.isEmpty)
        let changed = try diff(english, .en, "De overstroming verwoestte honderden dorpen langs de rivier.", .nl)
        #expect(changed.findings.map(\.kind) == [.value_changed], "\(changed.findings.map(\.message))")
    }

    @Test func aSentenceOfMarksAloneIsNeverOmittedOrAdded() throws {
        // A closing quote left on its own line is a "sentence" to the segmenter, and none to a reader.
        let english = "He said prices will rise next year.\n\"\nThe minister agreed with him on Monday."
        let d = try diff(english, .en, "Hij zei dat de prijzen volgend jaar stijgen.\nDe minister was het maandag met hem eens.", .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
    }

    @Test func aMeasureRestatedInAnotherUnitMayLoseTheRestatement() throws {
        // `300 km (190 miles)`: the translation keeps one of the two; a changed figure is still reported.
        let english = "The coastline 300 km (190 miles) north of Palu was hit hardest."
        #expect(try diff(english, .en, "De kust 300 km ten noorden van Palu werd het zwaarst getroffen.", .nl).findings.isEmpty)
        let changed = try diff(english, .en, "De kust 350 km ten noorden van Palu werd het zwaarst getroffen.", .nl)
        #expect(!changed.findings.isEmpty)
        // An amount restated in another currency in brackets.
        #expect(try diff("The cost reached €3.1 billion ($3.6bn) last year.", .en, "De kosten bereikten vorig jaar € 3,1 miljard.", .nl).findings.isEmpty)
    }

    @Test func aPlaceNamedByItsAdjectiveIsThere() throws {
        // `Pacifische` (Dutch adjective) names the Pacific that `Thái Bình Dương` does.
        let d = try diff("Máy bay rơi xuống một vùng biển Thái Bình Dương ở Micronesia.", .vi,
                         "Het vliegtuig stortte neer in een Pacifische lagune in Micronesië.", .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
    }

    @Test func aDecadeInFullAndByItsTensIsOne() throws {
        let english = "The factory was built in the 1980s."
        #expect(try diff(english, .en, "De fabriek werd in de jaren tachtig gebouwd.", .nl).findings.isEmpty)
        #expect(try diff(english, .en, "De fabriek werd in de jaren 80 gebouwd.", .nl).findings.isEmpty)
        #expect(!(try diff(english, .en, "De fabriek werd in de jaren 70 gebouwd.", .nl).findings.isEmpty))
    }

    @Test func aBareNumberTheOtherSideWritesInANameIsThere() throws {
        // `kênh số 3` (channel number 3) is a count to the claims, `VTV 3` a name's number.
        let english = """
        Hanoi FC won 2-1 against Hai Phong on Sunday.
        The match was broadcast live on VTV 3 in the evening.
        """
        let vietnamese = """
        Hà Nội FC thắng Hải Phòng với tỷ số 2-1 vào Chủ nhật.
        Trận đấu được truyền hình trực tiếp trên kênh số 3 của VTV vào buổi tối.
        """
        #expect(try diff(english, .en, vietnamese, .vi).findings.isEmpty)
        let changed = try diff(english, .en, vietnamese.replacingOccurrences(of: "kênh số 3", with: "kênh số 5"), .vi)
        #expect(changed.findings.map(\.kind).contains(.number_added), "\(changed.findings.map(\.message))")
        // A year inside a name on one side (`Wales Act 2017`), a year claim on the other (`năm 2017`).
        let act = try diff("Đạo luật Chính phủ Wales năm 2017 trao quyền đổi tên.", .vi,
                           "Met de Government of Wales Act 2017 kreeg de Vergadering het recht om haar naam te wijzigen.", .nl)
        #expect(act.findings.isEmpty, "\(act.findings.map(\.message))")
        // A number in a name written in Roman numerals on the other side (`WW1` / `WO I`, `Thế chiến 1`).
        let war = try diff("Bernard Vann: a WW1 Victoria Cross cleric is celebrated", .en,
                           "Bernard Vann: geestelijke met het Victoria Cross uit WO I geëerd", .nl)
        #expect(war.findings.isEmpty, "\(war.findings.map(\.message))")
        let war2 = try diff("Kỷ niệm Giáo sĩ Bernard Vann nhận Huân chương Chữ thập Victoria trong Thế chiến 1", .vi,
                            "Bernard Vann: geestelijke met het Victoria Cross uit WO I geëerd", .nl)
        #expect(!war2.findings.contains { $0.kind == .number_missing }, "\(war2.findings.map(\.message))")
    }

    @Test func aGenitiveNameAndATitleWrittenInEnglishAreNoLostNames() throws {
        // `Flakes keuze` keeps `Flake`; `Judge` before a name is a title, and `rechter` translates it.
        let vietnamese = """
        Sự lựa chọn của Flake rất quan trọng với đảng Cộng hòa.
        Ông so sánh phản ứng của Waters với phản ứng của Judge Kavanaugh trước các chỉ trích.
        """
        let dutch = """
        Flakes keuze was belangrijk voor de Republikeinen.
        Hij vergeleek de reactie van Waters met die van rechter Kavanaugh op de kritiek.
        """
        let d = try diff(vietnamese, .vi, dutch, .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
        // A title the Dutch tagger takes for a name (`Chief Executive`) is no added name.
        let title = try diff("Mike Coupe, giám đốc điều hành của Sainsbury's, nói rằng các cửa hàng sẽ thay đổi.", .vi,
                             "Mike Coupe, Chief Executive van Sainsbury's, zegt dat de winkels zullen veranderen.", .nl)
        #expect(!title.findings.contains { $0.kind == .entity_added }, "\(title.findings.map(\.message))")
    }

    @Test func aMountainRangeAndAContinentNamedEachLanguagesWayAreThere() throws {
        let english = "Parts of the central Rockies may get snow.\nThey could become part of Euro-Asia integration."
        let dutch = "Delen van de centrale Rocky Mountains kunnen sneeuw krijgen.\nZe zouden deel kunnen worden van de Europees-Aziatische integratie."
        let d = try diff(english, .en, dutch, .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
    }

    @Test func aClosingQuoteAfterANameIsNoPartOfIt() throws {
        // The Dutch tagger's `Pwp’` (quote taken for a possessive apostrophe) is the original's `Pwp`.
        let d = try diff("A Labour member of the Welsh Assembly said that MWP 'rhymes with Twp and Pwp'.", .en,
                         "Een lid van de Nationale Vergadering van Wales van de Labour-partij zei dat MWP ‘rijmt op Twp en Pwp’.", .nl)
        #expect(!d.findings.contains { $0.kind == .entity_added }, "\(d.findings.map(\.message))")
    }

    @Test func oneWordWrittenAlikeWithTwoIdsIsOneName() throws {
        // English `Amazon` is the company to the gazetteer, Dutch `Amazone` the river: one name.
        let d = try diff("The motto is painted on every naval base from Lake Titicaca to the Amazon.", .en,
                         "Het motto prijkt op alle marinebases van het Titicacameer tot aan de Amazone.", .nl)
        #expect(!d.findings.contains { $0.kind == .entity_added || $0.kind == .entity_missing }, "\(d.findings.map(\.message))")
    }

    @Test func anEnglishCommonWordInAQuotedTitleIsNoPerson() throws {
        // The Dutch tagger reads `Thrones` of an English title as a person; the Vietnamese translates the title.
        let d = try diff("Kit Harington nổi tiếng với vai Jon Snow trong loạt phim giả tưởng Trò chơi Vương quyền.", .vi,
                         "Kit Harington is bekend om zijn rol van Jon Snow in de fantasiereeks Game of Thrones van HBO.", .nl)
        #expect(!d.findings.contains { $0.kind == .entity_added && $0.translation.map { d.translation.string($0.span) } == "Thrones" },
                "\(d.findings.map(\.message))")
    }

    @Test func aPlaceTranslatedIntoCommonWordsIsNoReplacedName() throws {
        // `Bekken` is a Dutch common noun (and a surname): `Great Basin` translated, no name replaced.
        let d = try diff("Other areas including the Great Basin are likely to get rain.", .en,
                         "Andere delen, inclusief het Grote Bekken, krijgen waarschijnlijk regen.", .nl)
        #expect(!d.findings.contains { $0.kind == .entity_changed }, "\(d.findings.map(\.message))")
    }

    @Test func anEnglishCommonWordKeptInAnotherLanguageReplacesNoName() throws {
        // The Dutch keeps `Inverewe Gardens` where the Vietnamese translated it; `Daubenton`'s bat is
        // a `watervleermuis` in Dutch: no name replaced by `Gardens`.
        let d = try diff("Họ theo dõi loài dơi Daubenton tại Khu vực Vườn Inverewe ở Wester Ross.", .vi,
                         "Ze volgen de watervleermuis bij Inverewe Gardens in Wester Ross.", .nl)
        #expect(!d.findings.contains { $0.kind == .entity_changed }, "\(d.findings.map(\.message))")
    }

    @Test func aCommonWordOrACompoundOfOneIsNoReplacementName() throws {
        // An institution translated into a Dutch compound (`Hooggerechtshof`, `Rampenpreventie`) and a
        // capitalized common word (`Schoonheid`) replace no name.
        let english = """
        The Supreme Court heard the case of Brett Kavanaugh on Monday.
        The National Center for Disaster Prevention warned residents on Saturday.
        Its beauty and pharmacy departments were closed.
        """
        let dutch = """
        Het Hooggerechtshof behandelde maandag de zaak van Brett Kavanaugh.
        Het Nationale Centrum voor Rampenpreventie waarschuwde de bewoners zaterdag.
        De afdelingen Schoonheid en Apotheek werden gesloten.
        """
        let d = try diff(english, .en, dutch, .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
        let changed = try diff(english, .en, dutch.replacingOccurrences(of: "Brett Kavanaugh", with: "Marta Kowalczyk"), .nl)
        #expect(changed.findings.map(\.kind).contains(.entity_changed), "\(changed.findings.map(\.message))")
    }

    @Test func namesTranslatedOrWithAGenitiveEndingAreNoFindings() throws {
        // Names translated with words like the original's (`Senaat`, `Republikeinen`), and `Kavanaughs`
        // (Dutch genitive) for `Kavanaugh's`.
        let english = """
        The Senate Judiciary Committee met on Thursday to question Brett Kavanaugh.
        The Republicans said the film about Kavanaugh's mother was unfair.
        Rose played the love interest of Kit's character in the series.
        """
        let dutch = """
        De justitiecommissie van de Senaat kwam donderdag bijeen om Brett Kavanaugh te ondervragen.
        De Republikeinen noemden de film over Kavanaughs moeder oneerlijk.
        Rose speelde de grote liefde van Kits personage in de serie.
        """
        let d = try diff(english, .en, dutch, .nl)
        #expect(d.findings.isEmpty, "\(d.findings.map(\.message))")
    }
}
