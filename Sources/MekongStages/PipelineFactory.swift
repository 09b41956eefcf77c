import MekongCore

/// Everything that shapes a pipeline, with defaults; `mekong annotate --print-config` echoes it.
public struct PipelineConfiguration: Sendable, Codable, Equatable {
    public var stages: [StageName]
    public var normalize: NormalizeConfiguration
    public var sentences: SentencesConfiguration
    /// What the entities stage may use (`gazetteer`: the plain-gazetteer baseline).
    public var entitySources: EntitiesStage.Sources
    public init(stages: [StageName] = PipelineFactory.defaultStages, normalize: NormalizeConfiguration = .init(), sentences: SentencesConfiguration = .init(),
                entitySources: EntitiesStage.Sources = .all) {
        self.stages = stages
        self.normalize = normalize
        self.sentences = sentences
        self.entitySources = entitySources
    }
}

public enum PipelineFactory {
    /// The stages this version implements, in order.
    public static let availableStages: [StageName] = [.normalize, .blocks, .language, .sentences, .entities, .claims]
    /// Claims run on request (`--stages entities,claims`): they add 14 % to the default stages,
    /// which would take the default pipeline below its 5 MB/s target (README, speed figures).
    public static let defaultStages: [StageName] = [.normalize, .blocks, .language, .sentences, .entities]

    private static let prerequisites: [StageName: [StageName]] = [
        .normalize: NormalizeStage.requires, .blocks: BlocksStage.requires,
        .language: LanguageStage.requires, .sentences: SentencesStage.requires,
        .entities: EntitiesStage.requires, .claims: ClaimsStage.requires,
    ]

    /// The requested stages plus everything they need, in pipeline order.
    public static func resolve(_ requested: [StageName]) throws(PipelineError) -> [StageName] {
        var result: Set<StageName> = []
        var todo = requested
        while let s = todo.popLast() {
            guard let needs = prerequisites[s] else {
                throw PipelineError("stage '\(s.rawValue)' is not available in this version of mekong (available: \(availableStages.map(\.rawValue).joined(separator: ", ")))")
            }
            if result.insert(s).inserted { todo.append(contentsOf: needs) }
        }
        return result.sorted()
    }

    /// Builds a pipeline (one per worker thread: stages hold ICU iterators).
    public static func make(_ configuration: PipelineConfiguration) throws -> Pipeline {
        var stages: [any Stage] = []
        for name in try resolve(configuration.stages) {
            switch name {
            case .normalize: stages.append(try NormalizeStage(configuration.normalize))
            case .blocks: stages.append(try BlocksStage())
            case .language: stages.append(try LanguageStage())
            case .sentences: stages.append(try SentencesStage(configuration.sentences))
            case .entities: stages.append(try EntitiesStage(sources: configuration.entitySources))
            case .claims: stages.append(try ClaimsStage())
            case .tokens:
                throw PipelineError("stage '\(name.rawValue)' is not available in this version of mekong")
            }
        }
        return try Pipeline(stages)
    }
}
