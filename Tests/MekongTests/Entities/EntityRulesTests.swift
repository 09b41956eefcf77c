import Foundation
import Testing
import MekongCore
@testable import MekongStages

/// The gazetteer, the rules and in-document linking of the entities stage, with the shipped
/// data and models. Sentences are the team's own.
@Suite struct EntityRulesTests {
    private func entities(_ text: String, _ language: Language) throws -> [(text: String, label: String, canonical: String, id: String?, source: String)] {
        let doc = try annotate(text, language: language, stages: [.entities])
        return doc.entities.map { (doc.string($0.span), $0.label.rawValue, $0.canonical, $0.id, $0.source.rawValue) }
    }

    private func find(_ all: [(text: String, label: String, canonical: String, id: String?, source: String)], _ text: String) -> (text: String, label: String, canonical: String, id: String?, source: String)? {
        all.first { $0.text == text }
    }

    @Test func vietnameseNamesAreFoundWithAndWithoutDiacritics() throws {
        let vi = try entities("Thứ trưởng Bộ Công Thương Phan Thị Thắng đã tiếp đoàn doanh nghiệp.", .vi)
        #expect(find(vi, "Phan Thị Thắng")?.label == "PER")
        #expect(find(vi, "Bộ Công Thương")?.label == "ORG")
        let plain = try entities("Thu truong Bo Cong Thuong Phan Thi Thang da tiep doan doanh nghiep.", .vi)
        #expect(find(plain, "Phan Thi Thang")?.label == "PER")
        #expect(find(plain, "Bo Cong Thuong")?.label == "ORG")
        #expect(find(plain, "Phan Thi Thang")?.canonical == find(vi, "Phan Thị Thắng")?.canonical)
    }

    @Test func aVietnameseNameInsideDutchTextIsAPerson() throws {
        let nl = try entities("Volgens viceminister Le Van Khoa moet de haven van Da Nang voor 2030 worden uitgebreid.", .nl)
        #expect(find(nl, "Le Van Khoa")?.label == "PER")
        #expect(find(nl, "Da Nang")?.id == "vn-prov:da-nang")
    }

    @Test func aLaterMentionByGivenNameIsLinkedToTheFullName() throws {
        let nl = try entities("De delegatie werd geleid door Pham Quoc Vinh. Volgens de heer Quoc Vinh is de samenwerking goed.", .nl)
        let short = try #require(find(nl, "Quoc Vinh"))
        #expect(short.label == "PER")
        #expect(short.canonical == "pham quoc vinh")
        #expect(short.source == "link")
    }

    @Test func transliterationVariantsShareOneCanonicalForm() throws {
        let nl = try entities("Directeur Sergej Volkov sprak in Moskou. Later bevestigde Sergey Volkov het akkoord.", .nl)
        let forms = Set(nl.filter { $0.label == "PER" }.map(\.canonical))
        #expect(forms == ["sergey volkov"])
    }

    @Test func countriesShareOneIdAcrossLanguages() throws {
        let nl = try entities("Rusland en de Russische Federatie zijn een en dezelfde staat.", .nl)
        let vi = try entities("Nga là đối tác lâu năm của Việt Nam.", .vi)
        let en = try entities("Russia is a long-standing partner of Vietnam.", .en)
        #expect(find(nl, "Rusland")?.id == "RU")
        #expect(find(nl, "Russische Federatie")?.id == "RU")
        #expect(find(vi, "Nga")?.id == "RU")
        #expect(find(en, "Russia")?.id == "RU")
    }

    @Test func aCueWordOrATitleDecidesAnAmbiguousSyllable() throws {
        // `Nga` is Russia, but also a woman's name and, after `tiếng`, the Russian language.
        let vi = try entities("Chị Nga học tiếng Nga ở Hà Nội.", .vi)
        #expect(vi.filter { $0.text == "Nga" }.map(\.label) == ["PER", "MISC"])
        #expect(find(vi, "Hà Nội")?.label == "LOC")
    }

    @Test func anAcronymInBracketsAfterAnOrganisationIsAnOrganisation() throws {
        let vi = try entities("Tổng công ty Điện lực Miền Nam ( EVNSPC ) cho biết sản lượng tăng.", .vi)
        #expect(find(vi, "EVNSPC")?.label == "ORG")
        #expect(find(vi, "Tổng công ty Điện lực Miền Nam")?.label == "ORG")
    }

    @Test func anOrganisationHeadDoesNotSwallowThePersonAfterIt() throws {
        let vi = try entities("Cục trưởng Cục Xuất nhập khẩu Trần Văn Bình phát biểu.", .vi)
        #expect(find(vi, "Trần Văn Bình")?.label == "PER")
        #expect(vi.contains { $0.label == "ORG" && $0.text.hasPrefix("Cục Xuất nhập khẩu") })
    }

