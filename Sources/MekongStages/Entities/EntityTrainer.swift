import Foundation
import MekongCore

/// Corpus labels -> model labels. The corpora under `eval/ner` already use PER/ORG/LOC/MISC;
/// WNUT-17's own names and EVENT are mapped by default; `--map FROM=TO` adds or overrides
/// (TO may be `O` to drop a type).
public struct EntityLabelMap: Sendable {
    public var mapping: [String: String]
    public static let defaults: [String: String] = [
        "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "EVENT": "MISC",
        "PERSON": "PER", "LOCATION": "LOC", "CORPORATION": "ORG", "GROUP": "ORG", "PRODUCT": "MISC", "CREATIVE-WORK": "MISC",
    ]
    public init(_ extra: [String: String] = [:]) {
        mapping = Self.defaults
        for (k, v) in extra { mapping[k.uppercased()] = v.uppercased() }
    }

    /// The label index in `tags` of a corpus type; nil for a type mapped to O; throws for an unknown type.
    func label(_ type: String, in tags: TagSet) throws -> Int? {
        guard let to = mapping[type.uppercased()] else {
            throw IOBReader.FormatError(message: "entity type '\(type)' has no mapping: add --map \(type)=PER|ORG|LOC|MISC|O")
        }
        if to == "O" { return nil }
        guard let l = Entity.Label(rawValue: to), let i = tags.labels.firstIndex(of: l) else {
            throw IOBReader.FormatError(message: "--map \(type)=\(to): the model's labels are \(tags.labels.map(\.rawValue).joined(separator: ", ")) and O")
        }
        return i
    }
}

/// A gold sentence retokenized the way the stage tokenizes text: the gold tokens joined with
/// spaces (as the scorer feeds them to `mekong annotate`), cut by `EntityTokenizer`, and the
/// gold entities projected onto those tokens. Training on what the stage sees keeps training
/// and tagging consistent where the two tokenizations differ (`Obama's`, `U.S.-based`).
struct TrainingSentence {
    var text: [UInt8]
    var tokens: [WordToken]
    /// BIO tag of each token.
    var gold: [Int]
    /// The gold token each token lies in.
    var goldToken: [Int]
    /// Gold entities over gold tokens (start, end, label index).
    var goldSpans: Set<[Int]>
    /// Bit t: tag t may be predicted (the labels the sentence's corpus annotates).
    var allowed: UInt32
    /// Feature indices of each token: `features[featureStart[i]..<featureStart[i + 1]]`.
    var features: [Int32] = []
    var featureStart: [Int] = []
}

/// One training or development file, read and converted.
public struct EntityCorpus {
    public let name: String
    var sentences: [TrainingSentence]
    /// Labels (indices into the tag set) this corpus annotates.
    public let labels: [Int]
    public var sentenceCount: Int { sentences.count }
    public var entityCount: Int { sentences.reduce(0) { $0 + $1.goldSpans.count } }

    public init(name: String, sentences: [IOBSentence], tags: TagSet, map: EntityLabelMap) throws {
        self.name = name
        var used = Set<Int>()
        var out: [TrainingSentence] = []
        out.reserveCapacity(sentences.count)
        for s in sentences {
            var spans: [(Int, Int, Int)] = []
            for c in s.chunks {
                guard let l = try map.label(c.type, in: tags) else { continue }
                spans.append((c.start, c.end, l))
                used.insert(l)
            }
            out.append(Self.project(s.tokens, spans, tags: tags))
        }
        labels = used.sorted()
        var allowed: UInt32 = 1
        for l in labels { allowed |= 1 << tags.begin(l) | 1 << tags.inside(l) }
        for i in out.indices { out[i].allowed = allowed }
        self.sentences = out
    }

    static func project(_ goldTokens: [String], _ spans: [(Int, Int, Int)], tags: TagSet) -> TrainingSentence {
        var text: [UInt8] = []
        var goldStart: [Int] = []
        for (k, t) in goldTokens.enumerated() {
            if k > 0 { text.append(0x20) }
            goldStart.append(text.count)
            text.append(contentsOf: t.utf8)
        }
        var tokens: [WordToken] = []
        text.withUnsafeBufferPointer { EntityTokenizer.tokenize($0, 0..<$0.count, into: &tokens) }
        var goldToken: [Int] = []
        var g = 0
        for tok in tokens {
            while g + 1 < goldStart.count && goldStart[g + 1] <= tok.start { g += 1 }
            goldToken.append(g)
        }
        // Gold tag per gold token, then per token: the first token of an entity's first gold token is B.
        var goldLabel = [Int](repeating: -1, count: goldTokens.count)
        var goldBegins = [Bool](repeating: false, count: goldTokens.count)
        for (s, e, l) in spans {
            for k in s..<e { goldLabel[k] = l }
            goldBegins[s] = true
        }
        var bio: [Int] = []
        for (i, g) in goldToken.enumerated() {
            let l = goldLabel[g]
            if l < 0 { bio.append(0); continue }
            let firstOfGold = i == 0 || goldToken[i - 1] != g
            bio.append(goldBegins[g] && firstOfGold ? tags.begin(l) : tags.inside(l))
        }
        return TrainingSentence(text: text, tokens: tokens, gold: bio, goldToken: goldToken,
                                goldSpans: Set(spans.map { [$0.0, $0.1, $0.2] }), allowed: .max)
    }
}

