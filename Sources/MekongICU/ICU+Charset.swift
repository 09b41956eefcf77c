import CMekongICU

extension ICU {
    /// One guess of ICU's charset detector.
    public struct CharsetMatch: Equatable, Sendable {
        /// The charset's canonical name, e.g. "ISO-8859-1", "windows-1252", "Shift_JIS".
        public var name: String
        /// The language ICU guessed along with it ("" when none).
        public var language: String
        /// 0 to 100.
        public var confidence: Int
        public init(name: String, language: String, confidence: Int) {
            self.name = name
            self.language = language
            self.confidence = confidence
        }
    }

    /// ICU's charset detector (`ucsdet`) over `bytes`: its guesses, best first.
    /// An empty answer means that no detector matched (not an error).
    public static func detectCharsets(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 8) throws(ICUError) -> [CharsetMatch] {
        guard !bytes.isEmpty else { return [] }
        var matches = [mk_charset_match](repeating: mk_charset_match(), count: limit)
        let count = try ICU.check("ucsdet_detectAll") { status in
            bytes.withMemoryRebound(to: CChar.self) { src in
                matches.withUnsafeMutableBufferPointer { out in
                    mk_detect_charsets(src.baseAddress, Int32(clamping: src.count), out.baseAddress, Int32(out.count), &status)
                }
            }
        }
        return matches.prefix(Int(count)).map { m in
            var m = m
            let name = withUnsafeBytes(of: &m.name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let language = withUnsafeBytes(of: &m.language) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return CharsetMatch(name: name, language: language, confidence: Int(m.confidence))
        }
    }

    /// The standard (MIME or IANA) name of ICU's converter for `name` ("cp1258" →
    /// "windows-1258", "latin1" → "ISO-8859-1"), or nil when ICU has no such converter.
    public static func converterName(_ name: String) -> String? {
        var out = [CChar](repeating: 0, count: 96)
        let ok = out.withUnsafeMutableBufferPointer { mk_converter_name(name, $0.baseAddress, Int32($0.count)) }
        guard ok == 1 else { return nil }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Bytes converted to UTF-8 by an ICU converter.
    public struct Converted: Sendable, Equatable {
        /// Valid UTF-8.
        public var utf8: [UInt8]
        /// For every code point of `utf8`, in order, the source byte offset where it starts.
        public var sourceOffsets: [Int32]
        /// Byte sequences the converter could not decode; each became one U+FFFD.
        public var invalidSequences: Int
        public var invalidBytes: Int
        /// Source offset of the first undecodable sequence.
        public var firstInvalidOffset: Int?
    }

    /// Converts `bytes` from the charset `name` (any name or alias ICU knows) to UTF-8.
    /// Undecodable sequences are replaced by U+FFFD and counted, never dropped.
    public static func convertToUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from name: String) throws(ICUError) -> Converted {
        let result = try ICU.check("ucnv_toUnicode") { status in
            bytes.withMemoryRebound(to: CChar.self) { src in
                mk_convert_to_utf8(name, src.baseAddress, Int32(clamping: src.count), &status)
            }
        }
        guard let result else { throw ICUError(code: 5, function: "ucnv_toUnicode") }
        defer { mk_converted_free(result) }
        let length = Int(mk_converted_length(result))
        var utf8 = [UInt8](repeating: 0, count: length)
        if length > 0, let src = mk_converted_bytes(result) {
            utf8.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: src, count: length)) }
        }
        let points = Int(mk_converted_code_points(result))
        var offsets = [Int32](repeating: 0, count: points)
        if points > 0, let src = mk_converted_offsets(result) {
            offsets.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: src, count: points) }
        }
        let first = Int(mk_converted_first_invalid_offset(result))
        return Converted(
            utf8: utf8, sourceOffsets: offsets,
            invalidSequences: Int(mk_converted_invalid_sequences(result)),
            invalidBytes: Int(mk_converted_invalid_bytes(result)),
            firstInvalidOffset: first >= 0 ? first : nil
        )
    }
}
