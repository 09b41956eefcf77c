import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct PageRolesTests {
    private func document(_ text: String) throws -> Document {
        var doc = try Document(id: "page", source: .init(path: nil), raw: Array(text.utf8))
        var pipeline = try PipelineFactory.make(.init(stages: [.normalize, .blocks]))
        try pipeline.run(&doc)
        return doc
    }

    private func roles(_ doc: Document) -> [(BlockRole, String)] {
        doc.blocks.map { ($0.role, doc.string($0.span)) }
    }

    /// A scraped page shaped like the ones Mekong is for (written for this test).
    private static let scrapedPage = """
        Nieuwsbrug.vn - Tin tức Việt Nam bằng tiếng Hà Lan

        Da Nang opent nieuwe terminal voor cruiseschepen

        Op 3 maart opende de stad Da Nang een nieuwe terminal voor cruiseschepen aan de Tien Sa-haven, die jaarlijks ruim 200 schepen moet ontvangen.

        Báo Sông HànBáo Sông Hàn04/03/2025 08:30

        Đà Nẵng khai trương bến tàu khách quốc tế
        De nieuwe terminal aan de Tien Sa-haven op de openingsdag. (Foto: Ngo Thi Hoa)

        Meer toeristen uit Europa

        Volgens de directeur van de haven, de heer Pham Quang Vinh, kostte de terminal bijna 1,2 biljoen dong en kan ze twee grote schepen tegelijk ontvangen.

        Bron: https://baosonghan.vn/da-nang-khai-truong-ben-tau-1234.html

        Reactie (0)
        Meer uit deze categorie
        Nieuwe vluchten tussen Hanoi en Amsterdam vanaf juni
        Economie
        """

    @Test func aScrapedPageGetsTheRolesAReaderWouldGive() throws {
        let got = roles(try document(Self.scrapedPage))
        let expected: [(BlockRole, String)] = [
            (.boilerplate, "Nieuwsbrug.vn - Tin tức Việt Nam bằng tiếng Hà Lan"),
            (.title, "Da Nang opent nieuwe terminal voor cruiseschepen"),
            (.body, "Op 3 maart opende de stad Da Nang een nieuwe terminal voor cruiseschepen aan de Tien Sa-haven, die jaarlijks ruim 200 schepen moet ontvangen."),
            (.metadata, "Báo Sông HànBáo Sông Hàn04/03/2025 08:30"),
            (.caption, "Đà Nẵng khai trương bến tàu khách quốc tế"),
            (.caption, "De nieuwe terminal aan de Tien Sa-haven op de openingsdag."),
            (.credit, "(Foto: Ngo Thi Hoa)"),
            (.body, "Meer toeristen uit Europa"),
            (.body, "Volgens de directeur van de haven, de heer Pham Quang Vinh, kostte de terminal bijna 1,2 biljoen dong en kan ze twee grote schepen tegelijk ontvangen."),
            (.source, "Bron: https://baosonghan.vn/da-nang-khai-truong-ben-tau-1234.html"),
            (.boilerplate, "Reactie (0)"),
            (.boilerplate, "Meer uit deze categorie"),
            (.boilerplate, "Nieuwe vluchten tussen Hanoi en Amsterdam vanaf juni"),
            (.boilerplate, "Economie"),
        ]
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
    }

    @Test func theGluedOutletAndDateLineGivesBothAndTheSourceLineItsURL() throws {
        let m = try document(Self.scrapedPage).metadata
        #expect(m.outlet == "Báo Sông Hàn")
        #expect(m.published == "2025-03-04")
        #expect(m.title == "Da Nang opent nieuwe terminal voor cruiseschepen")
        #expect(m.sourceURL == "https://baosonghan.vn/da-nang-khai-truong-ben-tau-1234.html")
        #expect(m.credits == ["Ngo Thi Hoa"])
    }

    @Test(arguments: [
        ("Thời ĐạiThời Đại21/11/2025", "Thời Đại", "2025-11-21"),
        ("NRC, 11/21/2025", "NRC", "2025-11-21"),
        ("Tuổi Trẻ 2025-11-21", "Tuổi Trẻ", "2025-11-21"),
        ("Het kostte 12/40/2025", nil, nil),
    ] as [(String, String?, String?)])
    func datesAtTheEndOfAShortLineAreRead(line: String, outlet: String?, date: String?) {
        let got = PageRoles.trailingDate(line)
        #expect(got?.1 == date)
        if let outlet { #expect(got.flatMap { PageRoles.outlet($0.0) } == outlet) }
    }

    @Test func shortTextsAreBodyNotBoilerplate() throws {
        #expect(roles(try document("Xin chào")).map(\.0) == [.body])
        #expect(roles(try document("Hoi\nDag allemaal")).map(\.0) == [.body, .body])
    }

    @Test func aSentenceStartingWithACueWordIsNoByline() throws {
        let doc = try document("Door de regen bleef het stil op straat.")
        #expect(doc.blocks.map(\.role) == [.body])
        #expect(doc.metadata.authors.isEmpty)
        let byline = try document("Door Jan de Boer\n\n" + String(repeating: "Een lange zin over het weer in de stad vandaag. ", count: 3))
        #expect(byline.blocks.first?.role == .metadata)
        #expect(byline.metadata.authors == ["Jan de Boer"])
    }
}
