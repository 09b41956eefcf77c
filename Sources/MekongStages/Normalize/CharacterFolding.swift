import MekongCore

/// Curly quotes, primes and dashes folded to ASCII, from `common/fold.tsv`.
struct CharacterFolding {
    let table: [UInt32: [UInt8]]

    static func load() throws -> CharacterFolding {
        var table: [UInt32: [UInt8]] = [:]
        for row in try ResourceData.table("common/fold.tsv") where row.count >= 2 {
            guard let v = UInt32(row[0].replacingOccurrences(of: "U+", with: ""), radix: 16) else { continue }
            table[v] = Array(row[1].utf8)
        }
        return CharacterFolding(table: table)
    }

    func apply(_ text: [UInt8]) -> ([UInt8], Alignment)? {
        rewriteScalars(text) { p, i in
            if p[i] < 0x80 { return nil }
            let (v, len) = Scalars.decode(p, at: i)
            guard let r = table[v] else { return nil }
            return (len, r)
        }
    }
}

