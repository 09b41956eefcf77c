/// Why an input could not become a document.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case invalidUTF8 = "invalid_utf8", binary, malformedJSON = "malformed_json", missingField = "missing_field", unreadable, truncated, tooLarge = "too_large" }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }
}

public enum UTF8Validation {
    /// Checks well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF) and no NUL.
    public static func validate(_ bytes: [UInt8]) throws(IngestError) {
        try bytes.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(IngestError) in
            let n = p.count
            var i = 0
            let raw = UnsafeRawBufferPointer(p)
            while i < n {
                // ASCII fast path: 8 bytes at a time, none with the high bit set and none zero.
                if i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let hasZero = (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
                    if w & 0x8080_8080_8080_8080 == 0 && hasZero == 0 { i += 8; continue }
                }
                let b = p[i]
                if b < 0x80 {
                    if b == 0 { throw IngestError(.binary, "NUL byte at byte offset \(i): binary content, not text") }
                    i += 1
                    continue
                }
                let length = sequenceLength(p, at: i)
                if length < 0 { throw invalid(at: i) }
                i += length
            }
        }
    }

    /// Length of the well-formed UTF-8 sequence at `i` (1 to 4), or the negative length of
    /// the ill-formed subpart there (no overlongs, surrogates or values past U+10FFFF).
    @inlinable
    public static func sequenceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
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

    private static func invalid(at offset: Int) -> IngestError {
        IngestError(.invalidUTF8, "invalid UTF-8 at byte offset \(offset)")
    }
}
