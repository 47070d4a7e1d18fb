import Testing
@testable import IMRParse

@Suite struct LayoutDetectorTests {
    func layout(_ s: String) -> LetterLayout { LayoutDetector.detect(SourceText(path: "t", string: s)) }

    @Test func notice2013() {
        #expect(layout("Notice of Independent Medical Review Determination\nDated: 11/26/2013\n") == .notice2013)
        #expect(layout("1) MAXIMUS Federal Services, Inc. has determined the request for PT is medically necessary and appropriate.") == .notice2013)
        // A notice also has the later headings; the notice wins.
        #expect(layout("Notice of Independent Medical Review Determination\nHOW THE IMR FINAL DETERMINATION WAS MADE\nIMR ISSUES, DECISIONS AND RATIONALES\n") == .notice2013)
    }
    @Test func finalDetermination() {
        #expect(layout(" HOW THE IMR FINAL DETERMINATION WAS MADE \n\nCLINICAL CASE SUMMARY\n\nIMR ISSUES, DECISIONS AND RATIONALES\n") == .finalDetermination)
        // A credentials block without the case header stays final_determination (as seed 004).
        #expect(layout("HOW THE IMR FINAL DETERMINATION WAS MADE\nState(s) of Licensure: California\nCertification(s)/Specialty: Family Practice\n") == .finalDetermination)
    }
    @Test func caseHeader() {
        let s = "Case Number: CM15-0087412   Date Assigned: 05/04/2015\nDate of Injury: 09/18/2012\nHOW THE IMR FINAL DETERMINATION WAS MADE\n"
        #expect(layout(s) == .finalDeterminationCaseHeader)
        // "Case Number:" that is not at the start of a line is not the header.
        #expect(layout("The IMR Case Number: CM15-0087412 applies.\nHOW THE IMR FINAL DETERMINATION WAS MADE\nDecision Date: 1/1/15") == .finalDetermination)
    }
    @Test func finalDeterminationLetter() {
        #expect(layout("Final Determination Letter\nUR Denial Date: 08/30/2019\nDOCUMENTS REVIEWED\nIMR DECISION(S) AND RATIONALE(S)\n") == .finalDeterminationLetter)
        #expect(layout("Final Determination Letter\nUR Denial Date: 08/30/2019\n") == .finalDeterminationLetter)
    }
    @Test func medicalProfessionalReview() {
        #expect(layout("MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE:\nLumbar MRI\n") == .medicalProfessionalReview)
        #expect(layout("ISSUE AT DISPUTE: Lumbar MRI\nRATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT\nMEDICALLY NECESSARY:\nNo.") == .medicalProfessionalReview)
    }
    @Test func unknownNeedsTwoLetterMarkers() {
        #expect(layout("Independent Medical Review\nLumbar MRI: Upheld\nDecision rationale: no red flags.") == .unknown)
        #expect(layout("Lumbar MRI: Upheld\nDecision rationale: no red flags.") == .unknown)
    }
    @Test func narrative() {
        #expect(layout("PROGRESS REPORT\nThe patient is a 43-year-old male with low back pain. Request lumbar ESI.") == .narrative)
        #expect(layout("I believe this request is medically necessary. The patient was seen for IMR paperwork.") == .narrative)
        #expect(layout("x") == .narrative)
    }

    /// One reader per layout (a narrative is what no reader claims), markers found by name.
    @Test func registryHasOneReaderPerLayout() {
        let layouts = LayoutRegistry.readers.map { $0.layout }
        #expect(Set(layouts).count == layouts.count)
        #expect(Set(layouts) == Set(LetterLayout.allCases).subtracting([.narrative]))
        for layout in layouts { #expect(LayoutRegistry.reader(for: layout)?.layout == layout) }
        #expect(LayoutRegistry.reader(for: .narrative) == nil)
    }

    @Test func markerNamesAreUniqueAndEveryLineStartMarkerIsInTheTrie() {
        var byName: [String: [String]] = [:]
        for reader in LayoutRegistry.readers {
            for m in reader.markers {
                let phrases = m.phrases.map { String(decoding: $0.needle, as: UTF8.self) }
                if let seen = byName[m.name] { #expect(seen == phrases, "two markers named \(m.name)") }
                byName[m.name] = phrases
                if m.place == .lineStart { #expect(LayoutRegistry.lineStartRanges[m.name]?.count == m.phrases.count) }
            }
        }
    }
}
