import MekongCore

/// Per-language abbreviations that end in a period (`<lang>/abbreviations.txt`).
struct Abbreviations: Sendable {
    enum Kind: String, Sendable {
        /// Precedes a name (`dhr.`, `Dr.`, `TS.`): never a sentence end.
        case title
        /// Used inside sentences (`o.a.`, `e.g.`): not a sentence end.
        case inner
        /// Precedes a number (`nr. 5`, `No. 5`): not a sentence end before a digit.
        case number
        /// May end a sentence (`enz.`, `etc.`, `Ltd.`): the break iterator decides.
        case final
    }

    private var exact: [[UInt8]: Kind] = [:]
    /// All-lowercase entries, which also match when capitalized.
    private var folded: [[UInt8]: Kind] = [:]

    init(language: Language) throws {
        guard language != .und else { return }
        for row in try ResourceData.table("\(language.rawValue)/abbreviations.txt") {
            let kind = row.count > 1 ? (Kind(rawValue: row[1]) ?? .inner) : .inner
            exact[Array(row[0].utf8)] = kind
            if row[0] == row[0].lowercased() { folded[Array(row[0].utf8)] = kind }
        }
    }

    func kind(of token: UnsafeBufferPointer<UInt8>) -> Kind? {
        let bytes = Array(token)
        if let k = exact[bytes] { return k }
        if folded.isEmpty { return nil }
        var lower: [UInt8] = []
        lower.reserveCapacity(bytes.count)
        var i = 0
        while i < token.count {
            let (v, len) = Scalars.decode(token, at: i)
            Scalars.encode(Scalars.lowercased(v), into: &lower)
            i += len
        }
        return folded[lower]
    }
}
