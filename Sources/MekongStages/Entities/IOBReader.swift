import Foundation

/// A sentence of a CoNLL/IOB file: its tokens and their tags as written.
public struct IOBSentence: Sendable, Equatable {
    public var tokens: [String]
    public var tags: [String]
    public init(tokens: [String], tags: [String]) {
        self.tokens = tokens
        self.tags = tags
    }

    /// Gold entities: conlleval's chunks (first token, end token, type), read the same way
    /// from IOB1, IOB2 and BIOES.
    public var chunks: [(start: Int, end: Int, type: String)] { IOBReader.chunks(tags) }
}

/// Reads CoNLL/IOB files exactly as `../shared/tools/score_ner.py` reads gold, so that the
/// trainer sees what the scorer scores: tab-separated columns when the file has a tab, else
/// single spaces; token lines have the most frequent column count; the tag column is the last
/// one holding an IOB tag (O, B-X, I-X, E-X, S-X) on every such line; the token column is the
/// first, or the second when the first is a running number (UNER); blank lines and
/// `-DOCSTART-` end a sentence; other `#` lines are comments; sentences over 1000 tokens are
/// cut after sentence-final tokens, never inside an entity.
public enum IOBReader {
    public struct FormatError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    static let maxTokens = 1000

    public static func read(contentsOf url: URL) throws -> [IOBSentence] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw FormatError(message: "\(url.path): cannot read") }
        guard let text = String(data: data, encoding: .utf8) else { throw FormatError(message: "\(url.path): not UTF-8") }
        return try read(text, name: url.path)
    }

    /// Whether a field is an IOB tag: `O` or `[BIES]-` followed by a label without blanks.
    static func isTag(_ s: Substring) -> Bool {
        if s == "O" { return true }
        let u = s.utf8
        guard u.count >= 3, let f = u.first, f == 0x42 || f == 0x49 || f == 0x45 || f == 0x53 else { return false }
        guard u[u.index(after: u.startIndex)] == 0x2D else { return false }
        return !s.dropFirst(2).contains { $0.isWhitespace }
    }

    private static func isDigits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy(\.isNumber) && s.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal } }

    public static func read(_ content: String, name: String = "input") throws -> [IOBSentence] {
        var text = Substring(content)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let separator: Character = lines.contains { $0.contains("\t") } ? "\t" : " "
        // Columns of each line, or nil for a sentence break.
        var rows: [[Substring]?] = []
        rows.reserveCapacity(lines.count)
        for raw in lines {
            var line = raw
            while line.hasSuffix("\r") { line = line.dropLast() }
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("-DOCSTART-") { rows.append(nil); continue }
            var cols = line.split(separator: separator, omittingEmptySubsequences: false)
            if separator == " " { cols = cols.filter { !$0.isEmpty } }
            rows.append(cols)
        }
        // The most frequent width; ties go to the width seen first (as Python's Counter does).
        var counts: [Int: Int] = [:], order: [Int] = []
        for case let cols? in rows {
            if counts[cols.count] == nil { order.append(cols.count) }
            counts[cols.count, default: 0] += 1
        }
        guard let width = order.max(by: { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }) else { return [] }
        // Lines starting with "#" may be comments or "#" tokens: they do not decide the columns.
        let full = rows.compactMap { $0 }.filter { $0.count == width && !$0[0].hasPrefix("#") }
        guard let tagColumn = stride(from: width - 1, to: 0, by: -1).first(where: { k in !full.isEmpty && full.allSatisfy { isTag($0[k]) } }) else {
            throw FormatError(message: "\(name): no column holds an IOB tag on every token line")
        }
        let tokenColumn = tagColumn >= 2 && full.allSatisfy({ isDigits($0[0]) }) ? 1 : 0
        var sentences: [IOBSentence] = []
        var tokens: [String] = [], tags: [String] = []
        for (n, row) in rows.enumerated() {
            guard let cols = row else {
                if !tokens.isEmpty { sentences.append(IOBSentence(tokens: tokens, tags: tags)); tokens = []; tags = [] }
                continue
            }
            if cols.count == width && isTag(cols[tagColumn]) && (tokenColumn == 0 || isDigits(cols[0])) {
                tokens.append(String(cols[tokenColumn]))
                tags.append(String(cols[tagColumn]))
            } else if !cols[0].hasPrefix("#") {
                throw FormatError(message: "\(name):\(n + 1): not a token line: \(cols.joined(separator: String(separator)).prefix(80))")
            }
        }
        if !tokens.isEmpty { sentences.append(IOBSentence(tokens: tokens, tags: tags)) }
        return sentences.flatMap(cutLong)
    }

    /// A sentence of more than 1000 tokens (a file without sentence breaks) cut after tokens
    /// ending in . ! ? and after every 1000th token, never just before an I-/E- tag.
    static func cutLong(_ s: IOBSentence) -> [IOBSentence] {
        guard s.tokens.count > maxTokens else { return [s] }
        var out: [IOBSentence] = []
        var start = 0
        let n = s.tokens.count
        for i in 0..<n {
            let nextContinues = i + 1 < n && (s.tags[i + 1].hasPrefix("I") || s.tags[i + 1].hasPrefix("E"))
            let last = s.tokens[i].last
            if i + 1 < n && !nextContinues && (last == "." || last == "!" || last == "?" || i + 1 - start >= maxTokens) {
                out.append(IOBSentence(tokens: Array(s.tokens[start...i]), tags: Array(s.tags[start...i])))
                start = i + 1
            }
        }
        out.append(IOBSentence(tokens: Array(s.tokens[start...]), tags: Array(s.tags[start...])))
        return out
    }

    /// conlleval chunks of an IOB1/IOB2/BIOES tag sequence: an entity starts at B-X or S-X, or
    /// at an I-X/E-X that does not continue an X entity, continues over I-X/E-X of its type,
    /// and ends after E-X or S-X.
    public static func chunks(_ tags: [String]) -> [(start: Int, end: Int, type: String)] {
        var out: [(start: Int, end: Int, type: String)] = []
        var start: Int? = nil
        var type = ""
        var prev: Character = "O"
        for (i, t) in tags.enumerated() {
            let p: Character = t == "O" ? "O" : t.first!
            let ty = t == "O" ? "" : String(t.dropFirst(2))
            if let s = start, p == "O" || p == "B" || p == "S" || ty != type || prev == "E" || prev == "S" {
                out.append((s, i, type))
                start = nil
            }
            if p != "O" && start == nil { start = i; type = ty }
            prev = p
        }
        if let s = start { out.append((s, tags.count, type)) }
        return out
    }
}
