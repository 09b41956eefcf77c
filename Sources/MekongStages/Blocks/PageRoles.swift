import Foundation
import MekongCore

/// Roles for the blocks of a scraped page that came as plain text, and the metadata
/// its lines carry.
///
/// A scraped page has a shape: site lines, then the title, the article (paragraphs that
/// end in sentence punctuation, with subheadings and captions between them), then
/// comments, related links and category names. The article is the stretch from the
/// first to the last paragraph; short lines before it are the title (the last one) and
/// site boilerplate, lines after it are boilerplate. Lines with a telling form get
/// their role anywhere: `Bron: <url>` (source), `(Foto: …)` (credit, split off the
/// caption it ends), an outlet glued to a date (metadata), a line just above a caption
/// (image alt text, a caption too).
struct PageRoles {
    let cues: BlockCues

    init() throws { cues = try BlockCues.shared() }

    /// What one block looks like, worked out once.
    private struct Line {
        var span: TextSpan
        var string: String
        var scalars: Int
        /// Ends in `.`, `!`, `?`, `…`, a closing quote or bracket after one of those, or `:`.
        var endsSentence: Bool
        /// Apart from the previous block by a single line break (same paragraph of the raw text).
        var joinedToPrevious: Bool
        var paragraphLike: Bool { scalars >= 60 && endsSentence || scalars >= 200 }
    }

    /// Gives roles to the blocks of a text document and fills its metadata.
    func assign(_ document: inout Document) {
        let text = document.text
        var lines: [Line] = []
        lines.reserveCapacity(document.blocks.count)
        var previousEnd = -1
        for b in document.blocks {
            let r = b.span.range
            let joined = previousEnd >= 0 && !text[previousEnd..<r.lowerBound].dropFirst().contains(0x0A)
            // Only short lines are read as strings (their form may tell their role); a long
            // one is a paragraph whatever it says.
            let scalars = Self.scalarCount(text[r])
            let s = scalars <= Self.maxTellingScalars ? String(decoding: text[r], as: UTF8.self) : ""
            lines.append(Line(span: b.span, string: s, scalars: scalars,
                              endsSentence: Self.endsSentence(text, r), joinedToPrevious: joined))
            previousEnd = r.upperBound
        }
        guard let firstBody = lines.firstIndex(where: \.paragraphLike), let lastParagraph = lines.lastIndex(where: \.paragraphLike) else {
            // No paragraph: a short text, not a page. Only lines with a telling form get a role.
            for i in lines.indices { document.blocks[i].role = telling(lines[i], &document.metadata) ?? .body }
            splitCredits(&document)
            return
        }
        var roles = [BlockRole](repeating: .body, count: lines.count)
        var told = [Bool](repeating: false, count: lines.count)
        for i in lines.indices {
            if let r = telling(lines[i], &document.metadata) { roles[i] = r; told[i] = true }
        }
        // The article ends at its source line (`Bron: …`) if it has one, and never on a
        // question: related-article headlines after the article often are questions.
        var lastBody = lastParagraph
        if let source = roles.indices.first(where: { $0 > firstBody && roles[$0] == .source }) {
            lastBody = min(lastBody, source - 1)
        }
        while lastBody > firstBody && (!lines[lastBody].paragraphLike || document.text[lines[lastBody].span.range].last == 0x3F && lines[lastBody].scalars < 150) {
            lastBody -= 1
        }
        // A line just above a caption, in the same paragraph and not a sentence, is the image's alt text.
        for i in lines.indices.dropLast() where !told[i] && !lines[i].paragraphLike && lines[i + 1].joinedToPrevious {
            if roles[i + 1] == .caption { roles[i] = .caption; told[i] = true }
        }
        // Before the article: the title is the last plain line, the rest is the site's.
        var titleIndex: Int?
        for i in stride(from: firstBody - 1, through: 0, by: -1) where !told[i] {
            if titleIndex == nil && !Self.looksLikeSiteName(lines[i].string) && lines[i].scalars >= 10 {
                titleIndex = i
                roles[i] = .title
            } else {
                roles[i] = .boilerplate
            }
        }
        // After the article: comments, related links, categories.
        for i in lines.indices where i > lastBody && !told[i] { roles[i] = .boilerplate }
        for i in lines.indices { document.blocks[i].role = roles[i] }
        if let t = titleIndex, document.metadata.title == nil { document.metadata.title = lines[t].string }
        splitCredits(&document)
    }

