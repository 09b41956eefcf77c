import MekongICU

/// One pass over a block's bytes that finds the few positions the sentence rules
/// look at, so each rule visits those instead of walking every byte again.
struct BlockScan {
    /// Offsets of `.`, `!` and `?`.
    private(set) var terminals: [Int] = []
    /// Offsets of `)`.
    private(set) var closingBrackets: [Int] = []
    /// Offsets of straight double quotes.
    private(set) var quotes: [Int] = []
    /// ICU breaks only after sentence-terminal punctuation (ASCII `.!?`, or a non-ASCII
    /// one such as `。` `؟` `‼`) or at a line break: without any, it need not run.
    private(set) var mayHaveICUBoundary = false
    /// A trigger of a layout rule: an emoticon (`:)`, `;-(`), a clock time (`07:17`),
    /// a digit before `-` (dated items), or a run of three separator characters (`*****`).
    private(set) var hasLayoutTrigger = false

    private enum Class: UInt8 { case plain = 0, terminal, closingBracket, quote, layout, separator, newline, nonASCII }

    private static let classes: [Class] = (0..<256).map { b -> Class in
        switch UInt8(b) {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): return .terminal
        case UInt8(ascii: ")"): return .closingBracket
        case UInt8(ascii: "\""): return .quote
        case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="): return .layout
        case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "~"), UInt8(ascii: "#"): return .separator
        case 0x0A: return .newline
        case 0xD6...0xF4: return .nonASCII      // lead bytes of U+0580 and up, where other terminals live
        default: return .plain
        }
    }

    /// `:)`, `;-(`, `=P`, `:'(` at `i`, or a `:` between digits.
    private static func startsEmoticonOrClock(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, after previous: UInt8) -> Bool {
        var j = i + 1
        guard j < p.count else { return false }
        if p[i] == UInt8(ascii: ":") && previous >= 0x30 && previous <= 0x39 && p[j] >= 0x30 && p[j] <= 0x39 { return true }
        if p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "'") || p[j] == UInt8(ascii: "o") { j += 1 }
        guard j < p.count else { return false }
        switch p[j] {
        case UInt8(ascii: ")"), UInt8(ascii: "("), UInt8(ascii: "D"), UInt8(ascii: "P"), UInt8(ascii: "p"),
             UInt8(ascii: "]"), UInt8(ascii: "["), UInt8(ascii: "|"): return true
        default: return false
        }
    }

    init(_ p: UnsafeBufferPointer<UInt8>) {
        let classes = Self.classes
        var run = 0
        var previous: UInt8 = 0
        var i = 0
        while i < p.count {
            let b = p[i]
            let c = classes[Int(b)]
            if c == .plain { previous = b; i += 1; continue }
            switch c {
            case .terminal: terminals.append(i); mayHaveICUBoundary = true
            case .closingBracket: closingBrackets.append(i)
            case .quote: quotes.append(i)
            case .layout:
                if !hasLayoutTrigger { hasLayoutTrigger = Self.startsEmoticonOrClock(p, i, after: previous) }
            case .separator:
                if b == UInt8(ascii: "-") && previous >= 0x30 && previous <= 0x39 { hasLayoutTrigger = true }
                run = b == previous ? run + 1 : 1
                if run >= 3 { hasLayoutTrigger = true }
            case .newline: mayHaveICUBoundary = true
            case .nonASCII:
                if !mayHaveICUBoundary {
                    let (v, len) = Scalars.decode(p, at: i)
                    // Latin Extended Additional (Vietnamese letters) holds no terminal: skip the lookup.
                    if !(0x1E00...0x1EFF).contains(v) && ICU.isSentenceTerminal(v) { mayHaveICUBoundary = true }
                    previous = b
                    i += len
                    continue
                }
            case .plain: break
            }
            if c != .separator { run = 0 }
            previous = b
            i += 1
        }
    }
}
