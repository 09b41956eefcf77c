import Testing
import MekongCore
@testable import MekongStages

/// The tagger's lexicon features: Dutch words written in lowercase and word classes.
@Suite struct EntityLexiconTests {
    private func infos(_ text: String) -> [TokenInfo] {
        let bytes = Array(text.utf8)
        let toks = EntityTokenizer.tokenize(text)
        var out: [TokenInfo] = []
        bytes.withUnsafeBufferPointer { EntityFeatures.describe($0, toks[...], into: &out) }
        return out
    }

    /// The lexicon flags the tagger gives a one-word text.
    private func flags(_ word: String, _ lexicon: EntityLexicon?) -> UInt16 {
        EntityLexicon.flags(EntityFeatures.lexical(infos(word)[0], lexicon))
    }

    private func flagged(_ word: String, _ lexicon: EntityLexicon?) -> Bool { flags(word, lexicon) & TokenInfo.usuallyLowercase != 0 }

    @Test func aCapitalisedDutchWordWrittenInLowercaseIsFlaggedAndANameIsNot() throws {
        let nl = try #require(try EntityLexicon.shipped(.nl))
        // Sentence-initial imperatives and verbs the tagger took for people.
        for word in ["Denk", "Vermijd", "Wil", "Komen", "DENK"] {
            #expect(flagged(word, nl), "\(word)")
        }
        for word in ["Wijnants", "Delathouwer", "Tectrade", "Vlaanderen"] {
            #expect(!flagged(word, nl), "\(word)")
        }
        // A lowercase token is not in doubt: no flag.
        #expect(flags("denk", nl) == 0)
        // Without a lexicon nothing is flagged.
        #expect(flags("Denk", nil) == 0)
    }

    @Test func aCapitalisedWordTheDictionaryKnowsAsANameIsFlaggedAsOne() throws {
        let nl = try #require(try EntityLexicon.shipped(.nl))
        // Surnames the tagger missed at a sentence's start; places.
        for word in ["Geboers", "Smeets", "Amsterdam"] {
            #expect(flags(word, nl) & TokenInfo.knownName != 0, "\(word)")
        }
        #expect(flags("Denk", nl) & TokenInfo.knownName == 0)
        #expect(flags("smeets", nl) == 0)
    }

    @Test func wordsThatShareTheirNeighboursShareAClass() throws {
        let nl = try #require(try EntityLexicon.shipped(.nl))
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
        #expect(infos("Gent")[0].lower == EntityLexicon.hash("gent"))
    }

    @Test func theDataFilesReadFromTheirBytesGiveWhatTheirLinesGive() {
        // The loader hashes words straight from the files' UTF-8 (no strings): the same
        // entries as from the lines, comments, blank lines and CR line ends aside.
        let words = "# header\nkomen\r\nwil\n\néén\n", names = "# header\nGeboers\nÉmile\n"
        let classes = "# word\tc64\tc256\tc1024\ngent\t3\t7\t9\nkomen\t0\t1\t2\n"
        let fromBytes = EntityLexicon(lowercaseWords: Array(words.utf8), properWords: Array(names.utf8), classes: Array(classes.utf8))
        let fromLines = EntityLexicon(lowercaseWords: ["komen", "wil", "één"], properWords: ["Geboers", "Émile"], classes: [["gent", "3", "7", "9"], ["komen", "0", "1", "2"]])
        for word in ["Komen", "Wil", "ÉÉN", "Geboers", "émile", "Gent", "niets"] {
            let h = EntityLexicon.hash(word)
            #expect(fromBytes.entry(h, capitalised: true) == fromLines.entry(h, capitalised: true), "\(word)")
        }
        #expect(fromBytes.isLowercaseWord(EntityLexicon.hash("Één")) && fromBytes.isProperWord(EntityLexicon.hash("ÉMILE")))
        #expect(fromBytes.classes(EntityLexicon.hash("gent")) == 4 | 8 << 16 | 10 << 32)
        #expect(fromBytes.count == fromLines.count)
    }

