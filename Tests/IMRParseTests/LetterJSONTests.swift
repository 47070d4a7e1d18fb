import Testing
@testable import IMRParse

/// The `parse` object's shape, and the narrative ranges later stages read.
@Suite struct LetterJSONTests {
    static let letter = "Case Number: CM15-0087412   Date Assigned: 05/04/2015\nDate of Injury: 09/18/12   Decision Date: 06/22/2015\nHOW THE IMR FINAL DETERMINATION WAS MADE\nThe reviewer is Board Certified in Neurology and is licensed to practice in California.\nCLINICAL CASE SUMMARY\nThe patient is a 44 year old female – café worker – with pain.\nIMR ISSUES, DECISIONS AND RATIONALES\nGabapentin 600 mg #90: Overturned\nClaims Administrator guideline: Decision based on MTUS Page(s): 16-18.\nMAXIMUS guideline: Decision based on MTUS Page(s): 16–19, 49.\nDecision rationale: First-line for neuropathic pain. The request is medically necessary.\n"

    @Test func documentedFieldsInOrder() {
        let text = SourceText(path: "x.txt", string: Self.letter)
        let d = LetterParser.parse(text)
        guard case .object(let fields) = d.json(in: text) else { Issue.record("not an object"); return }
        #expect(fields.map(\.0).prefix(7) == ["source", "format", "reviewer", "patient", "case_summary", "items", "warnings"])
        let json = d.json(in: text).compact
        #expect(json.contains(#""format":"final_determination_case_header""#))
        #expect(json.contains(#""patient":{"age":44,"sex":"female","injury_date":"2012-09-18"}"#))
        #expect(json.contains(#""reviewer":{"specialty":"Neurology","subspecialty":null,"licensure":["California"]}"#))
        #expect(json.contains(#""imr_guideline":{"text":"Decision based on MTUS Page(s): 16–19, 49.","sources":["MTUS"],"pages":[16,17,18,19,49]}"#))
        #expect(json.contains(#""case_number":"CM15-0087412","letter_date":"2015-06-22","ur_denial_date":null"#))
    }

    @Test func spansCountUnicodeScalars() {
        let text = SourceText(path: "x.txt", string: Self.letter)
        let d = LetterParser.parse(text)
        let item = d.items[0]
        let span = text.span(item.rationale!.range)
        let scalars = Array(Self.letter.unicodeScalars)
        // Two en dashes and an é (each one scalar, several bytes) sit before the rationale.
        #expect(item.rationale!.range.lowerBound - span.start == 2 * 2 + 1 + 2)
        #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == item.rationale!.value)
    }

    @Test func narrativeRangesAreSummaryAndRationales() {
        let text = SourceText(path: "x.txt", string: Self.letter)
        let d = LetterParser.parse(text)
        #expect(d.narrativeRanges.map { text.string($0) } == [
            "The patient is a 44 year old female – café worker – with pain.",
            "First-line for neuropathic pain. The request is medically necessary.",
        ])
        #expect(d.items[0].rationaleRange == d.items[0].rationale?.range)
    }

    @Test func narrativeRangesSkipPageFurniture() {
        let s = "HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nThe patient has pain\nPage 1 of 2\n\u{0C}and stiffness.\nIMR ISSUES, DECISIONS AND RATIONALES\nMRI: Upheld\nDecision rationale: None.\n"
        let text = SourceText(path: "x.txt", string: s)
        let d = LetterParser.parse(text)
        #expect(d.caseSummary?.value == "The patient has pain and stiffness.")
        #expect(d.caseSummaryRanges.map { text.string($0) } == ["The patient has pain", "and stiffness."])
    }

    @Test func narrativeIsReadWhole() {
        let s = "PROGRESS NOTE\nThe patient is a 43-year-old male. DOI: 04/15/2019.\nPlan: lumbar ESI.\n"
        let text = SourceText(path: "n.txt", string: s)
        let d = LetterParser.parse(text)
        #expect(d.layout == .narrative)
        #expect(d.items.isEmpty)
        #expect(d.caseSummary?.range == 0..<(s.utf8.count - 1))
        #expect(d.narrativeRanges == [0..<(s.utf8.count - 1)])
        #expect(d.patient.age?.value == 43)
        #expect(d.patient.injuryDate?.value.iso == "2019-04-15")
        let json = d.json(in: text).compact
        #expect(json.contains(#""items":[],"warnings":[]"#))
        #expect(json.contains(#""reviewer":{"specialty":null,"subspecialty":null,"licensure":[]}"#))
    }
}
