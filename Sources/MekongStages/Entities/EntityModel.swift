import Foundation
import MekongCore

/// The BIO tags over a label set: tag 0 is `O`, then `B-X`, `I-X` for each label X in order.
public struct TagSet: Sendable, Equatable {
    public let labels: [Entity.Label]
    public init(_ labels: [Entity.Label]) { self.labels = labels }
    /// The labels the shipped models predict (EVENT comes from rules and gazetteers only).
    public static let standard = TagSet([.PER, .ORG, .LOC, .MISC])

    public var count: Int { 1 + 2 * labels.count }
    @inline(__always) public func begin(_ label: Int) -> Int { 1 + 2 * label }
    @inline(__always) public func inside(_ label: Int) -> Int { 2 + 2 * label }
    /// The label index of a tag; nil for `O`.
    @inline(__always) public func label(ofTag t: Int) -> Int? { t == 0 ? nil : (t - 1) / 2 }
    @inline(__always) public func isInside(_ t: Int) -> Bool { t != 0 && (t - 1) % 2 == 1 }
    public func name(_ t: Int) -> String {
        guard let l = label(ofTag: t) else { return "O" }
        return (isInside(t) ? "I-" : "B-") + labels[l].rawValue
    }

    /// BIO constraint: `I-X` only after `B-X` or `I-X`; `prev` nil is the sentence start.
    @inline(__always) public func allowed(_ prev: Int?, _ t: Int) -> Bool {
        guard isInside(t) else { return true }
        guard let prev, let lp = label(ofTag: prev) else { return false }
        return lp == label(ofTag: t)
    }

    /// Entity spans (first token, end token, label index) of a BIO tag sequence; an `I-X`
    /// that does not continue an X starts one (as conlleval reads IOB1).
    public func spans(_ tags: some Collection<Int>) -> [(Int, Int, Int)] {
        var out: [(Int, Int, Int)] = []
        var start = -1, label = -1, i = 0
        for t in tags {
            let l = self.label(ofTag: t) ?? -1
            if start >= 0 && (l != label || !isInside(t)) {
                out.append((start, i, label))
                start = -1
            }
            if l >= 0 && start < 0 { start = i; label = l }
            i += 1
        }
        if start >= 0 { out.append((start, i, label)) }
        return out
    }
}

/// A trained tagger: hashed feature -> per-tag weights (16-bit, one scale for the model)
/// in an open-addressed table, and tag-to-tag transition weights. Immutable once loaded,
/// so all worker pipelines share one instance.
///
/// File format (little-endian):
///   magic "MKENTITY", UInt32 format version (2), UInt32 feature version (`EntityFeatures.version`),
///   string language, string gazetteer identifier ("" when trained without), string word-list
///   identifier (`EntityLexicon.identifier`, "" for a language without lists), UInt8 label count +
///   one string per label, UInt8 decoder (0 Viterbi, 1 greedy), Float32 scale,
///   Float32 × (tags + 1) × tags transitions (row = previous tag, last row = sentence start),
///   UInt32 entry count, then per entry UInt64 feature key + Int16 × tags weights, keys ascending.
///   A string is UInt16 byte length + UTF-8 bytes.
public final class EntityModel: Sendable {
    public enum Decoder: UInt8, Sendable { case viterbi = 0, greedy = 1 }

    public let language: String
    public let tags: TagSet
    public let gazetteerIdentifier: String
    /// The identifier of the word lists the model was trained with (`EntityLexicon.identifier`).
    public let lexiconIdentifier: String
    public let decoder: Decoder
    /// Weight of one quantum of the Int16 weights.
    let scale: Float
    /// (tags + 1) × tags; already -infinity where BIO forbids the transition.
    let transitions: [Float]
    /// Slots of 4 UInt64: the key, then up to 12 Int16 weights. Key 0 marks an empty slot.
    private let slots: [UInt64]
    private let mask: Int
    /// One bit per hash of a present key (about 32 bits per feature): most lookups are of
    /// features the model does not have (rare bigrams), and this small map answers them
    /// without touching the large table.
    private let presence: [UInt64]
    private let presenceMask: Int
    public let featureCount: Int
    /// The word lists of the model's language (`EntityLexicon.shipped`): its lexicon features
    /// read them, in training as here.
    let lexicon: EntityLexicon?

