import MekongCore

/// VIQR (RFC 1456): Vietnamese in ASCII, the marks written after the vowel —
/// `Vie^.t Nam`, `ddu+o+`ng` (đường); `^` circumflex, `(` breve, `+` horn; tones
/// `` ` `` grave, `'` acute, `?` hook, `~` tilde, `.` dot below; `dd` (or `d9`) is đ;
/// a backslash before a mark keeps it literal (`ddi\.` is "đi.").
///
/// A mark counts only right after a vowel (a quality mark only where Vietnamese has one),
/// one tone per word. Text that escapes literal marks anywhere (`\.`, `\?` after a letter)
/// follows RFC 1456 and is read strictly: every unescaped mark after a vowel is a mark.
/// Otherwise a `.` or `?` that ends a word is read as a tone when the text goes on in
/// lowercase (`bi. o^'m`) or in an all-capitals run (`KY? LU.C`), and as sentence punctuation
/// before a capitalised word, a line break or the end (`... Nam. Ho^m nay`).
enum VIQRDecoder {
    @inline(__always) static func isVowel(_ b: UInt8) -> Bool {
        switch b | 0x20 { case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true; default: return false }
    }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    @inline(__always) static func isTone(_ b: UInt8) -> Bool { b == 0x60 || b == 0x27 || b == 0x3F || b == 0x7E || b == 0x2E }
    @inline(__always) static func isMark(_ b: UInt8) -> Bool { isTone(b) || b == 0x5E || b == 0x28 || b == 0x2B }

    static func qualityFits(_ vowel: UInt8, _ q: UInt8) -> Bool {
        switch (vowel | 0x20, q) {
        case (0x61, 0x5E), (0x61, 0x28), (0x65, 0x5E), (0x6F, 0x5E), (0x6F, 0x2B), (0x75, 0x2B): return true
        default: return false
        }
    }

    /// Whether the text escapes literal marks (RFC 1456): then it is read strictly.
    static func usesEscapes(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 3 else { return false }
        for i in 1..<(p.count - 1) where p[i] == 0x5C && (isLetter(p[i - 1]) || isMark(p[i - 1])) && isMark(p[i + 1]) { return true }
        return false
    }

    /// Whether a word-final `.` or `?` at `i` is a tone mark (see the type's note);
    /// `wordStart` is where the word began, to tell an all-capitals word.
    static func wordFinalMarkIsTone(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, wordStart: Int) -> Bool {
        let n = p.count
        var j = i + 1
        guard j < n else { return false }
        let next = p[j]
        if next == 0x2E || next == 0x2C || next == 0x3F || next == 0x21 || next == 0x3A || next == 0x3B || next == 0x29 || next == 0x22 { return true }
        guard next == 0x20 || next == 0x09 else { return false }
        while j < n && (p[j] == 0x20 || p[j] == 0x09) { j += 1 }
        guard j < n else { return false }
        let b = p[j]
        if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { return true }
        guard b >= 0x41 && b <= 0x5A else { return false }
        // A capital after it: a new sentence, unless both words are in capitals.
        let wordIsCapitals = (wordStart..<i).allSatisfy { !(p[$0] >= 0x61 && p[$0] <= 0x7A) }
        let nextIsCapitals = j + 1 < n && !(p[j + 1] >= 0x61 && p[j + 1] <= 0x7A)
        return wordIsCapitals && nextIsCapitals
    }

