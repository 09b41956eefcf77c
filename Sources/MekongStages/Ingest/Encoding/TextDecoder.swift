import MekongCore
import MekongICU

/// Bytes decoded to UTF-8 text.
public struct DecodedText: Sendable {
    /// Valid UTF-8, no NUL bytes.
    public var text: [UInt8]
    /// Maps `text` back to the input bytes (its raw side is the input, byte for byte).
    public var alignment: Alignment
    /// How the bytes were read; `report.isPlainUTF8` when they were valid UTF-8 taken as is.
    public var report: EncodingReport
}

/// Turns input bytes in whatever encoding a scraper meets into UTF-8 text, with an
/// alignment back to the bytes and a report of what was detected and repaired.
///
/// Auto mode, in order:
/// 1. A UTF-16 or UTF-32 byte-order mark: that encoding (ICU).
/// 2. NUL bytes: binary content, an `IngestError` (`.binary`).
/// 3. Valid UTF-8: kept (the fast path), then checked for VIQR and for mojibake, each by a
///    cheap pass over the bytes first.
/// 4. Mostly UTF-8 (at least four valid multi-byte sequences per ill-formed one): UTF-8 with
///    each ill-formed sequence as U+FFFD, reported as `invalid_bytes`.
/// 5. Otherwise a legacy encoding: TCVN3, VNI and windows-1258 are scored by how many words
///    come out as Vietnamese syllables (ICU's detector does not know them); the best wins when
///    it looks Vietnamese, else ICU's detector's guess when its reading is plausible text.
/// 6. Nothing fits: a few stray bytes (at most 1 in 100) are U+FFFD in UTF-8 and reported;
///    more is an `IngestError` (`.invalidUTF8`), as before.
public enum TextDecoder {
    /// Decodes `bytes`. `declaredCharset` (from HTML `<meta charset>` or an HTTP header) is
    /// honoured when the bytes fit it and overridden when they clearly disagree (declared
    /// ISO-8859-1 but valid multi-byte UTF-8; declared windows-1252 but VNI or TCVN3 Vietnamese).
    /// `choice` other than `.auto` forces an encoding (`--encoding`): no guessing, no repairs.
    /// Throws only for binary content (NUL bytes) or bytes no encoding fits.
    /// `markup`: the bytes are an HTML page, whose markup is full of the ASCII marks VIQR
    /// uses (`'`, `?`, `.`): VIQR is not looked for (mojibake still is).
    public static func decode(_ bytes: [UInt8], declaredCharset: String? = nil, choice: EncodingChoice = .auto,
                              markup: Bool = false) throws(IngestError) -> DecodedText {
        if choice != .auto { return try forced(bytes, choice) }
        if let bom = byteOrderMark(bytes), let d = LegacyDecoders.icu(bytes, bom) {
            return finish(d, confidence: 1, declared: declaredCharset)
        }
        // Fast path: valid UTF-8.
        var validUTF8 = false
        do {
            try UTF8Validation.validate(bytes)
            validUTF8 = true
        } catch {
            if error.kind == .binary { throw error }
        }
        if let declaredCharset {
            return try decodeDeclared(bytes, declared: declaredCharset, validUTF8: validUTF8, markup: markup)
        }
        if validUTF8 { return repairedUTF8(bytes, declared: nil, markup: markup) }
        return try decodeInvalidUTF8(bytes, declared: nil)
    }

    // MARK: Valid UTF-8

