import Foundation
import MekongCore

/// An entity proposed by one part of the entities stage (model, gazetteer, rule, link),
/// before the proposals are merged into `Document.entities`.
public struct EntityCandidate: Sendable, Equatable {
    public var span: TextSpan
    public var label: Entity.Label
    public var source: Entity.Source
    public var id: String?
    /// Set when the proposer knows better than the generic folding (a gazetteer's canonical name).
    public var canonical: String?
    public init(span: TextSpan, label: Entity.Label, source: Entity.Source, id: String? = nil, canonical: String? = nil) {
        self.span = span
        self.label = label
        self.source = source
        self.id = id
        self.canonical = canonical
    }
}

/// Merges candidates from all proposers into non-overlapping entities in text order.
public enum EntityMerger {
    /// Which source wins an overlap (lower wins); the longer span wins within one source.
    public static var precedence: [Entity.Source] { [.gazetteer, .rule, .link, .model] }

    public static func merge(_ candidates: [EntityCandidate], text: [UInt8]) -> [Entity] {
        let rank = Dictionary(uniqueKeysWithValues: precedence.enumerated().map { ($1, $0) })
        let ordered = candidates.sorted {
            let ra = rank[$0.source] ?? precedence.count, rb = rank[$1.source] ?? precedence.count
            if ra != rb { return ra < rb }
            if $0.span.range.count != $1.span.range.count { return $0.span.range.count > $1.span.range.count }
            return $0.span.start < $1.span.start
        }
        // Kept spans in text order, never overlapping: a binary search finds a candidate's neighbours.
        var kept: [EntityCandidate] = []
        for c in ordered {
            var lo = 0, hi = kept.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if kept[mid].span.start < c.span.start { lo = mid + 1 } else { hi = mid }
            }
            if lo > 0 && kept[lo - 1].span.end > c.span.start { continue }
            if lo < kept.count && kept[lo].span.start < c.span.end { continue }
            kept.insert(c, at: lo)
        }
        return kept.map {
            Entity(span: $0.span, label: $0.label, canonical: $0.canonical ?? EntityCanonical.fold(text[$0.span.range]),
                   id: $0.id, source: $0.source)
        }
    }
}

/// The generic canonical form: lowercased, diacritics removed, blanks collapsed to one space.
public enum EntityCanonical {
    public static func fold(_ utf8: some Collection<UInt8>) -> String {
        // Canonical decomposition puts diacritics into combining marks, which are dropped.
        let decomposed = String(decoding: utf8, as: UTF8.self).decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in decomposed.unicodeScalars {
            let v = s.value
            if v >= 0x300 && v < 0x370 { continue }
            if EntityTokenizer.isBlank(v) { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            // Letters with a stroke have no decomposition (Vietnamese đ).
            switch v {
            case 0x110, 0x111: out.append("d")
            default:
                for l in s.properties.lowercaseMapping.unicodeScalars { out.append(l) }
            }
        }
        return String(out)
    }
}
