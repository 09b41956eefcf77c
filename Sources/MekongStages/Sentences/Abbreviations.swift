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
        /// May end a sentence (`enz.`, `etc.`): the break iterator decides.
        case final
        /// Ends a name or a time (`U.S.`, `Inc.`, `a.m.`): a sentence end only before a
        /// capitalized sentence starter (`<lang>/sentence-starters.txt`).
        case medial
    }

    private var exact: [[UInt8]: Kind] = [:]
    /// Longer tokens cannot be entries: no lookup needed.
    private var longest = 0
    /// All-lowercase entries, which also match with a capital first letter (`Dhr.`),
    /// but not in all capitals: `MW.` (megawatt) is not `mw.` (mevrouw).
    private var folded: [[UInt8]: Kind] = [:]

    init(language: Language) throws {
        guard language != .und else { return }
        for row in try ResourceData.table("\(language.rawValue)/abbreviations.txt") {
            let kind = row.count > 1 ? (Kind(rawValue: row[1]) ?? .inner) : .inner
            exact[Array(row[0].utf8)] = kind
            longest = max(longest, row[0].utf8.count)
            if row[0] == row[0].lowercased() { folded[Array(row[0].utf8)] = kind }
            // Titles also stand in capitals in headings and transcripts (`GEN. SMITH`);
            // two-letter ones would catch units and acronyms (`MW.`, `DR.`).
            let upper = Array(row[0].uppercased().utf8)
            if kind == .title && row[0].unicodeScalars.filter(\.properties.isAlphabetic).count >= 3 && exact[upper] == nil { exact[upper] = kind }
        }
    }

    func kind(of token: UnsafeBufferPointer<UInt8>) -> Kind? {
        guard !token.isEmpty, token.count <= longest else { return nil }
        var bytes = Array(token)
        if let k = exact[bytes] { return k }
        // Only the first letter may be a capital the entry does not have.
        guard !folded.isEmpty, bytes[0] >= 0x41 && bytes[0] <= 0x5A else { return nil }
        bytes[0] |= 0x20
        return folded[bytes]
    }
}
