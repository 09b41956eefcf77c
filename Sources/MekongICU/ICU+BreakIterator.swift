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

        /// All boundaries of `utf8` after its start (the last one is `utf8.count`), with their rule status.
        /// ICU reads the buffer in place: it must stay valid during the call, which it does.
        public func boundaries(_ utf8: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [(offset: Int, status: Int32)] {
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return [] }
            try ICU.check("ubrk_setUText") { status in
                base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    mk_breaker_set_utf8(handle, $0, Int32(utf8.count), &status)
                }
            }
            var result: [(offset: Int, status: Int32)] = []
            let capacity: Int32 = 256
            var offsets = [Int32](repeating: 0, count: Int(capacity))
            var statuses = [Int32](repeating: 0, count: Int(capacity))
            while true {
                let n = offsets.withUnsafeMutableBufferPointer { o in
                    statuses.withUnsafeMutableBufferPointer { s in
                        mk_breaker_fill(handle, o.baseAddress, s.baseAddress, capacity)
                    }
                }
                if n == 0 { break }
                for i in 0..<Int(n) { result.append((Int(offsets[i]), statuses[i])) }
            }
            // Detach from the caller's buffer so a later call never sees a dangling pointer.
            try ICU.check("ubrk_setUText") { status in mk_breaker_set_utf8(handle, "", 0, &status) }
            return result
        }
    }
}