    static let magic: [UInt8] = Array("MKENTITY".utf8)
    static let formatVersion: UInt32 = 2
    static let maxTags = 12

    /// Builds a model from feature weights (`weights[k]` holds `tags.count` floats for `keys[k]`).
    /// Features whose largest weight quantizes to zero are left out.
    convenience init(language: String, tags: TagSet, gazetteerIdentifier: String, lexiconIdentifier: String, decoder: Decoder, keys: [UInt64], weights: [Float], transitions: [Float]) {
        let t = tags.count
        let maxAbs = weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        var keptKeys: [UInt64] = [], rows: [Int16] = []
        keptKeys.reserveCapacity(keys.count)
        var row = [Int16](repeating: 0, count: t)
        for (k, key) in keys.enumerated() {
            var any = false
            for j in 0..<t {
                let q = Int16(clamping: Int((weights[k * t + j] / scale).rounded()))
                row[j] = q
                if q != 0 { any = true }
            }
            if any { keptKeys.append(key); rows.append(contentsOf: row) }
        }
        self.init(language: language, tags: tags, gazetteerIdentifier: gazetteerIdentifier, lexiconIdentifier: lexiconIdentifier, decoder: decoder, scale: scale, transitions: transitions, keys: keptKeys, rows: rows)
    }

