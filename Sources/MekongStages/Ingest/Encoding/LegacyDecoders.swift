import MekongICU

/// One candidate reading of bytes that are not UTF-8.
struct Decoding {
    var name: String
    var buffer: DecodeBuffer
    /// Sequences that could not be decoded (each one U+FFFD), their bytes, the first offset.
    var invalidSequences = 0
    var invalidBytes = 0
    var firstInvalid: Int?
    /// High bytes that the table did not know and were read as windows-1252 instead.
    var fallbacks = 0
}

enum LegacyDecoders {
    /// TCVN3 (ABC): one byte, one character.
    static func tcvn3(_ bytes: [UInt8]) -> Decoding {
        let table = EncodingTables.shared.tcvn3
        var out = DecodeBuffer(capacity: bytes.count * 2)
        bytes.withUnsafeBufferPointer { p in
            var runStart = 0
            for i in 0..<p.count {
                guard let s = table[Int(p[i])] else { continue }
                out.copy(p[runStart..<i])
                out.emit(s, rawCount: 1)
                runStart = i + 1
            }
            out.copy(p[runStart..<p.count])
        }
        return Decoding(name: "TCVN3", buffer: out)
    }

    /// VNI-Windows: a base letter and a diacritic byte become one letter; a few letters are
    /// single bytes; other high bytes are windows-1252 (the VNI fonts keep its punctuation).
    static func vni(_ bytes: [UInt8]) -> Decoding {
        let tables = EncodingTables.shared
        var out = DecodeBuffer(capacity: bytes.count * 2)
        var fallbacks = 0
        bytes.withUnsafeBufferPointer { p in
            var runStart = 0
            var i = 0
            let n = p.count
            while i < n {
                let b = p[i]
                if i + 1 < n, p[i + 1] >= 0x80, let letter = tables.vniPairs[UInt16(b) << 8 | UInt16(p[i + 1])] {
                    out.copy(p[runStart..<i])
                    out.emit(letter, rawCount: 2)
                    i += 2
                    runStart = i
                    continue
                }
                if b >= 0x80 {
                    out.copy(p[runStart..<i])
                    if let letter = tables.vniSingle[Int(b)] {
                        out.emit(letter, rawCount: 1)
                    } else {
                        out.emit(tables.cp1252[Int(b)], rawCount: 1)
                        fallbacks += 1
                    }
                    runStart = i + 1
                }
                i += 1
            }
            out.copy(p[runStart..<n])
        }
        return Decoding(name: "VNI", buffer: out, fallbacks: fallbacks)
    }

    /// Any charset ICU converts (windows-1258, windows-1252, Shift_JIS …): each output
    /// code point maps to the source bytes it came from.
    static func icu(_ bytes: [UInt8], _ name: String) -> Decoding? {
        guard let converted = try? bytes.withUnsafeBufferPointer({ (p) throws(ICUError) in try ICU.convertToUTF8(p, from: name) }) else { return nil }
        var out = DecodeBuffer(capacity: converted.utf8.count)
        let utf8 = converted.utf8
        let offsets = converted.sourceOffsets
        // Group code points by source offset: a group's raw span runs to the next group's offset.
        var textPos = 0
        var k = 0
        var rawPos = 0
        while k < offsets.count {
            let rawStart = max(rawPos, Int(offsets[k]))
            if rawStart > rawPos {
                // Bytes that produced nothing (a BOM, escape sequences): a deletion.
                out.alignment.replace(raw: rawStart - rawPos, text: 0)
                rawPos = rawStart
            }
            var j = k + 1
            var textEnd = textPos + utf8SequenceLength(utf8[textPos])
            while j < offsets.count, Int(offsets[j]) <= rawStart {
                textEnd += utf8SequenceLength(utf8[textEnd])
                j += 1
            }
            let rawEnd = j < offsets.count ? max(rawStart, Int(offsets[j])) : bytes.count
            let rawLen = rawEnd - rawStart
            let piece = utf8[textPos..<textEnd]
            if rawLen == piece.count && bytes[rawStart..<rawEnd].elementsEqual(piece) {
                out.copy(piece)
            } else {
                out.text.append(contentsOf: piece)
                out.alignment.replace(raw: rawLen, text: piece.count)
            }
            rawPos = rawEnd
            textPos = textEnd
            k = j
        }
        if rawPos < bytes.count { out.alignment.replace(raw: bytes.count - rawPos, text: 0) }
        return Decoding(name: name, buffer: out, invalidSequences: converted.invalidSequences,
                        invalidBytes: converted.invalidBytes, firstInvalid: converted.firstInvalidOffset)
    }

    @inline(__always)
    static func utf8SequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}
