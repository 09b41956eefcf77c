import MekongCore

/// Finds the article in a laid-out page and gives every paragraph a role.
///
/// The main content is found the way Readability does it, in our own terms:
/// paragraphs with enough text score their parent (fully) and grandparent (half),
/// scores are weighed by tag, by class-name hints and by link density, and the best
/// element plus its siblings that look like article text make the body. Inside it,
/// captions, credits, bylines and sharing widgets get roles of their own; outside it,
/// everything is boilerplate except the page title.
struct ContentExtractor {
    let tree: HTMLTree
    let units: [HTMLTextBuilder.Unit]
    let text: [UInt8]
    let hints: ClassHints

    /// Per element: letters in its subtree and letters inside links.
    private var subtreeWords: [Int] = []
    private var subtreeLinks: [Int] = []
    /// Per element: what its class names say, worked out once.
    private var verdicts: [ClassHints.Verdict] = []

    init(tree: HTMLTree, units: [HTMLTextBuilder.Unit], text: [UInt8], hints: ClassHints) {
        self.tree = tree
        self.units = units
        self.text = text
        self.hints = hints
        subtreeWords = Array(repeating: 0, count: tree.elements.count)
        subtreeLinks = Array(repeating: 0, count: tree.elements.count)
        verdicts = tree.elements.map { hints.verdict($0.hint) }
        for u in units {
            var e = u.container
            while e >= 0 {
                subtreeWords[Int(e)] += u.wordBytes
                subtreeLinks[Int(e)] += u.linkBytes
                e = tree.elements[Int(e)].parent
            }
        }
    }

    /// Inside an element whose class names say boilerplate (comments, sidebars, menus)
    /// and nothing that says content: such text never scores, as in Readability.
    func isInUnlikelyElement(_ element: Int32) -> Bool {
        var e = element
        while e >= 0 {
            let el = tree.elements[Int(e)]
            if el.tag == .body || el.tag == .html { return false }
            if el.tag != .article, verdicts[Int(e)].unlikely { return true }
            e = el.parent
        }
        return false
    }

    func linkDensity(_ e: Int32) -> Double {
        let w = subtreeWords[Int(e)]
        return w == 0 ? 0 : Double(subtreeLinks[Int(e)]) / Double(w)
    }

    /// The elements that hold the article body. Text under boilerplate class names is
    /// left out of the scoring first; when what remains is too short to be an article
    /// (layout classes such as `has-sidebar` can wrap the whole page), it is scored again
    /// with everything, and the longer result wins (Readability's retry).
    func mainRoots() -> [Int32] {
        let strict = mainRoots(skippingUnlikely: true)
        let words = bodyWords(strict)
        if words >= 500 { return strict }
        let loose = mainRoots(skippingUnlikely: false)
        return bodyWords(loose) > words ? loose : strict
    }

    /// Letters outside links in the paragraphs that would be body text.
    private func bodyWords(_ roots: [Int32]) -> Int {
        units.reduce(0) { $0 + (role(of: $1, mainRoots: roots) == .body ? $1.wordBytes - $1.linkBytes : 0) }
    }

    private func mainRoots(skippingUnlikely: Bool) -> [Int32] {
        var score: [Int32: Double] = [:]
        func initial(_ e: Int32) -> Double {
            let el = tree.elements[Int(e)]
            var s: Double
            switch el.tag {
            case .div, .article, .main, .section: s = 5
            case .pre, .td, .blockquote: s = 3
            case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: s = -3
            case .h1, .h2, .h3, .h4, .h5, .h6, .th: s = -5
            default: s = 0
            }
            if el.tag == .article || el.attributes["itemprop"] == "articleBody" { s += 10 }
            return s + verdicts[Int(e)].weight
        }
        for u in units {
            guard u.wordBytes >= 25, !(skippingUnlikely && isInUnlikelyElement(u.container)) else { continue }
            let c = u.container
            guard c >= 0, !tree.elements[Int(c)].tag.isHeading else { continue }
            let contribution = 1 + Double(u.commas) + min(Double(u.wordBytes) / 100, 3)
            // The paragraph's own element counts as its container when it is a div or cell holding text.
            var target = tree.elements[Int(c)].tag == .p || tree.elements[Int(c)].tag == .li ? tree.elements[Int(c)].parent : c
            var level = 0
            while target >= 0 && level < 3 {
                if score[target] == nil { score[target] = initial(target) }
                score[target]! += level == 0 ? contribution : contribution / Double(level * 2)
                target = tree.elements[Int(target)].parent
                level += 1
            }
        }
        var best: Int32 = -1
        var bestScore = -Double.infinity
        for (e, s) in score {
            let final = s * (1 - linkDensity(e))
            if final > bestScore || final == bestScore && e < best { best = e; bestScore = final }
        }
        guard best >= 0 else { return [] }

        // Siblings that continue the article (split containers, a lead paragraph beside the body).
        let parent = tree.elements[Int(best)].parent
        guard parent >= 0 else { return [best] }
        let threshold = max(10, bestScore * 0.2)
        var roots: [Int32] = []
        for child in tree.elements[Int(parent)].children {
            guard case .element(let s) = child else { continue }
            if s == best { roots.append(s); continue }
            let el = tree.elements[Int(s)]
            if verdicts[Int(s)].weight < 0 || el.tag == .nav || el.tag == .aside || el.tag == .footer { continue }
            let sScore = (score[s] ?? 0) * (1 - linkDensity(s))
            if sScore >= threshold { roots.append(s); continue }
            if el.tag == .p {
                let words = subtreeWords[Int(s)]
                if words > 80 && linkDensity(s) < 0.25 { roots.append(s) }
            }
        }
        return roots
    }

