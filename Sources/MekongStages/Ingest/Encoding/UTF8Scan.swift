import MekongCore

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

    static func stats(_ bytes: [UInt8]) -> Stats {
        var s = Stats()
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                if p[i] < 0x80 { i += 1; continue }
                let n = UTF8Validation.sequenceLength(p, at: i)
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
                let n = UTF8Validation.sequenceLength(p, at: i)
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
