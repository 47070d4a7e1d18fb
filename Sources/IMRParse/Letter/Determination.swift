/// One IMR final determination letter, parsed: who reviewed it, about whom, and each disputed item.
///
/// Every field remembers the byte range of the source it came from (`range`), so evidence found
/// later in the case summary or a rationale points into the letter itself.
public struct Determination: Sendable {
    public var source: String
    public var layout: LetterLayout
    public var reviewer = Reviewer()
    public var patient = Patient()
    /// Case number ("CM13-0012345"), when the letter gives one.
    public var caseNumber: Located<String>?
    /// Date the letter or the decision was issued (ISO 8601), when given.
    public var letterDate: Located<String>?
    /// Date of the utilization-review denial (ISO 8601), when given.
    public var urDenialDate: Located<String>?
    public var caseSummary: Located<String>?
    /// The case summary's byte range in pieces, without the page furniture inside it (see `narrativeRanges`).
    public var caseSummaryRanges: [Range<Int>] = []
    public var items: [DisputedItem] = []
    public var warnings: [String] = []

    public init(source: String, layout: LetterLayout) {
        self.source = source
        self.layout = layout
    }
}
