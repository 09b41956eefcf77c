/// A trie over Unicode scalars: finds every dictionary word that starts (or ends) at a
/// position of a scalar array without building strings or hashing. ASCII edges sit in
/// a flat table; the few others in short lists.
struct ScalarTrie<Value: Sendable>: Sendable {
    private var ascii: [Int32] = Array(repeating: -1, count: 128)
    private var other: [[(UInt32, Int32)]] = [[]]
    private var values: [Value?] = [nil]

    init() {}

    @inline(__always)
    private func child(_ node: Int, _ s: UInt32) -> Int? {
        if s < 128 {
            let n = ascii[node &* 128 &+ Int(s)]
            return n < 0 ? nil : Int(n)
        }
        for (k, n) in other[node] where k == s { return Int(n) }
        return nil
    }

    mutating func insert(_ word: some Sequence<UInt32>, _ value: Value) {
        var node = 0
        for s in word {
            if let next = child(node, s) { node = next; continue }
            let new = values.count
            values.append(nil)
            other.append([])
            ascii.append(contentsOf: repeatElement(-1, count: 128))
            if s < 128 { ascii[node * 128 + Int(s)] = Int32(new) } else { other[node].append((s, Int32(new))) }
            node = new
        }
        values[node] = value
    }

    /// The value of exactly `text[range]`, if it is a word.
    func lookup(_ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> Value? {
        var node = 0
        for i in range {
            guard let next = child(node, text[i]) else { return nil }
            node = next
        }
        return values[node]
    }

    /// Every word that starts at `start` and ends by `limit`: (end, value), shortest first.
    func prefixes(_ text: UnsafeBufferPointer<UInt32>, from start: Int, limit: Int) -> [(end: Int, value: Value)] {
        var out: [(end: Int, value: Value)] = []
        var node = 0
        var i = start
        while i < limit, let next = child(node, text[i]) {
            node = next
            i += 1
            if let v = values[node] { out.append((i, v)) }
        }
        return out
    }

    /// The longest word starting at `start` whose end `accept`s, without allocating.
    @inline(__always)
    func longestPrefix(_ text: UnsafeBufferPointer<UInt32>, from start: Int, accept: (Int, Value) -> Bool) -> (end: Int, value: Value)? {
        var best: (end: Int, value: Value)?
        var node = 0
        var i = start
        while i < text.count, let next = child(node, text[i]) {
            node = next
            i += 1
            if let v = values[node], accept(i, v) { best = (i, v) }
        }
        return best
    }

    /// The longest word (stored reversed) ending at `end` whose start `accept`s, without allocating.
    @inline(__always)
    func longestSuffix(_ text: UnsafeBufferPointer<UInt32>, endingAt end: Int, accept: (Int, Value) -> Bool) -> (start: Int, value: Value)? {
        var best: (start: Int, value: Value)?
        var node = 0
        var i = end - 1
        while i >= 0, let next = child(node, text[i]) {
            node = next
            if let v = values[node], accept(i, v) { best = (i, v) }
            i -= 1
        }
        return best
    }

    /// Whether some word starts with `text[start..<start+length]` (a cheap first filter).
    func hasPrefix(_ text: UnsafeBufferPointer<UInt32>, _ start: Int, length: Int) -> Bool {
        var node = 0
        for i in start..<min(text.count, start + length) {
            guard let next = child(node, text[i]) else { return false }
            node = next
        }
        return true
    }
}
