/// The clinical text of a determination, as byte ranges: where later stages look for facts.
///
/// Facts come from the case summary and the rationales only — never from citation lines, headings
/// or boilerplate — and page furniture inside them (a "Page 2 of 4" line, a repeated case number)
/// is cut out, so a range may come in several pieces.
extension Determination {
    /// The case summary's pieces, then each item's rationale pieces, in text order within each.
    package var narrativeRanges: [Range<Int>] {
        caseSummaryRanges + items.flatMap(\.rationaleRanges)
    }

    /// Where a whole document's facts are read (`imr-check facts`): the narrative ranges of a letter,
    /// or all of `text` when it is a narrative (a physician's note) or shows no letter structure.
    public func factRegions(in text: SourceText) -> [Range<Int>] {
        if layout == .narrative || (items.isEmpty && caseSummaryText == nil) { return [0..<text.bytes.count] }
        return narrativeRanges
    }

    /// The narrative of one item, as an audit reads it: the case summary and that item's own
    /// rationale (another item's rationale is about another request).
    public func itemRegions(_ item: DisputedItem) -> [Range<Int>] {
        var regions: [Range<Int>] = []
        if let s = caseSummaryText { regions.append(s.range) }
        if let r = item.rationaleText { regions.append(r.range) }
        return regions
    }
}

extension DisputedItem {
    /// The rationale's byte range in the letter (page furniture inside it included).
    package var rationaleRange: Range<Int>? { rationaleText?.range }
}
