import Testing
import IMRParse
@testable import GuidelineRules

/// Requests written in a narrative, as `predict` finds them when no `--request` is given.
@Suite struct RequestFinderTests {
    func find(_ s: String) -> [String] { RequestFinder.find(in: SourceText(path: "note", string: s)).map(\.0) }

    @Test func cuesUpToTheEndOfTheSentence() {
        #expect(find("Plan: continue HEP. I am requesting an MRI of the lumbar spine. Follow up in 4 weeks.") == ["MRI of the lumbar spine"])
        #expect(find("Request for authorization: lumbar ESI L4-5") == ["lumbar ESI L4-5"])
    }

    @Test func severalOnOneLine() {
        #expect(find("Requesting: lumbar ESI L4-5; PT 2x6 lumbar.") == ["lumbar ESI L4-5", "PT 2x6 lumbar"])
    }

    @Test func aParagraphBreakEndsARequest() {
        #expect(find("Requesting authorization for physical therapy\n\nThe patient is stable.") == ["physical therapy"])
    }

    @Test func rangesPointIntoTheText() {
        let text = SourceText(path: "note", string: "History.\nWe are requesting the Norco 10/325 #90.\n")
        let found = RequestFinder.find(in: text)
        #expect(found.count == 1)
        #expect(found.first.map { text.string($0.1) } == "Norco 10/325 #90")
    }

    @Test func noCueNoRequest() {
        #expect(find("The patient reports low back pain radiating to the left leg.").isEmpty)
        // A cue inside a word is not a cue.
        #expect(find("Unrequested: nothing").isEmpty)
    }
}
