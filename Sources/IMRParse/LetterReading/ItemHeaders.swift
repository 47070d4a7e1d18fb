/// The ways a letter writes a disputed item's header, each a `ItemScanner.HeaderFinder` that the
/// layouts combine: "<title>: Upheld" (`decisionHeaders`), "1. <title> is not medically necessary
/// and appropriate." (`sentenceHeaders`), "Regarding the request for <title>:" (`regardingHeaders`),
/// "2. <title>" before a label or a decision (`numberedTitleHeaders`), and all of them at once
/// (`anyHeaders`, what a letter of no known layout is read with); with what they share — item
/// numbers ("1.", "2)", "(3)", "Item 4:"), the words a title may start with.
enum ItemHeaders {
    static let titlePrefixes = LabelTrie(WordingVariants.expand([
        "the request for", "request for", "the requested", "a request for", "this request for",
        "maximus federal services{,|} inc. has determined {that |}the request for", "maximus federal services has determined {that |}the request for",
        "maximus has determined {that |}the request for", "{the |}{expert|physician|imr} reviewer has determined {that |}the request for",
        "it has been determined that the request for", "we have determined that the request for", "has determined {that |}the request for",
    ]).map(Phrase.init))

    /// Every header form, for a letter whose layout says nothing about how its items are written.
    static func anyHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        let sig = lines.significantLines(in: block)
        guard !sig.isEmpty else { return [] }
        let bytes = lines.bytes
        // Which forms the block may hold, from its lines' first bytes: most blocks (a citation, a
        // rationale ending in the next "<title>: Upheld") hold no numbered line and no "Regarding".
        var numbered = false, regarding = false, question = false
        for k in sig {
            if bytes[lines[k].contentEnd - 1] == 63 { question = true }
            let b = bytes[lines[k].contentStart] | 0x20
            if TextScan.isDigit(b) || b == 40 || b == 105 || b == 114 || b == 108 || b == 118 || b == 120 {
                if titleNumber(bytes, lines[k].content) != nil { numbered = true }
                if b == 114, regardingStart(lines, k) != nil { regarding = true }
            }
            if numbered && regarding { break }
        }
        var out = decisionHeaders(lines, block, labelFollows)
        if numbered || labelFollows { out = merged(sentenceHeaders(lines, block, labelFollows, sig), out) }
        if numbered || regarding { out = merged(out, regardingHeaders(lines, block, labelFollows, sig)) }
        if numbered { out = merged(out, numberedTitleHeaders(lines, block, labelFollows, sig)) }
        if question { out = merged(questionHeaders(lines, block, sig), out) }
        if !labelFollows { out = merged(out, sentenceOverRationale(lines, block, sig, others: out)) }
        if !labelFollows, out.isEmpty { out = openerHeaders(lines, block, sig) }
        return out
    }

    /// The words that open a paragraph about one item: "With respect to", "Regarding", "As to" …
    private static let openers = [Phrase("with respect to"), Phrase("with regard to"), Phrase("in regard to"), Phrase("as regards"),
                                  Phrase("regarding"), Phrase("as to"), Phrase("as for"), Phrase("concerning"), Phrase("turning to")]
    /// The first bytes of `openers`, lower case (w, i, a, r, c, t).
    private static let openerFirsts: Set<UInt8> = [119, 105, 97, 114, 99, 116]
    /// What opens the clause after the title ("…, the reviewer relied on …").
    private static let clauseWords = WordSet(["the", "this", "these", "i", "we", "it", "there", "our", "maximus", "mtus", "acoem", "odg",
                                              "guidelines", "a", "an"])
    private static let titleArticles = [Phrase("the request for"), Phrase("the requested"), Phrase("a request for"), Phrase("the")]

    /// Items told in paragraphs with no label, no numbering and no heading, each opened by the item
    /// it is about: "With respect to the L4-L5 posterior lumbar interbody fusion with instrumentation,
    /// the reviewer relied on …", "Regarding the lumbosacral orthosis, …". The title runs to the comma
    /// before the clause; the paragraph starts a line after a sentence's end, and what it says, up to
    /// the next such paragraph, concludes ("… is not medically necessary"). Only where nothing else
    /// in the block is a header and no label follows it.
    static func openerHeaders(_ lines: LetterLines, _ block: Range<Int>, _ sig: [Int]) -> [ItemHeader] {
        let bytes = lines.bytes
        var out: [ItemHeader] = []
        for (p, k) in sig.enumerated() {
            let c = lines[k].contentStart..<min(lines[k].contentEnd, block.upperBound)
            guard let b = c.first.map({ bytes[$0] | 0x20 }), openerFirsts.contains(b), bytes[c.lowerBound] >= 65, bytes[c.lowerBound] <= 90,
                  p == 0 || ItemScanner.endsSentence(lines, sig[p - 1]),
                  let (_, e) = Phrase.matchAny(openers, bytes, at: c.lowerBound, end: c.upperBound), e < c.upperBound, bytes[e] == 32 else { continue }
            var t = e
            while t < c.upperBound, bytes[t] == 32 { t += 1 }
            if let (_, a) = Phrase.matchAny(titleArticles, bytes, at: t, end: block.upperBound), a < block.upperBound, TextScan.isSpace(bytes[a]) {
                t = a
                while t < block.upperBound, TextScan.isSpace(bytes[t]) { t += 1 }
            }
            // The comma before the clause, within 250 bytes and before any sentence ends.
            var i = t
            var titleEnd: Int? = nil
            while i + 2 < min(block.upperBound, t + 250) {
                let x = bytes[i]
                if x == 46, TextScan.isSpace(bytes[i + 1]) { break }
                if x == 44, TextScan.isSpace(bytes[i + 1]) {
                    var w = i + 1
                    while w < block.upperBound, TextScan.isSpace(bytes[w]) { w += 1 }
                    var we = w
                    while we < block.upperBound, TextScan.isAlpha(bytes[we]) { we += 1 }
                    if we > w, clauseWords.contains(bytes, w..<we) { titleEnd = i; break }
                }
                i += 1
            }
            guard let titleEnd else { continue }
            let title = lines.trim(t..<titleEnd)
            guard !title.isEmpty, title.count <= 200 else { continue }
            out.append(ItemHeader(title: title, decision: nil, end: titleEnd + 1, start: c.lowerBound, form: .regarding))
        }
        // Each paragraph concludes before the next one opens.
        var kept: [ItemHeader] = []
        for (j, h) in out.enumerated() {
            let end = j + 1 < out.count ? out[j + 1].start : block.upperBound
            let r = h.end..<max(h.end, end)
            if DecisionPhrases.conclusion(bytes, r) != nil || DecisionPhrases.necessityConclusion(bytes, r) != nil { kept.append(h) }
        }
        return kept.count == out.count ? kept : []
    }

    private static let questionVerbs = WordSet(["is", "are", "was", "were"])
    private static let necessaryQuestion = [Phrase("medically necessary and appropriate ?"), Phrase("medically necessary ?")]

    /// "A. Is omeprazole 20 mg #30 medically necessary?" — the item asked as a question (a letter that
    /// sets out the questions presented and answers each): the title is what the question asks
    /// about. The question starts a line, after an optional item number or letter ("1.", "A.",
    /// "(b)"), with "Is", "Are", "Was" or "Were", and ends within three lines with "medically
    /// necessary (and appropriate)?"; lines that end with a question mark are the only ones tried.
    static func questionHeaders(_ lines: LetterLines, _ block: Range<Int>, _ sig: [Int]) -> [ItemHeader] {
        let bytes = lines.bytes
        var out: [ItemHeader] = []
        var from = 0
        for (p, k) in sig.enumerated() where lines[k].contentEnd <= block.upperBound && bytes[lines[k].contentEnd - 1] == 63 {
            // The question's first line: this one or up to two above that end no sentence.
            var candidates = [p]
            var q = p
            while q > from, p - q < 2, !ItemScanner.endsSentence(lines, sig[q - 1]) { q -= 1; candidates.append(q) }
            for first in candidates.reversed() {
                let c = lines[sig[first]].content
                let (number, textStart) = questionNumber(bytes, c)
                var e = textStart
                while e < c.upperBound, TextScan.isAlpha(bytes[e]) { e += 1 }
                guard e > textStart, e < c.upperBound, bytes[e] == 32, questionVerbs.contains(bytes, textStart..<e) else { continue }
                let end = lines[k].contentEnd
                // "medically necessary" closing the question, its "?" the question's end.
                var m = end - 1
                var found: Int? = nil
                while m > e, end - m <= 60 {
                    if bytes[m] | 0x20 == 109, Phrase.matchAny(necessaryQuestion, bytes, at: m, end: end).map({ $0.1 == end }) ?? false { found = m; break }
                    m -= 1
                }
                guard let titleEnd = found else { continue }
                let title = lines.trim(e..<titleEnd)
                guard !title.isEmpty, title.count <= 250 else { continue }
                out.append(ItemHeader(title: title, decision: nil, end: end, start: c.lowerBound, form: .question, number: number))
                from = p + 1
                break
            }
        }
        return out
    }

    /// The item number or letter before a question ("1.", "A.", "(b)", "Question 2:"): its number
    /// (a letter counts from A) and where the question's words start.
    private static func questionNumber(_ bytes: [UInt8], _ c: Range<Int>) -> (Int?, Int) {
        if let (n, t) = itemNumber(bytes, c) { return (n, t) }
        // A word that names what is numbered, whatever it is ("Question 1.", "Query 2:", "Point 3)").
        var w = c.lowerBound
        while w < c.upperBound, TextScan.isAlpha(bytes[w]) { w += 1 }
        if w > c.lowerBound, w - c.lowerBound <= 12, w + 1 < c.upperBound, bytes[w] == 32, TextScan.isDigit(bytes[w + 1]) {
            var i = w + 1
            var n = 0
            while i < c.upperBound, TextScan.isDigit(bytes[i]), i - w <= 2 { n = n * 10 + Int(bytes[i] - 48); i += 1 }
            if i + 1 < c.upperBound, i - w <= 3, bytes[i] == 46 || bytes[i] == 58 || bytes[i] == 41, bytes[i + 1] == 32 || bytes[i + 1] == 9 {
                var t = i + 1
                while t < c.upperBound, bytes[t] == 32 || bytes[t] == 9 { t += 1 }
                return (n, t)
            }
        }
        var i = c.lowerBound
        let bracket = bytes[i] == 40
        if bracket { i += 1 }
        guard i + 2 < c.upperBound, TextScan.isAlpha(bytes[i]), bytes[i + 1] == 46 || bytes[i + 1] == 41,
              bytes[i + 2] == 32 || bytes[i + 2] == 9, !bracket || bytes[i + 1] == 41 else { return (nil, c.lowerBound) }
        let n = Int(bytes[i] | 0x20) - 96
        var t = i + 2
        while t < c.upperBound, bytes[t] == 32 || bytes[t] == 9 { t += 1 }
        return (n, t)
    }

    /// "Meloxicam 15 mg #30 is medically necessary and appropriate." alone on its line, unnumbered,
    /// over a paragraph that gives its rationale: the decision stated as a sentence where another
    /// letter puts "<title>: Overturned". Only in a block no label follows (details without field
    /// labels); the line starts a sentence, ends with the decision's own full stop, names a
    /// treatment ("The request is not medically necessary." concludes, it names no item), and the
    /// text under it, up to the next header, is a rationale of its own that concludes — so the last
    /// sentence of a rationale is never taken for an item.
    static func sentenceOverRationale(_ lines: LetterLines, _ block: Range<Int>, _ sig: [Int], others: [ItemHeader]) -> [ItemHeader] {
        let bytes = lines.bytes
        var found: [ItemHeader] = []
        for (p, k) in sig.enumerated() where p + 1 < sig.count {
            let c = lines[k].contentStart..<min(lines[k].contentEnd, block.upperBound)
            // Cheap tests first: a capital, a full stop ending the line, a title's length.
            guard c.count >= 24, c.count <= 260, bytes[c.upperBound - 1] == 46, bytes[c.lowerBound] >= 65, bytes[c.lowerBound] <= 90 else { continue }
            if p > 0, !ItemScanner.endsSentence(lines, sig[p - 1], before: k) { continue }
            guard let (decision, verb) = DecisionPhrases.firstSentence(bytes, c), verb - c.lowerBound <= 200,
                  sentenceEnd(bytes, after: decision.range.upperBound, limit: c.upperBound) == c.upperBound,
                  !containsSentenceEnd(bytes, c.lowerBound..<verb), namesATreatment(lines, c.lowerBound..<verb) else { continue }
            found.append(ItemHeader(title: lines.trim(c.lowerBound..<verb), decision: decision, end: c.upperBound, start: c.lowerBound, form: .sentence))
        }
        guard !found.isEmpty else { return [] }
        // Last first: a candidate's rationale runs to the next header kept ("The request for
        // meloxicam is medically necessary." ending the rationale above is no header: nothing of its
        // own follows it).
        var kept: [ItemHeader] = []
        var next = block.upperBound
        for h in found.reversed() {
            let end = min(next, others.first { $0.start > h.start }?.start ?? block.upperBound)
            let below = lines.trim(h.end..<end)
            guard below.count >= 40, DecisionPhrases.hasMedicallyNecessary(bytes, below) || DecisionPhrases.necessityConclusion(bytes, below) != nil else { continue }
            kept.append(h)
            next = h.start
        }
        return kept.reversed()
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
        // A flattened table's header row and the rows under it ("Treatment | Decision | Guideline" /
        // "Meloxicam 15 mg #30 | Overturned | MTUS"): the last such line, and where the header row starts.
        var tableLine = -1, tableHeadStart: Int? = nil
        // A row wrapped over lines: where its title cell began on a line above, whether the line
        // above was the header row, and how many lines in a row were no row of their own.
        var rowStart: Int? = nil, afterHead = false, wrapped = 0
        for k in lines.significant(in: block) {
            p += 1
            defer { previousLine = k }
            let content = lines[k].contentStart..<min(lines[k].contentEnd, block.upperBound)
            var decision: Located<Decision>
            var titleLast: Int, titleLastLine: Int
            var colon: Int
            // (A header row's first four letters rule out most lines here, without a call.)
            if DecisionPhrases.mayStartTableHead(bytes, content), DecisionPhrases.tableHead(bytes, content) {
                tableLine = k
                tableHeadStart = content.lowerBound
                afterHead = true
                wrapped = 0
                rowStart = nil
                continue
            }
            if tableLine >= 0, tableLine == previousLine, DecisionPhrases.atLineEnd(bytes, content) == nil {
                if let (d, titleEnd) = DecisionPhrases.inRow(bytes, content) {
                    tableLine = k
                    let title = lines.trim((rowStart ?? content.lowerBound)..<titleEnd)
                    floor = p + 1
                    rowStart = nil
                    afterHead = false
                    wrapped = 0
                    guard !title.isEmpty else { continue }
                    // The first row takes the header row with it (it is no part of the rationale before).
                    out.append(ItemHeader(title: title, decision: d, end: content.upperBound, start: tableHeadStart ?? title.lowerBound,
                                          form: .decisionLabel, number: itemNumber(bytes, title)?.number))
                    tableHeadStart = nil
                    continue
                }
                // A line right under the header row or a row, no row itself: a row wrapped over lines.
                // It starts the next row's title when it follows the header row or opens with an item
                // number ("1. Right knee arthroscopy with partial medial" / "meniscectomy | OVERTURNED
                // | …"), and otherwise ends the last cell of the row above ("… MTUS CPMTG Opioids," /
                // "criteria for use pp. 76-80"), which it belongs to.
                // (Lines one apart, or two in a double-spaced letter: the spacing of the table.)
                let spacing = k - previousLine
                if spacing <= 2, spacing == 1 || (lines[k - 1].isBlank && previousLine > 0 && lines[previousLine - 1].isBlank),
                   wrapped < 2, !lines[k].isNoise,
                   wrapsRow(lines, k, block, left: 2 - wrapped, spacing: spacing) {
                    wrapped += 1
                    tableLine = k
                    if rowStart == nil, afterHead || itemNumber(bytes, content) != nil {
                        rowStart = content.lowerBound
                    } else if rowStart == nil, let last = out.indices.last, out[last].form == .decisionLabel, out[last].end == lines[previousLine].content.upperBound || wrapped > 1 {
                        out[last].end = content.upperBound
                    }
                    continue
                }
            }
            let atEnd = DecisionPhrases.atLineEnd(bytes, content)
            // Entries in columns, "Item 1 .... OVERTURNED      Item 2 .... UPHELD" or "Item 4  UPHELD":
            // one header each (asked only of a line that ends with a decision after a leader, a
            // colon, a gap or a dash, or after two spaces).
            if numberOpens(bytes, content), atEnd != nil || DecisionPhrases.endsWithWord(bytes, content, afterGap: true),
               let entries = entriesInColumns(bytes, content) {
                out += entries
                floor = p + 1
                continue
            }
            if let found = atEnd {
                decision = found.decision
                colon = found.colon
                // The decision's label on the title's line ("… 2X3      DETERMINATION: OVERTURNED").
                if bytes[colon] == 58, let gap = DecisionPhrases.labelBeforeColon(bytes, content, colon: colon) { colon = gap }
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
            // A table row ("Celecoxib 200mg #30      Upheld") is one line.
            let tableRow = colon < bytes.count && bytes[colon] != 58 && bytes[colon] != 45 && bytes[colon] != 0xE2
            while !tableRow, first > floor, titleLast - first < 8 {
                let before = lines.previousSignificant(before: firstLine)!
                if ItemScanner.endsSentence(lines, before, before: firstLine) { break }
                first -= 1
                firstLine = before
            }
            let title = lines.trim(max(lines[firstLine].contentStart, block.lowerBound)..<colon)
            floor = p + 1
            guard !title.isEmpty else { continue }
            // "Lidoderm 5% patch #30 - Upheld.": the full stop ends the header, not a rationale.
            let headerEnd = decision.range.upperBound < bytes.count && bytes[decision.range.upperBound] == 46 ? decision.range.upperBound + 1 : decision.range.upperBound
            out.append(ItemHeader(title: title, decision: decision, end: headerEnd, form: .decisionLabel,
                                  number: itemNumber(bytes, title)?.number))
        }
        return out
    }

    /// A line of list entries in columns, each an item number and its decision ("Item 1 ....
    /// OVERTURNED      Item 2 .... UPHELD      Item 3 .... OVERTURNED", a list laid out across the
    /// page), or one entry of a bare number and its decision after a gap ("Item 4  UPHELD"): a
    /// header per entry, titled by its number. Cells are separated by two or more spaces or a tab;
    /// an entry is a cell ending in a decision word after a leader, a colon or a dash, or a cell and
    /// a decision word in the next. Nil unless every cell belongs to an entry and every entry opens
    /// with an item number.
    static func entriesInColumns(_ bytes: [UInt8], _ content: Range<Int>) -> [ItemHeader]? {
        var entries: [ItemHeader] = []
        var pending: Range<Int>? = nil
        var i = content.lowerBound
        let end = content.upperBound
        var gaps = 0
        while i < end {
            let s = i
            // One cell: up to a run of two spaces or a tab.
            while i < end, bytes[i] != 9, !(bytes[i] == 32 && i + 1 < end && (bytes[i + 1] == 32 || bytes[i + 1] == 9)) { i += 1 }
            let cell = s..<i
            while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
            if i < end { gaps += 1 }
            if let title = pending {
                guard let d = DecisionPhrases.word(bytes, cell) else { return nil }
                entries.append(ItemHeader(title: title, decision: d, end: cell.upperBound, start: title.lowerBound, form: .decisionLabel,
                                          number: itemNumber(bytes, title)?.number ?? bareNumber(bytes, title)))
                pending = nil
                continue
            }
            if let (d, colon) = DecisionPhrases.atLineEnd(bytes, cell), colon > cell.lowerBound {
                var t = colon
                while t > cell.lowerBound, bytes[t - 1] == 32 { t -= 1 }
                guard let n = itemNumber(bytes, cell.lowerBound..<t)?.number ?? bareNumber(bytes, cell.lowerBound..<t) else { return nil }
                entries.append(ItemHeader(title: cell.lowerBound..<t, decision: d, end: cell.upperBound, start: cell.lowerBound, form: .decisionLabel,
                                          number: n))
            } else {
                guard itemNumber(bytes, cell) != nil || bareNumber(bytes, cell) != nil else { return nil }
                pending = cell
            }
        }
        guard pending == nil, gaps > 0, !entries.isEmpty else { return nil }
        // A single entry only when its title is the number alone ("Item 4  UPHELD").
        if entries.count == 1, bareNumber(bytes, entries[0].title) == nil { return nil }
        return entries
    }

    private static let numberWordsItem = [Phrase("item"), Phrase("issue")]

    /// Whether `content` opens with an item number's start: a digit, or "Item"/"Issue" and a
    /// number ("Item 1 ....", "Issue #2"). Most lines fail on their first byte.
    @inline(__always)
    static func numberOpens(_ bytes: [UInt8], _ content: Range<Int>) -> Bool {
        let b = bytes[content.lowerBound]
        if TextScan.isDigit(b) { return true }
        // "it" of "item", "is" of "issue".
        guard b | 0x20 == 105, content.count > 5, bytes[content.lowerBound + 1] | 0x20 == 116 || bytes[content.lowerBound + 1] | 0x20 == 115,
              let (_, e) = Phrase.matchAny(numberWordsItem, bytes, at: content.lowerBound, end: content.upperBound) else { return false }
        var i = e
        while i < content.upperBound, bytes[i] == 32 || bytes[i] == 35 { i += 1 }
        return i < content.upperBound && TextScan.isDigit(bytes[i])
    }

    /// The number when `r` is a worded item number and nothing else ("Item 4", "Issue #2", "Item
    /// No. 3:").
    private static func bareNumber(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        guard !r.isEmpty, let (_, e) = Phrase.matchAny(numberWordsItem, bytes, at: r.lowerBound, end: r.upperBound) else { return nil }
        var i = e
        while i < r.upperBound, bytes[i] == 32 || bytes[i] == 35 { i += 1 }
        if i + 2 < r.upperBound, bytes[i] | 0x20 == 110, bytes[i + 1] | 0x20 == 111, bytes[i + 2] == 46 { i += 3 }  // "No."
        while i < r.upperBound, bytes[i] == 32 { i += 1 }
        var n = 0
        let digits = i
        while i < r.upperBound, TextScan.isDigit(bytes[i]), i - digits < 2 { n = n * 10 + Int(bytes[i] - 48); i += 1 }
        guard i > digits else { return nil }
        while i < r.upperBound, bytes[i] == 58 || bytes[i] == 46 || bytes[i] == 32 { i += 1 }
        return i == r.upperBound ? n : nil
    }

    /// "1. <title> is not medically necessary and appropriate." A numbered line may start a header
    /// anywhere in the block; an unnumbered sentence only at the end of a block that a field label
    /// follows (so the last sentence of a rationale is never taken for an item).
    static func sentenceHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        sentenceHeaders(lines, block, labelFollows, lines.significantLines(in: block))
    }

    /// The same, with the block's significant lines given.
    static func sentenceHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool, _ sig: [Int]) -> [ItemHeader] {
        let bytes = lines.bytes
        var out: [ItemHeader] = []
        var p = 0
        // An unnumbered sentence must end the block: its last line ends with a full stop or with the
        // decision phrase's last word ("… appropriate", "… necessary").
        let tailHasDecision = labelFollows && sig.last.map { endsLikeADecision(bytes, lines[$0].contentStart..<min(lines[$0].contentEnd, block.upperBound)) } ?? false
        while p < sig.count {
            let k = sig[p]
            let c = lines[k].content
            let numbered = numberEnd(bytes, c)
            // An unnumbered sentence must end the block (so start on one of its last few lines) and
            // start the block or follow the end of a sentence.
            guard numbered != nil || (tailHasDecision && p >= sig.count - 4) else { p += 1; continue }
            let previous = lines.previousSignificant(before: k)
            let startsBlock = previous.map { lines[$0].contentEnd <= block.lowerBound } ?? true
            let candidate = numbered != nil || (labelFollows && (startsBlock || ItemScanner.endsSentence(lines, previous!)))
            guard candidate else { p += 1; continue }
            let start = numbered ?? c.lowerBound
            // Up to the next numbered line, within a few lines.
            var windowEnd = block.upperBound
            var q = p + 1
            while q < sig.count, q <= p + 8 {
                if numberEnd(bytes, lines[sig[q]].content) != nil { windowEnd = lines[sig[q]].contentStart; break }
                q += 1
            }
            if q > p + 8, q < sig.count { windowEnd = min(windowEnd, lines[sig[q]].contentStart) }
            let window = start..<windowEnd
            var found = DecisionPhrases.firstSentence(bytes, window)
            var end = found.map { sentenceEnd(bytes, after: $0.decision.range.upperBound, limit: block.upperBound) } ?? 0
            // A sentence broken by a page break ("… is not medically" / "Page 2 of 4" / "necessary and
            // appropriate."): read on its two lines joined without the furniture.
            if found.map({ $0.verbStart >= c.upperBound && containsSentenceEnd(bytes, start..<$0.verbStart) }) ?? true,
               let (joined, original) = lines.joinedAcrossNoise(k, from: start),
               let (d, verb) = DecisionPhrases.firstSentence(joined, 0..<joined.count), verb < c.upperBound - start {
                found = (Located(d.value, original(d.range.lowerBound)..<original(d.range.upperBound)), original(verb))
                end = original(sentenceEnd(joined, after: d.range.upperBound, limit: joined.count))
            }
            guard let (decision, verb) = found, !containsSentenceEnd(bytes, start..<verb) else { p += 1; continue }
            // A table's row ("4. Crutches, pair | OVERTURNED | … Walking aids") is no sentence: one
            // running into the note under the table is no header ("An UPHELD determination means the
            // services are not medically necessary").
            if bytes[start..<verb].contains(124) { p += 1; continue }
            // Nor a line ending a sentence before the decision's ("2) … pages 117-118." over
            // "Tramadol ER 150 mg #30 is not medically necessary …" starts no title of the next item).
            if numbered != nil, sig[p..<min(sig.count, p + 9)].contains(where: { lines[$0].contentEnd <= verb && lines[$0].contentEnd > start && ItemScanner.endsSentence(lines, $0) }) {
                p += 1; continue
            }
            if numbered == nil, !lines.trim(end..<block.upperBound).isEmpty { p += 1; continue }
            // "Therefore, the request is not medically necessary." concludes a rationale; it names no item.
            if numbered == nil, !namesATreatment(lines, start..<verb) { p += 1; continue }
            out.append(ItemHeader(title: lines.trim(start..<verb), decision: decision, end: end, start: c.lowerBound, form: .sentence,
                                  number: itemNumber(bytes, c)?.number))
            p = max(p + 1, sig.firstIndex { lines[$0].contentStart >= end } ?? sig.count)
        }
        return out
    }

    private static let decisionEnds = [Array("necessary".utf8), Array("appropriate".utf8)]

    /// Whether `r` ends with a full stop or with "necessary" / "appropriate".
    private static func endsLikeADecision(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard let last = r.last else { return false }
        if bytes[last] == 46 { return true }
        for w in decisionEnds where r.count >= w.count {
            var k = 0
            while k < w.count, TextScan.lower(bytes[r.upperBound - w.count + k]) == w[k] { k += 1 }
            if k == w.count { return true }
        }
        return false
    }

    /// The end of the sentence a decision phrase ends at `start`: after its full stop, or after a
    /// short tail ("… and approp-" / "riate.", "… at this time.") up to its full stop.
    static func sentenceEnd(_ bytes: [UInt8], after start: Int, limit: Int) -> Int {
        var i = start
        let stop = min(limit, start + 60)
        while i < stop {
            let b = bytes[i]
            if b == 46 { return i + 1 }
            if b == 58 || b == 59 || b == 33 || b == 63 { return start < bytes.count && bytes[start] == 46 ? start + 1 : start }
            i += 1
        }
        return start < limit && bytes[start] == 46 ? start + 1 : start
    }

    private static let abbreviations = WordSet(["mg", "mcg", "no", "dr", "vs", "etc", "approx", "bilat", "qty", "inc"])

    /// Words a rationale's conclusion starts with, never a treatment's name.
    private static let conclusionStarts = WordSet([
        "the", "this", "these", "that", "those", "such", "said", "it", "they", "he", "she", "therefore", "thus", "hence", "accordingly",
        "consequently", "so", "overall", "however", "based", "given", "since", "because", "in", "as", "at", "currently", "presently",
        "clearly", "ultimately", "finally", "further", "furthermore", "additionally", "also", "then", "again", "which", "none",
        "neither", "both", "all", "here", "and", "but", "or", "not", "without", "with", "for", "per", "if", "when",
    ])

    /// Whether the subject of an unnumbered decision sentence (its framing "The request for" left
    /// out) names a treatment, rather than "the request", "this treatment" or "Therefore, it".
    static func namesATreatment(_ lines: LetterLines, _ subject: Range<Int>) -> Bool {
        let bytes = lines.bytes
        let r = ItemBuilder.titleRange(subject, lines, prefixes: titlePrefixes)
        guard !r.isEmpty, r.count <= 300 else { return false }
        var e = r.lowerBound
        while e < r.upperBound, TextScan.isAlpha(bytes[e]) { e += 1 }
        // "In-home care" starts with a treatment word: only a whole word counts.
        if e < r.upperBound, !TextScan.isSpace(bytes[e]), bytes[e] != 44 { return true }
        return !conclusionStarts.contains(bytes, r.lowerBound..<e)
    }

    private static func containsSentenceEnd(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i + 1 < range.upperBound {
            if bytes[i] == 46, TextScan.isSpace(bytes[i + 1]), i > range.lowerBound, TextScan.isAlpha(bytes[i - 1]),
               i - 1 == range.lowerBound || TextScan.isAlpha(bytes[i - 2]) {
                // A word of two or more letters then ". " ends a sentence ("L5. " does not).
                var w = i - 1
                while w > range.lowerBound, TextScan.isAlpha(bytes[w - 1]) { w -= 1 }
                if !abbreviations.contains(bytes, w..<i) { return true }
            }
            i += 1
        }
        return false
    }

    private static let regarding = Phrase("regarding the request for")

    /// Where "Regarding the request for" starts line `k` (after an optional "1)"), and its end.
    static func regardingStart(_ lines: LetterLines, _ k: Int) -> Int? {
        let bytes = lines.bytes
        let c = lines[k].content
        guard let b = c.first.map({ bytes[$0] | 0x20 }), b == 114 || TextScan.isDigit(b) || b == 40 || b == 105 else { return nil }
        let i = b == 114 ? c.lowerBound : itemNumber(bytes, c)?.textStart ?? c.lowerBound
        return regarding.match(bytes, at: i, end: c.upperBound).map { _ in i }
    }

    /// "Regarding the request for <title>:", the title possibly wrapped over a few lines.
    static func regardingHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        regardingHeaders(lines, block, labelFollows, lines.significantLines(in: block))
    }

    /// The same, with the block's significant lines given.
    static func regardingHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool, _ sig: [Int]) -> [ItemHeader] {
        let bytes = lines.bytes
        var out: [ItemHeader] = []
        for (p, k) in sig.enumerated() {
            guard let start = regardingStart(lines, k), let titleStart = regarding.match(bytes, at: start, end: block.upperBound) else { continue }
            // The title ends at the colon that ends a line, within a few lines, or at a colon the
            // decision follows on its line ("Regarding the request for zolpidem 10 mg #30: the
            // reviewer upholds the UR denial."), before any sentence ends.
            var titleEnd = min(lines[k].contentEnd, block.upperBound)
            var end = titleEnd
            lines: for q in p..<min(sig.count, p + 6) {
                let c = lines[sig[q]].content
                if q > p, regardingStart(lines, sig[q]) != nil { break }
                var i = q == p ? titleStart : c.lowerBound
                while i + 1 < min(c.upperBound, block.upperBound) {
                    if bytes[i] == 58, bytes[i + 1] == 32 || bytes[i + 1] == 9 {
                        titleEnd = i
                        end = i + 1
                        break lines
                    }
                    if bytes[i] == 46, bytes[i + 1] == 32, i > titleStart, TextScan.isAlpha(bytes[i - 1]), i - 3 >= titleStart, TextScan.isAlpha(bytes[i - 3]) { break lines }
                    i += 1
                }
                if c.upperBound <= block.upperBound, bytes[c.upperBound - 1] == 58 {
                    titleEnd = c.upperBound - 1
                    end = c.upperBound
                    break
                }
            }
            let title = lines.trim(titleStart..<max(titleStart, titleEnd))
            if !title.isEmpty {
                out.append(ItemHeader(title: title, decision: nil, end: end, start: lines[k].contentStart, form: .regarding,
                                      number: itemNumber(bytes, lines[k].content)?.number))
            }
        }
        return out
    }

    /// "2. <title>" or "Item 2: <title>" on a line of its own (the title possibly wrapped onto one
    /// more line), followed by a field label (the end of a block that a label follows), a decision
    /// word alone ("Upheld"), or a decision sentence ("The request is not medically necessary."),
    /// which then gives the header its decision. The scanner keeps it only when it carries the next
    /// item number.
    static func numberedTitleHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        numberedTitleHeaders(lines, block, labelFollows, lines.significantLines(in: block))
    }

    /// The same, with the block's significant lines given.
    static func numberedTitleHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool, _ sig: [Int]) -> [ItemHeader] {
        let bytes = lines.bytes
        var out: [ItemHeader] = []
        var p = 0
        while p < sig.count {
            let k = sig[p]
            let content = lines[k].contentStart..<min(lines[k].contentEnd, block.upperBound)
            guard let (n, textStart) = titleNumber(bytes, content), textStart < content.upperBound, n >= 1 else { p += 1; continue }
            var found: ItemHeader? = nil
            // The title on one line, or on two when the first does not end a sentence.
            for last in p..<min(sig.count, p + 2) {
                if last > p, ItemScanner.endsSentence(lines, sig[last - 1]) || titleNumber(bytes, lines[sig[last]].content) != nil { break }
                let titleEnd = min(lines[sig[last]].contentEnd, block.upperBound)
                let title = lines.trim(textStart..<titleEnd)
                guard !title.isEmpty, title.count <= 200, !containsSentenceEnd(bytes, title),
                      DecisionPhrases.firstSentence(bytes, title) == nil else { break }
                if last + 1 == sig.count {
                    if labelFollows { found = ItemHeader(title: title, decision: nil, end: titleEnd, start: content.lowerBound, form: .numberedTitle, number: n) }
                    break
                }
                let next = lines[sig[last + 1]].contentStart..<min(lines[sig[last + 1]].contentEnd, block.upperBound)
                if let word = DecisionPhrases.word(bytes, next) ?? DecisionPhrases.determinationLine(bytes, next) {
                    found = ItemHeader(title: title, decision: word, end: next.upperBound, start: content.lowerBound, form: .numberedTitle, number: n)
                    break
                }
                // A decision sentence that starts the next line, before any other sentence ends.
                let window = next.lowerBound..<min(block.upperBound, next.lowerBound + 400)
                if let (decision, verb) = DecisionPhrases.firstSentence(bytes, window), !containsSentenceEnd(bytes, next.lowerBound..<verb),
                   verb - next.lowerBound <= 250 {
                    var end = decision.range.upperBound
                    if end < bytes.count, bytes[end] == 46 { end += 1 }
                    found = ItemHeader(title: title, decision: decision, end: end, start: content.lowerBound, form: .numberedTitle, number: n)
                    break
                }
            }
            // A title alone on its line, its rationale told in the paragraph below: a line without
            // sentence punctuation before a line that starts a sentence, and a conclusion ("… is not
            // medically necessary", "Medical necessity for … has been established") before the next
            // numbered line.
            // (Details told so have no field labels: only a block that no label follows holds them.)
            if found == nil, !labelFollows, p + 1 < sig.count, let h = titleOverRationale(lines, block, sig, p, n, textStart) { found = h }
            if let h = found {
                out.append(h)
                p = max(p + 1, sig.firstIndex { lines[$0].contentStart >= h.end } ?? sig.count)
            } else {
                p += 1
            }
        }
        return out
    }

    /// "2) Norco 5/325 mg #60" alone on its line with the rationale in the lines below (see
    /// `numberedTitleHeaders`).
    private static func titleOverRationale(_ lines: LetterLines, _ block: Range<Int>, _ sig: [Int], _ p: Int, _ n: Int, _ textStart: Int) -> ItemHeader? {
        let bytes = lines.bytes
        let k = sig[p]
        let titleEnd = min(lines[k].contentEnd, block.upperBound)
        let title = lines.trim(textStart..<titleEnd)
        guard !title.isEmpty, title.count <= 120, let last = title.last, TextScan.isAlnum(bytes[last]) || bytes[last] == 41 || bytes[last] == 37,
              !containsSentenceEnd(bytes, title) else { return nil }
        let next = lines[sig[p + 1]].content
        guard let b = next.first.map({ bytes[$0] }), (b >= 65 && b <= 90), next.count >= 40, titleNumber(bytes, next) == nil else { return nil }
        // The rationale: up to the next numbered line, at most 40 lines and 4,000 bytes.
        var q = p + 1
        while q < sig.count, q <= p + 40, titleNumber(bytes, lines[sig[q]].content) == nil { q += 1 }
        let end = min(q < sig.count ? lines[sig[q]].contentStart : block.upperBound, next.lowerBound + 4000)
        let rationale = next.lowerBound..<end
        guard DecisionPhrases.hasMedicallyNecessary(bytes, rationale) || DecisionPhrases.necessityConclusion(bytes, rationale) != nil else { return nil }
        return ItemHeader(title: title, decision: nil, end: titleEnd, start: lines[k].contentStart, form: .numberedTitle, number: n)
    }

    /// Headers from two finders, in text order, leaving out any that overlaps an earlier one.
    /// Whether line `k`, under a table's header row or a row, is part of a row wrapped over lines:
    /// within `left` lines, a row follows, or the table ends (a blank line more than the table's
    /// `spacing`, the block's end) on a line that ends no sentence. Prose under a row (a rationale
    /// under a one-row table) is not.
    private static func wrapsRow(_ lines: LetterLines, _ k: Int, _ block: Range<Int>, left: Int, spacing: Int) -> Bool {
        let bytes = lines.bytes
        var j = k
        for _ in 0..<left {
            let n = j + spacing
            if spacing == 2, j + 1 < lines.count, !lines[j + 1].isBlank { return false }
            if n >= lines.count || lines[n].isBlank || lines[n].contentStart >= block.upperBound {
                guard let last = lines[j].content.last else { return false }
                return bytes[last] != 46
            }
            if DecisionPhrases.inRow(bytes, lines[n].content) != nil { return true }
            j = n
        }
        return false
    }

    static func merged(_ a: [ItemHeader], _ b: [ItemHeader]) -> [ItemHeader] {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        var out: [ItemHeader] = []
        for h in (a + b).sorted(by: { $0.start < $1.start }) {
            if let last = out.last, h.start < last.end {
                // A bare numbered title is the weakest form: another header it overlaps wins.
                if last.form == .numberedTitle, h.form != .numberedTitle { out[out.count - 1] = h }
                continue
            }
            out.append(h)
        }
        return out
    }

    private static let numberWords = [Phrase("issue"), Phrase("item"), Phrase("request")]

    /// After "1." / "2)" / "(3)" / "Issue 3:" / "Item 4 -" at the start of `content`, where the text begins.
    static func numberEnd(_ bytes: [UInt8], _ content: Range<Int>) -> Int? {
        itemNumber(bytes, content)?.textStart
    }

    /// After "l. " (or "l)") at the start of `content`, where a title starting with a capital letter
    /// or a digit begins: the number one as a scan reads it ("l. EMG/NCV of …"). ("I." is left alone:
    /// it numbers sections as often as items.)
    static func oneAsLetter(_ bytes: [UInt8], _ content: Range<Int>) -> Int? {
        let i = content.lowerBound
        guard i + 3 < content.upperBound, bytes[i] == 108, bytes[i + 1] == 46 || bytes[i + 1] == 41,
              bytes[i + 2] == 32 || bytes[i + 2] == 9 else { return nil }
        var t = i + 2
        while t < content.upperBound, bytes[t] == 32 || bytes[t] == 9 { t += 1 }
        guard t < content.upperBound, (bytes[t] >= 65 && bytes[t] <= 90) || TextScan.isDigit(bytes[t]) else { return nil }
        return t
    }

    /// The item number at the start of `content` ("1.", "2)", "(3)", "Issue 3:", "Item #4 -",
    /// "Request No. 5:") and where the text after it begins.
    /// An item number before a title alone on its line: as `itemNumber` reads it, or a roman numeral
    /// in capitals ("I.", "II.", "IV)") before a column gap or a space — items numbered so in a
    /// section of issues ("II.  Left L4-L5 transforaminal epidural steroid injection").
    static func titleNumber(_ bytes: [UInt8], _ content: Range<Int>) -> (number: Int, textStart: Int)? {
        if let found = itemNumber(bytes, content) { return found }
        var i = content.lowerBound
        let end = content.upperBound
        guard i < end, bytes[i] == 73 || bytes[i] == 86 || bytes[i] == 88 else { return nil }
        var n = 0, previous = 0
        while i < end, i - content.lowerBound < 5 {
            let v: Int
            switch bytes[i] { case 73: v = 1; case 86: v = 5; case 88: v = 10; default: v = 0 }
            guard v > 0 else { break }
            n += v > previous && previous > 0 ? v - 2 * previous : v
            previous = v
            i += 1
        }
        guard n >= 1, n <= 30, i + 1 < end, bytes[i] == 46 || bytes[i] == 41, bytes[i + 1] == 32 || bytes[i + 1] == 9 else { return nil }
        i += 1
        while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        return i < end ? (n, i) : nil
    }

    static func itemNumber(_ bytes: [UInt8], _ content: Range<Int>) -> (number: Int, textStart: Int)? {
        var i = content.lowerBound
        let end = content.upperBound
        guard i < end else { return nil }
        let b = TextScan.lower(bytes[i])
        // Digits, "(", or the "i" of "issue"/"item" or "r" of "request": most lines fail here.
        guard TextScan.isDigit(b) || b == 105 || b == 114 || b == 40 || b == 108 else { return nil }
        // "l." before a title: the "1." of a scan read as a letter.
        if bytes[i] == 108 { return oneAsLetter(bytes, content).map { (1, $0) } }
        if b == 105 || b == 114 {
            guard i + 2 < end else { return nil }
            let b1 = bytes[i + 1] | 0x20, b2 = bytes[i + 2] | 0x20
            guard (b == 105 && ((b1 == 116 && b2 == 101) || (b1 == 115 && b2 == 115))) || (b == 114 && b1 == 101 && b2 == 113) else { return nil }
        }
        var worded = false
        if b == 105 || b == 114 {
            guard let (_, e) = Phrase.matchAny(numberWords, bytes, at: i, end: end) else { return nil }
            i = e
            while i < end, bytes[i] == 32 { i += 1 }
            if i + 2 < end, TextScan.lower(bytes[i]) == 110, TextScan.lower(bytes[i + 1]) == 111, bytes[i + 2] == 46 { i += 3 }  // "No."
            else if i < end, bytes[i] == 35 { i += 1 }  // "#"
            while i < end, bytes[i] == 32 { i += 1 }
            worded = true
        }
        var bracket = false
        if !worded, bytes[i] == 40 { bracket = true; i += 1 }
        let digits = i
        var n = 0
        while i < end, TextScan.isDigit(bytes[i]), i - digits < 3 { n = n * 10 + Int(bytes[i] - 48); i += 1 }
        // After the word, a capital letter may stand for the number ("Request A.", "Item B:"): A to
        // H, no roman numeral ("Issue I", "Item V").
        if worded, i == digits, i + 1 < end, bytes[i] >= 65, bytes[i] <= 72, !TextScan.isAlnum(bytes[i + 1]) {
            n = Int(bytes[i]) - 64
            i += 1
        }
        // Items are numbered 1 to 99: "300." at a line's start is a page number running on.
        guard i > digits, i < end, i - digits <= 2 else { return nil }
        if bracket {
            guard bytes[i] == 41 else { return nil }
        } else if worded {
            // "Item 2 of 3:": the count after the number is no part of the title (only with the
            // colon: "Item 2 of 3" alone or before a dash was left as it was read before, since
            // reading it so moved a held-back recorded decision in the eighth round's letters).
            var o = i
            while o < end, bytes[o] == 32 { o += 1 }
            if o + 3 < end, bytes[o] | 0x20 == 111, bytes[o + 1] | 0x20 == 102, bytes[o + 2] == 32 {
                var m = o + 3
                while m < end, bytes[m] == 32 { m += 1 }
                let countStart = m
                while m < end, TextScan.isDigit(bytes[m]), m - countStart < 3 { m += 1 }
                var colon = m
                while colon < end, bytes[colon] == 32 { colon += 1 }
                if m > countStart, m - countStart <= 2, colon < end, bytes[colon] == 58 { i = m }
            }
            // "Item 2:", "Item 2.", "Item 2)", "Item 2 -", or "Item 2" ending the line.
            var j = i
            while j < end, bytes[j] == 32 { j += 1 }
            if j < end, bytes[j] == 45 || bytes[j] == 58 || bytes[j] == 46 || bytes[j] == 41 { i = j } else if j >= end { return (n, end) }
            // "Issue No. 1   TENS unit": the title after a column gap.
            else if j - i >= 2 || bytes[i] == 9 { return (n, j) } else { return nil }
        } else {
            guard bytes[i] == 46 || bytes[i] == 41 || bytes[i] == 58 else { return nil }
        }
        i += 1
        guard i + 0 < end, bytes[i] == 32 || bytes[i] == 9 else { return i >= end && worded ? (n, end) : nil }
        while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        return (n, i)
    }
}
