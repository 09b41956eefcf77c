import MekongCore

/// The whitespace and debris pass of normalization, one walk over the UTF-8 bytes:
/// - CRLF, CR, NEL, U+2028/U+2029, VT and FF become LF;
/// - tabs and Unicode space separators (NBSP, thin spaces, ...) become a space, runs collapse to one;
/// - blanks at the start and end of lines and of the text are removed; more than one blank line becomes one;
/// - zero-width spaces, word joiners, BOMs, soft hyphens, bidi marks and C0/C1 controls are removed.
/// ZWJ and ZWNJ stay: they carry meaning (emoji sequences, Persian).
struct WhitespaceCleanup {
    enum Kind { case visible, space, newline, removed }

    @inline(__always)
    static func classify(_ v: UInt32) -> Kind {
        switch v {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .space
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return .newline
        case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF: return .removed
        default: return .visible
        }
    }

    static func run(_ input: [UInt8]) -> ([UInt8], Alignment) {
        input.withUnsafeBufferPointer { p in
            var pass = WhitespaceCleanup(p)
            pass.walk()
            return (pass.out, pass.edits.build())
        }
    }

    private let p: UnsafeBufferPointer<UInt8>
    private var out: [UInt8] = []
    private var edits = Alignment.Builder()
    /// Start of the current run of bytes copied unchanged.
    private var copyStart = 0
    private var atTextStart = true
    /// Start of a pending gap of blanks, line breaks and removed debris (-1: none).
    private var gapStart = -1
    private var gapNewlines = 0

    private init(_ p: UnsafeBufferPointer<UInt8>) {
        self.p = p
        out.reserveCapacity(p.count)
    }

    private mutating func walk() {
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            if b > 0x20 && b < 0x7F {                       // visible ASCII: the hot path
                if gapStart >= 0 { resolveGap(i) }
                atTextStart = false
                i += 1
                continue
            }
            // A single space between visible ASCII characters is kept as it is.
            if b == 0x20 && gapStart < 0 && !atTextStart && i + 1 < n && p[i + 1] > 0x20 && p[i + 1] < 0x7F {
                i += 1
                continue
            }
            let (v, len) = Scalars.decode(p, at: i)
            switch Self.classify(v) {
            case .visible:
                if gapStart >= 0 { resolveGap(i) }
                atTextStart = false
                i += len
            case .space:
                if gapStart < 0 { flushCopy(i); gapStart = i; gapNewlines = 0 }
                i += len
            case .newline:
                if gapStart < 0 { flushCopy(i); gapStart = i; gapNewlines = 0 }
                gapNewlines += 1
                i += (v == 0x0D && i + 1 < n && p[i + 1] == 0x0A) ? 2 : len
            case .removed:
                if gapStart >= 0 {
                    i += len                                   // absorbed into the gap
                } else {
                    flushCopy(i)
                    edits.replace(raw: len, text: 0)
                    i += len
                    copyStart = i
                }
            }
        }
        if gapStart >= 0 {
            edits.replace(raw: n - gapStart, text: 0)          // trailing blanks of the text
        } else {
            flushCopy(n)
        }
    }

    private mutating func flushCopy(_ end: Int) {
        if end > copyStart {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copyStart..<end]))
            edits.copy(end - copyStart)
        }
    }

    /// Replaces the pending gap [gapStart, end) by what it stands for before visible text:
    /// nothing at the start of the text, one or two line breaks, or one space.
    private mutating func resolveGap(_ end: Int) {
        let replacement: [UInt8]
        if atTextStart { replacement = [] } else if gapNewlines > 1 { replacement = [0x0A, 0x0A] } else if gapNewlines == 1 { replacement = [0x0A] } else { replacement = [0x20] }
        let length = end - gapStart
        out.append(contentsOf: replacement)
        if length == replacement.count && p[gapStart] == replacement[0] && (length == 1 || p[gapStart + 1] == replacement[1]) {
            edits.copy(length)
        } else {
            edits.replace(raw: length, text: replacement.count)
        }
        gapStart = -1
        gapNewlines = 0
        copyStart = end
    }
}
