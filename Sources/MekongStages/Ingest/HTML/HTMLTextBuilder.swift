import MekongCore

/// Lays an HTML page out as text: one paragraph (a "unit") per block-level element,
/// units apart by a blank line, `<br>` as a line break, whitespace collapsed as a
/// browser does. Every byte of text is tied to the input bytes it came from, so the
/// text's `Alignment` maps any span back into the page.
struct HTMLTextBuilder {
    /// One paragraph of the laid-out page.
    struct Unit {
        /// Its bytes in the laid-out text.
        var range: Range<Int>
        /// The innermost block-level element that holds it.
        var container: Int32
        /// Bytes of text inside links.
        var linkBytes = 0
        var commas = 0
        /// Letters and digits only, a measure of how much it says.
        var wordBytes = 0
    }

    private(set) var text: [UInt8] = []
    private(set) var units: [Unit] = []
    private var alignment = Alignment.Builder()
    /// Input consumed by the alignment so far.
    private var rawCursor = 0
    private var pending: Separator = .none
    private var open: Unit?

    private enum Separator: Int, Comparable {
        case none, space, line, paragraph
        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
        var bytes: [UInt8] {
            switch self {
            case .none: return []
            case .space: return [0x20]
            case .line: return [0x0A]
            case .paragraph: return [0x0A, 0x0A]
            }
        }
    }

    static func layout(_ tree: HTMLTree, inputLength: Int) -> (text: [UInt8], alignment: Alignment, units: [Unit]) {
        var b = HTMLTextBuilder()
        b.text.reserveCapacity(tree.text.count)
        b.walk(tree)
        b.closeUnit()
        if b.rawCursor < inputLength { b.alignment.replace(raw: inputLength - b.rawCursor, text: 0) }
        return (b.text, b.alignment.build(), b.units)
    }

    /// Elements that are hidden from readers (`hidden`, `aria-hidden`, `display:none`).
    static func isHidden(_ e: HTMLTree.Element) -> Bool {
        if e.attributes["hidden"] != nil { return true }
        if e.attributes["aria-hidden"] == "true" { return true }
        if let style = e.attributes["style"] {
            let s = style.lowercased().filter { $0 != " " }
            if s.contains("display:none") || s.contains("visibility:hidden") { return true }
        }
        return false
    }

    private mutating func walk(_ tree: HTMLTree) {
        guard !tree.elements.isEmpty else { return }
        // Explicit stack: hostile pages nest thousands deep.
        enum Step { case enter(Int32), exit(Int32), text(Int32) }
        var steps: [Step] = []
        for (i, e) in tree.elements.enumerated() where e.parent < 0 { steps.append(.enter(Int32(i))) }
        steps.reverse()
        var blocks: [Int32] = []
        var linkDepth = 0
        var preDepth = 0
        while let step = steps.popLast() {
            switch step {
            case .enter(let i):
                let e = tree.elements[Int(i)]
                if e.tag.isSkipped || e.tag == .head || e.tag == .title || Self.isHidden(e) { continue }
                if e.tag == .br { breakLine(); continue }
                if e.tag.isBlock { closeUnit(); blocks.append(i) }
                if e.tag == .a { linkDepth += 1 }
                if e.tag == .pre { preDepth += 1 }
                if e.tag == .img || e.tag == .hr { continue }
                steps.append(.exit(i))
                for child in e.children.reversed() {
                    switch child {
                    case .element(let c): steps.append(.enter(c))
                    case .text(let r): steps.append(.text(r))
                    }
                }
            case .exit(let i):
                let e = tree.elements[Int(i)]
                if e.tag == .a { linkDepth -= 1 }
                if e.tag == .pre { preDepth -= 1 }
                if e.tag.isBlock { closeUnit(); blocks.removeLast() }
            case .text(let r):
                let run = tree.runs[Int(r)]
                append(run, of: tree, container: blocks.last ?? run.parent, inLink: linkDepth > 0, preformatted: preDepth > 0)
            }
        }
    }

