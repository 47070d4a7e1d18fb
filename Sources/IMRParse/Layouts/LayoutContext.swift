/// What every layout parser works from: the letter's lines (with page furniture marked) and its
/// section headings.
struct LayoutContext {
    let lines: LetterLines
    let headings: [SectionFinder.Heading]
    /// The field label that starts each line, read with the headings.
    let labels: LineLabels
    var bytes: [UInt8] { lines.bytes }

    init(lines: LetterLines) {
        self.lines = lines
        // The listed headings first; the words of every line's start are read only when they leave
        // the letter without its skeleton — a summary and a decisions heading, or a professional
        // review's issue and rationale headings (a letter of no known wording).
        var (headings, labels) = SectionFinder.read(lines, words: false)
        // (The few headings looked through, not a set built of their kinds: hashing cost more.)
        let found = headings
        func has(_ kind: SectionFinder.Kind) -> Bool { found.contains { $0.kind == kind } }
        let skeleton = (has(.caseSummary) && has(.issues)) || (has(.issueAtDispute) && has(.reviewerRationale))
        if !skeleton {
            (headings, labels) = SectionFinder.read(lines, words: true)
        }
        self.headings = headings
        self.labels = labels
    }

    /// An item scanner over this letter, with every header form unless `headers` says otherwise.
    func scanner(_ headers: @escaping ItemScanner.HeaderFinder = ItemHeaders.anyHeaders) -> ItemScanner {
        ItemScanner(lines: lines, findHeaders: headers, labels: labels.isRead ? labels : nil)
    }

    func first(_ kind: SectionFinder.Kind, after offset: Int = 0) -> SectionFinder.Heading? {
        headings.first { $0.kind == kind && $0.range.lowerBound >= offset }
    }

    /// From a heading's content to the next heading (of any kind) or the end of the letter.
    func section(_ heading: SectionFinder.Heading) -> Range<Int> {
        let end = headings.first { $0.range.lowerBound > heading.range.lowerBound }?.range.lowerBound ?? bytes.count
        return heading.contentStart..<max(heading.contentStart, end)
    }

    /// Skips a boilerplate introduction that ends with `phrase` near the start of `range`
    /// ("…including all medical records:", "…set forth below:").
    func skipIntro(_ range: Range<Int>, endingWith phrases: PhraseSet, within: Int = 400) -> Range<Int> {
        let window = range.lowerBound..<min(range.upperBound, range.lowerBound + within)
        guard let (_, r) = phrases.findFirst(in: bytes, window) else { return range }
        return r.upperBound..<range.upperBound
    }

    /// The case summary: the section under its heading, its boilerplate introduction skipped, up to
    /// the first item that starts inside it (a notice may give its details right after the summary
    /// without a heading between).
    func caseSummary() -> Range<Int>? {
        guard let heading = first(.caseSummary) else { return nil }
        var r = SummaryIntro.skip(lines, skipIntro(section(heading), endingWith: Self.summaryIntros))
        // A summary that the decisions heading ends holds no item: only look inside one that runs on.
        let next = headings.first { $0.range.lowerBound > heading.range.lowerBound }
        if next?.kind != .issues, let itemStart = firstItemStart(in: r) { r = r.lowerBound..<itemStart }
        if let end = labelledFieldStart(in: r) { r = r.lowerBound..<end }
        return lines.trim(r)
    }

    /// Where a guideline or rationale label starts a line inside `range` after its first line
    /// ("MEDICAL TREATMENT" / "GUIDELINE(S) USED", "2. GUIDELINES USED", "Rationale:"): a summary
    /// never holds one, so its section ends there even when the label is no listed heading. Read
    /// from the labels of a letter whose words were read (a known layout's summary ends at its
    /// listed headings).
    func labelledFieldStart(in range: Range<Int>) -> Int? {
        guard labels.isRead else { return nil }
        var first = true
        for k in lines.significant(in: range) {
            defer { first = false }
            guard !first, let (label, _) = labels.label(k), label.isOrdered else { continue }
            return lines[k].contentStart
        }
        return nil
    }

