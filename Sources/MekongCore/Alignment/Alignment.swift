/// Maps the normalized text back to the raw input, as a sequence of edit runs
/// (the model of ICU's `Edits` and of huggingface/tokenizers' `NormalizedString`).
///
/// Run `i` covers raw bytes `rawStarts[i]..<rawStarts[i+1]` and text bytes
/// `textStarts[i]..<textStarts[i+1]`. An unchanged run maps byte for byte; a changed
/// run maps only as a whole, so a span that cuts into it widens to the whole run.
public struct Alignment: Sendable, Equatable {
    private var rawStarts: [Int] = [0]
    private var textStarts: [Int] = [0]
    private var changed: [Bool] = []

    public init() {}

    public static func identity(length: Int) -> Alignment {
        var b = Builder()
        b.copy(length)
        return b.build()
    }

    public var runCount: Int { changed.count }
    public var rawLength: Int { rawStarts[rawStarts.count - 1] }
    public var textLength: Int { textStarts[textStarts.count - 1] }
    /// Number of changed runs: zero means the text equals the raw input.
    public var changedRunCount: Int { changed.reduce(0) { $0 + ($1 ? 1 : 0) } }
    public var isIdentity: Bool { !changed.contains(true) }

    /// The runs, for inspection and tests.
    public var runs: [(raw: Range<Int>, text: Range<Int>, changed: Bool)] {
        (0..<runCount).map { (rawStarts[$0]..<rawStarts[$0 + 1], textStarts[$0]..<textStarts[$0 + 1], changed[$0]) }
    }

    /// Whether `offset` lies on a run boundary or inside an unchanged run,
    /// i.e. a span may start or end there without widening.
    public func isExact(_ offset: TextIndex) -> Bool {
        let t = offset.utf8Offset
        let i = lastRun(startingAtOrBefore: t)
        return i < 0 || !changed[i] || textStarts[i] == t || textStarts[i + 1] == t
    }

    /// The raw span that the text span came from. Removed characters (zero-width
    /// spaces, trimmed blanks) at the span's edges are left out.
    public func rawSpan(for span: TextSpan) -> RawSpan {
        let s = rawStart(span.start.utf8Offset)
        if span.isEmpty { return RawSpan(s, s) }
        let e = max(s, rawEnd(span.end.utf8Offset))
        return RawSpan(s, e)
    }

    /// Largest run index whose text start is <= t and whose text is non-empty where possible.
    private func lastRun(startingAtOrBefore t: Int) -> Int {
        var lo = 0, hi = runCount - 1, found = -1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            if textStarts[mid] <= t { found = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        return found
    }

    private func rawStart(_ t: Int) -> Int {
        if t >= textLength { return rawLength }
        let i = lastRun(startingAtOrBefore: t)
        if i < 0 { return 0 }
        return changed[i] ? rawStarts[i] : rawStarts[i] + (t - textStarts[i])
    }

    private func rawEnd(_ t: Int) -> Int {
        if t <= 0 { return 0 }
        // Smallest run i with textStarts[i+1] >= t: then textStarts[i] < t <= textStarts[i+1].
        var lo = 0, hi = runCount - 1, found = runCount - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            if textStarts[mid + 1] >= t { found = mid; hi = mid - 1 } else { lo = mid + 1 }
        }
        if found < 0 { return rawLength }
        return changed[found] ? rawStarts[found + 1] : rawStarts[found] + (t - textStarts[found])
    }

    /// `self` maps raw -> middle and `next` maps middle -> text; the result maps raw -> text.
    /// A change on either side that overlaps a change on the other merges with it.
    public func composed(with next: Alignment) -> Alignment {
        precondition(textLength == next.rawLength, "alignments do not chain: \(textLength) vs \(next.rawLength)")
        if next.isIdentity { return self }
        if isIdentity { return next }
        var out = Builder()
        var ia = 0, ib = 0
        var aLeft = 0, aChanged = false   // middle bytes left in the current run of self
        var bLeft = 0, bChanged = false   // middle bytes left in the current run of next
        var pendingRaw = 0, pendingText = 0, pending = false
        func flush() {
            if pending { out.replace(raw: pendingRaw, text: pendingText) }
            pendingRaw = 0; pendingText = 0; pending = false
        }
        while true {
            // Both sides at a run boundary: a pending change is complete.
            if aLeft == 0 && bLeft == 0 { flush() }
            if aLeft == 0 {
                // Deletions in self: raw bytes with no middle bytes.
                while ia < runCount, textStarts[ia + 1] == textStarts[ia] {
                    pendingRaw += rawStarts[ia + 1] - rawStarts[ia]; pending = true; ia += 1
                }
            }
            if bLeft == 0 {
                // Insertions in next: text bytes from no middle bytes.
                while ib < next.runCount, next.rawStarts[ib + 1] == next.rawStarts[ib] {
                    pendingText += next.textStarts[ib + 1] - next.textStarts[ib]; pending = true; ib += 1
                }
            }
            if aLeft == 0 {
                if ia == runCount { break }
                aLeft = textStarts[ia + 1] - textStarts[ia]
                aChanged = changed[ia]
                if aChanged { pendingRaw += rawStarts[ia + 1] - rawStarts[ia]; pending = true }
                ia += 1
            }
            if bLeft == 0 {
                precondition(ib < next.runCount, "alignments do not chain")
                bLeft = next.rawStarts[ib + 1] - next.rawStarts[ib]
                bChanged = next.changed[ib]
                if bChanged { pendingText += next.textStarts[ib + 1] - next.textStarts[ib]; pending = true }
                ib += 1
            }
            let n = min(aLeft, bLeft)
            if !aChanged && !bChanged {
                flush()
                out.copy(n)
            } else {
                if !aChanged { pendingRaw += n }
                if !bChanged { pendingText += n }
            }
            aLeft -= n; bLeft -= n
        }
        // Trailing insertions of next were collected above; trailing deletions of self too.
        while ib < next.runCount {
            pendingText += next.textStarts[ib + 1] - next.textStarts[ib]; pending = true; ib += 1
        }
        flush()
        return out.build()
    }

    /// Records edit runs in order. Adjacent unchanged runs merge; changed runs stay apart.
    public struct Builder {
        private var result = Alignment()
        public init() {}

        public mutating func copy(_ n: Int) {
            guard n > 0 else { return }
            if let last = result.changed.last, !last {
                result.rawStarts[result.rawStarts.count - 1] += n
                result.textStarts[result.textStarts.count - 1] += n
            } else {
                result.rawStarts.append(result.rawLength + n)
                result.textStarts.append(result.textLength + n)
                result.changed.append(false)
            }
        }

        public mutating func replace(raw: Int, text: Int) {
            guard raw > 0 || text > 0 else { return }
            result.rawStarts.append(result.rawLength + raw)
            result.textStarts.append(result.textLength + text)
            result.changed.append(true)
        }

        public var rawLength: Int { result.rawLength }
        public var textLength: Int { result.textLength }
        public func build() -> Alignment { result }
    }
}
