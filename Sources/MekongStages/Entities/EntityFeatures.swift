import MekongCore

/// A gazetteer match on one token, as a feature the tagger can learn from: which list
/// matched and where the token sits in the matched phrase. The gazetteer defines the list
/// ids (a stable hash of the list's name); the tagger only hashes them into features.
public struct GazetteerFeature: Hashable, Sendable {
    public enum Position: UInt8, Sendable { case begin, inside, end, single }
    public var list: UInt32
    public var position: Position
    public init(list: UInt32, position: Position) {
        self.list = list
        self.position = position
    }
}

/// Gazetteer features of the tokens of one sentence, reused from sentence to sentence.
public struct GazetteerMatches: Sendable {
    public private(set) var perToken: [[GazetteerFeature]] = []
    private var used = 0
    public init() {}

    /// Empties the matches for a sentence of `count` tokens (keeps the storage).
    public mutating func reset(count: Int) {
        for k in 0..<min(used, perToken.count) { perToken[k].removeAll(keepingCapacity: true) }
        if perToken.count < count { perToken.append(contentsOf: repeatElement([], count: count - perToken.count)) }
        used = count
    }

    public mutating func add(_ feature: GazetteerFeature, token: Int) { perToken[token].append(feature) }

    public var isEmpty: Bool { perToken.prefix(used).allSatisfy(\.isEmpty) }
}

/// What fills `GazetteerMatches` for a sentence. The trainer and the stage call the same
/// source, so a model trained with gazetteer features sees them at run time too; the model
/// file records the source's `identifier` and the stage refuses a model whose source differs.
public protocol GazetteerFeatureSource: Sendable {
    /// Stored in the model file (for instance a name and a version of the lists).
    var identifier: String { get }
    /// Adds the matches of `tokens` (offsets into `text`) to `matches`, already reset to `tokens.count`.
    func match(_ text: UnsafeBufferPointer<UInt8>, tokens: ArraySlice<WordToken>, language: Language, into matches: inout GazetteerMatches)
}

/// What the feature templates need of a token, computed once per token.
struct TokenInfo {
    var lower: UInt64 = 0
    var shape: UInt64 = 0
    var shortShape: UInt64 = 0
    var prefix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var suffix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var flags: UInt16 = 0
    /// Hash of the token as written: every role feature is a function of it.
    var exact: UInt64 = 0
    /// The run of capitalised tokens this token is in (`British Airways`): its first and last
    /// words (lowercased hashes), its length and this token's place in it; zero outside a run.
    var runFirst: UInt64 = 0
    var runLast: UInt64 = 0
    var runLength: UInt8 = 0
    var runPosition: UInt8 = 0

    static let initialCapital: UInt16 = 1 << 0, allCapitals: UInt16 = 1 << 1, hasDigit: UInt16 = 1 << 2
    static let allDigits: UInt16 = 1 << 3, hasHyphen: UInt16 = 1 << 4, hasDot: UInt16 = 1 << 5
    static let hasApostrophe: UInt16 = 1 << 6, noLetterOrDigit: UInt16 = 1 << 7, mixedCase: UInt16 = 1 << 8
    static let singleLetter: UInt16 = 1 << 9, long: UInt16 = 1 << 10
    /// Capitalised, but the language's lexicon knows the word in lowercase (`Denk`, `Komen`).
    static let usuallyLowercase: UInt16 = 1 << 11
    /// Capitalised, and the language's lexicon knows the word as a name (`Geboers`, `Smeets`).
    static let knownName: UInt16 = 1 << 12
    /// Capitalised, and the lexicon knows the word as a place (`Fallujah`), a given name
    /// (`Elyse`) or a surname (`Lenhart`).
    static let placeName: UInt16 = 1 << 13, givenName: UInt16 = 1 << 14, surname: UInt16 = 1 << 15
    static let flagCount = 16
}

/// Feature extraction: the templates of the tagger, each hashed with the template's id into
/// one 64-bit key. Changing a template changes the keys: bump `version`, and models trained
/// before no longer load. Templates appended at the end of `T` that fire only with an
/// `EntityLexicon` (the lexicon templates) leave the keys of a language without one as they
/// were, so its model still loads unchanged.
enum EntityFeatures {
    static let version: UInt32 = 1

