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
    /// A page marker abbreviated ("Pg 1 of 2") and a footer's text after it across a column gap
    /// (ninth round letters): the whole line is page furniture; prose after a marker is not.
    @Test func pageMarkerWithAFooterInAColumn() {
        let footer = "Pg 1 of 2          This determination is final and binding (Labor Code 4610.6)."
        #expect(PageNoise.isPageMarker(Array(footer.utf8), 0..<footer.utf8.count))
        #expect(PageNoise.isPageMarker(Array("Pg. 2 of 3".utf8), 0..<10))
        let prose = "Page 2 of 4 of the report describes the examination of the right knee in much more detail than here."
        #expect(!PageNoise.isPageMarker(Array(prose.utf8), 0..<prose.utf8.count))
        let furniture = noise("The request is not medically necessary.\n\n" + footer + "\n\n2. Repeat MRI of the lumbar spine\n")
        #expect(furniture == [footer])
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

/// Finding F3 (docs/benchmarks.md): a long run of page-number lines, each one a page break, made the
/// running-header search walk from every break to the end of the run (quadratic). The work is counted,
/// not timed: it must grow in proportion to the number of lines.
@Suite struct PageNoiseRunTests {
    func steps(pageLines n: Int) -> (steps: Int, lines: Int, noise: Int) {
        let text = "Western Review Services\nfirst page text.\n" + String(repeating: "Page 1 of 2\n", count: n) + "last page text.\n"
        var lines = LetterLines(Array(text.utf8))
        var breaks: [Int] = []
        for k in 0..<lines.count where PageNoise.isPageMarker(lines.bytes, lines[k].content) {
            lines.lines[k].isNoise = true
            breaks.append(k)
        }
        let steps = RunningHeaders.mark(&lines, breaks: breaks)
        return (steps, lines.count, (0..<lines.count).filter { lines[$0].isNoise }.count)
    }

    @Test func longRunOfPageNumbersIsLinear() {
        let small = steps(pageLines: 20_000), large = steps(pageLines: 40_000)
        #expect(small.noise == 20_000 && large.noise == 40_000)
        #expect(large.steps <= 4 * large.lines)
        // Twice the lines, about twice the work (a quadratic walk would be four times).
        #expect(Double(large.steps) <= 2.1 * Double(small.steps))
    }

    @Test func longRunThroughTheParser() {
        // 200,000 page lines (2.4 MB): seconds with the quadratic walk in a release build, far more here.
        let text = "Western Review Services\nfirst page text.\n" + String(repeating: "Page 1 of 2\n", count: 200_000) + "last page text.\n"
        let d = LetterParser.parse(SourceText(path: "-", string: text), referenceYear: 2015)
        #expect(d.layout == .narrative)
        #expect(d.caseSummary?.value == "Western Review Services first page text. last page text.")
    }
}
