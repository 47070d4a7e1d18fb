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
    private static let table: [(Kind, [String])] = [
        (.howMade, ["how the {imr |}{final |}{determination|decision} was made"]),
        (.caseSummary, ["{clinical |}case summary", "clinical summary", "summary of {the |}case", "summary of {the |}clinical {information|history|records}",
                        "summary of {the |}{medical |}records", "{clinical |}case history", "clinical history", "summary of {the |}medical history",
                        "clinical case summary and history", "case background", "clinical background"]),
        (.issues, ["imr issue~{,|} decision~{,|} {and|&} rationale~", "issue~{,|} decision~{,|} {and|&} rationale~",
                   "imr decision~ {and|&} rationale~", "{imr |}determination~ {and|&} rationale~", "final determination~ {and|&} rationale~",
                   "decision~ {and|&} rationale~", "{imr |}issue~ {and|&} decision~", "disputed item~ {and|&} decision~",
                   "{imr |}decision~ {and|&} {the |}reason~ for {the |}decision~", "{imr |}decision~ by item", "imr decision~", "imr determination~"]),
        (.documents, ["documents reviewed for determination", "{list of |}{medical |}document~ reviewed", "{medical |}records reviewed",
                      "document~ considered", "records considered", "documentation reviewed", "{list of |}records and documents reviewed",
                      "documents received and reviewed"]),
        (.issueAtDispute, ["issue~ at dispute", "issue~ in dispute"]),
        (.reviewerGuidelines, ["medical treatment guideline~ relied upon by {the |}professional reviewer and why"]),
        (.qualifications, ["{medical |}reviewer qualifications", "qualifications of the {medical |}reviewer", "{expert |}reviewer qualifications",
                           "reviewer credentials", "qualifications of the expert reviewer"]),
        (.credentials, ["the expert reviewer has the following credentials"]),
        (.professionalReview, ["medical professional review"]),
        (.closing, ["sincerely", "cc:", "effect of the decision", "right to appeal", "appeal rights", "your right to appeal"]),
    ]
    /// Headings that name a section only when they stand alone on their line (with at most a colon):
    /// a one-word heading such as "Summary" or "Background" also starts sentences.
    private static let standaloneTable: [(Kind, [String])] = [
        (.caseSummary, ["summary", "background", "history"]),
        // "Disputed Item: Lumbar MRI" names an item; "DISPUTED ITEMS" alone heads the items.
        (.issues, ["imr decision", "imr issue~", "disputed item~{/service~|}", "{the |}item~ in dispute", "disputed treatment~", "disputed service~"]),
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
        let bytes = lines.bytes
        let scope = range ?? 0..<bytes.count
        var out: [Heading] = []
        var skipUntil = -1
        for k in lines.significant(in: scope) where lines[k].contentStart >= skipUntil {
            if let h = heading(at: k, lines) {
                out.append(h)
                skipUntil = h.range.upperBound
            }
        }
        return out
    }

    /// The heading that starts line `k`, if any. A heading may be numbered ("1.", "II.", "A)",
    /// "Section 2:"), in any case, and wrapped over the next line or two.
    static func heading(at k: Int, _ lines: LetterLines) -> Heading? {
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
            let stop = min(end, e + 160)
            while i < stop, bytes[i] != 58 { i += 1 }
            guard i < stop else { return nil }
            return Heading(kind: .reviewerRationale, line: k, range: lineStart..<(i + 1), contentStart: i + 1)
        }
        // The longest heading; of equally long ones, the first in the table. Else a heading read
        // from its words, alone on its line ("Expert Reviewer Case Summary:").
        guard let (index, e) = trie.longestMatch(bytes, at: start, end: end) else {
            guard let found = LabelMeaning.read(lines, line: k, from: start), let kind = found.meaning.sectionKind,
                  restOfLineIsEmpty(lines, from: found.valueStart) else { return nil }
            return Heading(kind: kind, line: k, range: lineStart..<found.valueStart, contentStart: found.valueStart)
        }
        let (kind, _, standalone) = phrases[index]
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
        guard restOfLineIsEmpty(lines, from: headingEnd) else { return nil }
        return Heading(kind: kind, line: k, range: lineStart..<headingEnd, contentStart: contentStart)
    }

    /// Whether the line holding `offset - 1` has nothing but punctuation after `offset`.
    private static func restOfLineIsEmpty(_ lines: LetterLines, from offset: Int) -> Bool {
        let bytes = lines.bytes
        let lineOfEnd = lines.lineIndex(at: max(0, offset - 1))
        let rest = offset..<max(offset, lines[lineOfEnd].contentEnd)
        return !bytes[rest].contains(where: TextScan.isAlnum)
    }

    /// After a section number at the start of `content` ("1.", "2)", "IV.", "B.", "Section 3:",
    /// "Part 2 -"), where the heading's words begin; nil when the line is not numbered so.
    static func sectionNumberEnd(_ bytes: [UInt8], _ content: Range<Int>) -> Int? {
        var i = content.lowerBound
        let end = content.upperBound
        guard i < end else { return nil }
        if let (_, e) = Phrase.matchAny(sectionWords, bytes, at: i, end: end), e < end, bytes[e] == 32 {
            i = e
            while i < end, bytes[i] == 32 { i += 1 }
        }
        let digits = i
        while i < end, TextScan.isDigit(bytes[i]), i - digits < 2 { i += 1 }
        if i == digits {
            // A roman numeral of up to four letters, or one capital letter.
            while i < end, i - digits < 4, romanNumerals.contains(bytes[i]) { i += 1 }
            if i == digits, i < end, bytes[i] >= 65, bytes[i] <= 90 { i += 1 }
            guard i > digits else { return nil }
        }
        guard i < end, bytes[i] == 46 || bytes[i] == 41 || bytes[i] == 58 || bytes[i] == 45 else { return nil }
        i += 1
        guard i < end, bytes[i] == 32 || bytes[i] == 9 else { return nil }
        while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        return i < end ? i : nil
    }

    private static let sectionWords = [Phrase("section"), Phrase("part")]
    private static let romanNumerals: Set<UInt8> = [73, 86, 88]  // I V X
}