    /// Roles for every unit, in order.
    func roles(mainRoots: [Int32], title: String?) -> [BlockRole] {
        var roles: [BlockRole] = []
        roles.reserveCapacity(units.count)
        var titleFound = false
        let foldedTitle = title.map(Self.fold)
        for u in units {
            let role = role(of: u, mainRoots: mainRoots)
            if !titleFound, isTitle(u, foldedTitle) {
                titleFound = true
                roles.append(.title)
                continue
            }
            roles.append(role)
        }
        return roles
    }

    private func isTitle(_ u: HTMLTextBuilder.Unit, _ foldedTitle: String?) -> Bool {
        let el = tree.elements[Int(u.container)]
        guard el.tag == .h1 || el.tag.isHeading && foldedTitle != nil else { return false }
        let t = Self.fold(String(decoding: text[u.range], as: UTF8.self))
        guard let foldedTitle else { return el.tag == .h1 }
        return !t.isEmpty && (foldedTitle.contains(t) || t.contains(foldedTitle))
    }

    static func fold(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
    }

    private func role(of u: HTMLTextBuilder.Unit, mainRoots: [Int32]) -> BlockRole {
        // Walk up from the unit: the nearest telling element decides.
        var e = u.container
        var inMain = false
        var special: BlockRole?
        var negative = false
        while e >= 0 {
            let el = tree.elements[Int(e)]
            if mainRoots.contains(e) { inMain = true; break }
            if special == nil {
                switch el.tag {
                case .figcaption, .caption: special = .caption
                case .nav, .aside, .footer, .form, .menu: negative = true
                case .address, .time: special = .metadata
                default: break
                }
                if special == nil {
                    switch verdicts[Int(e)].role {
                    case .caption?: special = .caption
                    case .credit?: special = .credit
                    case .metadata?: special = .metadata
                    case .boilerplate?: negative = true
                    default: break
                    }
                }
            }
            e = el.parent
        }
        // Outside the article only a byline or date keeps a role of its own (captions there belong to teasers).
        if !inMain { return special == .metadata ? .metadata : .boilerplate }
        if let special { return special }
        if negative { return .boilerplate }
        // Link lists inside the article (related stories, tag clouds) are not its text.
        if u.wordBytes > 0 && Double(u.linkBytes) / Double(u.wordBytes) > 0.6 { return .boilerplate }
        return .body
    }
}

/// Class and id words that say what an element is (`article-body`, `comments`,
/// `share`, `caption`), read from `common/html-hints.tsv`, matched as substrings of
/// the lowercased `id class` string (on bytes: this runs for every element).
struct ClassHints: Sendable {
    struct Verdict {
        /// +25 for a content hint, -25 for a boilerplate hint (both can apply).
        var weight: Double = 0
        /// A boilerplate hint and no content hint.
        var unlikely = false
        /// The role a role word gives, or boilerplate when the element is unlikely.
        var role: BlockRole?
    }

    private let positive: [[UInt8]]
    private let negative: [[UInt8]]
    private let roleWords: [([UInt8], BlockRole)]

    static let shared: ClassHints = (try? ClassHints()) ?? ClassHints(positive: [], negative: [], roleWords: [])

    private init(positive: [[UInt8]], negative: [[UInt8]], roleWords: [([UInt8], BlockRole)]) {
        self.positive = positive
        self.negative = negative
        self.roleWords = roleWords
    }

    init() throws {
        var positive: [[UInt8]] = [], negative: [[UInt8]] = [], roleWords: [([UInt8], BlockRole)] = []
        for line in try ResourceData.lines("common/html-hints.tsv") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 2 else { continue }
            switch f[1] {
            case "positive": positive.append(Array(f[0].utf8))
            case "negative": negative.append(Array(f[0].utf8))
            default:
                if let r = BlockRole(rawValue: f[1]) { roleWords.append((Array(f[0].utf8), r)) }
            }
        }
        self.init(positive: positive, negative: negative, roleWords: roleWords)
    }

    func verdict(_ hint: String) -> Verdict {
        guard !hint.isEmpty else { return Verdict() }
        var h = Array(hint.utf8)
        let isNegative = h.withUnsafeMutableBufferPointer { p in negative.contains { Self.contains(p, $0) } }
        let isPositive = h.withUnsafeMutableBufferPointer { p in positive.contains { Self.contains(p, $0) } }
        var v = Verdict()
        v.weight = (isNegative ? -25 : 0) + (isPositive ? 25 : 0)
        v.unlikely = isNegative && !isPositive
        v.role = h.withUnsafeMutableBufferPointer { p in roleWords.first { Self.contains(p, $0.0) }?.1 }
        if v.role == nil && v.unlikely { v.role = .boilerplate }
        return v
    }

    private static func contains(_ haystack: UnsafeMutableBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0, haystack.count >= n else { return false }
        let first = needle[0]
        var i = 0
        while i + n <= haystack.count {
            if haystack[i] == first {
                var k = 1
                while k < n && haystack[i + k] == needle[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }
}
