import Testing
@testable import IMRParse

/// Guideline bodies named by a citation, in order of first mention.
@Suite struct CitationParserTests {
    func sources(_ s: String) -> [String] { CitationParser.sources(Array(s.utf8)) }

    @Test func firstMentionOrder() {
        #expect(sources("Decision based on MTUS Chronic Pain Treatment Guidelines epidural steroid injection Page(s): 46. Decision based on Non-MTUS Citation Low back chapter") == ["MTUS", "Non-MTUS"])
        #expect(sources("Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 300.") == ["MTUS", "ACOEM"])
        #expect(sources("Decision based on Non-MTUS Citation Official Disability Guidelines (ODG); Knee and Leg Chapter") == ["Non-MTUS", "ODG"])
    }
    @Test func bodyNotUsedIsNotASource() {
        #expect(sources("The Claims Administrator did not base their decision on the MTUS. Decision based on Non-MTUS Citation ODG Head chapter.") == ["Non-MTUS", "ODG"])
    }
    @Test func noneNamed() {
        #expect(sources("The Claims Administrator did not cite any medical evidence for its decision.") == [])
    }
    @Test func longNamesAreAliased() {
        #expect(sources("the American College of Occupational and Environmental Medicine guidelines and the Medical Treatment Utilization Schedule") == ["ACOEM", "MTUS"])
    }
    @Test func wholeWordsOnly() {
        #expect(sources("see odgtwc and MTUSX") == [])
        #expect(sources("(http:// www.odg-twc.com/odgtwc/pain.htm)") == ["ODG"])
    }
    @Test func citationKeepsTextAndRange() {
        let c = CitationParser.citation(text: "Decision based on MTUS Page(s): 60, 111-113.", range: 10..<60)
        #expect(c.sources == ["MTUS"])
        #expect(c.pages == [60, 111, 112, 113])
        #expect(c.range == 10..<60)
    }
}
