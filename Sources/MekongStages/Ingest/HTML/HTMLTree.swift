import CMekongIngest

/// A parsed HTML page, small enough for extraction: the elements (with the few
/// attributes extraction reads) and the text runs, in document order, each text run
/// with the byte range of the input it came from.
///
/// Built from libxml2's SAX events (`mk_html_parse`), so no libxml2 tree is made and
/// every run keeps its source offsets: that is what maps the extracted text back to
/// the raw page.
struct HTMLTree {
    struct Element {
        var tag: HTMLTag
        var parent: Int32
        var attributes: [String: String]
        /// Lowercased `id` and `class`, joined, for class-name hints.
        var hint: String
        /// Children (elements as `.element(i)`, text as `.text(i)`), in order.
        var children: [Node] = []
    }

    enum Node: Equatable { case element(Int32), text(Int32) }

    struct TextRun {
        var parent: Int32
        /// Bytes of the decoded text in `HTMLTree.text`.
        var range: Range<Int>
        /// Input bytes this run was read from.
        var raw: Range<Int>
        /// True when the input bytes are the text itself (no entity or newline rewriting).
        var verbatim: Bool
    }

    var elements: [Element] = []
    var runs: [TextRun] = []
    var text: [UInt8] = []

    /// Parses UTF-8 HTML. Never fails on bad markup: the parser recovers, as browsers do.
    static func parse(_ html: UnsafeBufferPointer<UInt8>) -> HTMLTree {
        let builder = Builder(input: html)
        var handler = mk_html_handler()
        handler.context = Unmanaged.passUnretained(builder).toOpaque()
        handler.start_element = { ctx, name, attributes, offset in
            Unmanaged<Builder>.fromOpaque(ctx!).takeUnretainedValue().start(name!, attributes, Int(offset))
        }
        handler.end_element = { ctx, name, offset in
            Unmanaged<Builder>.fromOpaque(ctx!).takeUnretainedValue().end(name!, Int(offset))
        }
        handler.characters = { ctx, text, length, offset in
            Unmanaged<Builder>.fromOpaque(ctx!).takeUnretainedValue().characters(text!, Int(length), Int(offset))
        }
        if html.count > 0 {
            html.withMemoryRebound(to: CChar.self) { p in
                _ = mk_html_parse(p.baseAddress, Int64(p.count), &handler)
            }
        }
        return builder.tree
    }

    /// Attributes that extraction, roles and metadata read; the rest are not kept.
    static let keptAttributes: Set<String> = [
        "id", "class", "role", "itemprop", "itemtype", "property", "name", "content", "href", "rel", "type",
        "datetime", "lang", "hidden", "aria-hidden", "style", "charset", "http-equiv",
    ]

    private final class Builder {
        var tree = HTMLTree()
        var stack: [Int32] = []
        let input: UnsafeBufferPointer<UInt8>
        /// The input offset just after the last event: where the next run's source starts.
        var lastOffset = 0

        init(input: UnsafeBufferPointer<UInt8>) {
            self.input = input
            tree.text.reserveCapacity(input.count / 3)
            tree.elements.reserveCapacity(input.count / 80)
        }

        func start(_ cName: UnsafePointer<CChar>, _ attributes: UnsafePointer<UnsafePointer<CChar>?>?, _ offset: Int) {
            let name = String(cString: cName)
            var attrs: [String: String] = [:]
            if var a = attributes {
                while let key = a.pointee {
                    let value = (a + 1).pointee
                    let k = String(cString: key)
                    if HTMLTree.keptAttributes.contains(k) {
                        attrs[k] = value.map { String(cString: $0) } ?? ""
                    }
                    a += 2
                }
            }
            var hint = ""
            if let id = attrs["id"] { hint = id.lowercased() }
            if let c = attrs["class"] { hint += hint.isEmpty ? c.lowercased() : " " + c.lowercased() }
            let parent = stack.last ?? -1
            let index = Int32(tree.elements.count)
            tree.elements.append(Element(tag: HTMLTag(name), parent: parent, attributes: attrs, hint: hint))
            if parent >= 0 { tree.elements[Int(parent)].children.append(.element(index)) }
            stack.append(index)
            lastOffset = min(max(lastOffset, offset), input.count)
        }

