import Foundation
import MekongCore

/// What the input files hold.
public enum InputFormat: String, Sendable, CaseIterable {
    /// One document per file (or all of stdin).
    case text
    /// One JSON object per line, with a text field and an optional id field.
    case jsonl
    /// One web page per file: its article is extracted, every paragraph gets a role.
    case html
}

public struct InputOptions: Sendable {
    /// Forces a format; otherwise the extension decides (`.jsonl`/`.ndjson`, `.html`/`.htm`,
    /// else text), looking through a `.gz` suffix.
    public var format: InputFormat?
    public var textField = "text"
    public var idField = "id"
    /// Larger documents become error records instead of being loaded.
    public var maxDocumentBytes = 256 << 20
    /// How text files are decoded (`--encoding`); JSON strings are Unicode already, so for
    /// JSONL only the mojibake and VIQR checks (auto) or VIQR (forced) apply.
    public var encoding: EncodingChoice = .auto
    public init(format: InputFormat? = nil, textField: String = "text", idField: String = "id", encoding: EncodingChoice = .auto) {
        self.format = format
        self.textField = textField
        self.idField = idField
        self.encoding = encoding
    }
}

/// One unit of input, read but not yet decoded: JSON lines are parsed by the
/// worker that processes them, so reading stays cheap and sequential.
public enum InputItem: Sendable {
    case text(id: String, source: DocumentSource, bytes: [UInt8])
    case html(id: String, source: DocumentSource, bytes: [UInt8])
    case jsonLine(source: DocumentSource, bytes: [UInt8])
    case failure(id: String, source: DocumentSource, error: IngestError)

    public var byteCount: Int {
        switch self {
        case .text(_, _, let b), .html(_, _, let b), .jsonLine(_, let b): return b.count
        case .failure: return 0
        }
    }

    /// Turns the item into a document (decoding a JSON line here).
    public func document(options: InputOptions) throws(IngestError) -> Document {
        switch self {
        case let .text(id, source, bytes):
            var doc = try Document(id: id, source: source, decoding: bytes, encoding: options.encoding)
            doc.inputFormat = "text"
            return doc
        case let .html(id, source, bytes):
            return try HTMLIngest.document(id: id, source: source, raw: bytes, encoding: options.encoding)
        case let .jsonLine(source, bytes):
            let fields = try bytes.withUnsafeBufferPointer { (p) throws(IngestError) in
                try JSONLineParser.parse(p, textField: options.textField, idField: options.idField)
            }
            let id = fields.id ?? defaultID(source)
            guard let text = fields.text else {
                throw IngestError(.missingField, "no string field \"\(options.textField)\" in this line (set it with --text-field)")
            }
            var doc = try Document(id: id, source: source, unicodeText: text, encoding: options.encoding)
            doc.inputFormat = "jsonl"
            return doc
        case let .failure(_, _, error):
            throw error
        }
    }

    public var id: String {
        switch self {
        case let .text(id, _, _), let .html(id, _, _), let .failure(id, _, _): return id
        case let .jsonLine(source, _): return defaultID(source)
        }
    }

    public var source: DocumentSource {
        switch self {
        case let .text(_, s, _), let .html(_, s, _), let .jsonLine(s, _), let .failure(_, s, _): return s
        }
    }
}

private func defaultID(_ s: DocumentSource) -> String {
    "\(s.path ?? "stdin"):\(s.line ?? 0)"
}

/// Streams input items from files, directories (recursive, sorted) and stdin (`-`).
/// Memory stays bounded: a text file is one document, a JSONL file is read line by line.
public final class InputReader: Sequence, IteratorProtocol {
    private var pending: [String]
    private let options: InputOptions
    private var lines: LineReader?
    private var linesPath: String?
    private var lineNumber = 0

    public init(paths: [String], options: InputOptions) {
        self.pending = paths.isEmpty ? ["-"] : paths
        self.options = options
        pending = expand(pending)
    }

