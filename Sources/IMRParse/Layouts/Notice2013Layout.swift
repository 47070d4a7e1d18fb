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
enum Notice2013Layout {
    private static let determined = Phrase("has determined the request for")
    /// The same phrase searched for sixteen bytes at a time (see `StartFilter`).
    private static let determinedSet = PhraseSet([determined])
    private static let regarding = Phrase("regarding the request for")

    /// One line of the numbered list of decisions.
    struct ListedDecision {
        var title: Range<Int>
        var decision: Located<Decision>
    }

    static func parse(_ context: LayoutContext) -> LayoutResult {
        var result = LayoutResult()
        let bytes = context.bytes
        let lines = context.lines
        let firstRegarding = lines.significant(in: 0..<bytes.count).first { regardingStart(lines, $0) != nil }
        let issues = context.first(.issues)
        let detailsStart = issues?.contentStart ?? firstRegarding.map { lines[$0].contentStart } ?? bytes.count
        let listEnd = issues?.range.lowerBound ?? firstRegarding.map { lines[$0].contentStart } ?? bytes.count
        let listed = listedDecisions(lines, 0..<listEnd)

        if let summary = context.first(.caseSummary) {
            result.caseSummary = lines.trim(context.skipIntro(context.section(summary), endingWith: LayoutContext.summaryIntros))
        }
        result.reviewerScope = 0..<(context.first(.caseSummary)?.range.lowerBound ?? detailsStart)

        var details: [DisputedItem] = []
        if detailsStart < bytes.count {
            var section = detailsStart..<bytes.count
            if let issues { section = context.skipIntro(context.section(issues), endingWith: LayoutContext.itemsIntros) }
            let scanner = ItemScanner(lines: lines, findHeaders: regardingHeaders)
            details = ItemBuilder.items(scanner.scan(section), lines)
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
            out.append(ListedDecision(title: lines.trim(r.upperBound..<verb), decision: decision))
            from = decision.range.upperBound
        }
        return out
    }

    /// Where "Regarding the request for" starts line `k` (after an optional "1)"), and its end.
    static func regardingStart(_ lines: LetterLines, _ k: Int) -> Int? {
        let bytes = lines.bytes
        let c = lines[k].content
        var i = c.lowerBound
        while i < c.upperBound, TextScan.isDigit(bytes[i]) || bytes[i] == 40 { i += 1 }
        if i > c.lowerBound {
            guard i < c.upperBound, bytes[i] == 41 || bytes[i] == 46 else { return nil }
            i += 1
            while i < c.upperBound, TextScan.isSpace(bytes[i]) { i += 1 }
        }
        return regarding.match(bytes, at: i, end: c.upperBound).map { _ in i }
    }

    /// "Regarding the request for <title>:", the title possibly wrapped over a few lines.
    static func regardingHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        let bytes = lines.bytes
        let sig = lines.significantLines(in: block)
        var out: [ItemHeader] = []
        for (p, k) in sig.enumerated() {
            guard let start = regardingStart(lines, k), let titleStart = regarding.match(bytes, at: start, end: block.upperBound) else { continue }
            // The title ends at the colon that ends a line, within a few lines.
            var titleEnd = min(lines[k].contentEnd, block.upperBound)
            var end = titleEnd
            for q in p..<min(sig.count, p + 6) {
                let c = lines[sig[q]].content
                if q > p, regardingStart(lines, sig[q]) != nil { break }
                if c.upperBound <= block.upperBound, bytes[c.upperBound - 1] == 58 {
                    titleEnd = c.upperBound - 1
                    end = c.upperBound
                    break
                }
            }
            let title = lines.trim(titleStart..<max(titleStart, titleEnd))
            if !title.isEmpty { out.append(ItemHeader(title: title, decision: nil, end: end, start: lines[k].contentStart)) }
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
