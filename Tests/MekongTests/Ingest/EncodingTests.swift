import Foundation
import Testing
import MekongCore
import MekongICU
@testable import MekongStages

/// Ingest of text in the encodings a scraper meets: legacy Vietnamese (TCVN3, VNI, VIQR,
/// windows-1258), mojibake, other charsets, undecodable bytes.
@Suite struct EncodingTests {
    static let normalizer = try? ICU.Normalizer(.nfc)
    static func nfc(_ s: String) -> String { (try? normalizer?.normalize(s)) ?? s }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Fixtures.url("encodings/" + name)))
    }

    static func text(_ d: DecodedText) -> String { String(decoding: d.text, as: UTF8.self) }

    /// Every form `scripts/make-encoded-corpus` wrote, with the encoding it must be detected as.
    static let forms: [(file: String, source: String, detected: String, repairs: [String])] = {
        let all: [(String, String, [String])] = [
            ("windows-1258", "windows-1258", []), ("tcvn3", "TCVN3", []), ("vni", "VNI", []), ("viqr", "VIQR", []),
            ("mojibake-cp1252", "UTF-8", ["mojibake:cp1252"]), ("mojibake-cp1252x2", "UTF-8", ["mojibake:cp1252", "mojibake:cp1252"]),
            ("mojibake-latin1", "UTF-8", ["mojibake:latin1"]), ("mojibake-latin1x2", "UTF-8", ["mojibake:latin1", "mojibake:latin1"]),
        ]
        var out: [(String, String, String, [String])] = []
        for source in ["tin-kinh-te", "trich-dan"] {
            for (form, detected, repairs) in all {
                let file = "encoded/\(source).\(form).txt"
                if FileManager.default.fileExists(atPath: Fixtures.url("encodings/" + file).path) {
                    out.append((file, source + ".txt", detected, repairs))
                }
            }
        }
        return out
    }()

    @Test func everyEncodedFormOfTheFixturesIsThere() {
        #expect(Self.forms.count == 14)
    }

    @Test(arguments: forms.map(\.file))
    func legacyAndMojibakeFormsComeBackAsTheIdenticalUnicodeText(file: String) throws {
        let form = try #require(Self.forms.first { $0.file == file })
        let want = try String(contentsOf: Fixtures.url("encodings/" + form.source), encoding: .utf8)
        let decoded = try TextDecoder.decode(try Self.fixture(file))
        #expect(Self.nfc(Self.text(decoded)) == Self.nfc(want))
        #expect(decoded.report.detected == form.detected)
        #expect(decoded.report.repairs == form.repairs)
        #expect(decoded.report.invalidBytes == nil)
        #expect(decoded.alignment.rawLength == (try Self.fixture(file)).count)
        #expect(decoded.alignment.textLength == decoded.text.count)
    }

    @Test func aLongLegacyDocumentIsJudgedOnASampleAndDecodedWhole() throws {
        let one = try Self.fixture("encoded/tin-kinh-te.vni.txt")
        var bytes: [UInt8] = []
        while bytes.count <= TextDecoder.sampleBytes + 5_000 { bytes += one + [0x0A] }
        let d = try TextDecoder.decode(bytes)
        #expect(d.report.detected == "VNI")
        #expect(d.alignment.rawLength == bytes.count)
        let want = try String(contentsOf: Fixtures.url("encodings/tin-kinh-te.txt"), encoding: .utf8) + "\n"
        #expect(Self.text(d).hasSuffix(want) && Self.text(d).hasPrefix(want))
    }

    @Test func tcvn3BytesComeBackAsUnicodeVietnamese() throws {
        // "Việt Nam: Hà Nội là thị trường lớn." in TCVN3 (ABC fonts): ệ is 0xD6, à 0xB5, ộ 0xE9, ư 0xAD, ờ 0xEA.
        let bytes: [UInt8] = Array("Vi".utf8) + [0xD6] + Array("t Nam: H".utf8) + [0xB5] + Array(" N".utf8) + [0xE9] + Array("i l".utf8) + [0xB5]
            + Array(" th".utf8) + [0xDE] + Array(" tr".utf8) + [0xAD, 0xEA] + Array("ng l".utf8) + [0xED] + Array("n.".utf8)
        let d = try TextDecoder.decode(bytes)
        #expect(d.report.detected == "TCVN3")
        #expect(Self.text(d) == "Việt Nam: Hà Nội là thị trường lớn.")
        #expect(d.report.rawOffsetUnit == .byte)
    }

    @Test func vniAndWindows1258BytesComeBackAsUnicodeVietnamese() throws {
        // VNI: a base letter and a diacritic byte ("Vieät Nam" is Việt Nam).
        let vni = Array("Vie".utf8) + [0xE4] + Array("t Nam, Ha".utf8) + [0xF8] + Array(" No".utf8) + [0xE4] + Array("i va".utf8) + [0xF8]
            + Array(" tha".utf8) + [0xF8] + Array("nh pho".utf8) + [0xE1] + Array(" Ho".utf8) + [0xE0] + Array(" Ch".utf8) + [0xED] + Array(" Minh".utf8)
        let v = try TextDecoder.decode(vni)
        #expect(v.report.detected == "VNI")
        #expect(Self.text(v) == "Việt Nam, Hà Nội và thành phố Hồ Chí Minh")
        // windows-1258 writes tones as combining marks: the text is NFC-composable, not NFC yet.
        let cp1258: [UInt8] = Array("Vi".utf8) + [0xEA, 0xF2] + Array("t Nam, H".utf8) + [0xE0] + Array(" N".utf8) + [0xF4, 0xF2] + Array("i v".utf8) + [0xE0]
            + Array(" th".utf8) + [0xE0] + Array("nh ph".utf8) + [0xF4, 0xEC] + Array(" H".utf8) + [0xF4, 0xCC] + Array(" Ch".utf8) + [0xED] + Array(" Minh".utf8)
        let w = try TextDecoder.decode(cp1258)
        #expect(w.report.detected == "windows-1258")
        #expect(w.text != Array("Việt Nam, Hà Nội và thành phố Hồ Chí Minh".utf8))
        #expect(Self.nfc(Self.text(w)) == "Việt Nam, Hà Nội và thành phố Hồ Chí Minh")
    }

    @Test func viqrIsReadWithEscapesAndWordFinalMarks() throws {
        // RFC 1456 style: literal marks after a vowel are escaped, and everything else is a mark.
        let strict = "Ho^m nay tro+`i mu+a to\\. Anh ddi dda^u\\? To^i o+? nha` ddo.c sa'ch, co`n em thi` bi. o^'m.\nVie^.t Nam dda.t mu+'c ta(ng tru+o+?ng cao, nhu+ mo.i na(m."
        let d = try TextDecoder.decode(Array(strict.utf8))
        #expect(d.report.detected == "VIQR")
        #expect(Self.text(d) == "Hôm nay trời mưa to. Anh đi đâu? Tôi ở nhà đọc sách, còn em thì bị ốm.\nViệt Nam đạt mức tăng trưởng cao, như mọi năm.")
        #expect(d.report.rawOffsetUnit == .codePoint)
        // Without escapes: a word-final . or ? before a capital or a line end is punctuation.
        let loose = "Ho^m nay tro+`i mu+a to. Anh ddi dda^u? To^i o+? nha` ddo.c sa'ch, em thi` bi. o^'m.\nKINH TE^' TA(NG TRU+O+?NG, KY? LU.C MO+'I."
        let l = try TextDecoder.decode(Array(loose.utf8))
        #expect(Self.text(l) == "Hôm nay trời mưa to. Anh đi đâu? Tôi ở nhà đọc sách, em thì bị ốm.\nKINH TẾ TĂNG TRƯỞNG, KỶ LỤC MỚI.")
    }

    @Test func viqrIsFoundInLongTextsAndNotLookedForInLongTextsWithAFewMarks() throws {
        // A long VIQR article: its marks are dense however long it is.
        let paragraph = "Vie^.t Nam dda.t mu+'c ta(ng tru+o+?ng cao, nhu+ mo.i na(m. Ho^m nay tro+`i mu+a to, to^i o+? nha` ddo.c sa'ch.\n"
        let long = try TextDecoder.decode(Array(String(repeating: paragraph, count: 60).utf8))
        #expect(long.report.detected == "VIQR")
        #expect(Self.text(long).hasPrefix("Việt Nam đạt mức tăng trưởng cao, như mọi năm."))
        // A long Dutch text with a handful of `a(`, `e^` and `o+` is left as it is.
        let dutch = String(repeating: "De minister sprak over de begroting van het komende jaar en de plannen voor de haven. ", count: 40)
            + "Zie formule (a) en f(a) met e^2 en o+u."
        let d = try TextDecoder.decode(Array(dutch.utf8))
        #expect(d.report.isPlainUTF8)
        #expect(Self.text(d) == dutch)
    }

    @Test(arguments: [
        "It's a nice day, isn't it? We'll see. Don't you think so? I'm sure they're here (a) and (b).",
        "Who are you? What's up? I'd go to the U.S. office at 5 p.m. Call me at (555) 123-4567; C++ and C# aren't the same.",
        "Het is mooi weer, nietwaar? Zo'n dag komt niet vaak. Hij zei: 'ga maar'. Wat denk je (a + b)? Oma's huis.",
        "Math: a^2 + b^2 = c^2, so e^(i pi) + 1 = 0. Use x+y and o+u as variables; f(a) and g(e) are functions.",
    ])
    func viqrDetectionLeavesEnglishAndDutchWithApostrophesAlone(text: String) throws {
        let d = try TextDecoder.decode(Array(text.utf8))
        #expect(d.report.isPlainUTF8)
        #expect(Self.text(d) == text)
        #expect(d.alignment.isIdentity)
    }

    @Test(arguments: [
        "NÃO É POSSÍVEL, disse a irmã em São Paulo. AÇÃO, CORAÇÃO, IRMÔ e “NÃO…”",
        "À la carte, déjà vu, voilà ! Un café… « Ça va ? » L’ÂGE D’OR, Ôn tập, Åland, Ærø.",
        "Dit is een café in Utrecht: één kopje koffie, ’s ochtends, naïef, reünie — zo’n 3 €.",
        "Thành phố Hồ Chí Minh, “Việt Nam” – á à ả ã ạ; Ông Đức nói: “Được!”",
        "Señor Núñez pagó 20 £ por el «libro» – ¿quién sabe? ¡Olé!",
    ])
    func legitimateAccentedTextIsNotRepaired(text: String) throws {
        let d = try TextDecoder.decode(Array(text.utf8))
        #expect(d.report.isPlainUTF8, "\(d.report)")
        #expect(Self.text(d) == text)
    }

    @Test func mojibakeOnceAndTwiceIsUndone() throws {
        let once = try TextDecoder.decode(Array("Viá»‡t Nam, ThÃ\u{A0}nh phá»‘ Há»“ ChÃ­ Minh".utf8))
        #expect(Self.text(once) == "Việt Nam, Thành phố Hồ Chí Minh")
        #expect(once.report.repairs == ["mojibake:cp1252"])
        // Where a cleanup turned the no-break space of "à" (C3 A0) into a space, mojibake around it still tells.
        let spaced = try TextDecoder.decode(Array("ThÃ nh phá»‘ Há»“ ChÃ­ Minh, Ã  la carte".utf8))
        #expect(Self.text(spaced) == "Thành phố Hồ Chí Minh, à la carte")
        let twice = try TextDecoder.decode(Array("ViÃ¡Â»â€¡t Nam".utf8))
        #expect(Self.text(twice) == "Việt Nam")
        #expect(twice.report.repairs == ["mojibake:cp1252", "mojibake:cp1252"])
        let french = try TextDecoder.decode(Array("Le cafÃ© de la rÃ©publique est fermÃ©.".utf8))
        #expect(Self.text(french) == "Le café de la république est fermé.")
        let quote = try TextDecoder.decode(Array("Itâ€™s the â€œbestâ€\u{9D} one".utf8))
        #expect(Self.text(quote) == "It’s the “best” one")
    }

    @Test func partialMojibakeIsRepairedWhereItIsAndTheRestStays() throws {
        let text = "Tiêu đề đúng: Hà Nội. Đoạn hỏng: Há»™i nghá»‹ táº¡i Ä\u{90}Ã\u{A0} Náºµng. São Paulo, déjà vu."
        let d = try TextDecoder.decode(Array(text.utf8))
        #expect(Self.text(d) == "Tiêu đề đúng: Hà Nội. Đoạn hỏng: Hội nghị tại Đà Nẵng. São Paulo, déjà vu.")
        #expect(d.report.repairs == ["mojibake:cp1252"])
        // Unchanged text still maps byte for byte.
        let prefix = Array("Tiêu đề đúng".utf8).count
        #expect(d.alignment.rawSpan(for: TextSpan(0, prefix)) == RawSpan(0, prefix))
    }

    @Test func validUTF8IsTakenAsItIs() throws {
        let text = "Hà Nội và thành phố Hồ Chí Minh. Dit is Nederlands. This is English."
        let d = try TextDecoder.decode(Array(text.utf8))
        #expect(d.report.isPlainUTF8)
        #expect(d.alignment.isIdentity)
        let doc = try Document(id: "d", source: .init(path: nil), decoding: Array(text.utf8))
        #expect(doc.encoding == nil)
    }

    @Test func westernLegacyTextAndUTF16WithABOMAreDetected() throws {
        let latin: [UInt8] = Array("Dit is een caf".utf8) + [0xE9] + Array(" in Utrecht waar men ".utf8) + [0xE9, 0xE9] + Array("n kopje koffie drinkt en over de ".utf8) + [0x93] + Array("re".utf8) + [0xFC] + Array("nie".utf8) + [0x94] + Array(" praat.".utf8)
        let d = try TextDecoder.decode(latin)
        #expect(d.report.detected == "windows-1252")
        #expect(Self.text(d) == "Dit is een café in Utrecht waar men één kopje koffie drinkt en over de “reünie” praat.")
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("Xin chào".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let u = try TextDecoder.decode(utf16)
        #expect(u.report.detected == "UTF-16LE")
        #expect(Self.text(u).unicodeScalars.filter { $0 != "\u{FEFF}" }.map(String.init).joined() == "Xin chào")
    }

    @Test func undecodableBytesAreReportedWithTheirCountAndFirstOffset() throws {
        // UTF-8 with two stray bytes: U+FFFD each, reported, nothing dropped.
        let good = String(repeating: "Hà Nội là thủ đô của Việt Nam. ", count: 8)
        let bytes = Array(good.utf8) + [0xFF] + Array(" và ".utf8) + [0xC3] + Array("(".utf8)
        let d = try TextDecoder.decode(bytes)
        #expect(d.report.detected == "UTF-8")
        #expect(d.report.invalidBytes == .init(count: 2, firstOffset: good.utf8.count))
        #expect(d.report.rawOffsetUnit == .byte)
        #expect(Self.text(d) == good + "\u{FFFD} và \u{FFFD}(")
        // A forced charset that cannot decode some bytes: reported too.
        let sjis: [UInt8] = Array("ab".utf8) + [0x82, 0xA0, 0xFF, 0x82, 0xA2] + Array("z".utf8)
        let s = try TextDecoder.decode(sjis, choice: .icu("Shift_JIS"))
        #expect(Self.text(s) == "abあ\u{FFFD}いz")
        #expect(s.report.invalidBytes == .init(count: 1, firstOffset: 4))
        // The record carries it.
        let (lines, _) = try runBatch([.text(id: "x", source: .init(path: "x.txt"), bytes: bytes)], jobs: 1)
        let encoding = try #require(try jsonObject(lines[0])["encoding"] as? [String: Any])
        let invalid = try #require(encoding["invalid_bytes"] as? [String: Any])
        #expect(invalid["count"] as? Int == 2)
        #expect(invalid["first_offset"] as? Int == good.utf8.count)
    }

    @Test func shortBrokenInputAndNULBytesStillBecomeErrors() {
        for bytes: [UInt8] in [[0x61, 0xC3, 0x28], [0xFF], Array("ok".utf8) + [0xFF], [0x61, 0x00, 0x62], [0xC3, 0xA9, 0x00]] {
            #expect(throws: IngestError.self) { try TextDecoder.decode(bytes) }
        }
        do {
            _ = try TextDecoder.decode([0xE9, 0x00, 0xE9])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .binary)
        }
    }

    @Test func aDeclaredCharsetIsHonouredWhenItFitsAndOverriddenWhenTheBytesDisagree() throws {
        // Declared ISO-8859-1, but the bytes are valid multi-byte UTF-8.
        let utf8 = try TextDecoder.decode(Array("Hà Nội, café".utf8), declaredCharset: "ISO-8859-1")
        #expect(Self.text(utf8) == "Hà Nội, café")
        #expect(utf8.report.detected == "UTF-8" && utf8.report.declared == "ISO-8859-1")
        // Declared windows-1252 and it fits: honoured.
        let french: [UInt8] = Array("Le caf".utf8) + [0xE9] + Array(" est ferm".utf8) + [0xE9] + Array(".".utf8)
        let f = try TextDecoder.decode(french, declaredCharset: "windows-1252")
        #expect(Self.text(f) == "Le café est fermé." && f.report.detected == "windows-1252")
        // An old Vietnamese page: declared ISO-8859-1, written in a VNI font.
        let vni = try Self.fixture("encoded/tin-kinh-te.vni.txt")
        let v = try TextDecoder.decode(vni, declaredCharset: "iso-8859-1")
        #expect(v.report.detected == "VNI")
        // Declared UTF-8 but the bytes are TCVN3.
        let t = try TextDecoder.decode(try Self.fixture("encoded/tin-kinh-te.tcvn3.txt"), declaredCharset: "utf-8")
        #expect(t.report.detected == "TCVN3")
    }

    @Test func forcedEncodingsAreUsedWithoutGuessing() throws {
        #expect(EncodingChoice(name: "auto") == .auto)
        #expect(EncodingChoice(name: "UTF8") == .utf8)
        #expect(EncodingChoice(name: "cp1258") == .icu("windows-1258"))
        #expect(EncodingChoice(name: "latin1") == .icu("windows-1252"))
        #expect(EncodingChoice(name: "VNI") == .vni)
        #expect(EncodingChoice(name: "no-such-charset") == nil)
        let mojibake = Array("Viá»‡t Nam".utf8)
        let plain = try TextDecoder.decode(mojibake, choice: .utf8)
        #expect(Self.text(plain) == "Viá»‡t Nam" && plain.report.isPlainUTF8)
        let tcvn = try TextDecoder.decode(Array("Vi".utf8) + [0xD6] + Array("t".utf8), choice: .tcvn3)
        #expect(Self.text(tcvn) == "Việt" && tcvn.report.detected == "TCVN3" && tcvn.report.declared == "TCVN3")
    }

    /// The bytes a text character came from, encoded independently of the decoder.
    static func expectedRaw(_ scalars: ArraySlice<Unicode.Scalar>, form: String) -> [UInt8]? {
        let tables = EncodingTables.shared
        var spelling: [Unicode.Scalar: String] = [:]
        for (k, v) in tables.viqrSpellings { spelling[v] = k }
        switch form {
        case "viqr":
            var out = ""
            var prev: Unicode.Scalar = " "
            for s in scalars {
                if let v = spelling[s] { out += v }
                else if "'`?~.^(+".unicodeScalars.contains(s) && ("aeiouyAEIOUY".unicodeScalars.contains(prev) || spelling[prev] != nil && prev != "đ" && prev != "Đ") { out += "\\" + String(s) }
                else { out.unicodeScalars.append(s) }
                prev = s
            }
            return Array(out.utf8)
        case let f where f.hasPrefix("mojibake"):
            let times = f.hasSuffix("x2") ? 2 : 1
            var text = String(String.UnicodeScalarView(scalars))
            for _ in 0..<times {
                let bytes = Array(text.utf8)
                text = String(String.UnicodeScalarView(bytes.map { f.contains("latin1") ? Unicode.Scalar($0) : tables.cp1252[Int($0)] }))
            }
            return Array(text.utf8)
        default:
            return nil
        }
    }

    @Test(arguments: forms.map(\.file))
    func rawSpansOfAConvertedDocumentCoverExactlyTheBytesOfTheirCharacters(file: String) throws {
        let form = String(file.split(separator: ".")[1])
        let raw = try Self.fixture(file)
        let d = try TextDecoder.decode(raw)
        let (scalars, offsets) = scalarsWithOffsets(d.text)
        var rng = SeededGenerator(seed: file.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) })
        let choice: EncodingChoice? = form == "tcvn3" ? .tcvn3 : form == "vni" ? .vni : form == "windows-1258" ? .icu("windows-1258") : nil
        for _ in 0..<300 {
            let a = Int.random(in: 0..<scalars.count, using: &rng)
            let b = min(scalars.count, a + Int.random(in: 1...40, using: &rng))
            let span = TextSpan(offsets[a], offsets[b])
            let r = d.alignment.rawSpan(for: span).range
            let rawSlice = Array(raw[r])
            if let choice {
                // Context-free encodings: the raw bytes alone decode to exactly the span's characters.
                let alone = try TextDecoder.decode(rawSlice, choice: choice)
                #expect(alone.text == Array(d.text[span.range]), "\(file) \(a)..<\(b)")
            } else {
                // The character before the span decides whether a literal VIQR mark was escaped.
                let from = max(0, a - 1)
                let withBefore = try #require(Self.expectedRaw(scalars[from..<b], form: form))
                let before = try #require(Self.expectedRaw(scalars[from..<a], form: form))
                let expected = Array(withBefore.dropFirst(before.count))
                #expect(rawSlice == expected, "\(file) \(a)..<\(b): \(String(decoding: rawSlice, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
            }
        }
    }

    @Test func recordsOfConvertedDocumentsCarryTheEncodingAndRawByteOffsets() throws {
        let raw = try Self.fixture("encoded/tin-kinh-te.tcvn3.txt")
        let items: [InputItem] = [.text(id: "t", source: .init(path: "t.txt"), bytes: raw)]
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: try #require(RecordWriter.schemaURL))) as! [String: Any]
        let validator = SchemaValidator(root: schema)
        for options in [OutputOptions(rawOffsets: true), OutputOptions(unit: .sentence, rawOffsets: true)] {
            let (lines, summary) = try runBatch(items, jobs: 1, output: options)
            #expect(summary.errors == 0)
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
                #expect(validator.validate(object).isEmpty, "\(validator.validate(object))")
            }
            let record = try jsonObject(lines[0])
            let encoding = try #require(record["encoding"] as? [String: Any])
            #expect(encoding["detected"] as? String == "TCVN3")
            #expect(encoding["raw_offset_unit"] as? String == "byte")
        }
        // Every entity's raw byte span, read as TCVN3 and normalized, is the entity's text.
        let (lines, _) = try runBatch(items, jobs: 1, output: OutputOptions(rawOffsets: true))
        let record = try jsonObject(lines[0])
        let entities = try #require(record["entities"] as? [[String: Any]])
        #expect(entities.count > 5)
        for e in entities {
            let slice = Array(raw[(e["raw_start"] as! Int)..<(e["raw_end"] as! Int)])
            let decoded = try TextDecoder.decode(slice, choice: .tcvn3)
            #expect(Self.nfc(Self.text(decoded)) == e["text"] as! String)
        }
    }

    @Test func theEncodingOptionReachesTextAndJSONLInput() throws {
        let vniLine = Array("Vie".utf8) + [0xE4] + Array("t".utf8)
        let forced = InputOptions(encoding: .vni)
        let doc = try InputItem.text(id: "v", source: .init(path: nil), bytes: vniLine).document(options: forced)
        #expect(doc.textString == "Việt")
        // JSON strings are Unicode: auto mode still undoes mojibake in them.
        let line = Array(#"{"text": "Viá»‡t Nam"}"#.utf8)
        let j = try InputItem.jsonLine(source: .init(path: "a.jsonl", line: 1), bytes: line).document(options: .init())
        #expect(j.textString == "Việt Nam")
        #expect(j.encoding?.repairs == ["mojibake:cp1252"])
    }

    @Test(arguments: 0..<300)
    func arbitraryBytesDecodeToValidTextWithAnAlignmentOrFailClearly(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 2654435761 &+ 1)
        let length = Int.random(in: 0...400, using: &rng)
        // A mix of ASCII words, high bytes and pieces of valid UTF-8, as broken scrapes have.
        var bytes: [UInt8] = []
        while bytes.count < length {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes += Array("Vie^.t Nam va` ".utf8)
            case 1: bytes += Array("Việt Nam và Hà Nội ".utf8)
            case 2: bytes.append(UInt8.random(in: 0x80...0xFF, using: &rng))
            default: bytes.append(UInt8.random(in: 0x01...0x7F, using: &rng))
            }
        }
        for choice in [EncodingChoice.auto, .tcvn3, .vni, .viqr, .icu("windows-1258"), .icu("Shift_JIS")] {
            do {
                let d = try TextDecoder.decode(bytes, choice: choice)
                #expect(d.alignment.rawLength == bytes.count && d.alignment.textLength == d.text.count)
                _ = try Document(id: "f", source: .init(path: nil), raw: bytes, text: d.text, alignment: d.alignment, encoding: d.report)
            } catch {
                #expect(choice == .auto || error.kind == .binary, "\(choice): \(error)")
            }
        }
    }
}
