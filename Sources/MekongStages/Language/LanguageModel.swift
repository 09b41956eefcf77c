import Foundation
import MekongCore

/// What the model says about one text: its cost in bits under each language's model
/// (lanes 0, 1, 2 = `Language.known`; lane 3 unused) and the characters that were scored
/// (letters of the words plus one end per word), both with a capitalized word weighed by
/// `LanguageModel.capitalWeight`; the letters and words, unweighted.
struct LanguageEvidence: Sendable, Equatable {
    var bits = SIMD4<Float>(repeating: 0)
    var characters: Float = 0
    var letters = 0
    var words = 0
    /// Words that are function words of a neighbouring language, per `ForeignMarkers` language.
    var foreignHits = SIMD4<Int32>(repeating: 0)
}

/// The language identifier's model (`Resources/models/langid.bin`, built by
/// `scripts/train-langid`): per language, a word's cost is `-log2 P(word)`, a mixture of
/// the word's frequency in the training text and an interpolated (Witten-Bell) character
/// 5-gram model over the word with a blank at each end. Words in the word table carry the
/// cost precomputed; other words are spelled through the character model. A text's cost is
/// the sum of its words' costs; the cheapest language wins unless the text costs more bits
/// per character than in-language text does (then `und`: another language, or noise).
///
/// Words are runs of letters (an apostrophe followed by a letter belongs to the word),
/// lowercased; URLs are skipped. Everything works on UTF-8 bytes and scalar values,
/// with hashes into two flat open-addressed tables: no `Character`, no allocation per word.
///
/// File format (little-endian), after `#` comment lines: magic "MKLANGID", UInt32 version (1),
/// UInt8 language count + per language UInt16 length + code, UInt8 order, UInt8 longest word,
/// UInt16 quanta per bit of the n-gram table, UInt16 quanta per bit of the word table,
/// Float32 × 3 cost of a letter no language has seen, Float32 extra cost of a word outside
/// the word table, Float32 rejection base and slope, Float32 × 9 loan shares (row = language),
/// Float32 trim share, Float32 short-text confidence, Float32 capital weight, UInt8 minimum letters, UInt8 minimum
/// words for a rejection (see `decide`); then the n-gram table: UInt32 count, UInt32 keys
/// (ascending), UInt8 × 3 costs per key; then the word table: UInt32 count, UInt32 keys,
/// UInt16 × 3 costs per key. Keys are FNV-1a (64-bit) over a tag (`N` n-gram, `C` context,
/// `W` word) and the scalar values, then murmur3's finalizer, the halves xored, 0 → 1.
final class LanguageModel: Sendable {
    static let magic: [UInt8] = Array("MKLANGID".utf8)
    static let formatVersion: UInt32 = 1
    static let blank: UInt32 = 0x20
    static let tagNgram: UInt32 = 0x4E, tagContext: UInt32 = 0x43, tagWord: UInt32 = 0x57

    let order: Int
    let maxWord: Int
    let charBitsPerQuantum: Float
    let wordBitsPerQuantum: Float
    let unseenLetter: SIMD4<Float>
    let outOfVocabulary: Float
    let rejectBase: Float
    let rejectSlope: Float
    /// `loans[L][L']`: the share of language L's words spelled by L''s character model.
    let loans: [SIMD4<Float>]
    /// Share of a text's words (the costliest) the rejection statistic leaves out.
    let trim: Double
    /// A text of fewer than `minLetters` letters is `und` unless its posterior reaches this.
    let shortConfidence: Double
    /// Weight of a word that starts with a capital: names (`Tran Quoc Dung` in a Dutch
    /// sentence) count for less than the lowercase words around them.
    let capitalWeight: Float
    let minLetters: Int
    /// Texts of fewer words are never rejected as another language.
    let rejectMinWords: Int
    /// n-gram and context costs: key in the low 32 bits, three UInt8 costs above; 0 = empty.
    private let ngrams: [UInt64]
    private let ngramMask: Int
    private let wordKeys: [UInt32]
    /// Three UInt16 costs per word slot.
    private let wordCosts: [UInt64]
    private let wordMask: Int
    let ngramCount: Int
    let wordCount: Int

