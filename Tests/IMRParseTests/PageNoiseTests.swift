import Testing
@testable import IMRParse

@Suite struct PageNoiseTests {
    func noise(_ s: String, caseNumber: String? = nil) -> [String] {
        var lines = LetterLines(Array(s.utf8))
        PageNoise.mark(&lines, caseNumber: caseNumber)
        return (0..<lines.count).filter { lines[$0].isNoise }.map { String(decoding: lines.bytes[lines[$0].content], as: UTF8.self) }
    }

    @Test func pageNumbers() {
        #expect(PageNoise.isPageMarker(Array("Page 2 of 4".utf8), 0..<11))
        let furniture = noise("text one\nPage 2 of 4\nmore\n- 3 -\nPage 4\nCM13-0012345    Page 2 of 5\nsee page 46 of the MTUS\n")
        #expect(furniture == ["Page 2 of 4", "- 3 -", "Page 4", "CM13-0012345    Page 2 of 5"])
    }
    @Test func caseNumberLines() {
        let s = "Case Number: CM15-0111923   Date Assigned: 07/20/2015\ntext\nCM15-0111923\nFinal Determination Letter for IMR Case Number CM15-0111923\nthe prior IMR CM15-0111923 upheld the request for an MRI\n"
        #expect(noise(s, caseNumber: "CM15-0111923") == ["CM15-0111923", "Final Determination Letter for IMR Case Number CM15-0111923"])
    }
    @Test func runningHeaders() {
        let s = "Western Review Services\nfirst page text.\nPage 1 of 3\n\u{0C}Western Review Services\nsecond page text.\nPage 2 of 3\n\u{0C}Western Review Services\nthird page.\n"
        #expect(noise(s) == ["Western Review Services", "Page 1 of 3", "Western Review Services", "Page 2 of 3", "Western Review Services"])
    }
    @Test func sameLineNextToTwoNearbyBreaksIsNotAHeader() {
        let s = "body line one.\nPage 2 of 3\n\u{0C}not support treating with injections.\nnecessary.\nPage 3 of 3\n"
        #expect(noise(s) == ["Page 2 of 3", "Page 3 of 3"])
    }
    @Test func repeatedURLs() {
        let s = "Decision based on ODG; (http:// www.odg-twc.com/odgtwc/pain.htm).\nhttp://www.odg-twc.com/odgtwc/pain.htm)\nMAXIMUS guideline: x\nhttp://www.example.org/new.htm\n"
        // Only a URL given earlier in the letter is furniture; a new one may belong to a citation.
        #expect(noise(s) == ["http://www.odg-twc.com/odgtwc/pain.htm)"])
    }
}
