import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct HTMLIngestTests {
    private func document(_ html: String) throws -> Document {
        var doc = try HTMLIngest.document(id: "page", source: .init(path: nil), raw: Array(html.utf8))
        var pipeline = try PipelineFactory.make(.init(stages: [.normalize, .blocks, .language]))
        try pipeline.run(&doc)
        return doc
    }

    private func blocks(_ doc: Document) -> [(BlockRole, String)] {
        doc.blocks.map { ($0.role, doc.string($0.span)) }
    }

    private static let article = """
        <html lang="nl"><head><title>Haven akkoord | Voorbeeldkrant</title>
        <meta property="og:site_name" content="Voorbeeldkrant">
        <meta property="article:published_time" content="2025-03-04T10:00:00Z">
        <link rel="canonical" href="https://voorbeeldkrant.nl/haven-akkoord">
        <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Haven akkoord getekend", "author": {"@type": "Person", "name": "An de Vries"}}</script>
        <style>p { color: red }</style><script>var html = "<p>code</p>";</script></head>
        <body><nav class="menu"><a href="/">Home</a> <a href="/binnenland">Binnenland</a></nav>
        <article><h1>Haven akkoord getekend</h1>
        <p>De havens van Rotterdam en Hai Phong tekenden dinsdag een akkoord over walstroom, digitale douane en opleidingen voor ruim driehonderd medewerkers.</p>
        <figure><img src="a.jpg" alt="x"><figcaption>De ondertekening in Hai Phong. (Foto: Tran Van Long)</figcaption></figure>
        <p>Volgens de haven kost het plan &ldquo;bijna 150 miljoen euro&rdquo; over vijf jaar, te betalen door beide steden en een Europees fonds voor groene scheepvaart.</p>
        <p>Bron: https://baohaiphong.vn/cang-xanh-1.html</p></article>
        <section class="comments"><p>Mooi nieuws, maar wie betaalt uiteindelijk de rekening voor dit alles?</p></section>
        <footer>&copy; Voorbeeldkrant</footer></body></html>
        """

    @Test func articleParagraphsAreBodyAndThePageAroundThemIsLabelledNotDropped() throws {
        let doc = try document(Self.article)
        let got = blocks(doc)
        #expect(got.first { $0.1 == "Home Binnenland" }?.0 == .boilerplate)
        #expect(got.first { $0.1 == "Haven akkoord getekend" }?.0 == .title)
        #expect(got.filter { $0.0 == .body }.count == 2)
        #expect(got.first { $0.1.hasPrefix("Mooi nieuws") }?.0 == .boilerplate)
        #expect(got.first { $0.1 == "© Voorbeeldkrant" }?.0 == .boilerplate)
        #expect(got.first { $0.1.hasPrefix("Bron:") }?.0 == .source)
    }

    @Test func figureCaptionsKeepTheirCreditApart() throws {
        let got = blocks(try document(Self.article))
        #expect(got.contains { $0 == (.caption, "De ondertekening in Hai Phong.") })
        #expect(got.contains { $0 == (.credit, "(Foto: Tran Van Long)") })
    }

    @Test func scriptsStylesAndHiddenElementsAreNotText() throws {
        let doc = try document(Self.article + "<div hidden>verborgen</div><p style=\"display: none\">ook verborgen</p>")
        let text = doc.textString
        #expect(!text.contains("color"))
        #expect(!text.contains("code"))
        #expect(!text.contains("verborgen"))
        #expect(!text.contains("NewsArticle"))
    }

    @Test func metadataComesFromTheHeadAndJSONLD() throws {
        let m = try document(Self.article).metadata
        #expect(m.title == "Haven akkoord getekend")
        #expect(m.outlet == "Voorbeeldkrant")
        #expect(m.published == "2025-03-04T10:00:00Z")
        #expect(m.url == "https://voorbeeldkrant.nl/haven-akkoord")
        #expect(m.authors == ["An de Vries"])
        #expect(m.credits == ["Tran Van Long"])
        #expect(m.sourceURL == "https://baohaiphong.vn/cang-xanh-1.html")
        #expect(m.declaredLanguage == "nl")
    }

    /// Every span of the text maps to page bytes that hold it: words map to themselves,
    /// entities to their `&…;` source.
    @Test func textSpansMapBackToTheBytesOfThePage() throws {
        let doc = try document(Self.article)
        let raw = doc.raw
        let text = doc.textString
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) where !word.contains("“") && !word.contains("”") && !word.contains("©") {
            let start = text.utf8.distance(from: text.utf8.startIndex, to: word.utf8.startIndex)
            let span = TextSpan(start, start + word.utf8.count)
            let r = doc.alignment.rawSpan(for: span)
            #expect(String(decoding: raw[r.range], as: UTF8.self) == String(word), "\(word)")
        }
        let quote = text.utf8.firstIndex(of: 0xE2)!   // “
        let q = text.utf8.distance(from: text.utf8.startIndex, to: quote)
        let r = doc.alignment.rawSpan(for: TextSpan(q, q + 3))
        #expect(String(decoding: raw[r.range], as: UTF8.self) == "&ldquo;")
    }

    @Test func brokenAndHostileMarkupStillGivesADocument() throws {
        let deep = String(repeating: "<div>", count: 5000) + "diep genest" + String(repeating: "</span>", count: 10)
        let pages = ["", "<", "<p>open <b>vet <i>schuin", "<script>nooit gesloten", "tekst zonder tags",
                     "<html><body><p>a</p></html></body><p>na het einde</p>", deep, "<p>\u{1}\u{7F}&#0;&#xD800;&bogus;</p>"]
        for page in pages {
            let doc = try document(page)
            #expect(doc.alignment.rawLength == doc.raw.count)
        }
        #expect(try document("<p>open <b>vet <i>schuin").textString == "open vet schuin")
        #expect(try document(deep).textString.contains("diep genest"))
        #expect(try document("<html><body><p>a</p></html></body><p>na het einde</p>").textString == "a\n\nna het einde")
    }

    @Test func aPageInADeclaredLegacyCharsetIsDecodedAndStillMapsToItsBytes() throws {
        // "café" in Latin-1: é is the single byte 0xE9.
        let raw = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Een caf".utf8) + [0xE9] + Array(" in Hanoi.</p></body></html>".utf8)
        var doc = try HTMLIngest.document(id: "p", source: .init(path: nil), raw: raw)
        var pipeline = try PipelineFactory.make(.init(stages: [.normalize, .blocks]))
        try pipeline.run(&doc)
        #expect(doc.textString == "Een café in Hanoi.")
        let start = doc.textString.utf8.count - " in Hanoi.".utf8.count - "café".utf8.count
        let r = doc.alignment.rawSpan(for: TextSpan(start, start + "café".utf8.count))
        #expect(Array(raw[r.range]) == Array("caf".utf8) + [0xE9])
        #expect(doc.encoding?.declared == "iso-8859-1")
    }

    @Test func twoLineBreaksEndAParagraph() throws {
        let doc = try document("<div>eerste regel<br>zelfde alinea<br><br>tweede alinea</div>")
        #expect(doc.textString == "eerste regel\nzelfde alinea\n\ntweede alinea")
    }

    @Test func htmlFilesAndGzippedFilesAreReadByExtension() throws {
        let dir = NSTemporaryDirectory() + "mekong-html-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.article.write(toFile: dir + "/a.html", atomically: true, encoding: .utf8)
        try Data(try Gzip.compress(Array(Self.article.utf8))).write(to: URL(fileURLWithPath: dir + "/b.htm.gz"))
        try Data(try Gzip.compress(Array("{\"text\": \"een\"}\n{\"text\": \"twee\"}\n".utf8))).write(to: URL(fileURLWithPath: dir + "/c.jsonl.gz"))
        let docs = try InputReader(paths: [dir], options: .init()).map { try $0.document(options: .init()) }
        #expect(docs.map(\.inputFormat) == ["html", "html", "jsonl", "jsonl"])
        #expect(docs[0].text == docs[1].text)
        #expect(docs.map(\.textString).suffix(2) == ["een", "twee"])
    }

    @Test func aTruncatedGzipFileIsAnErrorNotAShorterDocument() throws {
        let path = NSTemporaryDirectory() + "mekong-\(UUID().uuidString).txt.gz"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let full = try Gzip.compress(Array(String(repeating: "Một câu tiếng Việt. ", count: 200).utf8))
        try Data(full.prefix(full.count / 2)).write(to: URL(fileURLWithPath: path))
        let items = Array(InputReader(paths: [path], options: .init()))
        #expect(items.count == 1)
        #expect(throws: IngestError.self) { try items[0].document(options: .init()) }
    }
}

/// gzip for the tests, by the system's `gzip` (the library only inflates).
enum Gzip {
    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }
}
