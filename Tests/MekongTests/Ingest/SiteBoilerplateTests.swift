import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct SiteBoilerplateTests {
    private func page(_ n: Int) -> String {
        """
        Nieuwsbrug.vn - Tin tức Việt Nam bằng tiếng Hà Lan

        Bericht nummer \(n) over de haven

        Dit is de eerste alinea van bericht \(n), lang genoeg om een echte alinea te zijn, met een punt aan het eind.

        Advertentie

        Dit is de tweede alinea van bericht \(n), ook lang genoeg om als alinea van het artikel te gelden.
        """
    }

    @Test func aLineTheSiteRepeatsInsideArticlesBecomesBoilerplate() throws {
        let dir = NSTemporaryDirectory() + "mekong-site-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for n in 1...4 { try page(n).write(toFile: "\(dir)/\(n).txt", atomically: true, encoding: .utf8) }
        let options = InputOptions()
        let table = try SiteBoilerplate.scan(InputReader(paths: [dir], options: options), options: options)
        var pipeline = try PipelineFactory.make(.init(stages: [.normalize, .blocks]))
        for item in InputReader(paths: [dir], options: options) {
            var doc = try item.document(options: options)
            try pipeline.run(&doc)
            #expect(doc.blocks.first { doc.string($0.span) == "Advertentie" }?.role == .body)   // one page alone cannot tell
            table.relabel(&doc)
            #expect(doc.blocks.first { doc.string($0.span) == "Advertentie" }?.role == .boilerplate)
            #expect(doc.blocks.filter { $0.role == .body }.count == 2)
            #expect(doc.blocks.first { $0.role == .title } != nil)      // titles differ per page
        }
    }

    @Test func linesRepeatedOnTooFewPagesStayWhatTheyWere() throws {
        var table = SiteBoilerplate()
        var pipeline = try PipelineFactory.make(.init(stages: [.normalize, .blocks]))
        var docs: [Document] = []
        for n in 1...2 {
            var doc = try Document(id: "\(n)", source: .init(path: "site/\(n).txt"), raw: Array(page(n).utf8))
            try pipeline.run(&doc)
            table.count(doc)
            docs.append(doc)
        }
        table.relabel(&docs[0])
        #expect(docs[0].blocks.first { docs[0].string($0.span) == "Advertentie" }?.role == .body)
    }
}
