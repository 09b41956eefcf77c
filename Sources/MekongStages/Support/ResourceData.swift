import Foundation

/// Loads Mekong's language data files (UTF-8, NFC, `#` comments) from the
/// package's resource bundle, or from `$MEKONG_DATA` when set.
public enum ResourceData {
    public struct MissingResource: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "language data file not found: \(path)" }
    }

    /// The folder holding `common/`, `nl/`, `vi/`, `en/`.
    public static let directory: URL = {
        if let env = ProcessInfo.processInfo.environment["MEKONG_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env, isDirectory: true)
        }
        // `.copy("Resources")` keeps the folder name inside the bundle.
        let bundle = Bundle.module.bundleURL
        let nested = bundle.appendingPathComponent("Resources", isDirectory: true)
        return FileManager.default.fileExists(atPath: nested.appendingPathComponent("common").path) ? nested : bundle
    }()

    public static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// The non-comment, non-blank lines of a data file, trailing blanks removed.
    public static func lines(_ relativePath: String) throws -> [String] {
        let u = url(relativePath)
        guard let data = FileManager.default.contents(atPath: u.path) else { throw MissingResource(path: u.path) }
        var result: [String] = []
        // Split on bytes: Foundation's trimming per line made loading the gazetteers slow.
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard line.first != 0x23 else { continue }                       // '#'
            var slice = line[...]
            while let b = slice.first, b == 0x20 || b == 0x09 || b == 0x0D { slice = slice.dropFirst() }
            while let b = slice.last, b == 0x20 || b == 0x09 || b == 0x0D { slice = slice.dropLast() }
            if !slice.isEmpty { result.append(String(decoding: slice, as: UTF8.self)) }
        }
        return result
    }

    /// The lines of a data file a language may do without; none when the file is absent.
    public static func optionalLines(_ relativePath: String) throws -> [String] {
        FileManager.default.fileExists(atPath: url(relativePath).path) ? try lines(relativePath) : []
    }

    /// The rows of a data file a language may do without; none when the file is absent.
    public static func optionalTable(_ relativePath: String) throws -> [[String]] {
        FileManager.default.fileExists(atPath: url(relativePath).path) ? try table(relativePath) : []
    }

    /// Tab-separated fields of each data line.
    public static func table(_ relativePath: String) throws -> [[String]] {
        try lines(relativePath).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}
