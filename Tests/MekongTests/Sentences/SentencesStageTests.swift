import Foundation
import Testing
import MekongCore
@testable import MekongStages

@Suite struct SentencesStageTests {
    @Test(arguments: [
        // Titles and abbreviations do not end sentences.
        (Language.nl, "Volgens dhr. Jansen en mevr. De Vries is het klaar. Morgen meer.", ["Volgens dhr. Jansen en mevr. De Vries is het klaar.", "Morgen meer."]),
        (.nl, "Er kwamen o.a. ministers, bijv. uit Hanoi. Het duurde ca. drie uur.", ["Er kwamen o.a. ministers, bijv. uit Hanoi.", "Het duurde ca. drie uur."]),
        (.nl, "Zie nr. 5 van de lijst. Dat is alles.", ["Zie nr. 5 van de lijst.", "Dat is alles."]),
        (.nl, "De groei was 1,6 procent en 3.200 banen. Op 21/11/2025 begon het.", ["De groei was 1,6 procent en 3.200 banen.", "Op 21/11/2025 begon het."]),
        (.nl, "Het park levert 480 MW. Het kost veel.", ["Het park levert 480 MW.", "Het kost veel."]),
        (.en, "Dr. Smith met Mr. Jones in the U.S. on Monday. It rained.", ["Dr. Smith met Mr. Jones in the U.S. on Monday.", "It rained."]),
        (.en, "The data named U.S. Sens. Mike Lee and Orrin Hatch. Reps. Ann Kuster and Jim Banks spoke.", ["The data named U.S. Sens. Mike Lee and Orrin Hatch.", "Reps. Ann Kuster and Jim Banks spoke."]),
        (.en, "We saw e.g. apples and i.e. fruit. Then we left.", ["We saw e.g. apples and i.e. fruit.", "Then we left."]),
        (.en, "J. R. Smith arrived at 5 p.m. today. He spoke.", ["J. R. Smith arrived at 5 p.m. today.", "He spoke."]),
        (.en, "It grew 1.6% to $3,200. See https://example.com/a?b=c for more. Done!", ["It grew 1.6% to $3,200.", "See https://example.com/a?b=c for more.", "Done!"]),
        (.en, "\"Is it over?\" she asked. \"Yes.\" He left.", ["\"Is it over?\" she asked.", "\"Yes.\"", "He left."]),
        (.vi, "TS. Nguyễn Văn A và ThS. Trần Thị B đến TP. Hà Nội. PGS.TS. Lê C phát biểu.", ["TS. Nguyễn Văn A và ThS. Trần Thị B đến TP. Hà Nội.", "PGS.TS. Lê C phát biểu."]),
        (.vi, "Kim ngạch đạt 1,6 tỷ USD . Ông nói thêm .", ["Kim ngạch đạt 1,6 tỷ USD .", "Ông nói thêm ."]),
        (.vi, "Các quan chức của chính quyền TT. Obama đã rời đi. Họ im lặng.", ["Các quan chức của chính quyền TT. Obama đã rời đi.", "Họ im lặng."]),
        (.vi, "Có các thương hiệu Essie và Dr. PawPaw. Giá sẽ giảm.", ["Có các thương hiệu Essie và Dr. PawPaw.", "Giá sẽ giảm."]),
    ])
    func splitsAroundAbbreviationsNumbersAndQuotes(language: Language, text: String, expected: [String]) throws {
        #expect(try sentences(text, language: language) == expected)
    }

    @Test func aLineBreakThatEndsABlockEndsTheSentence() throws {
        let s = try sentences("Biển Xanh\nViệt Nam – Hà Lan: hợp tác\nDe heer Khoa zei dat")
        #expect(s == ["Biển Xanh", "Việt Nam – Hà Lan: hợp tác", "De heer Khoa zei dat"])
    }

    @Test func aHardWrappedLineJoinsTheNextOne() throws {
        let doc = try annotate("This sentence was wrapped\nin the middle. Next one.")
        #expect(doc.blocks.count == 1)
        #expect(doc.sentences.map { doc.string($0.span) } == ["This sentence was wrapped\nin the middle.", "Next one."])
    }

    @Test func emptyAndBlankDocumentsHaveNoSentences() throws {
        #expect(try sentences("").isEmpty)
        #expect(try sentences(" \n\u{200B}\n ").isEmpty)
    }

    /// Golden segmentation of the articles in corpora/, written by hand.
    @Test(arguments: ["nl/windpark-scraped", "nl/gemeenteraad", "vi/kinh-te", "vi/khong-dau", "en/trade-report"])
    func corporaArticlesSplitAsAnnotated(name: String) throws {
        let text = try String(contentsOf: Fixtures.corpora.appendingPathComponent(name + ".txt"), encoding: .utf8)
        let base = (name as NSString).lastPathComponent
        let gold = try Fixtures.string("sentences/\(base).sentences.txt").split(separator: "\n").map(String.init)
        let got = try sentences(text)
        #expect(got == gold)
    }
}
