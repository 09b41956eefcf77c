import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct IngestTests {
    private func temporaryFile(_ bytes: [UInt8], ext: String) throws -> String {
        let path = NSTemporaryDirectory() + "mekong-test-\(UUID().uuidString).\(ext)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func invalidUTF8IsRejectedWithItsOffset() {
        #expect(throws: IngestError.self) { try Document(id: "x", source: .init(path: nil), raw: [0x61, 0xC3, 0x28]) }
        #expect(throws: IngestError.self) { try Document(id: "x", source: .init(path: nil), raw: [0xED, 0xA0, 0x80]) }  // a surrogate
        #expect(throws: IngestError.self) { try Document(id: "x", source: .init(path: nil), raw: [0xF0, 0x9F, 0x98]) }  // truncated
        do {
            _ = try Document(id: "x", source: .init(path: nil), raw: Array("ok".utf8) + [0xFF])
        } catch {
            #expect(error.kind == .invalidUTF8)
            #expect(error.message.contains("offset 2"))
        }
    }

    @Test func nulBytesMarkBinaryContent() {
        do {
            _ = try Document(id: "x", source: .init(path: nil), raw: [0x61, 0x00, 0x62])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .binary)
        }
    }

    @Test func jsonlLinesGiveTextAndIdAndSkipOtherFields() throws {
        let line = #"{"meta": {"a": [1, 2.5e3, true, null]}, "id": 42, "text": "Xin chào \"bạn\" \ud83d\ude00\n"}"#
        let item = InputItem.jsonLine(source: .init(path: "f.jsonl", line: 3), bytes: Array(line.utf8))
        let doc = try item.document(options: .init())
        #expect(doc.id == "42")
        #expect(String(decoding: doc.raw, as: UTF8.self) == "Xin chào \"bạn\" 😀\n")
        #expect(doc.source == DocumentSource(path: "f.jsonl", line: 3))
    }

    @Test(arguments: [
        #"{"text": "unterminated}"#,
        #"{"text": 5}"#,
        #"["text"]"#,
        #"{"text": "a"} trailing"#,
        #"{"text": "\ud800"}"#,
        #"{"id": "no text"}"#,
    ])
    func malformedJSONLLinesFailClearly(line: String) {
        let item = InputItem.jsonLine(source: .init(path: "f.jsonl", line: 1), bytes: Array(line.utf8))
        #expect(throws: IngestError.self) { try item.document(options: .init()) }
    }

    @Test func customTextAndIdFields() throws {
        let item = InputItem.jsonLine(source: .init(path: nil, line: 1), bytes: Array(#"{"url": "u1", "body": "Hallo."}"#.utf8))
        let doc = try item.document(options: .init(textField: "body", idField: "url"))
        #expect(doc.id == "u1")
    }

    @Test func readerStreamsJSONLLinesAndSkipsBlankOnes() throws {
        let path = try temporaryFile(Array("{\"text\":\"a\"}\n\n{\"text\":\"b\"}\r\n{\"text\":\"c\"}".utf8), ext: "jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let items = Array(InputReader(paths: [path], options: .init()))
        #expect(items.count == 3)
        #expect(items.map { $0.source.line } == [1, 3, 4])
    }

    @Test func aLineOverTheLimitBecomesOneErrorAndTheNextLineStillComes() throws {
        var bytes = Array("{\"text\":\"".utf8) + [UInt8](repeating: 0x61, count: 3_000_000) + Array("\"}\n{\"text\":\"after\"}\n".utf8)
        let path = try temporaryFile(bytes, ext: "jsonl")
        bytes = []
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = InputOptions()
        options.maxDocumentBytes = 1_000_000
        let items = Array(InputReader(paths: [path], options: options))
        #expect(items.count == 2)
        guard case .failure(_, _, let error) = items[0] else { Issue.record("expected a failure"); return }
        #expect(error.kind == .tooLarge)
        #expect(try items[1].document(options: options).raw == Array("after".utf8))
    }

    @Test func directoriesAreReadRecursivelyInSortedOrder() throws {
        let dir = NSTemporaryDirectory() + "mekong-dir-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/b", withIntermediateDirectories: true)
        try Data("two".utf8).write(to: URL(fileURLWithPath: dir + "/b/2.txt"))
        try Data("one".utf8).write(to: URL(fileURLWithPath: dir + "/a.txt"))
        try Data("skip".utf8).write(to: URL(fileURLWithPath: dir + "/image.png"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ids = InputReader(paths: [dir], options: .init()).map { $0.id }
        #expect(ids.count == 2)
        #expect(ids[0].hasSuffix("a.txt") && ids[1].hasSuffix("b/2.txt"))
    }

    @Test func aMissingFileBecomesAFailureItem() {
        let items = Array(InputReader(paths: ["/nonexistent/file.txt"], options: .init()))
        #expect(items.count == 1)
        guard case .failure(_, _, let e) = items[0] else { Issue.record("expected a failure"); return }
        #expect(e.kind == .unreadable)
    }
}
