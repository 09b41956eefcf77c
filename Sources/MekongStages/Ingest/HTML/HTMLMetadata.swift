import Foundation
import MekongCore

/// Metadata a page states in its head: `<title>`, `<meta>` (OpenGraph, article:,
/// Dublin Core, name=author/date), `<link rel=canonical>`, `<html lang>` and JSON-LD
/// (`NewsArticle` and kin). Earlier sources in each list win.
enum HTMLMetadata {
    static func extract(_ tree: HTMLTree) -> DocumentMetadata {
        var meta: [String: String] = [:]        // first value per key
        var titleText: String?
        var canonical: String?
        var lang: String?
        var jsonLD: [String] = []
        var timeElement: String?
        for (i, e) in tree.elements.enumerated() {
            switch e.tag {
            case .meta:
                let key = (e.attributes["property"] ?? e.attributes["name"] ?? e.attributes["itemprop"])?.lowercased()
                if let key, let content = e.attributes["content"], !content.isEmpty, meta[key] == nil { meta[key] = content }
            case .title where titleText == nil:
                titleText = tree.textContent(of: Int32(i))
            case .link:
                if canonical == nil, e.attributes["rel"]?.lowercased() == "canonical", let href = e.attributes["href"], !href.isEmpty { canonical = href }
            case .html:
                if lang == nil, let l = e.attributes["lang"], !l.isEmpty { lang = l }
            case .script:
                if e.attributes["type"]?.lowercased().contains("ld+json") == true { jsonLD.append(tree.textContent(of: Int32(i))) }
            case .time:
                if timeElement == nil, let d = e.attributes["datetime"], !d.isEmpty { timeElement = d }
            default:
                if timeElement == nil, e.attributes["itemprop"] == "datePublished", let d = e.attributes["datetime"] ?? e.attributes["content"] { timeElement = d }
            }
        }
        var ld = LinkedData()
        for block in jsonLD { ld.read(block) }

        var m = DocumentMetadata()
        m.outlet = clean(meta["og:site_name"] ?? ld.publisher ?? meta["application-name"] ?? meta["twitter:site"].map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 })
        m.title = clean(meta["og:title"] ?? ld.headline ?? meta["twitter:title"] ?? titleText.map { stripSiteName($0, outlet: m.outlet) })
        m.url = clean(canonical ?? meta["og:url"] ?? ld.url)
        let dates = [meta["article:published_time"], ld.datePublished, meta["datepublished"], meta["date"], meta["pubdate"],
                     meta["publishdate"], meta["publish-date"], meta["dc.date"], meta["dc.date.issued"], meta["dcterms.date"],
                     meta["sailthru.date"], meta["parsely-pub-date"], timeElement]
        m.published = dates.lazy.compactMap { $0.flatMap(isoDate) }.first
        var authors: [String] = []
        for a in [meta["author"], meta["article:author"], meta["parsely-author"], meta["dc.creator"]].compactMap({ $0 }) + ld.authors {
            let name = a.trimmingCharacters(in: .whitespacesAndNewlines)
            // `article:author` is often a profile URL, not a name.
            if !name.isEmpty, !name.hasPrefix("http"), !authors.contains(name) { authors.append(name) }
        }
        m.authors = authors
        m.declaredLanguage = clean(lang ?? meta["og:locale"] ?? meta["language"] ?? meta["content-language"])
        m.description = clean(meta["og:description"] ?? meta["description"])
        return m
    }

    private static func clean(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return t.isEmpty ? nil : t
    }

    /// `Headline | Site` → `Headline` when the site name is known or the tail is short.
    static func stripSiteName(_ title: String, outlet: String?) -> String {
        for sep in [" | ", " - ", " – ", " — ", " :: "] {
            guard let r = title.range(of: sep, options: .backwards) else { continue }
            let tail = title[r.upperBound...].trimmingCharacters(in: .whitespaces)
            if let outlet, tail.lowercased() == outlet.lowercased() || tail.split(separator: " ").count <= 3 {
                return String(title[..<r.lowerBound])
            }
        }
        return title
    }

    /// `2025-11-21T08:30:00+07:00` → `2025-11-21T08:30:00+07:00`; `2025-11-21` stays;
    /// anything that does not start with an ISO date is not used.
    static func isoDate(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        let u = Array(t.utf8)
        guard u.count >= 10, u[4] == 0x2D, u[7] == 0x2D,
              u[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), u[5..<7].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              u[8..<10].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let month = Int(t.dropFirst(5).prefix(2))!, day = Int(t.dropFirst(8).prefix(2))!
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return u.count == 10 ? t : (u[10] == 0x54 || u[10] == 0x20 ? t : String(t.prefix(10)))
    }

    /// The fields of schema.org JSON-LD that metadata uses, from any object in the block
    /// (top level, arrays, `@graph`).
    struct LinkedData {
        var headline: String?
        var datePublished: String?
        var publisher: String?
        var url: String?
        var authors: [String] = []

        mutating func read(_ json: String) {
            guard let data = json.data(using: .utf8),
                  let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
            visit(value, depth: 0)
        }

        private mutating func visit(_ value: Any, depth: Int) {
            guard depth < 8 else { return }
            if let array = value as? [Any] { for v in array { visit(v, depth: depth + 1) }; return }
            guard let object = value as? [String: Any] else { return }
            if let graph = object["@graph"] { visit(graph, depth: depth + 1) }
            let type = (object["@type"] as? String) ?? ((object["@type"] as? [Any])?.first as? String) ?? ""
            let isArticle = type.hasSuffix("Article") || type == "BlogPosting" || type == "Report" || type == "WebPage"
            guard isArticle else { return }
            if headline == nil { headline = object["headline"] as? String ?? object["name"] as? String }
            if datePublished == nil { datePublished = object["datePublished"] as? String }
            if url == nil { url = object["url"] as? String ?? (object["mainEntityOfPage"] as? [String: Any])?["@id"] as? String }
            if publisher == nil, let p = object["publisher"] as? [String: Any] { publisher = p["name"] as? String }
            for a in (object["author"] as? [Any]) ?? [object["author"] as Any] {
                if let s = a as? String { authors.append(s) } else if let o = a as? [String: Any], let n = o["name"] as? String { authors.append(n) }
            }
        }
    }
}
