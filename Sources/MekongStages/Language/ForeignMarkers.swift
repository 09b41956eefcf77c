import MekongCore

/// Function words of neighbouring languages (German, French, Afrikaans) that Dutch and
/// English do not use, from `common/foreign-markers.tsv`. The character model has never
/// seen those languages and reads an Afrikaans or German sentence as odd Dutch; a sentence
/// in which such words are frequent is another language, so `und`. The words are counted
/// during the model's own pass over the text (`LanguageModel.evidence`), by their word key.
final class ForeignMarkers: Sendable {
    /// Word key (`LanguageModel.wordKey`) -> lane of its language in `LanguageEvidence.foreignHits`.
    private let lanes: U64Table<Int>
    /// Letters of the longest marker: longer words are not looked up.
    static let longestMarker = 8
    /// A text is foreign when one language's markers are at least this many and this share of its words.
    static let minimumHits: Int32 = 2
    static let minimumShare: Float = 0.2
    static let minimumWords = 4

    private init() throws {
        var lanes = U64Table<Int>()
        var languages: [String] = []
        for row in try ResourceData.table("common/foreign-markers.tsv") where row.count == 2 {
            guard row[0].unicodeScalars.count <= Self.longestMarker else {
                throw ResourceData.MissingResource(path: "common/foreign-markers.tsv: '\(row[0])' is longer than \(Self.longestMarker) letters")
            }
            if !languages.contains(row[1]) { languages.append(row[1]) }
            lanes[UInt64(LanguageModel.wordKey(row[0]))] = languages.firstIndex(of: row[1])!
        }
        guard languages.count <= 4 else { throw ResourceData.MissingResource(path: "common/foreign-markers.tsv (at most four languages)") }
        self.lanes = lanes
    }

    private static let loaded = Result { try ForeignMarkers() }
    static func shared() throws -> ForeignMarkers { try loaded.get() }

    @inline(__always) func count(_ key: UInt32, into hits: inout SIMD4<Int32>) {
        if let lane = lanes[UInt64(key)] { hits[lane] += 1 }
    }

    /// True when a Dutch or English verdict should be `und`: one neighbouring language's
    /// function words are at least `minimumHits` and `minimumShare` of the text's words.
    static func isForeign(_ e: LanguageEvidence) -> Bool {
        guard e.words >= minimumWords else { return false }
        let best = e.foreignHits.max()
        return best >= minimumHits && Float(best) >= minimumShare * Float(e.words)
    }
}