    /// Decodes VIQR in `utf8` (non-ASCII text passes through); `words` counts what was seen.
    static func decode(_ utf8: [UInt8], tally: inout Tally) -> DecodeBuffer {
        let tables = EncodingTables.shared
        let syllables = VietnameseSyllables.shared
        var out = DecodeBuffer(capacity: utf8.count)
        utf8.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            var runStart = 0
            var toneInWord = false
            var wordStartText = 0
            var wordMarked = false
            var inWord = false
            var wordStartRaw = 0
            let strict = usesEscapes(p)
            /// A letter at `i` starts a word unless one is open: the text before it is copied.
            func startWord() {
                guard !inWord else { return }
                out.copy(p[runStart..<i])
                runStart = i
                inWord = true
                wordStartText = out.text.count
                wordStartRaw = i
            }
            func endWord() {
                guard inWord else { return }
                let word = out.text[wordStartText..<out.text.count]
                let scalars = Array(String(decoding: word, as: UTF8.self).unicodeScalars)
                let valid = syllables.isSyllable(scalars[...])
                tally.words += 1
                if valid { tally.wordsValid += 1 }
                if wordMarked { tally.marked += 1; if valid { tally.markedValid += 1 } }
                inWord = false
                wordMarked = false
                toneInWord = false
            }
            while i < n {
                let b = p[i]
                let prevIsLetter = i > 0 && isLetter(p[i - 1])
                // d9 / dd at the start of a word: đ.
                if (b == 0x64 || b == 0x44) && !prevIsLetter && i + 1 < n && (p[i + 1] == 0x39 || (p[i + 1] | 0x20) == 0x64)
                    && i + 2 < n && isLetter(p[i + 2]) {
                    out.copy(p[runStart..<i])
                    if !inWord { inWord = true; wordStartText = out.text.count; wordStartRaw = i }
                    out.emit(b == 0x44 ? "Đ" : "đ", rawCount: 2)
                    wordMarked = true
                    i += 2
                    runStart = i
                    continue
                }
                // An escaped mark after a letter (or after the marks of one): the mark itself.
                if b == 0x5C && i > 0 && (prevIsLetter || isMark(p[i - 1])) && i + 1 < n && isMark(p[i + 1]) {
                    out.copy(p[runStart..<i])
                    endWord()
                    out.emit(Unicode.Scalar(p[i + 1]), rawCount: 2)
                    i += 2
                    runStart = i
                    continue
                }
                if isVowel(b) {
                    var j = i + 1
                    var quality: UInt8 = 0
                    var tone: UInt8 = 0
                    if j < n && (p[j] == 0x5E || p[j] == 0x28 || p[j] == 0x2B) && qualityFits(b, p[j]) {
                        // Right after the vowel ("nhu+", "na(m"); "a (b)" and "a + b" have a space between.
                        quality = p[j]
                        j += 1
                    }
                    if j < n && isTone(p[j]) && !toneInWord {
                        let t = p[j]
                        let followedByLetter = j + 1 < n && isLetter(p[j + 1])
                        if followedByLetter || strict || ((t == 0x2E || t == 0x3F) ? wordFinalMarkIsTone(p, j, wordStart: inWord ? wordStartRaw : i) : true) {
                            tone = t
                            j += 1
                        }
                    }
                    startWord()
                    if quality != 0 || tone != 0 {
                        var spelling = String(Unicode.Scalar(b))
                        if quality != 0 { spelling.unicodeScalars.append(Unicode.Scalar(quality)) }
                        if tone != 0 { spelling.unicodeScalars.append(Unicode.Scalar(tone)) }
                        if let letter = tables.viqrSpellings[spelling] {
                            out.copy(p[runStart..<i])
                            out.emit(letter, rawCount: j - i)
                            if tone != 0 { toneInWord = true }
                            wordMarked = true
                            i = j
                            runStart = i
                            continue
                        }
                    }
                    i += 1
                    continue
                }
                if isLetter(b) {
                    startWord()
                    i += 1
                    continue
                }
                // Anything else ends the word.
                out.copy(p[runStart..<i])
                runStart = i
                endWord()
                i += 1
            }
            out.copy(p[runStart..<n])
            endWord()
        }
        return out
    }

    struct Tally {
        var marked = 0, markedValid = 0, words = 0, wordsValid = 0
        /// Whether the text is VIQR: enough marked words that are syllables, most marked
        /// words syllables, and most words overall (English and Dutch fail this).
        var isVIQR: Bool {
            markedValid >= 3 && Double(markedValid) >= 0.8 * Double(marked) && Double(wordsValid) >= 0.6 * Double(words)
        }
        var confidence: Double {
            guard marked > 0, words > 0 else { return 0 }
            return Double(markedValid) / Double(marked) * (0.5 + 0.5 * Double(wordsValid) / Double(words))
        }
    }
}
