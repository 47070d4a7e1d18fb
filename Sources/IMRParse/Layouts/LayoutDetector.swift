/// Decides a letter's layout: the first layout of `LayoutRegistry.readers` whose markers hold, else
/// `narrative`.
///
/// The rules, in registry order (each layout states its own; see the layout files):
///
/// 1. `notice_2013`: "Notice of Independent Medical Review Determination", or the numbered list's
///    "has determined the request for", or a line-initial "Regarding the request for" together
///    with a line-initial "Medical Treatment Guideline(s) Used by …" or "Rationale for the Decision:".
/// 2. `final_determination_letter`: "IMR DECISION(S) AND RATIONALE(S)", or a line-initial "Final
///    Determination Letter" together with "UR Denial Date:".
/// 3. `medical_professional_review`: a line-initial "MEDICAL PROFESSIONAL REVIEW", "ISSUE AT
///    DISPUTE:" or "RATIONALE FOR WHY THE REQUESTED …".
/// 4. `final_determination_case_header` / `final_determination`: "HOW THE IMR FINAL DETERMINATION
///    WAS MADE" or "IMR ISSUES, DECISIONS AND RATIONALES"; with the case header when a line starts
///    with "Case Number:" and the header has another of its fields (Date Assigned, Decision Date,
///    Priority, Date of Injury).
/// 5. `unknown`: two or more different letter-like markers (field labels, "…: Upheld", "Independent
///    Medical Review", "MAXIMUS Federal Services", "expert reviewer", …).
/// 6. `narrative`: anything else (a progress note, a physician's draft request).
///
/// Headings and labels are looked for at the start of lines, header fields and the notice's list in
/// the first 8 KB: detection never scans the whole letter for a phrase unless no layout matched.
package enum LayoutDetector {
    package static func detect(_ text: SourceText) -> LetterLayout {
        var lines = LetterLines(text.bytes)
        PageNoise.mark(&lines, caseNumber: HeaderFields.caseNumber(text.bytes)?.value)
        return detect(lines, headings: SectionFinder.find(lines))
    }

    static func detect(_ lines: LetterLines, headings: [SectionFinder.Heading]) -> LetterLayout {
        let found = FoundMarkers(lines: lines, headings: headings)
        return LayoutRegistry.readers.first { $0.isPresent(found) }?.layout ?? .narrative
    }
}
