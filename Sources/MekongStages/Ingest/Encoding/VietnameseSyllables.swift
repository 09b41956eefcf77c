/// Tells well-formed Vietnamese syllables (an onset, a rhyme, at most one tone mark,
/// and only a rising or heavy tone before a final c, ch, p or t) from other words,
/// to score how Vietnamese a candidate decoding looks.
struct VietnameseSyllables: Sendable {
    static let shared = VietnameseSyllables()

    private let onsets: Set<[UInt8]>
    private let rhymes: Set<[UInt8]>
    private let tables = EncodingTables.shared

    private init() {
        onsets = Set(((try? ResourceData.lines("vi/syllable-onsets.txt")) ?? []).map { Array($0.utf8) })
        rhymes = Set(((try? ResourceData.lines("vi/syllable-rhymes.txt")) ?? []).map { Array($0.utf8) })
    }

    /// Whether the letters (scalars, precomposed or with combining marks) form one syllable.
    func isSyllable(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        guard !word.isEmpty, word.count <= 9 else { return false }
        var spelled: [UInt8] = []   // lowercase, vowel qualities kept (UTF-8 of â ê ô ă ơ ư đ), no tone
        var tones = 0
        var tone: UInt8 = 0
        var lastQualityAt = -1
        for s in word {
            let v = s.value
            switch v {
            case 0x41...0x5A: spelled.append(UInt8(v) + 0x20)
            case 0x61...0x7A: spelled.append(UInt8(v))
            case 0x300, 0x301, 0x303, 0x309, 0x323:
                tones += 1
                tone = v == 0x300 ? 0x60 : v == 0x301 ? 0x27 : v == 0x303 ? 0x7E : v == 0x309 ? 0x3F : 0x2E
            case 0x302, 0x306, 0x31B:
                // A combining vowel-quality mark changes the letter before it.
                guard let last = spelled.last, spelled.count - 1 != lastQualityAt else { return false }
                let q: UInt8 = v == 0x302 ? 0x5E : v == 0x306 ? 0x28 : 0x2B
                guard let composed = Self.compose(last, q) else { return false }
                spelled.removeLast()
                spelled.append(contentsOf: composed)
                lastQualityAt = spelled.count - 1
            default:
                guard let p = tables.letterParts[s] else { return false }
                if p.tone != 0 { tones += 1; tone = p.tone }
                if p.quality != 0 {
                    guard let composed = Self.compose(p.base, p.quality) else { return false }
                    spelled.append(contentsOf: composed)
                } else {
                    spelled.append(p.base)
                }
            }
        }
        guard tones <= 1 else { return false }
        // Try every onset that is a prefix, longest first ("ngh", "ng", "n", none).
        var split = min(3, spelled.count)
        while split >= 0 {
            let onset = Array(spelled[0..<split])
            if split == 0 || onsets.contains(onset) {
                let rhyme = Array(spelled[split...])
                if rhymes.contains(rhyme) {
                    let stopFinal = rhyme.last.map { $0 == 0x63 || $0 == 0x70 || $0 == 0x74 || ($0 == 0x68 && rhyme.count >= 2 && rhyme[rhyme.count - 2] == 0x63) } ?? false
                    if !stopFinal || tone == 0x27 || tone == 0x2E { return true }
                }
            }
            split -= 1
        }
        return false
    }

    /// UTF-8 of a base letter with a quality mark: a^ → â, a( → ă, e^ → ê, o^ → ô, o+ → ơ, u+ → ư, dd → đ.
    static func compose(_ base: UInt8, _ quality: UInt8) -> [UInt8]? {
        switch (base, quality) {
        case (0x61, 0x5E): return [0xC3, 0xA2]
        case (0x61, 0x28): return [0xC4, 0x83]
        case (0x65, 0x5E): return [0xC3, 0xAA]
        case (0x6F, 0x5E): return [0xC3, 0xB4]
        case (0x6F, 0x2B): return [0xC6, 0xA1]
        case (0x75, 0x2B): return [0xC6, 0xB0]
        case (0x64, 0x64): return [0xC4, 0x91]
        default: return nil
        }
    }

    /// How Vietnamese a text looks.
    struct Score: Equatable {
        /// Words with a letter outside ASCII, and how many of them are syllables.
        var marked = 0, markedValid = 0
        /// All words of letters, and how many are syllables.
        var words = 0, wordsValid = 0
        /// Non-ASCII scalars that are neither letters nor common punctuation: signs of a wrong decoding.
        var odd = 0

        /// 0 to 1: the share of marked words that are syllables, lowered by odd characters,
        /// by non-syllable plain words, and when there are few marked words.
        var confidence: Double {
            guard marked > 0 else { return 0 }
            let valid = Double(markedValid) / Double(marked)
            let shape = words > 0 ? Double(wordsValid) / Double(words) : 0
            let oddShare = Double(odd) / Double(marked + odd)
            let evidence = min(1, Double(markedValid) / 8)
            return valid * (0.6 + 0.4 * shape) * (1 - oddShare) * (0.3 + 0.7 * evidence)
        }
    }

    func score(_ scalars: [Unicode.Scalar], limit: Int = 200_000) -> Score {
        var s = Score()
        var start = -1
        var hasMarked = false
        func finish(_ end: Int) {
            guard start >= 0 else { return }
            let word = scalars[start..<end]
            let valid = isSyllable(word)
            s.words += 1
            if valid { s.wordsValid += 1 }
            if hasMarked { s.marked += 1; if valid { s.markedValid += 1 } }
            start = -1
            hasMarked = false
        }
        let n = min(scalars.count, limit)
        for i in 0..<n {
            let c = scalars[i]
            let isLetter = c.properties.isAlphabetic || c.properties.generalCategory == .nonspacingMark
            if isLetter {
                if start < 0 { start = i }
                if c.value >= 0x80 { hasMarked = true }
            } else {
                finish(i)
                if c.value >= 0x80 && !Self.commonPunctuation(c) { s.odd += 1 }
            }
        }
        finish(n)
        return s
    }

    static func commonPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0xA0, 0xAB, 0xBB, 0xB0, 0xA9, 0xB7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2022, 0x20AC, 0x20AB, 0xFEFF, 0xFFFD:
            return true
        default: return false
        }
    }
}
