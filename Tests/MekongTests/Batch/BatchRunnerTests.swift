import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct BatchRunnerTests {
    private func textItem(_ id: String, _ bytes: [UInt8]) -> InputItem {
        .text(id: id, source: DocumentSource(path: id), bytes: bytes)
    }

    @Test(arguments: [1, 2, 3])
    func outputKeepsInputOrderWhateverTheJobCount(jobs: Int) throws {
        let items = (0..<300).map { i in textItem("doc\(i)", Array("Document \(i). It has \(String(repeating: "words ", count: i % 50))two sentences.".utf8)) }
        let (lines, summary) = try runBatch(items, jobs: jobs)
        #expect(lines.count == 300)
        for (i, line) in lines.enumerated() {
            #expect(try jsonObject(line)["id"] as? String == "doc\(i)")
        }
        #expect(summary.documentsIn == 300 && summary.recordsOut == 300 && summary.errors == 0)
    }

    @Test(arguments: [1, 2])
    func badDocumentsBecomeErrorRecordsAndTheOthersStillComeOut(jobs: Int) throws {
        let items: [InputItem] = [
            textItem("good1", Array("Een zin.".utf8)),
            textItem("invalid-utf8", [0x48, 0xC3, 0x28]),
            textItem("nul", [0x48, 0x00, 0x49]),
            textItem("empty", []),
            .jsonLine(source: DocumentSource(path: "x.jsonl", line: 7), bytes: Array("{not json".utf8)),
            .failure(id: "missing.txt", source: DocumentSource(path: "missing.txt"), error: IngestError(.unreadable, "cannot open missing.txt")),
            textItem("good2", Array("Câu thứ hai.".utf8)),
        ]
        let (lines, summary) = try runBatch(items, jobs: jobs)
        #expect(lines.count == items.count)
        let records = try lines.map(jsonObject)
        #expect(records.map { $0["id"] as? String } == ["good1", "invalid-utf8", "nul", "empty", "x.jsonl:7", "missing.txt", "good2"])
        let errorStages = records.map { ($0["error"] as? [String: Any])?["stage"] as? String }
        #expect(errorStages == [nil, "ingest", "ingest", nil, "ingest", "ingest", nil])
        #expect(((records[1]["error"] as? [String: Any])?["message"] as? String)?.contains("invalid UTF-8") == true)
        #expect((records[3]["sentences"] as? [Any])?.isEmpty == true)
        #expect(summary.documentsIn == 7 && summary.recordsOut == 7 && summary.errors == 4)
    }

    @Test func aFiftyMegabyteSingleLineIsProcessed() throws {
        let sentence = Array("Dit is een lange regel zonder einde, met 1,6 miljard dollar en dhr. Jansen. ".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50 << 20)
        while bytes.count < 50 << 20 { bytes.append(contentsOf: sentence) }
        // Memory and time of one huge line are the point: the stages up to sentences (a debug build tags slowly).
        let (lines, summary) = try runBatch([textItem("big", bytes)], jobs: 1, output: OutputOptions(format: .sentences), stages: [.sentences])
        #expect(summary.errors == 0)
        #expect(lines.count > 600_000)
    }

    @Test func sentenceUnitWritesOneRecordPerSentence() throws {
        let (lines, summary) = try runBatch([textItem("d", Array("Eén. Twee. Drie.".utf8))], jobs: 1, output: OutputOptions(unit: .sentence))
        #expect(lines.count == 3)
        let second = try jsonObject(lines[1])
        #expect(second["id"] as? String == "d#1")
        #expect(second["text"] as? String == "Twee.")
        #expect(summary.recordsOut == 3)
    }
}
