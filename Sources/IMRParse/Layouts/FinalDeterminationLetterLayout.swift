/// The later "Final Determination Letter" (`final_determination_letter`):
///
/// ```
/// Final Determination Letter
/// IMR Case Number: … / Date of Injury: … / UR Denial Date: … / Decision Date: …
/// DOCUMENTS REVIEWED                    a list (not narrative)
/// CLINICAL CASE SUMMARY                 the summary
/// IMR DECISION(S) AND RATIONALE(S)
///   1. <title> is [not] medically necessary and appropriate.
///   Claims Administrator guideline: … / MAXIMUS guideline: … / Decision rationale: …
///   (or the "Guideline(s) Used by …" / "Rationale:" wordings)
/// ```
/// "is not medically necessary and appropriate" is Upheld; "is medically necessary and appropriate"
/// is Overturned.
enum FinalDeterminationLetterLayout: LayoutReader {
    static let layout = LetterLayout.finalDeterminationLetter
    static let decisionsHeading = LayoutMarker("letter decisions heading", .lineStart,
                                               ["imr decision(s) and rationale(s)", "imr decisions and rationales", "imr decision and rationale"])
    static let title = LayoutMarker("final determination letter title", .lineStart, ["final determination letter"])
    static let urDenialDate = LayoutMarker("ur denial date label", .header, ["ur denial date"])
    static let markers = [decisionsHeading, title, urDenialDate]

    static func isPresent(_ found: FoundMarkers) -> Bool {
        found.atLineStart(decisionsHeading) || (found.atLineStart(title) && found.inHeader(urDenialDate))
    }

    static func parse(_ context: LayoutContext) -> LayoutResult {
        var result = LayoutResult()
        result.caseSummary = context.caseSummary()
        let issues = context.first(.issues)
        let firstSection = [context.first(.documents), context.first(.caseSummary), issues].compactMap { $0?.range.lowerBound }.min()
        var reviewerEnd = firstSection ?? context.bytes.count
        // A credentials block may sit after "DOCUMENTS REVIEWED".
        if let credentials = context.first(.credentials) { reviewerEnd = max(reviewerEnd, context.section(credentials).upperBound) }
        result.reviewerScope = 0..<reviewerEnd
        guard let issues else {
            result.warnings.append("no \"IMR DECISION(S) AND RATIONALE(S)\" section: the letter may be cut off before its items")
            return result
        }
        result.items = context.readItems(from: context.itemsSection(issues).lowerBound)
        return result
    }

}
