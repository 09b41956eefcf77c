import Foundation
import MekongCore

/// Monotonic sentence alignment of an original and its translation: dynamic programming
/// over 1–1, 1–2, 2–1, 1–3, 3–1, 1–0 and 0–1 groups. A group's cost is Gale and Church's length
/// cost (the translation's length in characters is about `ratio` times the original's,
/// with a variance that grows with length) plus the group type's prior, less a bonus for
/// every anchor both sides share: a number with its unit, an entity's id or canonical form.
/// Only cells within `band` of the diagonal are filled, so long documents align in near-linear time.
public struct SentenceAligner: Sendable {
    public struct Group: Sendable, Equatable {
        public var original: Range<Int>
        public var translation: Range<Int>
        /// The group's cost (lower is better), so that weak groups can be told apart.
        public var cost: Double
    }

    /// What a sentence brings to the alignment: its length and its anchors.
    public struct Sentence: Sendable {
        public var length: Int
        public var anchors: Set<String>
        public init(length: Int, anchors: Set<String>) {
            self.length = length
            self.anchors = anchors
        }
    }

    /// Gale and Church's variance per character of the length difference.
    var variance = 6.8
    /// Costs of the group types, -log of their priors. Gale and Church measured 1–1 .89, 1–0 .0099,
    /// 2–1 .089 on parliamentary text; news translations split and join sentences less and drop a
    /// sentence rather than fold it into the next (measured with scripts/eval-diff: skip .02 found
    /// 94.3 % of dropped sentences, .03 finds 96.6 %, for 0.14 more findings per 100 clean pairs).
    var priorOneOne = -log(0.89), priorSkip = -log(0.03), priorMerge = -log(0.02)
    /// A sentence the translation adds is rarer than one it drops or a sentence split unevenly in two
    /// (`…, who find themselves in mid-table.` → `… Ze staan immers ergens in het midden van het
    /// klassement.`): 0–1 at .01 took 0.06 findings per 100 clean pairs away, recall the same.
    var priorAdd = -log(0.01)
    /// A translator splits a long sentence in two more often than joining two: a 1–2 group at .03
    /// (not .02) took 0.09 findings per 100 clean pairs away and found 0.3 % more dropped sentences.
    var priorSplit = -log(0.03)
    /// A long sentence split in three (or three joined): rarer still. At .005 (against none) 0.12
    /// findings per 100 clean pairs fewer, one dropped sentence in 438 more folded into a neighbour.
    var priorThree = -log(0.005)
    /// What one shared anchor takes off a group's cost.
    var anchorBonus = 3.0
    /// What a merged sentence none of whose anchors the other side shares adds to a group's cost.
    var strayPenalty = 2.0

    public init() {}

