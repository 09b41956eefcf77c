/// UTF-8 read byte by byte for the slow path: how much of it is valid, and decoding
/// with each maximal ill-formed subpart replaced by one U+FFFD (the Unicode and
/// WHATWG practice), every replacement counted.
enum UTF8Scan {
    struct Stats {
        /// Valid sequences of two to four bytes.
        var validMultibyte = 0
        /// Ill-formed subparts, and the bytes in them.
        var invalidSequences = 0
        var invalidBytes = 0
        var firstInvalid: Int?
    }

    /// Length of the valid sequence at `i`, or the negative length of the ill-formed subpart there.
    @inline(__always)
    static func sequence(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return 1 }
        var need = 0
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; upper = 0x9F
        case 0xF0: need = 3; lower = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; upper = 0x8F
        default: return -1
        }
        var k = 1
        while k <= need {
            guard i + k < p.count else { return -k }
            let c = p[i + k]
            let lo: UInt8 = k == 1 ? lower : 0x80, hi: UInt8 = k == 1 ? upper : 0xBF
            if c < lo || c > hi { return -k }
            k += 1
        }
        return need + 1
    }

    static func stats(_ bytes: [UInt8]) -> Stats {
        var s = Stats()
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                if p[i] < 0x80 { i += 1; continue }
                let n = sequence(p, at: i)
                if n > 0 { s.validMultibyte += 1; i += n } else {
                    if s.firstInvalid == nil { s.firstInvalid = i }
                    s.invalidSequences += 1
                    s.invalidBytes += -n
                    i += -n
                }
            }
        }
        return s
    }

    /// Decodes with U+FFFD for each ill-formed subpart; the alignment maps each one to its bytes.
    static func decodeReplacing(_ bytes: [UInt8]) -> (buffer: DecodeBuffer, stats: Stats) {
        var out = DecodeBuffer(capacity: bytes.count + 16)
        var s = Stats()
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            var runStart = 0
            while i < p.count {
                if p[i] < 0x80 { i += 1; continue }
                let n = sequence(p, at: i)
                if n > 0 { s.validMultibyte += 1; i += n; continue }
                out.copy(p[runStart..<i])
                if s.firstInvalid == nil { s.firstInvalid = i }
                s.invalidSequences += 1
                s.invalidBytes += -n
                out.emit("\u{FFFD}", rawCount: -n)
                i += -n
                runStart = i
            }
            out.copy(p[runStart..<p.count])
        }
        return (out, s)
    }
}
