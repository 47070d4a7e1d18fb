/// What every layout parser works from: the letter's lines (with page furniture marked) and its
/// section headings.
struct LayoutContext {
    let lines: LetterLines
    let headings: [SectionFinder.Heading]
    var bytes: [UInt8] { lines.bytes }

    init(lines: LetterLines) {
        self.lines = lines
        self.headings = SectionFinder.find(lines)
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

    /// The case summary: the section under its heading, its boilerplate introduction skipped.
    func caseSummary() -> Range<Int>? {
        first(.caseSummary).map { lines.trim(skipIntro(section($0), endingWith: Self.summaryIntros)) }
    }

    /// The section under an items heading, its boilerplate introduction ("…set forth below:") skipped.
    func itemsSection(_ heading: SectionFinder.Heading) -> Range<Int> {
        skipIntro(section(heading), endingWith: Self.itemsIntros)
    }

    /// The disputed items of `section`, their headers found by `headers` (see `ItemHeaders`).
    func items(in section: Range<Int>, headers: @escaping ItemScanner.HeaderFinder, titlePrefixes: [Phrase] = []) -> [DisputedItem] {
        ItemBuilder.items(ItemScanner(lines: lines, findHeaders: headers).scan(section), lines, titlePrefixes: titlePrefixes)
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
