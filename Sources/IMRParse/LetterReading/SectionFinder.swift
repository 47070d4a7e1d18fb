/// Finds the headings that divide a letter into sections.
///
/// A heading starts a line and may wrap over the next ones (matching is loose, see `Phrase`). A
/// heading without a colon must stand alone on its line(s) so that a sentence that happens to
/// begin with the same words ("Documents reviewed include …") is not taken for one; a heading
/// that ends with a colon may have its content on the same line ("CASE SUMMARY: The patient …").
enum SectionFinder {
    enum Kind: Sendable, Equatable {
        case howMade, caseSummary, issues, documents, issueAtDispute, reviewerGuidelines, reviewerRationale,
             qualifications, credentials, professionalReview, closing
    }

    struct Heading: Sendable {
        var kind: Kind
        /// The line the heading starts on.
        var line: Int
        /// The heading's own text (for a wrapped heading, over several lines).
        var range: Range<Int>
        /// Where the section's content starts.
        var contentStart: Int
    }

    /// The wordings of each heading, as `WordingVariants` patterns (`~`: plural, "(S)" or singular).
    /// The usual wordings of each heading, as `WordingVariants` patterns (`~`: plural, "(S)" or
    /// singular); any other is read from its words (`LabelMeaning`: "Expert Reviewer Case Summary:",
    /// "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE").
    private static let table: [(Kind, [String])] = [
        (.howMade, ["how the {imr |}{final |}determination was made"]),
        (.caseSummary, ["{clinical |}case summary", "clinical summary", "summary of {the |}case", "summary of clinical information",
                        "summary of {the |}{medical |clinical |}records", "expert reviewer case summary", "{clinical |}case history"]),
        (.issues, ["{imr |}issues{,|} decisions{,|} and rationales", "imr decision~ and rationale~", "decision~ and rationale~",
                   "independent medical review decision~ and rationale~"]),
        (.documents, ["documents reviewed for determination", "{list of |}documents reviewed", "{medical |}records reviewed"]),
        (.issueAtDispute, ["issue~ at dispute", "issue~ in dispute"]),
        (.reviewerGuidelines, ["medical treatment guideline~ relied upon by {the |}professional reviewer and why"]),
        (.qualifications, ["medical reviewer qualifications", "reviewer qualifications", "qualifications of the medical reviewer"]),
        (.credentials, ["the expert reviewer has the following credentials"]),
        (.professionalReview, ["medical professional review"]),
        (.closing, ["sincerely", "cc:", "effect of the decision", "right to appeal", "appeal rights"]),
    ]
    /// Headings that name a section only when they stand alone on their line (with at most a colon):
    /// a one-word heading such as "Summary" or "Background" also starts sentences.
    private static let standaloneTable: [(Kind, [String])] = [
        (.caseSummary, ["summary", "background", "history"]),
        // "Disputed Item: Lumbar MRI" names an item; "DISPUTED ITEMS" alone heads the items.
        (.issues, ["imr decision", "imr issue~"]),
        // ("REVIEWER", "ABOUT THE REVIEWER" are read by `ReviewerParser.headingEnd`, not here: as
        // headings they would end an item section that goes on right after them.)
    ]
    private static let phrases: [(Kind, Phrase, standalone: Bool)] =
        table.flatMap { kind, list in WordingVariants.expand(list).map { (kind, Phrase($0), false) } }
        + standaloneTable.flatMap { kind, list in WordingVariants.expand(list).map { (kind, Phrase($0), true) } }
    /// All the headings in one prefix tree, tried at each line start.
    private static let trie = LabelTrie(phrases.map(\.1))

    /// "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:" — the
    /// heading's own words carry the decision, so it is read up to its colon.
    private static let rationaleIntro = Phrase("rationale for why the requested")

    static func find(_ lines: LetterLines, in range: Range<Int>? = nil) -> [Heading] {
        read(lines, in: range).headings
    }

