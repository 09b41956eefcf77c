import Foundation
import Synchronization
import MekongCore

/// Numeric claims of every sentence: value, unit, scale, qualifier, range and change,
/// normalized so that the same fact reads the same in Dutch, Vietnamese and English.
/// Each sentence is read with the data of its block's language (the document's main
/// language when the block's is undetermined).
public struct ClaimsStage: Stage {
    public static let name = StageName.claims
    public static let requires: [StageName] = [.sentences, .language]

    /// Indexed like `Language.known`.
    private let recognizers: [ClaimRecognizer]
    /// Scalar buffers reused from sentence to sentence (each worker has its own stage).
    private let scratch = ClaimText()
    /// A few words from a candidate number word on, read to confirm it before the whole sentence is.
    private let window = ClaimText()
    /// Verdicts on words seen before, per language (words recur: `một`, `and`, `this`).
    private let verdicts = VerdictCache()
    private let clock: ClockTimes

    public init() throws {
        clock = try ClockTimes.shared()
        let shared = try ClaimShared.shared()
        recognizers = try Language.known.map { l in
            guard let lex = try ClaimLexicon.shared(l) else { throw PipelineError("no claim data for \(l.rawValue)") }
            return ClaimRecognizer(lex, shared: shared)
        }
    }

    public func process(_ document: inout Document) throws {
        var claims: [Claim] = []
        let main = document.mainLanguage
        // The recognizer of each block, read once per document (not per sentence: no struct copies).
        let fallback = Language.known.firstIndex(of: main == .und ? .en : main)
        let blockRecognizer = document.blocks.map { b in b.language == .und ? fallback : Language.known.firstIndex(of: b.language) }
        let window = self.window, verdicts = self.verdicts, t = scratch, clock = self.clock
        document.text.withUnsafeBufferPointer { text in
            recognizers.withUnsafeBufferPointer { recognizers in
            for sentence in document.sentences {
                let range = sentence.span.range
                let p = UnsafeBufferPointer(rebasing: text[range])
                guard let index = blockRecognizer.indices.contains(sentence.block) ? blockRecognizer[sentence.block] : fallback else { continue }
                let confirmed = recognizers[index].lex.mayHoldClaim(p) { start, end in
                    let verdict = verdicts.verdict(index, p, start..<end) {
                        recognizers[index].verdict(p, word: start..<end, scratch: window)
                    }
                    switch verdict {
                    case .no: return false
                    case .yes: return true
                    case .context: return recognizers[index].startsClaim(p, at: start, scratch: window)
                    }
                }
                guard confirmed else { continue }
                t.load(p, base: range.lowerBound)
                let first = claims.count
                for d in recognizers[index].claims(in: t) {
                    claims.append(Claim(
                        span: TextSpan(t.byteOffsets[d.range.lowerBound], t.byteOffsets[d.range.upperBound]),
                        kind: d.claim,
                        value: d.dateValue ?? d.integer.map(String.init) ?? d.value.map(Self.decimalString),
                        low: d.low.map(Self.decimalString),
                        high: d.high.map(Self.decimalString),
                        unit: d.unit, scale: d.scale, qualifier: d.qualifier, change: d.change))
                }
                // Clock times replace the numbers they were read as (`19` and `30` of `19:30`).
                let times = clock.find(p)
                if !times.isEmpty {
                    let spans = times.map { ($0.range.lowerBound + range.lowerBound)..<($0.range.upperBound + range.lowerBound) }
                    let read = Array(claims[first...])
                    var sentenceClaims = read.filter { c in !spans.contains { $0.overlaps(c.span.range) } }
                    for (time, span) in zip(times, spans) {
                        // A qualifier read with the hour (`ongeveer 9.30 uur`, `about 7 p.m.`) stays with the time.
                        let hedged = read.first { $0.qualifier != nil && $0.span.range.overlaps(span) && $0.span.range.lowerBound < span.lowerBound }
                        sentenceClaims.append(Claim(span: TextSpan(hedged?.span.range.lowerBound ?? span.lowerBound, span.upperBound), kind: .time,
                                                    value: time.value, qualifier: hedged?.qualifier))
                    }
                    sentenceClaims.sort { $0.span.range.lowerBound < $1.span.range.lowerBound }
                    claims.replaceSubrange(first..., with: sentenceClaims)
                }
            }
            }
        }
        document.claims = claims
    }

    /// An exact decimal string without exponent or grouping: "6000000000", "1.6", "-0.25".
    static func decimalString(_ d: Decimal) -> String {
        // Values from division (1/3) carry 38 digits: keep 20 decimals, enough for any claim.
        guard d.exponent < -20 else { return plainString(d) }
        var v = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 20, .plain)
        return plainString(rounded)
    }

    /// Foundation's `Decimal.description` divides the 128-bit mantissa digit by digit; the same
    /// few values (1, 2, 10, 100, 1000 …) recur, so their strings are kept.
    private static func plainString(_ d: Decimal) -> String {
        if let s = formatted.withLock({ $0[d] }) { return s }
        let s = d.description
        formatted.withLock { cache in
            if cache.count >= 4096 { cache.removeAll(keepingCapacity: true) }
            cache[d] = s
        }
        return s
    }
    private static let formatted = Mutex<[Decimal: String]>([:])
}

/// Word verdicts of the sentence filter by language and word bytes: a direct-mapped table (a
/// clash overwrites, the verdict is computed again), one per worker. Words of up to 16 bytes are
/// packed into two integers and hashed with two multiplications, not SipHash.
final class VerdictCache {
    private static let slotBits = 12
    private static let slots = 1 << slotBits
    private let count = Language.known.count << slotBits
    private let high: UnsafeMutablePointer<UInt64>
    private let low: UnsafeMutablePointer<UInt64>
    /// Word length + 1 (0 = empty slot), and the verdict.
    private let length: UnsafeMutablePointer<UInt8>
    private let value: UnsafeMutablePointer<ClaimRecognizer.WordVerdict>

    init() {
        high = .allocate(capacity: count); high.initialize(repeating: 0, count: count)
        low = .allocate(capacity: count); low.initialize(repeating: 0, count: count)
        length = .allocate(capacity: count); length.initialize(repeating: 0, count: count)
        value = .allocate(capacity: count); value.initialize(repeating: .no, count: count)
    }

    deinit {
        high.deallocate(); low.deallocate(); length.deallocate(); value.deallocate()
    }

    func verdict(_ language: Int, _ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, compute: () -> ClaimRecognizer.WordVerdict) -> ClaimRecognizer.WordVerdict {
        guard word.count <= 16 else { return compute() }
        var h: UInt64 = 0, l: UInt64 = 0
        var i = word.lowerBound
        while i < word.upperBound && i < word.lowerBound + 8 { h = h << 8 | UInt64(p[i]); i += 1 }
        while i < word.upperBound { l = l << 8 | UInt64(p[i]); i += 1 }
        let n = UInt8(word.count + 1)
        let mixed = (h &* 0x9E37_79B9_7F4A_7C15) ^ (l &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)
        let slot = language << Self.slotBits | Int(truncatingIfNeeded: (mixed ^ mixed >> 29) & UInt64(Self.slots - 1))
        if length[slot] == n && high[slot] == h && low[slot] == l { return value[slot] }
        let v = compute()
        high[slot] = h; low[slot] = l; length[slot] = n; value[slot] = v
        return v
    }
}