    /// Valid UTF-8: VIQR and mojibake are looked for (cheap checks first); otherwise the text is the input.
    static func repairedUTF8(_ bytes: [UInt8], declared: String?, reportAs: String = "UTF-8", markup: Bool = false) -> DecodedText {
        // VIQR text needs most of its words to be marked syllables (`VIQRDecoder.Tally.isVIQR`),
        // and one in three syllables or so carries a mark counted here (^, (, +): far more than
        // one per 100 bytes. Below that, a long Dutch or English text with a few `a(` is not
        // decoded as VIQR just to be refused.
        let viqrNeeded = max(3, bytes.count / 100)
        let hints = bytes.withUnsafeBufferPointer { FastCheck.scan($0, viqrEnough: viqrNeeded) }
        let mojibakeHint = hints.mojibake, viqrHints = hints.viqrMarks
        if !markup, viqrHints >= viqrNeeded, let viqr = viqrReading(bytes) {
            return DecodedText(text: viqr.text, alignment: viqr.alignment,
                               report: EncodingReport(detected: "VIQR", confidence: viqr.confidence, declared: declared))
        }
        var report = EncodingReport(detected: reportAs, confidence: 1, declared: declared)
        var text = bytes
        var alignment = Alignment.identity(length: bytes.count)
        if mojibakeHint {
            // Up to three layers: mojibake of mojibake happens.
            for _ in 0..<3 {
                guard let r = MojibakeRepair.repair(text) else { break }
                alignment = alignment.composed(with: r.edits)
                text = r.text
                report.repairs.append(r.label)
                let more = text.withUnsafeBufferPointer { MojibakeRepair.mightContainMojibake($0) }
                if !more { break }
            }
        }
        return DecodedText(text: text, alignment: alignment, report: report)
    }

    /// The VIQR reading of ASCII-looking text, when it is VIQR.
    static func viqrReading(_ bytes: [UInt8]) -> (text: [UInt8], alignment: Alignment, confidence: Double)? {
        // Text with Vietnamese letters of its own is Unicode Vietnamese, not VIQR.
        let own = bytes.withUnsafeBufferPointer { p -> Int in
            var c = 0
            for i in 0..<max(0, p.count - 1) where p[i] == 0xE1 && (p[i + 1] == 0xBA || p[i + 1] == 0xBB) { c += 1 }
            return c
        }
        var tally = VIQRDecoder.Tally()
        let out = VIQRDecoder.decode(bytes, tally: &tally)
        guard tally.isVIQR, own * 4 < tally.marked else { return nil }
        let (text, alignment) = out.build()
        return (text, alignment, tally.confidence)
    }

    // MARK: Not UTF-8

    static func decodeInvalidUTF8(_ bytes: [UInt8], declared: String?) throws(IngestError) -> DecodedText {
        if let at = bytes.firstIndex(of: 0) {
            throw IngestError(.binary, "NUL byte at byte offset \(at): binary content, not text")
        }
        let stats = UTF8Scan.stats(bytes)
        if stats.validMultibyte >= 1 && stats.invalidSequences * 4 <= stats.validMultibyte {
            return utf8Replacing(bytes, declared: declared)
        }
        if let legacy = bestLegacy(bytes) {
            return finish(legacy.decoding, confidence: legacy.confidence, declared: declared)
        }
        if stats.invalidBytes * 100 <= bytes.count {
            return utf8Replacing(bytes, declared: declared)
        }
        let first = stats.firstInvalid ?? 0
        throw IngestError(.invalidUTF8, "invalid UTF-8 at byte offset \(first), and no other encoding fits (\(stats.invalidBytes) of \(bytes.count) bytes invalid)")
    }

    /// UTF-8 with U+FFFD for each ill-formed sequence, reported.
    static func utf8Replacing(_ bytes: [UInt8], declared: String?) -> DecodedText {
        let (buffer, stats) = UTF8Scan.decodeReplacing(bytes)
        let (text, alignment) = buffer.build()
        let total = stats.validMultibyte + stats.invalidSequences
        let confidence = total > 0 ? Double(stats.validMultibyte) / Double(total) : 0
        var report = EncodingReport(detected: "UTF-8", confidence: confidence, declared: declared, rawOffsetUnit: stats.invalidBytes > 0 ? .byte : .codePoint)
        if stats.invalidBytes > 0 { report.invalidBytes = .init(count: stats.invalidBytes, firstOffset: stats.firstInvalid ?? 0) }
        return DecodedText(text: text, alignment: alignment, report: report)
    }

