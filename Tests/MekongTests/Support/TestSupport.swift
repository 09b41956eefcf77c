import Foundation
import MekongCore
import MekongStages

/// Fixture files shipped with the tests.
enum Fixtures {
    static let directory: URL = {
        let base = Bundle.module.bundleURL
        let nested = base.appendingPathComponent("Fixtures")
        return FileManager.default.fileExists(atPath: nested.path) ? nested : base
    }()

    static func url(_ path: String) -> URL { directory.appendingPathComponent(path) }
    static func string(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    /// The project's `corpora/` folder (tests run from a checkout).
    static let corpora: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpora")
}

/// Runs the default pipeline on a string.
func annotate(_ text: String, language: Language? = nil, stages: [StageName] = PipelineFactory.defaultStages, normalize: NormalizeConfiguration = .init()) throws -> Document {
    var pipeline = try PipelineFactory.make(PipelineConfiguration(stages: stages, normalize: normalize))
    var doc = try Document(id: "test", source: DocumentSource(path: nil), raw: Array(text.utf8))
    doc.forcedLanguage = language
    try pipeline.run(&doc)
    return doc
}

func sentences(_ text: String, language: Language? = nil) throws -> [String] {
    let doc = try annotate(text, language: language)
    return doc.sentences.map { doc.string($0.span) }
}

/// Runs a batch over items and returns the output lines and summary.
func runBatch(_ items: [InputItem], jobs: Int, output: OutputOptions = .init(), input: InputOptions = .init(), stages: [StageName] = PipelineFactory.defaultStages) throws -> ([String], BatchSummary) {
    let runner = BatchRunner(jobs: jobs, configuration: PipelineConfiguration(stages: stages), input: input, output: output, forcedLanguage: nil)
    var bytes: [UInt8] = []
    let summary = try runner.run(items) { bytes.append(contentsOf: $0) }
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return (lines.last == "" ? Array(lines.dropLast()) : lines, summary)
}

func jsonObject(_ line: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
}

/// Slices a string by code-point offsets, the way Python's text[start:end] does.
func slice(_ s: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(s.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[start..<end]))
}

/// A small deterministic random generator for property tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
