/// A byte string of at most 16 bytes packed into two integers: a dictionary key that
/// needs no allocation and hashes fast. Word lists (abbreviations, function words)
/// are looked up with it in hot loops.
struct PackedKey: Hashable {
    private var high: UInt64 = 0
    private var low: UInt64 = 0
    private var count: UInt8 = 0

    static let capacity = 16

    init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count <= Self.capacity else { return nil }
        for b in bytes { append(b) }
    }

    init?(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard range.count <= Self.capacity else { return nil }
        for i in range { append(p[i]) }
    }

    init() {}

    /// Appends a byte; returns false (and leaves the key as it was) when it is full.
    @discardableResult
    mutating func append(_ b: UInt8) -> Bool {
        guard count < Self.capacity else { return false }
        if count < 8 { high = high << 8 | UInt64(b) } else { low = low << 8 | UInt64(b) }
        count += 1
        return true
    }

    /// The same key with its first byte lowercased (ASCII).
    func withLowercasedFirstByte() -> PackedKey {
        var k = self
        let shift = UInt64(8 * (Int(min(count, 8)) - 1))
        k.high |= 0x20 << shift
        return k
    }
}