        func end(_ cName: UnsafePointer<CChar>, _ offset: Int) {
            guard stack.popLast() != nil else { return }
            lastOffset = min(max(lastOffset, offset), input.count)
        }

        func characters(_ text: UnsafePointer<CChar>, _ length: Int, _ offset: Int) {
            guard length > 0, let parent = stack.last else { lastOffset = min(max(lastOffset, offset), input.count); return }
            let end = min(max(offset, lastOffset), input.count)
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: length)
            let start = tree.text.count
            tree.text.append(contentsOf: bytes)
            // The run is verbatim when the input just before the parser's position holds exactly its bytes.
            var verbatim = false
            if end - length >= lastOffset {
                verbatim = true
                let base = end - length
                for k in 0..<length where input[base + k] != bytes[k] { verbatim = false; break }
            }
            let rawStart = verbatim ? end - length : lastOffset
            let index = Int32(tree.runs.count)
            tree.runs.append(TextRun(parent: parent, range: start..<tree.text.count, raw: rawStart..<end, verbatim: verbatim))
            tree.elements[Int(parent)].children.append(.text(index))
            lastOffset = end
        }
    }

    /// The text of an element's subtree, runs joined as they are (for metadata).
    func textContent(of element: Int32) -> String {
        var out: [UInt8] = []
        var pending: [Node] = [.element(element)]
        while let node = pending.popLast() {
            switch node {
            case .text(let r): out.append(contentsOf: text[runs[Int(r)].range])
            case .element(let e): pending.append(contentsOf: elements[Int(e)].children.reversed())
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `ancestor` is `element` or one of its ancestors.
    func isInside(_ element: Int32, _ ancestor: Int32) -> Bool {
        var e = element
        while e >= 0 {
            if e == ancestor { return true }
            e = elements[Int(e)].parent
        }
        return false
    }
}

/// The tags extraction treats specially; every other tag is `.other` (inline).
enum HTMLTag: UInt8 {
    case html, head, body, title, meta, link, script, style, noscript, template, svg, math, iframe, object, embed
    case canvas, select, option, textarea, button, input, form, label
    case p, div, section, article, main, header, footer, nav, aside, address, blockquote, pre, figure, figcaption
    case h1, h2, h3, h4, h5, h6, ul, ol, li, dl, dt, dd, table, thead, tbody, tfoot, tr, td, th, caption
    case br, hr, a, img, time, span, strong, em, b, i, small, cite, details, summary, center, hgroup, menu, dialog, fieldset
    case other

    init(_ name: String) {
        self = HTMLTag.byName[name] ?? .other
    }

    private static let byName: [String: HTMLTag] = {
        var m: [String: HTMLTag] = [:]
        for raw in 0..<HTMLTag.other.rawValue {
            let t = HTMLTag(rawValue: raw)!
            m[String(describing: t)] = t
        }
        return m
    }()

    /// Starts and ends a line of text.
    var isBlock: Bool {
        switch self {
        case .html, .body, .p, .div, .section, .article, .main, .header, .footer, .nav, .aside, .address, .blockquote,
             .pre, .figure, .figcaption, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .table, .thead,
             .tbody, .tfoot, .tr, .td, .th, .caption, .hr, .details, .summary, .center, .hgroup, .menu, .dialog,
             .fieldset, .form, .title, .head:
            return true
        default:
            return false
        }
    }

    /// Content that is never text of the page (code, styles, embedded objects, form controls).
    var isSkipped: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .math, .iframe, .object, .embed, .canvas, .select, .option,
             .textarea, .button, .input:
            return true
        default:
            return false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }
}
