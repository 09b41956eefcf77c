import MekongCore

/// Named entities of every sentence. For now the statistical tagger (`EntityModel`, one per
/// language, trained by `mekong train-entities`) proposes them; gazetteers, rules and
/// in-document linking add their candidates to the same list, and `EntityMerger` decides.
/// Each sentence is read with the model of its block's language (the document's main
/// language when the block's is undetermined, English when that is too); a language without
/// a model (Vietnamese) gets no model candidates.
public struct EntitiesStage: Stage {
    public static let name = StageName.entities
    public static let requires: [StageName] = [.sentences, .language]

    /// Indexed like `Language.known`; nil where no model ships.
    private let models: [EntityModel?]
    /// Fills the gazetteer features the models were trained with; nil until gazetteers exist.
    private let gazetteer: (any GazetteerFeatureSource)?
    /// Buffers reused from sentence to sentence (each worker has its own stage).
    private let tagger = EntityTagger()
    private let scratch = Scratch()

    private final class Scratch {
        var tokens: [WordToken] = []
        var matches = GazetteerMatches()
    }

    public init(gazetteer: (any GazetteerFeatureSource)? = nil) throws {
        try self.init(models: Language.known.map { try EntityModel.shipped($0) }, gazetteer: gazetteer)
    }

    /// A stage with the given models (indexed like `Language.known`), for tests and tools.
    public init(models: [EntityModel?], gazetteer: (any GazetteerFeatureSource)? = nil) throws {
        precondition(models.count == Language.known.count)
        for case let m? in models where m.gazetteerIdentifier != (gazetteer?.identifier ?? "") {
            throw PipelineError("the \(m.language) entity model was trained with gazetteer features '\(m.gazetteerIdentifier)', but this pipeline has '\(gazetteer?.identifier ?? "")'")
        }
        self.models = models
        self.gazetteer = gazetteer
    }

    public func process(_ document: inout Document) throws {
        var candidates: [EntityCandidate] = []
        let main = document.mainLanguage
        let s = scratch
        document.text.withUnsafeBufferPointer { text in
            for sentence in document.sentences {
                var language = document.blocks.indices.contains(sentence.block) ? document.blocks[sentence.block].language : main
                if language == .und { language = main == .und ? .en : main }
                guard let index = Language.known.firstIndex(of: language), let model = models[index] else { continue }
                s.tokens.removeAll(keepingCapacity: true)
                EntityTokenizer.tokenize(text, sentence.span.range, into: &s.tokens)
                var matches: GazetteerMatches? = nil
                if let gazetteer {
                    s.matches.reset(count: s.tokens.count)
                    gazetteer.match(text, tokens: s.tokens[...], language: language, into: &s.matches)
                    matches = s.matches
                }
                tagger.candidates(text, s.tokens[...], model: model, gazetteer: matches, into: &candidates)
            }
        }
        document.entities = EntityMerger.merge(candidates, text: document.text)
    }
}
