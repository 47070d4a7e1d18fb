/// A letter whose layout is not recognised but which has letter-like parts (`unknown`): whatever
/// items can be found are read with every header form the known layouts use ("…: Upheld",
/// "Regarding the request for …:", "1. … is not medically necessary and appropriate.") and every
/// field label, and the result carries a warning.
enum UnknownLayout: LayoutReader {
    static let layout = LetterLayout.unknown
    static let labels = LayoutMarker("letter-like labels", .lineStart,
                                     ["decision rationale:", "claims administrator guideline", "maximus guideline", "rationale for the decision",
                                      "medical treatment guideline", "regarding the request for", "determination:", "imr guideline"])
    static let words = LayoutMarker("letter-like words", .anywhere,
                                    ["independent medical review", "maximus federal services", "expert reviewer", "physician reviewer",
                                     "medically necessary and appropriate"])
    static let markers = [labels, words]

    /// Two or more letter-like markers: each label at a line start, each word anywhere, and a line
    /// ending "…: Upheld" or "…: Overturned" count one each.
    static func isPresent(_ found: FoundMarkers) -> Bool {
        found.countAnywhere(words) + found.countAtLineStart(labels) + (hasDecisionLine(found.lines) ? 1 : 0) >= 2
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
        result.warnings.append("letter layout not recognised: items were read from their labels and may be incomplete")
        let lines = context.lines
        let bytes = context.bytes
        var section = 0..<bytes.count
        var summary: Range<Int>? = nil
        if let heading = context.first(.caseSummary) {
            summary = context.skipIntro(context.section(heading), endingWith: LayoutContext.summaryIntros)
            // Without a heading after it, the summary runs into the items: they are looked for inside it too.
            section = summary!.lowerBound..<bytes.count
        }
        if let issues = context.first(.issues) { section = context.itemsSection(issues) }
        let scanner = ItemScanner(lines: lines, findHeaders: ItemHeaders.anyHeaders)
        // Items without a single field are not items: a stray "…: Upheld" line in running text.
        let drafts = scanner.scan(section).filter { $0.header.decision != nil || !$0.fields.isEmpty || $0.unlabelled != nil }
        result.items = ItemBuilder.items(drafts, lines, titlePrefixes: ItemHeaders.titlePrefixes)
        if var s = summary {
            if let first = drafts.first, s.contains(first.header.start) { s = s.lowerBound..<first.header.start }
            result.caseSummary = lines.trim(s)
        }
        // The reviewer is described before the clinical part of the letter.
        let clinicalStart = [summary?.lowerBound, drafts.first?.header.start].compactMap { $0 }.min()
        result.reviewerScope = 0..<(clinicalStart ?? bytes.count)
        return result
    }

}
