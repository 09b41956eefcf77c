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

    private var exact: [PackedKey: Kind] = [:]
    /// All-lowercase entries, which also match with a capital first letter (`Dhr.`),
    /// but not in all capitals: `MW.` (megawatt) is not `mw.` (mevrouw).
    private var folded: [PackedKey: Kind] = [:]

    struct EntryTooLong: Error, CustomStringConvertible {
        let entry: String
        var description: String { "abbreviation '\(entry)' is longer than \(PackedKey.capacity) bytes" }
    }

    init(language: Language) throws {
        guard language != .und else { return }
        for row in try ResourceData.table("\(language.rawValue)/abbreviations.txt") {
            let kind = row.count > 1 ? (Kind(rawValue: row[1]) ?? .inner) : .inner
            guard let key = PackedKey(row[0].utf8), let upper = PackedKey(row[0].uppercased().utf8) else { throw EntryTooLong(entry: row[0]) }
            exact[key] = kind
            if row[0] == row[0].lowercased() { folded[key] = kind }
            // Titles also stand in capitals in headings and transcripts (`GEN. SMITH`);
            // two-letter ones would catch units and acronyms (`MW.`, `DR.`).
            if kind == .title && row[0].unicodeScalars.filter(\.properties.isAlphabetic).count >= 3 && exact[upper] == nil { exact[upper] = kind }
        }
    }

    func kind(of token: UnsafeBufferPointer<UInt8>) -> Kind? {
        guard !token.isEmpty, let key = PackedKey(token, 0..<token.count) else { return nil }
        if let k = exact[key] { return k }
        // Only the first letter may be a capital the entry does not have.
        guard !folded.isEmpty, token[0] >= 0x41 && token[0] <= 0x5A else { return nil }
        return folded[key.withLowercasedFirstByte()]
    }
}
