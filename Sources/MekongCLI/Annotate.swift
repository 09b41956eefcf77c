import ArgumentParser
import Foundation
import MekongCore
import MekongStages

extension StageName: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension OutputOptions.Format: ExpressibleByArgument {}
extension OutputOptions.Unit: ExpressibleByArgument {}
extension EntitiesStage.Sources: ExpressibleByArgument {}
extension NormalizeConfiguration.Form: ExpressibleByArgument {}
extension ToneMarkPlacement: ExpressibleByArgument {}
extension SentencesConfiguration.Rules: ExpressibleByArgument {}

struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Normalize, split into blocks and sentences, and identify languages; write JSONL.",
        discussion: """
        Input: files, directories (every .txt, .text, .jsonl, .ndjson file, recursively, sorted), or '-' or \
        nothing for stdin. A text file is one document; a JSONL file holds one document per line.

        Output: one record per input document, in input order whatever --jobs is. A document that cannot \
        be read or processed becomes an error record {"id", "source", "error": {"stage", "message"}}; the \
        run goes on, and the summary on stderr counts it.

        Examples:
          # annotate a folder into one file
          mekong annotate corpora/ -o corpora.jsonl
          # a stdin-to-stdout filter over JSONL (Spark RDD.pipe, Hadoop Streaming)
          mekong annotate --input-format jsonl < pages.jsonl > out.jsonl
          # sentences only, Dutch forced, one per line
          mekong annotate article.txt --stages sentences --lang nl --format sentences
          # numeric claims too: value, unit, scale, qualifier, range, change
          mekong annotate article.txt --stages entities,claims
          # see the resolved pipeline
          mekong annotate --tone-marks first-vowel --print-config
          # old Vietnamese files: detected (TCVN3, VNI, VIQR, windows-1258), or say which
          mekong annotate old-articles/ --encoding vni
          # where the time goes
          mekong annotate big.jsonl --jobs 1 --timings -o /dev/null
        """
    )

    @Argument(help: "Files or directories to read; '-' or nothing reads stdin.")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Write output here instead of stdout.")
    var output: String?

    @Option(help: "Output format: jsonl, or sentences (one sentence per line, a blank line after each document).")
    var format: OutputOptions.Format = .jsonl

    @Option(help: "One record per document or per sentence.")
    var unit: OutputOptions.Unit = .document

    @Option(help: "Stages to run, comma-separated; their prerequisites run too: normalize, blocks, language, sentences, entities (the default: up to entities), claims.")
    var stages: String?

    @Option(help: "What the entities stage uses: all (gazetteer, rules, model, linking), gazetteer (known names only: a baseline) or model (the tagger alone).")
    var entitySources: EntitiesStage.Sources = .all

    @Option(help: "Language of every block: auto, vi, nl, en, und.")
    var lang: String = "auto"

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Input format when the extension does not say (stdin): text, jsonl or html.")
    var inputFormat: InputFormat?

    @Option(help: ArgumentHelp("How text files are encoded: auto (the default: UTF-8 stays, with mojibake and VIQR undone; other bytes are detected), utf-8, tcvn3, vni, viqr, or any charset name ICU knows (windows-1258, iso-8859-1, shift_jis ...).", valueName: "encoding"))
    var encoding: String = "auto"

    @Option(help: "JSONL field holding the text.")
    var textField = "text"

    @Option(help: "JSONL field holding the document id (default: path:line).")
    var idField = "id"

    @Flag(help: "Give every span raw_start/raw_end: code points into the raw input.")
    var rawOffsets = false

    @Option(help: "Unicode normalization form: nfc or nfkc.")
    var normalization: NormalizeConfiguration.Form = .nfc

    @Flag(help: "Fold curly quotes and dashes to ASCII.")
    var foldQuotes = false

    @Option(help: "Vietnamese tone marks in oa/oe/uy: keep, first-vowel (hòa) or second-vowel (hoà).")
    var toneMarks: ToneMarkPlacement = .keep

    @Option(help: "Sentence rules: mekong (ICU corrected with language data) or icu (ICU alone, for comparison).")
    var sentenceRules: SentencesConfiguration.Rules = .mekong

    @Flag(inversion: .prefixedNo, help: "Show progress on stderr (default: when stderr is a terminal).")
    var progress: Bool?

    @Flag(help: "Report the time spent in each stage on stderr (MB/s of input per stage).")
    var timings = false

    @Flag(help: "Read the input twice: first count the lines each site repeats on many pages, then label them boilerplate (files only, not stdin).")
    var siteBoilerplate = false

    @Flag(help: "Print the resolved pipeline configuration as JSON and exit.")
    var printConfig = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if lang != "auto" && Language(rawValue: lang) == nil { throw ValidationError("--lang must be auto, vi, nl, en or und") }
        if siteBoilerplate && (paths.isEmpty || paths.contains("-")) {
            throw ValidationError("--site-boilerplate reads the input twice, so it needs files or folders, not stdin")
        }
        if EncodingChoice(name: encoding) == nil { throw ValidationError("--encoding: unknown encoding '\(encoding)' (auto, utf-8, tcvn3, vni, viqr, or a charset name ICU knows)") }
    }

    func run() throws {
        let configuration = PipelineConfiguration(
            stages: try resolvedStages(),
            normalize: NormalizeConfiguration(form: normalization, foldQuotesAndDashes: foldQuotes, toneMarks: toneMarks),
            sentences: SentencesConfiguration(rules: sentenceRules),
            entitySources: entitySources
        )
        if printConfig {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(configuration), as: UTF8.self))
            return
        }
        let out = try OutputStream(path: output)
        let runner = BatchRunner(
            jobs: jobs, configuration: configuration,
            input: InputOptions(format: inputFormat, textField: textField, idField: idField, encoding: EncodingChoice(name: encoding) ?? .auto),
            output: OutputOptions(format: format, unit: unit, rawOffsets: rawOffsets),
            forcedLanguage: lang == "auto" ? nil : Language(rawValue: lang)
        )
        runner.measureStages = timings
        if siteBoilerplate {
            runner.siteBoilerplate = try SiteBoilerplate.scan(InputReader(paths: paths, options: runner.inputOptions), options: runner.inputOptions)
        }
        let showProgress = progress ?? (isatty(2) == 1)
        if showProgress {
            runner.progress = { s in
                let mb = Double(s.bytesIn) / 1_000_000
                FileHandle.standardError.write(String(format: "\r%d documents, %.1f MB, %.1f MB/s, %d errors   ", s.documentsIn, mb, s.seconds > 0 ? mb / s.seconds : 0, s.errors).data(using: .utf8)!)
            }
        }
        let summary = try runner.run(InputReader(paths: paths, options: runner.inputOptions)) { out.write($0) }
        try out.close()
        // Clear the progress line before the summary.
        if showProgress { FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!) }
        FileHandle.standardError.write((summary.line + "\n").data(using: .utf8)!)
        if timings {
            let mb = Double(summary.bytesIn) / 1_000_000
            var total = 0.0
            FileHandle.standardError.write(String(format: "  ingest           %8.3f s  %8.1f MB/s\n", summary.ingestSeconds, summary.ingestSeconds > 0 ? mb / summary.ingestSeconds : 0).data(using: .utf8)!)
            for (name, seconds) in summary.stageSeconds {
                total += seconds
                let label = "stage " + name.rawValue + String(repeating: " ", count: max(0, 10 - name.rawValue.count))
                FileHandle.standardError.write(String(format: "  %@ %8.3f s  %8.1f MB/s\n", label, seconds, seconds > 0 ? mb / seconds : 0).data(using: .utf8)!)
            }
            FileHandle.standardError.write(String(format: "  all stages       %8.3f s  %8.1f MB/s\n", total, total > 0 ? mb / total : 0).data(using: .utf8)!)
        }
    }

    private func resolvedStages() throws -> [StageName] {
        var requested = PipelineFactory.defaultStages
        if let stages {
            requested = try stages.split(separator: ",").map { name in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard let stage = StageName(rawValue: trimmed) else {
                    throw ValidationError("unknown stage '\(trimmed)' (stages: \(StageName.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return stage
            }
        }
        do { return try PipelineFactory.resolve(requested) } catch { throw ValidationError(error.message) }
    }
}

/// Buffered output to stdout or a file.
final class OutputStream {
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool

    init(path: String?) throws {
        if let path, path != "-" {
            guard let f = fopen(path, "wb") else { throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))") }
            file = f
            ownsFile = true
        } else {
            file = fdopen(1, "wb")!
            ownsFile = false
        }
        setvbuf(file, nil, _IOFBF, 1 << 20)
    }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    }

    func close() throws {
        if fflush(file) != 0 { throw ValidationError("write failed: \(String(cString: strerror(errno)))") }
        if ownsFile { fclose(file) }
    }
}
