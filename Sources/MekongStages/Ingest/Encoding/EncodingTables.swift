import MekongICU

/// The byte tables of the legacy encodings, read once from
/// `Resources/common/encodings/` (TCVN3, VNI, VIQR) and from ICU (windows-1252).
final class EncodingTables: Sendable {
    static let shared = EncodingTables()

    /// TCVN3: the scalar for each byte that is not itself (nil: ASCII as is).
    let tcvn3: [Unicode.Scalar?]
    /// VNI: single-byte letters, and letters written as base byte + diacritic byte (key: b0 << 8 | b1).
    let vniSingle: [Unicode.Scalar?]
    let vniPairs: [UInt16: Unicode.Scalar]
    /// VIQR: letter spelled as base + marks ("e^.") -> letter, and letter -> its parts.
    let viqrSpellings: [String: Unicode.Scalar]
    let letterParts: [Unicode.Scalar: LetterParts]
    /// windows-1252 as browsers read it (the five undefined bytes are C1 controls).
    let cp1252: [Unicode.Scalar]
    /// The byte of each non-ASCII scalar in windows-1252 or ISO-8859-1 (U+0080–U+00FF are their own byte).
    let cp1252Specials: [UInt32: UInt8]

    /// A Vietnamese letter taken apart: lowercase base letter (a e i o u y d), the
    /// vowel-quality mark (^ ( + or d for đ, 0 for none) and tone mark (` ' ? ~ . or 0).
    struct LetterParts: Sendable {
        var base: UInt8
        var quality: UInt8
        var tone: UInt8
        var uppercase: Bool
    }

    private init() {
        func scalar(_ s: String) -> Unicode.Scalar? { s.unicodeScalars.count == 1 ? s.unicodeScalars.first : nil }
        func hex(_ s: Substring) -> UInt8? { UInt8(s, radix: 16) }

        var tcvn3 = [Unicode.Scalar?](repeating: nil, count: 256)
        for row in (try? ResourceData.table("common/encodings/tcvn3.tsv")) ?? [] where row.count >= 2 {
            guard let b = hex(Substring(row[0])), row[1].hasPrefix("U+"), let v = UInt32(row[1].dropFirst(2), radix: 16) else { continue }
            tcvn3[Int(b)] = Unicode.Scalar(v)
        }
        self.tcvn3 = tcvn3

        var vniSingle = [Unicode.Scalar?](repeating: nil, count: 256)
        var vniPairs: [UInt16: Unicode.Scalar] = [:]
        for row in (try? ResourceData.table("common/encodings/vni.tsv")) ?? [] where row.count >= 2 {
            guard let letter = scalar(row[0]) else { continue }
            let bytes = row[1].split(separator: " ").compactMap(hex)
            if bytes.count == 1 { vniSingle[Int(bytes[0])] = letter }
            else if bytes.count == 2 { vniPairs[UInt16(bytes[0]) << 8 | UInt16(bytes[1])] = letter }
        }
        self.vniSingle = vniSingle
        self.vniPairs = vniPairs

        var spellings: [String: Unicode.Scalar] = [:]
        var parts: [Unicode.Scalar: LetterParts] = [:]
        for row in (try? ResourceData.table("common/encodings/viqr.tsv")) ?? [] where row.count >= 2 {
            guard let letter = scalar(row[0]) else { continue }
            let spelling = Array(row[1].utf8)
            guard let first = spelling.first else { continue }
            spellings[row[1]] = letter
            let upper = first >= 0x41 && first <= 0x5A
            var p = LetterParts(base: upper ? first + 0x20 : first, quality: 0, tone: 0, uppercase: upper)
            for m in spelling.dropFirst() {
                switch m {
                case 0x5E, 0x28, 0x2B: p.quality = m                       // ^ ( +
                case 0x64, 0x44: p.quality = 0x64                          // dd: đ
                default: p.tone = m
                }
            }
            parts[letter] = p
        }
        // Plain vowels and d, for taking words apart.
        for b in Array("aeiouyd".utf8) {
            parts[Unicode.Scalar(b)] = LetterParts(base: b, quality: 0, tone: 0, uppercase: false)
            parts[Unicode.Scalar(b - 0x20)] = LetterParts(base: b, quality: 0, tone: 0, uppercase: true)
        }
        self.viqrSpellings = spellings
        self.letterParts = parts

        var cp1252 = (0..<256).map { Unicode.Scalar(UInt8($0)) }
        let high = (0x80...0xFF).map { UInt8($0) }
        if let converted = try? high.withUnsafeBufferPointer({ (p) throws(ICUError) in try ICU.convertToUTF8(p, from: "windows-1252") }) {
            let scalars = Array(String(decoding: converted.utf8, as: UTF8.self).unicodeScalars)
            if scalars.count == 128 { for (i, s) in scalars.enumerated() { cp1252[0x80 + i] = s } }
        }
        self.cp1252 = cp1252
        var specials: [UInt32: UInt8] = [:]
        for b in 0x80...0x9F where cp1252[b].value > 0xFF { specials[cp1252[b].value] = UInt8(b) }
        self.cp1252Specials = specials
    }

    /// The windows-1252 / ISO-8859-1 byte of a scalar (nil when it has none).
    @inline(__always)
    func cp1252Byte(_ s: Unicode.Scalar) -> UInt8? {
        s.value < 0x100 ? UInt8(s.value) : cp1252Specials[s.value]
    }
}
