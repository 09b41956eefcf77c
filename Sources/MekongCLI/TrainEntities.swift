import ArgumentParser
import Foundation
import MekongCore
import MekongStages

extension EntityModel.Decoder: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "viterbi": self = .viterbi
        case "greedy": self = .greedy
        default: return nil
        }
    }
}

struct TrainEntities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-entities",
        abstract: "Train the named-entity tagger of the entities stage on CoNLL/IOB files.",
        discussion: """
        Files are read the way ../shared/tools/score_ner.py reads gold: tab- or space-separated columns, the \
        tag column found by content (IOB1, IOB2 or BIOES), -DOCSTART- and blank lines end sentences, '#' \
        comments skipped. Entity types PER, ORG, LOC, MISC are kept, EVENT becomes MISC, WNUT-17's person, \
        location, corporation, group, product and creative-work are mapped to CoNLL's; --map adds or \
        overrides (TO = O drops a type). A corpus that does not annotate a label (no MISC in it) is not \
        taught that such names are O. Each epoch prints the entity-level F1 (exact span and type) on every \
        --dev file. The same files and options give the same model file.

        Examples:
          mekong train-entities --lang nl --train ned.train enp_NL.kb.bio --dev ned.testa -o nl-entities.bin
          mekong train-entities --lang en --train wikigold.iob2 train.iob2 --map corporation=ORG -o en.bin
        """
    )

    @Option(help: "Language of the model (nl, en, vi).")
    var lang: Language

    @Option(parsing: .upToNextOption, help: "Training files (CoNLL/IOB).")
    var train: [String]

    @Option(parsing: .upToNextOption, help: "Development files, scored after every epoch (never trained on).")
    var dev: [String] = []

    @Option(help: "Passes over the training data.")
    var epochs = 12

    @Option(help: "Seed of the shuffles.")
    var seed: UInt64 = 1

    @Option(help: "Decoder: viterbi or greedy.")
    var decoder: EntityModel.Decoder = .viterbi

    @Option(help: "Features kept in the model file (largest weights first).")
    var maxFeatures = 420_000

    @Option(help: "Share of a training sentence's features left out of each update (feature dropout, 0 to 0.9).")
    var dropout = 0.0

    @Option(help: "Models trained with successive seeds whose weights are averaged (bagging).")
    var ensemble = 1

    @Option(parsing: .singleValue, help: "Label mapping FROM=TO (repeatable); TO is PER, ORG, LOC, MISC or O.")
    var map: [String] = []

    @Option(name: .shortAndLong, help: "Where to write the model.")
    var output: String

    func validate() throws {
        if epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if ensemble < 1 { throw ValidationError("--ensemble must be at least 1") }
        if !(0..<0.95).contains(dropout) { throw ValidationError("--dropout must be at least 0 and below 0.95") }
        if train.isEmpty { throw ValidationError("give at least one --train file") }
        for m in map where !m.contains("=") { throw ValidationError("--map \(m): use FROM=TO") }
    }

    func run() throws {
        var extra: [String: String] = [:]
        for m in map {
            let parts = m.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            extra[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        let labelMap = EntityLabelMap(extra)
        // The language's word lists (the tagger's lexicon features): a file there but unreadable stops here.
        if let lexicon = try EntityLexicon.shipped(lang) { log("lexicon of \(lang.rawValue): \(lexicon.count) entries") }
        func corpora(_ paths: [String]) throws -> [EntityCorpus] {
            try paths.map { path in
                let sentences = try IOBReader.read(contentsOf: URL(fileURLWithPath: path))
                // folder/file: the corpora name their splits alike (btc-en/dev.iob2, gum-en/dev.iob2).
                let url = URL(fileURLWithPath: path)
                let name = url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
                let corpus = try EntityCorpus(name: name, sentences: sentences, tags: .standard, map: labelMap)
                let labels = corpus.labels.map { TagSet.standard.labels[$0].rawValue }.joined(separator: ",")
                log("\(path): \(corpus.sentenceCount) sentences, \(corpus.entityCount) entities (\(labels))")
                return corpus
            }
        }
        let trainCorpora = try corpora(train)
        let devCorpora = try corpora(dev)
        var options = EntityTrainer.Options()
        options.epochs = epochs
        options.seed = seed
        options.decoder = decoder
        options.maxFeatures = maxFeatures
        options.dropout = dropout
        options.ensemble = ensemble
        // The gazetteer's features, as the stage computes them at run time.
        let trainer = EntityTrainer(language: lang.rawValue, options: options, gazetteer: GazetteerFeatures())
        let started = Date()
        let model = trainer.train(trainCorpora, dev: devCorpora, report: log)
        for d in devCorpora {
            let s = EntityTrainer.evaluate(model, on: d, gazetteer: GazetteerFeatures())
            log(String(format: "final model on %@: F1 %.2f (P %.2f R %.2f), %d gold, %d predicted", d.name, s.f1, s.precision, s.recall, s.gold, s.predicted))
        }
        try model.write(to: URL(fileURLWithPath: output))
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        log(String(format: "wrote %@: %d features, %.1f MB, in %.0f s", output, model.featureCount, Double(size) / 1e6, Date().timeIntervalSince(started)))
    }

    private func log(_ s: String) { FileHandle.standardError.write((s + "\n").data(using: .utf8)!) }
}