    /// The headings, and the field label that starts each line (read in the same pass: a line's
    /// words are read once, as a heading or as a label).
    static func read(_ lines: LetterLines, in range: Range<Int>? = nil) -> (headings: [Heading], labels: LineLabels) {
        read(lines, in: range, words: true)
    }

    /// With `words` false, headings are only the listed wordings and no labels are read: what a
    /// letter in a known layout needs (`LayoutContext` reads the words only when the listed
    /// headings leave its summary or its decisions without a heading).
    static func read(_ lines: LetterLines, in range: Range<Int>? = nil, words: Bool) -> (headings: [Heading], labels: LineLabels) {
        let bytes = lines.bytes
        let scope = range ?? 0..<bytes.count
        var out: [Heading] = []
        var labels = LineLabels(count: words ? lines.count : 0)
        var skipUntil = -1
        let fieldTables = FieldLabel.Tables.shared
        let tables = Tables.shared
        for k in lines.significant(in: scope) {
            let start = lines[k].contentStart
            var meaning: LabelMeaning.Found? = nil
            var isLabel = false
            if !words {
                // Listed headings only (what a known layout needs).
            } else if TextScan.isDigit(bytes[start]) || bytes[start] == 40, let s = sectionNumberEnd(bytes, lines[k].content),
                      let (label, value) = FieldLabel.label(bytes, at: s, end: bytes.count, fieldTables).flatMap({ f in f.1 >= lines[k].contentEnd ? nil : f })
                        ?? LabelMeaning.read(lines, line: k, from: s).flatMap({ f in f.meaning.fieldLabel.map { ($0, f.valueStart) } }) {
                // A numbered section that is a field's label ("2. GUIDELINES RELIED UPON", "3. BASIS FOR
                // THE DECISION").
                labels.set(k, label, valueStart: value)
                isLabel = true
            } else if let (label, value) = FieldLabel.label(bytes, at: start, end: bytes.count, fieldTables).flatMap({ f in
                            f.1 >= lines[k].contentEnd ? nil : f })
                        ?? lines.joinedAcrossNoise(k, from: start).flatMap({ j in
                            FieldLabel.label(j.bytes, at: 0, end: j.bytes.count, fieldTables).flatMap { l, e in
                                e > lines[k].contentEnd - start + 1 ? (l, j.original(e)) : nil } })
                        ?? FieldLabel.label(bytes, at: start, end: bytes.count, fieldTables) {
                labels.set(k, label, valueStart: value)
                isLabel = true
            } else if LabelMeaning.mayStartLabel(lines, line: k), let found = LabelMeaning.read(lines, line: k, from: start) {
                meaning = found
                if let label = found.meaning.fieldLabel { labels.set(k, label, valueStart: found.valueStart); isLabel = true }
            } else if let found = LabelMeaning.formRow(lines, line: k, from: start), let label = found.meaning.fieldLabel {
                // A form's row ("Outcome ........ UPHELD"), its leader for a colon.
                labels.set(k, label, valueStart: found.valueStart)
                isLabel = true
            }
            guard start >= skipUntil else { continue }
            if let h = words ? heading(at: k, lines, isLabel: isLabel, meaning: meaning, tables) : listedHeading(at: k, lines, tables) {
                out.append(h)
                skipUntil = h.range.upperBound
            }
        }
        return (out, labels)
    }

    /// The heading that starts line `k`, if any. A heading may be numbered ("1.", "II.", "A)",
    /// "Section 2:"), in any case, and wrapped over the next line or two.
    static func heading(at k: Int, _ lines: LetterLines) -> Heading? {
        let start = lines[k].contentStart
        let isLabel = FieldLabel.label(lines.bytes, at: start, end: lines.bytes.count) != nil
        return heading(at: k, lines, isLabel: isLabel, meaning: isLabel ? nil : LabelMeaning.read(lines, line: k, from: start), Tables.shared)
    }

