import MekongCore

/// Language of each block, and (after the sentences stage) of each sentence, from the
/// character n-gram and word model in `Resources/models/langid.bin` (`LanguageModel`).
/// A block is read on its first `LanguageStage.blockLimit` bytes. Text with no words, or
/// whose words are unlikely in all three languages (another language, noise), is `und`.
/// `--lang` overrides everything.
public struct LanguageStage: Stage {
    public static let name = StageName.language
    public static let requires: [StageName] = [.blocks]

    /// Bytes of a block or sentence that are read (the word running over the limit is finished).
    static let blockLimit = 600
    static let sentenceLimit = 600
    /// How much a sentence leans towards its block's language, in bits: a sentence keeps its
    /// block's language unless its own words say otherwise by more than this.
    static let blockPriorBits: Float = 10

    private let model: LanguageModel
    private let markers: ForeignMarkers

    public init() throws {
        model = try LanguageModel.shared()
        markers = try ForeignMarkers.shared()
    }

    public func process(_ document: inout Document) throws {
        let text = document.text
        let model = self.model
        var shortBlocks: [Int] = []
        text.withUnsafeBufferPointer { t in
            for i in document.blocks.indices {
                if let forced = document.forcedLanguage {
                    document.blocks[i].language = forced
                    document.blocks[i].languageConfidence = 1
                    continue
                }
                let bytes = UnsafeBufferPointer(rebasing: t[document.blocks[i].span.range])
                var (lang, confidence, e) = model.identify(bytes, limit: Self.blockLimit, markers: markers)
                if (lang == .nl || lang == .en) && ForeignMarkers.isForeign(e) { (lang, confidence) = (.und, 0.5) }
                document.blocks[i].language = lang
                document.blocks[i].languageConfidence = confidence
                // A photo credit is a cue word and a name (`(Foto: Ly Minh Tuan)`): names are no
                // evidence of language, so it is in the language of the caption it ends.
                if document.blocks[i].role == .credit, i > 0, document.blocks[i - 1].role == .caption {
                    document.blocks[i].language = document.blocks[i - 1].language
                    document.blocks[i].languageConfidence = document.blocks[i - 1].languageConfidence
                }
                if e.words <= Self.shortBlockWords { shortBlocks.append(i) }
            }
            // A block of a word or two (`Product`, `No data`, `Reactie (0)`) says little by itself:
            // it leans towards the page's main language by `pageChoiceBits`, as a sentence leans
            // towards its block's. A Vietnamese caption on a Dutch page is far more than that from Dutch.
            let main = document.mainLanguage
            guard document.forcedLanguage == nil, main != .und, document.blocks.count > shortBlocks.count else { return }
            for i in shortBlocks where document.blocks[i].language != main && document.blocks[i].role != .credit {
                let bytes = UnsafeBufferPointer(rebasing: t[document.blocks[i].span.range])
                let (lang, confidence, _) = model.identify(bytes, limit: Self.blockLimit, prior: main, priorBits: Self.pageChoiceBits)
                if lang == main {
                    document.blocks[i].language = lang
                    document.blocks[i].languageConfidence = confidence
                }
            }
        }
    }

    /// Blocks of at most this many words lean towards the page's main language.
    static let shortBlockWords = 2
    static let pageChoiceBits: Float = 4

    /// Gives every sentence its own language: the sentence's words decide, leaning towards
    /// the block's language by `blockPriorBits`; a sentence with too few letters to say
    /// (or that is the whole block) keeps its block's language and confidence. Called by the sentences stage when the language stage ran.
    static func assignSentenceLanguages(_ document: inout Document, model: LanguageModel, markers: ForeignMarkers) {
        let text = document.text
        text.withUnsafeBufferPointer { t in
            for i in document.sentences.indices {
                let s = document.sentences[i]
                let block = document.blocks.indices.contains(s.block) ? document.blocks[s.block] : nil
                if let forced = document.forcedLanguage {
                    document.sentences[i].language = forced
                    document.sentences[i].languageConfidence = 1
                    continue
                }
                if let block, block.span.range == s.span.range {
                    // The whole block: its verdict stands.
                    document.sentences[i].language = block.language
                    document.sentences[i].languageConfidence = block.languageConfidence
                    continue
                }
                var (lang, confidence, e) = model.identify(UnsafeBufferPointer(rebasing: t[s.span.range]), limit: sentenceLimit,
                                                           prior: block?.language ?? .und, priorBits: blockPriorBits, markers: markers)
                if e.letters < model.minLetters && lang == .und {
                    // Too few letters to say: the block's language.
                    (lang, confidence) = (block?.language ?? .und, block?.languageConfidence ?? 0)
                } else if (lang == .nl || lang == .en) && ForeignMarkers.isForeign(e) {
                    (lang, confidence) = (.und, 0.5)
                }
                document.sentences[i].language = lang
                document.sentences[i].languageConfidence = confidence
            }
        }
        blockLanguagesFromSentences(&document)
    }

    /// A block of several sentences takes the language that covers most of its sentences'
    /// bytes (`und` included): a block mixing languages, which its first bytes alone judged,
    /// gets its main language rather than `und` or its first sentence's.
    static func blockLanguagesFromSentences(_ document: inout Document) {
        guard document.forcedLanguage == nil else { return }
        var i = 0
        let sentences = document.sentences
        while i < sentences.count {
            let block = sentences[i].block
            var j = i
            var bytes = SIMD4<Int>(repeating: 0)           // vi, nl, en, und
            while j < sentences.count && sentences[j].block == block {
                let lane = Language.known.firstIndex(of: sentences[j].language) ?? 3
                bytes[lane] += sentences[j].span.range.count
                j += 1
            }
            if j - i >= 2 && document.blocks.indices.contains(block) {
                var best = 0
                for lane in 1..<4 where bytes[lane] > bytes[best] { best = lane }
                let language = best < 3 ? Language.known[best] : .und
                if language != document.blocks[block].language {
                    document.blocks[block].language = language
                    document.blocks[block].languageConfidence = Double(bytes[best]) / Double(max(1, bytes.wrappedSum()))
                }
            }
            i = j
        }
    }

    /// When a URL (`http://`, `https://`, `www.`) starts at `i`, the offset after it.
    static func endOfAddress(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        func has(_ s: StaticString, at j: Int) -> Bool {
            s.withUTF8Buffer { b in j + b.count <= p.count && b.indices.allSatisfy { p[j + $0] | 0x20 == b[$0] | 0x20 } }
        }
        guard p[i] | 0x20 == UInt8(ascii: "h") || p[i] | 0x20 == UInt8(ascii: "w") else { return nil }
        guard has("http://", at: i) || has("https://", at: i) || has("www.", at: i) else { return nil }
        var j = i
        while j < p.count && p[j] != 0x20 && p[j] != 0x0A { j += 1 }
        return j
    }
}
