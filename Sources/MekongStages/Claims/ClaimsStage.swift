import Foundation
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
        document.text.withUnsafeBufferPointer { text in
            for sentence in document.sentences {
                let range = sentence.span.range
                let p = UnsafeBufferPointer(rebasing: text[range])
                var language = document.blocks.indices.contains(sentence.block) ? document.blocks[sentence.block].language : main
                if language == .und { language = main == .und ? .en : main }
                guard let index = Language.known.firstIndex(of: language) else { continue }
                let recognizer = recognizers[index]
                guard recognizer.lex.mayHoldClaim(p) else { continue }
                let t = scratch
                t.load(p, base: range.lowerBound)
                for d in recognizer.claims(in: t) {
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
        document.claims = claims
    }

    /// An exact decimal string without exponent or grouping: "6000000000", "1.6", "-0.25".
    static func decimalString(_ d: Decimal) -> String {
        // Values from division (1/3) carry 38 digits: keep 20 decimals, enough for any claim.
        guard d.exponent < -20 else { return d.description }
        var v = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 20, .plain)
        return rounded.description
    }
}
