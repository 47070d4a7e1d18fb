import Testing
@testable import IMRParse

@Suite struct LetterLinesTests {
    @Test func lineEndings() {
        let lines = LetterLines(Array("a\r\nb\rc\u{0C}d\ne".utf8))
        #expect(lines.count == 5)
        #expect((0..<5).map { String(decoding: lines.bytes[lines[$0].content], as: UTF8.self) } == ["a", "b", "c", "d", "e"])
    }
    @Test func emptyAndTrailingNewline() {
        #expect(LetterLines([]).count == 1)
        #expect(LetterLines(Array("x\n".utf8)).count == 1)
    }
    @Test func cleanFoldsWhiteSpaceAndJoinsHyphenatedBreaks() {
        let s = "  rated as 7-\n\n8/10 with  radiation;  L4-\r\nL5 and chapter - \nepidural  "
        let lines = LetterLines(Array(s.utf8))
        #expect(lines.clean(0..<lines.bytes.count) == "rated as 7-8/10 with radiation; L4-L5 and chapter - epidural")
        let date = LetterLines(Array("injury of 8/22/\n\n12, and/\nor more".utf8))
        #expect(date.clean(0..<date.bytes.count) == "injury of 8/22/12, and/ or more")
    }
    @Test func cleanLeavesFurnitureOut() {
        let s = "first part of a sentence\nPage 2 of 3\n\u{0C}CM14-0123456\nsecond part."
        var lines = LetterLines(Array(s.utf8))
        PageNoise.mark(&lines, caseNumber: "CM14-0123456")
        let all = 0..<lines.bytes.count
        #expect(lines.clean(all) == "first part of a sentence second part.")
        let pieces = lines.pieces(all)
        #expect(pieces.map { String(decoding: lines.bytes[$0], as: UTF8.self) } == ["first part of a sentence", "second part."])
        #expect(lines.trim(all) == 0..<lines.bytes.count)
    }
    @Test func rangesInsideALine() {
        let s = "Decision rationale: The request is not necessary.\nNext"
        let lines = LetterLines(Array(s.utf8))
        #expect(lines.clean(20..<49) == "The request is not necessary.")
        #expect(lines.segments(in: 20..<54).map { String(decoding: lines.bytes[$0.range], as: UTF8.self) } == ["The request is not necessary.", "Next"])
    }
    @Test func phraseMatchingIsLoose() {
        let bytes = Array("is notmedically\n\nnecessary; this not medically".utf8)
        let p = Phrase("is not medically necessary")
        #expect(p.find(in: bytes, 0..<bytes.count) == 0..<26)
        // Word starts only: "this not" does not contain the phrase "is not".
        #expect(Phrase("is not medically").find(in: bytes, 28..<bytes.count) == nil)
    }
}
