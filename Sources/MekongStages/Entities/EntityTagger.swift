import MekongCore

/// Runs a model over the tokens of one sentence. Holds the buffers reused from sentence to
/// sentence, so one tagger belongs to one thread (each pipeline has its own).
///
/// Speed: most features of a token depend on that token alone, in one of five roles (itself,
/// the word before, two before, after, two after). Their summed weights are cached per word
/// type as written, so a frequent word costs one cache probe instead of some 25 lookups in the
/// model's table; only the features that combine tokens are looked up every time.
public final class EntityTagger {
    private var infos: [TokenInfo] = []
    private var keys: [UInt64] = []
    private var scratch: [UInt32] = []
    /// Per token of the sentence: the role sums (5 × tags) copied out of the cache.
    private var roles: [Int32] = []
    private var sums: [Int32] = []
    private var emissions: [Float] = []
    private var viterbi: [Float] = []
    private var back: [Int32] = []
    private var tagsOut: [Int] = []
    private var starts: [Int] = []
    private var present: [Bool] = []
    private var caches: [(model: ObjectIdentifier, cache: RoleCache)] = []

    public init() {}

    /// Direct-mapped cache: word hash -> role sums of that word under one model.
    final class RoleCache {
        static let size = 16384
        var keys = [UInt64](repeating: 0, count: size)
        var values: [Int32]
        let stride: Int
        init(tags: Int) {
            stride = EntityFeatures.Role.allCases.count * tags
            values = [Int32](repeating: 0, count: Self.size * stride)
        }
    }

    private func cache(for model: EntityModel) -> RoleCache {
        let id = ObjectIdentifier(model)
        if let c = caches.first(where: { $0.model == id }) { return c.cache }
        let c = RoleCache(tags: model.tags.count)
        // A few models per process (one per language); forget the oldest beyond that.
        if caches.count >= 4 { caches.removeFirst() }
        caches.append((id, c))
        return c
    }

    /// The BIO tags of the tokens: their features scored by `model`, then decoded.
    public func tags(_ p: UnsafeBufferPointer<UInt8>, _ tokens: ArraySlice<WordToken>, model: EntityModel, gazetteer: GazetteerMatches? = nil) -> [Int] {
        let n = tokens.count
        guard n > 0 else { return [] }
        EntityFeatures.describe(p, tokens, scratch: &scratch, into: &infos)
        let t = model.tags.count
        let cache = cache(for: model)
        let stride = cache.stride
        roles.removeAll(keepingCapacity: true)
        roles.append(contentsOf: repeatElement(0, count: n * stride))
        // 1. Role sums of every token, from the cache or computed into it.
        infos.withUnsafeBufferPointer { info in
            roles.withUnsafeMutableBufferPointer { r in
                for i in 0..<n {
                    let w = info[i]
                    let key = w.exact == 0 ? 1 : w.exact
                    let slot = Int(truncatingIfNeeded: EntityFeatures.mix(key)) & (RoleCache.size - 1)
                    let dst = r.baseAddress! + i * stride
                    if cache.keys[slot] != key {
                        cache.values.withUnsafeMutableBufferPointer { v in
                            let entry = v.baseAddress! + slot * stride
                            entry.update(repeating: 0, count: stride)
                            for role in EntityFeatures.Role.allCases {
                                keys.removeAll(keepingCapacity: true)
                                EntityFeatures.roleFeatures(w, role, into: &keys)
                                keys.withUnsafeBufferPointer { model.accumulate($0, into: entry + role.rawValue * t) }
                            }
                        }
                        cache.keys[slot] = key
                    }
                    cache.values.withUnsafeBufferPointer { v in dst.update(from: v.baseAddress! + slot * stride, count: stride) }
                }
            }
        }
        // 2. The joint features of the whole sentence, looked up together.
        keys.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        infos.withUnsafeBufferPointer { info in
            for i in 0..<n {
                starts.append(keys.count)
                EntityFeatures.jointFeatures(info, i, gazetteer: gazetteer, into: &keys)
            }
        }
        starts.append(keys.count)
        sums.removeAll(keepingCapacity: true)
        sums.append(contentsOf: repeatElement(0, count: n * t))
        sums.withUnsafeMutableBufferPointer { s in
            keys.withUnsafeBufferPointer { k in
                starts.withUnsafeBufferPointer { st in model.accumulate(sentence: k, starts: st, into: s.baseAddress!, present: &present) }
            }
        }
        // 3. Emissions: joint sums plus the token's own role and its neighbours' roles.
        emissions.removeAll(keepingCapacity: true)
        emissions.append(contentsOf: repeatElement(0, count: n * t))
        let scale = model.scale
        roles.withUnsafeBufferPointer { r in
            sums.withUnsafeMutableBufferPointer { sum in
                emissions.withUnsafeMutableBufferPointer { em in
                    for i in 0..<n {
                        let s = sum.baseAddress! + i * t
                        func add(_ token: Int, _ role: EntityFeatures.Role) {
                            let src = r.baseAddress! + token * stride + role.rawValue * t
                            for j in 0..<t { s[j] &+= src[j] }
                        }
                        add(i, .this)
                        if i > 0 { add(i - 1, .previous) }
                        if i > 1 { add(i - 2, .previous2) }
                        if i + 1 < n { add(i + 1, .next) }
                        if i + 2 < n { add(i + 2, .next2) }
                        for j in 0..<t { em[i * t + j] = Float(s[j]) * scale }
                    }
                }
            }
        }
        emissions.withUnsafeBufferPointer { em in
            model.transitions.withUnsafeBufferPointer { tr in
                TagDecoder.decode(em, count: n, tags: t, transitions: tr, greedy: model.decoder == .greedy, scratch: &viterbi, back: &back, into: &tagsOut)
            }
        }
        return tagsOut
    }

    /// Entity candidates of one sentence's tokens (offsets into `p`, which starts at byte 0 of the document text).
    public func candidates(_ p: UnsafeBufferPointer<UInt8>, _ tokens: ArraySlice<WordToken>, model: EntityModel, gazetteer: GazetteerMatches? = nil, into out: inout [EntityCandidate]) {
        let tags = self.tags(p, tokens, model: model, gazetteer: gazetteer)
        let base = tokens.startIndex
        for (s, e, l) in model.tags.spans(tags) {
            let span = TextSpan(tokens[base + s].start, tokens[base + e - 1].end)
            out.append(EntityCandidate(span: span, label: model.tags.labels[l], source: .model))
        }
    }
}
