import Foundation

/// Turns scanned item drafts into `DisputedItem`s: clean titles, citations, rationales.
enum ItemBuilder {
    static func items(_ drafts: [ItemDraft], _ lines: LetterLines, titlePrefixes: LabelTrie? = nil) -> [DisputedItem] {
        // Each item built in its place in the array: returned from a function, the whole item
        // (strings, citations, rationale) was copied and the original destroyed, once per item.
        var out: [DisputedItem] = []
        out.reserveCapacity(drafts.count)
        for draft in drafts {
            out.append(DisputedItem(title: Located("", 0..<0)))
            build(&out[out.count - 1], draft, lines, titlePrefixes: titlePrefixes)
        }
        return out
    }

    /// Reads `draft` into `item` (whatever `item` held is replaced).
    private static func build(_ item: inout DisputedItem, _ draft: ItemDraft, _ lines: LetterLines, titlePrefixes: LabelTrie?) {
        let range = titleRange(draft.header.title, lines, prefixes: titlePrefixes)
        item = DisputedItem(title: Located(lines.clean(range), range))
        item.decision = draft.header.decision ?? draft.statedDecision
        var fields = draft.fields
        // Labels run into a guideline field's paragraph ("… page 46. Guideline cited by the
        // Reviewer: … Reasoning: …"): each starts its own field there.
        splitAtInlineLabels(&fields, .claimsAdministrator, lines)
        splitAtInlineLabels(&fields, .reviewer, lines)
        // One guideline field that gives each party's guideline in a sentence of its own ("The
        // Claims Administrator based its decision on … The Expert Reviewer based the decision on …").
        splitByParty(&fields, lines)
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
        // A rationale (labelled, or an item's text without labels) that opens by saying what the
        // reviewer relied on ("The reviewer relied on the MTUS …, pages 76-80. Ongoing opioid
        // treatment is …"): that sentence is the reviewer's guideline.
        if fields[.reviewer] == nil, fields[.claimsAdministrator] == nil,
           let t = fields[.rationale] ?? (fields[.decision] == nil ? draft.unlabelled : nil),
           let (c, r) = CitationParser.relianceOpening(lines.bytes, t) {
            fields[.reviewer] = c
            fields[.rationale] = r..<max(r, t.upperBound)
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
        } else if draft.header.form == .question, let r = draft.fields[.decision] ?? draft.unlabelled, let (d, after) = answer(r, lines) {
            // The answer to "Is <treatment> medically necessary?": yes overturns the denial, no upholds it.
            if item.decision == nil { item.decision = d }
            if draft.fields[.decision] != nil { rest = after }
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
    }

    /// Splits the field `label` where another guideline or rationale label that the item has not
    /// yet got starts a sentence inside it ("… Epidural steroid injections, page 46. Guideline cited
    /// by the Reviewer: MTUS … Reasoning: Epidural steroid injections are …"): a letter that runs its
    /// fields together in one paragraph. A label is looked for only after a full stop and a capital.
    static func splitAtInlineLabels(_ fields: inout FieldRanges, _ label: FieldLabel, _ lines: LetterLines) {
        guard let r = fields[label], r.count > 8 else { return }
        let bytes = lines.bytes
        var current = label
        var currentStart = r.lowerBound
        var from = r.lowerBound
        // A label ends with its colon: each colon (found with memchr) is looked back from to the
        // full stop and the capital that would start its label, at most 70 bytes before.
        while from < r.upperBound, let colon = firstColon(bytes, from..<r.upperBound) {
            from = colon + 1
            // "Page(s): 46", "Tabs: 1": a value that starts with a digit follows no label of a field.
            var v = colon + 1
            while v < r.upperBound, TextScan.isSpace(bytes[v]) { v += 1 }
            if v < r.upperBound, TextScan.isDigit(bytes[v]) { continue }
            let floor = max(currentStart, colon - 70)
            var i = colon - 2
            while i >= floor, !(bytes[i] == 46 && TextScan.isSpace(bytes[i + 1])) { i -= 1 }
            guard i >= floor else { continue }
            var j = i + 1
            while j < colon, TextScan.isSpace(bytes[j]) { j += 1 }
            guard j < colon, bytes[j] >= 65, bytes[j] <= 90 else { continue }
            let listed = FieldLabel.label(bytes, at: j, end: r.upperBound).flatMap { f in bytes[f.1 - 1] == 58 ? f : nil }
            let found = listed ?? LabelMeaning.read(lines, line: lines.lineIndex(at: j), from: j).flatMap { f in
                f.hasColon ? f.meaning.fieldLabel.map { ($0, f.valueStart) } : nil }
            guard let (l, value) = found, l != current, l.isOrdered, fields[l] == nil, value <= r.upperBound else { continue }
            fields[current] = currentStart..<(i + 1)
            current = l
            currentStart = value
            from = max(from, value)
        }
        if current != label { fields[current] = currentStart..<r.upperBound }
    }

    /// The first colon in `range` (memchr: vectorised).
    private static func firstColon(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress, !range.isEmpty, let hit = memchr(base + range.lowerBound, 58, range.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    private static let claimsParty = [Phrase("the claims administrator"), Phrase("claims administrator"), Phrase("the utilization review"),
                                      Phrase("utilization review")]
    private static let reviewerParty = [Phrase("the expert reviewer"), Phrase("the physician reviewer"), Phrase("the professional reviewer"),
                                        Phrase("the imr reviewer"), Phrase("the independent reviewer"), Phrase("the medical reviewer"),
                                        Phrase("the reviewer"), Phrase("maximus")]

    /// A reviewer's guideline field (and no claims administrator's) that opens with a sentence naming
    /// one party and later has a sentence naming the other: the claims administrator's sentences are
    /// its guideline, the reviewer's theirs.
    static func splitByParty(_ fields: inout FieldRanges, _ lines: LetterLines) {
        guard fields[.claimsAdministrator] == nil, let field = fields[.reviewer] else { return }
        let bytes = lines.bytes
        var lo = field.lowerBound
        while lo < field.upperBound, TextScan.isSpace(bytes[lo]) { lo += 1 }
        // "The …", "Claims …", "Utilization …", "MAXIMUS …": most fields start otherwise.
        guard field.upperBound - lo > 40, bytes[lo] | 0x20 == 116 || bytes[lo] | 0x20 == 99 || bytes[lo] | 0x20 == 117 || bytes[lo] | 0x20 == 109
        else { return }
        let r = lo..<field.upperBound
        let claimsFirst: Bool
        if Phrase.matchAny(claimsParty, bytes, at: r.lowerBound, end: r.upperBound) != nil { claimsFirst = true }
        else if Phrase.matchAny(reviewerParty, bytes, at: r.lowerBound, end: r.upperBound) != nil { claimsFirst = false }
        else { return }
        let other = claimsFirst ? reviewerParty : claimsParty
        var i = r.lowerBound + 1
        while i + 2 < r.upperBound {
            guard bytes[i] == 46, TextScan.isSpace(bytes[i + 1]) else { i += 1; continue }
            var j = i + 1
            while j < r.upperBound, TextScan.isSpace(bytes[j]) { j += 1 }
            if j < r.upperBound, bytes[j] >= 65, bytes[j] <= 90, Phrase.matchAny(other, bytes, at: j, end: r.upperBound) != nil {
                if claimsFirst {
                    fields[.claimsAdministrator] = r.lowerBound..<(i + 1)
                    fields[.reviewer] = j..<field.upperBound
                } else {
                    fields[.reviewer] = r.lowerBound..<(i + 1)
                    fields[.claimsAdministrator] = j..<field.upperBound
                }
                return
            }
            i = j
        }
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

    /// "Yes." or "No, …" opening `range`: the answer to an item asked as "Is <treatment> medically
    /// necessary?" — Overturned for yes, Upheld for no — and the text after the answer's sentence.
    static func answer(_ range: Range<Int>, _ lines: LetterLines) -> (Located<Decision>, Range<Int>)? {
        let bytes = lines.bytes
        let r = lines.trim(range)
        var e = r.lowerBound
        while e < r.upperBound, TextScan.isAlpha(bytes[e]) { e += 1 }
        guard e > r.lowerBound, e == r.upperBound || !TextScan.isAlnum(bytes[e]) else { return nil }
        let w = r.lowerBound..<e
        let d: Decision
        if w.count == 3, TextScan.lower(bytes[w.lowerBound]) == 121, TextScan.lower(bytes[w.lowerBound + 1]) == 101,
           TextScan.lower(bytes[w.lowerBound + 2]) == 115 { d = .overturned }  // "yes"
        else if w.count == 2, TextScan.lower(bytes[w.lowerBound]) == 110, TextScan.lower(bytes[w.lowerBound + 1]) == 111 { d = .upheld }  // "no"
        else { return nil }
        var s = e
        while s < r.upperBound, !(bytes[s] == 46 && (s + 1 == r.upperBound || TextScan.isSpace(bytes[s + 1]))) { s += 1 }
        if s < r.upperBound { s += 1 }
        return (Located(d, w), s..<max(s, r.upperBound))
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

    /// After an item's letter or roman numeral at the start of `r` ("A.", "(b)", "c)", "IV."), where
    /// the title begins; nil when the title is not lettered so. Letters A to H only: "R. knee" is a side.
    static func letteredNumberEnd(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        guard r.count > 4 else { return nil }
        let bracket = bytes[i] == 40
        if bracket { i += 1 }
        let s = i
        let b = bytes[i]
        if (b >= 65 && b <= 72) || (b >= 97 && b <= 104) {
            i += 1
        } else {
            while i < r.upperBound, i - s < 4, bytes[i] == 73 || bytes[i] == 86 || bytes[i] == 88 || bytes[i] == 105 || bytes[i] == 118 || bytes[i] == 120 { i += 1 }
        }
        guard i > s, i + 1 < r.upperBound else { return nil }
        if bracket { guard bytes[i] == 41 else { return nil } }
        else { guard bytes[i] == 46 || bytes[i] == 41 else { return nil } }
        // A lower-case letter after "." is an abbreviation ("e.g."), not numbering.
        if !bracket, bytes[i] == 46, b >= 97 { return nil }
        i += 1
        guard i < r.upperBound, bytes[i] == 32 || bytes[i] == 9 else { return nil }
        return i
    }

    /// The title without its numbering ("1)", "2.", "(3)", "Issue 1:"), a framing prefix ("The
    /// request for"), or the colon before its decision.
    static func titleRange(_ range: Range<Int>, _ lines: LetterLines, prefixes: LabelTrie?) -> Range<Int> {
        let bytes = lines.bytes
        var r = lines.trim(range)
        guard !r.isEmpty else { return r }
        if let t = ItemHeaders.oneAsLetter(bytes, r) { r = lines.trim(t..<r.upperBound) }
        if let t = wordedMarkEnd(bytes, r) { r = lines.trim(t..<r.upperBound) }
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
        // "Item 2 of 3:": the count after the number.
        if j > digits, j + 5 < r.upperBound, bytes[j] == 32, bytes[j + 1] | 0x20 == 111, bytes[j + 2] | 0x20 == 102, bytes[j + 3] == 32,
           TextScan.isDigit(bytes[j + 4]) {
            var t = j + 4
            while t < r.upperBound, TextScan.isDigit(bytes[t]) { t += 1 }
            if t < r.upperBound, bytes[t] == 58 || bytes[t] == 46 { j = t }
        }
        if j > digits, j < r.upperBound, bytes[j] == 46 || bytes[j] == 41 || bytes[j] == 58,
           j + 1 < r.upperBound, TextScan.isSpace(bytes[j + 1]) {
            r = lines.trim((j + 1)..<r.upperBound)
        }
        if let t = letteredNumberEnd(bytes, r) { r = lines.trim(t..<r.upperBound) }
        // Numbered twice ("Item No. 1: ISSUE I:  <title>"): the inner numbering in words too.
        if r.lowerBound != range.lowerBound, let t = wordedMarkEnd(bytes, r) { r = lines.trim(t..<r.upperBound) }
        if let (_, e) = prefixes?.longestMatch(bytes, at: r.lowerBound, end: r.upperBound), e < r.upperBound, TextScan.isSpace(bytes[e]) {
            r = lines.trim(e..<r.upperBound)
        }
        while r.count > 0, bytes[r.upperBound - 1] == 58 || bytes[r.upperBound - 1] == 44 { r = lines.trim(r.lowerBound..<(r.upperBound - 1)) }
        // A dash left before a decision the header gave after it ("ISSUE I: TENS unit — DECISION: UPHELD").
        if r.count > 4, bytes[r.upperBound - 3] == 0xE2, bytes[r.upperBound - 2] == 0x80, bytes[r.upperBound - 1] == 0x93 || bytes[r.upperBound - 1] == 0x94,
           bytes[r.upperBound - 4] == 32 {
            r = lines.trim(r.lowerBound..<(r.upperBound - 3))
        } else if r.count > 2, bytes[r.upperBound - 1] == 45, bytes[r.upperBound - 2] == 32 {
            r = lines.trim(r.lowerBound..<(r.upperBound - 1))
        }
        return r
    }

    /// After an item's number given in words at the start of `r` — "Disputed Treatment #1:", "ISSUE
    /// II:", "Disputed item A —", "Item B." — where the title begins: an item word ("item", "issue",
    /// "request", "treatment", "service"), "Disputed" before it or not, then a number, a roman numeral
    /// or a letter A–H, then a colon, a full stop, a bracket or a dash. Nil for any other start.
    static func wordedMarkEnd(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        let end = r.upperBound
        guard end - i > 8 else { return nil }
        let f = bytes[i] | 0x20
        // "d", "i", "r", "t", "s": most titles fail here.
        guard f == 100 || f == 105 || f == 114 || f == 116 || f == 115 else { return nil }
        if let e = disputedWord.match(bytes, at: i, end: end), e < end, bytes[e] == 32 {
            i = e
            while i < end, bytes[i] == 32 { i += 1 }
        }
        guard let (_, e) = Phrase.matchAny(markWords, bytes, at: i, end: end), e < end, bytes[e] == 32 else { return nil }
        i = e
        while i < end, bytes[i] == 32 { i += 1 }
        if i < end, bytes[i] == 35 { i += 1 }  // "#1"
        let s = i
        if i < end, TextScan.isDigit(bytes[i]) {
            while i < end, TextScan.isDigit(bytes[i]), i - s < 3 { i += 1 }
        } else {
            // A roman numeral in capitals, or one capital letter A–H.
            while i < end, i - s < 4, bytes[i] == 73 || bytes[i] == 86 || bytes[i] == 88 { i += 1 }
            if i == s, i < end, bytes[i] >= 65, bytes[i] <= 72 { i += 1 }
        }
        guard i > s, i < end, !TextScan.isAlnum(bytes[i]) else { return nil }
        // The mark after the number: ":", ".", ")", "-", or an en or em dash, after spaces or not.
        var m = i
        while m < end, bytes[m] == 32 { m += 1 }
        guard m < end else { return nil }
        if bytes[m] == 58 || bytes[m] == 46 || bytes[m] == 41 || bytes[m] == 45 {
            m += 1
        } else if m + 2 < end, bytes[m] == 0xE2, bytes[m + 1] == 0x80, bytes[m + 2] == 0x93 || bytes[m + 2] == 0x94 {
            m += 3
        } else {
            return nil
        }
        guard m < end, bytes[m] == 32 || bytes[m] == 9 else { return nil }
        while m < end, bytes[m] == 32 || bytes[m] == 9 { m += 1 }
        return m < end ? m : nil
    }

    private static let disputedWord = Phrase("disputed")
    private static let markWords = [Phrase("item"), Phrase("issue"), Phrase("request"), Phrase("treatment"), Phrase("service")]
}
