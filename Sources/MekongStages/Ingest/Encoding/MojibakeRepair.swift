import MekongCore

/// Undoes mojibake: UTF-8 that was read as windows-1252 or ISO-8859-1 and saved as UTF-8
/// again (`Việt` → `Viá»‡t`; `é` → `Ã©`; `’` → `â€™`).
///
/// Each character is mapped back to its windows-1252/ISO-8859-1 byte; where a run of
/// such bytes forms one valid UTF-8 sequence (an *island*) whose character is plausible,
/// the island is a candidate. Islands are undone only when the document holds strong
/// evidence: a three- or four-byte island (`á»‡`, `â€™`), or a two-byte island that is not
/// a word ending in `Ã`/`Â` followed by punctuation (`NÃO…`, `IRMÔ` stay as they are).
/// Legitimate text rarely has islands at all: `não`, `São`, `à la`, `café` map to bytes
/// that are not UTF-8 sequences. Only islands are touched, so a document that is partly
/// mojibake is repaired where it is.
enum MojibakeRepair {
    struct Result {
        var text: [UInt8]
        /// Maps the input text to the repaired text.
        var edits: Alignment
        /// `mojibake:cp1252` or `mojibake:latin1`.
        var label: String
        /// The evidence: islands undone.
        var islands: Int
    }

    /// A cheap look for the UTF-8 of a mojibake lead (`Â` … `ô`, U+00C2–U+00F4: bytes C3 82–B4)
    /// followed by a character whose windows-1252 byte is a UTF-8 continuation byte (lead
    /// byte C2, C5, C6, CB or E2). Runs over the bytes once; nothing is decoded.
    static func mightContainMojibake(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        guard n >= 4 else { return false }
        var i = 0
        while i + 3 < n {
            if p[i] == 0xC3 {
                let b1 = p[i + 1], b2 = p[i + 2]
                if b1 >= 0x82 && b1 <= 0xB4 && (b2 == 0xC2 || b2 == 0xC5 || b2 == 0xC6 || b2 == 0xCB || b2 == 0xE2) { return true }
                i += 2
            } else {
                i += 1
            }
        }
        return false
    }

    private struct Island {
        var first: Int      // scalar index
        var count: Int      // scalars
        var value: Unicode.Scalar
        var weight: Double
    }

    /// One layer of repair, or nil when there is no convincing mojibake.
    static func repair(_ utf8: [UInt8]) -> Result? {
        let (scalars, offsets) = scalarsWithOffsets(utf8)
        var (islands, latin1) = findIslands(scalars, spaceAsNBSP: false)
        let evidence = islands.reduce(0) { $0 + $1.weight }
        guard evidence >= 1 else { return nil }
        // Convincing: look again, now also reading a space as the no-break space (0xA0) that a
        // cleanup made of it where that completes a letter ("ThÃ nh" is "Thành").
        (islands, latin1) = findIslands(scalars, spaceAsNBSP: true)
        var out = DecodeBuffer(capacity: utf8.count)
        var rawPos = 0
        for island in islands {
            let start = offsets[island.first], end = offsets[island.first + island.count]
            out.copy(utf8[rawPos..<start])
            out.emit(island.value, rawCount: end - start)
            rawPos = end
        }
        out.copy(utf8[rawPos..<utf8.count])
        let (text, edits) = out.build()
        return Result(text: text, edits: edits, label: latin1 ? "mojibake:latin1" : "mojibake:cp1252", islands: islands.count)
    }

    private static func findIslands(_ scalars: [Unicode.Scalar], spaceAsNBSP: Bool) -> ([Island], Bool) {
        let tables = EncodingTables.shared
        var islands: [Island] = []
        var latin1 = false
        var i = 0
        let n = scalars.count
        while i < n {
            guard let lead = tables.cp1252Byte(scalars[i]), lead >= 0xC2, lead <= 0xF4 else { i += 1; continue }
            let need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3
            guard i + need < n else { i += 1; continue }
            var value = UInt32(lead) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
            var ok = true
            var usesC1 = false
            var viaSpace = false
            for k in 1...need {
                let s = scalars[i + k]
                var byte = tables.cp1252Byte(s)
                if s == " " && spaceAsNBSP && k == need { byte = 0xA0; viaSpace = true }
                guard let b = byte, b >= 0x80, b <= 0xBF else { ok = false; break }
                if k == 1 {
                    if (lead == 0xE0 && b < 0xA0) || (lead == 0xED && b > 0x9F) || (lead == 0xF0 && b < 0x90) || (lead == 0xF4 && b > 0x8F) { ok = false; break }
                }
                // A C1 control where windows-1252 has a character: the text went through ISO-8859-1.
                if s.value >= 0x80 && s.value <= 0x9F && ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(s.value) { usesC1 = true }
                value = value << 6 | UInt32(b & 0x3F)
            }
            guard ok, let decoded = Unicode.Scalar(value), plausible(decoded) || (0x80...0x9F).contains(value) else { i += 1; continue }
            if viaSpace && !decoded.properties.isAlphabetic { i += 1; continue }
            var weight = 1.0
            if viaSpace || (0x80...0x9F).contains(value) {
                // A space read as 0xA0 proves nothing; a C1 control is only ever a middle layer of double mojibake.
                weight = viaSpace ? 0 : 0.25
            } else if need == 1 {
                let second = scalars[i + 1]
                let after = i + 2 < n ? scalars[i + 2] : " "
                let category = second.properties.generalCategory
                let punctuation = [.spaceSeparator, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
                                   .otherPunctuation, .dashPunctuation, .connectorPunctuation].contains(category)
                if punctuation && !after.properties.isAlphabetic { weight = 0.25 }
            } else if need == 2 && cjkOrHangul(decoded) {
                weight = 0.25
            }
            if usesC1 { latin1 = true }
            islands.append(Island(first: i, count: need + 1, value: decoded, weight: weight))
            i += need + 1
        }
        return (islands, latin1)
    }

    /// Characters that mojibake of real text produces: letters and marks of the Latin,
    /// Greek, Cyrillic, Hebrew and Arabic blocks, Vietnamese letters, punctuation, currency
    /// and common symbols, CJK and Hangul, emoji. Not C1 controls, private use or rare blocks.
    static func plausible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xA0...0x7FF, 0x1E00...0x1EFF, 0x2000...0x206F, 0x20A0...0x20CF, 0x2100...0x214F, 0x2190...0x22FF,
             0x2460...0x27BF, 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF00...0xFFEF,
             0x1F300...0x1FAFF:
            return true
        default:
            return false
        }
    }

    private static func cjkOrHangul(_ s: Unicode.Scalar) -> Bool {
        (0x3000...0x9FFF).contains(s.value) || (0xAC00...0xD7A3).contains(s.value)
    }
}
