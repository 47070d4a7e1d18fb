import Testing
@testable import IMRParse

/// Pages cited in a guideline citation, expanded and sorted.
@Suite struct PageListTests {
    func pages(_ s: String) -> [Int] { CitationParser.pages(Array(s.utf8)) }

    @Test func singlePage() {
        #expect(pages("Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 46.") == [46])
    }
    @Test func repeatedLabel() {
        #expect(pages("Epidural Steroid Injections Page(s): Page 46.") == [46])
    }
    @Test func range() {
        #expect(pages("Page(s): 46-47.") == [46, 47])
        #expect(pages("Page(s): 58–60.") == [58, 59, 60])
        #expect(pages("pages 303 to 305, part of the MTUS") == [303, 304, 305])
    }
    @Test func listAndRange() {
        #expect(pages("Topical analgesics Page(s): 60, 111-113.") == [60, 111, 112, 113])
        #expect(pages("Page(s): 36, 37, 39, 40, 103, 104.") == [36, 37, 39, 40, 103, 104])
        #expect(pages("pages 36, 37 and 39") == [36, 37, 39])
    }
    @Test func severalLabelsAreUnited() {
        #expect(pages("Buprenorphine Page(s): 26, 27; Opioids, criteria for use Page(s): 76-80.") == [26, 27, 76, 77, 78, 79, 80])
        #expect(pages("Page(s): 49; Chronic pain programs Page(s): 30-32.") == [30, 31, 32, 49])
    }
    @Test func sortedAndUnique() {
        #expect(pages("page 104 and page 46; Page(s): 46-47") == [46, 47, 104])
    }
    @Test func numbersWithoutALabelAreNotPages() {
        #expect(pages("MTUS ACOEM Chapter 12 Low Back Complaints") == [])
        #expect(pages("MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 300.") == [300])
        #expect(pages("Acupuncture Medical Treatment Guidelines, 9792.24.1.") == [])
        #expect(pages("The Claims Administrator did not cite any medical evidence for its decision.") == [])
    }
    @Test func labelSplitOverLines() {
        #expect(pages("Page(s): \n\n46-47.") == [46, 47])
    }
    @Test func notADecimalOrDate() {
        #expect(pages("page 9792.24") == [])
        #expect(pages("Page(s): 12/17/14") == [])
    }
    @Test func hugeRangeIsNotExpanded() {
        #expect(pages("Page(s): 1-2000") == [1, 2000])
        // A reversed range keeps both ends rather than guessing which was meant.
        #expect(pages("Page(s): 47-46") == [46, 47])
    }
    @Test func wordsThatContainPAreNotLabels() {
        #expect(pages("prepared 12 reports; approx 40 pp") == [])
    }
}
