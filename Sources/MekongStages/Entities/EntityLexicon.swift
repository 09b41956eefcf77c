import MekongCore

/// What the entity tagger knows of a language's words beyond its training data, from two
/// data files of the language's folder (both optional; a language without them gets no
/// lexicon features, and its model's keys are those of a tagger without this type):
///
/// - `lowercase-words.txt`: words the language writes in lowercase. A capitalised token
///   whose lowercase form is listed is more likely a sentence's first word or part of a
///   title than a name (`Denk`, `Komen`): `TokenInfo.usuallyLowercase`.
/// - `word-clusters.tsv`: word, then its class among 64, 256 and 1024 distributional classes
///   learnt from unlabeled text: words that share neighbours share a class, so the tagger
///   can read a word seen rarely in training like one it knows (`Brugge` like `Gent`).
///
/// Words are keyed by the hash `EntityFeatures.describe` gives a token's lowercased scalars.
public final class EntityLexicon: Sendable {
    /// Lowercased-word hash -> classes (16 bits each, class + 1, coarse to fine) | lowercase bit.
    private let entries: [UInt64: UInt64]
    private static let lowercaseBit: UInt64 = 1 << 63

    public init(lowercaseWords: some Sequence<String>, classes: [[String]]) {
        var e: [UInt64: UInt64] = [:]
        for row in classes where row.count >= 2 {
            var packed: UInt64 = 0
            for (k, field) in row.dropFirst().prefix(3).enumerated() {
                guard let c = UInt16(field), c < .max else { continue }
                packed |= UInt64(c + 1) << (16 * UInt64(k))
            }
            e[Self.hash(row[0])] = packed
        }
        for w in lowercaseWords { e[Self.hash(w), default: 0] |= Self.lowercaseBit }
        entries = e
    }

    /// The key of a word: its lowercased scalars hashed as `EntityFeatures.describe` hashes a token.
    static func hash(_ word: String) -> UInt64 {
        var h = EntityFeatures.fnvOffset
        for u in word.unicodeScalars { h = EntityFeatures.step(h, Scalars.lowercased(u.value)) }
        return h
    }

    /// Whether the word (by `hash`) is listed in lowercase-words.txt.
    @inline(__always)
    func isLowercaseWord(_ lowerHash: UInt64) -> Bool { (entries[lowerHash] ?? 0) & Self.lowercaseBit != 0 }

    /// The word's classes (16 bits each, class + 1, coarsest in the low bits); 0 when it has none.
    @inline(__always)
    func classes(_ lowerHash: UInt64) -> UInt64 { (entries[lowerHash] ?? 0) & ~Self.lowercaseBit }

    private static let loaded: [Language: Result<EntityLexicon?, Error>] = {
        var out: [Language: Result<EntityLexicon?, Error>] = [:]
        for l in Language.known {
            out[l] = Result {
                let words = try ResourceData.optionalLines("\(l.rawValue)/lowercase-words.txt")
                let classes = try ResourceData.optionalTable("\(l.rawValue)/word-clusters.tsv")
                return words.isEmpty && classes.isEmpty ? nil : EntityLexicon(lowercaseWords: words, classes: classes)
            }
        }
        return out
    }()

    /// The lexicon of a language, loaded once per process; nil when it has no such files
    /// (or they cannot be read: the tagger then runs without lexicon features).
    public static func shipped(_ language: Language) -> EntityLexicon? {
        (try? loaded[language]?.get()) ?? nil
    }
}