    /// Template ids (the salt of each feature's hash).
    enum T: UInt64 {
        case bias = 1, word, wordPrev, wordNext, wordPrev2, wordNext2, bigramPrev, bigramNext
        case shape, shapePrev, shapeNext, shapePrev2, shapeNext2, shortShapes3
        case prefix1, prefix2, prefix3, prefix4, suffix1, suffix2, suffix3, suffix4
        case flag, firstCapitalised, first, last, wordShortShape, prevWordShape, nextWordShape
        case suffix3Prev, suffix3Next, gazetteer, gazetteerPrev, gazetteerNext
        case around, runShape, runFirst, runLast
        // Lexicon templates (`EntityLexicon`), appended: the keys above stay as they were.
        case firstLowercase, class64, class256, class1024, class256Prev, class256Next
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01b3
    static let beginSentence: UInt64 = 0x5EED_0000_0000_0001
    static let endSentence: UInt64 = 0x5EED_0000_0000_0002

    @inline(__always)
    static func step(_ h: UInt64, _ v: UInt32) -> UInt64 { (h ^ UInt64(v)) &* fnvPrime }

    /// SplitMix64's finalizer: spreads FNV's weak low bits over the whole key.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return z == 0 ? 1 : z
    }

    @inline(__always)
    static func key(_ t: T, _ value: UInt64) -> UInt64 { mix(value &+ t.rawValue &* 0x9E37_79B9_7F4A_7C15) }

    @inline(__always)
    static func key(_ t: T, _ a: UInt64, _ b: UInt64) -> UInt64 { key(t, a ^ (b &* 0xD6E8_FEB8_6659_FD93) &+ 0x632B_E59B_D9B4_E019) }

    /// The shape class of a scalar: X upper, x lower, d digit, else the scalar itself.
    @inline(__always)
    private static func shapeClass(_ v: UInt32) -> UInt32 {
        if v < 0x80 {
            // ASCII without the table lookups (most scalars of en/nl text).
            if v >= 0x61 && v <= 0x7A { return 0x78 }
            if v >= 0x41 && v <= 0x5A { return 0x58 }
            return v >= 0x30 && v <= 0x39 ? 0x64 : v
        }
        if Scalars.isDigit(v) { return 0x64 }
        if Scalars.isUppercase(v) { return 0x58 }
        if EntityTokenizer.isWordScalar(v) { return 0x78 }
        return v
    }