    struct Candidate {
        var decoding: Decoding
        var confidence: Double
        /// Words with Vietnamese letters that are syllables (the evidence).
        var markedValid = 0
    }

    /// Vietnamese legacy readings, scored by syllables.
    static func vietnameseCandidates(_ bytes: [UInt8]) -> [Candidate] {
        var decodings = [LegacyDecoders.tcvn3(bytes), LegacyDecoders.vni(bytes)]
        if let w = LegacyDecoders.icu(bytes, "windows-1258") { decodings.append(w) }
        let syllables = VietnameseSyllables.shared
        return decodings.map { d in
            let scalars = Array(String(decoding: d.buffer.text, as: UTF8.self).unicodeScalars)
            let score = syllables.score(scalars)
            var c = score.confidence
            if d.invalidSequences > 0 { c *= 0.5 }
            return Candidate(decoding: d, confidence: c, markedValid: score.markedValid)
        }.sorted { $0.confidence > $1.confidence }
    }

    /// How much of a document the guessing reads: enough for any decision, and a 100 MB
    /// file is not decoded five times. The sample ends at a line break, which no multi-byte
    /// charset uses inside a character.
    static let sampleBytes = 256 << 10

    /// The best reading of bytes that are not UTF-8, or nil when none is convincing. The
    /// candidates are judged on a sample; the winner decodes the whole.
    static func bestLegacy(_ bytes: [UInt8]) -> Candidate? {
        guard bytes.count > sampleBytes else { return bestLegacyReading(bytes) }
        var end = sampleBytes
        if let nl = bytes[..<sampleBytes].lastIndex(of: 0x0A), nl > sampleBytes / 2 { end = nl + 1 }
        guard var best = bestLegacyReading(Array(bytes[..<end])) else { return nil }
        let choice: EncodingChoice = best.decoding.name == "TCVN3" ? .tcvn3 : best.decoding.name == "VNI" ? .vni : .icu(best.decoding.name)
        guard let whole = decodeWith(bytes, choice) else { return nil }
        best.decoding = whole
        return best
    }

    private static func bestLegacyReading(_ bytes: [UInt8]) -> Candidate? {
        let vietnamese = vietnameseCandidates(bytes)
        if let best = vietnamese.first, best.confidence >= 0.45, best.markedValid >= 2 { return best }
        let matches = (try? bytes.withUnsafeBufferPointer { (p) throws(ICUError) in try ICU.detectCharsets(p) }) ?? []
        for m in matches.prefix(3) where m.confidence >= 15 {
            let upper = m.name.uppercased()
            if upper.hasPrefix("UTF-") { continue }                 // UTF-8 failed already; UTF-16/32 need a BOM here
            let name = upper == "ISO-8859-1" ? "windows-1252" : m.name
            guard let d = LegacyDecoders.icu(bytes, name), d.invalidSequences == 0 else { continue }
            let singleByte = d.buffer.text.count <= bytes.count * 3 && !["SHIFT_JIS", "GB18030", "BIG5", "EUC-JP", "EUC-KR", "ISO-2022-JP", "ISO-2022-CN", "ISO-2022-KR"].contains(upper)
            if singleByte && !plausibleText(d.buffer.text) { continue }
            return Candidate(decoding: d, confidence: Double(m.confidence) / 100)
        }
        return nil
    }

