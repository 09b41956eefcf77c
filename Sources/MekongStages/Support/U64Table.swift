/// A hash table from 64-bit keys (already well mixed: FNV or feature hashes) to small
/// values, with open addressing: lookups in hot loops without Swift's seeded hashing.
/// Key 0 marks an empty slot, so 0 is stored apart.
struct U64Table<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var zeroValue: Value?
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    subscript(key: UInt64) -> Value? {
        get {
            if key == 0 { return zeroValue }
            var i = Self.slot(key, mask)
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { return }          // removal is not needed
            if key == 0 { if zeroValue == nil { count += 1 }; zeroValue = newValue; return }
            if (count + 1) * 2 > keys.count { grow() }
            var i = Self.slot(key, mask)
            while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
            if keys[i] == 0 { count += 1; keys[i] = key }
            values[i] = newValue
        }
    }

    func contains(_ key: UInt64) -> Bool { self[key] != nil }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) where k != 0 {
            var i = Self.slot(k, mask)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }
    }
}

/// A set of 64-bit hashes on `U64Table`.
struct U64Set: Sendable {
    private var table = U64Table<Bool>()
    init() {}
    init(_ keys: some Sequence<UInt64>) { for k in keys { insert(k) } }
    mutating func insert(_ key: UInt64) { table[key] = true }
    func contains(_ key: UInt64) -> Bool { table.contains(key) }
    var isEmpty: Bool { table.count == 0 }
}
