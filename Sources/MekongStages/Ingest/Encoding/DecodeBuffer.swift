import MekongCore

/// Output of a decoder: UTF-8 text plus the alignment from it back to the raw bytes,
/// built one raw unit at a time (an unchanged ASCII byte, or a converted character).
struct DecodeBuffer {
    var text: [UInt8] = []
    var alignment = Alignment.Builder()

    init(capacity: Int) { text.reserveCapacity(capacity) }

    /// Raw bytes that are their own UTF-8 (ASCII, or valid UTF-8 taken over).
    mutating func copy<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        text.append(contentsOf: bytes)
        alignment.copy(bytes.count)
    }

    mutating func copy(_ byte: UInt8) {
        text.append(byte)
        alignment.copy(1)
    }

    /// `rawCount` raw bytes became these scalars: one changed run.
    mutating func emit(_ scalars: [Unicode.Scalar], rawCount: Int) {
        let before = text.count
        for s in scalars { appendUTF8(s) }
        alignment.replace(raw: rawCount, text: text.count - before)
    }

    mutating func emit(_ scalar: Unicode.Scalar, rawCount: Int) {
        let before = text.count
        appendUTF8(scalar)
        alignment.replace(raw: rawCount, text: text.count - before)
    }

    private mutating func appendUTF8(_ s: Unicode.Scalar) { Scalars.encode(s.value, into: &text) }

    func build() -> (text: [UInt8], alignment: Alignment) { (text, alignment.build()) }
}

/// Unicode scalars of valid UTF-8 with the byte offset where each starts.
func scalarsWithOffsets(_ utf8: [UInt8]) -> (scalars: [Unicode.Scalar], offsets: [Int]) {
    var scalars: [Unicode.Scalar] = []
    var offsets: [Int] = []
    scalars.reserveCapacity(utf8.count)
    offsets.reserveCapacity(utf8.count + 1)
    var i = 0
    let n = utf8.count
    while i < n {
        let b = utf8[i]
        var v: UInt32
        var len: Int
        if b < 0x80 { v = UInt32(b); len = 1 }
        else if b < 0xE0 { v = UInt32(b & 0x1F); len = 2 }
        else if b < 0xF0 { v = UInt32(b & 0x0F); len = 3 }
        else { v = UInt32(b & 0x07); len = 4 }
        if i + len > n { len = n - i }
        for k in 1..<max(1, len) { v = (v << 6) | UInt32(utf8[i + k] & 0x3F) }
        scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        offsets.append(i)
        i += len
    }
    offsets.append(n)
    return (scalars, offsets)
}
