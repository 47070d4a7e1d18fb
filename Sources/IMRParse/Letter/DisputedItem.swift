/// One disputed treatment or service and the reviewer's decision on it.
public struct DisputedItem: Sendable {
    public var title: Located<String>
    public var decision: Located<Decision>?
    public var claimsAdministratorGuideline: GuidelineCitation?
    public var imrGuideline: GuidelineCitation?
    public var rationale: Located<String>? {
        get { rationaleText?.located }
        set { rationaleText = newValue.map(LazyText.init) }
    }
    /// The rationale, its text made only when read (`rationale`): later stages read its range.
    package var rationaleText: LazyText?
    /// The rationale's byte range in pieces, without the page furniture inside it.
    public var rationaleRanges: [Range<Int>] = []
    /// A sentence in the item that says what becomes of the utilization review's decision ("The
    /// utilization review decision is overturned."): the strongest statement of the decision.
    package var verdict: Located<Decision>?
    /// The item's whole text in the letter, header to the next item (where the verdict is looked for).
    package var range: Range<Int>?
    /// The item's header in the letter (numbering, title and any decision it states) and how it is
    /// written ("decisionLabel", "sentence", "regarding", "numberedTitle", "titleLabel", "tail").
    package var header: (range: Range<Int>, form: String, number: Int?)?
    public init(title: Located<String>) { self.title = title }
}
