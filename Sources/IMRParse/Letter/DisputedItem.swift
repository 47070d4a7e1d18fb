/// One disputed treatment or service and the reviewer's decision on it.
public struct DisputedItem: Sendable {
    public var title: Located<String>
    public var decision: Located<Decision>?
    public var claimsAdministratorGuideline: GuidelineCitation?
    public var imrGuideline: GuidelineCitation?
    public var rationale: Located<String>?
    /// The rationale's byte range in pieces, without the page furniture inside it.
    public var rationaleRanges: [Range<Int>] = []
    public init(title: Located<String>) { self.title = title }
}
