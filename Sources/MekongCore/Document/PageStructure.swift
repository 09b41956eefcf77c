/// What a block is to a reader of the page. Boilerplate is labelled, never deleted.
public enum BlockRole: String, Sendable, Codable, CaseIterable {
    case title, body, caption, credit, metadata, boilerplate, source
}

/// Facts about the article that the page states outside its body text.
public struct DocumentMetadata: Sendable, Equatable {
    public var title: String?
    /// The publication (site or newspaper) name.
    public var outlet: String?
    /// ISO 8601 date (`2025-11-21`), or date and time when the page gives one.
    public var published: String?
    /// The page's own canonical address (HTML `rel=canonical`, `og:url`).
    public var url: String?
    /// The original's address that a republished or translated page names (`Bron: …`).
    public var sourceURL: String?
    public var authors: [String] = []
    /// Photo credits, the names only (`Bach Duong` from `(Foto: Bach Duong)`).
    public var credits: [String] = []
    /// The language the page declares (`<html lang>`, `og:locale`), as written.
    public var declaredLanguage: String?
    public var description: String?

    public init() {}

    public var isEmpty: Bool { self == DocumentMetadata() }
}

/// A stretch of the raw input whose role the ingest step already knows (HTML
/// structure tells it): the blocks stage gives that role to the blocks inside it.
public struct IngestBlock: Sendable, Equatable {
    public var raw: RawSpan
    public var role: BlockRole
    public init(raw: RawSpan, role: BlockRole) {
        self.raw = raw
        self.role = role
    }
}
