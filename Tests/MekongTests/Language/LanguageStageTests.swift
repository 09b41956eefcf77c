import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct LanguageStageTests {
    private func languages(_ text: String, forced: Language? = nil) throws -> [Language] {
        try annotate(text, language: forced, stages: [.language]).blocks.map(\.language)
    }

    private func sentenceLanguages(_ text: String) throws -> [Language] {
        try annotate(text, stages: [.language, .sentences]).sentences.map(\.language)
    }

    @Test(arguments: [
        ("Op 20 november organiseerde het instituut een forum in Hanoi.", Language.nl),
        ("The ministry said that exports rose by a fifth this year.", .en),
        ("Việt Nam – Hà Lan: hợp tác phát triển điện gió ven biển", .vi),
        ("Biển Xanh", .vi),
        ("Reactie (0)", .nl),
        ("woningbouw", .nl),
        ("neighbourhood", .en),
        ("thường xuyên", .vi),
    ])
    func identifiesTheLanguageOfABlock(text: String, expected: Language) throws {
        #expect(try languages(text) == [expected])
    }

    @Test(arguments: [
        "Cho dem Da Lat dong khach vi nhieu nguoi tre den choi cuoi tuan",
        "Hom nay troi mua to nen nhieu nguoi o nha xem phim cung gia dinh.",
    ])
    func vietnameseWithoutDiacriticsIsVietnamese(text: String) throws {
        #expect(try languages(text) == [.vi])
    }

    @Test func everyLineOfAMixedPageGetsItsOwnLanguage() throws {
        let page = "Việt Nam – Hà Lan: hợp tác công nghệ vì nguồn nước sạch\nDe viceminister van Industrie en Handel opende het forum.\nThe institute was founded in 1990."
        #expect(try languages(page) == [.vi, .nl, .en])
    }

    @Test func aShortVietnameseCaptionInADutchPageIsVietnamese() throws {
        let page = "Het museum trok dit jaar meer bezoekers dan ooit.\nPho bo Ha Noi ngon nhat\nDe tentoonstelling loopt nog tot maart."
        #expect(try languages(page) == [.nl, .vi, .nl])
        #expect(try sentenceLanguages(page) == [.nl, .vi, .nl])
    }

    @Test func blocksWithoutEvidenceAreUndetermined() throws {
        #expect(try languages("12345\nCOP26\n– 2025 –") == [.und, .und, .und])
    }

    @Test(arguments: [
        "De heer Nguyễn Mạnh Linh van het instituut zei dat het forum een succes was.",
        "Volgens de heer Nguyen Van Thanh heeft de provincie Soc Trang vorig jaar veel geïnvesteerd.",
    ])
    func aVietnameseNameInsideADutchSentenceKeepsItDutch(text: String) throws {
        #expect(try languages(text) == [.nl])
    }

    @Test func aDutchCaptionFullOfVietnameseNamesKeepsItsBlocksLanguage() throws {
        let block = "Vertegenwoordigers van beide partijen tijdens de ondertekening in Can Tho. Links vicevoorzitter Tran Quoc Dung. (Foto: Ly Minh Tuan)"
        // The credit is a block of its own (blocks stage); it takes its caption's language.
        #expect(try sentenceLanguages(block) == [.nl, .nl, .nl])
    }

    @Test(arguments: [
        "Die Bundesregierung will die Steuern für kleine Unternehmen im nächsten Jahr deutlich senken.",
        "Gestern Abend haben wir mit unseren Nachbarn im Garten gegessen und lange über das Wetter gesprochen.",
        "Pemerintah kota akan membangun jembatan baru di atas sungai itu tahun depan.",
        // Afrikaans and French read as odd Dutch or English to the character model: their
        // function words (`common/foreign-markers.tsv`) give them away.
        "Hulle sal vir die kinders 'n nuwe skool bou, maar die geld is nog nie daar nie.",
        "La mairie va construire un nouveau pont sur la rivière avant la fin de l'année prochaine.",
    ])
    func aSentenceInAnotherLanguageIsUndetermined(text: String) throws {
        #expect(try languages(text) == [.und])
        #expect(try sentenceLanguages(text) == [.und])
    }

    @Test func aOneWordLineLeansTowardsThePagesLanguageButACaptionKeepsItsOwn() throws {
        let page = """
            De provincie Soc Trang tekende een akkoord voor een windpark voor de kust van de Mekongdelta.

            Product

            Biển Xanh
            """
        #expect(try languages("Product") == [.en])          // alone, it reads as English
        #expect(try languages(page) == [.nl, .nl, .vi])
    }

    @Test func aDutchSentenceQuotingAFrenchTitleStaysDutch() throws {
        let text = "Zij speelde vorig jaar in de film Le jour où tout a changé en daarna in een serie over de haven van Rotterdam."
        #expect(try languages(text) == [.nl])
    }

    @Test func sentencesOfAMixedBlockGetTheirOwnLanguages() throws {
        let block = "De gemeente bouwt een nieuwe brug over de rivier. Thành phố sẽ xây một cây cầu mới bắc qua sông. The city will build a new bridge over the river."
        let doc = try annotate(block, stages: [.language, .sentences])
        #expect(doc.sentences.map(\.language) == [.nl, .vi, .en])
        #expect(doc.sentences.allSatisfy { $0.languageConfidence > 0.9 })
    }

    @Test func aSentenceWithoutWordsTakesItsBlocksLanguage() throws {
        let doc = try annotate("De gemeente bouwt een nieuwe brug over de rivier. 2025. Het werk begint in mei.", stages: [.language, .sentences])
        #expect(doc.sentences.count == 3)
        #expect(doc.sentences.map(\.language) == [.nl, .nl, .nl])
        #expect(doc.sentences[1].languageConfidence == doc.blocks[0].languageConfidence)
    }

    @Test func sentencesWithoutTheLanguageStageAreUndetermined() throws {
        let doc = try annotate("De gemeente bouwt een nieuwe brug over de rivier.", stages: [.sentences])
        #expect(doc.sentences.map(\.language) == [.und])
    }

    @Test func urlsDoNotCountAsWords() throws {
        // The slug holds Vietnamese words without diacritics (viet, va, doi, moi...).
        #expect(try languages("https://baobienxanh.vn/viet-nam-ha-lan-hop-tac-dien-gio-ven-bien-va-doi-moi-240915.html") == [.und])
        #expect(try languages("Bron: https://baobienxanh.vn/viet-nam-ha-lan-hop-tac-dien-gio-ven-bien-va-doi-moi-240915.html") == [.nl])
    }

    @Test func aForcedLanguageAppliesToEveryBlockAndSentence() throws {
        let doc = try annotate("Xin chào các bạn. Hello there.\nGoedemorgen", language: .nl)
        #expect(doc.blocks.map(\.language) == [.nl, .nl])
        #expect(doc.blocks.allSatisfy { $0.languageConfidence == 1 })
        #expect(doc.sentences.allSatisfy { $0.language == .nl && $0.languageConfidence == 1 })
        #expect(doc.mainLanguage == .nl)
    }

    @Test func theShippedModelSaysWhatItIs() throws {
        let url = ResourceData.url("models/langid.bin")
        let bytes = try #require(FileManager.default.contents(atPath: url.path))
        #expect(bytes.first == UInt8(ascii: "#"), "no header comment")
        let model = try LanguageModel(bytes: [UInt8](bytes))
        #expect(model.order == 5)
        #expect(model.ngramCount > 100_000 && model.wordCount > 10_000)
        #expect(bytes.count < 4_000_000)
    }

    @Test func aDamagedModelFileIsRefused() throws {
        let url = ResourceData.url("models/langid.bin")
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: url.path)))
        #expect(throws: LanguageModel.FormatError.self) { try LanguageModel(bytes: Array(bytes.dropLast(5))) }
        #expect(throws: LanguageModel.FormatError.self) { try LanguageModel(bytes: Array("#x\nMKENTITY".utf8)) }
    }
}
