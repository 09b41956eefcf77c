import ArgumentParser
import Foundation
import MekongCore
import MekongStages

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Check a translation against its original: numbers, qualifiers, names and sentences that were dropped, added or changed.",
        discussion: """
        Both texts go through the pipeline with entities and claims; their sentences are aligned \
        (1-1, 1-2, 2-1, 1-0, 0-1, by length and by shared numbers and names), then every aligned group's \
        claims are compared by normalized value, unit and qualifier (so "bijna 6 miljard dollar" = \
        "gần 6 tỷ USD" = "nearly $6 billion") and its names by id and canonical form. \
        JSONL: one {"kind":"alignment"} record per group, then one {"kind":"finding"} per finding \
        (offsets are code points into each side's normalized text). --format text prints a summary \
        and the findings with both sentences side by side; --format html writes one self-contained page \
        (no network, no script) with the two texts side by side by aligned group and every finding marked.

        Examples:
          mekong diff artikel-vi.txt artikel-nl.txt --from vi --to nl
          mekong diff original.txt vertaling.txt --format text
          mekong diff original.txt vertaling.txt --format html -o report.html
          mekong diff --pairs pairs.jsonl --from en --to nl > findings.jsonl
          mekong diff originals/ vertalingen/ --from vi --to nl > findings.jsonl
        """
    )

    @Argument(help: "The original text file (or a folder: then TRANSLATION is a folder too, and files with the same name are pairs).")
    var original: String?

    @Argument(help: "The translation's text file.")
    var translation: String?

    @Option(help: "Batch: a JSONL file (or - for stdin) of {\"id\", \"original\", \"translation\"} texts, optionally with \"from\" and \"to\"; every output record then starts with the pair's \"pair\" id.")
    var pairs: String?

    @Option(help: "Language of the original (default: detected).")
    var from: Language?

    @Option(help: "Language of the translation (default: detected).")
    var to: Language?

    @Option(help: "Output format: jsonl, text, or html (one self-contained page: both texts side by side, findings marked).")
    var format: DiffFormat = .jsonl

    @Option(name: .shortAndLong, help: "Write output here instead of stdout.")
    var output: String?

    enum DiffFormat: String, ExpressibleByArgument { case jsonl, text, html }

    private func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// One pair's output in the batch forms.
    private func report(_ diff: TranslationDiff, pair: String) -> [UInt8] {
        switch format {
        case .jsonl: return DiffReport.jsonl(diff, pair: pair)
        case .text: return Array((pair + "\n" + DiffReport.text(diff) + "\n").utf8)
        case .html: return Array(DiffHTMLReport.page(diff, title: "mekong diff: " + pair).utf8)
        }
    }

    /// A pair that could not be compared: a record of its own, and the batch goes on.
    private func errorRecord(pair: String, _ error: Error) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject(); w.key("pair"); w.string(pair); w.key("kind"); w.string("error"); w.key("message"); w.string("\(error)"); w.endObject()
        return w.bytes + [0x0A]
    }

    func validate() throws {
        if pairs == nil && (original == nil || translation == nil) { throw ValidationError("give ORIGINAL and TRANSLATION, or --pairs FILE") }
    }

    func run() throws {
        var pipeline = try PipelineFactory.make(PipelineConfiguration(stages: [.entities, .claims]))
        func annotate(_ id: String, _ bytes: [UInt8], _ language: Language?) throws -> Document {
            var doc = try Document(id: id, source: DocumentSource(path: nil), decoding: bytes)
            doc.forcedLanguage = language
            try pipeline.run(&doc)
            return doc
        }
        var out: [UInt8] = []
        if let pairs {
            // One pair per line; a broken line becomes an error record and the batch goes on.
            let data = pairs == "-" ? FileHandle.standardInput.readDataToEndOfFile() : (FileManager.default.contents(atPath: pairs) ?? Data())
            for (n, line) in data.split(separator: 0x0A).enumerated() where !line.isEmpty {
                let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
                let id = object?["id"].map { "\($0)" } ?? "\(pairs):\(n + 1)"
                do {
                    guard let object, let a = object["original"] as? String, let b = object["translation"] as? String else {
                        throw ValidationError("line \(n + 1): needs string fields original and translation")
                    }
                    let from = (object["from"] as? String).flatMap(Language.init(rawValue:)) ?? self.from
                    let to = (object["to"] as? String).flatMap(Language.init(rawValue:)) ?? self.to
                    let diff = TranslationDiffer.diff(original: try annotate(id + "#original", Array(a.utf8), from),
                                                      translation: try annotate(id + "#translation", Array(b.utf8), to))
                    out += report(diff, pair: id)
                } catch {
                    out += errorRecord(pair: id, error)
                }
            }
        } else if let original, let translation, isDirectory(original), isDirectory(translation) {
            // Two folders: files with the same name are a pair; a file without its counterpart is an error record.
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: original))
                .union(try FileManager.default.contentsOfDirectory(atPath: translation)).filter { !$0.hasPrefix(".") }.sorted()
            for name in names {
                let a = (original as NSString).appendingPathComponent(name), b = (translation as NSString).appendingPathComponent(name)
                do {
                    guard let x = FileManager.default.contents(atPath: a), let y = FileManager.default.contents(atPath: b) else {
                        throw ValidationError("\(name) is not in both folders")
                    }
                    let diff = TranslationDiffer.diff(original: try annotate(a, Array(x), from), translation: try annotate(b, Array(y), to))
                    out += report(diff, pair: name)
                } catch {
                    out += errorRecord(pair: name, error)
                }
            }
        } else if let original, let translation {
            func load(_ path: String, _ language: Language?) throws -> Document {
                guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
                do { return try annotate(path, Array(data), language) } catch { throw ValidationError("\(path): \(error)") }
            }
            let diff = TranslationDiffer.diff(original: try load(original, from), translation: try load(translation, to))
            switch format {
            case .jsonl: out = DiffReport.jsonl(diff)
            case .text: out = Array(DiffReport.text(diff).utf8)
            case .html: out = Array(DiffHTMLReport.page(diff, title: "mekong diff: \(original) → \(translation)").utf8)
            }
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(out)) else { throw ValidationError("cannot write \(output)") }
        } else {
            FileHandle.standardOutput.write(Data(out))
        }
    }
}
