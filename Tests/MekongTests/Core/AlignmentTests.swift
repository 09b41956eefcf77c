import Testing
@testable import MekongCore

@Suite struct AlignmentTests {
    @Test func identityMapsEveryOffsetToItself() {
        let a = Alignment.identity(length: 10)
        #expect(a.rawSpan(for: TextSpan(2, 7)) == RawSpan(2, 7))
        #expect(a.isIdentity)
    }

    @Test func spanInsideAChangedRunWidensToTheWholeRun() {
        var b = Alignment.Builder()
        b.copy(3)
        b.replace(raw: 4, text: 2)   // e.g. "e\u{301}" style change
        b.copy(5)
        let a = b.build()
        #expect(a.rawSpan(for: TextSpan(4, 5)) == RawSpan(3, 7))
        #expect(a.rawSpan(for: TextSpan(0, 3)) == RawSpan(0, 3))
        #expect(a.rawSpan(for: TextSpan(5, 7)) == RawSpan(7, 9))
        #expect(!a.isExact(TextIndex(4)))
        #expect(a.isExact(TextIndex(5)))
    }

    @Test func deletionsAtSpanEdgesAreLeftOut() {
        var b = Alignment.Builder()
        b.copy(2)
        b.replace(raw: 3, text: 0)   // a removed zero-width space
        b.copy(2)
        let a = b.build()
        #expect(a.rawSpan(for: TextSpan(2, 4)) == RawSpan(5, 7))
        #expect(a.rawSpan(for: TextSpan(0, 2)) == RawSpan(0, 2))
        #expect(a.rawSpan(for: TextSpan(1, 3)) == RawSpan(1, 6))
    }

    @Test func compositionChainsTwoEditPasses() {
        // raw "ab__cd" -> mid "ab_cd" (collapse) -> text "AB_cd"-like (a change over "ab")
        var first = Alignment.Builder()
        first.copy(2); first.replace(raw: 2, text: 1); first.copy(2)
        var second = Alignment.Builder()
        second.replace(raw: 2, text: 2); second.copy(3)
        let c = first.build().composed(with: second.build())
        #expect(c.rawLength == 6)
        #expect(c.textLength == 5)
        #expect(c.rawSpan(for: TextSpan(3, 5)) == RawSpan(4, 6))
        #expect(c.rawSpan(for: TextSpan(2, 3)) == RawSpan(2, 4))
        #expect(c.rawSpan(for: TextSpan(0, 1)) == RawSpan(0, 2))
    }

    @Test func compositionMergesOverlappingChanges() {
        var first = Alignment.Builder()
        first.copy(1); first.replace(raw: 2, text: 2); first.copy(3)
        var second = Alignment.Builder()
        second.copy(2); second.replace(raw: 2, text: 1); second.copy(2)
        let c = first.build().composed(with: second.build())
        // The two changes overlap in the middle text, so they become one run raw[1..<5) -> text[1..<4).
        #expect(c.rawSpan(for: TextSpan(1, 4)) == RawSpan(1, 5))
        #expect(c.rawSpan(for: TextSpan(4, 5)) == RawSpan(5, 6))
    }

    @Test(arguments: 0..<200)
    func randomCompositionsMapLikeApplyingBothMapsInTurn(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) + 1)
        let first = randomAlignment(rawLength: Int.random(in: 0...40, using: &rng), using: &rng)
        let second = randomAlignment(rawLength: first.textLength, using: &rng)
        let c = first.composed(with: second)
        #expect(c.rawLength == first.rawLength)
        #expect(c.textLength == second.textLength)
        // Wherever the composition is exact, it maps into the range that applying both
        // maps in turn allows (a range, because removed text at a boundary may go either way).
        for t in 0...c.textLength where c.isExact(TextIndex(t)) && second.isExact(TextIndex(t)) {
            let r = high(c, t)
            let lo = low(first, low(second, t)), hi = high(first, high(second, t))
            #expect(lo <= r && r <= hi, "text offset \(t): \(r) not in \(lo)...\(hi)")
            #expect(lo <= low(c, t) && low(c, t) <= hi)
        }
        // And spans never run backwards or past the ends.
        for s in 0...c.textLength {
            for e in s...c.textLength {
                let r = c.rawSpan(for: TextSpan(s, e))
                #expect(r.start.utf8Offset <= r.end.utf8Offset && r.end.utf8Offset <= c.rawLength)
            }
        }
    }

    /// The raw offset a span ending at t maps to (before removed text).
    private func low(_ a: Alignment, _ t: Int) -> Int { t == 0 ? 0 : a.rawSpan(for: TextSpan(0, t)).end.utf8Offset }
    /// The raw offset a span starting at t maps to (after removed text).
    private func high(_ a: Alignment, _ t: Int) -> Int { a.rawSpan(for: TextSpan(t, t)).start.utf8Offset }

    private func randomAlignment(rawLength: Int, using rng: inout SeededGenerator) -> Alignment {
        var b = Alignment.Builder()
        var left = rawLength
        while left > 0 || Int.random(in: 0..<4, using: &rng) == 0 {
            let n = min(left, Int.random(in: 0...5, using: &rng))
            if Bool.random(using: &rng) { b.copy(n) } else { b.replace(raw: n, text: Int.random(in: 0...4, using: &rng)) }
            left -= n
            if left == 0 { break }
        }
        return b.build()
    }
}
