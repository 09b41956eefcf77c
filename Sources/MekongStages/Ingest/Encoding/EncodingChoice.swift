import MekongICU

/// Which encoding to read input bytes as (`--encoding`).
public enum EncodingChoice: Sendable, Equatable, CustomStringConvertible {
    /// Detect: valid UTF-8 stays (checked for mojibake and VIQR), anything else is guessed.
    case auto
    /// UTF-8, no guessing and no repairs; undecodable bytes become U+FFFD and are reported.
    case utf8
    /// TCVN3 (ABC), VNI-Windows, or VIQR (ASCII with marks after the vowels).
    case tcvn3, vni, viqr
    /// Any charset ICU converts, by its standard name (`windows-1258`, `ISO-8859-1`, `Shift_JIS` …).
    case icu(String)

    /// Parses `auto`, `utf-8`, `tcvn3`, `vni`, `viqr` or a charset name ICU knows; nil otherwise.
    public init?(name: String) {
        if let known = EncodingChoice.named(name) { self = known } else { return nil }
    }

    /// Reads a charset name or label, as given by a user, an HTML page or an HTTP header.
    /// Labels that the WHATWG Encoding Standard reads as windows-1252 (`ISO-8859-1`,
    /// `latin1`, `US-ASCII` …) become windows-1252, as browsers read them.
    static func named(_ raw: String) -> EncodingChoice? {
        let name = raw.trimmingASCIIBlanks().lowercased()
        switch name {
        case "auto": return .auto
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return .utf8
        case "tcvn3", "tcvn", "tcvn-3", "tcvn5712", "tcvn-5712", "tcvn5712-1", "x-viet-tcvn", "x-viet-tcvn5712", "abc", "vn3": return .tcvn3
        case "vni", "vni-windows", "x-viet-vni", "vni-win": return .vni
        case "viqr", "x-viet-viqr", "viet-viqr": return .viqr
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "iso-ir-100", "latin1", "l1", "cp819", "ibm819", "csisolatin1",
             "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-6", "cp1252", "windows-1252", "x-cp1252", "iso88591":
            return .icu("windows-1252")
        default:
            guard !name.isEmpty, let standard = ICU.converterName(name) else { return nil }
            if standard == "UTF-8" { return .utf8 }
            return .icu(standard)
        }
    }

    /// The name reported on records: `UTF-8`, `TCVN3`, `VNI`, `VIQR` or ICU's standard name.
    public var description: String {
        switch self {
        case .auto: return "auto"
        case .utf8: return "UTF-8"
        case .tcvn3: return "TCVN3"
        case .vni: return "VNI"
        case .viqr: return "VIQR"
        case .icu(let name): return name
        }
    }

    /// Encodings whose text holds NUL bytes legitimately.
    var allowsNUL: Bool {
        if case .icu(let name) = self { return name.uppercased().hasPrefix("UTF-16") || name.uppercased().hasPrefix("UTF-32") }
        return false
    }
}

extension String {
    func trimmingASCIIBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\"" || c == "'" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\"" || c == "'" { s = s.dropLast() }
        return String(s)
    }
}
