// Layouts/ — the letter parser and the layouts it drives: `LetterParser` (lines → layout → body →
// header fields, reviewer, patient, checks), `LayoutDetector` and `LayoutRegistry` (the layouts in
// detection order), the `LayoutReader` protocol, and one file per layout with its markers, detection
// rule and parser. Not here: the reading helpers layouts share (LetterReading/), the model (Letter/).

/// Parses one IMR determination letter (or any other text) into a `Determination`.
///
/// The steps: split the text into lines and mark page furniture (`PageNoise`); find section
/// headings (`SectionFinder`); decide the layout (`LayoutDetector`); let the layout's parser find the
/// case summary and the disputed items; then read what every layout states the same way — header
/// fields (`HeaderFields`), the reviewer (`ReviewerParser`), the patient (`PatientParser`) — and
/// check each item, adding a warning for anything doubtful. Nothing is guessed: a value the letter
/// does not state stays `nil`.
///
/// Everything works on the UTF-8 bytes with linear scans (no regular expressions), so a letter of a
/// few kilobytes parses in well under a millisecond and a 3 MB single line still parses in linear time.
public enum LetterParser {
    public static func parse(_ text: SourceText) -> Determination {
        parse(text, referenceYear: nil)
    }

    /// Parses with a fixed reference year for two-digit years when the letter has no date of its own
    /// (tests use it so that results do not depend on the current year).
    public static func parse(_ text: SourceText, referenceYear fallbackYear: Int?) -> Determination {
        // Ligatures ("certiﬁed", "Ofﬁcial"), no-break spaces ("Page(s): 46"), soft and Unicode
        // hyphens, as PDF text extraction gives them: the letter is read with them folded, and every
        // range is mapped back to the letter's own bytes.
        if let folded = text.foldedPrintedForms {
            var d = read(SourceText(path: text.path, bytes: folded.bytes, warnings: text.warnings), referenceYear: fallbackYear)
            d.mapRanges(folded.original)
            return d
        }
        return read(text, referenceYear: fallbackYear)
    }