    /// `<br>` breaks the line; two in a row (`<br><br>`, a common way to write paragraphs) end the paragraph.
    private mutating func breakLine() {
        guard open != nil else { return }
        if pending >= .line { closeUnit() } else { pending = .line }
    }

    private mutating func closeUnit() {
        if let u = open {
            var unit = u
            unit.range = u.range.lowerBound..<text.count
            units.append(unit)
            open = nil
            pending = .paragraph
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }

    /// Moves the alignment up to `rawOffset`, writing the pending separator (or nothing) for the skipped input.
    private mutating func flush(to rawOffset: Int) {
        let gap = max(0, rawOffset - rawCursor)
        let sep = text.isEmpty ? [] : pending.bytes
        if gap > 0 || !sep.isEmpty { alignment.replace(raw: gap, text: sep.count) }
        text.append(contentsOf: sep)
        rawCursor += gap
        pending = .none
        // A unit starts after its separator.
        if let u = open, u.range.lowerBound < 0 { open!.range = text.count..<text.count }
    }

    /// Opens a unit; its start is set by the `flush` that writes its first bytes.
    private mutating func startUnitIfNeeded(container: Int32) {
        if open == nil { open = Unit(range: -1 ..< -1, container: container) }
    }

    private mutating func append(_ run: HTMLTree.TextRun, of tree: HTMLTree, container: Int32, inLink: Bool, preformatted: Bool) {
        let bytes = tree.text[run.range]
        guard run.raw.lowerBound >= rawCursor else { return }   // out of order (a recovered parse): drop from layout
        if !run.verbatim {
            // An entity (`&amp;`) or rewritten line ends: the run maps as a whole.
            let trimmed = bytes.drop { Self.isSpace($0) }
            if trimmed.isEmpty {
                if open != nil { pending = max(pending, .space) }
                return
            }
            if open != nil, Self.isSpace(bytes.first!) { pending = max(pending, .space) }
            startUnitIfNeeded(container: container)
            flush(to: run.raw.lowerBound)
            var collapsed: [UInt8] = []
            var space = false
            for b in trimmed {
                if Self.isSpace(b) && !preformatted { space = true; continue }
                if space { collapsed.append(0x20); space = false }
                collapsed.append(b)
            }
            alignment.replace(raw: run.raw.count, text: collapsed.count)
            text.append(contentsOf: collapsed)
            rawCursor = run.raw.upperBound
            count(collapsed[...], inLink: inLink)
            if space { pending = max(pending, .space) }
            return
        }
        // Verbatim: copy words, collapse each whitespace stretch.
        var i = bytes.startIndex
        let base = run.raw.lowerBound - bytes.startIndex
        while i < bytes.endIndex {
            if Self.isSpace(bytes[i]) {
                var j = i
                if preformatted {
                    while j < bytes.endIndex && Self.isSpace(bytes[j]) && bytes[j] != 0x0A { j += 1 }
                    if j < bytes.endIndex && bytes[j] == 0x0A {
                        if open != nil { pending = max(pending, .line) }
                        j += 1
                    } else if open != nil { pending = max(pending, .space) }
                } else {
                    while j < bytes.endIndex && Self.isSpace(bytes[j]) { j += 1 }
                    if open != nil { pending = max(pending, .space) }
                }
                i = j
                continue
            }
            var j = i
            while j < bytes.endIndex && !Self.isSpace(bytes[j]) { j += 1 }
            startUnitIfNeeded(container: container)
            flush(to: base + i)
            alignment.copy(j - i)
            text.append(contentsOf: bytes[i..<j])
            rawCursor = base + j
            count(bytes[i..<j], inLink: inLink)
            i = j
        }
    }

    private mutating func count(_ word: ArraySlice<UInt8>, inLink: Bool) {
        var letters = 0
        var commas = 0
        for b in word {
            if b == 0x2C { commas += 1 } else if b >= 0x80 || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 { letters += 1 }
        }
        open!.wordBytes += letters
        open!.commas += commas
        if inLink { open!.linkBytes += letters }
    }
}