    /// For a page whose roles came from its HTML structure: lines with a telling form
    /// inside the article (`Bron: …`, `(Foto: …)`) still get their own role and metadata.
    func refine(_ document: inout Document) {
        for i in document.blocks.indices where document.blocks[i].role == .body || document.blocks[i].role == .caption {
            let b = document.blocks[i]
            let scalars = Self.scalarCount(document.text[b.span.range])
            guard scalars <= Self.maxTellingScalars else { continue }
            let s = document.string(b.span)
            let line = Line(span: b.span, string: s, scalars: scalars,
                            endsSentence: Self.endsSentence(document.text, b.span.range), joinedToPrevious: false)
            if let r = telling(line, &document.metadata), r != .caption { document.blocks[i].role = r }
        }
        splitCredits(&document)
    }

    /// Lines longer than this have no telling form: they are paragraphs.
    static let maxTellingScalars = 300

    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// The role a line's own form gives it, wherever it stands; fills metadata on the way.
    private func telling(_ line: Line, _ metadata: inout DocumentMetadata) -> BlockRole? {
        guard line.scalars <= Self.maxTellingScalars else { return nil }
        let s = line.string
        if let (kind, rest) = cues.leadingCue(s) {
            switch kind {
            case .source:
                if metadata.sourceURL == nil, let url = Self.firstURL(rest) { metadata.sourceURL = url }
                return .source
            case .credit:
                if line.scalars <= 80 {
                    metadata.credits.appendUnique(Self.creditName(rest))
                    return .credit
                }
            case .author:
                if line.scalars <= 80 && !line.endsSentence {
                    metadata.authors.appendUnique(rest.trimmingCharacters(in: .whitespaces))
                    return .metadata
                }
            }
        }
        if line.scalars <= 80, let (prefix, date) = Self.trailingDate(s) {
            if metadata.published == nil { metadata.published = date }
            if metadata.outlet == nil, let outlet = Self.outlet(prefix) { metadata.outlet = outlet }
            return .metadata
        }
        // A line ending in a credit is a caption (the credit is split off later).
        if cues.creditSuffix(s) != nil { return .caption }
        return nil
    }

    /// Splits `… (Foto: Bach Duong)` off the caption it ends, as a block of its own.
    func splitCredits(_ document: inout Document) {
        var i = 0
        while i < document.blocks.count {
            let b = document.blocks[i]
            // Cheap test first: a credit ends in `)`. Only the block's tail is read as a string.
            guard b.role == .caption || b.role == .body, !b.span.isEmpty, document.text[b.span.end.utf8Offset - 1] == 0x29 else { i += 1; continue }
            var tailStart = max(b.span.start.utf8Offset, b.span.end.utf8Offset - 120)
            while tailStart < b.span.end.utf8Offset && document.text[tailStart] & 0xC0 == 0x80 { tailStart += 1 }
            let s = String(decoding: document.text[tailStart..<b.span.end.utf8Offset], as: UTF8.self)
            guard let suffix = cues.creditSuffix(s) else { i += 1; continue }
            let creditStart = b.span.end.utf8Offset - suffix.byteCount
            var captionEnd = creditStart
            while captionEnd > b.span.start.utf8Offset && document.text[captionEnd - 1] == 0x20 { captionEnd -= 1 }
            document.metadata.credits.appendUnique(suffix.name)
            var credit = b
            credit.span = TextSpan(creditStart, b.span.end.utf8Offset)
            credit.role = .credit
            if captionEnd > b.span.start.utf8Offset {
                document.blocks[i].span = TextSpan(b.span.start.utf8Offset, captionEnd)
                document.blocks[i].role = .caption
                document.blocks.insert(credit, at: i + 1)
                i += 2
            } else {
                document.blocks[i] = credit
                i += 1
            }
        }
    }

    // MARK: Forms of lines

    private static func endsSentence(_ text: [UInt8], _ r: Range<Int>) -> Bool {
        var j = r.upperBound
        // Skip closing quotes and brackets: `… gezegd.”`, `(… 2025.)`.
        while j > r.lowerBound {
            let (v, start) = text.withUnsafeBufferPointer { Scalars.decode($0, before: j) }
            switch v {
            case 0x2E, 0x21, 0x3F, 0x2026, 0x3A, 0x3B: return true
            case 0x22, 0x27, 0x29, 0x5D, 0x201D, 0x2019, 0xBB, 0x20: j = start
            default: return false
            }
        }
        return false
    }