    /// Fills `info` with the token `p[range]`'s hashes and flags, in one pass over its scalars
    /// that keeps only the first and last four lowercased scalars (for the affixes).
    static func describe(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> TokenInfo {
        var info = TokenInfo()
        var lower = fnvOffset, shape = fnvOffset, short = fnvOffset, exact = fnvOffset
        var lastClass: UInt32 = 0, run = 0
        var letters = 0, uppers = 0, lowers = 0, digits = 0, others = 0
        var upperAfterFirst = false
        var count = 0
        var first: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        var last: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)      // last.0 is the final scalar
        var i = range.lowerBound
        while i < range.upperBound {
            let (v, n) = Scalars.decode(p, at: i)
            i += n
            let l = Scalars.lowercased(v)
            exact = step(exact, v)
            switch count { case 0: first.0 = l; case 1: first.1 = l; case 2: first.2 = l; case 3: first.3 = l; default: break }
            last = (l, last.0, last.1, last.2)
            count += 1
            lower = step(lower, l)
            let c = shapeClass(v)
            switch c {
            case 0x64: digits += 1
            case 0x58:
                letters += 1; uppers += 1
                if count > 1 { upperAfterFirst = true }
            case 0x78: letters += 1; lowers += 1
            default:
                others += 1
                if v == 0x2D || v == 0x2010 || v == 0x2011 { info.flags |= TokenInfo.hasHyphen }
                if v == 0x2E { info.flags |= TokenInfo.hasDot }
                if v == 0x27 || v == 0x2019 { info.flags |= TokenInfo.hasApostrophe }
            }
            // Shape: runs of one class capped at four (Xxxxx -> Xxxx); short shape: runs collapsed.
            if c == lastClass { run += 1 } else { run = 1; short = step(short, c) }
            if run <= 4 { shape = step(shape, c) }
            lastClass = c
        }
        info.lower = lower
        info.exact = exact
        info.shape = shape
        info.shortShape = short
        // Affixes shorter than the word (the whole word is a feature of its own).
        let affix = min(4, count - 1)
        if affix >= 1 { info.prefix.0 = step(fnvOffset, first.0); info.suffix.0 = step(fnvOffset, last.0) }
        if affix >= 2 { info.prefix.1 = step(info.prefix.0, first.1); info.suffix.1 = step(info.suffix.0, last.1) }
        if affix >= 3 { info.prefix.2 = step(info.prefix.1, first.2); info.suffix.2 = step(info.suffix.1, last.2) }
        if affix >= 4 { info.prefix.3 = step(info.prefix.2, first.3); info.suffix.3 = step(info.suffix.2, last.3) }
        if letters > 0 && shapeClass(Scalars.decode(p, at: range.lowerBound).0) == 0x58 { info.flags |= TokenInfo.initialCapital }
        if uppers >= 2 && lowers == 0 { info.flags |= TokenInfo.allCapitals }
        if digits > 0 { info.flags |= TokenInfo.hasDigit }
        if digits > 0 && letters == 0 && others == 0 { info.flags |= TokenInfo.allDigits }
        if letters == 0 && digits == 0 { info.flags |= TokenInfo.noLetterOrDigit }
        if upperAfterFirst && lowers > 0 { info.flags |= TokenInfo.mixedCase }
        if letters == 1 && count <= 2 { info.flags |= TokenInfo.singleLetter }
        if count > 12 { info.flags |= TokenInfo.long }
        return info
    }

    /// Describes every token of a sentence into `infos` (emptied first), runs included.
    static func describe(_ p: UnsafeBufferPointer<UInt8>, _ tokens: ArraySlice<WordToken>, into infos: inout [TokenInfo]) {
        infos.removeAll(keepingCapacity: true)
        for tok in tokens { infos.append(describe(p, tok.range)) }
        var i = 0
        let n = infos.count
        while i < n {
            guard infos[i].flags & (TokenInfo.initialCapital | TokenInfo.allCapitals) != 0 else { i += 1; continue }
            var j = i + 1
            while j < n && infos[j].flags & (TokenInfo.initialCapital | TokenInfo.allCapitals) != 0 { j += 1 }
            let first = infos[i].lower, last = infos[j - 1].lower
            for k in i..<j {
                infos[k].runFirst = first
                infos[k].runLast = last
                infos[k].runLength = UInt8(min(j - i, 4))
                infos[k].runPosition = UInt8(min(k - i, 3)) | (k == j - 1 ? 4 : 0)
            }
            i = j
        }
    }

    /// The roles a token plays in the features of itself and of its neighbours. The features
    /// of a role depend on the token alone, so a tagger can cache their weights per word type
    /// (`EntityTagger`); `joint` are the features that combine tokens.
    enum Role: Int, CaseIterable { case this = 0, previous, previous2, next, next2 }

    /// What the lexicon says of token `w` (`EntityLexicon.entry`: its classes and, for a
    /// capitalised token, the `usuallyLowercase` and `knownName` flags); 0 without a lexicon.
    /// A function of the word alone: the tagger looks it up once per word form it misses in
    /// its cache, not once per token.
    @inline(__always)
    static func lexical(_ w: TokenInfo, _ lexicon: EntityLexicon?) -> UInt64 {
        guard let lexicon else { return 0 }
        return lexicon.entry(w.lower, capitalised: w.flags & (TokenInfo.initialCapital | TokenInfo.allCapitals) != 0)
    }

