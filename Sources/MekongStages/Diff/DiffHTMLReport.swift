import MekongCore

/// `mekong diff --format html`: one self-contained page (no network, no script) with a summary
/// of the findings on top, then the two texts side by side by aligned group, every finding's
/// span highlighted on its side with the message as its title. Every piece of text on the page
/// is escaped: scraped text can carry markup.
public enum DiffHTMLReport {
    public static func page(_ diff: TranslationDiff, title: String = "mekong diff") -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
        table.groups { border-collapse: collapse; width: 100%; table-layout: fixed; }
        table.groups td { vertical-align: top; border-top: 1px solid #ddd; padding: .4em .6em; }
        td.n { width: 4em; color: #888; font-size: .85em; }
        tr.flagged td { background: #fffaf0; }
        mark.error { background: #ffc9c9; }
        mark.warning { background: #fff1b8; }
        td.empty { color: #aaa; font-style: italic; }
        ul.findings li.error { color: #a00; }
        table.summary td { padding: 0 .8em 0 0; }
        </style></head><body>
        <h1>\(escape(title))</h1>

        """
        let errors = diff.findings.filter { $0.severity == .error }.count
        html += "<p>\(diff.original.sentences.count) original sentences, \(diff.translation.sentences.count) translated, \(diff.groups.count) aligned groups; "
        html += "\(diff.findings.count) findings (\(errors) errors, \(diff.findings.count - errors) warnings).</p>\n<table class=\"summary\">"
        for kind in DiffFinding.Kind.allCases {
            let n = diff.findings.filter { $0.kind == kind }.count
            if n > 0 { html += "<tr><td>\(kind.rawValue)</td><td>\(n)</td></tr>" }
        }
        html += "</table>\n<table class=\"groups\">\n"
        // Findings by the sentence they point at, on each side.
        var onOriginal: [Int: [DiffFinding]] = [:], onTranslation: [Int: [DiffFinding]] = [:]
        for f in diff.findings {
            if let o = f.original { onOriginal[o.sentence, default: []].append(f) }
            if let t = f.translation { onTranslation[t.sentence, default: []].append(f) }
        }
        for (n, g) in diff.groups.enumerated() {
            let findings = g.original.flatMap { onOriginal[$0] ?? [] } + g.translation.flatMap { onTranslation[$0] ?? [] }
            html += findings.isEmpty ? "<tr>" : "<tr class=\"flagged\">"
            html += "<td class=\"n\">\(n + 1)</td>"
            html += cell(diff.original, g.original, onOriginal, original: true)
            html += cell(diff.translation, g.translation, onTranslation, original: false)
            html += "</tr>\n"
            if !findings.isEmpty {
                html += "<tr><td></td><td colspan=\"2\"><ul class=\"findings\">"
                for f in findings { html += "<li class=\"\(f.severity.rawValue)\">\(f.kind.rawValue): \(escape(f.message))</li>" }
                html += "</ul></td></tr>\n"
            }
        }
        html += "</table>\n</body></html>\n"
        return html
    }

    /// One side of a group: its sentences, with the spans of findings marked.
    private static func cell(_ d: Document, _ sentences: Range<Int>, _ findings: [Int: [DiffFinding]], original: Bool) -> String {
        guard !sentences.isEmpty else { return "<td class=\"empty\">(nothing)</td>" }
        var out = "<td>"
        for k in sentences {
            let s = d.sentences[k].span.range
            // Marked spans inside the sentence, in order, without overlaps.
            var marks: [(Range<Int>, DiffFinding)] = []
            for f in findings[k] ?? [] {
                guard let at = original ? f.original : f.translation else { continue }
                let r = at.span.range
                if r != s && !marks.contains(where: { $0.0.overlaps(r) }) { marks.append((r, f)) }
            }
            marks.sort { $0.0.lowerBound < $1.0.lowerBound }
            var position = s.lowerBound
            for (r, f) in marks {
                out += escape(text(d, position..<r.lowerBound))
                out += "<mark class=\"\(f.severity.rawValue)\" title=\"\(escape(f.message))\">\(escape(text(d, r)))</mark>"
                position = r.upperBound
            }
            out += escape(text(d, position..<s.upperBound)) + " "
        }
        return out + "</td>"
    }

    private static func text(_ d: Document, _ r: Range<Int>) -> String {
        r.isEmpty ? "" : String(decoding: d.text[r], as: UTF8.self)
    }

    /// Text for HTML: the five characters that can open markup or end an attribute are escaped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