    /// `Vietnam.vn - Nền tảng …`: a line that names a web address is the site's own.
    static func looksLikeSiteName(_ s: String) -> Bool {
        for word in s.split(separator: " ") where word.count >= 4 {
            let w = word.lowercased()
            if w.hasPrefix("http") || w.hasPrefix("www.") { return true }
            if let dot = w.lastIndex(of: "."), dot != w.startIndex {
                let tld = w[w.index(after: dot)...]
                if (2...4).contains(tld.count) && tld.allSatisfy({ $0.isASCII && $0.isLetter }) { return true }
            }
        }
        return false
    }

    static func firstURL(_ s: String) -> String? {
        for word in s.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let w = word.trimmingCharacters(in: CharacterSet(charactersIn: "()<>[]\"'"))
            if w.lowercased().hasPrefix("http://") || w.lowercased().hasPrefix("https://") || w.lowercased().hasPrefix("www.") { return w }
        }
        return nil
    }

    static func creditName(_ s: String) -> String {
        s.trimmingCharacters(in: CharacterSet(charactersIn: " ()[]").union(.whitespaces))
    }

    /// `Thời ĐạiThời Đại21/11/2025` → (`Thời ĐạiThời Đại`, `2025-11-21`). The date is
    /// day/month/year (Vietnamese and Dutch order) unless the first number cannot be a
    /// day's month and the second can (`11/21/2025`); an optional time may follow.
    static func trailingDate(_ s: String) -> (String, String)? {
        var u = Array(s.utf8)
        // An optional trailing time: ` 08:30`, ` | 08:30`, ` - 08:30:15`.
        if let colon = u.lastIndex(of: 0x3A), colon >= 2, u.count - colon <= 6 {
            var k = colon - 1
            while k > 0 && u[k] >= 0x30 && u[k] <= 0x39 { k -= 1 }
            var cut = k + 1
            while cut > 0 && (u[cut - 1] == 0x20 || u[cut - 1] == 0x7C || u[cut - 1] == 0x2D || u[cut - 1] == 0x2C) { cut -= 1 }
            if cut < colon - 1 { u = Array(u[..<cut]) }
        }
        func number(endingAt end: Int, maxDigits: Int) -> (Int, Int)? {
            var k = end
            while k > 0 && end - k < maxDigits && u[k - 1] >= 0x30 && u[k - 1] <= 0x39 { k -= 1 }
            guard k < end else { return nil }
            return (Int(String(decoding: u[k..<end], as: UTF8.self))!, k)
        }
        // ISO order: `… 2025-11-21`.
        if u.count >= 10, u[u.count - 3] == 0x2D, u[u.count - 6] == 0x2D,
           let (d, ds) = number(endingAt: u.count, maxDigits: 2), ds == u.count - 2,
           let (m, ms) = number(endingAt: u.count - 3, maxDigits: 2), ms == u.count - 5,
           let (y, ys) = number(endingAt: u.count - 6, maxDigits: 4), ys == u.count - 10,
           (1900...2100).contains(y), (1...12).contains(m), (1...31).contains(d) {
            var p = ys
            while p > 0 && (u[p - 1] == 0x20 || u[p - 1] == 0x2C || u[p - 1] == 0x7C) { p -= 1 }
            let prefix = String(decoding: u[..<p], as: UTF8.self)
            guard prefix.unicodeScalars.count <= 60, prefix.split(separator: " ").count <= 8 else { return nil }
            return (prefix, String(format: "%04d-%02d-%02d", y, m, d))
        }
        guard let (year, ys) = number(endingAt: u.count, maxDigits: 4), u.count - ys == 4, (1900...2100).contains(year), ys > 0 else { return nil }
        let sep = u[ys - 1]
        guard sep == 0x2F || sep == 0x2E || sep == 0x2D else { return nil }
        guard let (b, bs) = number(endingAt: ys - 1, maxDigits: 2), bs > 0, u[bs - 1] == sep,
              let (a, as_) = number(endingAt: bs - 1, maxDigits: 2) else { return nil }
        var (day, month) = (a, b)
        if month > 12 && day <= 12 { (day, month) = (b, a) }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        // The text before the date: not a sentence (`… op 21/11/2025.` ends differently anyway).
        var p = as_
        while p > 0 && (u[p - 1] == 0x20 || u[p - 1] == 0x2C || u[p - 1] == 0x7C || u[p - 1] == 0x2D) { p -= 1 }
        let prefix = String(decoding: u[..<p], as: UTF8.self)
        guard prefix.unicodeScalars.count <= 60, prefix.split(separator: " ").count <= 8 else { return nil }
        return (prefix, String(format: "%04d-%02d-%02d", year, month, day))
    }

    /// `Thời ĐạiThời Đại` (a scraper joined the outlet's logo text and its name) → `Thời Đại`.
    static func outlet(_ prefix: String) -> String? {
        let t = prefix.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.unicodeScalars.first.map({ $0.properties.isUppercase || CharacterSet.decimalDigits.contains($0) }) == true else { return nil }
        let scalars = Array(t.unicodeScalars)
        if scalars.count % 2 == 0 && scalars[..<(scalars.count / 2)] == scalars[(scalars.count / 2)...] {
            return String(String.UnicodeScalarView(scalars[..<(scalars.count / 2)]))
        }
        // Weekday names before a date (`Thứ Sáu`, `vrijdag`) are not outlets.
        return t.split(separator: " ").count <= 5 && !t.contains(",") ? t : nil
    }
}