    @Test func twoOrganisationsJoinedByAndStayTwo() throws {
        let nl = try entities("De contracten gaan naar Petrovietnam Group en de Gazprom Group.", .nl)
        #expect(!nl.contains { $0.text.contains(" en ") })
    }

    @Test func theGazetteerBaselineFindsOnlyKnownNames() throws {
        var p = try PipelineFactory.make(PipelineConfiguration(stages: [.entities], entitySources: .gazetteer))
        var doc = try Document(id: "t", source: DocumentSource(path: nil), raw: Array("Lan Vo woont in Hanoi en werkt voor ASEAN.".utf8))
        doc.forcedLanguage = .nl
        try p.run(&doc)
        #expect(doc.entities.map { doc.string($0.span) } == ["Hanoi", "ASEAN"])
        #expect(doc.entities.allSatisfy { $0.source == .gazetteer })
    }

    @Test func diacriticsInTheTextMustMatchTheData() throws {
        // `Phó` (deputy) is no `Phố` (street): text written with diacritics matches only the same diacritics.
        let vi = try entities("Phó Tổng Giám đốc Lê Minh Hải phát biểu tại hội nghị.", .vi)
        #expect(find(vi, "Lê Minh Hải")?.label == "PER")
        #expect(!vi.contains { $0.text.hasPrefix("Phó") })
    }

    @Test func aHeadlineInCapitalsIsNoFullNameToLinkTo() throws {
        // `TO THE` tagged as a name must not turn every later `The` into that person.
        let en = try entities("WELCOME TO THE SHOW\n\nThe show opens on Friday. The tickets sell fast.", .en)
        #expect(!en.contains { $0.text == "The" })
        #expect(!en.contains { $0.text == "TO THE" })
    }

    @Test func aCompanyNameDoesNotStartWithTheSentencesFirstWord() throws {
        let nl = try entities("Zelfs de Fortis Bank verloor geld.", .nl)
        #expect(!nl.contains { $0.text.hasPrefix("Zelfs") })
    }

    @Test func whereAPersonIsFromIsNoPartOfTheirName() throws {
        // `van` before an acronym or a known place after a title is where the person works or lives.
        let place = try entities("Volgens burgemeester Foubert van Sint-Niklaas wordt de wedstrijd afgelast.", .nl)
        #expect(!place.contains { $0.text.contains("Foubert van") })
        #expect(find(place, "Sint-Niklaas")?.label == "LOC")
        let acronym = try entities("Dat zei de heer Heymans van IFPI gisteren op de persconferentie.", .nl)
        #expect(!acronym.contains { $0.text.contains("van IFPI") })
        // A particle before a surname still belongs to it.
        let surname = try entities("Volgens de heer Van Kesteren is het project haalbaar.", .nl)
        #expect(find(surname, "Van Kesteren")?.label == "PER")
    }

    @Test func aCompanyNameEndingInATailWordStartsAfterTwoConnectors() throws {
        let nl = try entities("Analist Pol Claessens van de Fortis Bank is sceptisch over de overname.", .nl)
        #expect(!nl.contains { $0.label == "ORG" && $0.text.contains("Claessens") })
        #expect(find(nl, "Fortis Bank")?.label == "ORG")
    }

    @Test func aVietnameseNameShapeOutsideVietnameseMustCoverTheWholeName() throws {
        // `Luc Van` looks like Lục Văn, but the name goes on: a Flemish triathlete.
        let nl = try entities("Triatleet Luc Van Lierde won gisteren de wedstrijd in Hawaii.", .nl)
        #expect(!nl.contains { $0.text == "Luc Van" })
        let vn = try entities("Volgens minister Le Van Khoa groeit de haven.", .nl)
        #expect(find(vn, "Le Van Khoa")?.label == "PER")
    }

    @Test func aWordThatHoldsACountrysNameIsNoPlace() throws {
        // Chủ Nhật is Sunday, not Japan; Anh ấy is he, not Britain; Ý kiến an opinion, not Italy.
        let vi = try entities("Chủ Nhật tuần trước, đoàn doanh nghiệp đã sang Nhật Bản.\nAnh ấy cho biết Ý kiến của ông sẽ được gửi tới Bộ Công Thương.", .vi)
        #expect(!vi.contains { $0.text == "Nhật" })
        #expect(find(vi, "Nhật Bản")?.id == "JP")
        #expect(!vi.contains { $0.id == "GB" || $0.id == "IT" })
        let plain = try entities("Chu Nhat tuan truoc, doan doanh nghiep da sang Nhat Ban.", .vi)
        #expect(!plain.contains { $0.text == "Nhat" })
    }

