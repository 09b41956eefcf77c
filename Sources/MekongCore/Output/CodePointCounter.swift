/// Converts UTF-8 byte offsets of one buffer into Unicode code-point offsets
/// (what Python's `text[start:end]` uses). A cursor makes ascending lookups linear.
public struct CodePointCounter {
    private let bytes: [UInt8]
    private var byteCursor = 0
    private var pointCursor = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func codePoint(at byteOffset: Int) -> Int {
        if byteOffset < byteCursor {
            // Going back: restart from whichever end is closer.
            if byteOffset < byteCursor / 2 { byteCursor = 0; pointCursor = 0 }
            else {
                var b = byteCursor, p = pointCursor
                bytes.withUnsafeBufferPointer { buf in
                    while b > byteOffset { b -= 1; if buf[b] & 0xC0 != 0x80 { p -= 1 } }
                }
                byteCursor = b; pointCursor = p
                return p
            }
        }
        var b = byteCursor, p = pointCursor
        bytes.withUnsafeBytes { buf in
            // Eight bytes at a time: a continuation byte (10xxxxxx) has bit 7 set and bit 6 clear.
            while b + 8 <= byteOffset {
                let w = buf.loadUnaligned(fromByteOffset: b, as: UInt64.self)
                let continuation = w & ~(w << 1) & 0x8080_8080_8080_8080
                p += 8 - continuation.nonzeroBitCount
                b += 8
            }
            while b < byteOffset { if buf[b] & 0xC0 != 0x80 { p += 1 }; b += 1 }
        }
        byteCursor = b; pointCursor = p
        return p
    }
}
