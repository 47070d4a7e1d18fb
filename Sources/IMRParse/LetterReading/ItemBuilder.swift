/// Turns scanned item drafts into `DisputedItem`s: clean titles, citations, rationales.
enum ItemBuilder {
    static func items(_ drafts: [ItemDraft], _ lines: LetterLines, titlePrefixes: LabelTrie? = nil) -> [DisputedItem] {
        drafts.map { item($0, lines, titlePrefixes: titlePrefixes) }
    }

    static func item(_ draft: ItemDraft, _ lines: LetterLines, titlePrefixes: LabelTrie? = nil) -> DisputedItem {
        let range = titleRange(draft.header.title, lines, prefixes: titlePrefixes)
        var item = DisputedItem(title: Located(lines.clean(range), range))
        item.decision = draft.header.decision ?? draft.statedDecision
        var fields = draft.fields
        // A rationale written under the last guideline label, without a label of its own.
        if fields[.rationale] == nil, draft.unlabelled == nil {
            let last: FieldLabel? = [FieldLabel.claimsAdministrator, .reviewer].compactMap { l in fields[l].map { (l, $0.upperBound) } }
                .max { $0.1 < $1.1 }?.0
            if let l = last, let r = fields[l], fields[.decision].map({ $0.upperBound <= r.lowerBound }) ?? true,
               let split = CitationParser.rationaleStart(lines.bytes, r) {
                fields[l] = r.lowerBound..<split
                fields[.rationale] = split..<r.upperBound
            }
        }
        // A rationale that opens with the guideline it relies on, in an item without a guideline
        // field ("Basis: MTUS …, pages 24-25. Biofeedback is not recommended …"): the citation is
        // the reviewer's guideline.
        if fields[.reviewer] == nil, fields[.claimsAdministrator] == nil, let r = fields[.rationale].map({ lines.trim($0) }), !r.isEmpty,
           let split = CitationParser.citationOpening(lines.bytes, r) {
            fields[.reviewer] = r.lowerBound..<split
            fields[.rationale] = split..<r.upperBound
        }
        if let r = fields[.claimsAdministrator] { item.claimsAdministratorGuideline = citation(r, lines) }
        if let r = fields[.reviewer], let reviewer = citation(r, lines) {
            item.imrGuideline = CitationParser.adopting(reviewer, claims: item.claimsAdministratorGuideline)
        }
        if let r = fields[.rationale] { item.rationaleText = lazyLocated(r, lines) }
        var rest: Range<Int>? = nil
        if let r = draft.fields[.decision], let (d, after) = decision(inField: r, lines) {
            if item.decision == nil { item.decision = d }
            rest = after
        }
        if item.rationaleText == nil, let r = draft.unlabelled ?? rest { item.rationaleText = lazyLocated(r, lines) }
        item.range = draft.range
        item.header = (draft.header.start..<max(draft.header.start, draft.header.end), draft.header.form.name, draft.header.number)
        // The verdict is stated under the decision, in unlabelled text, or at the end of the rationale
        // (its text: blank lines and page furniture after it do not count).
        // (Read into a local first: a closure that reads `item` copies all of it.)
        let rationaleRange = item.rationaleText?.range
        let rationaleText = fields[.rationale].map { rationaleRange ?? $0 }
        // The last place that states one wins (three tests, not a loop over an array made per item).
        let bytes = lines.bytes
        if let r = draft.fields[.decision], let v = DecisionPhrases.verdict(bytes, r) { item.verdict = v }
        if let r = draft.unlabelled, let v = DecisionPhrases.verdict(bytes, r) { item.verdict = v }
        if let r = rationaleText, let v = DecisionPhrases.verdict(bytes, max(r.lowerBound, r.upperBound - 240)..<r.upperBound) { item.verdict = v }
        return item
    }

