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
        /// The words as the reader reads them: a heading set in spaced capitals ("S UMMARY OF
        /// D ECISIONS") joined ("SUMMARY OF DECISIONS"); its `range` is then the whole line.
        package var text: String
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
        let read = lines.bytes
        // A mark on a line the reader joined (spaced capitals): its words as read, its range the
        // line's own text to its end.
        func mark(_ kind: String, _ r: Range<Int>, _ contentStart: Int) -> Mark {
            let words = String(decoding: read[r], as: UTF8.self)
            guard read[r].elementsEqual(bytes[r]) == false else { return Mark(kind: kind, range: r, contentStart: contentStart, text: words) }
            var end = r.upperBound
            while end < bytes.count, bytes[end] != 10, bytes[end] != 13, bytes[end] != 12 { end += 1 }
            while end > r.upperBound, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
            return Mark(kind: kind, range: r.lowerBound..<end, contentStart: max(contentStart, end), text: words)
        }
        self.headings = headings.map { mark("\($0.kind)", $0.range, $0.contentStart) }
        for k in 0..<lines.count {
            if lines[k].isNoise { noise.append(lines[k].content) }
            guard lines.isSignificant(k), let (label, value) = labels.label(k) else { continue }
            self.labels.append(mark("\(label)", lines[k].contentStart..<value, value))
        }
    }
}
