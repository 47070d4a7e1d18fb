// Letter/ — the letter model a parse produces: `Determination`, `DisputedItem`, `Decision`,
// `GuidelineCitation`, `Reviewer`, `Patient`, `LetterLayout`, their `parse` JSON and the narrative
// ranges later stages read. Plain values, no parsing. Not here: how a letter is read (LetterReading/,
// Layouts/).

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
    /// Date the letter or the decision was issued, when given.
    public var letterDate: Located<CalendarDay>?
    /// Date of the utilization-review denial, when given.
    public var urDenialDate: Located<CalendarDay>?
    public var caseSummary: Located<String>? {
        get { caseSummaryText?.located }
        set { caseSummaryText = newValue.map(LazyText.init) }
    }
    /// The case summary, its text made only when read (`caseSummary`): later stages read its range.
    package var caseSummaryText: LazyText?
    /// The case summary's byte range in pieces, without the page furniture inside it (see `narrativeRanges`).
    public var caseSummaryRanges: [Range<Int>] = []
    public var items: [DisputedItem] = []
    public var warnings: [String] = []

    /// The letter's own date: the date it was issued, else the date of the UR denial it reviews
    /// (the one place this fallback is written).
    public var documentDate: CalendarDay? { (letterDate ?? urDenialDate)?.value }

    public init(source: String, layout: LetterLayout) {
        self.source = source
        self.layout = layout
    }
}
