import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct IOBReaderTests {
    private func entities(_ s: IOBSentence) -> [String] {
        s.chunks.map { "\($0.type) \(s.tokens[$0.start..<$0.end].joined(separator: " "))" }
    }

    @Test func readsTabSeparatedIOB2() throws {
        let sentences = try IOBReader.read("Jan\tB-PER\nPeters\tI-PER\nwoont\tO\nin\tO\nGent\tB-LOC\n\nNog\tO\neen\tO\n")
        #expect(sentences.count == 2)
        #expect(entities(sentences[0]) == ["PER Jan Peters", "LOC Gent"])
        #expect(sentences[1].tokens == ["Nog", "een"])
    }

    @Test func readsCoNLL2002ColumnsAndDocstartAndIOB1() throws {
        // token POS tag, space-separated; IOB1: an I- after O starts an entity, B- only splits two.
        let text = "-DOCSTART- -DOCSTART- O\nDe Art O\nheer N O\nI Pron O\nJansen N I-PER\nVan N I-PER\nDam N B-PER\nkwam V O\n-DOCSTART- -DOCSTART- O\nAntwerpen N I-LOC\n"
        let sentences = try IOBReader.read(text)
        #expect(sentences.count == 2)
        #expect(sentences[0].tokens.first == "De")
        #expect(entities(sentences[0]) == ["PER Jansen Van", "PER Dam"])
        #expect(entities(sentences[1]) == ["LOC Antwerpen"])
    }

    @Test func readsBIOES() throws {
        let s = try IOBReader.read("New\tB-LOC\nYork\tE-LOC\nand\tO\nParis\tS-LOC\nLondon\tS-LOC\n")
        #expect(entities(s[0]) == ["LOC New York", "LOC Paris", "LOC London"])
    }

    @Test func readsUNERWithCommentsRunningNumbersAndHashTokens() throws {
        let text = """
        # sent_id = a-1
        # text = I met Bob in # 5
        1\tI\tO\t-\t-
        2\tmet\tO\t-\t-
        3\tBob\tB-PER\t-\tstephen
        4\tin\tO\t-\t-
        5\t#\tO\t-\t-
        6\t5\tO\t-\t-

        """
        let s = try IOBReader.read(text)
        #expect(s.count == 1)
        #expect(s[0].tokens == ["I", "met", "Bob", "in", "#", "5"])
        #expect(entities(s[0]) == ["PER Bob"])
    }

    @Test func rejectsALineThatIsNoTokenLine() {
        #expect(throws: IOBReader.FormatError.self) { try IOBReader.read("a\tO\nb\tO\nc d e\n") }
    }

    @Test func cutsSentencesWithoutBreaksAfterSentenceEnds() throws {
        var lines: [String] = []
        for i in 0..<1500 { lines.append(i % 10 == 9 ? ". O" : (i % 10 == 0 ? "Gent B-LOC" : "x O")) }
        let s = try IOBReader.read(lines.joined(separator: "\n"))
        #expect(s.count == 150)
        #expect(s.allSatisfy { $0.tokens.last == "." })
    }

    @Test func mapsCorpusLabelsAndRejectsUnknownOnes() throws {
        let s = try IOBReader.read("Bob\tB-person\nat\tO\nAcme\tB-corporation\nsings\tO\nHello\tB-creative-work\n")
        let corpus = try EntityCorpus(name: "w", sentences: s, tags: .standard, map: EntityLabelMap())
        #expect(corpus.labels.map { TagSet.standard.labels[$0] } == [.PER, .ORG, .MISC])
        let odd = try IOBReader.read("Bob\tB-WEIRD\n")
        #expect(throws: IOBReader.FormatError.self) { try EntityCorpus(name: "x", sentences: odd, tags: .standard, map: EntityLabelMap()) }
        let dropped = try EntityCorpus(name: "x", sentences: odd, tags: .standard, map: EntityLabelMap(["weird": "O"]))
        #expect(dropped.entityCount == 0)
    }
}

