/// The stages a user can name with `--stages`, in pipeline order.
public enum StageName: String, Sendable, Codable, CaseIterable, Comparable {
    case normalize, blocks, language, sentences, tokens, entities, claims

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One step of the pipeline. A stage has a stable name, declares what it needs,
/// and processes a document in place. Instances are not shared between threads:
/// each worker builds its own pipeline.
public protocol Stage {
    static var name: StageName { get }
    /// Stages that must have run before this one.
    static var requires: [StageName] { get }
    mutating func process(_ document: inout Document) throws
}

/// A stage failed on a document: the stage, the document and what went wrong.
public struct StageError: Error, Sendable, CustomStringConvertible {
    public var stage: String
    public var documentID: String
    public var message: String
    public init(stage: String, documentID: String, message: String) {
        self.stage = stage
        self.documentID = documentID
        self.message = message
    }
    public var description: String { "\(stage) failed on \(documentID): \(message)" }
}

/// A pipeline whose stages' requirements are not met.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
