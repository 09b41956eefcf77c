import MekongCore
import MekongICU

/// Moves Vietnamese tone marks between the vowels of the open syllables
/// `oa`, `oe`, `uy` (not after `q`, where `u` belongs to the consonant).
struct ToneMarkPlacer {
    /// For each toned vowel (NFC), its base vowel and its tone mark; and back.
    private var split: [UInt32: (base: UInt32, tone: UInt32)] = [:]
    private var join: [UInt64: UInt32] = [:]
    let placement: ToneMarkPlacement

    init(_ placement: ToneMarkPlacement, normalizer: ICU.Normalizer) throws {
        self.placement = placement
        // Vowels and tones from data; precomposed forms are computed by ICU, not typed in.
        let vowels = try ResourceData.lines("vi/tone-vowels.txt").flatMap { $0.unicodeScalars.map(\.value) }
        let tones = try ResourceData.lines("vi/tone-marks.txt").compactMap { UInt32($0.replacingOccurrences(of: "U+", with: ""), radix: 16) }
        for v in vowels {
            for t in tones {
                let s = String(String.UnicodeScalarView([Unicode.Scalar(v)!, Unicode.Scalar(t)!]))
                let c = try normalizer.normalize(s).unicodeScalars
                guard c.count == 1, let composed = c.first?.value else { continue }
                split[composed] = (v, t)
                join[UInt64(v) << 32 | UInt64(t)] = composed
            }
        }
    }

    private static func lower(_ v: UInt32) -> UInt32 { Scalars.lowercased(v) }

    func apply(_ text: [UInt8]) -> ([UInt8], Alignment)? {
        rewriteScalars(text) { p, i in
            let (v1, l1) = Scalars.decode(p, at: i)
            let b1 = split[v1]?.base ?? v1
            let first = Self.lower(b1)
            guard first == 0x6F || first == 0x75 else { return nil }            // o, u
            guard i + l1 < p.count else { return nil }
            let (v2, l2) = Scalars.decode(p, at: i + l1)
            let b2 = split[v2]?.base ?? v2
            let second = Self.lower(b2)
            let pair = (first == 0x6F && (second == 0x61 || second == 0x65)) || (first == 0x75 && second == 0x79)
            guard pair else { return nil }
            // Open syllable: no letter after the pair.
            if i + l1 + l2 < p.count, Scalars.isLetter(Scalars.decode(p, at: i + l1 + l2).0) { return nil }
            // Before the pair: a consonant or nothing, and not `q` + `uy`.
            if i > 0 {
                let (prev, _) = Scalars.decode(p, before: i)
                if Scalars.isLetter(prev) {
                    let pl = Self.lower(split[prev]?.base ?? prev)
                    if [0x61, 0x65, 0x69, 0x6F, 0x75, 0x79].contains(pl) || (first == 0x75 && pl == 0x71) { return nil }
                }
            }
            let t1 = split[v1]?.tone, t2 = split[v2]?.tone
            var n1 = b1, n2 = b2
            switch (placement, t1, t2) {
            case (.firstVowel, nil, let t?):
                guard let c = join[UInt64(b1) << 32 | UInt64(t)] else { return nil }
                n1 = c
            case (.secondVowel, let t?, nil):
                guard let c = join[UInt64(b2) << 32 | UInt64(t)] else { return nil }
                n2 = c
            default: return nil
            }
            var r: [UInt8] = []
            Scalars.encode(n1, into: &r)
            Scalars.encode(n2, into: &r)
            return (l1 + l2, r)
        }
    }
}
