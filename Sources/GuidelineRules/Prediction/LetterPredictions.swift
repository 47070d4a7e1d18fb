import IMRParse

extension Analyzer {
    /// Predicts every disputed item of a parsed letter, in item order, as `imr-check audit` does:
    /// the case summary is scanned once and combined with each item's own rationale (never another
    /// item's), and each item's title is its request.
    ///
    /// The requests are read first, so the scans look only for the facts their criteria use
    /// (`WantedFacts`): a prediction's `facts` hold those (the summary's for every item of the letter),
    /// read from the request and the hooks too, and an item no rule covers has its rationale left unread.
    public func predictItems(of letter: Determination, source: SourceText, context: CaseContext) -> [Prediction] {
        let requests = letter.items.map { parseRequest($0.title.value, referenceDay: context.requestReferenceDay) }
        let summary = extractor.scan(source: source, regions: letter.caseSummaryText.map { [$0.range] } ?? [], context: context,
                                     wanted: wantedFacts(requests))
        let combined = letter.items.count > 1 ? extractor.combine(summary) : nil
        return letter.items.indices.map { i in
            let item = letter.items[i]
            var itemContext = context
            itemContext.requestRange = item.title.range
            let wanted = wantedFacts([requests[i]])
            let rationale = extractor.scan(source: source, regions: item.rationaleText.map { [$0.range] } ?? [], context: context,
                                           wanted: wanted)
            return predict(requests[i], text: item.title.value, scans: [summary, rationale], after: combined, context: itemContext,
                           wanted: wanted)
        }
    }
}
