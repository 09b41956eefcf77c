import Foundation
import MekongCore

/// Lines that a site repeats on many of its pages (its slogan, `Reactie (0)`, menu
/// items, `Lees ook`) are boilerplate wherever they stand, even inside the article.
///
/// Two passes, so that output stays deterministic whatever the number of workers:
/// `scan` reads the whole input once (ingest, normalize and blocks only) and counts,
/// per site, in how many documents each short line occurs; the batch then labels a
/// line as boilerplate when it occurs in at least `minimumDocuments` documents of its
/// site and in at least `minimumShare` of them. A site is the host of the page's
/// canonical URL when the page names one, else the folder of a text or HTML file, or
/// the JSONL file a line comes from. Input from stdin cannot be read twice: the
/// command line refuses the option there.
public struct SiteBoilerplate: Sendable {
    /// Lines longer than this are article text, never counted.
    static let maxLineBytes = 200
    public var minimumDocuments = 3
    public var minimumShare = 0.05

    /// Documents per site and (site, line) -> documents holding the line.
    private var documentsPerSite: [String: Int] = [:]
    private var lineCounts: [Key: Int] = [:]

    private struct Key: Hashable { var site: String; var line: UInt64 }

    public init() {}

    /// Counts the lines of every document of the input.
    public static func scan(_ items: some Sequence<InputItem>, options: InputOptions) throws -> SiteBoilerplate {
        var table = SiteBoilerplate()
        var pipeline = try PipelineFactory.make(.init(stages: [.normalize, .blocks]))
        for item in items {
            guard var doc = try? item.document(options: options), (try? pipeline.run(&doc)) != nil else { continue }
            table.count(doc)
        }
        return table
    }

    mutating func count(_ doc: Document) {
        let site = Self.site(of: doc)
        documentsPerSite[site, default: 0] += 1
        var seen: Set<UInt64> = []
        for b in doc.blocks where b.span.range.count <= Self.maxLineBytes {
            let h = Self.hash(doc.text[b.span.range])
            if seen.insert(h).inserted { lineCounts[Key(site: site, line: h), default: 0] += 1 }
        }
    }

    /// Labels the document's repeated lines as boilerplate. Source lines, credits and
    /// metadata keep their role: their form already says what they are.
    public func relabel(_ doc: inout Document) {
        let site = Self.site(of: doc)
        guard let total = documentsPerSite[site] else { return }
        let needed = max(minimumDocuments, Int((Double(total) * minimumShare).rounded(.up)))
        for i in doc.blocks.indices {
            let b = doc.blocks[i]
            guard b.span.range.count <= Self.maxLineBytes, b.role == .body || b.role == .title || b.role == .caption else { continue }
            if lineCounts[Key(site: site, line: Self.hash(doc.text[b.span.range])), default: 0] >= needed {
                doc.blocks[i].role = .boilerplate
                // A "title" every page has is the site's name, not this article's title.
                if b.role == .title && doc.metadata.title == doc.string(b.span) { doc.metadata.title = nil }
            }
        }
    }

    static func site(of doc: Document) -> String {
        if let url = doc.metadata.url, let host = URL(string: url)?.host { return host.lowercased() }
        guard let path = doc.source.path else { return "stdin" }
        return doc.source.line != nil ? path : (path as NSString).deletingLastPathComponent
    }

    /// FNV-1a of the line's bytes.
    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
