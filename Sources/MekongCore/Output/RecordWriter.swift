import Foundation

/// How records are written.
public struct OutputOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable { case jsonl, sentences }
    public enum Unit: String, Sendable, CaseIterable { case document, sentence }
    public var format: Format = .jsonl
    public var unit: Unit = .document
    /// Also give every span `raw_start`/`raw_end`: code points into the raw input when it is
    /// valid UTF-8, else byte offsets into it (the record's `encoding.raw_offset_unit` says which).
    public var rawOffsets = false
    public init(format: Format = .jsonl, unit: Unit = .document, rawOffsets: Bool = false) {
        self.format = format
        self.unit = unit
        self.rawOffsets = rawOffsets
    }
}

/// Turns processed documents (or their errors) into output bytes. Offsets are
/// converted from UTF-8 bytes to code points here, and only here.
public enum RecordWriter {
    public static let schemaVersion = "mekong/1"

    public static func write(_ doc: Document, options: OutputOptions, into out: inout [UInt8]) {
        switch options.format {
        case .sentences: writeSentenceLines(doc, into: &out)
        case .jsonl:
            switch options.unit {
            case .document: writeDocument(doc, options: options, into: &out)
            case .sentence: writeSentenceRecords(doc, options: options, into: &out)
            }
        }
    }

    /// An error record: the document's id and source, and which stage failed with what message.
    public static func writeError(id: String, source: DocumentSource, stage: String, message: String, options: OutputOptions, into out: inout [UInt8]) {
        if options.format == .sentences {
            // No sentences for a failed document; keep the blank separator so documents stay apart.
            out.append(0x0A)
            return
        }
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("schema"); w.string(schemaVersion)
        w.key("id"); w.string(id)
        w.key("source"); writeSource(source, &w)
        w.key("error")
        w.beginObject()
        w.key("stage"); w.string(stage)
        w.key("message"); w.string(message)
        w.endObject()
        w.endObject()
        w.newline()
        out.append(contentsOf: w.bytes)
    }

    private static func writeSource(_ s: DocumentSource, format: String? = nil, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("path"); if let p = s.path { w.string(p) } else { w.null() }
        if let line = s.line { w.key("line"); w.int(line) }
        if let format { w.key("format"); w.string(format) }
        w.endObject()
    }

    private static func writeMetadata(_ m: DocumentMetadata, _ w: inout JSONWriter) {
        w.key("metadata")
        w.beginObject()
        func field(_ key: StaticString, _ value: String?) {
            if let value { w.key(key); w.string(value) }
        }
        func list(_ key: StaticString, _ values: [String]) {
            guard !values.isEmpty else { return }
            w.key(key)
            w.beginArray()
            for v in values { w.string(v) }
            w.endArray()
        }
        field("title", m.title)
        field("outlet", m.outlet)
        field("published", m.published)
        field("url", m.url)
        field("source_url", m.sourceURL)
        list("authors", m.authors)
        list("credits", m.credits)
        field("declared_language", m.declaredLanguage)
        field("description", m.description)
        w.endObject()
    }

    private static func writeLanguages(_ doc: Document, _ w: inout JSONWriter) {
        w.key("language"); w.string(doc.mainLanguage.rawValue)
        w.key("languages")
        w.beginArray()
        for l in doc.languages { w.string(l.rawValue) }
        w.endArray()
    }

    private static func writeStages(_ doc: Document, _ w: inout JSONWriter) {
        w.key("stages")
        w.beginArray()
        w.string("ingest")
        for s in doc.stagesRun { w.string(s) }
        w.endArray()
    }

    private struct Offsets {
        var text: CodePointCounter
        /// Code points of the raw input; nil with raw byte offsets or without raw offsets.
        var raw: CodePointCounter?
        let rawBytes: Bool
        let alignment: Alignment

