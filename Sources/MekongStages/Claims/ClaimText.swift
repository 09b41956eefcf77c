import MekongCore

/// A sentence as Unicode scalars (original and lowercased, same length), with the
/// UTF-8 offset of every scalar, so that matches map back to text offsets. One
/// instance is reused from sentence to sentence.
final class ClaimText {
    private(set) var original: [UInt32] = []
    private(set) var lower: [UInt32] = []
    /// byteOffsets[i] = UTF-8 offset (in the document text) of scalar i; one extra at the end.
    private(set) var byteOffsets: [Int] = []
    /// Per scalar: letter (or combining mark), computed once: property lookups are slow.
    private var letters: [Bool] = []
    /// Whether the sentence has `/` or `@`, so may hold a URL or an e-mail address.
    private(set) var mayHoldAddress = false

    init() {}

    /// Reads a sentence. The arrays are filled through raw buffers: appending scalar by
    /// scalar spent its time checking uniqueness.
    func load(_ p: UnsafeBufferPointer<UInt8>, base: Int) {
        var offsets: [Int] = []
        var address = false
        original = Array(unsafeUninitializedCapacity: p.count) { o, oCount in
            offsets = Array(unsafeUninitializedCapacity: p.count + 1) { b, bCount in
                var i = 0, n = 0
                while i < p.count {
                    let (v, len) = Scalars.decode(p, at: i)
                    if v == 0x2F || v == 0x40 { address = true }
                    o[n] = v
                    b[n] = base + i
                    n += 1
                    i += len
                }
                b[n] = base + p.count
                oCount = n
                bCount = n + 1
            }
        }
        byteOffsets = offsets
        mayHoldAddress = address
        lower = original.map { $0 < 0x80 ? (($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0) : Scalars.lowercased($0) }
        letters = original.map { v in
            v < 0x80 ? (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A : Scalars.isLetter(v) || (v >= 0x300 && v <= 0x36F)
        }
    }

    var count: Int { original.count }

    func string(_ r: Range<Int>) -> String {
        String(String.UnicodeScalarView(lower[r].compactMap(Unicode.Scalar.init)))
    }

    func originalString(_ r: Range<Int>) -> String {
        String(String.UnicodeScalarView(original[r].compactMap(Unicode.Scalar.init)))
    }

    static func isWordScalar(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A || (v >= 0x30 && v <= 0x39) }
        return Scalars.isLetter(v) || (v >= 0x300 && v <= 0x36F)
    }

    func isLetter(_ i: Int) -> Bool { i >= 0 && i < count && letters[i] }
    func isDigit(_ i: Int) -> Bool { i >= 0 && i < count && Scalars.isDigit(original[i]) }
    func isSpace(_ i: Int) -> Bool { i >= 0 && i < count && (original[i] == 0x20 || original[i] == 0x0A) }
    func scalar(_ i: Int) -> UInt32? { i >= 0 && i < count ? original[i] : nil }

    /// Start of the next non-space scalar at or after i.
    func skipSpaces(_ i: Int) -> Int {
        var j = i
        while j < count && isSpace(j) { j += 1 }
        return j
    }

    /// End of the previous non-space scalar before i (exclusive index).
    func skipSpacesBack(_ i: Int) -> Int {
        var j = i
        while j > 0 && isSpace(j - 1) { j -= 1 }
        return j
    }

    /// The word (letters) starting at i.
    func wordEnd(_ i: Int) -> Int {
        var j = i
        while j < count && isLetter(j) { j += 1 }
        return j
    }
}
