/// Decides a letter's layout from the markers it contains.
///
/// Rules, in order (the first that holds wins; later layouts reuse earlier ones' headings, so the
/// order matters — a 2013 notice also has "HOW THE IMR FINAL DETERMINATION WAS MADE", and every
/// layout may carry "Final Determination Letter for IMR Case Number …" as a page header):
///
/// 1. `notice_2013`: "Notice of Independent Medical Review Determination", or the numbered list's
///    "has determined the request for", or a line-initial "Regarding the request for" together
///    with a line-initial "Medical Treatment Guideline(s) Used by …" or "Rationale for the Decision:".
/// 2. `final_determination_letter`: "IMR DECISION(S) AND RATIONALE(S)", or a line-initial "Final
///    Determination Letter" together with "UR Denial Date:".
///
/// Headings and labels are looked for at the start of lines, header fields and the notice's list in
/// the first 8 KB: detection never scans the whole letter for a phrase unless no layout matched.
/// 3. `medical_professional_review`: a line-initial "MEDICAL PROFESSIONAL REVIEW", "ISSUE AT
///    DISPUTE:" or "RATIONALE FOR WHY THE REQUESTED …".
/// 4. `final_determination_case_header` / `final_determination`: "HOW THE IMR FINAL DETERMINATION
///    WAS MADE" or "IMR ISSUES, DECISIONS AND RATIONALES"; with the case header when a line starts
///    with "Case Number:" and the header has another of its fields (Date Assigned, Decision Date,
///    Priority, Date of Injury).
/// 5. `unknown`: two or more different letter-like markers (field labels, "…: Upheld", "Independent
///    Medical Review", "MAXIMUS Federal Services", "expert reviewer", …).
/// 6. `narrative`: anything else (a progress note, a physician's draft request).
public enum LayoutDetector {
    public static func detect(_ text: SourceText) -> LetterLayout {
        var lines = LetterLines(text.bytes)
        PageNoise.mark(&lines, caseNumber: HeaderFields.caseNumber(text.bytes)?.value)
        return detect(lines, headings: SectionFinder.find(lines))
    }

    private static let noticeTitle = Phrase("notice of independent medical review determination")
    private static let determined = Phrase("has determined the request for")
    private static let regarding = Phrase("regarding the request for")
    private static let noticeLabels = [Phrase("medical treatment guideline(s) used by"), Phrase("medical treatment guidelines used by"),
                                       Phrase("rationale for the decision:")]
    private static let letterIssues = [Phrase("imr decision(s) and rationale(s)"), Phrase("imr decisions and rationales"),
                                       Phrase("imr decision and rationale")]
    private static let letterTitle = Phrase("final determination letter")
    private static let urDenial = Phrase("ur denial date")
    private static let professional = Phrase("medical professional review")
    private static let finalDetermination = [Phrase("how the imr final determination was made"), Phrase("imr issues, decisions and rationales"),
                                             Phrase("imr issues, decisions, and rationales")]
    private static let caseNumber = Phrase("case number:")
    private static let caseHeaderFields = [Phrase("date assigned:"), Phrase("decision date:"), Phrase("priority:"), Phrase("date of injury:")]

    private static let letterLikeAnywhere = [Phrase("independent medical review"), Phrase("maximus federal services"),
                                             Phrase("expert reviewer"), Phrase("physician reviewer"), Phrase("medically necessary and appropriate")]
    private static let letterLikeAtLineStart = [Phrase("decision rationale:"), Phrase("claims administrator guideline"), Phrase("maximus guideline"),
                                                Phrase("rationale for the decision"), Phrase("medical treatment guideline"),
                                                Phrase("regarding the request for"), Phrase("determination:"), Phrase("imr guideline")]

    /// Markers of the header and the first page, looked for anywhere in the letter's first 8 KB, each
    /// group only when the rules get to it.
    private static let noticeSet = PhraseSet([noticeTitle, determined]), urDenialSet = PhraseSet([urDenial])
    private static let caseHeaderSet = PhraseSet(caseHeaderFields)
    /// Headings and labels, looked for at the start of every line (after an optional "1)").
    private static let lineStartPhrases: [Phrase] = [regarding, letterTitle, professional, caseNumber, Phrase("imr case number:"),
                                                     noticeTitle] + noticeLabels + letterIssues + finalDetermination + letterLikeAtLineStart
    private static let lineStartTrie = LabelTrie(lineStartPhrases)
    private static let letterLikeSet = PhraseSet(letterLikeAnywhere)

    static func detect(_ lines: LetterLines, headings: [SectionFinder.Heading]) -> LetterLayout {
        let bytes = lines.bytes
        func inHeader(_ set: PhraseSet) -> Bool { set.findFirst(in: bytes, 0..<min(bytes.count, 8192)) != nil }
        var atStart = [Bool](repeating: false, count: lineStartPhrases.count)
        for k in 0..<lines.count where !lines[k].isBlank {
            let c = lines[k].content
            // Numbering ("1.", "Issue 2:") starts with a digit or an "i": most lines are ruled out by their first byte.
            let b = bytes[c.lowerBound]
            let numbered = TextScan.isDigit(b) || b | 0x20 == 105
            let start = numbered ? FinalDeterminationLetterLayout.numberEnd(bytes, c) ?? c.lowerBound : c.lowerBound
            lineStartTrie.markMatches(bytes, at: start, end: bytes.count, into: &atStart)
        }
        var offset = 0
        func group(_ count: Int) -> Bool {
            defer { offset += count }
            return atStart[offset..<(offset + count)].contains(true)
        }
        let regardingAtStart = group(1), letterTitleAtStart = group(1), professionalAtStart = group(1)
        let caseNumberAtStart = group(2), noticeTitleAtStart = group(1)
        let noticeLabel = group(noticeLabels.count), letterIssue = group(letterIssues.count)
        let finalDeterminationMarker = group(finalDetermination.count)
        let letterLikeAtStart = atStart[offset...].filter { $0 }.count

        if noticeTitleAtStart || (regardingAtStart && noticeLabel) || inHeader(noticeSet) {
            return .notice2013
        }
        if letterIssue || (letterTitleAtStart && inHeader(urDenialSet)) {
            return .finalDeterminationLetter
        }
        if professionalAtStart || headings.contains(where: { $0.kind == .issueAtDispute || $0.kind == .reviewerRationale }) {
            return .medicalProfessionalReview
        }
        if finalDeterminationMarker {
            return caseNumberAtStart && inHeader(caseHeaderSet) ? .finalDeterminationCaseHeader : .finalDetermination
        }
        var markers = letterLikeSet.occurrences(in: bytes, 0..<bytes.count).filter { $0 }.count + letterLikeAtStart
        if hasDecisionLine(lines) { markers += 1 }
        return markers >= 2 ? .unknown : .narrative
    }

    /// A line ending "…: Upheld" or "…: Overturned".
    static func hasDecisionLine(_ lines: LetterLines) -> Bool {
        for k in 0..<lines.count where lines.isSignificant(k) {
            if DecisionPhrases.atLineEnd(lines.bytes, lines[k].content) != nil { return true }
        }
        return false
    }
}