    private static func read(_ text: SourceText, referenceYear fallbackYear: Int?) -> Determination {
        let bytes = text.bytes
        var lines = LetterLines(bytes)
        let caseNumber = HeaderFields.caseNumber(bytes)
        PageNoise.mark(&lines, caseNumber: caseNumber?.value)
        let context = LayoutContext(lines: lines)
        var layout = LayoutDetector.detect(lines, headings: context.headings)
        var determination = Determination(source: text.path, layout: layout)
        determination.warnings = text.warnings
        let thisYear = fallbackYear ?? CalendarDay.currentYear
        let whole = 0..<bytes.count

        func readAsNarrative() -> Determination {
            var narrative = determination
            narrative.layout = .narrative
            let r = lines.trim(whole)
            if !r.isEmpty {
                narrative.caseSummaryText = LazyText(range: r) { [lines] in lines.clean(r) }
                narrative.caseSummaryRanges = lines.pieces(r)
            }
            let injury = HeaderFields.injuryDate(lines, headerEnd: bytes.count, referenceYear: thisYear)
            narrative.patient = PatientParser.parse(lines, order: [whole], headerInjury: injury, referenceYear: thisYear)
            return narrative
        }
        if layout == .narrative { return readAsNarrative() }

        let headerEnd = HeaderFields.headerEnd(context.headings, bytes)
        determination.caseNumber = caseNumber
        determination.letterDate = HeaderFields.letterDate(lines, headerEnd: headerEnd, referenceYear: thisYear)
        let referenceYear = determination.letterDate?.value.year ?? thisYear

        var result = (LayoutRegistry.reader(for: layout) ?? UnknownLayout.self).parse(context)
        // A known layout's markers over a body it does not hold ("FINAL DETERMINATION LETTER" and
        // "UR Denial Date" over items under headings of another wording): read as a letter of no
        // known layout when that finds items.
        if layout != .unknown, result.items.isEmpty {
            let other = UnknownLayout.parse(context)
            if !other.items.isEmpty {
                result = other
                layout = .unknown
                determination.layout = layout
            }
        }
        // A letter of no known layout may give one guideline block for all its items (by number or
        // by title): taken off the item it was read into before the merge, attributed after. So may
        // a letter with a known layout's headings whose items have no guideline field at all (a
        // list of decisions under "IMR ISSUES, DECISIONS AND RATIONALES", details told in prose).
        // (A list of decisions is short: a text of thousands of header-like lines is not read so.)
        let readAsUnknown = layout == .unknown
            || (!result.items.isEmpty && result.items.count <= 50
                && result.items.allSatisfy { $0.imrGuideline == nil && $0.claimsAdministratorGuideline == nil })
        // Paragraphs that name their items only by key ("Request A. …"), titled by a list before.
        if layout == .unknown {
            ListedKeys.apply(&result.items, lines)
            // A header that names several items over one rationale ("Items 1 and 2: …; …").
            SharedItems.apply(&result.items, lines)
        }
        let (shared, conclusions) = readAsUnknown ? ItemBlocks.detach(&result.items, lines) : ([], [])
        // One item, one record: an item listed and then detailed is merged.
        let (merged, mergeWarnings) = ItemMerger.merge(result.items, lines)
        result.items = merged
        result.warnings += mergeWarnings
        // Items without a guideline of their own take their entry of a block given once: in a letter
        // of no known layout, or in a known one when no item has a guideline of its own (a layout's
        // headings in a letter that gives its guidelines once).
        if layout == .unknown || result.items.allSatisfy({ $0.imrGuideline == nil }) {
            ItemBlocks.attribute(&result.items, blocks: shared, context)
        }
        // An item told in prose with no guideline field anywhere: the rationale's sentences that
        // name a guideline body are the reviewer's guideline.
        if layout == .unknown {
            for k in result.items.indices where result.items[k].imrGuideline == nil && result.items[k].claimsAdministratorGuideline == nil {
                if let r = result.items[k].rationaleText?.range, let c = ProseGuideline.citation(r, lines) { result.items[k].imrGuideline = c }
            }
        }
        // A case summary without a heading of its own: introduced by a sentence ("The reviewer
        // summarized the records as follows:") before the first item.
        if result.caseSummary == nil {
            let firstItem = result.items.compactMap { $0.range?.lowerBound }.min() ?? bytes.count
            if let s = SummaryIntro.leadIn(lines, 0..<firstItem) {
                let nextHeading = context.headings.first { $0.range.lowerBound > s }?.range.lowerBound ?? bytes.count
                let r = lines.trim(s..<min(firstItem, nextHeading))
                if !r.isEmpty { result.caseSummary = r }
            }
        }
        // Nor a lead-in: a paragraph that introduces the worker by age before the first item told in
        // detail (a summary at the top of the rationale section, after a list of decisions).
        if result.caseSummary == nil, layout == .unknown {
            let detailed = result.items.filter { $0.rationaleText != nil }.compactMap { $0.range?.lowerBound }.min() ?? bytes.count
            if let s = SummaryIntro.opening(lines, 0..<detailed, labels: context.labels) {
                let nextHeading = context.headings.first { $0.range.lowerBound > s }?.range.lowerBound ?? bytes.count
                let nextItem = result.items.compactMap { $0.range?.lowerBound }.filter { $0 > s }.min() ?? bytes.count
                let r = lines.trim(s..<min(nextHeading, nextItem))
                if !r.isEmpty { result.caseSummary = r }
            }
        }
        // Nor a paragraph: a lead-in anywhere, the summary quoted inside an item's rationale ("The
        // reviewer summarized the submitted records as follows:" / "\"The patient is …\""), up to its
        // closing quotation mark (or the next heading).
        if result.caseSummary == nil, let s = SummaryIntro.leadIn(lines, whole) {
            var end = context.headings.first { $0.range.lowerBound > s }?.range.lowerBound ?? bytes.count
            if s > 0, bytes[s - 1] == 34, let q = bytes[s..<end].firstIndex(of: 34) { end = q }
            let r = lines.trim(s..<end)
            if !r.isEmpty { result.caseSummary = r }
        }
        // A summary opens with a sentence: a heading, a table's row or a column of other text read
        // into its first lines is left out.
        if let r = result.caseSummary, let o = SummaryIntro.openingAfterNoise(lines, r) { result.caseSummary = o..<r.upperBound }
        // Letter-like words but no disputed item (a physician's letter that mentions IMR): the text is
        // more use read whole, as the narrative later stages look for facts in.
        if layout == .unknown, result.items.isEmpty {
            var narrative = readAsNarrative()
            narrative.warnings.append("letter-like text without any disputed item: read whole as a narrative")
            return narrative
        }

        if let r = result.caseSummary, !r.isEmpty {
            determination.caseSummaryText = LazyText(range: r) { [lines] in lines.clean(r) }
            determination.caseSummaryRanges = lines.pieces(r)
        }
        let summaryRange = result.caseSummary ?? (0..<0)
        determination.urDenialDate = HeaderFields.urDenialDate(lines, headerEnd: headerEnd, prose: [summaryRange], referenceYear: referenceYear)
        var reviewerScope = result.reviewerScope ?? whole
        determination.reviewer = ReviewerParser.parse(lines, in: reviewerScope)
        // The section that describes the reviewer, wherever it stands (sections may come in any order).
        if determination.reviewer.specialty == nil, determination.reviewer.licensure.isEmpty,
           let h = context.headings.first(where: { $0.kind == .howMade || $0.kind == .qualifications || $0.kind == .credentials }) {
            reviewerScope = context.section(h)
            determination.reviewer = ReviewerParser.parse(lines, in: reviewerScope)
        }
        // A letter may describe the reviewer after a list of decisions (under a heading no layout
        // names, "REVIEWER INFORMATION"): read up to the case summary or the first item told in detail.
        if determination.reviewer.specialty == nil, determination.reviewer.licensure.isEmpty {
            let end = ([result.caseSummary?.lowerBound] + result.items.map { $0.rationaleText == nil ? nil : $0.range?.lowerBound }).compactMap { $0 }.min() ?? bytes.count
            reviewerScope = 0..<end
            determination.reviewer = ReviewerParser.parse(lines, in: reviewerScope)
        }
        // A section that names only the reviewer ("REVIEWER", "ABOUT THE REVIEWER", "Part 4 - About the
        // Reviewer"), often the letter's last: read up to the next heading. (Not a heading that
        // bounds items: a letter may go on to its items right after it without a heading between.)
        if determination.reviewer.specialty == nil, determination.reviewer.licensure.isEmpty, let s = ReviewerParser.headingEnd(lines) {
            let end = context.headings.first { $0.range.lowerBound >= s }?.range.lowerBound ?? bytes.count
            reviewerScope = s..<max(s, end)
            determination.reviewer = ReviewerParser.parse(lines, in: reviewerScope)
        }
        // The reviewer's sentence cut by a page break ("… and is licensed" / "Page 3 of 3" / "to
        // practice in California."): what is missing is read again with the page furniture blanked.
        if determination.reviewer.specialty == nil || determination.reviewer.licensure.isEmpty,
           let blanked = lines.noiseBlanked(in: reviewerScope) {
            let again = ReviewerParser.parse(blanked, in: reviewerScope)
            if determination.reviewer.specialty == nil, let s = again.specialty {
                determination.reviewer.specialty = s
                if determination.reviewer.subspecialty == nil { determination.reviewer.subspecialty = again.subspecialty }
            }
            if determination.reviewer.licensure.isEmpty { determination.reviewer.licensure = again.licensure }
        }
        let injury = HeaderFields.injuryDate(lines, headerEnd: headerEnd, referenceYear: referenceYear)
        determination.patient = PatientParser.parse(lines, order: [summaryRange, whole], headerInjury: injury, referenceYear: referenceYear)

        // Moved, not shared: the rationale ranges set below would otherwise copy every item
        // (the array still referenced by `result`).
        swap(&determination.items, &result.items)
        // The last item's rationale ends at a heading that names only the reviewer ("PART 4 - ABOUT
        // THE REVIEWER"): what follows describes the reviewer, not the item.
        if let k = determination.items.indices.last, let r = determination.items[k].rationaleText?.range,
           let h = ReviewerParser.headingStart(lines, in: r) {
            determination.items[k].rationaleText = ItemBuilder.lazyLocated(r.lowerBound..<h, lines)
        }
        for k in determination.items.indices { setRationaleRanges(&determination.items[k], lines) }
        determination.warnings += result.warnings
        // How sure a reading of an unknown layout is, from what the items state before the checks
        // fill in decisions from rationales' conclusions.
        if layout == .unknown { determination.warnings.append(ItemChecks.confidence(determination.items)) }
        determination.warnings += ItemChecks.check(&determination.items, layout: layout, lines: lines, known: conclusions)
        if determination.items.isEmpty, !result.warnings.contains(where: { $0.hasPrefix("no ") }) {
            determination.warnings.append("no disputed items found")
        }
        return determination
    }

    /// The pieces of an item's rationale (read in place: through the array, the item was copied).
    private static func setRationaleRanges(_ item: inout DisputedItem, _ lines: LetterLines) {
        if let r = item.rationaleText?.range { item.rationaleRanges = lines.pieces(r) }
    }
}