    /// A single-byte reading is plausible when its non-ASCII characters are letters inside
    /// words or common punctuation (a stray 0xFF between words is not `ÿ`).
    static func plausibleText(_ utf8: [UInt8]) -> Bool {
        let scalars = Array(String(decoding: utf8, as: UTF8.self).unicodeScalars)
        var high = 0, good = 0
        for (i, s) in scalars.enumerated() where s.value >= 0x80 {
            high += 1
            if s.properties.isAlphabetic {
                let before = i > 0 && scalars[i - 1].properties.isAlphabetic
                let after = i + 1 < scalars.count && scalars[i + 1].properties.isAlphabetic
                if before || after { good += 1 }
            } else if VietnameseSyllables.commonPunctuation(s) || [0x2018, 0x201E, 0xA3, 0xA7, 0xAE, 0xB1, 0xBD, 0xBC, 0xBE, 0xBF, 0xA1].contains(s.value) {
                good += 1
            }
        }
        return high > 0 && Double(good) >= 0.9 * Double(high)
    }

    /// A decoding that is not UTF-8: raw offsets are bytes.
    static func finish(_ d: Decoding, confidence: Double, declared: String?) -> DecodedText {
        let (text, alignment) = d.buffer.build()
        var report = EncodingReport(detected: d.name, confidence: min(1, max(0, confidence)), declared: declared, rawOffsetUnit: .byte)
        if d.invalidBytes > 0 { report.invalidBytes = .init(count: d.invalidBytes, firstOffset: d.firstInvalid ?? 0) }
        return DecodedText(text: text, alignment: alignment, report: report)
    }

    static func byteOrderMark(_ b: [UInt8]) -> String? {
        if b.count >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 { return "UTF-32LE" }
        if b.count >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF { return "UTF-32BE" }
        if b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE { return "UTF-16LE" }
        if b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF { return "UTF-16BE" }
        return nil
    }

    // MARK: Declared and forced encodings

    static func decodeDeclared(_ bytes: [UInt8], declared: String, validUTF8: Bool, markup: Bool = false) throws(IngestError) -> DecodedText {
        guard let choice = EncodingChoice.named(declared), choice != .auto else {
            // An unknown label: detect, and say what was declared.
            return validUTF8 ? repairedUTF8(bytes, declared: declared, markup: markup) : try decodeInvalidUTF8(bytes, declared: declared)
        }
        if choice == .utf8 {
            return validUTF8 ? repairedUTF8(bytes, declared: declared, markup: markup) : try decodeInvalidUTF8(bytes, declared: declared)
        }
        if validUTF8 {
            let ascii = !bytes.contains { $0 >= 0x80 }
            if choice == .viqr || !ascii {
                // Multi-byte UTF-8 is UTF-8 whatever was declared (legacy bytes are never valid UTF-8 by chance
                // at any length); ASCII is read as VIQR when declared so.
                if choice == .viqr {
                    var tally = VIQRDecoder.Tally()
                    let (text, alignment) = VIQRDecoder.decode(bytes, tally: &tally).build()
                    return DecodedText(text: text, alignment: alignment, report: EncodingReport(detected: "VIQR", confidence: 1, declared: declared))
                }
                return repairedUTF8(bytes, declared: declared, markup: markup)
            }
            // ASCII reads the same in the declared encoding; still look for VIQR.
            return repairedUTF8(bytes, declared: declared, reportAs: choice.description, markup: markup)
        }
        if !choice.allowsNUL, let at = bytes.firstIndex(of: 0) {
            throw IngestError(.binary, "NUL byte at byte offset \(at): binary content, not text")
        }
        guard let own = decodeWith(bytes, choice) else {
            return try decodeInvalidUTF8(bytes, declared: declared)
        }
        // Old Vietnamese pages declare ISO-8859-1 or windows-1252 and use a VNI or TCVN3 font.
        let western: Set<String> = ["windows-1252", "ISO-8859-1", "ISO-8859-15", "windows-1258"]
        if western.contains(choice.description) {
            let syllables = VietnameseSyllables.shared
            let ownScore = syllables.score(Array(String(decoding: own.buffer.text, as: UTF8.self).unicodeScalars)).confidence
            if let best = vietnameseCandidates(bytes).first, best.decoding.name != own.name, best.confidence >= 0.7, ownScore < 0.4 {
                return finish(best.decoding, confidence: best.confidence, declared: declared)
            }
        }
        // Many undecodable bytes in the declared encoding while another reads them cleanly: the other.
        if own.invalidBytes * 100 > bytes.count, let other = bestLegacy(bytes), other.decoding.invalidSequences == 0 {
            return finish(other.decoding, confidence: other.confidence, declared: declared)
        }
        return finish(own, confidence: 1, declared: declared)
    }