/// Entity-level scores (exact span and type), the way the reference scorer counts them.
public struct EntityScore: Sendable {
    public var gold = 0, predicted = 0, correct = 0
    public var precision: Double { predicted > 0 ? 100 * Double(correct) / Double(predicted) : 0 }
    public var recall: Double { gold > 0 ? 100 * Double(correct) / Double(gold) : 0 }
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
}

/// Averaged structured perceptron over the features of `EntityFeatures`, decoded with BIO
/// constraints (Viterbi or greedy), trained in a fixed order from a seed: the same files and
/// options give the same model, byte for byte.
public final class EntityTrainer {
    public struct Options: Sendable {
        public var epochs = 12
        public var seed: UInt64 = 1
        public var decoder: EntityModel.Decoder = .viterbi
        /// Features kept in the model, the largest weights first (keeps the file small).
        public var maxFeatures = 420_000
        /// Share of a training sentence's feature occurrences left out of each of its decodes
        /// and updates (feature dropout): the model cannot lean on a word it has seen alone.
        public var dropout = 0.0
        /// Models trained one after the other (seeds seed, seed + 1, …) whose averaged weights
        /// are averaged again: a bagged perceptron, steadier than any one shuffle.
        public var ensemble = 1
        public init() {}
    }

    public let language: String
    public let tags: TagSet
    public let options: Options
    private let gazetteer: (any GazetteerFeatureSource)?
    /// The language's word lists, which the tagger will read with the model.
    private let lexicon: EntityLexicon?

    /// Feature key -> index into the weight rows.
    private var index: [UInt64: Int32] = [:]
    private var keys: [UInt64] = []
    private var weights: [Float] = []
    private var totals: [Double] = []
    private var transitions: [Float]
    private var transitionTotals: [Double]
    /// Updates so far (the averaging clock).
    private var clock: Double = 1

    public init(language: String, tags: TagSet = .standard, options: Options = .init(), gazetteer: (any GazetteerFeatureSource)? = nil) {
        self.language = language
        self.tags = tags
        self.options = options
        self.gazetteer = gazetteer
        lexicon = (try? EntityLexicon.shipped(Language(rawValue: language) ?? .und)) ?? nil
        let t = tags.count
        transitions = [Float](repeating: 0, count: (t + 1) * t)
        transitionTotals = [Double](repeating: 0, count: (t + 1) * t)
    }

    /// Extracts every sentence's features; with `grow`, unseen features get a weight row.
    private func featurize(_ corpus: inout EntityCorpus, grow: Bool) {
        var infos: [TokenInfo] = []
        var buffer: [UInt64] = []
        var matches = GazetteerMatches()
        let t = tags.count
        for k in corpus.sentences.indices {
            var s = corpus.sentences[k]
            s.text.withUnsafeBufferPointer { p in
                EntityFeatures.describe(p, s.tokens[...], into: &infos)
                if let gazetteer {
                    matches.reset(count: s.tokens.count)
                    gazetteer.match(p, tokens: s.tokens[...], language: Language(rawValue: language) ?? .und, into: &matches)
                }
            }
            s.features.removeAll(keepingCapacity: true)
            s.featureStart = [0]
            infos.withUnsafeBufferPointer { info in
                for i in 0..<s.tokens.count {
                    buffer.removeAll(keepingCapacity: true)
                    EntityFeatures.extract(info, i, gazetteer: gazetteer == nil ? nil : matches, lexicon: lexicon, into: &buffer)
                    for key in buffer {
                        if let f = index[key] {
                            s.features.append(f)
                        } else if grow {
                            let f = Int32(keys.count)
                            index[key] = f
                            keys.append(key)
                            weights.append(contentsOf: repeatElement(0, count: t))
                            totals.append(contentsOf: repeatElement(0, count: t))
                            s.features.append(f)
                        }
                    }
                    s.featureStart.append(s.features.count)
                }
            }
            corpus.sentences[k] = s
        }
    }

