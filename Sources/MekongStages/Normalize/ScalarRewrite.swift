import MekongCore

/// Runs a rewrite over UTF-8 text and records its edits. `rule` looks at the
/// bytes at an offset and returns how many bytes it replaces and with what, or
/// nil to keep the scalar there. Returns nil when nothing changed.
func rewriteScalars(_ text: [UInt8], rule: (UnsafeBufferPointer<UInt8>, Int) -> (length: Int, replacement: [UInt8])?) -> ([UInt8], Alignment)? {
    text.withUnsafeBufferPointer { p -> ([UInt8], Alignment)? in
        var out: [UInt8] = []
        var edits = Alignment.Builder()
        var copyStart = 0
        var i = 0
        var any = false
        while i < p.count {
            if let r = rule(p, i) {
                if !any { out.reserveCapacity(p.count); any = true }
                if i > copyStart {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copyStart..<i]))
                    edits.copy(i - copyStart)
                }
                out.append(contentsOf: r.replacement)
                edits.replace(raw: r.length, text: r.replacement.count)
                i += r.length
                copyStart = i
            } else {
                i += p[i] < 0x80 ? 1 : Scalars.decode(p, at: i).1
            }
        }
        guard any else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copyStart..<p.count]))
        edits.copy(p.count - copyStart)
        return (out, edits.build())
    }
}

