/// An ordered list of stages, checked when it is built: every stage's
/// requirements must run before it.
public struct Pipeline {
    private var stages: [any Stage]
    public let stageNames: [StageName]
    /// Time spent in each stage so far (same order as `stageNames`), when `measuresTime` is on.
    public private(set) var stageDurations: [Duration]
    /// Measure each stage's time (`mekong annotate --timings`); off by default.
    public var measuresTime = false

    public init(_ stages: [any Stage]) throws(PipelineError) {
        var seen: Set<StageName> = []
        for stage in stages {
            let type = type(of: stage)
            let missing = type.requires.filter { !seen.contains($0) }
            if !missing.isEmpty {
                throw PipelineError("stage '\(type.name.rawValue)' requires \(missing.map { "'\($0.rawValue)'" }.joined(separator: ", ")) to run before it")
            }
            seen.insert(type.name)
        }
        self.stages = stages
        self.stageNames = stages.map { type(of: $0).name }
        self.stageDurations = Array(repeating: .zero, count: stages.count)
    }

    /// Runs every stage on the document. A stage that throws yields a `StageError`
    /// naming it; the document is left as the failing stage found it.
    public mutating func run(_ document: inout Document) throws(StageError) {
        for i in stages.indices {
            let name = type(of: stages[i]).name.rawValue
            let clock = ContinuousClock()
            let started = measuresTime ? clock.now : nil
            do {
                try stages[i].process(&document)
                if let started { stageDurations[i] += clock.now - started }
            } catch let e as StageError {
                throw e
            } catch {
                throw StageError(stage: name, documentID: document.id, message: "\(error)")
            }
            document.stagesRun.append(name)
        }
    }
}
