import Foundation
import Testing
import MekongICU
@testable import MekongStages

/// Every language data file: a provenance header, UTF-8 NFC, sorted, no duplicates,
/// and the same number of tab-separated fields on every line.
@Suite struct LanguageDataTests {
    static let files: [String] = {
        let base = ResourceData.directory
        let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        var out: [String] = []
        while let u = e?.nextObject() as? URL {
            if ["txt", "tsv"].contains(u.pathExtension) { out.append(String(u.path.dropFirst(base.path.count + 1))) }
        }
        return out.sorted()
    }()

    @Test func thereIsDataForEveryLanguage() {
        for lang in ["nl", "vi", "en"] {
            #expect(Self.files.contains("\(lang)/abbreviations.txt"))
            #expect(Self.files.contains("\(lang)/stopwords.txt"))
        }
    }

    @Test(arguments: files)
    func dataFileIsWellFormed(file: String) throws {
        let data = try Data(contentsOf: ResourceData.url(file))
        let text = try #require(String(data: data, encoding: .utf8), "not UTF-8")
        #expect(text.hasPrefix("#"), "no provenance header")
        #expect(!text.contains("\r"), "CR line endings")
        let nfc = try ICU.Normalizer(.nfc)
        #expect(try nfc.normalize(text) == text, "not NFC")
        let lines = try ResourceData.lines(file)
        #expect(!lines.isEmpty)
        let keys = lines.map { String($0.split(separator: "\t", omittingEmptySubsequences: false)[0]) }
        #expect(Set(keys).count == keys.count, "duplicate entries")
        #expect(keys.map { Array($0.utf8) }.lexicographicallySortedIsSorted, "entries not sorted by UTF-8 bytes")
        let fieldCounts = Set(lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).count })
        #expect(fieldCounts.count == 1, "lines with different numbers of fields")
    }
}

extension Array where Element == [UInt8] {
    var lexicographicallySortedIsSorted: Bool {
        zip(self, dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }
    }
}