@Suite struct EntityTokenizerTests {
    private func tokens(_ s: String) -> [String] {
        let bytes = Array(s.utf8)
        return EntityTokenizer.tokenize(s).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test(arguments: [
        ("Mr. Smith en Dr. Jones.", ["Mr.", "Smith", "en", "Dr.", "Jones", "."]),
        ("TP.HCM và Hà Nội", ["TP.HCM", "và", "Hà", "Nội"]),
        ("Covid-19, Noord-Holland en 't Veld", ["Covid-19", ",", "Noord-Holland", "en", "'t", "Veld"]),
        ("the U.S. and J. Doe", ["the", "U.S.", "and", "J.", "Doe"]),
        ("Obama's plan; O'Brien's.", ["Obama", "'s", "plan", ";", "O'Brien", "'s", "."]),
        ("3,5 miljard of 1.000.000 (ca.)", ["3,5", "miljard", "of", "1.000.000", "(", "ca", ".", ")"]),
        ("@user #tag ... “quoted”", ["@user", "#tag", "...", "“", "quoted", "”"]),
        ("Đà Nẵng—Huế 😀 ok", ["Đà", "Nẵng", "—", "Huế", "😀", "ok"]),
        // A dot before a closing quote ends the sentence: no abbreviation `Mỹ.`.
        ("gặp tổng thống Mỹ.” Rồi", ["gặp", "tổng", "thống", "Mỹ", ".", "”", "Rồi"]),
        // A quote a blank away opens what follows: `Dr.` stays an abbreviation.
        ("zei Dr. \"Ja\"", ["zei", "Dr.", "\"", "Ja", "\""]),
    ])
    func splitsWordsAndPunctuation(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test func offsetsAreExactUTF8BytesAndCoverEveryNonBlankByte() {
        let text = "  Nguyễn Mạnh Linh (Hà Nội) gặp ông Trịnh.\n Ökonom Ørsted — 5%  "
        let bytes = Array(text.utf8)
        let toks = EntityTokenizer.tokenize(text)
        var covered = [Bool](repeating: false, count: bytes.count)
        var last = 0
        for t in toks {
            #expect(t.start >= last && t.end > t.start)
            // Every token starts and ends on a scalar boundary.
            #expect(bytes[t.start] & 0xC0 != 0x80)
            #expect(t.end == bytes.count || bytes[t.end] & 0xC0 != 0x80)
            for k in t.range { covered[k] = true }
            last = t.end
        }
        for (k, b) in bytes.enumerated() where b != 0x20 && b != 0x0A { #expect(covered[k]) }
    }

    @Test func tokenizesARangeWithOffsetsIntoTheWholeBuffer() {
        let bytes = Array("xx Hà Nội yy".utf8)
        var out: [WordToken] = []
        bytes.withUnsafeBufferPointer { EntityTokenizer.tokenize($0, 3..<12, into: &out) }
        #expect(out.map { String(decoding: bytes[$0.range], as: UTF8.self) } == ["Hà", "Nội"])
    }
}

/// A small synthetic corpus: people, places and organisations in a few sentence frames.
enum SyntheticNER {
    static let people = [["Jan", "Peters"], ["Anna", "de", "Vries"], ["Pieter"], ["Els", "Janssens"], ["Karel", "Maes"], ["Sofie"]]
    static let places = [["Gent"], ["Antwerpen"], ["Nieuw", "Zeeland"], ["Brugge"], ["Leuven"]]
    static let orgs = [["Volvo"], ["Philips"], ["Rode", "Kruis"], ["Agfa"]]

    static func iob() -> String {
        var lines: [String] = []
        func add(_ words: [String], _ label: String?) {
            for (k, w) in words.enumerated() { lines.append("\(w)\t\(label.map { (k == 0 ? "B-" : "I-") + $0 } ?? "O")") }
        }
        for (i, p) in people.enumerated() {
            for (j, l) in places.enumerated() {
                let o = orgs[(i + j) % orgs.count]
                add(p, "PER"); add(["woont", "in"], nil); add(l, "LOC"); add(["."], nil); lines.append("")
                add(["Volgens"], nil); add(p, "PER"); add(["werkt", "hij", "bij"], nil); add(o, "ORG"); add(["in"], nil); add(l, "LOC"); add(["."], nil); lines.append("")
                add(["De", "fabriek", "van"], nil); add(o, "ORG"); add(["staat", "in"], nil); add(l, "LOC"); add(["."], nil); lines.append("")
                add(["“", "ja", "”", "—", "één", ":"], nil); add(p, "PER"); add(["woont", "in"], nil); add(l, "LOC"); add(["."], nil); lines.append("")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func model() throws -> EntityModel {
        let corpus = try EntityCorpus(name: "synthetic", sentences: IOBReader.read(iob()), tags: .standard, map: EntityLabelMap())
        var options = EntityTrainer.Options()
        options.epochs = 5
        return EntityTrainer(language: "nl", options: options).train([corpus], dev: [], report: { _ in })
    }
}

@Suite struct EntityTaggerTests {
    private func tagged(_ model: EntityModel, _ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var candidates: [EntityCandidate] = []
        bytes.withUnsafeBufferPointer { p in
            var toks: [WordToken] = []
            EntityTokenizer.tokenize(p, 0..<p.count, into: &toks)
            EntityTagger().candidates(p, toks[...], model: model, into: &candidates)
        }
        return candidates.map { "\($0.label.rawValue) \(String(decoding: bytes[$0.span.range], as: UTF8.self))" }
    }

    @Test func trainingOnASmallCorpusLearnsToTagIt() throws {
        let model = try SyntheticNER.model()
        #expect(tagged(model, "Anna de Vries woont in Brugge .") == ["PER Anna de Vries", "LOC Brugge"])
        #expect(tagged(model, "Volgens Karel Maes werkt hij bij Rode Kruis in Gent .") == ["PER Karel Maes", "ORG Rode Kruis", "LOC Gent"])
        #expect(tagged(model, "De fabriek van Agfa staat in Nieuw Zeeland .") == ["ORG Agfa", "LOC Nieuw Zeeland"])
    }

    @Test func aModelTrainedWithOtherWordListsIsRefused() throws {
        let model = try SyntheticNER.model()
        let shipped = try #require(try EntityLexicon.shipped(.nl))
        #expect(model.lexiconIdentifier == shipped.identifier)
        let bytes = model.serialized()
        #expect(try EntityModel(bytes: bytes).lexiconIdentifier == shipped.identifier)
        // The same model, as if trained before the Dutch lists were rebuilt.
        let written = Array(shipped.identifier.utf8), other = Array(String(repeating: "0", count: written.count).utf8)
        let at = try #require((0...(bytes.count - written.count)).first { Array(bytes[$0..<$0 + written.count]) == written })
        var stale = bytes
        stale.replaceSubrange(at..<at + written.count, with: other)
        #expect(throws: EntityModel.FormatError.self) { try EntityModel(bytes: stale) }
    }

    @Test func theTrainerReportsDevScoresAndIsDeterministic() throws {
        let sentences = try IOBReader.read(SyntheticNER.iob())
        let corpus = try EntityCorpus(name: "synthetic", sentences: sentences, tags: .standard, map: EntityLabelMap())
        var lines: [String] = []
        var options = EntityTrainer.Options()
        options.epochs = 3
        let a = EntityTrainer(language: "nl", options: options).train([corpus], dev: [corpus], report: { lines.append($0) })
        let b = EntityTrainer(language: "nl", options: options).train([corpus], dev: [], report: { _ in })
        #expect(lines.last?.contains("synthetic F1 100.00") == true, "\(lines)")
        #expect(a.serialized() == b.serialized())
        #expect(EntityTrainer.evaluate(a, on: corpus).f1 == 100)
    }

    @Test func jointFeaturesStayWithinTheRoomTheTaggerMakesForThem() {
        // The tagger writes a sentence's joint features through a pointer into room of
        // `jointFeatureBound` per token: short sentences (every edge feature at once), runs of
        // capitals and several gazetteer matches per token must all fit.
        for text in ["A", "Jan Peters", "De Nieuwe Haven Van Gent", "Volgens Anna de Vries werkt hij bij Rode Kruis ."] {
            let bytes = Array(text.utf8)
            let toks = EntityTokenizer.tokenize(text)
            var matches = GazetteerMatches()
            matches.reset(count: toks.count)
            for k in toks.indices {
                for list in 1...3 { matches.add(GazetteerFeature(list: UInt32(list), position: .single), token: k) }
            }
            for gazetteer in [nil, matches] {
                var infos: [TokenInfo] = []
                bytes.withUnsafeBufferPointer { EntityFeatures.describe($0, toks[...], into: &infos) }
                infos.withUnsafeBufferPointer { info in
                    for i in toks.indices {
                        var keys: [UInt64] = []
                        EntityFeatures.jointFeatures(info, i, gazetteer: gazetteer, into: &keys)
                        #expect(keys.count <= EntityFeatures.jointFeatureBound(i, count: toks.count, gazetteer: gazetteer), "\(text) token \(i)")
                        #expect(!keys.isEmpty)
                    }
                }
            }
        }
    }

    @Test func aBagOfModelsTrainedWithDropoutIsDeterministicAndStillLearns() throws {
        let corpus = try EntityCorpus(name: "synthetic", sentences: IOBReader.read(SyntheticNER.iob()), tags: .standard, map: EntityLabelMap())
        var options = EntityTrainer.Options()
        options.epochs = 4
        options.dropout = 0.3
        options.ensemble = 3
        var lines: [String] = []
        let a = EntityTrainer(language: "nl", options: options).train([corpus], dev: [corpus], report: { lines.append($0) })
        let b = EntityTrainer(language: "nl", options: options).train([corpus], dev: [], report: { _ in })
        #expect(a.serialized() == b.serialized())
        // Three models of four epochs each report their dev scores.
        #expect(lines.filter { $0.hasPrefix("model ") }.count == 12, "\(lines)")
        // The bag differs from its first model alone, and tags the corpus as well.
        options.ensemble = 1
        let single = EntityTrainer(language: "nl", options: options).train([corpus], dev: [], report: { _ in })
        #expect(single.serialized() != a.serialized())
        #expect(EntityTrainer.evaluate(a, on: corpus).f1 == 100)
        #expect(tagged(a, "Volgens Karel Maes werkt hij bij Rode Kruis in Gent .") == ["PER Karel Maes", "ORG Rode Kruis", "LOC Gent"])
    }

    @Test func aWrittenModelReadsBackWithIdenticalPredictions() throws {
        let model = try SyntheticNER.model()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mekong-test-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let again = try EntityModel(contentsOf: url)
        #expect(again.serialized() == model.serialized())
        #expect(again.featureCount == model.featureCount && again.tags == model.tags && again.language == "nl")
        for text in ["Anna de Vries woont in Brugge .", "Els Janssens werkt bij Volvo .", "Niets hier .", "Sofie en Pieter in Leuven en Gent"] {
            #expect(tagged(again, text) == tagged(model, text))
            let bytes = Array(text.utf8)
            let toks = EntityTokenizer.tokenize(text)
            let x = bytes.withUnsafeBufferPointer { EntityTagger().tags($0, toks[...], model: model) }
            let y = bytes.withUnsafeBufferPointer { EntityTagger().tags($0, toks[...], model: again) }
            #expect(x == y)
        }
    }

    @Test func damagedModelFilesAreRejected() throws {
        let bytes = try SyntheticNER.model().serialized()
        #expect(throws: EntityModel.FormatError.self) { try EntityModel(bytes: Array(bytes.dropLast(3))) }
        var bad = bytes
        bad[0] = 0x58
        #expect(throws: EntityModel.FormatError.self) { try EntityModel(bytes: bad) }
    }

    @Test func shippedModelsLoadAndViHasNone() throws {
        #expect(try EntityModel.shipped(.vi) == nil)
        for l in [Language.nl, .en] {
            if let m = try EntityModel.shipped(l) {
                #expect(m.language == l.rawValue)
                #expect(m.tags == .standard)
            }
        }
    }
}

@Suite struct EntitiesStageTests {
    private func pipeline(_ model: EntityModel) throws -> Pipeline {
        try Pipeline([NormalizeStage(), try BlocksStage(), LanguageStage(), SentencesStage(), EntitiesStage(models: [nil, model, nil])])
    }

    private func document(_ text: String, _ language: Language?) throws -> Document {
        var p = try pipeline(try SyntheticNER.model())
        var doc = try Document(id: "t", source: DocumentSource(path: "t.txt"), raw: Array(text.utf8))
        doc.forcedLanguage = language
        try p.run(&doc)
        return doc
    }

    private func record(_ doc: Document, _ options: OutputOptions) throws -> [[String: Any]] {
        var out: [UInt8] = []
        RecordWriter.write(doc, options: options, into: &out)
        return try String(decoding: out, as: UTF8.self).split(separator: "\n").map { try jsonObject(String($0)) }
    }

    static let text = "😀 “ja” — één: Anna de Vries woont in Brugge. Volgens Karel Maes werkt hij bij Rode Kruis in Gent."

    @Test func entitiesCarryCodePointOffsetsThatSliceTheText() throws {
        let doc = try document(Self.text, .nl)
        // The synthetic model finds all five; the gazetteer knows the cities and the Red Cross (and gives their ids).
        #expect(doc.entities.filter { $0.source == .gazetteer }.map(\.id) == ["city:bruges", "org:red-cross", "city:ghent"])
        let r = try record(doc, OutputOptions(rawOffsets: true))[0]
        let text = r["text"] as! String
        let entities = r["entities"] as! [[String: Any]]
        #expect(entities.map { slice(text, $0["start"] as! Int, $0["end"] as! Int) } == ["Anna de Vries", "Brugge", "Karel Maes", "Rode Kruis", "Gent"])
        #expect(entities.map { $0["text"] as! String } == ["Anna de Vries", "Brugge", "Karel Maes", "Rode Kruis", "Gent"])
        #expect(entities.map { $0["label"] as! String } == ["PER", "LOC", "PER", "ORG", "LOC"])
        #expect(entities[0]["canonical"] as? String == "anna de vries")
        for e in entities { #expect(slice(Self.text, e["raw_start"] as! Int, e["raw_end"] as! Int) == e["text"] as! String) }
        #expect((r["stages"] as! [String]).contains("entities"))
    }

    @Test func sentenceRecordsCarryTheirOwnEntities() throws {
        let doc = try document(Self.text, .nl)
        let records = try record(doc, OutputOptions(unit: .sentence))
        #expect(records.count == 2)
        #expect((records[0]["entities"] as! [[String: Any]]).map { $0["text"] as! String } == ["Anna de Vries", "Brugge"])
        #expect((records[1]["entities"] as! [[String: Any]]).count == 3)
    }

    @Test func aLanguageWithoutAModelGetsNoModelEntities() throws {
        #expect(try document("Anna de Vries woont in Brugge.", .vi).entities.allSatisfy { $0.source != .model })
        #expect(try document("Anna de Vries woont in Brugge.", .nl).entities.count == 2)
    }

    @Test func noEntitiesKeyWithoutTheStage() throws {
        let doc = try annotate("Anna de Vries woont in Brugge.", language: .nl, stages: [.sentences])
        #expect(try record(doc, OutputOptions())[0]["entities"] == nil)
    }

    @Test(arguments: [OutputOptions(), OutputOptions(rawOffsets: true), OutputOptions(unit: .sentence), OutputOptions(unit: .sentence, rawOffsets: true)])
    func recordsValidateAgainstTheSchema(options: OutputOptions) throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: try #require(RecordWriter.schemaURL))) as! [String: Any]
        let validator = SchemaValidator(root: schema)
        var out: [UInt8] = []
        RecordWriter.write(try document(Self.text, .nl), options: options, into: &out)
        for line in String(decoding: out, as: UTF8.self).split(separator: "\n") {
            let problems = validator.validate(try JSONSerialization.jsonObject(with: Data(line.utf8)))
            #expect(problems.isEmpty, "\(problems) in \(line)")
        }
    }

    @Test func aKnownClubTheTaggerConfidentlyReadsAsAPlaceIsThePlace() {
        // `Anderlecht` is the club in the gazetteer; `in Anderlecht` the tagger reads as the town.
        let text = Array("Overval in Anderlecht".utf8)
        func merged(margin: Float) -> [Entity] {
            var model = EntityCandidate(span: TextSpan(11, 21), label: .LOC, source: .model)
            model.placeMargin = margin
            return EntityMerger.merge([EntityCandidate(span: TextSpan(11, 21), label: .ORG, source: .gazetteer, id: "org:rsc-anderlecht"), model], text: text)
        }
        let sure = merged(margin: 60)
        #expect(sure.map(\.label) == [.LOC] && sure[0].id == nil)
        // A hesitant tagger (`at Enron`) leaves the known organisation as it is.
        let unsure = merged(margin: 5)
        #expect(unsure.map(\.label) == [.ORG] && unsure[0].id == "org:rsc-anderlecht")
    }

    @Test func aKnownPlaceOfSeveralWordsInsideALongerTaggerSpanGivesWayButAPersonDoesNot() {
        // The race, not the country: `Verenigde Staten` inside `Grote Prijs van de Verenigde Staten West`.
        let race = Array("de Verenigde Staten West".utf8)
        let m = EntityMerger.merge([
            EntityCandidate(span: TextSpan(3, 19), label: .LOC, source: .gazetteer, id: "US"),
            EntityCandidate(span: TextSpan(3, 24), label: .MISC, source: .model),
        ], text: race)
        #expect(m.count == 1 && m[0].span == TextSpan(3, 24) && m[0].label == .MISC)
        // A known person's full name stays whole against a longer tagger span.
        let person = Array("Jan Peters Brussel".utf8)
        let p = EntityMerger.merge([
            EntityCandidate(span: TextSpan(0, 10), label: .PER, source: .gazetteer),
            EntityCandidate(span: TextSpan(0, 18), label: .PER, source: .model),
        ], text: person)
        #expect(p.count == 1 && p[0].span == TextSpan(0, 10))
    }

    @Test func theMergerKeepsOneEntityPerSpanPreferringGazetteersThenLongerSpans() {
        let text = Array("Hoang Truong bezocht Hanoi".utf8)
        let merged = EntityMerger.merge([
            EntityCandidate(span: TextSpan(0, 12), label: .PER, source: .model),
            EntityCandidate(span: TextSpan(6, 12), label: .LOC, source: .model),
            EntityCandidate(span: TextSpan(21, 26), label: .ORG, source: .model),
            EntityCandidate(span: TextSpan(21, 26), label: .LOC, source: .gazetteer, id: "VN-HN"),
        ], text: text)
        #expect(merged.map(\.label) == [.PER, .LOC])
        #expect(merged[1].id == "VN-HN" && merged[1].source == .gazetteer)
        #expect(EntityCanonical.fold("Nguyễn  Mạnh Đức".utf8) == "nguyen manh duc")
    }
}
