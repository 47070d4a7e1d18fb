/// Where a letter's headings, field labels and page furniture are, as the parser reads them: what a
/// tool that rewrites a letter's form (the layout-variation generator of `imr-bench vary`) needs to
/// find the parts it rewrites. Not part of the `parse` output.
package struct LetterOutline: Sendable {
    /// A heading or a label: what it is ("caseSummary", "issues", … for headings; "claimsAdministrator",
    /// "reviewer", "rationale", "decision", "title" for labels), its text, and where what it heads
    /// or labels begins.
    package struct Mark: Sendable {
        package var kind: String
        package var range: Range<Int>
        package var contentStart: Int
    }

    package var headings: [Mark] = []
    package var labels: [Mark] = []
    /// The lines marked as page furniture (page numbers, running headers, stray URLs).
    package var noise: [Range<Int>] = []

    /// The outline of `text`, every heading and label read (listed wordings and wordings read from
    /// their words alike).
    package init(_ text: SourceText) {
        let bytes = text.bytes
        var lines = LetterLines(bytes)
        PageNoise.mark(&lines, caseNumber: HeaderFields.caseNumber(bytes)?.value)
        let (headings, labels) = SectionFinder.read(lines, words: true)
        self.headings = headings.map { Mark(kind: "\($0.kind)", range: $0.range, contentStart: $0.contentStart) }
        for k in 0..<lines.count {
            if lines[k].isNoise { noise.append(lines[k].content) }
            guard lines.isSignificant(k), let (label, value) = labels.label(k) else { continue }
            self.labels.append(Mark(kind: "\(label)", range: lines[k].contentStart..<value, contentStart: value))
        }
    }
}
