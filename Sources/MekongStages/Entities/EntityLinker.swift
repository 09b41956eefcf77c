import MekongCore

/// In-document linking: a person named in full once (`Trinh Minh Anh`, `Nguyễn Sinh Nhật
/// Tân`, `Aleksey Gruzdev`) is later named by the last one or two words (`de heer Minh Anh`,
/// `ông Tân`, `Gruzdev`). Such mentions — found by a title rule or anywhere as capitalised
/// words — get the full name's canonical form and the source `link`. A one-word name of
/// another kind (`PTSC` after `Tổng công ty … ( PTSC )`) is found again where it recurs.
enum EntityLinker {
    /// How many final words of a full name a later mention may be.
    static let suffixWords = 2

    /// FNV-1a of the bytes as written.
    private static func exactHash(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in r { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
        return h
    }

    /// A sequence of words as one key: their hashes without diacritics, combined.
    private static func key(_ p: UnsafeBufferPointer<UInt8>, _ words: ArraySlice<WordToken>) -> UInt64 {
        words.reduce(0) { Gazetteer.pair($0, Gazetteer.hash(p, $1.range, folded: true)) }
    }

    /// `tokens`: the document's word tokens in text order, and `flags` their case flags (`SentenceTokens`).
    static func link(_ entities: inout [Entity], text: [UInt8], tokens: [WordToken], flags: [UInt8]) {
        // Final words of every full name (folded hashes) → that name's canonical form; nil when two names share them.
        var fullNames: [UInt64: String?] = [:]
        text.withUnsafeBufferPointer { p in
            for e in entities where e.label == .PER {
                var words: [WordToken] = []
                EntityTokenizer.tokenize(p, e.span.range, into: &words)
                // A full name is written in capitalised words (`TO THE` in a headline is none).
                guard words.count >= 2, p[e.span.range].contains(where: { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x80 }) else { continue }
                for n in 1...min(suffixWords, words.count - 1) {
                    let key = key(p, words.suffix(n))
                    if let existing = fullNames[key], existing != e.canonical { fullNames[key] = .some(nil) } else { fullNames[key] = e.canonical }
                }
            }
        }
        // One organisation under several long names (a machine translation renders it differently
        // each time): names of three or more words whose word stems mostly agree share the first
        // name's canonical form.
        var organisations: [(stems: Set<Substring>, canonical: String)] = []
        for k in entities.indices where entities[k].label == .ORG {
            let stems = Set(entities[k].canonical.split(whereSeparator: { $0 == " " || $0 == "-" }).filter { $0.count >= 4 }.map { Substring($0.prefix(5)) })
            guard stems.count >= 3 else { continue }
            if let same = organisations.first(where: { o in
                let shared = o.stems.intersection(stems).count
                return shared >= 3 && Double(shared) / Double(o.stems.union(stems).count) >= 0.5
            }) {
                if same.canonical != entities[k].canonical {
                    entities[k].canonical = same.canonical
                    entities[k].source = .link
                }
            } else {
                organisations.append((stems, entities[k].canonical))
            }
        }
        // One-word names other than people, by their exact text.
        // (Keyed by the hash of the word as written, case and all: no string per word looked up.)
        var known: [UInt64: Entity] = [:]
        text.withUnsafeBufferPointer { p in
            for e in entities where e.label != .PER && !e.canonical.utf8.contains(0x20) {
                let r = e.span.range
                guard let first = r.first, p[first] >= 0x41 && p[first] <= 0x5A || p[first] >= 0xC0 else { continue }
                known[exactHash(p, r)] = e
            }
        }
        guard !fullNames.isEmpty || !known.isEmpty else { return }
        func full(_ key: UInt64) -> String? { fullNames[key] ?? nil }

        // Short mentions already found (after a title): linked.
        text.withUnsafeBufferPointer { p in
            for k in entities.indices where entities[k].label == .PER {
                var words: [WordToken] = []
                EntityTokenizer.tokenize(p, entities[k].span.range, into: &words)
                guard words.count <= suffixWords, let name = full(key(p, words[...])), name != entities[k].canonical else { continue }
                entities[k].canonical = name
                entities[k].source = .link
            }
        }
        // Capitalised words outside entities that are a known name's final words, or a known word.
        var added: [Entity] = []
        text.withUnsafeBufferPointer { p in
            func capitalized(_ k: Int) -> Bool { flags[k] & SentenceTokens.capitalized != 0 }
            var e = 0                                   // first entity that ends after the token
            var i = 0
            while i < tokens.count {
                defer { i += 1 }
                let t = tokens[i]
                while e < entities.count && entities[e].span.range.upperBound <= t.start { e += 1 }
                if e < entities.count && entities[e].span.range.lowerBound < t.end { continue }
                guard capitalized(i) else { continue }
                if !known.isEmpty, let k = known[exactHash(p, t.range)] {
                    added.append(Entity(span: TextSpan(t.start, t.end), label: k.label, canonical: k.canonical, id: k.id, source: .link))
                    continue
                }
                guard !fullNames.isEmpty else { continue }
                for n in stride(from: min(suffixWords, tokens.count - i), through: 1, by: -1) {
                    let last = tokens[i + n - 1]
                    // Within one stretch of text, all capitalised, before the next entity.
                    guard (i..<i + n).allSatisfy({ capitalized($0) }), last.end - t.start < 64,
                          e >= entities.count || entities[e].span.range.lowerBound >= last.end else { continue }
                    guard let name = full(key(p, tokens[i..<i + n])) else { continue }
                    added.append(Entity(span: TextSpan(t.start, last.end), label: .PER, canonical: name, id: nil, source: .link))
                    i += n - 1
                    break
                }
            }
        }
        if !added.isEmpty {
            entities = (entities + added).sorted { $0.span.start.utf8Offset < $1.span.start.utf8Offset }
        }
    }
}
