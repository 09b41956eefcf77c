/// How a document's raw bytes were turned into text: the encoding they were read as,
/// the repairs made, and what could not be decoded. It goes on the record as
/// `"encoding"` whenever the input was anything but valid UTF-8 read as it is.
public struct EncodingReport: Sendable, Equatable {
    /// Bytes that could not be decoded: each undecodable sequence became U+FFFD.
    public struct InvalidBytes: Sendable, Equatable {
        /// Number of raw bytes that could not be decoded.
        public var count: Int
        /// Byte offset of the first of them in the raw input.
        public var firstOffset: Int
        public init(count: Int, firstOffset: Int) {
            self.count = count
            self.firstOffset = firstOffset
        }
    }

    /// The unit of `raw_start`/`raw_end` with `--raw-offsets`.
    public enum RawOffsetUnit: String, Sendable {
        /// Code points of the raw input read as UTF-8 (the raw input is valid UTF-8).
        case codePoint = "code_point"
        /// Bytes of the raw input (it is not valid UTF-8, so code points of it mean nothing).
        case byte
    }

    /// The encoding the raw bytes were read as: `UTF-8`, an ICU charset name
    /// (`windows-1258`, `windows-1252`, `Shift_JIS`, `UTF-16LE` …), `TCVN3`, `VNI` or `VIQR`.
    public var detected: String
    /// How sure the detection is, 0 to 1 (1 when the encoding was forced or declared and fits).
    public var confidence: Double
    /// The charset the caller declared (HTML `<meta charset>`, HTTP, `--encoding`), as given.
    public var declared: String?
    /// Repairs made after decoding, in the order they were undone: `mojibake:cp1252`,
    /// `mojibake:latin1` (UTF-8 that had been read as windows-1252 or ISO-8859-1 and
    /// saved again; listed twice when it had happened twice).
    public var repairs: [String]
    public var invalidBytes: InvalidBytes?
    public var rawOffsetUnit: RawOffsetUnit

    public init(detected: String, confidence: Double, declared: String? = nil, repairs: [String] = [],
                invalidBytes: InvalidBytes? = nil, rawOffsetUnit: RawOffsetUnit = .codePoint) {
        self.detected = detected
        self.confidence = confidence
        self.declared = declared
        self.repairs = repairs
        self.invalidBytes = invalidBytes
        self.rawOffsetUnit = rawOffsetUnit
    }

    /// Valid UTF-8 read as it is, nothing declared: the record leaves the report out.
    public var isPlainUTF8: Bool {
        detected == "UTF-8" && repairs.isEmpty && invalidBytes == nil && declared == nil && rawOffsetUnit == .codePoint
    }
}
