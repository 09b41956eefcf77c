import Testing
import MekongCore
import MekongICU
@testable import MekongStages

@Suite struct NormalizeStageTests {
    private func normalized(_ raw: String, _ config: NormalizeConfiguration = .init()) throws -> Document {
        try annotate(raw, stages: [.normalize], normalize: config)
    }

    @Test(arguments: [
        ("e\u{301}", "é"),                                  // NFD to NFC
        ("a\r\nb\rc", "a\nb\nc"),                           // line endings
        ("a\u{A0}b\u{202F}c\u{3000}d", "a b c d"),          // space separators
        ("zero\u{200B}width\u{FEFF}\u{AD}ok\u{2060}", "zerowidthok"),
        ("\u{FEFF}BOM at start", "BOM at start"),
        ("tabs\tand   runs", "tabs and runs"),
        ("trailing   \nlines  \n\n\n\nnext", "trailing\nlines\n\nnext"),
        ("  \n\nleading and trailing \n\n ", "leading and trailing"),
        ("ctrl\u{7}\u{1B}\u{85}char", "ctrl\nchar"),
        ("emoji 👨‍👩‍👧 keeps ZWJ", "emoji 👨‍👩‍👧 keeps ZWJ"),
    ])
    func cleansWhitespaceDebrisAndComposes(raw: String, expected: String) throws {
        #expect(try normalized(raw).textString == expected)
    }

    @Test func nfkcOnRequestFoldsCompatibilityCharacters() throws {
        #expect(try normalized("ﬁ ２ ①", .init(form: .nfkc)).textString == "fi 2 1")
        #expect(try normalized("ﬁ ２").textString == "ﬁ ２")
    }

    @Test func quoteAndDashFoldingIsOptional() throws {
        let raw = "“Hoàng” – ‘x’ — y"
        #expect(try normalized(raw).textString == raw)
        #expect(try normalized(raw, .init(foldQuotesAndDashes: true)).textString == "\"Hoàng\" - 'x' - y")
    }

    @Test(arguments: [
        (ToneMarkPlacement.firstVowel, "hoà khoẻ thuỷ Hoà", "hòa khỏe thủy Hòa"),
        (.secondVowel, "hòa khỏe thủy Hòa", "hoà khoẻ thuỷ Hoà"),
        (.firstVowel, "hoàng quý thuyền", "hoàng quý thuyền"),   // closed syllables and qu- keep their mark
        (.secondVowel, "hoàng quý thuyền", "hoàng quý thuyền"),
        (.keep, "hoà hòa", "hoà hòa"),
    ])
    func placesVietnameseToneMarks(placement: ToneMarkPlacement, raw: String, expected: String) throws {
        #expect(try normalized(raw, .init(toneMarks: placement)).textString == expected)
    }

    @Test func toneMarkPlacementWorksOnDecomposedInput() throws {
        // NFD input: NFC runs first, then the mark moves.
        let raw = "hoa\u{300} thuy\u{309}"
        #expect(try normalized(raw, .init(toneMarks: .firstVowel)).textString == "hòa thủy")
    }

    @Test func reportsWhatItChanged() throws {
        let doc = try normalized("a\u{A0}b")
        #expect(doc.normalization == NormalizationSummary(form: "NFC", changedRuns: 1))
        #expect(try normalized("plain").normalization?.changedRuns == 0)
    }

    /// Property: for random texts full of debris, every normalized span whose ends are
    /// exact and not inside a word maps back to a raw span whose normalization equals it.
    /// (Inside a word the tone-mark rule depends on the letters around, as it must.)
    @Test(arguments: 0..<150)
    func everyNormalizedSpanMapsBackToRawTextThatNormalizesToIt(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        let pieces = ["a", "Z", "ơ", "ế", "e\u{301}", "o\u{302}\u{301}", "u\u{31B}\u{323}", " ", "  ", "\u{A0}", "\u{200B}", "\u{AD}", "\r\n", "\n", "\n\n\n", "\u{FEFF}", "\t", "Việt", "Nam.", "hoa\u{300}", "\u{1}", "😀", "ﬁ", "\u{2028}"]
        var raw = ""
        for _ in 0..<Int.random(in: 0...40, using: &rng) { raw += pieces.randomElement(using: &rng)! }
        for placement in ToneMarkPlacement.allCases {
            let config = NormalizeConfiguration(toneMarks: placement)
            let doc = try normalized(raw, config)
            let rawBytes = Array(raw.utf8)
            let text = doc.text
            // Offsets at scalar starts of the normalized text.
            let scalars = Array(doc.textString.unicodeScalars)
            var starts: [Int] = [0]
            var offset = 0
            for (k, u) in scalars.enumerated() {
                offset += String(u).utf8.count
                let inWord = k + 1 < scalars.count && u.properties.isAlphabetic && scalars[k + 1].properties.isAlphabetic
                if !inWord { starts.append(offset) }
            }
            #expect(offset == text.count)
            for (i, s) in starts.enumerated() where doc.alignment.isExact(TextIndex(s)) {
                for e in starts[i...].prefix(6) where e > s && doc.alignment.isExact(TextIndex(e)) {
                    let r = doc.alignment.rawSpan(for: TextSpan(s, e))
                    let rawSlice = String(decoding: rawBytes[r.range], as: UTF8.self)
                    let again = try normalized(rawSlice, config).textString
                    let span = doc.string(TextSpan(s, e))
                    // Blanks at the edges of a slice are trimmed when it stands alone.
                    let trimmed = span.trimmingBlanks()
                    #expect(again == trimmed, "raw \(raw.debugDescription) span \(s)..<\(e) \(span.debugDescription) <- \(rawSlice.debugDescription)")
                }
            }
        }
    }
}

extension String {
    /// What the cleanup does to the edges of a whole text: spaces and line breaks removed.
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
