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

    private static let table: [(Kind, [String])] = [
        (.howMade, ["how the imr final determination was made"]),
        (.caseSummary, ["clinical case summary", "case summary", "clinical summary", "summary of case", "summary of clinical information",
                        "summary of records", "summary of medical records"]),
        (.issues, ["imr issues, decisions and rationales", "imr issues, decisions, and rationales", "imr issues decisions and rationales",
                   "imr decision(s) and rationale(s)", "imr decisions and rationales", "imr decision and rationale"]),
        (.documents, ["documents reviewed for determination", "documents reviewed", "records reviewed"]),
        (.issueAtDispute, ["issue(s) at dispute", "issues at dispute", "issue at dispute", "issues in dispute", "issue in dispute"]),
        (.reviewerGuidelines, ["medical treatment guideline(s) relied upon by professional reviewer and why",
                               "medical treatment guidelines relied upon by professional reviewer and why",
                               "medical treatment guideline(s) relied upon by the professional reviewer and why",
                               "medical treatment guidelines relied upon by the professional reviewer and why"]),
        (.qualifications, ["medical reviewer qualifications", "reviewer qualifications", "qualifications of the medical reviewer"]),
        (.credentials, ["the expert reviewer has the following credentials"]),
        (.professionalReview, ["medical professional review"]),
        (.closing, ["sincerely", "cc:", "effect of the decision", "right to appeal", "appeal rights"]),
    ]
    private static let phrases: [(Kind, Phrase)] = table.flatMap { kind, list in list.map { (kind, Phrase($0)) } }
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

    /// The heading that starts line `k`, if any.
    static func heading(at k: Int, _ lines: LetterLines) -> Heading? {
        let bytes = lines.bytes
        let start = lines[k].contentStart
        let first = TextScan.lower(bytes[start])
        // Typist's initials ("/jb") close a letter.
        if first == 47, lines[k].content.count >= 3, lines[k].content.count <= 5,
           bytes[(start + 1)..<lines[k].contentEnd].allSatisfy(TextScan.isAlpha) {
            return Heading(kind: .closing, line: k, range: lines[k].content, contentStart: lines[k].contentEnd)
        }
        guard TextScan.isAlpha(first) else { return nil }
        // The heading may wrap onto the next line or two, but no further.
        let limitLine = min(lines.count - 1, k + 4)
        let end = lines[limitLine].contentEnd
        if first == rationaleIntro.first, let e = rationaleIntro.match(bytes, at: start, end: end) {
            var i = e
            let stop = min(end, e + 160)
            while i < stop, bytes[i] != 58 { i += 1 }
            guard i < stop else { return nil }
            return Heading(kind: .reviewerRationale, line: k, range: start..<(i + 1), contentStart: i + 1)
        }
        // The longest heading; of equally long ones, the first in the table.
        guard let (index, e) = trie.longestMatch(bytes, at: start, end: end) else { return nil }
        let kind = phrases[index].0
        if e < bytes.count, TextScan.isAlnum(bytes[e]), TextScan.isAlnum(bytes[e - 1]) { return nil }
        var contentStart = e
        if bytes[e - 1] == 58 {
            return Heading(kind: kind, line: k, range: start..<e, contentStart: e)
        }
        // Optional colon, then nothing else on the line.
        var i = e
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        var headingEnd = e
        if i < bytes.count, bytes[i] == 58 {
            i += 1
            headingEnd = i
            contentStart = i
            if kind != .closing { return Heading(kind: kind, line: k, range: start..<headingEnd, contentStart: contentStart) }
        }
        let lineOfEnd = lines.lineIndex(at: max(start, headingEnd - 1))
        let rest = headingEnd..<max(headingEnd, lines[lineOfEnd].contentEnd)
        guard !bytes[rest].contains(where: TextScan.isAlnum) else { return nil }
        return Heading(kind: kind, line: k, range: start..<headingEnd, contentStart: contentStart)
    }
}