    public func align(_ a: [Sentence], _ b: [Sentence]) -> [Group] {
        let n = a.count, m = b.count
        if n == 0 || m == 0 {
            return (0..<n).map { Group(original: $0..<$0 + 1, translation: 0..<0, cost: priorSkip) }
                + (0..<m).map { Group(original: n..<n, translation: $0..<$0 + 1, cost: priorAdd) }
        }
        // Characters of translation per character of original: the documents' ratio, but kept near 1
        // (Gale and Church's c), since omissions and additions are what the diff looks for and
        // would bias a plain ratio of totals.
        let totals = Double(max(1, b.reduce(0) { $0 + $1.length })) / Double(max(1, a.reduce(0) { $0 + $1.length }))
        let ratio = min(1.3, max(0.8, totals))
        // A band around the diagonal (scaled to the two lengths), wide enough for the local
        // detours of omissions and additions.
        let band = 40
        let inf = Double.infinity
        let width = m + 1
        var cost = [Double](repeating: inf, count: (n + 1) * width)
        var move = [UInt8](repeating: 0, count: (n + 1) * width)
        cost[0] = 0
        func inBand(_ i: Int, _ j: Int) -> Bool { abs(i * m / max(n, 1) - j) <= band }
        func lengthCost(_ la: Int, _ lb: Int) -> Double {
            let mean = (Double(la) + Double(lb) / ratio) / 2
            guard mean > 0 else { return 0 }
            let delta = (Double(lb) - Double(la) * ratio) / (mean * variance).squareRoot()
            // -log of the two-sided tail probability of a standard normal.
            let p = max(1e-12, erfc(abs(delta) / 2.squareRoot()))
            return -log(p)
        }
        // Anchors as small sorted integer lists: the inner loop compares them without hashing.
        var ids: [String: Int32] = [:]
        func intern(_ s: Sentence) -> [Int32] {
            s.anchors.map { key in
                if let id = ids[key] { return id }
                let id = Int32(ids.count)
                ids[key] = id
                return id
            }.sorted()
        }
        let aIDs = a.map(intern), bIDs = b.map(intern)
        /// Anchors the two groups share (each counted once).
        func shared(_ x: Range<Int>, _ y: Range<Int>) -> Double {
            var count = 0
            for k in x {
                for id in aIDs[k] {
                    if x[..<k].contains(where: { aIDs[$0].contains(id) }) { continue }
                    var found = false
                    for j in y where bIDs[j].contains(id) { found = true; break }
                    if found { count += 1 }
                }
            }
            return Double(count)
        }
        /// 1 when sentence `k` has two anchors or more and the other group shares none of those it
        /// does not have in common with the sentences it is merged with (`group`): a month or a name
        /// all of them write says nothing about whether `k` belongs to the group.
        func unshared(_ k: Int, of group: Range<Int>, in other: Range<Int>, _ mine: [[Int32]], _ theirs: [[Int32]]) -> Double {
            guard mine[k].count >= 2 else { return 0 }
            var own = 0
            for id in mine[k] where !group.contains(where: { $0 != k && mine[$0].contains(id) }) {
                own += 1
                for j in other where theirs[j].contains(id) { return 0 }
            }
            return own > 0 ? 1 : 0
        }
        let lengthA = a.map(\.length), lengthB = b.map(\.length)
        func groupCost(_ x: Range<Int>, _ y: Range<Int>) -> Double {
            if x.isEmpty || y.isEmpty { return x.isEmpty ? priorAdd : priorSkip }
            var la = 0, lb = 0
            for k in x { la += lengthA[k] }
            for k in y { lb += lengthB[k] }
            let prior = x.count == 1 && y.count == 1 ? priorOneOne
                : x.count == 3 || y.count == 3 ? priorThree : y.count == 2 ? priorSplit : priorMerge
            let anchors = aIDs[x.lowerBound].isEmpty && (x.count == 1 || aIDs[x.upperBound - 1].isEmpty) ? 0 : shared(x, y)
            // A sentence folded into its neighbour's group though the other side has none of its
            // anchors is more likely dropped (or added) than joined.
            var strays = 0.0
            if x.count > 1 {
                for k in x { strays += unshared(k, of: x, in: y, aIDs, bIDs) }
            }
            if y.count > 1 {
                for k in y { strays += unshared(k, of: y, in: x, bIDs, aIDs) }
            }
            return prior + lengthCost(la, lb) - anchorBonus * anchors + strayPenalty * strays
        }
        // Moves: 1 = 1–1, 2 = 1–0, 3 = 0–1, 4 = 2–1, 5 = 1–2, 6 = 3–1, 7 = 1–3.
        let steps: [(Int, Int, UInt8)] = [(1, 1, 1), (1, 0, 2), (0, 1, 3), (2, 1, 4), (1, 2, 5), (3, 1, 6), (1, 3, 7)]
        for i in 0...n {
            for j in 0...m where (i > 0 || j > 0) && inBand(i, j) {
                var best = inf, bestMove: UInt8 = 0
                for (di, dj, mv) in steps where i >= di && j >= dj {
                    let prev = cost[(i - di) * width + (j - dj)]
                    guard prev < inf else { continue }
                    let c = prev + groupCost((i - di)..<i, (j - dj)..<j)
                    if c < best { best = c; bestMove = mv }
                }
                cost[i * width + j] = best
                move[i * width + j] = bestMove
            }
        }
        var groups: [Group] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            let mv = move[i * width + j]
            let (di, dj): (Int, Int) = switch mv {
            case 1: (1, 1)
            case 2: (1, 0)
            case 3: (0, 1)
            case 4: (2, 1)
            case 5: (1, 2)
            case 6: (3, 1)
            case 7: (1, 3)
            default: i > 0 ? (1, 0) : (0, 1)      // outside the band: cannot happen at the end cell
            }
            let x = (i - di)..<i, y = (j - dj)..<j
            groups.append(Group(original: x, translation: y, cost: cost[i * width + j] - cost[(i - di) * width + (j - dj)]))
            i -= di
            j -= dj
        }
        return groups.reversed()
    }
}
