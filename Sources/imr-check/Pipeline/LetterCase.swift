import GuidelineRules
import IMRParse

/// How a parsed letter becomes cases for the rules: which text regions are clinical narrative
/// (the case summary and each item's own rationale; never citation lines or headings), and what
/// the header says (letter date, patient).
enum LetterCase {
    static func context(_ d: Determination, _ text: SourceText? = nil) -> CaseContext { CaseContext(letter: d, source: text) }

    /// The narrative of the whole document (for `facts`).
    static func documentRegions(_ d: Determination, _ text: SourceText) -> [Range<Int>] {
        if d.layout == .narrative || (d.items.isEmpty && d.caseSummary == nil) { return [0..<text.bytes.count] }
        return d.narrativeRanges
    }

    /// The narrative of one item: the case summary and that item's rationale only.
    static func itemRegions(_ d: Determination, item: DisputedItem) -> [Range<Int>] {
        var regions: [Range<Int>] = []
        if let s = d.caseSummary { regions.append(s.range) }
        if let r = item.rationale { regions.append(r.range) }
        return regions
    }

    /// Year of the determination for the audit breakdown: the letter date, else the UR denial date,
    /// else the item's date of service.
    static func year(_ d: Determination, _ p: Prediction) -> Int? {
        if let iso = (d.letterDate ?? d.urDenialDate)?.value, let y = Int(iso.prefix(4)) { return y }
        return p.request.serviceDate.map { CivilDate.civil(days: $0).year }
    }
}