    @Test func aCapitalisedEnglishPlaceGivenNameOrSurnameTheListsKnowIsFlaggedAsSuch() throws {
        let en = try #require(try EntityLexicon.shipped(.en))
        // Places and people of EWT-like web text the training sets never name.
        for word in ["Fallujah", "Samarra", "Noida"] { #expect(flags(word, en) & TokenInfo.placeName != 0, "\(word)") }
        for word in ["Elyse", "Traci"] { #expect(flags(word, en) & TokenInfo.givenName != 0, "\(word)") }
        for word in ["Townsend", "Lenhart"] { #expect(flags(word, en) & TokenInfo.surname != 0, "\(word)") }
        for word in ["Try", "Fallujah", "Lenhart"] { #expect(flags(word, en) & TokenInfo.givenName == 0, "\(word)") }
        #expect(flags("Try", en) & (TokenInfo.placeName | TokenInfo.surname) == 0)
        // A lowercase token is not in doubt: no flag.
        #expect(flags("fallujah", en) == 0)
    }

    @Test func theTypedNameListsReadFromTheirBytesGiveWhatTheirLinesGive() {
        let places = "# header\nFallujah\nSamarra\n", given = "# header\nElyse\n", surnames = "# header\nFeith\nElyse\n"
        let fromBytes = EntityLexicon(lowercaseWords: [], properWords: [], classes: [], places: Array(places.utf8), givenNames: Array(given.utf8), surnames: Array(surnames.utf8))
        let fromLines = EntityLexicon(lowercaseWords: [String](), classes: [], places: ["Fallujah", "Samarra"], givenNames: ["Elyse"], surnames: ["Feith", "Elyse"])
        for word in ["Fallujah", "Samarra", "Elyse", "Feith", "Gent"] {
            let h = EntityLexicon.hash(word)
            #expect(fromBytes.entry(h, capitalised: true) == fromLines.entry(h, capitalised: true), "\(word)")
        }
        #expect(EntityLexicon.flags(fromBytes.entry(EntityLexicon.hash("elyse"), capitalised: true)) == TokenInfo.givenName | TokenInfo.surname)
        #expect(EntityLexicon.flags(fromBytes.entry(EntityLexicon.hash("Samarra"), capitalised: true)) == TokenInfo.placeName)
    }

    @Test func vietnameseHasNoLexiconSoItsFeaturesStayAsTrained() throws {
        #expect(try EntityLexicon.shipped(.vi) == nil)
    }

    @Test func aCapitalisedEnglishWordWrittenInLowercaseIsFlaggedAndANameIsNot() throws {
        let en = try #require(try EntityLexicon.shipped(.en))
        // Sentence-initial verbs and adjectives the tagger took for names (`Try Varkala`).
        for word in ["Try", "Visit", "Friendly", "Great"] {
            #expect(flagged(word, en), "\(word)")
        }
        for word in ["Varkala", "Fallujah", "Wolfowitz"] {
            #expect(!flagged(word, en), "\(word)")
        }
        #expect(flags("try", en) == 0)
    }

    @Test func theLexiconOnlyAddsFeatures() throws {
        // Every key of a tagger without the lexicon is still there with it: models of
        // languages without one (and their role caches) see the keys they were trained on.
        let nl = try #require(try EntityLexicon.shipped(.nl))
        let text = "Denk aan Amsterdam , zei Wijnants in Brussel ."
        let tokens = infos(text)
        var added = 0
        for i in tokens.indices {
            var a: [UInt64] = [], b: [UInt64] = []
            tokens.withUnsafeBufferPointer { EntityFeatures.extract($0, i, gazetteer: nil, into: &a) }
            tokens.withUnsafeBufferPointer { EntityFeatures.extract($0, i, gazetteer: nil, lexicon: nl, into: &b) }
            #expect(Set(a).isSubset(of: Set(b)), "token \(i)")
            added += b.count - a.count
        }
        #expect(added > 0)
    }
}
