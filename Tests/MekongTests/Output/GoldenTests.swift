import Foundation
import Testing
import MekongCore
@testable import MekongStages

/// Whole-pipeline output for the articles in corpora/, compared with golden JSONL.
/// Re-record with `MEKONG_RECORD_GOLDEN=1 swift test --filter GoldenTests` and review the diff.
@Suite struct GoldenTests {
    static let articles = ["nl/windpark-scraped.txt", "nl/gemeenteraad.txt", "vi/kinh-te.txt", "vi/khong-dau.txt", "en/trade-report.txt", "jsonl/mixed.jsonl",
                           "html/havenstad-vertaald.html"]

    @Test(arguments: articles)
    func pipelineOutputMatchesTheGoldenFile(article: String) throws {
        let path = Fixtures.corpora.appendingPathComponent(article).path
        // Ids and paths relative to corpora/, so the golden file does not depend on the checkout.
        let items = InputReader(paths: [path], options: .init()).map { item -> InputItem in
            let relative = article
            switch item {
            case let .text(_, _, bytes): return .text(id: relative, source: .init(path: relative), bytes: bytes)
            case let .html(_, _, bytes): return .html(id: relative, source: .init(path: relative), bytes: bytes)
            case let .jsonLine(source, bytes): return .jsonLine(source: .init(path: relative, line: source.line), bytes: bytes)
            case let .failure(_, _, e): return .failure(id: relative, source: .init(path: relative), error: e)
            }
        }
        let lines = try runBatch(items, jobs: 1, output: OutputOptions(rawOffsets: true)).0
        let got = lines.joined(separator: "\n") + "\n"
        let goldenName = article.replacingOccurrences(of: "/", with: "--") + ".golden.jsonl"
        let sourceFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden")
        if ProcessInfo.processInfo.environment["MEKONG_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: sourceFixtures, withIntermediateDirectories: true)
            try got.write(to: sourceFixtures.appendingPathComponent(goldenName), atomically: true, encoding: .utf8)
            return
        }
        let expected = try Fixtures.string("golden/" + goldenName)
        #expect(got == expected, "golden output changed for \(article); re-record with MEKONG_RECORD_GOLDEN=1 if intended")
    }
}
