/// The one pass over valid UTF-8 that decides whether the slower checks run: a possible
/// mojibake lead (`C3 82…B4` then `C2 C5 C6 CB E2`) and vowels followed by a VIQR quality
/// mark (`a^`, `a(`, `o+` …). Eight bytes at a time: a word with none of the bytes 0xC3,
/// `^`, `(` or `+` is skipped with a few arithmetic operations.
enum FastCheck {
    struct Hints {
        var mojibake = false
        var viqrMarks = 0
    }

    @inline(__always)
    private static func hasByte(_ w: UInt64, _ c: UInt64) -> Bool {
        let x = w ^ (c &* 0x0101_0101_0101_0101)
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    static func scan(_ p: UnsafeBufferPointer<UInt8>, viqrEnough: Int = 3) -> Hints {
        var h = Hints()
        let n = p.count
        guard n >= 2 else { return h }
        let raw = UnsafeRawBufferPointer(p)
        var i = 0
        while i < n {
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if !hasByte(w, 0xC3) && !hasByte(w, 0x5E) && !hasByte(w, 0x28) && !hasByte(w, 0x2B) { i += 8; continue }
            }
            let b = p[i]
            if b == 0xC3 {
                if !h.mojibake && i + 2 < n {
                    let b1 = p[i + 1], b2 = p[i + 2]
                    if b1 >= 0x82 && b1 <= 0xB4 && (b2 == 0xC2 || b2 == 0xC5 || b2 == 0xC6 || b2 == 0xCB || b2 == 0xE2) { h.mojibake = true }
                }
            } else if (b == 0x5E || b == 0x28 || b == 0x2B) && i > 0 && h.viqrMarks < viqrEnough {
                let v = p[i - 1] | 0x20
                if (b == 0x5E && (v == 0x61 || v == 0x65 || v == 0x6F)) || (b == 0x28 && v == 0x61) || (b == 0x2B && (v == 0x6F || v == 0x75)) {
                    h.viqrMarks += 1
                }
            }
            if h.mojibake && h.viqrMarks >= viqrEnough { return h }
            i += 1
        }
        return h
    }
}