    @Test func aNameInsideAPhraseThatNamesNothingIsDropped() throws {
        // The tagger takes Richter for a person; the Richter scale names nobody.
        let nl = try entities("De aardbeving had een kracht van 7,5 op de schaal van Richter, meldde Jan Peters.", .nl)
        #expect(find(nl, "Richter") == nil)
        #expect(find(nl, "Jan Peters")?.label == "PER")
        let en = try entities("The quake measured 7.5 on the Richter scale, said Charles Richter Jr.", .en)
        #expect(!en.contains { $0.text == "Richter" })
    }

    @Test func shortBoilerplateLinesAreNotReadByTheTagger() throws {
        // Category names under an article are menu items, not names; the article's names stay.
        let nl = try entities("Havenstad Nieuws\n\nDe haven van Rotterdam groeit snel, zegt wethouder Jan de Boer.\n\nReactie (0)\n\nIn dezelfde categorie\n\nEconomie\n\nMilieu\n\nLokaal\n", .nl)
        for word in ["Reactie", "Economie", "Milieu", "Lokaal"] { #expect(find(nl, word) == nil, "\(word)") }
        #expect(find(nl, "Rotterdam")?.label == "LOC")
        #expect(find(nl, "Jan de Boer")?.label == "PER")
    }

    @Test func oneOrganisationUnderSeveralLongNamesSharesOneCanonicalForm() throws {
        let nl = try entities("""
        Het Instituut voor Maritieme Studies en Havenbeleid organiseerde de conferentie.
        Volgens het Instituut voor Maritiem Onderzoek inzake Havens en Beleid groeit de vrachtstroom.
        Het Ministerie van Havens en Scheepvaart reageerde niet.
        """, .nl)
        let institutes = nl.filter { $0.label == "ORG" && $0.text.hasPrefix("Instituut") }
        #expect(institutes.count == 2)
        #expect(Set(institutes.map(\.canonical)).count == 1)
        #expect(find(nl, "Ministerie van Havens en Scheepvaart")?.canonical != institutes.first?.canonical)
    }

    @Test func aPortfolioAfterAnOfficeIsNoGivenName() throws {
        let vi = try entities("Bộ trưởng Ngoại giao Lào và Thượng nghị sĩ Dân chủ Ellen Marsh đã gặp Giám đốc Thương mại của hãng.", .vi)
        for word in ["Ngoại", "Dân", "Thương"] { #expect(find(vi, word) == nil, "\(word)") }
        #expect(find(vi, "Lào")?.id == "LA")
        // A given name after a kin word is still a person.
        #expect(find(try entities("Theo ông Thương, giá lúa sẽ tăng.", .vi), "Thương")?.label == "PER")
    }

    @Test func wordsThatHoldACountrysVietnameseNameAreNoPlace() throws {
        // `Cảnh sát` (police) holds `Sát` (Chad); `Nhật báo` (a daily) holds `Nhật` (Japan); `đô la Mỹ` is the US dollar.
        let vi = try entities("Cảnh sát Newport đã liên hệ với Nhật báo Tuổi Trẻ về chiếc áo giá 15.000 đô la Mỹ.", .vi)
        #expect(vi.allSatisfy { $0.id != "TD" && $0.id != "JP" && $0.id != "US" }, "\(vi)")
    }

    @Test func aLoneCountryAfterAVietnameseOfficeIsTheOfficesCountry() throws {
        let vi = try entities("Phóng viên hỏi thẳng tổng thống Mỹ.", .vi)
        #expect(find(vi, "Mỹ")?.id == "US")
        #expect(find(vi, "Mỹ")?.label == "LOC")
    }

    @Test func aVietnameseHeadlineInTitleCaseShowsNoNameByItsShape() throws {
        let vi = try entities("Tình Hình Lũ Ở Miền Trung Rất Xấu", .vi)
        #expect(vi.allSatisfy { $0.label != "PER" }, "\(vi)")
        // The same words in a sentence-case line still make a name.
        #expect(find(try entities("Lũ ở miền Trung được ông Lê Văn Tám báo cáo.", .vi), "Lê Văn Tám")?.label == "PER")
    }

    @Test func aVietnameseOrganisationInTitleCaseRunsOnOverAConjunction() throws {
        // `Ứng Dụng` looks like a person's name (surname `Ứng`); after `và` inside an agency's name it is the name's.
        let vi = try entities("Cơ Quan Đánh Giá và Ứng Dụng Công Nghệ (BPPT) cho biết như vậy.", .vi)
        #expect(find(vi, "Cơ Quan Đánh Giá và Ứng Dụng Công Nghệ")?.label == "ORG", "\(vi)")
        #expect(!vi.contains { $0.label == "PER" })
    }

    @Test func aCompassRegionBeforeAnotherNameIsADirectionInIt() throws {
        // `Tây Bắc` alone is north-west Vietnam; before `Sonora` it is north-west Sonora.
        let vi = try entities("Mưa lớn ở Tây Bắc Sonora, còn vùng Tây Bắc vẫn khô.", .vi)
        #expect(vi.filter { $0.text == "Tây Bắc" }.count == 1, "\(vi)")
    }

    @Test func aTitleWordThatStartsAKnownNameIsNoTitle() throws {
        // `General` is a title, but `General Assembly` a known name: `Assembly Saturday` is no person.
        let en = try entities("Ri Yong Ho told world leaders at the U.N. General Assembly Saturday that talks had stalled.", .en)
        #expect(en.contains { $0.text.hasSuffix("General Assembly") && $0.label == "ORG" }, "\(en)")
        #expect(!en.contains { $0.text.contains("Saturday") })
    }

    @Test func anHonorificThatNamesACountryBeforeANameIsTheHonorific() throws {
        // `Anh` is Britain, a given name and an honorific; before a name that is no known place it is `Mr`.
        let vi = try entities("Những người bị mắc kẹt, kể cả Anh Mandagi, là các học trò của ông.", .vi)
        #expect(!vi.contains { $0.text == "Anh" }, "\(vi)")
        #expect(find(try entities("Quan hệ giữa Anh và Pháp rất tốt.", .vi), "Anh")?.id == "GB")
    }

    @Test func aTaggersNameEndsNeitherInAConnectorNorAtAnInitial() throws {
        // The Dutch tagger's `Uitvoerend Comité van` loses the `van`; `Stephen P` and `Cohen`, cut at
        // the initial's dot, are one person.
        let nl = try entities("Het Uitvoerend Comité van de UEFA besliste gisteren anders .", .nl)
        #expect(find(nl, "Uitvoerend Comité")?.label == "ORG", "\(nl)")
        let cut = try entities("Dat zegt de Amerikaanse deskundige Stephen P. Cohen .", .nl)
        #expect(find(cut, "Stephen P. Cohen")?.label == "PER", "\(cut)")
    }

    @Test func aHallOfFamerIsNoName() throws {
        let en = try entities("Furyk said the Hall of Famer still brought something to the team.", .en)
        #expect(!en.contains { $0.text.contains("Famer") }, "\(en)")
    }

    @Test func anAgeGroupBeforeACountryIsItsTeam() throws {
        let vi = try entities("U23 Việt Nam thắng U23 Thái Lan 2-1 trong trận chung kết.", .vi)
        #expect(find(vi, "U23 Việt Nam")?.label == "ORG")
        #expect(find(vi, "U23 Thái Lan")?.label == "ORG")
    }

    @Test func anEthnicGroupAfterItsCueWordIsMisc() throws {
        let vi = try entities("Nghề dệt thổ cẩm của đồng bào Ê Đê được giới thiệu tại hội chợ.", .vi)
        #expect(vi.contains { $0.label == "MISC" && $0.text.hasPrefix("Ê") })
    }

    /// The gazetteer's matches in a sentence, as the text writes them.
    private func known(_ text: String, _ language: Language) throws -> [String] {
        let g = try #require(try Gazetteer.shared(language))
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { p in
            var tokens: [WordToken] = []
            EntityTokenizer.tokenize(p, 0..<p.count, into: &tokens)
            var s = SentenceTokens()
            s.load(p, tokens[...])
            return g.matches(s).map { String(decoding: p[tokens[$0.first].start..<tokens[$0.end - 1].end], as: UTF8.self) }
        }
    }

    @Test func thePronounIDoesNotMakeALowercaseSentenceCapitalised() throws {
        // A writer who capitalises only `I` writes places in lowercase too.
        #expect(try known("does anyone know how I can get certified in delaware ?", .en) == ["delaware"])
        #expect(try known("i'm moving to delaware and I'm told it is quiet", .en) == ["delaware"])
        // A capitalised word other than `I` shows a writer who capitalises names.
        #expect(try known("does anyone know how Jim got certified in delaware ?", .en).isEmpty)
    }

    @Test func aMixedCaseAcronymNeedsItsCapitalsInTheText() throws {
        // MoST, Vietnam's science ministry, is no `Most` or `most`.
        #expect(try known("Most of them came from MoST and the rest from elsewhere .", .en) == ["MoST"])
        #expect(try known("i like the most would be the last one", .en).isEmpty)
    }
}
