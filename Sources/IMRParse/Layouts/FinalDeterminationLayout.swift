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
enum FinalDeterminationLayout {
    static func parse(_ context: LayoutContext) -> LayoutResult {
        var result = LayoutResult()
        let bytes = context.bytes
        let issues = context.first(.issues)
        if let summary = context.first(.caseSummary) {
            let section = context.section(summary)
            result.caseSummary = context.lines.trim(context.skipIntro(section, endingWith: LayoutContext.summaryIntros))
        }
        let reviewerEnd = context.first(.caseSummary)?.range.lowerBound ?? issues?.range.lowerBound ?? bytes.count
        result.reviewerScope = 0..<reviewerEnd
        guard let issues else {
            result.warnings.append("no \"IMR ISSUES, DECISIONS AND RATIONALES\" section: the letter may be cut off before its items")
            return result
        }
        let section = context.skipIntro(context.section(issues), endingWith: LayoutContext.itemsIntros)
        let scanner = ItemScanner(lines: context.lines, findHeaders: decisionHeaders)
        result.items = ItemBuilder.items(scanner.scan(section), context.lines)
        if let summary = result.caseSummary { result.warnings += strayRationale(in: summary, context, items: result.items) }
        return result
    }

    /// Item headers ending in a decision word: "<title>: Upheld", or "<title>:" with "Overturned" alone
    /// on the next line. The title runs back over the lines before it up to the end of the previous
    /// sentence (the previous item's rationale), at most eight lines.
    static func decisionHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        let bytes = lines.bytes
        var out: [ItemHeader] = []
        // `p` counts the block's significant lines; `floor` is the count where the next title may
        // start. Lines before line `k` are reached with `previousSignificant`: inside the block, the
        // significant line before one is the block's previous one.
        var floor = 0
        var p = -1
        var previousLine = -1
        for k in lines.significant(in: block) {
            p += 1
            defer { previousLine = k }
            let content = lines[k].contentStart..<min(lines[k].contentEnd, block.upperBound)
            var decision: Located<Decision>
            var titleLast: Int, titleLastLine: Int
            var colon: Int
            if let found = DecisionPhrases.atLineEnd(bytes, content) {
                decision = found.decision
                colon = found.colon
                titleLast = p
                titleLastLine = k
            } else if p > floor, let word = DecisionPhrases.word(bytes, content) {
                let previous = lines[previousLine].content
                guard bytes[previous.upperBound - 1] == 58 else { continue }
                decision = word
                colon = previous.upperBound - 1
                titleLast = p - 1
                titleLastLine = previousLine
            } else {
                continue
            }
            var first = titleLast, firstLine = titleLastLine
            while first > floor, titleLast - first < 8 {
                let before = lines.previousSignificant(before: firstLine)!
                if ItemScanner.endsSentence(lines, before, before: firstLine) { break }
                first -= 1
                firstLine = before
            }
            let title = lines.trim(max(lines[firstLine].contentStart, block.lowerBound)..<colon)
            floor = p + 1
            guard !title.isEmpty else { continue }
            out.append(ItemHeader(title: title, decision: decision, end: decision.range.upperBound))
        }
        return out
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
enum FinalDeterminationCaseHeaderLayout {
    static func parse(_ context: LayoutContext) -> LayoutResult {
        FinalDeterminationLayout.parse(context)
    }
}
