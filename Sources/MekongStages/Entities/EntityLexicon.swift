import Foundation
import MekongCore

/// What the entity tagger knows of a language's words beyond its training data, from two
/// data files of the language's folder (both optional; a language without them gets no
/// lexicon features, and the keys of its model are those of a tagger without this type):
///
/// - `lowercase-words.txt`: words the language writes in lowercase. A capitalised token
///   whose lowercase form is listed is more likely a sentence's first word or part of a
///   title than a name (`Denk`, `Komen`): `TokenInfo.usuallyLowercase`.
/// - `proper-words.txt`: names the language writes capitalised (people, places,
///   organisations, untyped). A capitalised token listed there is a name even at a
///   sentence's start (`Geboers`, `Smeets`): `TokenInfo.knownName`.
/// - `word-clusters.tsv`: word, then its class among 64, 256 and 1024 distributional classes
///   learnt from unlabeled text: words that share neighbours share a class, so the tagger
///   reads a word seen rarely in training like the ones it knows (`Brussel` like `Amsterdam`).
/// - `place-words.txt`, `given-name-words.txt`, `surname-words.txt`: one-word names of places,
///   given names and surnames (typed, where `proper-words.txt` is not): a capitalised token
///   listed there gets `TokenInfo.placeName`, `.givenName`, `.surname` (`Fallujah` is a place
///   the training data never saw, `Lenhart` a surname).
///
/// Words are keyed by the hash `EntityFeatures.describe` gives a token's lowercased scalars,
/// in open-addressed tables (one probe for most lookups; no string is kept): one of the
/// classes (14 000 Dutch words, 0.5 MB, which stays in the processor's cache: every word
/// form the tagger misses in its cache is looked up there) and one of the lowercase and
/// proper-noun marks (170 000 words, 4 MB, read for capitalised word forms only).
public final class EntityLexicon: Sendable {
    /// Word hash -> the classes (16 bits each, class + 1, coarse to fine).
    private let classTable: Table
    /// Word hash -> `lowercaseBit` | `properBit` | `placeBit` | `givenBit` | `surnameBit`.
    private let caseTable: Table
    /// Entries of the two tables.
    public var count: Int { classTable.count + caseTable.count }
    /// What the lists hold, as 16 hex digits (an order-free sum over every word's entries): a model
    /// records the identifier of the lists it was trained with, and is refused with other lists.
    public let identifier: String

