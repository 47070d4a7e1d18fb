import Testing
@testable import IMRParse

/// Items of the "MEDICAL PROFESSIONAL REVIEW" letter.
@Suite struct LetterProfessionalReviewTests {
    func parse(_ s: String) -> Determination { LetterParser.parse(SourceText(path: "m", string: s), referenceYear: 2021) }

    @Test func determinationAsASentence() {
        let d = parse("MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE: Lumbar MRI\nDETERMINATION: The requested treatment is not medically necessary.\nCASE SUMMARY: Back pain.\nRATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS MEDICALLY NECESSARY:\nNo red flags.\n")
        // The determination line wins over the heading's (template) wording.
        #expect(d.items.first?.decision?.value == .upheld)
        #expect(d.items.first?.title.value == "Lumbar MRI")
        #expect(d.caseSummary?.value == "Back pain.")
    }

    @Test func headingWordingWhenNothingElseSaysIt() {
        let d = parse("MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE:\nLumbar MRI\nRATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT\n\nMEDICALLY NECESSARY:\nNo red flags were documented.\n")
        #expect(d.items.first?.decision?.value == .upheld)
        #expect(d.items.first?.rationale?.value == "No red flags were documented.")
        #expect(d.warnings.isEmpty)
    }

    @Test func sharedSectionsThatCannotBeSplit() {
        let d = parse("MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE:\n1. Norco\nDETERMINATION: UPHELD\n2. Soma\nDETERMINATION: UPHELD\nRATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:\nNeither is supported.\n")
        #expect(d.items.map(\.title.value) == ["Norco", "Soma"])
        #expect(d.items.map { $0.rationale?.value } == ["Neither is supported.", "Neither is supported."])
        #expect(d.warnings.contains { $0.contains("shared by 2 items") })
    }
}
