import CMekongICU

/// Namespace for the ICU services Mekong uses. ICU types never leave this module.
public enum ICU {
    /// The ICU version linked at run time, e.g. "72.1".
    public static var version: String { String(cString: mk_icu_version()) }

    /// Whether the code point ends sentences in UAX #29 (Sentence_Break STerm or ATerm).
    public static func isSentenceTerminal(_ codePoint: UInt32) -> Bool {
        mk_is_sentence_terminal(Int32(bitPattern: codePoint)) == 1
    }

    /// Runs an ICU call and throws when its status is a failure (warnings count as success).
    @inline(__always)
    static func check<T>(_ function: StaticString, _ body: (inout Int32) -> T) throws(ICUError) -> T {
        var status: Int32 = 0
        let value = body(&status)
        if status > 0 { throw ICUError(code: status, function: "\(function)") }
        return value
    }
}

/// A failed ICU call: the UErrorCode value, its name, and the call that failed.
public struct ICUError: Error, CustomStringConvertible, Equatable {
    public let code: Int32
    public let function: String
    public var name: String { String(cString: mk_status_name(code)) }
    public var description: String { "ICU error \(name) (\(code)) in \(function)" }
}
