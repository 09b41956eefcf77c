import Foundation
import Testing

/// Runs the built `mekong` binary end to end, as a user or a pipeline engine would.
@Suite struct CommandLineTests {
    /// `swift build --build-tests` (which `swift test` runs) builds the executable next to the test bundle.
    static let binary: URL = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("mekong")

    private func run(_ arguments: [String], stdin: String = "") throws -> (stdout: String, stderr: String, status: Int32) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), process.terminationStatus)
    }

    @Test func theBinaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the package first: \(Self.binary.path)")
    }

    @Test func filtersJSONLFromStdinToStdoutInOrderAndCountsErrors() throws {
        var lines: [String] = []
        for i in 0..<40 { lines.append(#"{"id": "d\#(i)", "text": "Zin \#(i). Nog een zin."}"#) }
        lines.insert("{broken", at: 7)
        let r = try run(["annotate", "--input-format", "jsonl", "--jobs", "2"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(r.status == 0)
        let records = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.count == 41)
        #expect(records[7]["error"] != nil)
        #expect(records[8]["id"] as? String == "d7")
        #expect(r.stderr.contains("41 documents in, 41 records out, 1 error"))
    }

    @Test func sentencesFormatPrintsOneSentencePerLine() throws {
        let r = try run(["annotate", "--format", "sentences", "--lang", "nl"], stdin: "Dhr. Jansen kwam om 10.30 uur. Hij bleef kort.\n\nTot ziens.")
        #expect(r.stdout == "Dhr. Jansen kwam om 10.30 uur.\nHij bleef kort.\nTot ziens.\n\n")
    }

    @Test func unknownStagesAndBadOptionsFailWithAClearMessage() throws {
        let r = try run(["annotate", "--stages", "tokens"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("not available"))
        let j = try run(["annotate", "--jobs", "0"])
        #expect(j.status != 0)
        #expect(j.stderr.contains("--jobs"))
        let site = try run(["annotate", "--site-boilerplate"])
        #expect(site.status != 0)
        #expect(site.stderr.contains("not stdin"))
    }

    @Test func theEncodingOptionForcesAnEncodingAndRejectsUnknownOnes() throws {
        let r = try run(["annotate", "--encoding", "viqr", "--stages", "normalize"], stdin: "Vie^.t Nam")
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"text\":\"Việt Nam\""))
        #expect(r.stdout.contains("\"detected\":\"VIQR\""))
        let bad = try run(["annotate", "--encoding", "no-such-charset"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--encoding"))
    }

    @Test func aMissingInputFileBecomesAnErrorRecordAndTheRunGoesOn() throws {
        let r = try run(["annotate", "/nonexistent/a.txt", "-"], stdin: "Hello world.")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("\"error\""))
        #expect(lines[1].contains("Hello world."))
    }

    @Test func diffComparesTwoFoldersPairByPairAndReportsAFileWithoutItsCounterpart() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mekong-diff-\(UUID().uuidString)")
        let a = root.appendingPathComponent("original"), b = root.appendingPathComponent("translation")
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "Giá tăng gần 6 tỷ USD.".write(to: a.appendingPathComponent("gia.txt"), atomically: true, encoding: .utf8)
        try "De prijs steeg met bijna 6 miljoen dollar.".write(to: b.appendingPathComponent("gia.txt"), atomically: true, encoding: .utf8)
        try "Một câu.".write(to: a.appendingPathComponent("alleen.txt"), atomically: true, encoding: .utf8)
        let r = try run(["diff", a.path, b.path, "--from", "vi", "--to", "nl"])
        #expect(r.status == 0)
        let records = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.contains { $0["pair"] as? String == "alleen.txt" && $0["kind"] as? String == "error" })
        #expect(records.contains { $0["pair"] as? String == "gia.txt" && $0["type"] as? String == "scale_changed" })
        let html = try run(["diff", a.appendingPathComponent("gia.txt").path, b.appendingPathComponent("gia.txt").path, "--format", "html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func trainEntitiesWritesAModelThatAnnotateCanUse() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mekong-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let train = dir.appendingPathComponent("train.iob2"), model = dir.appendingPathComponent("m.bin")
        try Data(SyntheticNER.iob().utf8).write(to: train)
        let r = try run(["train-entities", "--lang", "nl", "--train", train.path, "--dev", train.path, "--epochs", "3", "-o", model.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("epoch  3") && r.stderr.contains("F1 100.00"))
        #expect(FileManager.default.fileExists(atPath: model.path))
        let bad = try run(["train-entities", "--lang", "nl", "--train", "/nonexistent.iob2", "-o", model.path])
        #expect(bad.status != 0)
    }
}
