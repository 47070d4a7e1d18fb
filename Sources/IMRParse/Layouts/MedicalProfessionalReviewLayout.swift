/// The "MEDICAL PROFESSIONAL REVIEW" letter (`medical_professional_review`), built from headings
/// that may wrap over two lines:
///
/// ```
/// MEDICAL PROFESSIONAL REVIEW
/// ISSUE AT DISPUTE:  <title>                 or a numbered list of titles
/// DETERMINATION: UPHELD | OVERTURNED         one per title (optional)
/// CASE SUMMARY: …
/// DOCUMENTS REVIEWED FOR DETERMINATION: …    a list (not narrative)
/// MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY: …
/// RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY: …
///    (the "… IS MEDICALLY NECESSARY:" variant when the denial is overturned)
/// MEDICAL REVIEWER QUALIFICATIONS: …
/// ```
/// A letter may repeat the block from "ISSUE AT DISPUTE:" for each item. A determination line wins
/// over the rationale heading's wording (a rationale that concludes otherwise gets the usual
/// warning from `ItemChecks`). When several
/// items share one guideline or rationale section, it is split on numbered paragraphs ("1.", "2.")
/// if their count matches, and otherwise given to each item with a warning.
enum MedicalProfessionalReviewLayout: LayoutReader {
    static let layout = LetterLayout.medicalProfessionalReview
    static let title = LayoutMarker("medical professional review title", .lineStart, ["medical professional review"])
    static let markers = [title]

    /// The title, or the "ISSUE AT DISPUTE:" / "RATIONALE FOR WHY THE REQUESTED …" headings.
    static func isPresent(_ found: FoundMarkers) -> Bool {
        found.atLineStart(title) || found.hasHeading(.issueAtDispute, .reviewerRationale)
    }

    static func parse(_ context: LayoutContext) -> LayoutResult {
        var result = LayoutResult()
        let lines = context.lines
        let bytes = context.bytes
        if let summary = context.first(.caseSummary) {
            result.caseSummary = lines.trim(context.section(summary))
        }
        if let q = context.first(.qualifications) {
            result.reviewerScope = context.section(q)
        } else {
            result.reviewerScope = 0..<bytes.count
        }
        let issueHeadings = context.headings.filter { $0.kind == .issueAtDispute }
        guard !issueHeadings.isEmpty else {
            result.warnings.append("no \"ISSUE AT DISPUTE:\" heading: no disputed item could be read")
            return result
        }
        for (g, issue) in issueHeadings.enumerated() {
            let groupEnd = g + 1 < issueHeadings.count ? issueHeadings[g + 1].range.lowerBound : bytes.count
            let group = issue.range.lowerBound..<groupEnd
            var items = titles(context, issue)
            guard !items.isEmpty else {
                result.warnings.append("an \"ISSUE AT DISPUTE:\" heading names no treatment")
                continue
            }
            let inGroup = context.headings.filter { group.contains($0.range.lowerBound) }
            // A single item may state its determination anywhere in its block.
            if items.count == 1, items[0].decision == nil {
                for k in lines.significant(in: group) {
                    if let d = DecisionPhrases.determinationLine(bytes, lines[k].content) { items[0].decision = d; break }
                }
            }
            if let guidelines = inGroup.first(where: { $0.kind == .reviewerGuidelines }) {
                let parts = split(context.section(guidelines), count: items.count, lines)
                if parts.count != items.count, items.count > 1 {
                    result.warnings.append("the guideline section is shared by \(items.count) items")
                }
                for k in items.indices {
                    items[k].imrGuideline = ItemBuilder.citation(parts.count == items.count ? parts[k] : context.section(guidelines), lines)
                }
            }
            if let rationale = inGroup.first(where: { $0.kind == .reviewerRationale }) {
                let parts = split(context.section(rationale), count: items.count, lines)
                if parts.count != items.count, items.count > 1 {
                    result.warnings.append("the rationale section is shared by \(items.count) items")
                }
                let headingDecision = decision(ofHeading: rationale, bytes)
                for k in items.indices {
                    items[k].rationaleText = ItemBuilder.lazyLocated(parts.count == items.count ? parts[k] : context.section(rationale), lines)
                    // The heading's wording is often the template's, whatever the decision: it only
                    // fills in a decision no determination line or sentence states.
                    if items[k].decision == nil, let hd = headingDecision { items[k].decision = hd }
                }
            }
            result.items += items
        }
        // Items read from their own headings when the blocks hold none: the issues listed, then
        // detailed under a decisions heading ("Item 1: …" / "Determination: UPHELD" / "Rationale: …");
        // the list and the details are merged as one record per item (`ItemMerger`).
        if result.items.contains(where: { $0.rationaleText == nil && $0.imrGuideline == nil }), let issues = context.first(.issues) {
            let details = context.readItems(from: context.itemsSection(issues).lowerBound)
            if details.contains(where: { $0.rationaleText != nil || $0.imrGuideline != nil }) { result.items += details }
        }
        return result
    }

