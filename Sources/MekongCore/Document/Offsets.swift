/// A UTF-8 byte offset into a document's normalized `text`.
/// Kept distinct from `RawIndex` so the two coordinate systems cannot be mixed up.
public struct TextIndex: Hashable, Comparable, Sendable {
    public var utf8Offset: Int
    public init(_ utf8Offset: Int) { self.utf8Offset = utf8Offset }
    public static func < (a: Self, b: Self) -> Bool { a.utf8Offset < b.utf8Offset }
}

/// A UTF-8 byte offset into a document's raw input.
public struct RawIndex: Hashable, Comparable, Sendable {
    public var utf8Offset: Int
    public init(_ utf8Offset: Int) { self.utf8Offset = utf8Offset }
    public static func < (a: Self, b: Self) -> Bool { a.utf8Offset < b.utf8Offset }
}

/// A half-open span of the normalized text.
public struct TextSpan: Hashable, Sendable {
    public var start: TextIndex
    public var end: TextIndex
    public init(_ start: Int, _ end: Int) {
        self.start = TextIndex(start)
        self.end = TextIndex(end)
    }
    public var range: Range<Int> { start.utf8Offset..<end.utf8Offset }
    public var isEmpty: Bool { start == end }
}

/// A half-open span of the raw input.
public struct RawSpan: Hashable, Sendable {
    public var start: RawIndex
    public var end: RawIndex
    public init(_ start: Int, _ end: Int) {
        self.start = RawIndex(start)
        self.end = RawIndex(end)
    }
    public var range: Range<Int> { start.utf8Offset..<end.utf8Offset }
}
