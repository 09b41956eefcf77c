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

    public init() throws {
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
        let window = self.window, verdicts = self.verdicts, t = scratch
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
                for d in recognizers[index].claims(in: t) {
                    claims.append(Claim(
                        span: TextSpan(t.byteOffsets[d.range.lowerBound], t.byteOffsets[d.range.upperBound]),
                        kind: d.claim,
                        value: d.dateValue ?? d.integer.map(String.init) ?? d.value.map(Self.decimalString),
                        low: d.low.map(Self.decimalString),
                        high: d.high.map(Self.decimalString),
                        unit: d.unit, scale: d.scale, qualifier: d.qualifier, change: d.change))
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

/// Word verdicts of the sentence filter by language and word bytes; bounded, one per worker.
final class VerdictCache {
    private var byLanguage: [[PackedKey: ClaimRecognizer.WordVerdict]] = Array(repeating: [:], count: Language.known.count)

    func verdict(_ language: Int, _ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, compute: () -> ClaimRecognizer.WordVerdict) -> ClaimRecognizer.WordVerdict {
        guard let key = PackedKey(p, word) else { return compute() }
        if let v = byLanguage[language][key] { return v }
        let v = compute()
        if byLanguage[language].count >= 65_536 { byLanguage[language].removeAll(keepingCapacity: true) }
        byLanguage[language][key] = v
        return v
    }
}
