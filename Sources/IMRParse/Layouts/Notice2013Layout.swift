/// The 2013 "Notice of Independent Medical Review Determination" (`notice_2013`):
///
/// ```
/// Notice of Independent Medical Review Determination
/// Dated: … / IMR Case Number: … / Date of Injury: … / Date of UR Decision: …
/// Final Determination: UPHOLD | OVERTURN | …
/// 1) MAXIMUS Federal Services, Inc. has determined the request for <title> is [not] medically
///    necessary and appropriate.                                   ← the decisions
/// …
/// CLINICAL CASE SUMMARY (when present)
/// IMR ISSUES, DECISIONS AND RATIONALES
/// 1) Regarding the request for <title>:                           ← the details, in the same order
///    Medical Treatment Guideline(s) Used by the Claims Administrator: …
///    Medical Treatment Guideline(s) Used by the Expert Reviewer: …
///    Rationale for the Decision: …
/// ```
enum Notice2013Layout: LayoutReader {
    static let layout = LetterLayout.notice2013
    static let title = LayoutMarker("notice title", .lineStart, ["notice of independent medical review determination"])
    static let regarding = LayoutMarker("regarding the request", .lineStart, ["regarding the request for"])
    static let guidelineLabels = LayoutMarker("notice field labels", .lineStart,
                                              ["medical treatment guideline(s) used by", "medical treatment guidelines used by",
                                               "rationale for the decision:"])
    static let decisionList = LayoutMarker("notice title or decision list", .header,
                                           ["notice of independent medical review determination", "has determined the request for"])
    static let markers = [title, regarding, guidelineLabels, decisionList]

    static func isPresent(_ found: FoundMarkers) -> Bool {
        found.atLineStart(title) || (found.atLineStart(regarding) && found.atLineStart(guidelineLabels)) || found.inHeader(decisionList)
    }

    /// Words of a detailed item's fields: details after the list are looked for only when one follows it.
    private static let fieldWords = PhraseSet([Phrase("guideline"), Phrase("rationale")])

    /// "has determined the request for", searched for sixteen bytes at a time (see `StartFilter`).
    private static let determinedSet = PhraseSet([Phrase("has determined the request for")])

    /// One line of the numbered list of decisions.
    struct ListedDecision {
        var title: Range<Int>
        var decision: Located<Decision>
    }

    static func parse(_ context: LayoutContext) -> LayoutResult {
        var result = LayoutResult()
        let bytes = context.bytes
        let lines = context.lines
        let firstRegarding = lines.significant(in: 0..<bytes.count).first { ItemHeaders.regardingStart(lines, $0) != nil }
        let issues = context.first(.issues)
        // The list is read wherever it is, each item once (a notice may list the decisions twice).
        let listed = listedDecisions(lines, 0..<bytes.count)
        // The details start at the first "Regarding the request for" (the decisions heading may come
        // before the list, and the details after the summary), else under the decisions heading.
        // Neither: the details are told after the list under headings of their own (a decision
        // sentence over "Guidelines Used:" and "Rationale for the Decision:"), looked for from the
        // list's end on (sections that hold no items skipped, as everywhere).
        let detailsStart = firstRegarding.map { lines[$0].contentStart } ?? issues.map { context.itemsSection($0).lowerBound }
            ?? listed.last.map { $0.decision.range.upperBound }.flatMap { e in fieldWords.findFirst(in: bytes, e..<bytes.count) == nil ? nil : e }
            ?? bytes.count

        result.caseSummary = context.caseSummary()
        let firstSection = [context.first(.caseSummary)?.range.lowerBound, context.first(.qualifications)?.range.lowerBound, detailsStart].compactMap { $0 }
        result.reviewerScope = 0..<(firstSection.min() ?? bytes.count)
        if let q = context.first(.qualifications) { result.reviewerScope = 0..<max(result.reviewerScope!.upperBound, context.section(q).upperBound) }

        var details: [DisputedItem] = []
        if detailsStart < bytes.count {
            details = context.readItems(from: detailsStart)
            // The list itself, read again as items with no fields, is not the details.
            details.removeAll { d in d.claimsAdministratorGuideline == nil && d.imrGuideline == nil && d.rationaleText == nil
                && listed.contains { $0.decision.range.overlaps(d.title.range) || $0.title.overlaps(d.title.range) } }
        }
        let (items, warnings) = merge(listed: listed, details: details, lines)
        result.items = items
        result.warnings += warnings
        return result
    }