    struct FormatError: Error, CustomStringConvertible {
        let message: String
        var description: String { "language model: \(message)" }
    }

    init(bytes: [UInt8]) throws {
        var offset = 0
        // `#` header lines say what the file is.
        while offset < bytes.count && bytes[offset] == 0x23 {
            while offset < bytes.count && bytes[offset] != 0x0A { offset += 1 }
            offset += 1
        }
        func need(_ n: Int) throws {
            guard offset + n <= bytes.count else { throw FormatError(message: "truncated file") }
        }
        func u8() throws -> Int { try need(1); defer { offset += 1 }; return Int(bytes[offset]) }
        func u16() throws -> Int { try need(2); defer { offset += 2 }; return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        func u32() throws -> UInt32 {
            try need(4); defer { offset += 4 }
            return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
        }
        func f32() throws -> Float { Float(bitPattern: try u32()) }
        try need(8)
        guard Array(bytes[offset..<offset + 8]) == Self.magic else { throw FormatError(message: "not a Mekong language model (bad magic)") }
        offset += 8
        let version = try u32()
        guard version == Self.formatVersion else { throw FormatError(message: "format version \(version), this mekong reads \(Self.formatVersion)") }
        let languageCount = try u8()
        var codes: [String] = []
        for _ in 0..<languageCount {
            let n = try u16()
            try need(n)
            codes.append(String(decoding: bytes[offset..<offset + n], as: UTF8.self))
            offset += n
        }
        guard codes == Language.known.map(\.rawValue) else { throw FormatError(message: "languages \(codes), expected \(Language.known.map(\.rawValue))") }
        order = try u8()
        maxWord = try u8()
        charBitsPerQuantum = 1 / Float(try u16())
        wordBitsPerQuantum = 1 / Float(try u16())
        unseenLetter = SIMD4(try f32(), try f32(), try f32(), 0)
        outOfVocabulary = try f32()
        rejectBase = try f32()
        rejectSlope = try f32()
        var loans: [SIMD4<Float>] = []
        for _ in 0..<3 { loans.append(SIMD4(try f32(), try f32(), try f32(), 0)) }
        self.loans = loans
        trim = Double(try f32())
        shortConfidence = Double(try f32())
        capitalWeight = try f32()
        minLetters = try u8()
        rejectMinWords = try u8()
        guard order >= 1 && order <= 8 && maxWord >= 1 else { throw FormatError(message: "bad order or word length") }

        // n-gram table, read in one pass over the bytes.
        let n = Int(try u32())
        try need(n * 7)
        var capacity = 16
        while capacity < n * 2 { capacity <<= 1 }
        var ngrams = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        bytes.withUnsafeBytes { b in
            let keys = offset, costs = offset + n * 4
            ngrams.withUnsafeMutableBufferPointer { slots in
                for k in 0..<n {
                    let key = UInt32(littleEndian: b.loadUnaligned(fromByteOffset: keys + 4 * k, as: UInt32.self))
                    let c = costs + 3 * k
                    let entry = UInt64(key) | UInt64(b[c]) << 32 | UInt64(b[c + 1]) << 40 | UInt64(b[c + 2]) << 48
                    var i = Int(key) & mask
                    while slots[i] != 0 { i = (i + 1) & mask }
                    slots[i] = entry
                }
            }
        }
        offset += n * 7
        self.ngrams = ngrams
        ngramMask = mask
        ngramCount = n

        let m = Int(try u32())
        try need(m * 10)
        var wordCapacity = 16
        while wordCapacity < m * 2 { wordCapacity <<= 1 }
        var wordKeys = [UInt32](repeating: 0, count: wordCapacity)
        var wordCosts = [UInt64](repeating: 0, count: wordCapacity)
        let wmask = wordCapacity - 1
        bytes.withUnsafeBytes { b in
            let keys = offset, costs = offset + m * 4
            for k in 0..<m {
                let key = UInt32(littleEndian: b.loadUnaligned(fromByteOffset: keys + 4 * k, as: UInt32.self))
                let c = costs + 6 * k
                var packed: UInt64 = 0
                for j in 0..<3 { packed |= UInt64(UInt16(littleEndian: b.loadUnaligned(fromByteOffset: c + 2 * j, as: UInt16.self))) << (16 * UInt64(j)) }
                var i = Int(key) & wmask
                while wordKeys[i] != 0 { i = (i + 1) & wmask }
                wordKeys[i] = key
                wordCosts[i] = packed
            }
        }
        offset += m * 10
        guard offset == bytes.count else { throw FormatError(message: "\(bytes.count - offset) bytes after the tables") }
        self.wordKeys = wordKeys
        self.wordCosts = wordCosts
        wordMask = wmask
        wordCount = m
    }

    convenience init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw FormatError(message: "cannot read \(url.path)") }
        try self.init(bytes: [UInt8](data))
    }

    private static let loaded = Result { try LanguageModel(contentsOf: ResourceData.url("models/langid.bin")) }
    /// The shipped model, loaded once per process.
    static func shared() throws -> LanguageModel { try loaded.get() }

    // MARK: Hashing (the same in scripts/langid_model.py)

    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    @inline(__always) static func step(_ h: UInt64, _ v: UInt32) -> UInt64 { (h ^ UInt64(v)) &* 0x0000_0100_0000_01B3 }
    @inline(__always) static func finish(_ h: UInt64) -> UInt32 {
        var h = h
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B93F_E1A8_5EC3
        h ^= h >> 33
        let k = UInt32(truncatingIfNeeded: (h >> 32) ^ h)
        return k == 0 ? 1 : k
    }

    // MARK: Lookups

    /// The three costs (in quanta) of an n-gram or context key, or nil.
    @inline(__always) private func ngram(_ key: UInt32) -> UInt64? {
        ngrams.withUnsafeBufferPointer { s in
            var i = Int(key) & ngramMask
            while true {
                let e = s[i]
                if e == 0 { return nil }
                if UInt32(truncatingIfNeeded: e) == key { return e >> 32 }
                i = (i + 1) & ngramMask
            }
        }
    }

    @inline(__always) private func word(_ key: UInt32) -> UInt64? {
        wordKeys.withUnsafeBufferPointer { keys in
            var i = Int(key) & wordMask
            while true {
                let k = keys[i]
                if k == 0 { return nil }
                if k == key { return wordCosts[i] }
                i = (i + 1) & wordMask
            }
        }
    }

    @inline(__always) private func costs8(_ v: UInt64) -> SIMD4<Float> {
        SIMD4(Float(v & 0xFF), Float((v >> 8) & 0xFF), Float((v >> 16) & 0xFF), 0) * charBitsPerQuantum
    }

    /// Cost of a word spelled through the character model: `seq[0]` and `seq[n + 1]` are
    /// blanks, `seq[1...n]` the lowercased letters.
    private func characterCost(_ seq: UnsafeMutablePointer<UInt32>, letters n: Int) -> SIMD4<Float> {
        var bits = SIMD4<Float>(repeating: 0)
        for i in 1...(n + 1) {
            let c = seq[i]
            var k = min(order, i + 1)
            while true {
                var h = Self.step(Self.fnvOffset, Self.tagNgram)
                for j in (i - k + 1)..<i { h = Self.step(h, seq[j]) }
                if let v = ngram(Self.finish(Self.step(h, c))) { bits += costs8(v); break }
                if k == 1 { bits += unseenLetter; break }
                var g = Self.step(Self.fnvOffset, Self.tagContext)
                for j in (i - k + 1)..<i { g = Self.step(g, seq[j]) }
                if let v = ngram(Self.finish(g)) { bits += costs8(v) }
                k -= 1
            }
        }
        return bits
    }

    /// The cost of one word under each language: from the word table, else spelled out.
    private func wordCost(key: UInt32, _ seq: UnsafeMutablePointer<UInt32>, letters n: Int) -> SIMD4<Float> {
        if let v = word(key) {
            return SIMD4(Float(v & 0xFFFF), Float((v >> 16) & 0xFFFF), Float((v >> 32) & 0xFFFF), 0) * wordBitsPerQuantum
        }
        seq[0] = Self.blank
        seq[n + 1] = Self.blank
        return mixed(characterCost(seq, letters: n)) + SIMD4(outOfVocabulary, outOfVocabulary, outOfVocabulary, 0)
    }

    /// The loanword mixture: per language, -log2 of the `loans`-weighted sum of the three
    /// character models' probabilities (computed relative to the cheapest, so nothing underflows).
    @inline(__always) private func mixed(_ bits: SIMD4<Float>) -> SIMD4<Float> {
        let m = min(bits[0], bits[1], bits[2])
        let p = SIMD4<Float>(exp2(m - bits[0]), exp2(m - bits[1]), exp2(m - bits[2]), 0)
        var out = SIMD4<Float>(repeating: 0)
        for l in 0..<3 { out[l] = m - log2((loans[l] * p).sum()) }
        return out
    }

    /// Words whose costs are kept for the rejection statistic (the rest still count in the sums).
    static let keptWords = 256

    /// The evidence of a text, read up to the first word that starts at or after `limit` bytes.
    /// `perWord`, when given, receives each word's costs (lanes 0-2) and characters (lane 3),
    /// up to its capacity.
    func evidence(_ p: UnsafeBufferPointer<UInt8>, limit: Int = .max, perWord: UnsafeMutableBufferPointer<SIMD4<Float>>? = nil,
                  markers: ForeignMarkers? = nil) -> LanguageEvidence {
        var e = LanguageEvidence()
        let maxWord = self.maxWord
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: maxWord + 2) { buffer in
            let seq = buffer.baseAddress!
            var n = 0                                   // letters in the current word
            var capital = false                         // the current word starts with a capital
            var h = Self.step(Self.fnvOffset, Self.tagWord)
            var i = 0
            let count = p.count
            while true {
                var letter: UInt32 = 0
                var upper = false
                var len = 1
                if i < count {
                    if n == 0 {
                        if i >= limit { break }
                        // URLs are not language: `baobienxanh.vn/viet-nam-ha-lan-hop-tac`.
                        if let end = LanguageStage.endOfAddress(p, at: i) { i = end; continue }
                    }
                    let b = p[i]
                    if b < 0x80 {
                        if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { letter = UInt32(b | 0x20); upper = b < 0x61 }
                        else if b == 0x27, i + 1 < count, Self.isLetter(p, at: i + 1) { letter = 0x27 }
                    } else {
                        let (v, l) = Scalars.decode(p, at: i)
                        len = l
                        if Scalars.isLetter(v) { letter = Scalars.lowercased(v); upper = Scalars.isUppercase(v) }
                        else if v == 0x2019, i + l < count, Self.isLetter(p, at: i + l) { letter = 0x27 }
                    }
                }
                if letter != 0 {
                    if n == 0 { capital = upper }
                    n += 1
                    if n <= maxWord { seq[n] = letter }
                    h = Self.step(h, letter)
                } else if n > 0 {
                    if n <= maxWord {
                        let weight: Float = capital ? capitalWeight : 1
                        let key = Self.finish(h)
                        if let markers, n <= ForeignMarkers.longestMarker { markers.count(key, into: &e.foreignHits) }
                        var cost = wordCost(key: key, seq, letters: n) * weight
                        cost[3] = Float(n + 1) * weight
                        e.bits += cost
                        e.characters += cost[3]
                        e.letters += n
                        if let perWord, e.words < perWord.count { perWord[e.words] = cost }
                        e.words += 1
                    }
                    n = 0
                    h = Self.step(Self.fnvOffset, Self.tagWord)
                }
                if i >= count { break }
                i += len
            }
        }
        return e
    }

    @inline(__always) private static func isLetter(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = p[i]
        if b < 0x80 { return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        return Scalars.isLetter(Scalars.decode(p, at: i).0)
    }

    // MARK: Decision

    /// The language of a text from its evidence (see `scripts/langid_model.py`, which trains
    /// the model and mirrors this): `und` with fewer than 2 letters, or fewer than `minLetters`
    /// and a posterior below `shortConfidence`; with at least `rejectMinWords` words, `und` when
    /// the best language's bits per character over the words without the costliest `trim`
    /// share, minus `rejectSlope / sqrt(their characters)`, are above `rejectBase` (other
    /// languages and noise cost more than in-language text with a few names in it does).
    /// `prior` lowers one language's cost by `priorBits` (a sentence leans towards its block's
    /// language). Confidence: the winner's posterior over the three languages; for a rejected
    /// text, 0.5 to 1 as the statistic rises up to one bit above the threshold; 0 without evidence.
    func decide(_ e: LanguageEvidence, perWord: UnsafeMutableBufferPointer<SIMD4<Float>>?, prior: Language = .und, priorBits: Float = 0) -> (Language, Double) {
        let letters = e.letters
        guard letters >= 2 else { return (.und, 0) }
        var bits = e.bits
        if let p = Language.known.firstIndex(of: prior) { bits[p] -= priorBits }
        var best = 0
        for j in 1..<3 where bits[j] < bits[best] { best = j }
        var z: Float = 0
        for j in 0..<3 { z += exp2(bits[best] - bits[j]) }
        let posterior = Double(1 / z)
        if letters < minLetters && posterior < shortConfidence { return (.und, 0) }
        if e.words >= rejectMinWords {
            // Trimming only lowers the statistic: without it under the base, the text passes.
            let whole = Double(e.bits[best]) / Double(e.characters) - Double(rejectSlope) / Double(e.characters).squareRoot()
            if whole > Double(rejectBase) {
                let statistic = perWord.map { trimmedStatistic(Array($0.prefix(min(e.words, $0.count))), lane: best) } ?? whole
                if statistic > Double(rejectBase) {
                    return (.und, 0.5 + 0.5 * min(1, statistic - Double(rejectBase)))
                }
            }
        }
        return (Language.known[best], posterior)
    }

    /// Bits per character of `lane` over the words without the costliest `trim` share, minus
    /// `rejectSlope / sqrt(their characters)`.
    private func trimmedStatistic(_ words: [SIMD4<Float>], lane: Int) -> Double {
        let sorted = words.map { (Double($0[lane]) / Double($0[3]), Double($0[lane]), Double($0[3])) }.sorted { $0.0 < $1.0 }
        let keep = sorted.count - Int(trim * Double(sorted.count))
        var bits = 0.0, chars = 0.0
        for w in sorted.prefix(keep) { bits += w.1; chars += w.2 }
        return bits / chars - Double(rejectSlope) / chars.squareRoot()
    }

    /// The key of a word as `evidence` computes it (its lowercased scalars).
    static func wordKey(_ word: String) -> UInt32 {
        var h = step(fnvOffset, tagWord)
        for v in word.unicodeScalars { h = step(h, Scalars.lowercased(v.value)) }
        return finish(h)
    }

    func identify(_ p: UnsafeBufferPointer<UInt8>, limit: Int = .max, prior: Language = .und, priorBits: Float = 0,
                  markers: ForeignMarkers? = nil) -> (Language, Double, LanguageEvidence) {
        withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: Self.keptWords) { perWord in
            let e = evidence(p, limit: limit, perWord: perWord, markers: markers)
            let (language, confidence) = decide(e, perWord: perWord, prior: prior, priorBits: priorBits)
            return (language, confidence, e)
        }
    }
}
