/// Items told in paragraphs that name them only by their key — "Request A. The MTUS … Decision:
/// Upheld." / "Request B. …" — in a letter that lists the items by the same keys before ("A.
/// Physical therapy, 3 times per week …" / "B. MRI of the lumbar spine …"): each paragraph is the
/// item of its key, titled by the listed entry, its text up to the decision the rationale.
///
/// Read only when every item's decision lies in the paragraph of its key, the keys run from A (or
/// 1) without a gap, as many as the items, and every key has its entry in one list before the
/// first paragraph; only items whose titles are the paragraphs' prose are retitled.
enum ListedKeys {
    static func apply(_ items: inout [DisputedItem], _ lines: LetterLines) {
        // (Items without a decision — a list's heading read as one — are left as they are.)
        let decided = items.indices.filter { items[$0].decision != nil }
        guard decided.count >= 2, decided.count <= 26 else { return }
        let bytes = lines.bytes
        // The paragraphs: a line that opens with a word and a key, its text going on on the same
        // line with a capital ("Request A. The MTUS …", "Item 2: Here …").
        // (Runs of keys from A or 1; the same keys may come again, as a list of references.)
        var runs: [[(line: Int, text: Int)]] = []
        for k in lines.significant(in: 0..<bytes.count) {
            let c = lines[k].content
            guard c.count > 12, bytes[c.lowerBound] >= 65, bytes[c.lowerBound] <= 90 else { continue }
            guard let (n, t) = ItemHeaders.itemNumber(bytes, c), t < c.upperBound, bytes[t] >= 65, bytes[t] <= 90 else { continue }
            if n == 1 { runs.append([]) }
            guard let last = runs.last, n == last.count + 1 else { continue }
            runs[runs.count - 1].append((k, t))
        }
        // The run in whose paragraphs the items' decisions lie, one each.
        func holdsDecisions(_ run: [(line: Int, text: Int)]) -> Bool {
            guard run.count == decided.count else { return false }
            for (i, k) in decided.enumerated() {
                guard let d = items[k].decision?.range else { return false }
                let end = i + 1 < run.count ? lines[run[i + 1].line].contentStart : bytes.count
                guard d.lowerBound > lines[run[i].line].contentStart, d.upperBound <= end else { return false }
            }
            return true
        }
        guard let paragraphs = runs.first(where: holdsDecisions) else { return }
        let starts = paragraphs.map { lines[$0.line].contentStart }
        // The list: lines before the first paragraph that open with the key alone ("A.", "B)", "3.").
        var entries: [Range<Int>] = []
        for k in lines.significant(in: 0..<starts[0]) {
            let c = lines[k].content
            guard let (n, t) = key(bytes, c) else { continue }
            if n == 1 { entries = [] }
            guard n == entries.count + 1 else { continue }
            entries.append(lines.trim(t..<c.upperBound))
        }
        guard entries.count == decided.count, entries.allSatisfy({ !$0.isEmpty && bytes[$0.upperBound - 1] != 46 }) else { return }
        for (i, k) in decided.enumerated() {
            let entry = entries[i]
            // Only a title that is the paragraph's prose (sentences, however many of the entry's words
            // they hold) is replaced: a title of its own is kept.
            let t = items[k].title.range
            guard t.count > 60, holdsSentenceEnd(bytes, t), let d = items[k].decision?.range else { continue }
            items[k].title = Located(lines.clean(entry), entry)
            // The rationale: the paragraph's text up to the last sentence before the decision.
            let text = paragraphs[i].text
            var e = d.lowerBound
            while e > text, !(bytes[e - 1] == 46 && e < bytes.count && TextScan.isSpace(bytes[e])) { e -= 1 }
            if e > text { items[k].rationaleText = ItemBuilder.lazyLocated(text..<e, lines) }
            if let h = items[k].header { items[k].header = (h.range, h.form, i + 1) }
        }
    }

    /// Whether `t` holds a full stop that ends a sentence (followed by white space and a capital,
    /// or ending `t`) after a word of three letters or more.
    private static func holdsSentenceEnd(_ bytes: [UInt8], _ t: Range<Int>) -> Bool {
        var i = t.lowerBound + 3
        while i < t.upperBound {
            if bytes[i] == 46, TextScan.isAlpha(bytes[i - 1]), TextScan.isAlpha(bytes[i - 2]), TextScan.isAlpha(bytes[i - 3]) {
                if i + 1 >= t.upperBound { return true }
                var j = i + 1
                while j < t.upperBound, TextScan.isSpace(bytes[j]) { j += 1 }
                if j > i + 1, j < t.upperBound, bytes[j] >= 65, bytes[j] <= 90 { return true }
            }
            i += 1
        }
        return false
    }

    /// A list entry's key at the start of `c`: a letter A to H or a number up to 99, then "." or
    /// ")" and a space; its number (a letter counts from A) and where the entry's text starts.
    private static func key(_ bytes: [UInt8], _ c: Range<Int>) -> (Int, Int)? {
        var i = c.lowerBound
        var n = 0
        if i < c.upperBound, bytes[i] >= 65, bytes[i] <= 72 {
            n = Int(bytes[i]) - 64
            i += 1
        } else {
            while i < c.upperBound, TextScan.isDigit(bytes[i]), i - c.lowerBound < 2 { n = n * 10 + Int(bytes[i] - 48); i += 1 }
        }
        guard i > c.lowerBound, i + 1 < c.upperBound, bytes[i] == 46 || bytes[i] == 41, bytes[i + 1] == 32 || bytes[i + 1] == 9 else { return nil }
        i += 1
        while i < c.upperBound, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        guard i < c.upperBound, TextScan.isAlpha(bytes[i]) else { return nil }
        return (n, i)
    }
}

