/// Blocks a letter gives once for all its items, attributed to each item by number or by title:
/// a guideline block under one heading ("GUIDELINES RELIED UPON" / "Issue No. 1: CA MTUS …" /
/// "Issue No. 2: …", "1) …" / "2) …", or "Lidoderm: …" / "Gabapentin: …"), wherever it stands —
/// before the items, in the first listed item's fields, or as a field of no item at all.
///
/// Used when items come without a guideline of their own; items that have one keep it.
enum ItemBlocks {
    /// One entry of a shared block: the item it names (an item number from 1, or the index of the
    /// item whose title its key names) and its text.
    struct Entry {
        var number: Int?
        var item: Int?
        var range: Range<Int>
    }

    /// Before the list and the details are merged: a guideline field that is a block shared by
    /// several items (it splits into two or more entries) is taken off the item the scanner gave it
    /// to and handed back; an item left with nothing (no title, no decision, no rationale) was only
    /// that block's holder and goes. A rationale that is the case summary (it opens by introducing
    /// the worker and concludes nothing) is no rationale.
    static func detach(_ items: inout [DisputedItem], _ lines: LetterLines) -> (blocks: [Range<Int>], conclusions: [ItemChecks.Conclusion]) {
        var blocks: [Range<Int>] = []
        let bytes = lines.bytes
        // What each item's rationale concludes ("… is not medically necessary"), handed on to
        // `ItemChecks`, which would read it again; only items whose rationale concludes nothing are
        // looked at further.
        var conclusions: [ItemChecks.Conclusion] = []
        // A note under a list entry that says what the decisions mean ("An UPHELD determination
        // means the services are not medically necessary …") is no rationale, though it reads as a
        // conclusion.
        for k in items.indices where items[k].imrGuideline == nil && items[k].claimsAdministratorGuideline == nil {
            if let r = items[k].rationaleText?.range, definesDecisions(bytes, r) { items[k].rationaleText = nil }
        }
        var concludes = items.map { item -> Bool in
            guard let r = item.rationaleText?.range else { return false }
            let c = ItemChecks.rationaleConclusion(of: r, lines)
            conclusions.append(ItemChecks.Conclusion(rationaleStart: r.lowerBound, value: c))
            return c != nil
        }
        // The items whose rationale concludes, in order: a note is compared with these only (a
        // letter of thousands of items that conclude nothing costs no pairwise comparison).
        let concluding = items.indices.filter { concludes[$0] }
        for k in items.indices {
            if let g = items[k].imrGuideline, entries(lines, g.range, items: items).count >= 2 {
                blocks.append(g.range)
                items[k].imrGuideline = nil
            }
            guard let r = items[k].rationaleText?.range, !concludes[k] else { continue }
            // A rationale that is the case summary (it opens by introducing the worker) is none; so
            // is a note after a listed item that is detailed later with a conclusion ("Upheld means
            // the denial stands.").
            let words = TitleWords.words(bytes, items[k].title.range)
            if SummaryIntro.opening(lines, r.lowerBound..<min(r.upperBound, r.lowerBound + 400), labels: nil) == r.lowerBound
                || concluding.contains(where: { j in j > k && concludes[j] && TitleWords.similarity(words, TitleWords.words(bytes, items[j].title.range)) >= 0.6 }) {
                items[k].rationaleText = nil
                concludes[k] = false
            }
        }
        // An item with no title, no decision, no guideline and a text that concludes nothing (a
        // heading read as its rationale) was only the shared block's holder.
        for i in items.indices.reversed() where items[i].title.value.isEmpty && items[i].decision == nil && !concludes[i]
            && items[i].imrGuideline == nil && items[i].claimsAdministratorGuideline == nil {
            items.remove(at: i)
        }
        return (blocks, conclusions)
    }

