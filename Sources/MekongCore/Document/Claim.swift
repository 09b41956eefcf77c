/// A numeric claim: a number in the text with what it measures, normalized so that
/// `bijna 6 miljard dollar`, `gần 6 tỷ USD` and `nearly $6 billion` are equal.
public struct Claim: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case money, percent, quantity, count, year, date, time, ordinal, range, number
    }

    /// The closed set of qualifiers; absent when the text has none.
    public enum Qualifier: String, Sendable, CaseIterable {
        case about, nearly
        case moreThan = "more_than", lessThan = "less_than"
        case atLeast = "at_least", atMost = "at_most", upTo = "up_to"
    }

    public enum Change: String, Sendable, CaseIterable { case increase, decrease }

    public var span: TextSpan
    public var kind: Kind
    /// Exact decimal string (`"6000000000"`, `"1.6"`); an ISO date for dates; `HH:MM` for clock
    /// times; nil for ranges and vague amounts.
    public var value: String?
    /// Bounds of a range, or the lower bound of a vague amount (`honderden` ≥ 200).
    public var low: String?
    public var high: String?
    /// ISO 4217 for money, `%` for percent, SI or a canonical name for quantities.
    public var unit: String?
    /// The scale word as written (`miljard`, `tỷ`, `billion`, `k`).
    public var scale: String?
    public var qualifier: Qualifier?
    public var change: Change?

    public init(span: TextSpan, kind: Kind, value: String? = nil, low: String? = nil, high: String? = nil,
                unit: String? = nil, scale: String? = nil, qualifier: Qualifier? = nil, change: Change? = nil) {
        self.span = span
        self.kind = kind
        self.value = value
        self.low = low
        self.high = high
        self.unit = unit
        self.scale = scale
        self.qualifier = qualifier
        self.change = change
    }
}
