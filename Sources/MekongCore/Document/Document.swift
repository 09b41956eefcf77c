/// Where a document came from: a file (and line, for JSONL), stdin, or an id field.
public struct DocumentSource: Sendable, Equatable {
    public var path: String?
    /// 1-based line number in a JSONL input.
    public var line: Int?
    public init(path: String?, line: Int? = nil) {
        self.path = path
        self.line = line
    }
}

/// A language Mekong knows, or `und` (anything else, or too little evidence).
public enum Language: String, Sendable, Codable, CaseIterable {
    case vi, nl, en, und
    public static let known: [Language] = [.vi, .nl, .en]
}

/// A paragraph or line of the document: the unit that roles and languages attach to.
public struct Block: Sendable, Equatable {
    public var span: TextSpan
    public var role: BlockRole = .body
    public var language: Language = .und
    public var languageConfidence: Double = 0
    public init(span: TextSpan, role: BlockRole = .body) {
        self.span = span
        self.role = role
    }
}

public struct Sentence: Sendable, Equatable {
    public var span: TextSpan
    /// Index into `Document.blocks`.
    public var block: Int
    /// The sentence's own language (the language stage's identifier, run on the sentence
    /// once sentences exist); its block's language when the sentence has no words.
    public var language: Language
    public var languageConfidence: Double
    public init(span: TextSpan, block: Int, language: Language = .und, languageConfidence: Double = 0) {
        self.span = span
        self.block = block
        self.language = language
        self.languageConfidence = languageConfidence
    }
}

/// One input document on its way through the pipeline.
///
/// The raw input is kept as it came (any encoding). `text` is the decoded, then normalized
/// text (always valid UTF-8) and `alignment` maps every span of it back to the raw bytes. Inside the library all
/// offsets are UTF-8 byte offsets; output converts them to code points.
public struct Document: Sendable {
    public var id: String
    public var source: DocumentSource
    public let raw: [UInt8]
    public private(set) var text: [UInt8]
    public private(set) var alignment: Alignment
    public var blocks: [Block] = []
    public var sentences: [Sentence] = []
    /// Numeric claims, in text order (the claims stage).
    public var claims: [Claim] = []
    /// Named entities, in text order, not overlapping (the entities stage).
    public var entities: [Entity] = []
    /// The language forced by the user (`--lang`), if any.
    public var forcedLanguage: Language?
    /// Names of the stages that ran, in order.
    public var stagesRun: [String] = []
    /// Per-stage notes that go into the record (e.g. what normalization changed).
    public var normalization: NormalizationSummary?
    /// Title, outlet, date, addresses and credits found by ingest (HTML) and the blocks stage.
    public var metadata = DocumentMetadata()
    /// Roles the ingest step knows from the input's structure (HTML), by raw span.
    public var ingestBlocks: [IngestBlock] = []
    /// How the input was read: `text`, `html`, `jsonl`, with `+gzip` when it was compressed.
    public var inputFormat: String?
    /// How the raw bytes were decoded (nil: valid UTF-8 taken as it is).
    public var encoding: EncodingReport?

    /// Creates a document from raw bytes. Throws `IngestError` when they are not
    /// valid UTF-8 or contain NUL bytes (a binary file).
    public init(id: String, source: DocumentSource, raw: [UInt8]) throws(IngestError) {
        try UTF8Validation.validate(raw)
        self.id = id
        self.source = source
        self.raw = raw
        self.text = raw
        self.alignment = .identity(length: raw.count)
    }

    /// Creates a document from raw bytes in any encoding and the text decoded from them:
    /// `text` must be valid UTF-8 without NUL bytes, and `alignment` maps it to `raw`
    /// (its raw side is `raw`, its text side is `text`). `encoding` says how it was decoded.
    public init(id: String, source: DocumentSource, raw: [UInt8], text: [UInt8], alignment: Alignment, encoding: EncodingReport?) throws(IngestError) {
        try UTF8Validation.validate(text)
        guard alignment.rawLength == raw.count, alignment.textLength == text.count else {
            throw IngestError(.invalidUTF8, "decoded text does not match its alignment (\(alignment.rawLength)/\(raw.count) raw, \(alignment.textLength)/\(text.count) text bytes)")
        }
        self.id = id
        self.source = source
        self.raw = raw
        self.text = text
        self.alignment = alignment
        self.encoding = encoding.flatMap { $0.isPlainUTF8 ? nil : $0 }
    }

    /// Replaces the text with an edited version. `edits` maps the current text to the
    /// new one; it is composed onto the alignment so raw offsets stay exact.
    public mutating func replaceText(_ newText: [UInt8], edits: Alignment) {
        precondition(edits.rawLength == text.count && edits.textLength == newText.count, "edits do not match the text")
        alignment = alignment.composed(with: edits)
        text = newText
    }

    public func string(_ span: TextSpan) -> String {
        String(decoding: text[span.range], as: UTF8.self)
    }

    public var textString: String { String(decoding: text, as: UTF8.self) }

    /// The document's main language: the one covering the most text of its blocks.
    public var mainLanguage: Language {
        if let forcedLanguage { return forcedLanguage }
        var weight: [Language: Int] = [:]
        for b in blocks where b.language != .und { weight[b.language, default: 0] += b.span.range.count }
        return weight.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }?.key ?? .und
    }

    /// All languages found in blocks, main language first.
    public var languages: [Language] {
        let main = mainLanguage
        var seen: [Language] = main == .und ? [] : [main]
        for b in blocks where b.language != .und && !seen.contains(b.language) { seen.append(b.language) }
        return seen
    }
}

/// What the normalize stage did, reported on the record.
public struct NormalizationSummary: Sendable, Equatable {
    public var form: String
    public var changedRuns: Int
    public init(form: String, changedRuns: Int) {
        self.form = form
        self.changedRuns = changedRuns
    }
}