        init(_ doc: Document, _ options: OutputOptions) {
            text = CodePointCounter(doc.text)
            let unit = doc.encoding?.rawOffsetUnit ?? .codePoint
            rawBytes = options.rawOffsets && unit == .byte
            raw = options.rawOffsets && unit == .codePoint ? CodePointCounter(doc.raw) : nil
            alignment = doc.alignment
        }

        mutating func write(_ span: TextSpan, _ w: inout JSONWriter) {
            w.key("start"); w.int(text.codePoint(at: span.start.utf8Offset))
            w.key("end"); w.int(text.codePoint(at: span.end.utf8Offset))
            if raw != nil {
                let r = alignment.rawSpan(for: span)
                w.key("raw_start"); w.int(raw!.codePoint(at: r.start.utf8Offset))
                w.key("raw_end"); w.int(raw!.codePoint(at: r.end.utf8Offset))
            } else if rawBytes {
                let r = alignment.rawSpan(for: span)
                w.key("raw_start"); w.int(r.start.utf8Offset)
                w.key("raw_end"); w.int(r.end.utf8Offset)
            }
        }
    }

    /// The `encoding` object: only for documents that were not plain UTF-8.
    private static func writeEncoding(_ doc: Document, _ w: inout JSONWriter) {
        guard let e = doc.encoding else { return }
        w.key("encoding")
        w.beginObject()
        w.key("detected"); w.string(e.detected)
        w.key("confidence"); w.fixed(e.confidence)
        if let d = e.declared { w.key("declared"); w.string(d) }
        w.key("repairs")
        w.beginArray()
        for r in e.repairs { w.string(r) }
        w.endArray()
        if let i = e.invalidBytes {
            w.key("invalid_bytes")
            w.beginObject()
            w.key("count"); w.int(i.count)
            w.key("first_offset"); w.int(i.firstOffset)
            w.endObject()
        }
        w.key("raw_offset_unit"); w.string(e.rawOffsetUnit.rawValue)
        w.endObject()
    }

    private static func writeDocument(_ doc: Document, options: OutputOptions, into out: inout [UInt8]) {
        var w = JSONWriter(capacity: doc.text.count * 2 + 512)
        var offsets = Offsets(doc, options)
        w.beginObject()
        w.key("schema"); w.string(schemaVersion)
        w.key("id"); w.string(doc.id)
        w.key("source"); writeSource(doc.source, format: doc.inputFormat, &w)
        writeLanguages(doc, &w)
        writeStages(doc, &w)
        writeEncoding(doc, &w)
        w.key("text"); doc.text.withUnsafeBufferPointer { w.string(utf8: $0) }
        if !doc.metadata.isEmpty { writeMetadata(doc.metadata, &w) }
        if let n = doc.normalization {
            w.key("normalization")
            w.beginObject()
            w.key("form"); w.string(n.form)
            w.key("changed_runs"); w.int(n.changedRuns)
            w.endObject()
        }
        w.key("blocks")
        w.beginArray()
        for b in doc.blocks {
            w.beginObject()
            offsets.write(b.span, &w)
            w.key("role"); w.string(b.role.rawValue)
            w.key("language"); w.string(b.language.rawValue)
            w.key("confidence"); w.fixed(b.languageConfidence)
            w.endObject()
        }
        w.endArray()
        w.key("sentences")
        w.beginArray()
        for s in doc.sentences {
            w.beginObject()
            offsets.write(s.span, &w)
            w.key("block"); w.int(s.block)
            w.key("language"); w.string(s.language.rawValue)
            w.key("confidence"); w.fixed(s.languageConfidence)
            w.endObject()
        }
        w.endArray()
        if doc.stagesRun.contains(StageName.entities.rawValue) {
            w.key("entities")
            writeEntities(doc.entities[...], &w, &offsets, doc)
        }
        if doc.stagesRun.contains(StageName.claims.rawValue) {
            w.key("claims")
            writeClaims(doc.claims[...], &w, &offsets, doc)
        }
        w.endObject()
        w.newline()
        out.append(contentsOf: w.bytes)
    }

