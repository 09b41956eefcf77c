import MekongCore

/// Turns an HTML page into a document's text: the page laid out as paragraphs, the
/// article found in it, a role for every paragraph, metadata from the head.
public enum HTMLIngest {
    public struct Page: Sendable {
        /// Paragraphs apart by blank lines (valid UTF-8).
        public var text: [UInt8]
        /// Maps `text` back to the page's bytes.
        public var alignment: Alignment
        /// Each paragraph's span in `text` and its role.
        public var paragraphs: [(span: TextSpan, role: BlockRole)]
        public var metadata: DocumentMetadata

        /// The article body as a reader would copy it: the body paragraphs, in order.
        public var bodyText: String {
            paragraphs.filter { $0.role == .body }.map { String(decoding: text[$0.span.range], as: UTF8.self) }.joined(separator: "\n\n")
        }
    }

    /// `html` must be valid UTF-8 (decode it first); markup errors are recovered from.
    public static func extract(_ html: [UInt8]) -> Page {
        let tree = html.withUnsafeBufferPointer { HTMLTree.parse($0) }
        let layout = HTMLTextBuilder.layout(tree, inputLength: html.count)
        var metadata = HTMLMetadata.extract(tree)
        let extractor = ContentExtractor(tree: tree, units: layout.units, text: layout.text, hints: .shared)
        let roots = extractor.mainRoots()
        let roles = extractor.roles(mainRoots: roots, title: metadata.title)
        var paragraphs: [(TextSpan, BlockRole)] = []
        paragraphs.reserveCapacity(roles.count)
        for (u, role) in zip(layout.units, roles) {
            paragraphs.append((TextSpan(u.range.lowerBound, u.range.upperBound), role))
        }
        if metadata.title == nil, let t = paragraphs.first(where: { $0.1 == .title }) {
            metadata.title = String(decoding: layout.text[t.0.range], as: UTF8.self)
        }
        return Page(text: layout.text, alignment: layout.alignment, paragraphs: paragraphs, metadata: metadata)
    }

    /// A document from an HTML page: its text is the laid-out page, its raw input the page's bytes.
    static func document(id: String, source: DocumentSource, raw: [UInt8]) throws(IngestError) -> Document {
        var html = raw
        var decoding = Alignment.identity(length: raw.count)
        // A UTF-8 byte-order mark is not content.
        if html.starts(with: [0xEF, 0xBB, 0xBF]) {
            html.removeFirst(3)
            var b = Alignment.Builder()
            b.replace(raw: 3, text: 0)
            b.copy(html.count)
            decoding = b.build()
        }
        try UTF8Validation.validate(html)
        let page = extract(html)
        let alignment = decoding.composed(with: page.alignment)
        var doc = try Document(id: id, source: source, raw: raw, text: page.text, alignment: alignment)
        doc.metadata = page.metadata
        doc.ingestBlocks = page.paragraphs.map { IngestBlock(raw: alignment.rawSpan(for: $0.span), role: $0.role) }
        doc.inputFormat = "html"
        return doc
    }
}
