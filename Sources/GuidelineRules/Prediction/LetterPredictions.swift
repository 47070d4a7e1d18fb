import IMRParse

extension Analyzer {
    /// Predicts every disputed item of a parsed letter, in item order, as `imr-check audit` does:
    /// the case summary is scanned once and combined with each item's own rationale (never another
    /// item's), and each item's title is its request.
    public func predictItems(of letter: Determination, source: SourceText, context: CaseContext) -> [Prediction] {
        let summary = extractor.scan(source: source, regions: letter.caseSummaryText.map { [$0.range] } ?? [], context: context)
        let combined = letter.items.count > 1 ? extractor.combine(summary) : nil
        return letter.items.map { item in
            var itemContext = context
            itemContext.requestRange = item.title.range
            let rationale = extractor.scan(source: source, regions: item.rationaleText.map { [$0.range] } ?? [], context: context)
            return predict(item.title.value, scans: [summary, rationale], after: combined, context: itemContext)
        }
    }
}
