import MekongCore
import MekongICU

/// Where Vietnamese tone marks go in the open syllables `oa`, `oe`, `uy`
/// (`hòa`/`hoà`, `khỏe`/`khoẻ`, `thủy`/`thuỷ`). Sources disagree on which style is
/// "old", so the options are named by where the mark goes.
public enum ToneMarkPlacement: String, Sendable, Codable, CaseIterable {
    case keep
    /// `hòa`, `khỏe`, `thủy`.
    case firstVowel = "first-vowel"
    /// `hoà`, `khoẻ`, `thuỷ`.
    case secondVowel = "second-vowel"
}

public struct NormalizeConfiguration: Sendable, Codable, Equatable {
    public enum Form: String, Sendable, Codable, CaseIterable { case nfc, nfkc }
    public var form: Form = .nfc
    /// Curly quotes to straight ones and dashes to `-` (off by default: they carry meaning).
    public var foldQuotesAndDashes = false
    public var toneMarks: ToneMarkPlacement = .keep
    public init(form: Form = .nfc, foldQuotesAndDashes: Bool = false, toneMarks: ToneMarkPlacement = .keep) {
        self.form = form
        self.foldQuotesAndDashes = foldQuotesAndDashes
        self.toneMarks = toneMarks
    }
}

/// Whitespace and debris cleanup, then ICU NFC (or NFKC), then the optional
/// quote/dash folding and tone-mark placement. Every pass records its edits and
/// they are composed onto the document's alignment.
public struct NormalizeStage: Stage {
    public static let name = StageName.normalize
    public static let requires: [StageName] = []

    public let configuration: NormalizeConfiguration
    private let normalizer: ICU.Normalizer
    private let folding: CharacterFolding?
    private let toneMarks: ToneMarkPlacer?

    public init(_ configuration: NormalizeConfiguration = .init()) throws {
        self.configuration = configuration
        normalizer = try ICU.Normalizer(configuration.form == .nfc ? .nfc : .nfkc)
        folding = configuration.foldQuotesAndDashes ? try CharacterFolding.load() : nil
        toneMarks = configuration.toneMarks == .keep ? nil : try ToneMarkPlacer(configuration.toneMarks, normalizer: ICU.Normalizer(.nfc))
    }

    public func process(_ document: inout Document) throws {
        var changed = 0
        let (cleaned, cleanEdits) = WhitespaceCleanup.run(document.text)
        if !cleanEdits.isIdentity { document.replaceText(cleaned, edits: cleanEdits) }

        let normalized = try document.text.withUnsafeBufferPointer { try normalizer.normalize($0) }
        if let normalized {
            var b = Alignment.Builder()
            for r in normalized.runs {
                if r.changed { b.replace(raw: r.sourceLength, text: r.resultLength) } else { b.copy(r.sourceLength) }
            }
            document.replaceText(normalized.bytes, edits: b.build())
        }
        if let folding, let (t, e) = folding.apply(document.text) { document.replaceText(t, edits: e) }
        if let toneMarks, let (t, e) = toneMarks.apply(document.text) { document.replaceText(t, edits: e) }
        changed = document.alignment.changedRunCount
        document.normalization = NormalizationSummary(form: configuration.form.rawValue.uppercased(), changedRuns: changed)
    }
}
