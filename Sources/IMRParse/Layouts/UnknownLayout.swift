/// A letter whose layout is not recognised but which has letter-like parts (`unknown`): whatever
/// items can be found are read with every header form the known layouts use ("…: Upheld",
/// "Regarding the request for …:", "1. … is not medically necessary and appropriate.") and every
/// field label, and the result carries a warning.
enum UnknownLayout {
    static func parse(_ context: LayoutContext) -> LayoutResult {
        var result = LayoutResult()
        result.warnings.append("letter layout not recognised: items were read from their labels and may be incomplete")
        let lines = context.lines
        let bytes = context.bytes
        var section = 0..<bytes.count
        if let summary = context.first(.caseSummary) {
            let s = context.section(summary)
            result.caseSummary = lines.trim(context.skipIntro(s, endingWith: LayoutContext.summaryIntros))
            section = s.upperBound..<bytes.count
        }
        if let issues = context.first(.issues) {
            section = context.skipIntro(context.section(issues), endingWith: LayoutContext.itemsIntros)
        }
        result.reviewerScope = 0..<(result.caseSummary?.lowerBound ?? section.lowerBound)
        let scanner = ItemScanner(lines: lines, findHeaders: headers)
        result.items = ItemBuilder.items(scanner.scan(section), lines, titlePrefixes: FinalDeterminationLetterLayout.titlePrefixes)
        // Items without a single field are not items: a stray "…: Upheld" line in running text.
        result.items.removeAll { $0.decision == nil && $0.rationale == nil && $0.imrGuideline == nil && $0.claimsAdministratorGuideline == nil }
        return result
    }

    static func headers(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        let merged = FinalDeterminationLetterLayout.merged(
            FinalDeterminationLayout.decisionHeaders(lines, block, labelFollows),
            Notice2013Layout.regardingHeaders(lines, block, labelFollows))
        return FinalDeterminationLetterLayout.merged(merged, FinalDeterminationLetterLayout.sentenceHeaders(lines, block, labelFollows))
    }
}
