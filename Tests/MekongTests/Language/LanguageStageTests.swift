import Testing
import MekongCore
@testable import MekongStages

@Suite struct LanguageStageTests {
    private func languages(_ text: String, forced: Language? = nil) throws -> [Language] {
        try annotate(text, language: forced).blocks.map(\.language)
    }

    @Test(arguments: [
        ("Op 20 november organiseerde het instituut een forum in Hanoi.", Language.nl),
        ("The ministry said that exports rose by a fifth this year.", .en),
        ("Việt Nam – Hà Lan: hợp tác phát triển điện gió ven biển", .vi),
        ("Cho dem Da Lat dong khach vi nhieu nguoi tre den choi cuoi tuan", .vi),
        ("Biển Xanh", .vi),
    ])
    func identifiesTheLanguageOfABlock(text: String, expected: Language) throws {
        #expect(try languages(text) == [expected])
    }

    @Test func everyLineOfAMixedPageGetsItsOwnLanguage() throws {
        let page = "Việt Nam – Hà Lan: hợp tác công nghệ vì nguồn nước sạch\nDe viceminister van Industrie en Handel opende het forum.\nThe institute was founded in 1990."
        #expect(try languages(page) == [.vi, .nl, .en])
    }

    @Test func blocksWithoutEvidenceAreUndetermined() throws {
        #expect(try languages("Reactie (0)\n12345\nCOP26") == [.und, .und, .und])
    }

    @Test func aVietnameseNameInsideADutchSentenceKeepsItDutch() throws {
        #expect(try languages("De heer Nguyễn Mạnh Linh van het instituut zei dat het forum een succes was.") == [.nl])
    }

    @Test func urlsDoNotCountAsWords() throws {
        // The slug holds Vietnamese words without diacritics (viet, va, doi, moi...).
        #expect(try languages("Bron: https://baobienxanh.vn/viet-nam-ha-lan-hop-tac-dien-gio-ven-bien-va-doi-moi-240915.html") == [.und])
    }

    @Test func aForcedLanguageAppliesToEveryBlock() throws {
        let doc = try annotate("Xin chào\nHello there", language: .nl)
        #expect(doc.blocks.map(\.language) == [.nl, .nl])
        #expect(doc.blocks.allSatisfy { $0.languageConfidence == 1 })
        #expect(doc.mainLanguage == .nl)
    }
}
