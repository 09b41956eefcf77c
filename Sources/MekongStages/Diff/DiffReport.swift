import Foundation
import MekongCore

/// Writes a `TranslationDiff`: the JSONL of the output contract (one record per aligned
/// group, then one per finding; offsets in code points of each side's normalized text), or
/// a readable report (counts per finding type, then the findings with both sentences).
public enum DiffReport {
    /// With `pair`, every record starts with `"pair": pair` (the batch form).
    public static func jsonl(_ diff: TranslationDiff, pair: String? = nil) -> [UInt8] {
        var out: [UInt8] = []
        var left = CodePointCounter(diff.original.text), right = CodePointCounter(diff.translation.text)
        for g in diff.groups {
            var w = JSONWriter()
            w.beginObject()
            if let pair { w.key("pair"); w.string(pair) }
            w.key("kind"); w.string("alignment")
            w.key("original"); w.beginArray(); for i in g.original { w.int(i) }; w.endArray()
            w.key("translation"); w.beginArray(); for j in g.translation { w.int(j) }; w.endArray()
            w.key("score"); w.fixed(-g.cost, decimals: 3)
            w.endObject()
            out += w.bytes
            out.append(0x0A)
        }
        for f in diff.findings {
            var w = JSONWriter()
            w.beginObject()
            if let pair { w.key("pair"); w.string(pair) }
            w.key("kind"); w.string("finding")
            w.key("type"); w.string(f.kind.rawValue)
            w.key("severity"); w.string(f.severity.rawValue)
            w.key("original"); location(f.original, diff.original, &left, &w)
            w.key("translation"); location(f.translation, diff.translation, &right, &w)
            w.key("expected"); item(f.expected, &w)
            w.key("found"); item(f.found, &w)
            w.key("message"); w.string(f.message)
            w.endObject()
            out += w.bytes
            out.append(0x0A)
        }
        return out
    }

    private static func location(_ l: DiffFinding.Location?, _ d: Document, _ counter: inout CodePointCounter, _ w: inout JSONWriter) {
        guard let l else { w.null(); return }
        w.beginObject()
        w.key("sentence"); w.int(l.sentence)
        w.key("start"); w.int(counter.codePoint(at: l.span.range.lowerBound))
        w.key("end"); w.int(counter.codePoint(at: l.span.range.upperBound))
        w.key("text"); w.string(d.string(l.span))
        w.endObject()
    }

    private static func item(_ i: DiffFinding.Item?, _ w: inout JSONWriter) {
        switch i {
        case nil: w.null()
        case .claim(let c)?:
            w.beginObject()
            w.key("kind"); w.string(c.kind.rawValue)
            if let v = c.value { w.key("value"); w.string(v) }
            if let v = c.low { w.key("low"); w.string(v) }
            if let v = c.high { w.key("high"); w.string(v) }
            if let v = c.unit { w.key("unit"); w.string(v) }
            if let v = c.qualifier { w.key("qualifier"); w.string(v.rawValue) }
            w.endObject()
        case .entity(let e)?:
            w.beginObject()
            w.key("label"); w.string(e.label.rawValue)
            w.key("canonical"); w.string(e.canonical)
            if let id = e.id { w.key("id"); w.string(id) }
            w.endObject()
        }
    }

    /// The terminal report: counts per finding type, then every error (and the warnings)
    /// with the original and the translated sentence side by side.
    public static func text(_ diff: TranslationDiff, maxFindings: Int = 50) -> String {
        var s = "mekong diff: \(diff.original.sentences.count) original sentences, \(diff.translation.sentences.count) translated, \(diff.groups.count) aligned groups\n"
        let errors = diff.findings.filter { $0.severity == .error }.count
        s += "findings: \(diff.findings.count) (\(errors) errors, \(diff.findings.count - errors) warnings)\n"
        for kind in DiffFinding.Kind.allCases {
            let n = diff.findings.filter { $0.kind == kind }.count
            if n > 0 { s += "  \(kind.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(n)\n" }
        }
        let ordered = diff.findings.filter { $0.severity == .error } + diff.findings.filter { $0.severity == .warning }
        for f in ordered.prefix(maxFindings) {
            s += "\n[\(f.severity.rawValue)] \(f.kind.rawValue): \(f.message)\n"
            if let o = f.original { s += "  original    #\(o.sentence): \(diff.original.string(diff.original.sentences[o.sentence].span))\n" }
            if let t = f.translation { s += "  translation #\(t.sentence): \(diff.translation.string(diff.translation.sentences[t.sentence].span))\n" }
        }
        if ordered.count > maxFindings { s += "\n… and \(ordered.count - maxFindings) more (see --format jsonl)\n" }
        return s
    }
}
