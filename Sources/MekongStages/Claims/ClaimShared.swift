import Foundation
import MekongCore

/// Data the recognizers of all languages share, loaded once per process.
final class ClaimShared: Sendable {
    /// Suffixes right after digits: `10k`, `1,2M`, `6bn` (case-sensitive).
    let scaleSuffixes: [String: Decimal]
    /// Units that add up when written in a row: unit -> (dimension, size in the base unit).
    let unitFactors: [String: (dimension: String, size: Decimal)]
    /// Letters glued after cents (`43c`).
    let centSymbols: Set<UInt32> = [0x63, 0xA2]

    private init() throws {
        var scales: [String: Decimal] = [:]
        for row in try ResourceData.table("common/scale-suffixes.tsv") where row.count >= 2 {
            scales[row[0]] = Decimal(string: row[1])
        }
        scaleSuffixes = scales
        var factors: [String: (dimension: String, size: Decimal)] = [:]
        for row in try ResourceData.table("common/unit-factors.tsv") where row.count >= 3 {
            if let size = Decimal(string: row[2], locale: Locale(identifier: "en_US_POSIX")) { factors[row[0]] = (row[1], size) }
        }
        unitFactors = factors
    }

    private static let loaded = Result { try ClaimShared() }
    static func shared() throws -> ClaimShared { try loaded.get() }

    struct Piece {
        let value: Decimal
        let role: ClaimLexicon.Role
        let ordinal: Bool
    }

    /// Splits a lowercase word (`text[range]`) into number morphemes (`eenentwintig` =
    /// een + en + twintig, `achthonderdzevende` = acht + honderd + zevende); nil when it
    /// is not a number word. An ordinal may only close the word.
    func split(_ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>, _ lex: ClaimLexicon) -> [Piece]? {
        // Most words are no number: the first two letters already tell.
        guard lex.numberTrie.hasPrefix(text, range.lowerBound, length: min(2, range.count))
                || lex.ordinalTrie.hasPrefix(text, range.lowerBound, length: min(2, range.count)) else { return nil }
        if let whole = lex.numberTrie.lookup(text, range) {
            return [Piece(value: whole.value, role: whole.role, ordinal: false)]
        }
        if let o = lex.ordinalTrie.lookup(text, range) {
            return [Piece(value: o, role: .digit, ordinal: true)]
        }
        guard range.count >= 6 else { return nil }
        var result: [Piece] = []
        return search(text, range.lowerBound, range.upperBound, lex, &result) ? result : nil
    }

    private func search(_ text: UnsafeBufferPointer<UInt32>, _ i: Int, _ end: Int, _ lex: ClaimLexicon, _ out: inout [Piece]) -> Bool {
        if i == end { return out.count > 1 }
        // Longest parts first: `achttien` before `acht`.
        for (e, n) in lex.numberTrie.prefixes(text, from: i, limit: end).reversed()
        where n.role != .article && n.role != .minus && n.role != .point && n.role != .zero {
            out.append(Piece(value: n.value, role: n.role, ordinal: false))
            if search(text, e, end, lex, &out) { return true }
            out.removeLast()
        }
        if !out.isEmpty, let o = lex.ordinalTrie.lookup(text, i..<end) {
            out.append(Piece(value: o, role: .digit, ordinal: true))
            return true
        }
        return false
    }

    /// Scalars inside URLs and e-mail addresses, where numbers are no claims.
    func addressMask(_ t: ClaimText) -> [Bool] {
        var mask = [Bool](repeating: false, count: t.count)
        // Only sentences with `/` or `@` can hold an address.
        guard t.mayHoldAddress else { return mask }
        var i = 0
        while i < t.count {
            var e = i
            while e < t.count && !t.isSpace(e) { e += 1 }
            if e > i {
                let token = t.lower[i..<e]
                let isURL = token.starts(with: Self.http) || token.starts(with: Self.www) || token.contains(0x40) || containsSlashDomain(token)
                if isURL { for k in i..<e { mask[k] = true } }
            }
            i = e + 1
        }
        return mask
    }

    private static let http: [UInt32] = [0x68, 0x74, 0x74, 0x70]
    private static let www: [UInt32] = [0x77, 0x77, 0x77, 0x2E]

    /// `example.org/2025/...`: a dotted name followed by a slash path.
    private func containsSlashDomain(_ token: Slice<UnsafeBufferPointer<UInt32>>) -> Bool {
        guard let slash = token.firstIndex(of: 0x2F) else { return false }
        return token[token.startIndex..<slash].contains(0x2E) && token[token.startIndex..<slash].contains { Scalars.isLetter($0) }
    }
}