    /// Whether the text of `r` opens by saying what a decision word means ("An UPHELD determination
    /// means …", "Upheld means the denial stands."): "means" within its first sentence, a decision
    /// word a few words before it.
    static func definesDecisions(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        let window = r.lowerBound..<min(r.upperBound, r.lowerBound + 120)
        guard let (_, m) = meansPhrase.findFirst(in: bytes, window) else { return false }
        let before = max(r.lowerBound, m.lowerBound - 40)..<m.lowerBound
        return decisionWords.findFirst(in: bytes, before) != nil
    }

    private static let meansPhrase = PhraseSet([Phrase("means")])
    private static let decisionWords = PhraseSet(["upheld", "overturned", "uphold", "overturn"].map(Phrase.init))

    /// After the merge: each item without a reviewer guideline takes its entry of a shared block —
    /// `blocks` (from `detach`), or a block under a guideline label anywhere in the letter.
    static func attribute(_ items: inout [DisputedItem], blocks: [Range<Int>], _ context: LayoutContext) {
        guard !items.isEmpty, items.contains(where: { $0.imrGuideline == nil }) else { return }
        var all = blocks
        if all.isEmpty { all = labelledBlocks(context, items) }
        let lines = context.lines
        for block in all {
            let list = entries(lines, block, items: items)
            if list.isEmpty {
                // One block, one item.
                if items.count == 1, items[0].imrGuideline == nil { items[0].imrGuideline = ItemBuilder.citation(block, lines) }
                continue
            }
            let numbered = list.compactMap(\.number)
            let byNumber = numbered.count == list.count && numbered == Array(1...list.count) && list.count == items.count
            for e in list {
                guard let i = byNumber ? e.number.map({ $0 - 1 }) : e.item, i < items.count, items[i].imrGuideline == nil else { continue }
                items[i].imrGuideline = ItemBuilder.citation(e.range, lines)
            }
        }
    }

    /// Reviewer guideline blocks under a label or heading ("GUIDELINES RELIED UPON", "2. Guidelines
    /// Relied Upon:"), outside every item's text, up to the next heading or label.
    static func labelledBlocks(_ context: LayoutContext, _ items: [DisputedItem]) -> [Range<Int>] {
        let lines = context.lines
        let bytes = lines.bytes
        var out: [Range<Int>] = []
        var labelLines: [(Int, FieldLabel, Int)] = []
        var hasReviewer = false
        for k in lines.significant(in: 0..<bytes.count) {
            guard let (l, v) = context.labels.isRead ? context.labels.label(k) : FieldLabel.label(lines, line: k, end: bytes.count) else { continue }
            labelLines.append((k, l, v))
            if l == .reviewer { hasReviewer = true }
        }
        guard hasReviewer else { return [] }
        let itemRanges = items.compactMap(\.range)
        for (n, (k, label, value)) in labelLines.enumerated() where label == .reviewer {
            let start = lines[k].contentStart
            guard !itemRanges.contains(where: { $0.contains(start) && $0.lowerBound != start }) else { continue }
            var end = n + 1 < labelLines.count ? lines[labelLines[n + 1].0].contentStart : bytes.count
            if let h = context.headings.first(where: { $0.range.lowerBound > start }) { end = min(end, h.range.lowerBound) }
            if let i = itemRanges.map(\.lowerBound).filter({ $0 > start }).min() { end = min(end, i) }
            if value < end { out.append(value..<end) }
        }
        return out
    }