    /// Headings of sections that hold no items (an item may still start inside one, after its text).
    static let nonItemKinds: [SectionFinder.Kind] = [.howMade, .caseSummary, .documents, .qualifications, .credentials, .professionalReview, .closing]

    /// Where the first item in `range` starts: the header of the first item the scanner finds there
    /// that has a labelled field or a decision, if any.
    func firstItemStart(in range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        // No field label, no "Regarding the request for", no decision line: no item (the usual case,
        // found without assembling items).
        var mayHoldItems = false
        for k in lines.significant(in: range) where (labels.isRead ? labels.label(k) : FieldLabel.label(lines, line: k, end: range.upperBound)).map({ $0.1 <= range.upperBound }) ?? false
            || ItemHeaders.regardingStart(lines, k) != nil || DecisionPhrases.atLineEnd(bytes, lines[k].content) != nil {
            mayHoldItems = true
            break
        }
        guard mayHoldItems else { return nil }
        let drafts = scanner().scan(range)
        // A header of its own ("1) Regarding the request for …:", "Item 2: …", "<title>: Upheld"), not
        // a stray label (a rationale pasted into a case summary is not an item).
        return drafts.first { $0.header.form != .tail && !$0.header.title.isEmpty && ($0.header.decision != nil || !$0.fields.isEmpty) }?.header.start
    }

    /// The pieces of the letter that hold items, from `start` to the end: sections that hold no items
    /// (qualifications, a case summary, the closing) are left out, except for what follows the first
    /// item that starts inside one.
    func itemPieces(from start: Int) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var s = start
        for h in headings where h.range.lowerBound >= start {
            guard h.range.lowerBound >= s else { continue }
            if h.kind == .issues {
                if h.range.lowerBound > s { pieces.append(s..<h.range.lowerBound) }
                s = itemsSection(h).lowerBound
                continue
            }
            guard Self.nonItemKinds.contains(h.kind) else { continue }
            if h.range.lowerBound > s { pieces.append(s..<h.range.lowerBound) }
            let body = section(h)
            s = (h.kind == .closing ? nil : firstItemStart(in: body)) ?? body.upperBound
        }
        if s < bytes.count { pieces.append(s..<bytes.count) }
        return pieces.filter { !lines.trim($0).isEmpty }
    }

    /// The disputed items from `start` to the end of the letter (see `itemPieces`), with every header form.
    func readItems(from start: Int, titlePrefixes: LabelTrie? = ItemHeaders.titlePrefixes,
                   keep: (ItemDraft) -> Bool = { _ in true }) -> [DisputedItem] {
        // (A loop, not `flatMap`: the first piece's items are kept as built, not copied one by one
        // into a new array; most letters have one piece.)
        var out: [DisputedItem] = []
        for piece in itemPieces(from: start) {
            let items = ItemBuilder.items(scanner().scan(piece).filter(keep), lines, titlePrefixes: titlePrefixes)
            if out.isEmpty { out = items } else { out += items }
        }
        return out
    }

    /// The section under an items heading, its boilerplate introduction ("…set forth below:") skipped.
    func itemsSection(_ heading: SectionFinder.Heading) -> Range<Int> {
        skipIntro(section(heading), endingWith: Self.itemsIntros)
    }

    /// The disputed items of `section`, their headers found by `headers` (see `ItemHeaders`).
    func items(in section: Range<Int>, headers: @escaping ItemScanner.HeaderFinder, titlePrefixes: LabelTrie? = nil) -> [DisputedItem] {
        ItemBuilder.items(scanner(headers).scan(section), lines, titlePrefixes: titlePrefixes)
    }

    static let summaryIntros = PhraseSet([Phrase("including all medical records:"), Phrase("including all medical records."),
                                          Phrase("the following clinical case summary:")])
    static let itemsIntros = PhraseSet([Phrase("set forth below:"), Phrase("set forth below.")])
}

/// What a layout parser hands back to `LetterParser`.
struct LayoutResult {
    var caseSummary: Range<Int>?
    var items: [DisputedItem] = []
    var warnings: [String] = []
    /// Where the reviewer's qualifications are stated (the reviewer parser reads only there).
    var reviewerScope: Range<Int>?
}
