/// The clinical text of a determination, as byte ranges: where later stages look for facts.
///
/// Facts come from the case summary and the rationales only — never from citation lines, headings
/// or boilerplate — and page furniture inside them (a "Page 2 of 4" line, a repeated case number)
/// is cut out, so a range may come in several pieces.
extension Determination {
    /// The case summary's pieces, then each item's rationale pieces, in text order within each.
    public var narrativeRanges: [Range<Int>] {
        caseSummaryRanges + items.flatMap(\.rationaleRanges)
    }
}

extension DisputedItem {
    /// The rationale's byte range in the letter (page furniture inside it included).
    public var rationaleRange: Range<Int>? { rationale?.range }
}