    private static func writeClaims(_ claims: ArraySlice<Claim>, _ w: inout JSONWriter, _ offsets: inout Offsets, _ doc: Document) {
        w.beginArray()
        for c in claims {
            w.beginObject()
            offsets.write(c.span, &w)
            w.key("text"); w.string(utf8: doc.text[c.span.range])
            w.key("kind"); w.string(c.kind.rawValue)
            if let v = c.value { w.key("value"); w.string(v) }
            if let v = c.low { w.key("low"); w.string(v) }
            if let v = c.high { w.key("high"); w.string(v) }
            if let v = c.unit { w.key("unit"); w.string(v) }
            if let v = c.scale { w.key("scale"); w.string(v) }
            if let v = c.qualifier { w.key("qualifier"); w.string(v.rawValue) }
            if let v = c.change { w.key("change"); w.string(v.rawValue) }
            w.endObject()
        }
        w.endArray()
    }

    private static func writeEntities(_ entities: ArraySlice<Entity>, _ w: inout JSONWriter, _ offsets: inout Offsets, _ doc: Document) {
        w.beginArray()
        for e in entities {
            w.beginObject()
            offsets.write(e.span, &w)
            w.key("label"); w.string(e.label.rawValue)
            w.key("text"); w.string(utf8: doc.text[e.span.range])
            w.key("canonical"); w.string(e.canonical)
            if let id = e.id { w.key("id"); w.string(id) }
            w.key("source"); w.string(e.source.rawValue)
            w.endObject()
        }
        w.endArray()
    }

    /// One record per sentence, each carrying its document's id and its offsets in the document text.
    private static func writeSentenceRecords(_ doc: Document, options: OutputOptions, into out: inout [UInt8]) {
        var offsets = Offsets(doc, options)
        var w = JSONWriter(capacity: 512)
        for (i, s) in doc.sentences.enumerated() {
            w.removeAll()
            w.beginObject()
            w.key("schema"); w.string(schemaVersion)
            w.key("id"); w.string("\(doc.id)#\(i)")
            w.key("document"); w.string(doc.id)
            w.key("index"); w.int(i)
            w.key("source"); writeSource(doc.source, &w)
            w.key("language"); w.string(s.language.rawValue)
            w.key("confidence"); w.fixed(s.languageConfidence)
            writeStages(doc, &w)
            writeEncoding(doc, &w)
            w.key("text"); w.string(utf8: doc.text[s.span.range])
            offsets.write(s.span, &w)
            w.key("block"); w.int(s.block)
            if doc.stagesRun.contains(StageName.entities.rawValue) {
                w.key("entities")
                let inside = doc.entities.filter { $0.span.start >= s.span.start && $0.span.end <= s.span.end }
                writeEntities(inside[...], &w, &offsets, doc)
            }
            if doc.stagesRun.contains(StageName.claims.rawValue) {
                w.key("claims")
                let inside = doc.claims.filter { $0.span.start >= s.span.start && $0.span.end <= s.span.end }
                writeClaims(inside[...], &w, &offsets, doc)
            }
            w.endObject()
            w.newline()
            out.append(contentsOf: w.bytes)
        }
    }

    /// One sentence per line (line breaks inside a sentence become spaces), a blank line after each document.
    private static func writeSentenceLines(_ doc: Document, into out: inout [UInt8]) {
        for s in doc.sentences {
            for b in doc.text[s.span.range] { out.append(b == 0x0A ? 0x20 : b) }
            out.append(0x0A)
        }
        out.append(0x0A)
    }
}

extension RecordWriter {
    /// The JSON Schema of the records, as shipped with the library.
    public static var schemaURL: URL? { Bundle.module.url(forResource: "record.schema", withExtension: "json", subdirectory: "Schema") }
}
