import CMekongICU

extension ICU {
    /// ICU's rule-based break iterator over UTF-8 text; boundaries are UTF-8 byte offsets.
    /// Not thread-safe: give each worker its own.
    public final class BreakIterator {
        public enum Kind: Int32, Sendable { case character = 0, word = 1, line = 2, sentence = 3 }

        private let handle: OpaquePointer
        public let kind: Kind
        public let locale: String

        public init(_ kind: Kind, locale: String) throws(ICUError) {
            let h = try ICU.check("ubrk_open") { status in mk_breaker_open(kind.rawValue, locale, &status) }
            guard let h else { throw ICUError(code: 5, function: "ubrk_open") }
            handle = h
            self.kind = kind
            self.locale = locale
        }

        deinit { mk_breaker_close(handle) }

        /// Reused between calls: one allocation per iterator, not per text.
        private var buffer = [Int32](repeating: 0, count: 256)

        /// All boundaries of `utf8` after its start (the last one is `utf8.count`).
        /// ICU reads the buffer in place: it must stay valid during the call, which it does.
        public func boundaries(_ utf8: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [Int] {
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return [] }
            try ICU.check("ubrk_setUText") { status in
                base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    mk_breaker_set_utf8(handle, $0, Int32(utf8.count), &status)
                }
            }
            var result: [Int] = []
            while true {
                let n = buffer.withUnsafeMutableBufferPointer { mk_breaker_fill(handle, $0.baseAddress, Int32($0.count)) }
                if n == 0 { break }
                for i in 0..<Int(n) { result.append(Int(buffer[i])) }
            }
            // Detach from the caller's buffer so a later call never sees a dangling pointer.
            try ICU.check("ubrk_setUText") { status in mk_breaker_set_utf8(handle, "", 0, &status) }
            return result
        }
    }
}