    /// The entries of `block`: lines that start with an item number ("Issue No. 1:", "Item 2:",
    /// "3)", "1.") or with the key of one item's title and a colon ("Lidoderm: …"), each running on
    /// over the lines after it; the block ends at a paragraph break or a heading in capitals that
    /// starts no entry. Empty when the block's first line starts no entry.
    static func entries(_ lines: LetterLines, _ block: Range<Int>, items: [DisputedItem]) -> [Entry] {
        let bytes = lines.bytes
        var out: [Entry] = []
        var previous: Int? = nil
        // Whether every entry so far is numbered, or none is (kept as they are appended: a block of
        // thousands of lines stays linear).
        var allNumbered = true, noneNumbered = true
        /// The entry that starts at `i` (its line's end at `end`), if one does.
        func entry(at i: Int, end: Int) -> Entry? {
            let c = i..<end
            if allNumbered, let (n, t) = ItemHeaders.itemNumber(bytes, c), n == (out.last?.number ?? 0) + 1 {
                return Entry(number: n, item: nil, range: t..<end)
            }
            if noneNumbered, let (k, t) = keyed(bytes, c, items), !out.contains(where: { $0.item == k }) {
                return Entry(number: nil, item: k, range: t..<end)
            }
            return nil
        }
        func append(_ e: Entry) {
            out.append(e)
            if e.number == nil { allNumbered = false } else { noneNumbered = false }
        }
        for k in lines.significant(in: block) {
            let c = lines[k].contentStart..<min(lines[k].contentEnd, block.upperBound)
            let brokenFrom = previous.map { p in (p + 1..<k).contains { lines[$0].isBlank } } ?? false
            if let e = entry(at: c.lowerBound, end: c.upperBound) {
                append(e)
            } else if out.isEmpty || isCapitals(bytes, c) || (brokenFrom && previous.map { ItemScanner.endsSentence(lines, $0) } ?? true) {
                // (After blank lines, only a line that carries on an unfinished sentence goes on: a
                // double-spaced letter has blank lines between all its lines.)
                break
            } else {
                out[out.count - 1].range = out[out.count - 1].range.lowerBound..<c.upperBound
            }
            // Entries run on in one paragraph when the lines were wrapped anew: the next may start
            // after a sentence's end inside the line ("… page 173. Item 2: MTUS …"). Only this line is
            // read: the entry's earlier lines were read when they came.
            var i = max(out[out.count - 1].range.lowerBound, c.lowerBound)
            while i + 2 < c.upperBound {
                if bytes[i] == 46 || bytes[i] == 59, bytes[i + 1] == 32 {
                    var j = i + 1
                    while j < c.upperBound, bytes[j] == 32 { j += 1 }
                    if j < c.upperBound, let e = entry(at: j, end: c.upperBound) {
                        out[out.count - 1].range = out[out.count - 1].range.lowerBound..<(i + 1)
                        append(e)
                        i = e.range.lowerBound
                        continue
                    }
                }
                i += 1
            }
            previous = k
        }
        return out
    }

    /// "Lidoderm: …", "Compounded cream: …": a key of up to four words and a colon, all its words
    /// in the title of exactly one item; that item and where the text after the colon starts.
    private static func keyed(_ bytes: [UInt8], _ c: Range<Int>, _ items: [DisputedItem]) -> (Int, Int)? {
        guard let first = c.first, TextScan.isAlpha(bytes[first]) else { return nil }
        var i = c.lowerBound
        var spaces = 0
        while i < min(c.upperBound, c.lowerBound + 40), bytes[i] != 58 {
            if bytes[i] == 32 { spaces += 1; if spaces > 3 { return nil } }
            i += 1
        }
        guard i < c.upperBound, bytes[i] == 58, i > c.lowerBound else { return nil }
        let key = TitleWords.words(bytes, c.lowerBound..<i)
        guard !key.isEmpty else { return nil }
        var found: Int? = nil
        for (n, item) in items.enumerated() {
            let t = item.title.range
            guard !t.isEmpty else { continue }
            if TitleWords.similarity(key, TitleWords.words(bytes, t)) == 1 {
                // The same item listed and detailed (before the merge) is one item; two others are none.
                if let f = found {
                    if TitleWords.similarity(bytes, items[f].title.range, t) < 0.6 { return nil }
                    continue
                }
                found = n
            }
        }
        return found.map { ($0, i + 1) }
    }

    /// A line in capitals (a heading), four letters or more.
    private static func isCapitals(_ bytes: [UInt8], _ c: Range<Int>) -> Bool {
        var letters = 0
        for b in bytes[c] where TextScan.isAlpha(b) {
            if b >= 97 { return false }
            letters += 1
        }
        return letters >= 4
    }
}