    private func emissions(_ s: TrainingSentence, _ w: UnsafeBufferPointer<Float>, into em: inout [Float]) {
        let t = tags.count
        em.removeAll(keepingCapacity: true)
        em.append(contentsOf: repeatElement(0, count: s.tokens.count * t))
        em.withUnsafeMutableBufferPointer { e in
            for i in 0..<s.tokens.count {
                for j in s.featureStart[i]..<s.featureStart[i + 1] {
                    let row = Int(s.features[j]) * t
                    for c in 0..<t { e[i * t + c] += w[row + c] }
                }
            }
        }
    }

    private var viterbiScratch: [Float] = []
    private var back: [Int32] = []

    private func decode(_ s: TrainingSentence, weights w: UnsafeBufferPointer<Float>, transitions tr: [Float], allowed: UInt32, em: inout [Float], into out: inout [Int]) {
        emissions(s, w, into: &em)
        var masked = tr
        let t = tags.count
        for p in 0...t { for c in 0..<t where !tags.allowed(p == t ? nil : p, c) { masked[p * t + c] = -.infinity } }
        em.withUnsafeBufferPointer { e in
            masked.withUnsafeBufferPointer { m in
                TagDecoder.decode(e, count: s.tokens.count, tags: t, transitions: m, greedy: options.decoder == .greedy,
                                  allowed: allowed, scratch: &viterbiScratch, back: &back, into: &out)
            }
        }
    }

    @inline(__always)
    private func update(feature f: Int32, tag: Int, by d: Float) {
        let i = Int(f) * tags.count + tag
        weights[i] += d
        totals[i] += clock * Double(d)
    }

    @inline(__always)
    private func updateTransition(_ p: Int, _ c: Int, by d: Float) {
        let i = p * tags.count + c
        transitions[i] += d
        transitionTotals[i] += clock * Double(d)
    }

    /// Trains on `train` (shuffled with the seed each epoch), scoring `dev` after each epoch
    /// through `report`; returns the averaged, pruned, quantized model. With `options.ensemble`
    /// above 1, that many models are trained from zero with the seeds seed, seed + 1, … and
    /// their averaged weights averaged.
    public func train(_ train: [EntityCorpus], dev: [EntityCorpus], report: (String) -> Void) -> EntityModel {
        var train = train, dev = dev
        for k in train.indices { featurize(&train[k], grow: true) }
        for k in dev.indices { featurize(&dev[k], grow: false) }
        report("\(keys.count) features from \(train.reduce(0) { $0 + $1.sentenceCount }) training sentences")
        var order: [(Int, Int)] = []
        for (c, corpus) in train.enumerated() { for s in corpus.sentences.indices { order.append((c, s)) } }
        var em: [Float] = [], predicted: [Int] = []
        let t = tags.count
        let members = max(1, options.ensemble)
        var sumW = [Float](repeating: 0, count: weights.count), sumTr = [Float](repeating: 0, count: transitions.count)
        for member in 0..<members {
            if member > 0 {
                for i in weights.indices { weights[i] = 0; totals[i] = 0 }
                for i in transitions.indices { transitions[i] = 0; transitionTotals[i] = 0 }
                clock = 1
            }
            var rng = SplitMix64(seed: options.seed &+ UInt64(member))
            for epoch in 1...max(1, options.epochs) {
                order.shuffle(using: &rng)
                var wrong = 0
                for (c, k) in order {
                    var s = train[c].sentences[k]
                    if options.dropout > 0 { s = thinned(s, &rng) }
                    weights.withUnsafeBufferPointer { w in decode(s, weights: w, transitions: transitions, allowed: s.allowed, em: &em, into: &predicted) }
                    if predicted != s.gold {
                        wrong += 1
                        for i in 0..<s.tokens.count {
                            let g = s.gold[i], p = predicted[i]
                            if g != p {
                                for j in s.featureStart[i]..<s.featureStart[i + 1] {
                                    update(feature: s.features[j], tag: g, by: 1)
                                    update(feature: s.features[j], tag: p, by: -1)
                                }
                            }
                            let pg = i == 0 ? t : s.gold[i - 1], pp = i == 0 ? t : predicted[i - 1]
                            if pg != pp || g != p {
                                updateTransition(pg, g, by: 1)
                                updateTransition(pp, p, by: -1)
                            }
                        }
                    }
                    clock += 1
                }
                let (w, tr) = averaged()
                var line = (members > 1 ? "model \(member + 1), " : "")
                    + String(format: "epoch %2d: %5.1f%% of training sentences wrong", epoch, 100 * Double(wrong) / Double(max(1, order.count)))
                for d in dev {
                    let score = w.withUnsafeBufferPointer { evaluate(d, weights: $0, transitions: tr) }
                    line += String(format: " | %@ F1 %.2f (P %.2f R %.2f)", d.name, score.f1, score.precision, score.recall)
                }
                report(line)
            }
            let (w, tr) = averaged()
            for i in w.indices { sumW[i] += w[i] / Float(members) }
            for i in tr.indices { sumTr[i] += tr[i] / Float(members) }
        }
        return makeModel(sumW, sumTr)
    }