    static func decodeWith(_ bytes: [UInt8], _ choice: EncodingChoice) -> Decoding? {
        switch choice {
        case .tcvn3: return LegacyDecoders.tcvn3(bytes)
        case .vni: return LegacyDecoders.vni(bytes)
        case .icu(let name): return LegacyDecoders.icu(bytes, name)
        case .auto, .utf8, .viqr: return nil
        }
    }

    /// `--encoding` other than auto: that encoding, undecodable bytes reported, no repairs.
    static func forced(_ bytes: [UInt8], _ choice: EncodingChoice) throws(IngestError) -> DecodedText {
        if !choice.allowsNUL, let at = bytes.firstIndex(of: 0) {
            throw IngestError(.binary, "NUL byte at byte offset \(at): binary content, not text")
        }
        let name = choice.description
        switch choice {
        case .utf8, .viqr:
            if choice == .utf8, (try? UTF8Validation.validate(bytes)) != nil {
                return DecodedText(text: bytes, alignment: .identity(length: bytes.count), report: EncodingReport(detected: "UTF-8", confidence: 1))
            }
            // Forced UTF-8 on valid UTF-8 is plain UTF-8 (no report on the record).
            var decoded = utf8Replacing(bytes, declared: choice == .utf8 ? nil : name)
            if decoded.report.invalidBytes != nil && decoded.report.declared == nil { decoded.report.declared = name }
            if choice == .viqr {
                var tally = VIQRDecoder.Tally()
                let (text, edits) = VIQRDecoder.decode(decoded.text, tally: &tally).build()
                decoded.alignment = decoded.alignment.composed(with: edits)
                decoded.text = text
                decoded.report.detected = "VIQR"
            }
            decoded.report.confidence = 1
            return decoded
        default:
            guard let d = decodeWith(bytes, choice) else {
                throw IngestError(.unreadable, "cannot convert from \(name)")
            }
            var decoded = finish(d, confidence: 1, declared: name)
            if decoded.report.detected != name { decoded.report.detected = name }
            return decoded
        }
    }
}

extension Document {
    /// A document from raw bytes in any encoding: `TextDecoder.decode` reads them, the
    /// document keeps the bytes as `raw` and the alignment from the text back to them.
    public init(id: String, source: DocumentSource, decoding bytes: [UInt8], declaredCharset: String? = nil, encoding: EncodingChoice = .auto) throws(IngestError) {
        let d = try TextDecoder.decode(bytes, declaredCharset: declaredCharset, choice: encoding)
        try self.init(id: id, source: source, raw: bytes, text: d.text, alignment: d.alignment, encoding: d.report)
    }

    /// A document from text that is already Unicode (a JSON string): checked for mojibake
    /// and VIQR in auto mode, read as VIQR when forced so, else taken as it is.
    public init(id: String, source: DocumentSource, unicodeText bytes: [UInt8], encoding: EncodingChoice = .auto) throws(IngestError) {
        try UTF8Validation.validate(bytes)
        let d: DecodedText
        switch encoding {
        case .auto: d = TextDecoder.repairedUTF8(bytes, declared: nil)
        case .viqr: d = try TextDecoder.decode(bytes, choice: .viqr)
        default: d = DecodedText(text: bytes, alignment: .identity(length: bytes.count), report: EncodingReport(detected: "UTF-8", confidence: 1))
        }
        try self.init(id: id, source: source, raw: bytes, text: d.text, alignment: d.alignment, encoding: d.report)
    }
}
