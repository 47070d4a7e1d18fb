import Testing
@testable import IMRParse

/// What the parser does with the layout it detects.
@Suite struct LayoutFallbackTests {
    @Test func letterLikeTextWithoutItemsIsReadAsANarrative() {
        let s = "Dear Sir,\nI ask for Independent Medical Review of the denial. The lumbar ESI is medically necessary and appropriate for this 52 year old male.\n"
        let d = LetterParser.parse(SourceText(path: "x", string: s), referenceYear: 2020)
        #expect(d.layout == .narrative)
        #expect(d.items.isEmpty)
        #expect(d.caseSummary?.range == 0..<(s.utf8.count - 1))
        #expect(d.patient.age?.value == 52)
        #expect(d.warnings == ["letter-like text without any disputed item: read whole as a narrative"])
    }

    @Test func unknownLetterWithItemsStaysUnknown() {
        let d = LetterParser.parse(SourceText(path: "x", string: "INDEPENDENT MEDICAL REVIEW\nLumbar MRI: Upheld\nDecision rationale: No red flags.\n"))
        #expect(d.layout == .unknown)
        #expect(d.items.map(\.title.value) == ["Lumbar MRI"])
    }
}