    /// The tables, fetched once by `read` (a `static let` is checked for its one-time
    /// initialisation at every use).
    struct Tables: Sendable {
        let trie: LabelTrie
        let phrases: [(Kind, Phrase, standalone: Bool)]
        static let shared = Tables(trie: SectionFinder.trie, phrases: SectionFinder.phrases)
    }

    /// The heading that starts line `k`, knowing whether a field label starts it and what its words
    /// mean (`LabelMeaning`, read from the line's start).
    static func heading(at k: Int, _ lines: LetterLines, isLabel: Bool, meaning lineMeaning: LabelMeaning.Found?, _ tables: Tables) -> Heading? {
        let bytes = lines.bytes
        let lineStart = lines[k].contentStart
        let first = TextScan.lower(bytes[lineStart])
        // Typist's initials ("/jb") close a letter.
        if first == 47, lines[k].content.count >= 3, lines[k].content.count <= 5,
           bytes[(lineStart + 1)..<lines[k].contentEnd].allSatisfy(TextScan.isAlpha) {
            return Heading(kind: .closing, line: k, range: lines[k].content, contentStart: lines[k].contentEnd)
        }
        let start = sectionNumberEnd(bytes, lines[k].content) ?? lineStart
        guard start < lines[k].contentEnd, TextScan.isAlpha(bytes[start]) else { return nil }
        let first2 = TextScan.lower(bytes[start])
        // The heading may wrap onto the next line or two, but no further.
        let limitLine = min(lines.count - 1, k + 4)
        let end = lines[limitLine].contentEnd
        if first2 == rationaleIntro.first, let e = rationaleIntro.match(bytes, at: start, end: end) {
            var i = e
            // Its colon may be past a page break inside it.
            let afterBreak = lines.nextSignificant(after: min(lines.count - 1, k + 1)).map { lines[$0].contentEnd } ?? end
            let stop = min(max(end, afterBreak), e + 200)
            while i < stop, bytes[i] != 58 { i += 1 }
            guard i < stop else { return nil }
            return Heading(kind: .reviewerRationale, line: k, range: lineStart..<(i + 1), contentStart: i + 1)
        }
        // The longest heading; of equally long ones, the first in the table. Else a heading read
        // from its words, alone on its line ("Expert Reviewer Case Summary:", "Summary Of The Case").
        if let (index, e) = tables.trie.longestMatch(bytes, at: start, end: end), let h = listed(tables.phrases[index], e, k, lineStart, lines) { return h }
        if lines[k].furnitureFollows, let h = acrossPageBreak(at: k, from: start, lines, tables) { return h }
        // A field label ("Decision rationale:", "MAXIMUS guideline:") is no heading; a numbered line's
        // words are read after its number.
        guard !isLabel, let found = start == lineStart ? lineMeaning : LabelMeaning.read(lines, line: k, from: start, sectionsOnly: true),
              let kind = found.meaning.sectionKind,
              found.headsInline || restOfLineIsEmpty(lines, from: found.valueStart) else { return nil }
        return Heading(kind: kind, line: k, range: lineStart..<found.valueStart, contentStart: found.valueStart)
    }

    /// A listed heading that starts line `k` (no reading of words).
    private static func listedHeading(at k: Int, _ lines: LetterLines, _ tables: Tables) -> Heading? {
        let bytes = lines.bytes
        let line = lines[k]
        let lineStart = line.contentStart
        let b0 = bytes[lineStart]
        // "/jb" (a typist's initials) and "RATIONALE FOR WHY …" are read by `heading`.
        if b0 == 47 || b0 | 0x20 == 114 {
            return heading(at: k, lines, isLabel: true, meaning: nil, tables)
        }
        // A numbered heading starts with a digit, a roman numeral, "Section"/"Part", or "A." / "B)".
        var start = lineStart
        if TextScan.isDigit(b0) || b0 == 73 || b0 == 86 || b0 == 88 || b0 | 0x20 == 115 || b0 | 0x20 == 112
            || (lineStart + 1 < line.contentEnd && (bytes[lineStart + 1] == 46 || bytes[lineStart + 1] == 41)) {
            start = sectionNumberEnd(bytes, line.content) ?? lineStart
        }
        guard start < line.contentEnd, TextScan.isAlpha(bytes[start]) else { return nil }
        let end = lines[min(lines.count - 1, k + 4)].contentEnd
        if let (index, e) = tables.trie.longestMatch(bytes, at: start, end: end) { return listed(tables.phrases[index], e, k, lineStart, lines) }
        // Only a line with page furniture after it can hold a heading cut by a page break.
        return lines[k].furnitureFollows ? acrossPageBreak(at: k, from: start, lines, tables) : nil
    }

