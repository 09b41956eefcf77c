import Foundation

/// Decoding and classifying Unicode scalars straight from UTF-8 bytes, for hot loops.
enum Scalars {
    /// Decodes the scalar at `i` of valid UTF-8; returns it and its byte length.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0 { return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3) }
        return (((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F), 4)
    }

    /// Decodes the scalar that ends just before byte `i`; returns it and its start offset.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, before i: Int) -> (UInt32, Int) {
        var s = i - 1
        while s > 0 && p[s] & 0xC0 == 0x80 { s -= 1 }
        return (decode(p, at: s).0, s)
    }

    static func encode(_ v: UInt32, into out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    @inline(__always)
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if v < 0x250 { return latin.letter[Int(v)] }
        if v >= 0x1E00 && v < 0x1F00 { return latin.extendedLetter[Int(v - 0x1E00)] }
        if isGeneralPunctuation(v) { return false }
        return Slow.isAlphabetic(v)
    }

    /// Letter flags and lowercase forms of Latin (U+0000–U+024F) and Latin Extended
    /// Additional (U+1E00–U+1EFF, the Vietnamese vowels), computed once from Unicode's
    /// properties: looking properties up per scalar is slow.
    private struct LatinTables {
        var letter: [Bool] = []
        var lower: [UInt32] = []
        var extendedLetter: [Bool] = []
        var extendedLower: [UInt32] = []
        /// Lowercase base letters (`Ệ` → `e`, `Đ` → `d`) for both ranges, indexed like the above.
        var base: [UInt32] = []
        var extendedBase: [UInt32] = []
        init() {
            for v in 0..<0x250 { (letter, lower) = Self.add(UInt32(v), letter, lower) }
            for v in 0x1E00..<0x1F00 { (extendedLetter, extendedLower) = Self.add(UInt32(v), extendedLetter, extendedLower) }
            base = lower.map(Self.baseLetter)
            extendedBase = extendedLower.map(Self.baseLetter)
        }
        /// The first scalar of the canonical decomposition; letters with a stroke have none.
        private static func baseLetter(_ v: UInt32) -> UInt32 {
            if v == 0x111 { return 0x64 }                 // đ
            let s = String(Unicode.Scalar(v)!).decomposedStringWithCanonicalMapping.unicodeScalars
            return s.first.map(\.value) ?? v
        }
        private static func add(_ v: UInt32, _ l: [Bool], _ m: [UInt32]) -> ([Bool], [UInt32]) {
            let s = Unicode.Scalar(v)!
            let mapping = s.properties.lowercaseMapping.unicodeScalars
            return (l + [s.properties.isAlphabetic], m + [mapping.count == 1 ? mapping.first!.value : v])
        }
    }
    private static let latin = LatinTables()

    @inline(__always)
    static func isUppercase(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v < 0x250 { return latin.letter[Int(v)] && latin.lower[Int(v)] != v }
        if v >= 0x1E00 && v < 0x1F00 { return latin.extendedLetter[Int(v - 0x1E00)] && latin.extendedLower[Int(v - 0x1E00)] != v }
        if isGeneralPunctuation(v) { return false }
        return Slow.isUppercase(v)
    }

    /// Quotation marks that open a quotation (`"` and `'` either way): the word after one starts
    /// with a capital whatever it is.
    static func opensQuotation(_ v: UInt32) -> Bool {
        v == 0x22 || v == 0x27 || v == 0xAB || v == 0x2018 || v == 0x201C || v == 0x201E || v == 0x2039
    }

    /// U+2000–U+206F (dashes, quotes, ellipsis, spaces): no letters or digits, and common in
    /// news text; answered without looking up Unicode properties, which is slow.
    @inline(__always)
    static func isGeneralPunctuation(_ v: UInt32) -> Bool { v >= 0x2000 && v < 0x2070 }

    @inline(__always)
    static func isLowercase(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        if v < 0x250 && v != 0xAA && v != 0xBA { return latin.letter[Int(v)] && latin.lower[Int(v)] == v && Slow.isLowercase(v) }
        return Slow.isLowercase(v)
    }

    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    /// Lowercases a scalar and drops its diacritics (`Ễ` → `e`, `Đ` → `d`): how names are
    /// matched with and without Vietnamese diacritics. Combining marks fold to 0 (dropped).
    @inline(__always)
    static func folded(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) ? v | 0x20 : v }
        if v < 0x250 { return latin.base[Int(v)] }
        if v >= 0x300 && v < 0x370 { return 0 }
        if v >= 0x1E00 && v < 0x1F00 { return latin.extendedBase[Int(v - 0x1E00)] }
        return lowercased(v)
    }

    /// Lowercases one scalar (simple case mapping; enough for data lookups).
    static func lowercased(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) ? v | 0x20 : v }
        if v < 0x250 { return latin.lower[Int(v)] }
        if v >= 0x1E00 && v < 0x1F00 { return latin.extendedLower[Int(v - 0x1E00)] }
        return Slow.lowercased(v)
    }

    /// Unicode property lookups, kept out of line: inlined, their type metadata and stack
    /// set-up ran on every call of the hot functions above, the ASCII fast paths included.
    enum Slow {
        @inline(never) static func isAlphabetic(_ v: UInt32) -> Bool { Unicode.Scalar(v)?.properties.isAlphabetic ?? false }
        @inline(never) static func isUppercase(_ v: UInt32) -> Bool { Unicode.Scalar(v)?.properties.isUppercase ?? false }
        @inline(never) static func isLowercase(_ v: UInt32) -> Bool { Unicode.Scalar(v)?.properties.isLowercase ?? false }
        @inline(never) static func isDecimalDigit(_ v: UInt32) -> Bool { Unicode.Scalar(v)?.properties.numericType == .decimal }
        @inline(never) static func lowercased(_ v: UInt32) -> UInt32 {
            guard let s = Unicode.Scalar(v) else { return v }
            let m = s.properties.lowercaseMapping.unicodeScalars
            return m.count == 1 ? m.first!.value : v
        }
    }
}
