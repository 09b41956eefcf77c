import MekongCore

/// A sentence as Unicode scalars (original and lowercased, same length), with the
/// UTF-8 offset of every scalar, so that matches map back to text offsets. One
/// instance is reused from sentence to sentence: its storage only grows, so reading a
/// sentence allocates nothing, and the views are unchecked buffers (no retain, no
/// uniqueness check per scalar).
final class ClaimText {
    private var capacity = 0
    private var originalStorage: UnsafeMutablePointer<UInt32>
    private var lowerStorage: UnsafeMutablePointer<UInt32>
    private var offsetStorage: UnsafeMutablePointer<Int>
    /// Per scalar: letter (or combining mark), computed once: property lookups are slow.
    private var letterStorage: UnsafeMutablePointer<Bool>
    private(set) var count = 0
    /// Whether the sentence has `/` or `@`, so may hold a URL or an e-mail address.
    private(set) var mayHoldAddress = false

    init() {
        originalStorage = .allocate(capacity: 1)
        lowerStorage = .allocate(capacity: 1)
        offsetStorage = .allocate(capacity: 1)
        letterStorage = .allocate(capacity: 1)
    }

    deinit {
        originalStorage.deallocate()
        lowerStorage.deallocate()
        offsetStorage.deallocate()
        letterStorage.deallocate()
    }

    var original: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: originalStorage, count: count) }
    var lower: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: lowerStorage, count: count) }
    /// byteOffsets[i] = UTF-8 offset (in the document text) of scalar i; one extra at the end.
    var byteOffsets: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: offsetStorage, count: count + 1) }

    private func reserve(_ n: Int) {
        guard n > capacity else { return }
        let c = max(n, capacity * 2, 256)
        originalStorage.deallocate(); lowerStorage.deallocate(); offsetStorage.deallocate(); letterStorage.deallocate()
        originalStorage = .allocate(capacity: c)
        lowerStorage = .allocate(capacity: c)
        offsetStorage = .allocate(capacity: c + 1)
        letterStorage = .allocate(capacity: c)
        capacity = c
    }

    /// Reads a sentence (UTF-8 bytes; `base` is their offset in the document text) in one pass.
    func load(_ p: UnsafeBufferPointer<UInt8>, base: Int) {
        reserve(p.count)
        var address = false
        var i = 0, n = 0
        while i < p.count {
            let b = p[i]
            if b < 0x80 {
                // ASCII: no decoding, no property lookup.
                let v = UInt32(b)
                if b == 0x2F || b == 0x40 { address = true }
                originalStorage[n] = v
                let isUpper = b >= 0x41 && b <= 0x5A
                lowerStorage[n] = isUpper ? v | 0x20 : v
                letterStorage[n] = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
                offsetStorage[n] = base + i
                i += 1
            } else {
                let (v, len) = Scalars.decode(p, at: i)
                originalStorage[n] = v
                lowerStorage[n] = Scalars.lowercased(v)
                letterStorage[n] = Scalars.isLetter(v) || (v >= 0x300 && v <= 0x36F)
                offsetStorage[n] = base + i
                i += len
            }
            n += 1
        }
        offsetStorage[n] = base + p.count
        count = n
        mayHoldAddress = address
    }

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

    @inline(__always) func isLetter(_ i: Int) -> Bool { i >= 0 && i < count && letterStorage[i] }
    @inline(__always) func isDigit(_ i: Int) -> Bool { i >= 0 && i < count && Scalars.isDigit(originalStorage[i]) }
    @inline(__always) func isSpace(_ i: Int) -> Bool { i >= 0 && i < count && (originalStorage[i] == 0x20 || originalStorage[i] == 0x0A) }
    func scalar(_ i: Int) -> UInt32? { i >= 0 && i < count ? originalStorage[i] : nil }

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
