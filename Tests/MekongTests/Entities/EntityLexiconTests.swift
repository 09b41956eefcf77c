import Testing
import MekongCore
@testable import MekongStages

/// The tagger's lexicon features: Dutch words written in lowercase and word classes.
@Suite struct EntityLexiconTests {
    private func infos(_ text: String, _ lexicon: EntityLexicon?) -> [TokenInfo] {
        let bytes = Array(text.utf8)
        let toks = EntityTokenizer.tokenize(text)
        var out: [TokenInfo] = []
        bytes.withUnsafeBufferPointer { EntityFeatures.describe($0, toks[...], lexicon: lexicon, into: &out) }
        return out
    }

    private func flagged(_ info: TokenInfo) -> Bool { info.flags & TokenInfo.usuallyLowercase != 0 }

    @Test func aCapitalisedDutchWordWrittenInLowercaseIsFlaggedAndANameIsNot() throws {
        let nl = try #require(EntityLexicon.shipped(.nl))
        // Sentence-initial imperatives and verbs the tagger took for people.
        for word in ["Denk", "Vermijd", "Wil", "Komen", "DENK"] {
            #expect(flagged(infos(word, nl)[0]), "\(word)")
        }
        for word in ["Wijnants", "Delathouwer", "Tectrade", "Vlaanderen"] {
            #expect(!flagged(infos(word, nl)[0]), "\(word)")
        }
        // A lowercase token is not in doubt: no flag, no lookup.
        #expect(!flagged(infos("denk", nl)[0]))
        // Without a lexicon nothing is flagged.
        #expect(!flagged(infos("Denk", nil)[0]))
    }

    @Test func wordsThatShareTheirNeighboursShareAClass() throws {
        let nl = try #require(EntityLexicon.shipped(.nl))
        let amsterdam = nl.classes(EntityLexicon.hash("Amsterdam")), brussel = nl.classes(EntityLexicon.hash("brussel"))
        #expect(amsterdam != 0 && amsterdam >> 16 & 0xFFFF == brussel >> 16 & 0xFFFF)
        #expect(nl.classes(EntityLexicon.hash("xqzzyv")) == 0)
    }

    @Test func aLexiconIsKeyedByTheLowercaseWordAndPacksItsThreeClasses() {
        let lexicon = EntityLexicon(lowercaseWords: ["komen"], classes: [["gent", "3", "7", "9"], ["komen", "0", "1", "2"]])
        #expect(lexicon.isLowercaseWord(EntityLexicon.hash("Komen")))
        #expect(!lexicon.isLowercaseWord(EntityLexicon.hash("Gent")))
        #expect(lexicon.classes(EntityLexicon.hash("GENT")) == 4 | 8 << 16 | 10 << 32)
        // The lowercase mark is not a class.
        #expect(lexicon.classes(EntityLexicon.hash("komen")) == 1 | 2 << 16 | 3 << 32)
        // The hash is the one `describe` gives the token.
        #expect(infos("Gent", nil)[0].lower == EntityLexicon.hash("gent"))
    }

    @Test func englishAndVietnameseHaveNoLexiconSoTheirFeaturesStayAsTrained() {
        #expect(EntityLexicon.shipped(.en) == nil)
        #expect(EntityLexicon.shipped(.vi) == nil)
    }

    @Test func theLexiconOnlyAddsFeatures() throws {
        // Every key of a tagger without the lexicon is still there with it: models of
        // languages without one (and their role caches) see the keys they were trained on.
        let nl = try #require(EntityLexicon.shipped(.nl))
        let text = "Denk aan Amsterdam , zei Wijnants in Brussel ."
        let plain = infos(text, nil), rich = infos(text, nl)
        var added = 0
        for i in plain.indices {
            var a: [UInt64] = [], b: [UInt64] = []
            plain.withUnsafeBufferPointer { EntityFeatures.extract($0, i, gazetteer: nil, into: &a) }
            rich.withUnsafeBufferPointer { EntityFeatures.extract($0, i, gazetteer: nil, lexicon: nl, into: &b) }
            #expect(Set(a).isSubset(of: Set(b)), "token \(i)")
            added += b.count - a.count
        }
        #expect(added > 0)
    }
}