    private static func identifier(_ entries: [(UInt64, UInt64)], _ marks: [(UInt64, UInt64)]) -> String {
        var sum: UInt64 = 0
        for (table, list) in [(UInt64(1), entries), (UInt64(2), marks)] {
            for (key, value) in list {
                // splitmix64 of the entry: a sum of well-mixed terms does not depend on the order.
                var z = key &+ (value &* 0x9E37_79B9_7F4A_7C15) &+ table
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                sum &+= z ^ (z >> 31)
            }
        }
        let hex = String(sum, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
    private static let lowercaseBit: UInt64 = 1 << 63, properBit: UInt64 = 1 << 62
    private static let placeBit: UInt64 = 1 << 61, givenBit: UInt64 = 1 << 60, surnameBit: UInt64 = 1 << 59

    /// An open-addressed table at most three quarters full; a word listed twice merges its values.
    private struct Table: Sendable {
        let keys: [UInt64]
        let values: [UInt64]
        let mask: Int
        var count: Int { keys.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

        init(_ entries: [(UInt64, UInt64)]) {
            var capacity = 16
            while capacity * 3 < entries.count * 4 { capacity <<= 1 }
            var keys = [UInt64](repeating: 0, count: capacity), values = [UInt64](repeating: 0, count: capacity)
            let mask = capacity - 1
            for (key, value) in entries {
                var i = Int(truncatingIfNeeded: EntityFeatures.mix(key)) & mask
                while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
                keys[i] = key
                values[i] |= value
            }
            self.keys = keys
            self.values = values
            self.mask = mask
        }

        @inline(__always)
        func value(_ key: UInt64) -> UInt64 {
            keys.withUnsafeBufferPointer { k in
                var i = Int(truncatingIfNeeded: EntityFeatures.mix(key)) & mask
                while true {
                    let found = k[i]
                    if found == key { return values[i] }
                    if found == 0 { return 0 }
                    i = (i + 1) & mask
                }
            }
        }
    }

    public init(lowercaseWords: some Sequence<String>, properWords: some Sequence<String> = [String](), classes: [[String]],
                places: some Sequence<String> = [String](), givenNames: some Sequence<String> = [String](), surnames: some Sequence<String> = [String]()) {
        var entries: [(UInt64, UInt64)] = [], marks: [(UInt64, UInt64)] = []
        for row in classes where row.count >= 2 {
            var packed: UInt64 = 0
            for (k, field) in row.dropFirst().prefix(3).enumerated() {
                guard let c = UInt16(field), c < .max else { continue }
                packed |= UInt64(c + 1) << (16 * UInt64(k))
            }
            entries.append((Self.hash(row[0]), packed))
        }
        for w in lowercaseWords { marks.append((Self.hash(w), Self.lowercaseBit)) }
        for w in properWords { marks.append((Self.hash(w), Self.properBit)) }
        for w in places { marks.append((Self.hash(w), Self.placeBit)) }
        for w in givenNames { marks.append((Self.hash(w), Self.givenBit)) }
        for w in surnames { marks.append((Self.hash(w), Self.surnameBit)) }
        identifier = Self.identifier(entries, marks)
        classTable = Table(entries)
        caseTable = Table(marks)
    }

    /// Reads the two files' bytes (`#` comments and blank lines skipped), hashing each word
    /// straight from its UTF-8: loading 135 000 words makes no string of them.
    init(lowercaseWords: [UInt8], properWords: [UInt8], classes: [UInt8], places: [UInt8] = [], givenNames: [UInt8] = [], surnames: [UInt8] = []) {
        var entries: [(UInt64, UInt64)] = [], marks: [(UInt64, UInt64)] = []
        entries.reserveCapacity(classes.count / 16)
        marks.reserveCapacity(lowercaseWords.count / 9 + (properWords.count + places.count + givenNames.count + surnames.count) / 8)
        Self.eachLine(classes) { p, line in
            var i = line.lowerBound
            while i < line.upperBound && p[i] != 0x09 { i += 1 }
            var packed: UInt64 = 0, field = 0, value: UInt64 = 0, digits = 0
            var j = i + 1
            while j <= line.upperBound && field < 3 {
                if j == line.upperBound || p[j] == 0x09 {
                    if digits > 0 && value < 0xFFFF { packed |= (value + 1) << (16 * UInt64(field)) }
                    field += 1; value = 0; digits = 0
                } else if p[j] >= 0x30 && p[j] <= 0x39 {
                    value = value * 10 + UInt64(p[j] - 0x30); digits += 1
                }
                j += 1
            }
            entries.append((Self.hash(p, line.lowerBound..<i), packed))
        }
        Self.eachLine(lowercaseWords) { p, line in marks.append((Self.hash(p, line), Self.lowercaseBit)) }
        Self.eachLine(properWords) { p, line in marks.append((Self.hash(p, line), Self.properBit)) }
        Self.eachLine(places) { p, line in marks.append((Self.hash(p, line), Self.placeBit)) }
        Self.eachLine(givenNames) { p, line in marks.append((Self.hash(p, line), Self.givenBit)) }
        Self.eachLine(surnames) { p, line in marks.append((Self.hash(p, line), Self.surnameBit)) }
        identifier = Self.identifier(entries, marks)
        classTable = Table(entries)
        caseTable = Table(marks)
    }

    private static func eachLine(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        bytes.withUnsafeBufferPointer { p in
            var start = 0
            while start < p.count {
                var end = start
                while end < p.count && p[end] != 0x0A { end += 1 }
                var e = end
                while e > start && (p[e - 1] == 0x0D || p[e - 1] == 0x20) { e -= 1 }
                if e > start && p[start] != 0x23 { body(p, start..<e) }
                start = end + 1
            }
        }
    }

    /// The key of a word: its lowercased scalars hashed as `EntityFeatures.describe` hashes a token.
    static func hash(_ word: String) -> UInt64 {
        var h = EntityFeatures.fnvOffset
        for u in word.unicodeScalars { h = EntityFeatures.step(h, Scalars.lowercased(u.value)) }
        return h
    }

    private static func hash(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var h = EntityFeatures.fnvOffset
        var i = range.lowerBound
        while i < range.upperBound {
            let (v, n) = Scalars.decode(p, at: i)
            h = EntityFeatures.step(h, Scalars.lowercased(v))
            i += n
        }
        return h
    }

    /// Whether the word (by `hash`) is listed in lowercase-words.txt.
    @inline(__always)
    func isLowercaseWord(_ lowerHash: UInt64) -> Bool { caseTable.value(lowerHash) & Self.lowercaseBit != 0 }

    /// Whether the word (by `hash`) is listed in proper-words.txt.
    @inline(__always)
    func isProperWord(_ lowerHash: UInt64) -> Bool { caseTable.value(lowerHash) & Self.properBit != 0 }

    /// The word's classes (16 bits each, class + 1, coarsest in the low bits); 0 when it has none.
    @inline(__always)
    func classes(_ lowerHash: UInt64) -> UInt64 { classTable.value(lowerHash) }

    /// The word's entry: its classes (`classMask`), with its lowercase and proper-noun marks
    /// when the token is `capitalised` (a lowercase token is not in doubt).
    @inline(__always)
    func entry(_ lowerHash: UInt64, capitalised: Bool) -> UInt64 {
        classTable.value(lowerHash) | (capitalised ? caseTable.value(lowerHash) : 0)
    }

    static let classMask: UInt64 = (1 << 48) - 1

    /// The `TokenInfo` flags an entry gives its token: usually lowercase, known name, place,
    /// given name, surname.
    @inline(__always)
    static func flags(_ entry: UInt64) -> UInt16 {
        guard entry >> 59 != 0 else { return 0 }
        return (entry & lowercaseBit != 0 ? TokenInfo.usuallyLowercase : 0) | (entry & properBit != 0 ? TokenInfo.knownName : 0)
            | (entry & placeBit != 0 ? TokenInfo.placeName : 0) | (entry & givenBit != 0 ? TokenInfo.givenName : 0)
            | (entry & surnameBit != 0 ? TokenInfo.surname : 0)
    }

    private static let loaded: [Language: Result<EntityLexicon?, Error>] = {
        var out: [Language: Result<EntityLexicon?, Error>] = [:]
        for l in Language.known {
            out[l] = Result {
                func bytes(_ name: String) throws -> [UInt8]? {
                    let url = ResourceData.url("\(l.rawValue)/\(name)")
                    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
                    guard let data = FileManager.default.contents(atPath: url.path) else { throw ResourceData.MissingResource(path: url.path) }
                    return [UInt8](data)
                }
                let words = try bytes("lowercase-words.txt"), names = try bytes("proper-words.txt"), classes = try bytes("word-clusters.tsv")
                let places = try bytes("place-words.txt"), given = try bytes("given-name-words.txt"), surnames = try bytes("surname-words.txt")
                if [words, names, classes, places, given, surnames].allSatisfy({ $0 == nil }) { return nil }
                return EntityLexicon(lowercaseWords: words ?? [], properWords: names ?? [], classes: classes ?? [],
                                     places: places ?? [], givenNames: given ?? [], surnames: surnames ?? [])
            }
        }
        return out
    }()

    /// The lexicon of a language, loaded once per process; nil when it has no such files.
    public static func shipped(_ language: Language) throws -> EntityLexicon? {
        try loaded[language]?.get() ?? nil
    }
}