    /// The decision a "Decision:" field states — a decision word ("Upheld", "OVERTURNED."), a
    /// decision sentence, or a verdict ("The UR decision is upheld.") — and the text after that
    /// statement (a rationale written under the decision).
    static func decision(inField range: Range<Int>, _ lines: LetterLines) -> (Located<Decision>, Range<Int>)? {
        let bytes = lines.bytes
        let r = lines.trim(range)
        guard !r.isEmpty else { return nil }
        var e = r.lowerBound
        while e < r.upperBound, TextScan.isAlpha(bytes[e]) { e += 1 }
        var found: Located<Decision>? = DecisionPhrases.word(bytes, r.lowerBound..<e)
        var statementEnd = e
        // A few words ending in a verdict word: "UR reversed.", "Denial upheld.", "NOT CERTIFIED".
        if found == nil, let d = DecisionPhrases.leadingDecision(bytes, r) {
            found = d
            statementEnd = d.range.upperBound
        }
        if found == nil {
            // The first sentence only.
            var s = r.lowerBound
            while s < r.upperBound, !(bytes[s] == 46 && (s + 1 == r.upperBound || TextScan.isSpace(bytes[s + 1]))) { s += 1 }
            let first = r.lowerBound..<s
            found = DecisionPhrases.firstSentence(bytes, first)?.decision ?? DecisionPhrases.verdict(bytes, first)
            statementEnd = s
        }
        guard let d = found else { return nil }
        if statementEnd < r.upperBound, bytes[statementEnd] == 46 { statementEnd += 1 }
        return (d, statementEnd..<max(statementEnd, r.upperBound))
    }

    /// A field's trimmed range with its clean text, the text made only when read (a rationale:
    /// later stages read its range); nil when the field is empty.
    static func lazyLocated(_ range: Range<Int>, _ lines: LetterLines) -> LazyText? {
        let r = lines.trim(range)
        guard !r.isEmpty else { return nil }
        return LazyText(range: r) { lines.clean(r) }
    }

    /// The citation in `range`: its sources and pages read from its clean bytes, its text made
    /// only when read. Nil when the field is empty.
    static func citation(_ range: Range<Int>, _ lines: LetterLines) -> GuidelineCitation? {
        let r = lines.trim(range)
        guard !r.isEmpty else { return nil }
        return CitationParser.citation(cleanOf: r, in: lines)
    }

    private static let numberWords = [Phrase("item"), Phrase("issue"), Phrase("request")]

    /// The title without its numbering ("1)", "2.", "(3)", "Issue 1:"), a framing prefix ("The
    /// request for"), or the colon before its decision.
    static func titleRange(_ range: Range<Int>, _ lines: LetterLines, prefixes: LabelTrie?) -> Range<Int> {
        let bytes = lines.bytes
        var r = lines.trim(range)
        guard !r.isEmpty else { return r }
        if let t = ItemHeaders.oneAsLetter(bytes, r) { r = lines.trim(t..<r.upperBound) }
        var i = r.lowerBound
        if let (_, e) = Phrase.matchAny(numberWords, bytes, at: i, end: r.upperBound) {
            var j = e
            while j < r.upperBound, bytes[j] == 32 { j += 1 }
            if j < r.upperBound, TextScan.isDigit(bytes[j]) { i = j }
            // "Issue No. 1   TENS unit", "Item #2 - …": the worded numbering read whole.
            else if let (_, t) = ItemHeaders.itemNumber(bytes, r), t < r.upperBound { r = lines.trim(t..<r.upperBound); i = r.lowerBound }
        }
        var j = i
        if j < r.upperBound, bytes[j] == 40 { j += 1 }  // "(1)"
        let digits = j
        while j < r.upperBound, TextScan.isDigit(bytes[j]), j - digits < 3 { j += 1 }
        if j > digits, j < r.upperBound, bytes[j] == 46 || bytes[j] == 41 || bytes[j] == 58,
           j + 1 < r.upperBound, TextScan.isSpace(bytes[j + 1]) {
            r = lines.trim((j + 1)..<r.upperBound)
        }
        if let (_, e) = prefixes?.longestMatch(bytes, at: r.lowerBound, end: r.upperBound), e < r.upperBound, TextScan.isSpace(bytes[e]) {
            r = lines.trim(e..<r.upperBound)
        }
        while r.count > 0, bytes[r.upperBound - 1] == 58 || bytes[r.upperBound - 1] == 44 { r = lines.trim(r.lowerBound..<(r.upperBound - 1)) }
        return r
    }
}