    /// The sentence with each feature occurrence left out with probability `options.dropout`.
    private func thinned(_ s: TrainingSentence, _ rng: inout SplitMix64) -> TrainingSentence {
        var out = s
        out.features.removeAll(keepingCapacity: true)
        out.featureStart = [0]
        let keep = UInt64((1 - options.dropout) * Double(UInt64.max >> 11))
        for i in 0..<s.tokens.count {
            for j in s.featureStart[i]..<s.featureStart[i + 1] where rng.next() >> 11 <= keep { out.features.append(s.features[j]) }
            out.featureStart.append(out.features.count)
        }
        return out
    }

    /// Weights averaged over every update (w - totals / clock).
    private func averaged() -> ([Float], [Float]) {
        var w = weights
        for i in w.indices { w[i] -= Float(totals[i] / clock) }
        var tr = transitions
        for i in tr.indices { tr[i] -= Float(transitionTotals[i] / clock) }
        return (w, tr)
    }

    private func makeModel(_ w: [Float], _ tr: [Float]) -> EntityModel {
        let t = tags.count
        // Keep the features with the largest weight, up to maxFeatures.
        var strength: [(Float, Int)] = []
        strength.reserveCapacity(keys.count)
        for f in keys.indices {
            var m: Float = 0
            for c in 0..<t { m = max(m, abs(w[f * t + c])) }
            if m > 0 { strength.append((m, f)) }
        }
        if strength.count > options.maxFeatures {
            strength.sort { $0.0 > $1.0 || ($0.0 == $1.0 && keys[$0.1] < keys[$1.1]) }
            strength.removeLast(strength.count - options.maxFeatures)
        }
        var keptKeys: [UInt64] = [], keptWeights: [Float] = []
        for (_, f) in strength {
            keptKeys.append(keys[f])
            keptWeights.append(contentsOf: w[f * t..<(f + 1) * t])
        }
        return EntityModel(language: language, tags: tags, gazetteerIdentifier: gazetteer?.identifier ?? "", lexiconIdentifier: lexicon?.identifier ?? "", decoder: options.decoder,
                           keys: keptKeys, weights: keptWeights, transitions: tr)
    }

    /// Entity-level score of `corpus` under the given weights, over the gold tokens.
    private func evaluate(_ corpus: EntityCorpus, weights w: UnsafeBufferPointer<Float>, transitions tr: [Float]) -> EntityScore {
        var score = EntityScore()
        var em: [Float] = [], predicted: [Int] = []
        let labelsOfCorpus = Set(corpus.labels)
        for s in corpus.sentences {
            decode(s, weights: w, transitions: tr, allowed: .max, em: &em, into: &predicted)
            Self.count(s, predicted, tags: tags, labels: labelsOfCorpus, into: &score)
        }
        return score
    }

    /// Adds one sentence's counts: predictions are mapped to the gold tokens they cover, and
    /// labels the corpus does not annotate are dropped (as the scorer does).
    static func count(_ s: TrainingSentence, _ predicted: [Int], tags: TagSet, labels: Set<Int>, into score: inout EntityScore) {
        var pred = Set<[Int]>()
        for (a, b, l) in tags.spans(predicted) where labels.contains(l) {
            pred.insert([s.goldToken[a], s.goldToken[b - 1] + 1, l])
        }
        score.gold += s.goldSpans.count
        score.predicted += pred.count
        score.correct += pred.intersection(s.goldSpans).count
    }

    /// Scores a model (as the stage runs it) on a corpus.
    public static func evaluate(_ model: EntityModel, on corpus: EntityCorpus, gazetteer: (any GazetteerFeatureSource)? = nil) -> EntityScore {
        let tagger = EntityTagger()
        var score = EntityScore()
        let labels = Set(corpus.labels)
        var matches = GazetteerMatches()
        for s in corpus.sentences {
            let predicted = s.text.withUnsafeBufferPointer { p in
                guard let gazetteer else { return tagger.tags(p, s.tokens[...], model: model) }
                matches.reset(count: s.tokens.count)
                gazetteer.match(p, tokens: s.tokens[...], language: Language(rawValue: model.language) ?? .und, into: &matches)
                return tagger.tags(p, s.tokens[...], model: model, gazetteer: matches)
            }
            count(s, predicted, tags: model.tags, labels: labels, into: &score)
        }
        return score
    }
}

/// A seeded random generator (SplitMix64), so that shuffles repeat from run to run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
