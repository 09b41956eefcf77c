/// A minimal, fast JSON writer into a UTF-8 byte buffer. Keys are written in the
/// order the caller gives them, so output is deterministic.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// One entry per open container: whether it already holds a value.
    private var hasValue: [Bool] = []
    private var afterKey = false

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); hasValue.append(false) }
    public mutating func endObject() { hasValue.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); hasValue.append(false) }
    public mutating func endArray() { hasValue.removeLast(); bytes.append(UInt8(ascii: "]")) }

    public mutating func key(_ k: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes the comma before a value or key when its container already has one.
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard let last = hasValue.indices.last else { return }
        if hasValue[last] { bytes.append(UInt8(ascii: ",")) }
        hasValue[last] = true
    }

    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string(utf8: $0) }
    }

    public mutating func string(utf8 slice: ArraySlice<UInt8>) {
        slice.withUnsafeBufferPointer { string(utf8: $0) }
    }

    /// Escapes quotes, backslashes and control characters, and U+2028/U+2029 for
    /// JavaScript consumers; everything else is copied as UTF-8.
    public mutating func string(utf8 p: UnsafeBufferPointer<UInt8>) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        let n = p.count
        let plain = Self.plain
        while i < n {
            let b = p[i]
            if plain[Int(b)] { i += 1; continue }
            if b == 0xE2 {
                if i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9) {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i]))
                    appendASCII(p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 3
                    runStart = i
                } else {
                    i += 1
                }
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i]))
            switch b {
            case 0x22: appendASCII("\\\"")
            case 0x5C: appendASCII("\\\\")
            case 0x0A: appendASCII("\\n")
            case 0x0D: appendASCII("\\r")
            case 0x09: appendASCII("\\t")
            default:
                appendASCII("\\u00")
                bytes.append(Self.hex(b >> 4))
                bytes.append(Self.hex(b & 0xF))
            }
            i += 1
            runStart = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<n]))
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func int(_ v: Int) {
        separate()
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(v.magnitude, minimum: 1)
    }

    /// The decimal digits of `v`, zero-padded to `minimum` (offsets and confidences are
    /// written for every entity and sentence: no String per number).
    private mutating func appendDigits(_ v: UInt, minimum: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var n = 0, rest = v
            repeat {
                d[19 - n] = 0x30 + UInt8(rest % 10)
                rest /= 10
                n += 1
            } while rest > 0 || n < minimum
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(20 - n)...]))
        }
    }

    public mutating func bool(_ v: Bool) {
        separate()
        appendASCII(v ? "true" : "false")
    }

    public mutating func null() {
        separate()
        appendASCII("null")
    }

    /// A number with a fixed count of decimals, so output does not depend on float printing.
    public mutating func fixed(_ v: Double, decimals: Int = 3) {
        separate()
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((v * Double(scale)).rounded())
        if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt(abs(scaled / scale)), minimum: 1)
        bytes.append(UInt8(ascii: "."))
        appendDigits(UInt(abs(scaled % scale)), minimum: decimals)
    }

    /// Ends a JSONL record.
    public mutating func newline() { bytes.append(0x0A) }

    private mutating func appendASCII(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendASCII(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Bytes copied as they are: everything but controls, `"`, `\\`, DEL, and 0xE2 (which may start U+2028/U+2029).
    private static let plain: [Bool] = (0..<256).map { b in b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F && b != 0xE2 }

    private static func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        hasValue.removeAll()
        afterKey = false
    }
}