    /// Directories become their files with a known extension, sorted.
    private func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                let base = URL(fileURLWithPath: path)
                var files: [String] = []
                if let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) {
                    for case let u as URL in e where Self.knownExtensions.contains(Self.innerExtension(u.path)) {
                        files.append(u.path)
                    }
                }
                out.append(contentsOf: files.sorted())
            } else {
                out.append(path)
            }
        }
        return out
    }

    static let knownExtensions: Set<String> = ["txt", "text", "jsonl", "ndjson", "html", "htm"]

    static func isGzip(_ path: String) -> Bool { (path as NSString).pathExtension.lowercased() == "gz" }

    /// The extension that tells the format: `page.html.gz` → `html`.
    static func innerExtension(_ path: String) -> String {
        let p = isGzip(path) ? (path as NSString).deletingPathExtension : path
        return (p as NSString).pathExtension.lowercased()
    }

    private func format(of path: String) -> InputFormat {
        if let f = options.format { return f }
        switch Self.innerExtension(path) {
        case "jsonl", "ndjson": return .jsonl
        case "html", "htm": return .html
        default: return .text
        }
    }

    public func next() -> InputItem? {
        while true {
            if let reader = lines {
                switch reader.nextLine() {
                case .line(let bytes):
                    lineNumber += 1
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }  // blank lines are not documents
                    return .jsonLine(source: DocumentSource(path: linesPath, line: lineNumber), bytes: bytes)
                case .tooLong(let size):
                    lineNumber += 1
                    let s = DocumentSource(path: linesPath, line: lineNumber)
                    return .failure(id: defaultID(s), source: s, error: IngestError(.tooLarge, "line of \(size) bytes is over the limit of \(options.maxDocumentBytes) bytes"))
                case .end:
                    lines = nil
                case .failed(let message):
                    lines = nil
                    let s = DocumentSource(path: linesPath, line: lineNumber + 1)
                    return .failure(id: defaultID(s), source: s, error: IngestError(.unreadable, message))
                }
            }
            guard !pending.isEmpty else { return nil }
            let path = pending.removeFirst()
            let displayPath: String? = path == "-" ? nil : path
            let handle: FileHandle?
            if path == "-" { handle = FileHandle.standardInput } else { handle = FileHandle(forReadingAtPath: path) }
            guard let handle else {
                let s = DocumentSource(path: displayPath)
                return .failure(id: path, source: s, error: IngestError(.unreadable, "cannot open \(path)"))
            }
            var byteSource: ByteSource = FileSource(handle)
            if Self.isGzip(path) {
                do { byteSource = try GzipSource(byteSource) } catch {
                    let s = DocumentSource(path: displayPath)
                    return .failure(id: path, source: s, error: error)
                }
            }
            let format = format(of: path)
            switch format {
            case .jsonl:
                lines = LineReader(byteSource, maxLine: options.maxDocumentBytes)
                linesPath = displayPath
                lineNumber = 0
            case .text, .html:
                let s = DocumentSource(path: displayPath)
                let id = displayPath ?? "stdin"
                switch LineReader.readAll(byteSource, max: options.maxDocumentBytes) {
                case .success(let bytes): return format == .html ? .html(id: id, source: s, bytes: bytes) : .text(id: id, source: s, bytes: bytes)
                case .failure(let e): return .failure(id: id, source: s, error: e)
                }
            }
        }
    }
}

/// Reads a file handle in chunks and yields its lines, never holding more than one line.
final class LineReader {
    enum Result { case line([UInt8]), tooLong(Int), end, failed(String) }

    private let source: ByteSource
    private let maxLine: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEOF = false
    /// A read error (a truncated gzip stream): reported once the lines before it are out.
    private var failure: String?
    private static let chunk = 1 << 20

    init(_ source: ByteSource, maxLine: Int) {
        self.source = source
        self.maxLine = maxLine
    }

    private func fill() -> Bool {
        guard !atEOF else { return false }
        let data: [UInt8]
        do { data = try source.read(upTo: Self.chunk) } catch {
            atEOF = true
            failure = error.message
            return false
        }
        if data.isEmpty { atEOF = true; return false }
        if position > 0 { buffer.removeFirst(position); position = 0 }
        buffer.append(contentsOf: data)
        return true
    }

    func nextLine() -> Result {
        var scanned = 0            // bytes after `position` known to hold no line break
        var skipping = false
        var skipped = 0
        while true {
            if let nl = buffer[(position + scanned)...].firstIndex(of: 0x0A) {
                defer { position = nl + 1 }
                if skipping { return .tooLong(skipped + nl - position) }
                var end = nl
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                return .line(Array(buffer[position..<end]))
            }
            scanned = buffer.count - position
            if scanned > maxLine {
                // Too long to keep: count it, drop it, and skip to the next line break.
                skipped += scanned
                skipping = true
                buffer.removeAll(keepingCapacity: true)
                position = 0
                scanned = 0
            }
            if !fill() {
                if let f = failure, position >= buffer.count {
                    failure = nil
                    return .failed(f)
                }
                defer { position = buffer.count }
                if skipping { return .tooLong(skipped + buffer.count - position) }
                if position >= buffer.count { return .end }
                return .line(Array(buffer[position...]))
            }
        }
    }

    static func readAll(_ source: ByteSource, max: Int) -> Swift.Result<[UInt8], IngestError> {
        var out: [UInt8] = []
        while true {
            let data: [UInt8]
            do { data = try source.read(upTo: chunk) } catch {
                return .failure(error)
            }
            if data.isEmpty { break }
            out.append(contentsOf: data)
            if out.count > max { return .failure(IngestError(.tooLarge, "document is over the limit of \(max) bytes")) }
        }
        return .success(out)
    }
}