    /// A listed heading wrapped across a page break ("MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY
    /// PROFESSIONAL REVIEWER" / "Page 1 of 2" / "AND WHY:"): matched on the two lines joined.
    private static func acrossPageBreak(at k: Int, from start: Int, _ lines: LetterLines, _ tables: Tables) -> Heading? {
        guard let (joined, original) = lines.joinedAcrossNoise(k, from: start),
              let (index, e) = tables.trie.longestMatch(joined, at: 0, end: joined.count),
              e > lines[k].contentEnd - start + 1 else { return nil }
        let (kind, _, _) = tables.phrases[index]
        var end = original(e)
        // Its colon, if any, and nothing else on its last line.
        var i = end
        while i < lines.bytes.count, lines.bytes[i] == 32 { i += 1 }
        if i < lines.bytes.count, lines.bytes[i] == 58, kind != .closing { end = i + 1 }
        guard restOfLineIsEmpty(lines, from: end) || lines.bytes[end - 1] == 58 else { return nil }
        return Heading(kind: kind, line: k, range: lines[k].contentStart..<end, contentStart: end)
    }

    /// The heading of table phrase `index`, matched on line `k` up to `e`, when the rest of its line
    /// allows it (nothing after a heading without a colon).
    private static func listed(_ entry: (Kind, Phrase, standalone: Bool), _ e: Int, _ k: Int, _ lineStart: Int, _ lines: LetterLines) -> Heading? {
        let bytes = lines.bytes
        let (kind, _, standalone) = entry
        if e < bytes.count, TextScan.isAlnum(bytes[e]), TextScan.isAlnum(bytes[e - 1]) { return nil }
        var contentStart = e
        if bytes[e - 1] == 58 {
            if standalone, !restOfLineIsEmpty(lines, from: e) { return nil }
            return Heading(kind: kind, line: k, range: lineStart..<e, contentStart: e)
        }
        // Optional colon, then nothing else on the line.
        var i = e
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        var headingEnd = e
        if i < bytes.count, bytes[i] == 58 {
            i += 1
            headingEnd = i
            contentStart = i
            if kind != .closing, !standalone { return Heading(kind: kind, line: k, range: lineStart..<headingEnd, contentStart: contentStart) }
        }
        // A note in brackets after the heading, on its line ("CLINICAL SUMMARY (prepared by the
        // reviewer from the records)"), is the heading's.
        if !restOfLineIsEmpty(lines, from: headingEnd) {
            guard kind != .closing, !standalone, let note = bracketedNote(lines, k, from: i) else { return nil }
            return Heading(kind: kind, line: k, range: lineStart..<note, contentStart: note)
        }
        // A one-word heading with a full stop after it, under a line that ends no sentence, is the
        // last word of that sentence wrapped ("… explained in the analysis that follows this" /
        // "summary."): a heading is never closed by a full stop.
        if standalone, headingEnd == e, i < bytes.count, bytes[i] == 46, let p = lines.previousSignificant(before: k),
           let last = lines[p].content.last, bytes[last] >= 97, bytes[last] <= 122 { return nil }
        // Its words may go on to a colon on the next line ("Summary of the Case" / "by the Expert
        // Reviewer:").
        if kind != .closing, contentStart == e, let c = LabelMeaning.continuation(lines, after: headingEnd) {
            return Heading(kind: kind, line: k, range: lineStart..<c, contentStart: c)
        }
        return Heading(kind: kind, line: k, range: lineStart..<headingEnd, contentStart: contentStart)
    }

