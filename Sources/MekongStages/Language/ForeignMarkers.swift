import MekongCore

/// Function words of neighbouring languages (German, French, Afrikaans) that Dutch and
/// English do not use, from `common/foreign-markers.tsv`. The character model has never
/// seen those languages and reads an Afrikaans or German sentence as odd Dutch; a sentence
/// in which such words are frequent is another language, so `und`.
final class ForeignMarkers: Sendable {
    /// Lowercased word -> index of its language in `languages`.
    private let words: [PackedKey: UInt8]
    private let languages: [String]
    /// A text is foreign when one language's markers are at least this many and this share of its words.
    static let minimumHits = 2
    static let minimumShare = 0.2
    static let minimumWords = 4

    private init() throws {
        var words: [PackedKey: UInt8] = [:]
        var languages: [String] = []
        for row in try ResourceData.table("common/foreign-markers.tsv") where row.count == 2 {
            guard let key = PackedKey(row[0].utf8) else { continue }
            if !languages.contains(row[1]) { languages.append(row[1]) }
            words[key] = UInt8(languages.firstIndex(of: row[1])!)
        }
        self.words = words
        self.languages = languages
    }

    private static let loaded = Result { try ForeignMarkers() }
    static func shared() throws -> ForeignMarkers { try loaded.get() }

    /// True when the text (read up to `limit` bytes) is full of one neighbouring language's function words.
    func isForeign(_ p: UnsafeBufferPointer<UInt8>, limit: Int) -> Bool {
        var hits = [Int](repeating: 0, count: languages.count)
        var wordCount = 0
        var key = PackedKey()
        var length = 0
        var i = 0
        let end = min(p.count, limit)
        while i <= end {
            var isLetter = false
            var len = 1
            var v: UInt32 = 0
            if i < end {
                (v, len) = p[i] < 0x80 ? (UInt32(p[i]), 1) : Scalars.decode(p, at: i)
                isLetter = Scalars.isLetter(v)
            }
            if isLetter {
                var scratch: [UInt8] = []
                if v < 0x80 { scratch.append(UInt8(v | 0x20)) } else { Scalars.encode(Scalars.lowercased(v), into: &scratch) }
                for b in scratch { key.append(b) }
                length += scratch.count
            } else if length > 0 {
                wordCount += 1
                if length <= PackedKey.capacity, let lang = words[key] { hits[Int(lang)] += 1 }
                key = PackedKey()
                length = 0
            }
            i += len
        }
        guard wordCount >= Self.minimumWords, let best = hits.max() else { return false }
        return best >= Self.minimumHits && Double(best) >= Self.minimumShare * Double(wordCount)
    }
}
