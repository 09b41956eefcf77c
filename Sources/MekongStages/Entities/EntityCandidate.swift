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
    /// Between gazetteer and rule proposals of one length, the higher wins: a name after a
    /// title or cue word (`chị Nga`, `tiếng Nga`) outranks the gazetteer (`Nga` = Russia),
    /// which outranks a name by its shape alone.
    public var priority: Int
    /// The tagger's: how much its emission scores prefer a place to an organisation over the
    /// span's words (positive for a place); 0 from the other proposers.
    public var placeMargin: Float = 0
    public init(span: TextSpan, label: Entity.Label, source: Entity.Source, id: String? = nil, canonical: String? = nil, priority: Int = 0) {
        self.span = span
        self.label = label
        self.source = source
        self.id = id
        self.canonical = canonical
        self.priority = priority
    }
}

/// Merges candidates from all proposers into non-overlapping entities in text order.
/// Gazetteer and rule proposals come first, the longer span first (the gazetteer's on a
/// tie): `Thành phố Hồ Chí Minh` (LOC) beats `Hồ Chí Minh` (PER). Linked mentions come next,
/// the tagger's last — except that a known name strictly inside a tagger's span gives way to
/// it (`Russia` in `Bank of Russia`, `Verenigde Staten` in `Grote Prijs van de Verenigde
/// Staten West`; of a person's name only a one-word one: `Jan Peters` stays whole), and that a
/// known organisation the tagger reads as a place with confidence is that place
/// (`in Anderlecht`, the town, not its club).
public enum EntityMerger {
    private static func tier(_ c: EntityCandidate, insideModel: Bool) -> Int {
        switch c.source {
        case .gazetteer, .rule: return insideModel ? 3 : 0
        case .link: return 1
        case .model: return 2
        }
    }

    /// How sure of a place the tagger must be to relabel a known organisation (its emission
    /// margin, `placeMargin`): `in Anderlecht` (the town, not the club) scores 25 to 70, `at
    /// Enron` 12, `the EU` 2.
    static let placeOverOrganisation: Float = 20

    public static func merge(_ candidates: [EntityCandidate], text: [UInt8]) -> [Entity] {
        var candidates = candidates
        // A place's name that is also its club's (`Anderlecht`): where the tagger finds the same
        // words as a known organisation but reads them as a place with confidence, its reading
        // of the context wins (and the organisation's id goes).
        var modelLabels: [Range<Int>: Entity.Label] = [:]
        for c in candidates where c.source == .model && c.label == .LOC && c.placeMargin >= placeOverOrganisation { modelLabels[c.span.range] = c.label }
        if !modelLabels.isEmpty {
            for k in candidates.indices where candidates[k].source == .gazetteer && candidates[k].label == .ORG {
                if let l = modelLabels[candidates[k].span.range], l != candidates[k].label {
                    candidates[k].label = l
                    candidates[k].id = nil
                    candidates[k].canonical = nil
                }
            }
        }
        // The tagger's spans in text order (it proposes them sentence by sentence, left to right).
        let modelSpans = candidates.filter { $0.source == .model }.map(\.span.range).sorted { $0.lowerBound < $1.lowerBound }
        func insideModel(_ r: Range<Int>) -> Bool {
            var lo = 0, hi = modelSpans.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if modelSpans[mid].lowerBound <= r.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            // The last span starting at or before r; spans never overlap each other.
            guard lo > 0 else { return false }
            let m = modelSpans[lo - 1]
            return r.upperBound <= m.upperBound && m.count > r.count
        }
        let tiers = candidates.map { c in
            let inside = c.source != .model && !modelSpans.isEmpty && (c.label != .PER || !text[c.span.range].contains(0x20)) && insideModel(c.span.range)
            return tier(c, insideModel: inside)
        }
        let ordered = candidates.indices.sorted { a, b in
            let ca = candidates[a], cb = candidates[b]
            if tiers[a] != tiers[b] { return tiers[a] < tiers[b] }
            if ca.span.range.count != cb.span.range.count { return ca.span.range.count > cb.span.range.count }
            if ca.priority != cb.priority { return ca.priority > cb.priority }
            return ca.span.start < cb.span.start
        }.map { candidates[$0] }
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
        // A name the tagger cut at an initial's dot (`Stephen P` and `Cohen` of `Stephen P. Cohen`) is one.
        var k = kept.count - 1
        while k > 0 {
            let a = kept[k - 1], b = kept[k]
            if a.label == .PER, b.label == .PER, endsInInitial(text, a.span.range), Array(text[a.span.range.upperBound..<b.span.range.lowerBound]) == [0x2E, 0x20] {
                kept[k - 1] = EntityCandidate(span: TextSpan(a.span.range.lowerBound, b.span.range.upperBound), label: .PER, source: a.source, id: nil, priority: a.priority)
                kept.remove(at: k)
            }
            k -= 1
        }
        return kept.map {
            Entity(span: $0.span, label: $0.label, canonical: $0.canonical ?? EntityCanonical.fold(text[$0.span.range]),
                   id: $0.id, source: $0.source)
        }
    }
}

/// Whether the span's last word is one capital letter after a blank (an initial, its dot left out).
private func endsInInitial(_ text: [UInt8], _ r: Range<Int>) -> Bool {
    r.count >= 3 && text[r.upperBound - 2] == 0x20 && text[r.upperBound - 1] >= 0x41 && text[r.upperBound - 1] <= 0x5A
}

/// The generic canonical form: lowercased, diacritics removed (`đ` → `d`), blanks collapsed
/// to one space, and the spelling variants of transliterated names merged (`Aleksej` and
/// `Aleksey` → `aleksey`; `common/name-variants.tsv`).
public enum EntityCanonical {
    public static func fold(_ utf8: some Collection<UInt8>) -> String {
        let bytes = Array(utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            var pendingSpace = false
            while i < p.count {
                let (v, n) = Scalars.decode(p, at: i)
                i += n
                if EntityTokenizer.isBlank(v) { pendingSpace = !out.isEmpty; continue }
                let f = Scalars.folded(v)
                if f == 0 { continue }                      // a combining mark
                if pendingSpace { out.append(0x20); pendingSpace = false }
                Scalars.encode(f, into: &out)
            }
        }
        // Only a word ending in `j` can have a variant (a byte test spares the rewrite).
        let endsInJ = out.indices.contains { out[$0] == 0x6A && ($0 + 1 == out.count || out[$0 + 1] == 0x20) }
        let folded = String(decoding: out, as: UTF8.self)
        return endsInJ ? NameVariants.shared.apply(folded) : folded
    }
}

/// Word endings that transliterations of one name write differently (Dutch `-ej`, English
/// `-ey` for Russian й), rewritten to one form, from `common/name-variants.tsv`.
struct NameVariants: Sendable {
    let endings: [(String, String)]

    static let shared: NameVariants = {
        let rows = (try? ResourceData.optionalTable("common/name-variants.tsv")) ?? []
        return NameVariants(endings: rows.filter { $0.count >= 2 }.map { ($0[0], $0[1]) }.sorted { $0.0.count > $1.0.count })
    }()

    func apply(_ canonical: String) -> String {
        guard !endings.isEmpty else { return canonical }
        return canonical.split(separator: " ").map { word -> String in
            for (from, to) in endings where word.count > from.count + 2 && word.hasSuffix(from) {
                return String(word.dropLast(from.count)) + to
            }
            return String(word)
        }.joined(separator: " ")
    }
}