    /// When the rest of line `k` from `i` is a note in brackets, "(…)", and nothing else: its end.
    private static func bracketedNote(_ lines: LetterLines, _ k: Int, from i: Int) -> Int? {
        let bytes = lines.bytes
        let end = lines[k].contentEnd
        guard i < end, bytes[i] == 40, bytes[end - 1] == 41, end - i <= 80,
              !bytes[(i + 1)..<(end - 1)].contains(where: { $0 == 40 || $0 == 41 }) else { return nil }
        return end
    }

    /// Whether the line holding `offset - 1` has nothing but punctuation after `offset`.
    private static func restOfLineIsEmpty(_ lines: LetterLines, from offset: Int) -> Bool {
        let bytes = lines.bytes
        let lineOfEnd = lines.lineIndex(at: max(0, offset - 1))
        let rest = offset..<max(offset, lines[lineOfEnd].contentEnd)
        return !bytes[rest].contains(where: TextScan.isAlnum)
    }

    /// After a section number at the start of `content` ("1.", "2)", "(3)", "IV.", "B.", "Section 3:",
    /// "Part 2 -"), where the heading's words begin; nil when the line is not numbered so.
    static func sectionNumberEnd(_ bytes: [UInt8], _ content: Range<Int>) -> Int? {
        var i = content.lowerBound
        let end = content.upperBound
        guard i + 1 < end else { return nil }
        // "(3) Guidelines:": a number in brackets (the fields of an item numbered under its title).
        if bytes[i] == 40 {
            i += 1
            let digits = i
            while i < end, TextScan.isDigit(bytes[i]), i - digits < 2 { i += 1 }
            guard i > digits, i + 1 < end, bytes[i] == 41, bytes[i + 1] == 32 || bytes[i + 1] == 9 else { return nil }
            i += 1
            while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
            return i < end ? i : nil
        }
        // A digit, "I", "V", "X", "s(ection)", "p(art)", or a capital letter then "." or ")": most
        // lines fail on their first two bytes.
        let b0 = bytes[i], b1 = bytes[i + 1]
        guard TextScan.isDigit(b0) || b0 == 73 || b0 == 86 || b0 == 88 || b0 | 0x20 == 115 || b0 | 0x20 == 112
                || (b0 >= 65 && b0 <= 90 && (b1 == 46 || b1 == 41)) else { return nil }
        let f = bytes[i] | 0x20
        if (f == 115 || f == 112), let (_, e) = Phrase.matchAny(sectionWords, bytes, at: i, end: end), e < end, bytes[e] == 32 {
            i = e
            while i < end, bytes[i] == 32 { i += 1 }
        }
        let digits = i
        while i < end, TextScan.isDigit(bytes[i]), i - digits < 2 { i += 1 }
        if i == digits {
            // A roman numeral of up to four letters, or one capital letter.
            while i < end, i - digits < 4, bytes[i] == 73 || bytes[i] == 86 || bytes[i] == 88 { i += 1 }  // I V X
            if i == digits, i < end, bytes[i] >= 65, bytes[i] <= 90 { i += 1 }
            guard i > digits else { return nil }
        }
        // "Part 2 - Summary …": a dash or colon may stand apart from the number.
        if i > digits, i + 1 < end, bytes[i] == 32, bytes[i + 1] == 45 || bytes[i + 1] == 58 { i += 1 }
        guard i < end, bytes[i] == 46 || bytes[i] == 41 || bytes[i] == 58 || bytes[i] == 45 else { return nil }
        i += 1
        guard i < end, bytes[i] == 32 || bytes[i] == 9 else { return nil }
        while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        return i < end ? i : nil
    }

    private static let sectionWords = [Phrase("section"), Phrase("part")]
}
