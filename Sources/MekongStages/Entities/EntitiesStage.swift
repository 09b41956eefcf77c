import MekongCore

/// Named entities of every sentence, from four proposers that `EntityMerger` reconciles:
/// the gazetteer of the sentence's language (known names, with their ids), rules (titles,
/// Vietnamese names by shape, organisation and place words), the statistical tagger
/// (`EntityModel`, trained by `mekong train-entities` with the gazetteer's features), and
/// in-document linking of short mentions (`ông Tân`, `de heer Truong`) to the full name.
/// Each sentence is read with its block's language (the document's main language when the
/// block's is undetermined, English when that is too); Vietnamese has no model.
public struct EntitiesStage: Stage {
    public static let name = StageName.entities
    public static let requires: [StageName] = [.sentences, .language]
    /// A boilerplate sentence of at most this many tokens gets no statistical tagging (the
    /// gazetteer and the rules still read it).
    static let shortBoilerplateTokens = 6

    /// What the stage may use: all of it, only the gazetteer (the evaluation's baseline), or
    /// only the tagger (with its gazetteer features; to measure what the rest adds).
    public enum Sources: String, Sendable, Codable, CaseIterable {
        case all, gazetteer, model
    }

    /// Indexed like `Language.known`; nil where no model ships.
    private let models: [EntityModel?]
    private let gazetteers: [Gazetteer?]
    private let features: (any GazetteerFeatureSource)?
    private let sources: Sources
    /// Buffers reused from sentence to sentence (each worker has its own stage).
    private let tagger = EntityTagger()
    private let scratch = Scratch()

    private final class Scratch {
        var tokens: [WordToken] = []
        /// Every sentence's tokens and their case flags, for the linker.
        var documentTokens: [WordToken] = []
        var documentFlags: [UInt8] = []
        var sentence = SentenceTokens()
        var matches = GazetteerMatches()
        /// Token ranges of the sentence's not-name phrases (`schaal van Richter`).
        var notNames: [Range<Int>] = []
    }

    public init(sources: Sources = .all) throws {
        let features = GazetteerFeatures()
        try self.init(models: sources == .gazetteer ? Language.known.map { _ in nil } : Language.known.map { try EntityModel.shipped($0) },
                      gazetteer: features, sources: sources)
    }

    /// A stage with the given models (indexed like `Language.known`), for tests and tools.
    public init(models: [EntityModel?], gazetteer: (any GazetteerFeatureSource)? = nil, sources: Sources = .all) throws {
        precondition(models.count == Language.known.count)
        for case let m? in models where m.gazetteerIdentifier != (gazetteer?.identifier ?? "") {
            throw PipelineError("the \(m.language) entity model was trained with gazetteer features '\(m.gazetteerIdentifier)', but this pipeline has '\(gazetteer?.identifier ?? "")'")
        }
        self.models = models
        self.features = gazetteer
        self.sources = sources
        gazetteers = try Language.known.map { try Gazetteer.shared($0) }
    }

    /// Ids for the candidates from `first` on that are known names (`Rusland` → RU), found
    /// by the tagger or a rule rather than the gazetteer's own lookup.
    private func identify(_ first: Int, _ gazetteer: Gazetteer, _ candidates: inout [EntityCandidate]) {
        let s = scratch
        for k in first..<candidates.count where candidates[k].id == nil {
            guard let a = s.tokens.firstIndex(where: { $0.start == candidates[k].span.start.utf8Offset }),
                  let b = s.tokens[a...].firstIndex(where: { $0.end == candidates[k].span.end.utf8Offset }),
                  let e = gazetteer.entry(s.sentence, a..<(b + 1)) else { continue }
            candidates[k].id = e.id
        }
    }