/// The cue words of `common/block-cues.tsv`.
struct BlockCues: Sendable {
    enum Kind: String { case source, credit, author }
    private let cues: [(word: String, kind: Kind)]
    /// Characters of the longest cue: only that much of a line is lowercased to look for one.
    private let longestCue: Int

    private init() throws {
        var cues: [(String, Kind)] = []
        for row in try ResourceData.table("common/block-cues.tsv") where row.count == 2 {
            if let k = Kind(rawValue: row[1]) { cues.append((row[0].lowercased(), k)) }
        }
        // Longer cues first: `foto's` before `foto`.
        self.cues = cues.sorted { $0.0.count > $1.0.count }
        longestCue = self.cues.first?.word.count ?? 0
    }

    private static let loaded = Result { try BlockCues() }
    static func shared() throws -> BlockCues { try loaded.get() }

    /// `Bron: https://…` → (.source, `https://…`); `Foto: X` and `(Foto: X)` → (.credit, `X`);
    /// `Door Jan Jansen` / `By Jane Doe` → (.author, name) when the name is capitalised.
    func leadingCue(_ s: String) -> (Kind, String)? {
        var t = Substring(s).drop { $0 == " " }
        let bracketed = t.first == "("
        if bracketed { t = t.dropFirst() }
        let lower = t.prefix(longestCue + 1).lowercased()
        for (word, kind) in cues where lower.hasPrefix(word) {
            var rest = t.dropFirst(word.count)
            if rest.first == ":" {
                rest = rest.dropFirst()
            } else if kind == .author, rest.first == " ", let f = rest.dropFirst().first, f.isUppercase, !bracketed {
                // `Door Jan Jansen`: a name, not a sentence starting with `Door`.
                if rest.split(separator: " ").count > 5 { continue }
            } else {
                continue
            }
            var r = String(rest).trimmingCharacters(in: .whitespaces)
            if bracketed, r.hasSuffix(")") { r.removeLast() }
            guard !r.isEmpty else { continue }
            return (kind, r)
        }
        return nil
    }

    struct CreditSuffix {
        var name: String
        var byteCount: Int
    }

    /// `… werkt. (Foto: Bach Duong)` → the bracketed credit at the end.
    func creditSuffix(_ s: String) -> CreditSuffix? {
        guard s.hasSuffix(")"), let open = s.range(of: "(", options: .backwards) else { return nil }
        let inner = s[open.upperBound..<s.index(before: s.endIndex)]
        guard let colon = inner.firstIndex(of: ":") else { return nil }
        let word = inner[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard cues.contains(where: { $0.word == word && $0.kind == .credit }) else { return nil }
        let name = inner[inner.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 60 else { return nil }
        return CreditSuffix(name: name, byteCount: s[open.lowerBound...].utf8.count)
    }
}

extension Array where Element == String {
    mutating func appendUnique(_ s: String) {
        if !s.isEmpty && !contains(s) { append(s) }
    }
}
