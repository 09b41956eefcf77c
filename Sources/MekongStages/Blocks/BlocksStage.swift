import MekongCore

/// Splits the normalized text into blocks: every line of a scraped page is a block
/// (titles, captions, credits and boilerplate sit on lines of their own), and blank
/// lines separate paragraphs. A line that was hard-wrapped inside a sentence (it
/// ends without closing punctuation and the next line starts in lowercase) joins
/// the next one instead. A block's end is a hard sentence boundary.
///
/// Every block gets a role (`PageRoles`; for HTML, the roles extraction found), and
/// the page's metadata is read off its lines.
public struct BlocksStage: Stage {
    public static let name = StageName.blocks
    public static let requires: [StageName] = [.normalize]

    private let roles: PageRoles

    public init() throws { roles = try PageRoles() }

    public func process(_ document: inout Document) throws {
        document.blocks = Self.blocks(in: document.text)
        if document.ingestBlocks.isEmpty {
            roles.assign(&document)
        } else {
            Self.applyIngestRoles(&document)
            roles.refine(&document)
        }
    }

    /// Gives each block the role ingest found for the stretch of raw input it comes from.
    static func applyIngestRoles(_ document: inout Document) {
        let known = document.ingestBlocks
        var k = 0
        for i in document.blocks.indices {
            let raw = document.alignment.rawSpan(for: document.blocks[i].span)
            // Both lists are in input order: advance to the stretch holding the block's start.
            while k + 1 < known.count && known[k].raw.end.utf8Offset <= raw.start.utf8Offset { k += 1 }
            if k < known.count { document.blocks[i].role = known[k].role }
        }
    }

    static func blocks(in text: [UInt8]) -> [Block] {
        var blocks: [Block] = []
        text.withUnsafeBufferPointer { p in
            let n = p.count
            var start = 0
            var i = 0
            while i <= n {
                guard i == n || p[i] == 0x0A else { i += 1; continue }
                if i == n || !continuesOnNextLine(p, lineEnd: i) {
                    if i > start { blocks.append(Block(span: TextSpan(start, i))) }
                    start = i + 1
                }
                i += 1
            }
        }
        return blocks
    }

    /// A single line break inside a sentence: no closing punctuation before it, a lowercase letter after it.
    private static func continuesOnNextLine(_ p: UnsafeBufferPointer<UInt8>, lineEnd i: Int) -> Bool {
        guard i > 0, i + 1 < p.count, p[i + 1] != 0x0A else { return false }
        let (last, _) = Scalars.decode(p, before: i)
        let (next, _) = Scalars.decode(p, at: i + 1)
        guard Scalars.isLowercase(next) else { return false }
        return Scalars.isLetter(last) || last == 0x2C   // letter or comma
    }
}
