import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct OutputContractTests {
    private func records(_ text: String, _ options: OutputOptions) throws -> [[String: Any]] {
        let item = InputItem.text(id: "t", source: DocumentSource(path: "t.txt"), bytes: Array(text.utf8))
        return try runBatch([item], jobs: 1, output: options).0.map(jsonObject)
    }

    static let tricky = "  Việt\u{A0}Nam 😀 e\u{301}.\r\n\r\n\r\nDr. Smith\u{200B} said “yes”. Zero\u{AD}width!\n\u{FEFF}Biển XanhBiển Xanh15/09/2025  "

    @Test func everySpanSlicesTheTextByCodePoints() throws {
        let r = try records(Self.tricky, OutputOptions())[0]
        let text = r["text"] as! String
        for key in ["blocks", "sentences"] {
            for span in r[key] as! [[String: Any]] {
                let s = slice(text, span["start"] as! Int, span["end"] as! Int)
                #expect(!s.isEmpty && s.trimmingBlanks() == s)
            }
        }
        let sentences = (r["sentences"] as! [[String: Any]]).map { slice(text, $0["start"] as! Int, $0["end"] as! Int) }
        #expect(sentences == ["Việt Nam 😀 é.", "Dr. Smith said “yes”.", "Zerowidth!", "Biển XanhBiển Xanh15/09/2025"])
    }

    @Test func rawOffsetsSliceTheRawInputToTextThatNormalizesToTheSpan() throws {
        let r = try records(Self.tricky, OutputOptions(rawOffsets: true))[0]
        let text = r["text"] as! String
        for span in (r["sentences"] as! [[String: Any]]) + (r["blocks"] as! [[String: Any]]) {
            let rawSlice = slice(Self.tricky, span["raw_start"] as! Int, span["raw_end"] as! Int)
            let again = try annotate(rawSlice, stages: [.normalize]).textString
            #expect(again == slice(text, span["start"] as! Int, span["end"] as! Int))
        }
    }

    @Test func outputIsDeterministic() throws {
        let a = try runBatch([.text(id: "t", source: .init(path: nil), bytes: Array(Self.tricky.utf8))], jobs: 2).0
        let b = try runBatch([.text(id: "t", source: .init(path: nil), bytes: Array(Self.tricky.utf8))], jobs: 1).0
        #expect(a == b)
    }

    @Test(arguments: [OutputOptions(), OutputOptions(rawOffsets: true), OutputOptions(unit: .sentence), OutputOptions(unit: .sentence, rawOffsets: true)])
    func recordsValidateAgainstTheShippedSchema(options: OutputOptions) throws {
        let schemaURL = try #require(RecordWriter.schemaURL)
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as! [String: Any]
        let validator = SchemaValidator(root: schema)
        let items: [InputItem] = [
            .text(id: "ok", source: .init(path: "ok.txt"), bytes: Array(Self.tricky.utf8)),
            .text(id: "bad", source: .init(path: "bad.txt"), bytes: [0xFF]),
            .jsonLine(source: .init(path: "a.jsonl", line: 2), bytes: Array(#"{"id": "j", "text": "Hallo wereld. Tot ziens."}"#.utf8)),
        ]
        let lines = try runBatch(items, jobs: 1, output: options).0
        #expect(lines.count >= 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let problems = validator.validate(object)
            #expect(problems.isEmpty, "\(problems) in \(line)")
        }
    }

    @Test func theSchemaRejectsRecordsThatBreakTheContract() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: try #require(RecordWriter.schemaURL))) as! [String: Any]
        let validator = SchemaValidator(root: schema)
        let bad: [String: Any] = ["schema": "mekong/1", "id": "x", "source": ["path": NSNull()], "error": ["stage": "nowhere", "message": "m"]]
        #expect(!validator.validate(bad).isEmpty)
    }
}