    /// "N) MAXIMUS Federal Services, Inc. has determined the request for X is not medically necessary
    /// and appropriate."
    static func listedDecisions(_ lines: LetterLines, _ range: Range<Int>) -> [ListedDecision] {
        let bytes = lines.bytes
        var out: [ListedDecision] = []
        var from = range.lowerBound
        while from < range.upperBound, let (_, r) = determinedSet.findFirst(in: bytes, from..<range.upperBound) {
            let window = r.upperBound..<min(range.upperBound, r.upperBound + 800)
            guard let (decision, verb) = DecisionPhrases.firstSentence(bytes, window) else { from = r.upperBound; continue }
            let title = lines.trim(r.upperBound..<verb)
            // The same decision listed again (near the top and in the decision section) is one item.
            if !out.contains(where: { TitleWords.similarity(bytes, $0.title, title) >= 0.8 && $0.decision.value == decision.value }) {
                out.append(ListedDecision(title: title, decision: decision))
            }
            from = decision.range.upperBound
        }
        return out
    }

    /// Gives each detailed item the decision of its line in the list: by position when the counts
    /// agree, otherwise by title. Listed items without details are kept (with a warning).
    static func merge(listed: [ListedDecision], details: [DisputedItem], _ lines: LetterLines) -> ([DisputedItem], [String]) {
        var warnings: [String] = []
        if details.isEmpty {
            if !listed.isEmpty { warnings.append("no \"Regarding the request for\" details: the letter may be cut off after its list of decisions") }
            return (listed.map { entry in
                var item = DisputedItem(title: Located(lines.clean(entry.title), entry.title))
                item.decision = entry.decision
                return item
            }, warnings)
        }
        var items = details
        if listed.count == details.count {
            for k in items.indices { items[k].decision = listed[k].decision }
            return (items, warnings)
        }
        var used = Set<Int>()
        let listedKeys = listed.map { titleKey(lines.clean($0.title)) }
        for k in items.indices {
            let key = titleKey(items[k].title.value)
            if let m = listed.indices.first(where: { !used.contains($0) && listedKeys[$0] == key }) {
                used.insert(m)
                items[k].decision = listed[m].decision
            }
        }
        // Then by the words the titles share ("Norco 10/325mg #120" and "Norco 10/325 mg, #120").
        for k in items.indices where items[k].decision == nil {
            let best = listed.indices.filter { !used.contains($0) }
                .map { ($0, TitleWords.similarity(lines.bytes, listed[$0].title, items[k].title.range)) }
                .max { $0.1 < $1.1 }
            if let (m, score) = best, score >= 0.6 {
                used.insert(m)
                items[k].decision = listed[m].decision
            }
        }
        for m in listed.indices where !used.contains(m) {
            var item = DisputedItem(title: Located(lines.clean(listed[m].title), listed[m].title))
            item.decision = listed[m].decision
            items.append(item)
        }
        if listed.count != details.count {
            warnings.append("the list of decisions names \(listed.count) item(s) but \(details.count) are detailed")
        }
        return (items, warnings)
    }

    /// Letters and digits only, lower case: titles compared across the list and the details.
    static func titleKey(_ s: String) -> String {
        // ASCII (nearly every title): the letters and digits are a-z, A-Z and 0-9.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: s.utf8.compactMap { TextScan.isAlnum($0) ? TextScan.lower($0) : nil }, as: UTF8.self)
        }
        return String(s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init))
    }
}
