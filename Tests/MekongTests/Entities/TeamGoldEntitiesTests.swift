import Foundation
import Testing
import MekongCore
@testable import MekongStages

/// The golden test of the entities stage: the team's own annotated articles in
/// `corpora/entities-gold/<lang>/` (Vietnamese with and without diacritics, English, Dutch),
/// scored the way `score_ner.py` scores (each sentence's tokens joined by single spaces,
/// entity-level exact span and type, EVENT counted as MISC). Each language must keep its
/// measured F1 (README); a change that loses more than a point fails here.
@Suite struct TeamGoldEntitiesTests {
    /// The F1 measured when this test was written, less one point.
    static let floors: [(String, Double)] = [("vi", 0.85), ("en", 0.84), ("nl", 0.76)]

    @Test(arguments: floors)
    func theTeamsAnnotatedArticlesKeepTheirScore(language: String, floor: Double) throws {
        let folder = Fixtures.corpora.appendingPathComponent("entities-gold/\(language)")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "iob2" }
        #expect(!files.isEmpty)
        var pipeline = try PipelineFactory.make(PipelineConfiguration(stages: [.entities]))
        var gold = 0, predicted = 0, correct = 0
        for file in files {
            for sentence in try IOBReader.read(contentsOf: file) {
                // Code-point start of every token in the joined text.
                var starts: [Int] = [], position = 0
                for t in sentence.tokens { starts.append(position); position += t.unicodeScalars.count + 1 }
                let text = sentence.tokens.joined(separator: " ")
                var doc = try Document(id: file.lastPathComponent, source: DocumentSource(path: nil), raw: Array(text.utf8))
                doc.forcedLanguage = Language(rawValue: language)
                try pipeline.run(&doc)
                let expected = Set(sentence.chunks.map { "\($0.start) \($0.end) \($0.type == "EVENT" ? "MISC" : $0.type)" })
                var got = Set<String>()
                for e in doc.entities {
                    let a = doc.text[..<e.span.range.lowerBound].count { $0 & 0xC0 != 0x80 }
                    let b = doc.text[..<e.span.range.upperBound].count { $0 & 0xC0 != 0x80 }
                    guard let first = starts.firstIndex(where: { $0 >= a }), let last = starts.lastIndex(where: { $0 < b }) else { continue }
                    got.insert("\(first) \(last + 1) \(e.label == .EVENT ? "MISC" : e.label.rawValue)")
                }
                gold += expected.count
                predicted += got.count
                correct += expected.intersection(got).count
            }
        }
        let p = Double(correct) / Double(max(predicted, 1)), r = Double(correct) / Double(max(gold, 1))
        let f1 = p + r > 0 ? 2 * p * r / (p + r) : 0
        #expect(f1 >= floor, "\(language): F1 \(f1) (P \(p) R \(r)) on \(gold) gold entities")
    }
}