    /// Appends the keys of the features token `w` brings in `role`; `lexical` is what the
    /// lexicon says of it (`lexical(_:_:)`).
    @inline(__always)
    static func roleFeatures(_ w: TokenInfo, _ role: Role, lexical: UInt64 = 0, into out: inout [UInt64]) {
        let classes = lexical & EntityLexicon.classMask
        switch role {
        case .this:
            if classes != 0 {
                out.append(key(.class64, classes & 0xFFFF))
                out.append(key(.class256, classes >> 16 & 0xFFFF))
                out.append(key(.class1024, classes >> 32 & 0xFFFF))
            }
            out.append(key(.word, w.lower))
            out.append(key(.shape, w.shape))
            out.append(key(.wordShortShape, w.lower, w.shortShape))
            if w.prefix.0 != 0 { out.append(key(.prefix1, w.prefix.0)) }
            if w.prefix.1 != 0 { out.append(key(.prefix2, w.prefix.1)) }
            if w.prefix.2 != 0 { out.append(key(.prefix3, w.prefix.2)) }
            if w.prefix.3 != 0 { out.append(key(.prefix4, w.prefix.3)) }
            if w.suffix.0 != 0 { out.append(key(.suffix1, w.suffix.0)) }
            if w.suffix.1 != 0 { out.append(key(.suffix2, w.suffix.1)) }
            if w.suffix.2 != 0 { out.append(key(.suffix3, w.suffix.2)) }
            if w.suffix.3 != 0 { out.append(key(.suffix4, w.suffix.3)) }
            var f = w.flags | EntityLexicon.flags(lexical)
            while f != 0 {
                out.append(key(.flag, UInt64(f.trailingZeroBitCount)))
                f &= f - 1
            }
        case .previous:
            out.append(key(.wordPrev, w.lower))
            out.append(key(.shapePrev, w.shape))
            if w.suffix.2 != 0 { out.append(key(.suffix3Prev, w.suffix.2)) }
            if classes != 0 { out.append(key(.class256Prev, classes >> 16 & 0xFFFF)) }
        case .previous2:
            out.append(key(.wordPrev2, w.lower))
            out.append(key(.shapePrev2, w.shape))
        case .next:
            out.append(key(.wordNext, w.lower))
            out.append(key(.shapeNext, w.shape))
            if w.suffix.2 != 0 { out.append(key(.suffix3Next, w.suffix.2)) }
            if classes != 0 { out.append(key(.class256Next, classes >> 16 & 0xFFFF)) }
        case .next2:
            out.append(key(.wordNext2, w.lower))
            out.append(key(.shapeNext2, w.shape))
        }
    }

    /// At most this many joint features, gazetteer ones aside, for one token.
    static let maxPlainJointFeatures = 24

    /// An upper bound of the joint features of token `i` (what `writeJointFeatures` may write).
    static func jointFeatureBound(_ i: Int, count n: Int, gazetteer: GazetteerMatches?) -> Int {
        guard let g = gazetteer?.perToken else { return maxPlainJointFeatures }
        var bound = maxPlainJointFeatures + g[i].count
        if i > 0 { bound += g[i - 1].count }
        if i + 1 < n { bound += g[i + 1].count }
        return bound
    }

    /// Appends the joint features of token `i` to `out` (see `writeJointFeatures`).
    /// (A different name than the pointer form: `&array` would convert to a pointer.)
    static func jointFeatures(_ infos: UnsafeBufferPointer<TokenInfo>, _ i: Int, gazetteer: GazetteerMatches?, lexicon: EntityLexicon? = nil, into out: inout [UInt64]) {
        let old = out.count, bound = jointFeatureBound(i, count: infos.count, gazetteer: gazetteer)
        out.append(contentsOf: repeatElement(0, count: bound))
        let written = out.withUnsafeMutableBufferPointer { writeJointFeatures(infos, i, gazetteer: gazetteer, lexicon: lexicon, to: $0.baseAddress! + old) }
        out.removeLast(bound - written)
    }

