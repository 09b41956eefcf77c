import CMekongICU

extension ICU {
    /// A Unicode normalization form that ICU can apply to UTF-8 with edit tracking.
    public enum NormalizationForm: Int32, Sendable, Codable, CaseIterable {
        case nfc = 0, nfkc = 1, nfkcCasefold = 2
    }

    /// One edit run of a normalization: `sourceLength` bytes became `resultLength` bytes.
    public struct EditRun: Equatable, Sendable {
        public var sourceLength: Int
        public var resultLength: Int
        public var changed: Bool
        public init(sourceLength: Int, resultLength: Int, changed: Bool) {
            self.sourceLength = sourceLength
            self.resultLength = resultLength
            self.changed = changed
        }
    }

    /// ICU's Normalizer2 over UTF-8. The underlying instance is a shared, thread-safe singleton.
    public struct Normalizer: @unchecked Sendable {
        private let handle: OpaquePointer
        public let form: NormalizationForm

        public init(_ form: NormalizationForm) throws(ICUError) {
            let h = try ICU.check("Normalizer2::getInstance") { mk_normalizer_get(form.rawValue, &$0) }
            guard let h else { throw ICUError(code: 5, function: "Normalizer2::getInstance") }
            self.handle = h
            self.form = form
        }

        /// Whether `utf8` is already in this form (no allocation).
        public func isNormalized(_ utf8: UnsafeBufferPointer<UInt8>) throws(ICUError) -> Bool {
            let n = try ICU.check("Normalizer2::isNormalizedUTF8") { status in
                utf8.withMemoryRebound(to: CChar.self) {
                    mk_normalizer_is_normalized_utf8(handle, $0.baseAddress, Int32($0.count), &status)
                }
            }
            return n == 1
        }

        /// Normalizes `utf8`; returns nil when it was already normalized.
        /// Otherwise returns the new bytes and the coarse edit runs (ICU `Edits`).
        public func normalize(_ utf8: UnsafeBufferPointer<UInt8>) throws(ICUError) -> (bytes: [UInt8], runs: [EditRun])? {
            if utf8.isEmpty { return nil }
            if try isNormalized(utf8) { return nil }
            let result = try ICU.check("Normalizer2::normalizeUTF8") { status in
                utf8.withMemoryRebound(to: CChar.self) {
                    mk_normalize_utf8(handle, $0.baseAddress, Int32($0.count), &status)
                }
            }
            guard let result else { throw ICUError(code: 5, function: "Normalizer2::normalizeUTF8") }
            defer { mk_normalized_free(result) }
            let length = Int(mk_normalized_length(result))
            let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
                if length > 0, let src = mk_normalized_bytes(result) {
                    UnsafeRawPointer(src).withMemoryRebound(to: UInt8.self, capacity: length) {
                        buffer.baseAddress!.initialize(from: $0, count: length)
                    }
                }
                count = length
            }
            let runCount = Int(mk_normalized_run_count(result))
            var runs: [EditRun] = []
            runs.reserveCapacity(runCount)
            if let raw = mk_normalized_runs(result) {
                for i in 0..<runCount {
                    let r = raw[i]
                    runs.append(EditRun(sourceLength: Int(r.old_length), resultLength: Int(r.new_length), changed: r.changed != 0))
                }
            }
            return (bytes, runs)
        }

        /// Convenience for small strings (tests, data loading): the normalized string.
        public func normalize(_ string: String) throws(ICUError) -> String {
            let bytes = Array(string.utf8)
            let out = try bytes.withUnsafeBufferPointer { (buffer) throws(ICUError) in try normalize(buffer)?.bytes }
            guard let out else { return string }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
