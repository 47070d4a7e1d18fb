/// A letter whose layout is not recognised but which has letter-like parts (`unknown`): whatever
/// items can be found are read with every header form the known layouts use ("…: Upheld",
/// "Regarding the request for …:", "1. … is not medically necessary and appropriate.") and every
/// field label, and the result carries a warning.
enum UnknownLayout: LayoutReader {
    static let layout = LetterLayout.unknown
    static let labels = LayoutMarker("letter-like labels", .lineStart,
                                     ["decision rationale:", "claims administrator guideline", "maximus guideline", "rationale for the decision",
                                      "medical treatment guideline", "regarding the request for", "determination:", "imr guideline",
                                      "rationale:", "guideline(s) used", "guidelines used", "guideline used", "guideline(s) relied upon",
                                      "decision:", "final determination letter", "independent medical review"])
    static let words = LayoutMarker("letter-like words", .anywhere,
                                    ["independent medical review", "maximus federal services", "expert reviewer", "physician reviewer",
                                     "medically necessary and appropriate", "imr case number"])
    static let markers = [labels, words]

    /// Two or more letter-like markers: each label at a line start, each word anywhere, a line
    /// ending "…: Upheld" or "…: Overturned", and a heading of a letter's sections (a case summary,
    /// the decisions, the reviewer's qualifications) count one each.
    static func isPresent(_ found: FoundMarkers) -> Bool {
        var count = found.countAtLineStart(labels) + (hasDecisionLine(found.lines) ? 1 : 0)
        count += found.hasHeading(.caseSummary) ? 1 : 0
        count += found.hasHeading(.issues, .issueAtDispute) ? 1 : 0
        count += found.hasHeading(.qualifications, .credentials, .howMade) ? 1 : 0
        return count >= 2 || count + found.countAnywhere(words) >= 2
    }

    /// Whether a line of `range` ends with a decision word ("… - OVERTURNED", "…: Upheld") or holds
    /// list entries in columns ("Item 1  OVERTURNED").
    private static func lines(_ context: LayoutContext, _ range: Range<Int>, haveDecisionLine: Bool) -> Bool {
        context.lines.significant(in: range).contains { k in
            let c = context.lines[k].content
            return DecisionPhrases.atLineEnd(context.bytes, c) != nil
                || (DecisionPhrases.endsWithWord(context.bytes, c, afterGap: true) && ItemHeaders.numberOpens(context.bytes, c)
                    && ItemHeaders.entriesInColumns(context.bytes, c) != nil)
        }
    }

    /// A line ending "…: Upheld" or "…: Overturned".
    static func hasDecisionLine(_ lines: LetterLines) -> Bool {
        for k in 0..<lines.count where lines.isSignificant(k) {
            if DecisionPhrases.atLineEnd(lines.bytes, lines[k].content) != nil { return true }
        }
        return false
    }

    static func parse(_ context: LayoutContext) -> LayoutResult {
        var result = LayoutResult()
        let bytes = context.bytes
        // Where the items are looked for: under an items heading; else from the case summary on (the
        // summary may run into the items without a heading between); else the whole letter.
        var start = 0
        if let heading = context.first(.caseSummary) { start = context.section(heading).lowerBound }
        if let issues = context.first(.issues) { start = context.itemsSection(issues).lowerBound }
        // Items without a single field are not items: a stray "…: Upheld" line in running text.
        let keep: (ItemDraft) -> Bool = { $0.header.decision != nil || !$0.fields.isEmpty || $0.unlabelled != nil }
        var items = context.readItems(from: start, keep: keep)
        // A case summary that closes the letter (after the items told in detail): the items are
        // read from the start.
        if items.isEmpty, start > 0 {
            items = context.readItems(from: 0, keep: keep)
            start = 0
        }
        // A list of decisions before the summary ("Final determination for each disputed item:" /
        // "1) Urine drug screen - OVERTURNED"): its entries, merged with the details after.
        if start > 0, lines(context, 0..<start, haveDecisionLine: true) {
            // A note after the list ("Upheld means the denial stands.") is no rationale.
            let listed = context.items(in: 0..<start, headers: ItemHeaders.decisionHeaders).filter {
                $0.decision != nil && $0.imrGuideline == nil && $0.claimsAdministratorGuideline == nil
            }.map { item -> DisputedItem in
                var entry = item
                entry.rationaleText = nil
                return entry
            }
            items = listed + items
        }
        // Items told in paragraphs that open with the titles the list gives them ("Norco 10/325mg
        // #120. The reviewer relied on …"), with no label or numbering of their own.
        if let withDetails = ListedDetails.read(context, items) { items = withDetails }
        // Nothing else: items named only in the sentences that decide them ("the reviewer found that
        // <treatment> is medically necessary").
        if items.isEmpty { items = ConcludedItem.read(context.lines) }
        result.items = items
        result.caseSummary = context.caseSummary()
        // The reviewer is described before the clinical part of the letter.
        let clinicalStart = [context.first(.caseSummary)?.range.lowerBound, items.first?.range?.lowerBound].compactMap { $0 }.min()
        result.reviewerScope = 0..<(clinicalStart ?? bytes.count)
        if let q = context.first(.qualifications) { result.reviewerScope = 0..<max(clinicalStart ?? 0, context.section(q).upperBound) }
        return result
    }
}
