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
    /// Feature keys of one word's role (on a cache miss), and of a sentence's joint features.
    private var keys: [UInt64] = []
    private var jointKeys: [UInt64] = []
    private var sums: [Int32] = []
    private var emissions: [Float] = []
    private var viterbi: [Float] = []
    private var back: [Int32] = []
    private var tagsOut: [Int] = []
    private var starts: [Int] = []
    private var present: [Bool] = []
    private var caches: [(model: ObjectIdentifier, cache: RoleCache)] = []

    public init() {}

    /// Direct-mapped cache: word hash -> role sums of that word under one model. 32 768 slots
    /// (5.9 MB with nine tags): at 16 384, misses on news vocabulary cost 2 % of `annotate`.
    final class RoleCache {
        static let size = 32768
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
        EntityFeatures.describe(p, tokens, into: &infos)
        let t = model.tags.count
        let cache = cache(for: model)
        let stride = cache.stride
        sums.removeAll(keepingCapacity: true)
        sums.append(contentsOf: repeatElement(0, count: n * t))
        // 1. Role sums of every token, from the cache or computed into it, added at once to the
        // tokens they score: its own (`this`) and its neighbours' (the word before a token
        // brings its `previous` role, ...). Nothing is copied out of the cache, so a later word
        // of the sentence taking the same cache slot does no harm. Integer sums: the order of
        // the additions does not change a score.
        infos.withUnsafeBufferPointer { info in
            sums.withUnsafeMutableBufferPointer { sum in
                cache.keys.withUnsafeMutableBufferPointer { cacheKeys in
                    cache.values.withUnsafeMutableBufferPointer { v in
                        for i in 0..<n {
                            let w = info[i]
                            let key = w.exact == 0 ? 1 : w.exact
                            let slot = Int(truncatingIfNeeded: EntityFeatures.mix(key)) & (RoleCache.size - 1)
                            let entry = v.baseAddress! + slot * stride
                            if cacheKeys[slot] != key {
                                entry.update(repeating: 0, count: stride)
                                let lexical = EntityFeatures.lexical(w, model.lexicon)
                                for role in EntityFeatures.Role.allCases {
                                    keys.removeAll(keepingCapacity: true)
                                    EntityFeatures.roleFeatures(w, role, lexical: lexical, into: &keys)
                                    keys.withUnsafeBufferPointer { model.accumulate($0, into: entry + role.rawValue * t) }
                                }
                                cacheKeys[slot] = key
                            }
                            func add(_ role: EntityFeatures.Role, to token: Int) {
                                let src = entry + role.rawValue * t, dst = sum.baseAddress! + token * t
                                for j in 0..<t { dst[j] &+= src[j] }
                            }
                            add(.this, to: i)
                            if i + 1 < n { add(.previous, to: i + 1) }
                            if i + 2 < n { add(.previous2, to: i + 2) }
                            if i > 0 { add(.next, to: i - 1) }
                            if i > 1 { add(.next2, to: i - 2) }
                        }
                    }
                }
            }
        }
        // 2. The joint features of the whole sentence, looked up together.
        // Written through a pointer into room made once for the sentence (no append per key).
        var bound = 0
        for i in 0..<n { bound += EntityFeatures.jointFeatureBound(i, count: n, gazetteer: gazetteer) }
        if jointKeys.count < bound { jointKeys.append(contentsOf: repeatElement(0, count: bound - jointKeys.count)) }
        if starts.count < n + 1 { starts.append(contentsOf: repeatElement(0, count: n + 1 - starts.count)) }
        var written = 0
        infos.withUnsafeBufferPointer { info in
            jointKeys.withUnsafeMutableBufferPointer { k in
                starts.withUnsafeMutableBufferPointer { st in
                    for i in 0..<n {
                        st[i] = written
                        written += EntityFeatures.writeJointFeatures(info, i, gazetteer: gazetteer, lexicon: model.lexicon, to: k.baseAddress! + written)
                    }
                    st[n] = written
                }
            }
        }
        sums.withUnsafeMutableBufferPointer { s in
            jointKeys.withUnsafeBufferPointer { k in
                starts.withUnsafeBufferPointer { st in
                    model.accumulate(sentence: UnsafeBufferPointer(rebasing: k[..<written]), starts: UnsafeBufferPointer(rebasing: st[...n]),
                                     into: s.baseAddress!, present: &present)
                }
            }
        }
        // 3. Emissions: the sums, scaled.
        emissions.removeAll(keepingCapacity: true)
        emissions.append(contentsOf: repeatElement(0, count: n * t))
        let scale = model.scale
        sums.withUnsafeBufferPointer { sum in
            emissions.withUnsafeMutableBufferPointer { em in
                for j in 0..<(n * t) { em[j] = Float(sum[j]) * scale }
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
        let t = model.tags.count
        let loc = model.tags.labels.firstIndex(of: .LOC), org = model.tags.labels.firstIndex(of: .ORG)
        for (s, e, l) in model.tags.spans(tags) {
            let span = TextSpan(tokens[base + s].start, tokens[base + e - 1].end)
            var c = EntityCandidate(span: span, label: model.tags.labels[l], source: .model)
            if let loc, let org {
                // B- on the first word, I- on the others: the emission scores of the span read as a place, less as an organisation.
                var margin: Float = 0
                for k in s..<e {
                    let (a, b) = k == s ? (model.tags.begin(loc), model.tags.begin(org)) : (model.tags.inside(loc), model.tags.inside(org))
                    margin += emissions[k * t + a] - emissions[k * t + b]
                }
                c.placeMargin = margin
            }
            out.append(c)
        }
    }
}
