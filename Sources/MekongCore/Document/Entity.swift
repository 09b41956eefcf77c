/// A named entity: a span of the text with its type, a canonical form that is the same
/// across spellings (and, with gazetteer ids, across languages), and where it came from.
public struct Entity: Sendable, Equatable {
    public enum Label: String, Sendable, Codable, CaseIterable { case PER, ORG, LOC, EVENT, MISC }
    /// Which part of the entities stage found it: later parts may confirm or override earlier ones.
    public enum Source: String, Sendable, Codable { case gazetteer, model, rule, link }

    /// UTF-8 byte span into `Document.text`, like `Sentence` and `Claim`.
    public var span: TextSpan
    public var label: Label
    /// Case- and diacritic-folded form with single spaces (`nguyen manh linh`).
    public var canonical: String
    /// A stable id when a gazetteer knows the entity (ISO 3166 code, slug).
    public var id: String?
    public var source: Source

    public init(span: TextSpan, label: Label, canonical: String, id: String? = nil, source: Source) {
        self.span = span
        self.label = label
        self.canonical = canonical
        self.id = id
        self.source = source
    }
}