    /// A name never ends in a connector (`Uitvoerend Comité van`): the tagger's spans from `first` on
    /// lose a last word that is a lowercase particle, link or conjunction of the gazetteer's language.
    private func trimConnectors(_ first: Int, _ s: SentenceTokens, _ g: Gazetteer, _ candidates: inout [EntityCandidate]) {
        for c in first..<candidates.count {
            var span = candidates[c].span.range
            while let last = s.tokens.lastIndex(where: { $0.end == span.upperBound }), last > 0, s.tokens[last].start > span.lowerBound,
                  s.isLowercaseWord(last), g.isConnector(s.folded[last]) {
                span = span.lowerBound..<s.tokens[last - 1].end
            }
            if span != candidates[c].span.range { candidates[c].span = TextSpan(span.lowerBound, span.upperBound) }
        }
    }

    /// Candidates from `first` on inside a phrase that holds a name but is none (`schaal van
    /// Richter`, the Richter scale, names no person), whoever proposed them.
    private func dropInsideNotNames(_ first: Int, _ candidates: inout [EntityCandidate]) {
        let s = scratch
        guard !s.notNames.isEmpty, first < candidates.count else { return }
        let spans = s.notNames.map { s.tokens[$0.lowerBound].start..<s.tokens[$0.upperBound - 1].end }
        let kept = candidates[first...].filter { c in !spans.contains { $0.lowerBound <= c.span.range.lowerBound && c.span.range.upperBound <= $0.upperBound } }
        candidates.replaceSubrange(first..., with: kept)
    }

    public func process(_ document: inout Document) throws {
        var candidates: [EntityCandidate] = []
        let main = document.mainLanguage
        let s = scratch
        s.documentTokens.removeAll(keepingCapacity: true)
        s.documentFlags.removeAll(keepingCapacity: true)
        document.text.withUnsafeBufferPointer { text in
            for sentence in document.sentences {
                var language = document.blocks.indices.contains(sentence.block) ? document.blocks[sentence.block].language : main
                if language == .und { language = main == .und ? .en : main }
                guard let index = Language.known.firstIndex(of: language) else { continue }
                s.tokens.removeAll(keepingCapacity: true)
                EntityTokenizer.tokenize(text, sentence.span.range, into: &s.tokens)
                guard !s.tokens.isEmpty else { continue }
                s.documentTokens.append(contentsOf: s.tokens)
                s.sentence.load(text, s.tokens[...])
                s.documentFlags.append(contentsOf: s.sentence.flags)
                let gazetteer = gazetteers[index]
                let known = gazetteer?.matches(s.sentence, notNames: &s.notNames) ?? []
                let firstOfSentence = candidates.count
                // Whatever proposed them and wherever this sentence's reading stops.
                defer { dropInsideNotNames(firstOfSentence, &candidates) }
                if let gazetteer {
                    if sources == .gazetteer {
                        for m in known {
                            candidates.append(EntityCandidate(span: TextSpan(s.tokens[m.first].start, s.tokens[m.end - 1].end), label: m.entry.label, source: .gazetteer, id: m.entry.id))
                        }
                        continue
                    }
                    let first = candidates.count
                    if sources == .all {
                        EntityRules.candidates(text, s.sentence, gazetteer, known: known, language: language, into: &candidates)
                    }
                    identify(first, gazetteer, &candidates)
                }
                guard let model = models[index] else { continue }
                // Menus, category names and share buttons (`Economie`, `Delen op Facebook`): a
                // tagger trained on sentences reads their lone capitalised words as names.
                if document.blocks.indices.contains(sentence.block), document.blocks[sentence.block].role == .boilerplate,
                   s.tokens.count <= Self.shortBoilerplateTokens { continue }
                var matches: GazetteerMatches? = nil
                if features != nil, let gazetteer {
                    s.matches.reset(count: s.tokens.count)
                    EntityRules.features(s.sentence, gazetteer, known: known, into: &s.matches)
                    matches = s.matches
                }
                let first = candidates.count
                tagger.candidates(text, s.tokens[...], model: model, gazetteer: matches, into: &candidates)
                if let gazetteer {
                    trimConnectors(first, s.sentence, gazetteer, &candidates)
                    identify(first, gazetteer, &candidates)
                }
            }
        }
        var entities = EntityMerger.merge(candidates, text: document.text)
        if sources == .all { EntityLinker.link(&entities, text: document.text, tokens: s.documentTokens, flags: s.documentFlags) }
        document.entities = entities
    }
}