    /// Writes the keys of the features of token `i` that combine it with its neighbours or
    /// its place in the sentence (sentence edges stand in for missing neighbours) from `out`
    /// on, at most `jointFeatureBound` of them (the tagger writes a whole sentence's into one
    /// buffer: no array append per key); returns how many.
    static func writeJointFeatures(_ infos: UnsafeBufferPointer<TokenInfo>, _ i: Int, gazetteer: GazetteerMatches?, lexicon: EntityLexicon? = nil,
                                   to out: UnsafeMutablePointer<UInt64>) -> Int {
        var count = 0
        @inline(__always) func emit(_ k: UInt64) { out[count] = k; count += 1 }
        let n = infos.count
        let w = infos[i]
        let prev = i > 0 ? infos[i - 1].lower : beginSentence
        let next = i + 1 < n ? infos[i + 1].lower : endSentence
        let prevShort = i > 0 ? infos[i - 1].shortShape : beginSentence
        let nextShort = i + 1 < n ? infos[i + 1].shortShape : endSentence
        if i == 0 { emit(key(.wordPrev, beginSentence)); emit(key(.shapePrev, beginSentence)) }
        if i < 2 { emit(key(.wordPrev2, beginSentence)); emit(key(.shapePrev2, beginSentence)) }
        if i + 1 >= n { emit(key(.wordNext, endSentence)); emit(key(.shapeNext, endSentence)) }
        if i + 2 >= n { emit(key(.wordNext2, endSentence)); emit(key(.shapeNext2, endSentence)) }
        emit(key(.bias, 0))
        emit(key(.bigramPrev, prev, w.lower))
        emit(key(.bigramNext, w.lower, next))
        emit(key(.shortShapes3, key(.shortShapes3, prevShort, w.shortShape), nextShort))
        emit(key(.prevWordShape, prev, w.shortShape))
        emit(key(.nextWordShape, w.shortShape, next))
        if i == 0 {
            emit(key(.first, 0))
            emit(key(.firstCapitalised, UInt64(w.flags & TokenInfo.initialCapital)))
            // One lookup a sentence: the first word written in lowercase elsewhere.
            if EntityLexicon.flags(lexical(w, lexicon)) & TokenInfo.usuallyLowercase != 0 { emit(key(.firstLowercase, 0)) }
        }
        if i == n - 1 { emit(key(.last, 0)) }
        emit(key(.around, prev, next))
        if w.runLength > 0 {
            emit(key(.runShape, UInt64(w.runLength) << 8 | UInt64(w.runPosition)))
            if w.runLength > 1 {
                emit(key(.runFirst, w.runFirst))
                emit(key(.runLast, w.runLast))
            }
        }
        if let gazetteer {
            let g = gazetteer.perToken
            for m in g[i] { emit(key(.gazetteer, UInt64(m.list) << 8 | UInt64(m.position.rawValue))) }
            if i > 0 { for m in g[i - 1] { emit(key(.gazetteerPrev, UInt64(m.list) << 8 | UInt64(m.position.rawValue))) } }
            if i + 1 < n { for m in g[i + 1] { emit(key(.gazetteerNext, UInt64(m.list) << 8 | UInt64(m.position.rawValue))) } }
        }
        return count
    }

    /// Appends every feature key of token `i` to `out` (what training sees; the tagger adds
    /// the same features up through its per-word cache).
    static func extract(_ infos: UnsafeBufferPointer<TokenInfo>, _ i: Int, gazetteer: GazetteerMatches?, lexicon: EntityLexicon? = nil, into out: inout [UInt64]) {
        let n = infos.count
        roleFeatures(infos[i], .this, lexical: lexical(infos[i], lexicon), into: &out)
        if i > 0 { roleFeatures(infos[i - 1], .previous, lexical: lexical(infos[i - 1], lexicon), into: &out) }
        if i > 1 { roleFeatures(infos[i - 2], .previous2, lexical: lexical(infos[i - 2], lexicon), into: &out) }
        if i + 1 < n { roleFeatures(infos[i + 1], .next, lexical: lexical(infos[i + 1], lexicon), into: &out) }
        if i + 2 < n { roleFeatures(infos[i + 2], .next2, lexical: lexical(infos[i + 2], lexicon), into: &out) }
        jointFeatures(infos, i, gazetteer: gazetteer, lexicon: lexicon, into: &out)
    }
}
