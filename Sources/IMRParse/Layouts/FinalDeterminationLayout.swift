/// The 2014–2015 letter (`final_determination`, the layout of the five seed letters):
///
/// ```
/// HOW THE IMR FINAL DETERMINATION WAS MADE      reviewer prose or a credentials block
/// CLINICAL CASE SUMMARY                         boilerplate sentence, then the summary
/// IMR ISSUES, DECISIONS AND RATIONALES          "…set forth below:", then per item:
///   <title, possibly over several lines>: Upheld | Overturned   (the decision may sit on the next line)
///   Claims Administrator guideline: …
///   MAXIMUS guideline: …
///   Decision rationale: …
/// ```
enum FinalDeterminationLayout: LayoutReader {
    static let layout = LetterLayout.finalDetermination
    /// Also what `FinalDeterminationCaseHeaderLayout` is recognised by.
    static let headings = LayoutMarker("final determination headings", .lineStart,
                                       ["how the imr final determination was made", "imr issues, decisions"])
    static let markers = [headings]

    static func isPresent(_ found: FoundMarkers) -> Bool { found.atLineStart(headings) }

    static func parse(_ context: LayoutContext) -> LayoutResult {
        var result = LayoutResult()
        let issues = context.first(.issues)
        result.caseSummary = context.caseSummary()
        result.reviewerScope = 0..<(context.first(.caseSummary)?.range.lowerBound ?? issues?.range.lowerBound ?? context.bytes.count)
        // "HOW THE IMR FINAL DETERMINATION WAS MADE" describes the reviewer wherever it stands.
        if let how = context.first(.howMade), context.section(how).upperBound > result.reviewerScope!.upperBound {
            result.reviewerScope = 0..<context.section(how).upperBound
        }
        guard let issues else {
            result.warnings.append("no \"IMR ISSUES, DECISIONS AND RATIONALES\" section: the letter may be cut off before its items")
            return result
        }
        result.items = context.readItems(from: context.itemsSection(issues).lowerBound)
        if let summary = result.caseSummary { result.warnings += strayRationale(in: summary, context, items: result.items) }
        return result
    }

    private static let strayLabels = PhraseSet([Phrase("decision rationale:"), Phrase("rationale for the decision:")])

    /// A decision rationale pasted into the case summary (seed 001): kept as written, with a warning
    /// that says whether it repeats an item's rationale.
    static func strayRationale(in summary: Range<Int>, _ context: LayoutContext, items: [DisputedItem]) -> [String] {
        guard let (_, r) = strayLabels.findFirst(in: context.bytes, summary) else { return [] }
        let stray = context.lines.clean(r.upperBound..<summary.upperBound)
        if let k = items.firstIndex(where: { $0.rationale?.value == stray }) {
            return ["the case summary holds a decision rationale (the same text as item \(k + 1)'s rationale)"]
        }
        return ["the case summary holds a decision rationale"]
    }
}

/// The same letter with a case header ("Case Number: / Date Assigned: / Date of Injury: / Decision
/// Date: / Priority:") and, usually, a credentials block ("State(s) of Licensure: /
/// Certification(s)/Specialty:"). The body is read exactly as `FinalDeterminationLayout`; the header
/// fields are read by `HeaderFields` for every layout.
enum FinalDeterminationCaseHeaderLayout: LayoutReader {
    static let layout = LetterLayout.finalDeterminationCaseHeader
    static let caseNumber = LayoutMarker("case number label", .lineStart, ["case number:", "imr case number:"])
    static let headerFields = LayoutMarker("case header fields", .header, ["date assigned:", "decision date:", "priority:", "date of injury:"])
    static let markers = [FinalDeterminationLayout.headings, caseNumber, headerFields]

    static func isPresent(_ found: FoundMarkers) -> Bool {
        found.atLineStart(FinalDeterminationLayout.headings) && found.atLineStart(caseNumber) && found.inHeader(headerFields)
    }

    static func parse(_ context: LayoutContext) -> LayoutResult {
        FinalDeterminationLayout.parse(context)
    }
}
