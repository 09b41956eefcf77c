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

    /// A document from an HTML page: its text is the laid-out page, its raw input the
    /// page's bytes. The page is decoded first (its `<meta charset>` is the declared
    /// charset, checked against the bytes), so offsets map through both steps.
    static func document(id: String, source: DocumentSource, raw: [UInt8], encoding: EncodingChoice = .auto) throws(IngestError) -> Document {
        let decoded = try TextDecoder.decode(raw, declaredCharset: declaredCharset(raw), choice: encoding, markup: true)
        let page = extract(decoded.text)
        let alignment = decoded.alignment.composed(with: page.alignment)
        var doc = try Document(id: id, source: source, raw: raw, text: page.text, alignment: alignment, encoding: decoded.report)
        doc.metadata = page.metadata
        doc.ingestBlocks = page.paragraphs.map { IngestBlock(raw: alignment.rawSpan(for: $0.span), role: $0.role) }
        doc.inputFormat = "html"
        return doc
    }

    /// The charset a page declares in its first 2 kB (`<meta charset="…">` or the
    /// `http-equiv` form `content="text/html; charset=…"`), as browsers prescan it.
    static func declaredCharset(_ raw: [UInt8]) -> String? {
        let head = raw.prefix(2048).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array("charset".utf8)
        var i = 0
        while i + key.count < head.count {
            if head[i] == key[0], Array(head[i..<(i + key.count)]) == key {
                var j = i + key.count
                while j < head.count && head[j] == 0x20 { j += 1 }
                guard j < head.count, head[j] == 0x3D else { i += 1; continue }   // '='
                j += 1
                while j < head.count && (head[j] == 0x20 || head[j] == 0x22 || head[j] == 0x27) { j += 1 }
                var k = j
                while k < head.count, head[k] == 0x2D || head[k] == 0x5F || head[k] == 0x2E || head[k] == 0x3A
                        || (head[k] >= 0x30 && head[k] <= 0x39) || (head[k] >= 0x61 && head[k] <= 0x7A) { k += 1 }
                if k > j { return String(decoding: head[j..<k], as: UTF8.self) }
            }
            i += 1
        }
        return nil
    }
}
