import MekongCore

/// Extracts string fields from one JSONL line without building a whole JSON tree:
/// the text field must be a string; the id may be a string or a number. Other
/// values are skipped but still checked for well-formedness.
struct JSONLineParser {
    struct Fields {
        var text: [UInt8]?
        var id: String?
    }

    struct Failure: Error { let message: String }

    private let p: UnsafeBufferPointer<UInt8>
    private var i = 0

    static func parse(_ line: UnsafeBufferPointer<UInt8>, textField: String, idField: String) throws(IngestError) -> Fields {
        var parser = JSONLineParser(p: line)
        do {
            return try parser.object(textField: Array(textField.utf8), idField: Array(idField.utf8))
        } catch {
            throw IngestError(.malformedJSON, "malformed JSON line: \(error.message) at byte \(parser.i)")
        }
    }

    private init(p: UnsafeBufferPointer<UInt8>) { self.p = p }

    private mutating func skipBlanks() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
    }

    private mutating func expect(_ c: UInt8) throws(Failure) {
        skipBlanks()
        guard i < p.count, p[i] == c else { throw Failure(message: "expected '\(Character(Unicode.Scalar(c)))'") }
        i += 1
    }

    private mutating func object(textField: [UInt8], idField: [UInt8]) throws(Failure) -> Fields {
        var fields = Fields()
        try expect(UInt8(ascii: "{"))
        skipBlanks()
        if i < p.count, p[i] == UInt8(ascii: "}") { i += 1; return try finish(fields) }
        while true {
            skipBlanks()
            let key = try string()
            try expect(UInt8(ascii: ":"))
            skipBlanks()
            if key == textField {
                guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw Failure(message: "field \"\(String(decoding: textField, as: UTF8.self))\" is not a string") }
                fields.text = try string()
            } else if key == idField {
                if i < p.count, p[i] == UInt8(ascii: "\"") {
                    fields.id = String(decoding: try string(), as: UTF8.self)
                } else {
                    let s = i
                    try skipValue()
                    fields.id = String(decoding: UnsafeBufferPointer(rebasing: p[s..<i]), as: UTF8.self)
                }
            } else {
                try skipValue()
            }
            skipBlanks()
            guard i < p.count else { throw Failure(message: "unterminated object") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "}") { i += 1; break }
            throw Failure(message: "expected ',' or '}'")
        }
        return try finish(fields)
    }

    private mutating func finish(_ f: Fields) throws(Failure) -> Fields {
        skipBlanks()
        guard i == p.count else { throw Failure(message: "trailing characters after the object") }
        return f
    }

    /// A JSON string at `i`, unescaped to UTF-8.
    private mutating func string() throws(Failure) -> [UInt8] {
        guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw Failure(message: "expected a string") }
        i += 1
        var out: [UInt8] = []
        var runStart = i
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i]))
                i += 1
                return out
            }
            if b < 0x20 { throw Failure(message: "control character inside a string") }
            if b != UInt8(ascii: "\\") { i += 1; continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i]))
            i += 1
            guard i < p.count else { break }
            switch p[i] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var v = try hex4(at: i + 1)
                i += 4
                if (0xD800..<0xDC00).contains(v) {
                    // A surrogate pair; a lone surrogate is not text.
                    guard i + 2 < p.count, p[i + 1] == UInt8(ascii: "\\"), p[i + 2] == UInt8(ascii: "u") else { throw Failure(message: "lone surrogate escape") }
                    let low = try hex4(at: i + 3)
                    guard (0xDC00..<0xE000).contains(low) else { throw Failure(message: "lone surrogate escape") }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00..<0xE000).contains(v) {
                    throw Failure(message: "lone surrogate escape")
                }
                Scalars.encode(v, into: &out)
            default: throw Failure(message: "bad escape")
            }
            i += 1
            runStart = i
        }
        throw Failure(message: "unterminated string")
    }

    private func hex4(at j: Int) throws(Failure) -> UInt32 {
        guard j + 4 <= p.count else { throw Failure(message: "short \\u escape") }
        var v: UInt32 = 0
        for k in j..<j + 4 {
            let c = p[k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw Failure(message: "bad \\u escape")
            }
            v = v << 4 | d
        }
        return v
    }

    private mutating func skipValue() throws(Failure) {
        skipBlanks()
        guard i < p.count else { throw Failure(message: "missing value") }
        switch p[i] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close: UInt8 = p[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            i += 1
            skipBlanks()
            if i < p.count, p[i] == close { i += 1; return }
            while true {
                if isObject {
                    skipBlanks()
                    _ = try string()
                    try expect(UInt8(ascii: ":"))
                }
                try skipValue()
                skipBlanks()
                guard i < p.count else { throw Failure(message: "unterminated container") }
                if p[i] == UInt8(ascii: ",") { i += 1; continue }
                if p[i] == close { i += 1; return }
                throw Failure(message: "expected ',' or a closing bracket")
            }
        default:
            // Numbers, true, false, null.
            let s = i
            while i < p.count, !(p[i] == 0x2C || p[i] == 0x7D || p[i] == 0x5D || p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D) { i += 1 }
            let word = Array(p[s..<i])
            if word == Array("true".utf8) || word == Array("false".utf8) || word == Array("null".utf8) { return }
            guard !word.isEmpty, word.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2B || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) else {
                throw Failure(message: "invalid value")
            }
        }
    }
}