    /// `rows` holds `tags.count` quantized weights per key, flat (no array per feature).
    private init(language: String, tags: TagSet, gazetteerIdentifier: String, lexiconIdentifier: String, decoder: Decoder, scale: Float, transitions: [Float], keys: [UInt64], rows: [Int16]) {
        precondition(tags.count <= Self.maxTags)
        self.language = language
        self.tags = tags
        self.gazetteerIdentifier = gazetteerIdentifier
        self.lexiconIdentifier = lexiconIdentifier
        self.decoder = decoder
        self.scale = scale
        let t = tags.count
        var tr = transitions
        for p in 0...t {
            for c in 0..<t where !tags.allowed(p == t ? nil : p, c) { tr[p * t + c] = -.infinity }
        }
        self.transitions = tr
        // Load factor at most 1/2: an absent feature (most lookups of rare words) ends its probe fast.
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity * 4)
        let mask = capacity - 1
        slots.withUnsafeMutableBufferPointer { s in
            let raw = UnsafeMutableRawPointer(s.baseAddress!)
            for (k, key) in keys.enumerated() {
                var i = Int(truncatingIfNeeded: key) & mask
                while s[i * 4] != 0 { i = (i + 1) & mask }
                s[i * 4] = key
                for j in 0..<t { raw.storeBytes(of: rows[k * t + j].littleEndian, toByteOffset: i * 32 + 8 + 2 * j, as: Int16.self) }
            }
        }
        self.slots = slots
        self.mask = mask
        var bits = 1 << 12
        while bits < keys.count * 32 { bits <<= 1 }
        var presence = [UInt64](repeating: 0, count: bits / 64)
        for key in keys {
            let b = Int(truncatingIfNeeded: key >> 32) & (bits - 1)
            presence[b >> 6] |= 1 << UInt64(b & 63)
        }
        self.presence = presence
        self.presenceMask = bits - 1
        self.featureCount = keys.count
        // An unreadable lexicon file is reported by `shipped` (and by train-entities), which
        // read it before any model is built.
        lexicon = (try? EntityLexicon.shipped(Language(rawValue: language) ?? .und)) ?? nil
    }

    /// Adds the (quantized) weights of `keys` to `sums` (`tags.count` integers); a score is
    /// `Float(sum) * scale`. Integer sums make the score independent of the order of addition.
    @inline(__always)
    func accumulate(_ keys: UnsafeBufferPointer<UInt64>, into sums: UnsafeMutablePointer<Int32>) {
        let t = tags.count
        slots.withUnsafeBufferPointer { s in
            presence.withUnsafeBufferPointer { bits in
            let raw = UnsafeRawPointer(s.baseAddress!)
            for key in keys {
                let b = Int(truncatingIfNeeded: key >> 32) & presenceMask
                if bits[b >> 6] & (1 << UInt64(b & 63)) == 0 { continue }
                var i = Int(truncatingIfNeeded: key) & mask
                while true {
                    let k = s[i * 4]
                    if k == key {
                        let row = raw + (i * 32 + 8)
                        for j in 0..<t { sums[j] &+= Int32(Int16(littleEndian: row.load(fromByteOffset: 2 * j, as: Int16.self))) }
                        break
                    }
                    if k == 0 { break }
                    i = (i + 1) & mask
                }
            }
            }
        }
    }

    /// Adds the weights of a whole sentence's keys: `keys[starts[i]..<starts[i + 1]]` go to
    /// `sums[i * tags ..< (i + 1) * tags]`. A first pass touches the presence bits and a second
    /// the slots of every key, with no branch depending on the loads, so the processor fetches
    /// the cache lines side by side instead of one miss after the other.
    func accumulate(sentence keys: UnsafeBufferPointer<UInt64>, starts: UnsafeBufferPointer<Int>, into sums: UnsafeMutablePointer<Int32>, present: inout [Bool]) {
        let t = tags.count
        if present.count < keys.count { present = [Bool](repeating: false, count: keys.count) }
        slots.withUnsafeBufferPointer { s in
            presence.withUnsafeBufferPointer { bits in
                present.withUnsafeMutableBufferPointer { ok in
                    for (k, key) in keys.enumerated() {
                        let b = Int(truncatingIfNeeded: key >> 32) & presenceMask
                        ok[k] = bits[b &>> 6] & (1 &<< UInt64(b & 63)) != 0
                    }
                    var touch: UInt64 = 0
                    for (k, key) in keys.enumerated() where ok[k] { touch &+= s[(Int(truncatingIfNeeded: key) & mask) &* 4] }
                    withExtendedLifetime(touch) {}
                    let raw = UnsafeRawPointer(s.baseAddress!)
                    for token in 0..<(starts.count - 1) {
                        let out = sums + token * t
                        for k in starts[token]..<starts[token + 1] where ok[k] {
                            let key = keys[k]
                            var i = Int(truncatingIfNeeded: key) & mask
                            while true {
                                let found = s[i &* 4]
                                if found == key {
                                    let row = raw + (i &* 32 &+ 8)
                                    for j in 0..<t { out[j] &+= Int32(Int16(littleEndian: row.load(fromByteOffset: 2 &* j, as: Int16.self))) }
                                    break
                                }
                                if found == 0 { break }
                                i = (i &+ 1) & mask
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: File

    public struct FormatError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { "entity model: \(message)" }
    }

    public func serialized() -> [UInt8] {
        var out = Self.magic
        func u8(_ v: UInt8) { out.append(v) }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func f32(_ v: Float) { u32(v.bitPattern) }
        func str(_ s: String) { u16(UInt16(s.utf8.count)); out.append(contentsOf: s.utf8) }
        u32(Self.formatVersion)
        u32(EntityFeatures.version)
        str(language)
        str(gazetteerIdentifier)
        str(lexiconIdentifier)
        u8(UInt8(tags.labels.count))
        for l in tags.labels { str(l.rawValue) }
        u8(decoder.rawValue)
        f32(scale)
        // Forbidden transitions are stored as 0: the loader forbids them again.
        for v in transitions { f32(v.isFinite ? v : 0) }
        let t = tags.count
        var entries: [(UInt64, Int)] = []
        for i in 0...mask where slots[i * 4] != 0 { entries.append((slots[i * 4], i)) }
        entries.sort { $0.0 < $1.0 }
        u32(UInt32(entries.count))
        slots.withUnsafeBufferPointer { s in
            let raw = UnsafeRawPointer(s.baseAddress!)
            for (key, i) in entries {
                u64(key)
                for j in 0..<t { u16(UInt16(bitPattern: Int16(littleEndian: raw.load(fromByteOffset: i * 32 + 8 + 2 * j, as: Int16.self)))) }
            }
        }
        return out
    }

    public func write(to url: URL) throws {
        try Data(serialized()).write(to: url, options: .atomic)
    }

    public convenience init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw FormatError(message: "cannot read \(url.path)") }
        try self.init(bytes: [UInt8](data))
    }

    public convenience init(bytes: [UInt8]) throws {
        var r = ByteReader(bytes: bytes)
        guard Array(try r.take(8)) == Self.magic else { throw FormatError(message: "not a Mekong entity model (bad magic)") }
        let version = try r.u32()
        guard version == Self.formatVersion else { throw FormatError(message: "format version \(version), this mekong reads \(Self.formatVersion)") }
        let features = try r.u32()
        guard features == EntityFeatures.version else {
            throw FormatError(message: "trained with feature version \(features), this mekong extracts version \(EntityFeatures.version): retrain it")
        }
        let language = try r.string()
        let gazetteer = try r.string()
        let lexiconIdentifier = try r.string()
        let labelCount = Int(try r.u8())
        var labels: [Entity.Label] = []
        for _ in 0..<labelCount {
            let name = try r.string()
            guard let l = Entity.Label(rawValue: name) else { throw FormatError(message: "unknown label \(name)") }
            labels.append(l)
        }
        let tags = TagSet(labels)
        guard tags.count <= Self.maxTags else { throw FormatError(message: "too many labels (\(labelCount))") }
        guard let decoder = Decoder(rawValue: try r.u8()) else { throw FormatError(message: "unknown decoder") }
        let scale = Float(bitPattern: try r.u32())
        let t = tags.count
        var transitions: [Float] = []
        for _ in 0..<((t + 1) * t) { transitions.append(Float(bitPattern: try r.u32())) }
        let n = Int(try r.u32())
        guard r.remaining == n * (8 + 2 * t) else { throw FormatError(message: "truncated or oversized entry table") }
        // The entry table read in one pass over the bytes (little-endian key, then t weights).
        var keys = [UInt64](repeating: 0, count: n)
        var rows = [Int16](repeating: 0, count: n * t)
        let table = try r.take(n * (8 + 2 * t))
        var zeroKey = false
        table.withUnsafeBytes { b in
            var o = 0
            for k in 0..<n {
                let key = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: o, as: UInt64.self))
                if key == 0 { zeroKey = true }
                keys[k] = key
                o += 8
                for j in 0..<t {
                    rows[k * t + j] = Int16(littleEndian: b.loadUnaligned(fromByteOffset: o, as: Int16.self))
                    o += 2
                }
            }
        }
        guard !zeroKey else { throw FormatError(message: "feature key 0") }
        self.init(language: language, tags: tags, gazetteerIdentifier: gazetteer, lexiconIdentifier: lexiconIdentifier, decoder: decoder, scale: scale, transitions: transitions, keys: keys, rows: rows)
        // A model reads the word lists its features were trained on: other lists (rebuilt, or
        // stale in a build folder) would change its features without a word.
        guard lexiconIdentifier == (lexicon?.identifier ?? "") else {
            throw FormatError(message: "the \(language) model was trained with word lists \(lexiconIdentifier.isEmpty ? "(none)" : lexiconIdentifier), but this build has \(lexicon?.identifier ?? "(none)"): retrain it (scripts/train-entities)")
        }
    }

    // MARK: Shipped models

    private static let loaded: [Language: Result<EntityModel?, Error>] = {
        var out: [Language: Result<EntityModel?, Error>] = [:]
        for l in Language.known {
            out[l] = Result {
                _ = try EntityLexicon.shipped(l)
                let url = ResourceData.url("models/\(l.rawValue)-entities.bin")
                return FileManager.default.fileExists(atPath: url.path) ? try EntityModel(contentsOf: url) : nil
            }
        }
        return out
    }()

    /// The shipped model of a language, loaded once per process; nil when there is none (vi).
    public static func shipped(_ language: Language) throws -> EntityModel? {
        try loaded[language]?.get() ?? nil
    }
}

/// Reads little-endian fields, throwing at the end of the bytes.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0
    var remaining: Int { bytes.count - offset }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n <= remaining else { throw EntityModel.FormatError(message: "truncated file") }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }
    mutating func u8() throws -> UInt8 { try take(1).first! }
    mutating func u16() throws -> UInt16 { try take(2).reversed().reduce(0) { $0 << 8 | UInt16($1) } }
    mutating func u32() throws -> UInt32 { try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    mutating func u64() throws -> UInt64 { try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    mutating func string() throws -> String {
        let n = Int(try u16())
        return String(decoding: try take(n), as: UTF8.self)
    }
}

/// Best tag sequence from emission scores (n × tags) and transitions ((tags + 1) × tags,
/// last row the sentence start): Viterbi, or greedy left to right. `allowed` masks tags
/// out (bit t = tag t may be predicted), for training on corpora that do not annotate a label.
enum TagDecoder {
    static func decode(_ emissions: UnsafeBufferPointer<Float>, count n: Int, tags t: Int, transitions: UnsafeBufferPointer<Float>,
                       greedy: Bool, allowed: UInt32 = .max, scratch: inout [Float], back: inout [Int32], into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        if greedy {
            var prev = t
            for i in 0..<n {
                var best = -Float.infinity, arg = 0
                for c in 0..<t where allowed & (1 << c) != 0 {
                    let s = emissions[i * t + c] + transitions[prev * t + c]
                    if s > best { best = s; arg = c }
                }
                out.append(arg)
                prev = arg
            }
            return
        }
        if back.count < n * t { back = [Int32](repeating: 0, count: n * t) }
        // Transitions transposed (row = current tag) so the inner loop reads them in order.
        if scratch.count < 2 * t + t * t { scratch = [Float](repeating: 0, count: 2 * t + t * t) }
        scratch.withUnsafeMutableBufferPointer { sc in
            back.withUnsafeMutableBufferPointer { bp in
                var cur = sc.baseAddress!, nxt = sc.baseAddress! + t
                let into = sc.baseAddress! + 2 * t
                for c in 0..<t { for p in 0..<t { into[c &* t &+ p] = transitions[p &* t &+ c] } }
                for c in 0..<t { cur[c] = allowed & (1 << c) != 0 ? emissions[c] + transitions[t * t + c] : -.infinity }
                for i in 1..<max(n, 1) {
                    for c in 0..<t {
                        guard allowed & (1 << c) != 0 else { nxt[c] = -.infinity; continue }
                        let row = into + c &* t
                        var best = -Float.infinity, arg: Int32 = 0
                        for p in 0..<t {
                            let s = cur[p] + row[p]
                            if s > best { best = s; arg = Int32(truncatingIfNeeded: p) }
                        }
                        nxt[c] = best + emissions[i &* t &+ c]
                        bp[i &* t &+ c] = arg
                    }
                    swap(&cur, &nxt)
                }
                var best = -Float.infinity, arg = 0
                for c in 0..<t where cur[c] > best { best = cur[c]; arg = c }
                out.append(contentsOf: repeatElement(0, count: n))
                out[n - 1] = arg
                var i = n - 1
                while i > 0 {
                    out[i - 1] = Int(bp[i * t + out[i]])
                    i -= 1
                }
            }
        }
    }
}