    private static let medicallyNecessary = Phrase("medically necessary")
    private static let notWords = PhraseSet([Phrase("is/was not"), Phrase("was not"), Phrase("is not"), Phrase("not medically")])

    /// The decision a rationale heading's own words state: "… IS/WAS NOT MEDICALLY NECESSARY:" is
    /// Upheld, "… IS MEDICALLY NECESSARY:" is Overturned.
    static func decision(ofHeading heading: SectionFinder.Heading, _ bytes: [UInt8]) -> Located<Decision>? {
        guard medicallyNecessary.find(in: bytes, heading.range) != nil else { return nil }
        let negative = notWords.findFirst(in: bytes, heading.range) != nil
        return Located(negative ? .upheld : .overturned, heading.range)
    }

    /// The items an "ISSUE AT DISPUTE:" section names: one title, or one per numbered line, each with
    /// the determination line that follows it or the decision sentence it ends with.
    static func titles(_ context: LayoutContext, _ heading: SectionFinder.Heading) -> [DisputedItem] {
        let lines = context.lines
        let bytes = context.bytes
        let section = context.section(heading)
        var items: [DisputedItem] = []
        var current: (start: Int, end: Int)? = nil
        var decisions: [Located<Decision>?] = []
        var pending: Located<Decision>? = nil
        func flush() {
            guard let c = current else { return }
            var title = lines.trim(c.start..<c.end)
            var decision = pending
            if let (d, verb) = DecisionPhrases.firstSentence(bytes, title) {
                title = lines.trim(title.lowerBound..<verb)
                if decision == nil { decision = d }
            }
            let r = ItemBuilder.titleRange(title, lines, prefixes: ItemHeaders.titlePrefixes)
            if !r.isEmpty {
                items.append(DisputedItem(title: Located(lines.clean(r), r)))
                decisions.append(decision)
            }
            current = nil
            pending = nil
        }
        for (_, content) in lines.segments(in: section) {
            if let d = DecisionPhrases.determinationLine(bytes, content) {
                if current != nil { pending = d; flush() } else if let last = decisions.indices.last, decisions[last] == nil { decisions[last] = d }
                continue
            }
            if ItemHeaders.numberEnd(bytes, content) != nil, current != nil { flush() }
            if current == nil { current = (content.lowerBound, content.upperBound) } else { current?.end = content.upperBound }
        }
        // The heading's own line may hold the title ("ISSUE AT DISPUTE: Lumbar MRI").
        flush()
        for k in items.indices { items[k].decision = decisions[k] }
        return items
    }

    /// `section` cut at its numbered paragraphs ("1.", "2.") when there are exactly `count` of them.
    static func split(_ section: Range<Int>, count: Int, _ lines: LetterLines) -> [Range<Int>] {
        guard count > 1 else { return [section] }
        let starts = lines.significantLines(in: section).compactMap { k -> Int? in
            ItemHeaders.numberEnd(lines.bytes, lines[k].content).map { _ in lines[k].contentStart }
        }
        guard starts.count == count else { return [section] }
        return starts.indices.map { k in
            let textStart = ItemHeaders.numberEnd(lines.bytes, starts[k]..<section.upperBound) ?? starts[k]
            return textStart..<(k + 1 < starts.count ? starts[k + 1] : section.upperBound)
        }
    }
}
