import Testing
@testable import IMRParse

/// Item splitting on small inline letters: where a title starts and ends, where its decision is, and
/// what happens when parts are missing.
@Suite struct LetterItemScanningTests {
    static let head = "HOW THE IMR FINAL DETERMINATION WAS MADE\nThe reviewer is Board Certified in Surgery and is licensed to practice in California.\nCLINICAL CASE SUMMARY\nThe patient is a 40 year old male.\nIMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n"

    func parse(_ body: String) -> Determination {
        LetterParser.parse(SourceText(path: "t", string: Self.head + body), referenceYear: 2015)
    }

    @Test func titleOverSeveralLinesWithTheDecisionOnALaterLine() {
        let d = parse("Bilateral lumbar facet joint injections at L4-5 and L5-S1 under fluoroscopic\n\nguidance with sedation, as an outpatient at the surgery\n\ncenter:\n\n  Upheld\nClaims Administrator guideline: MTUS Page(s): 300.\nMAXIMUS guideline: MTUS Page(s): 300.\nDecision rationale: Not supported. The request is not medically necessary.\nUrine drug screen: Overturned\nClaims Administrator guideline: MTUS Page(s): 43.\nMAXIMUS guideline: MTUS Page(s): 43.\nDecision rationale: Supported. The request is medically necessary.\n")
        #expect(d.items.map(\.title.value) == ["Bilateral lumbar facet joint injections at L4-5 and L5-S1 under fluoroscopic guidance with sedation, as an outpatient at the surgery center", "Urine drug screen"])
        #expect(d.items.map { $0.decision?.value } == [.upheld, .overturned])
        #expect(d.items.map { $0.imrGuideline?.pages ?? [] } == [[300], [43]])
        #expect(d.warnings.isEmpty)
    }

    @Test func titleAfterARationaleThatEndsWithAnAbbreviation() {
        let d = parse("MRI: Upheld\nClaims Administrator guideline: a\nMAXIMUS guideline: b\nDecision rationale: Continue Norco 10/325\nmg.\nNaproxen 550\nmg #60: Upheld\nClaims Administrator guideline: c\nMAXIMUS guideline: d\nDecision rationale: e.\n")
        // "mg." followed by a capitalised line ends the rationale; the title starts at "Naproxen".
        #expect(d.items.map(\.title.value) == ["MRI", "Naproxen 550 mg #60"])
        #expect(d.items[0].rationale?.value == "Continue Norco 10/325 mg.")
    }

    @Test func titleWrappedAfterAnAbbreviation() {
        let d = parse("MRI: Upheld\nClaims Administrator guideline: a\nMAXIMUS guideline: b\nDecision rationale: Not needed.\nNorco 10/325 mg.\n#60 with two refills: Upheld\nClaims Administrator guideline: c\nMAXIMUS guideline: d\nDecision rationale: e.\n")
        #expect(d.items.map(\.title.value) == ["MRI", "Norco 10/325 mg. #60 with two refills"])
        #expect(d.items[0].rationale?.value == "Not needed.")
    }

    @Test func rationaleWithoutItsFullStop() {
        let d = parse("MRI: Upheld\nClaims Administrator guideline: a\nMAXIMUS guideline: b\nDecision rationale: There are no red flags and the request is not medically necessary\nUrine drug screen: Upheld\nClaims Administrator guideline: c\nMAXIMUS guideline: d\nDecision rationale: e.\n")
        #expect(d.items.map(\.title.value) == ["MRI", "Urine drug screen"])
    }

    @Test func itemWithoutADecisionWord() {
        let d = parse("Acupuncture six sessions\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: The request is not medically necessary.\nChiropractic care\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: The request is medically necessary.\n")
        #expect(d.items.map(\.title.value) == ["Acupuncture six sessions", "Chiropractic care"])
        // Read from each rationale's conclusion, with a warning that says so.
        #expect(d.items.map { $0.decision?.value } == [.upheld, .overturned])
        #expect(d.warnings.filter { $0.contains("no decision stated") }.count == 2)
    }

    @Test func abbreviationsOfTheLabelsOwnWords() {
        // "(CA)" and "(ER)" after the label's words: still the guideline labels.
        let d = parse("TENS unit: Overturned\nMedical Treatment Guideline(s) Used by the Claims Administrator (CA):\nThe Claims Administrator based its decision on the MTUS.\nMedical Treatment Guideline(s) Used by the Expert Reviewer (ER):\nThe Expert Reviewer based his/her decision on the Chronic Pain Medical Treatment Guidelines, page 114, which is part of the MTUS.\nDecision rationale: The request is medically necessary.\n")
        #expect(d.items.first?.imrGuideline?.pages == [114])
        #expect(d.items.first?.claimsAdministratorGuideline != nil)
    }

    @Test func aConclusionCutByAPageBreak() {
        let d = parse("TENS unit\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: A one-month trial is supported. The request is medically\n\nPage 2 of 3\n\nnecessary and appropriate.\n")
        #expect(d.items.first?.decision?.value == .overturned)
        // A conclusion hyphenated at a line's end.
        let h = parse("TENS unit\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: The criteria are met. The request is medi-\n\ncally necessary and appropriate.\n")
        #expect(h.items.first?.decision?.value == .overturned)
    }

    @Test func joinedWordsInTheConclusion() {
        let d = parse("TENS unit\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: Therefore the request is notmedically necessary.\n")
        #expect(d.items.first?.decision?.value == .upheld)
    }

    @Test func conflictBetweenDecisionAndConclusionIsAWarning() {
        let d = parse("TENS unit: Overturned\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: The request is not medically necessary.\n")
        #expect(d.items.first?.decision?.value == .overturned)
        #expect(d.warnings.contains { $0.contains("rationale concludes not medically necessary") })
    }

    @Test func letterCutOffMidItem() {
        let d = parse("Norco 10/325mg #120: Upheld\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: Not supported. The request is not medically necessary.\nPhysical therapy, 8 sessions: Overturned\nClaims Administrator guideline: Decision based on MTUS Postsurgical")
        #expect(d.items.count == 2)
        #expect(d.items[1].title.value == "Physical therapy, 8 sessions")
        #expect(d.items[1].decision?.value == .overturned)
        #expect(d.items[1].claimsAdministratorGuideline?.text == "Decision based on MTUS Postsurgical")
        #expect(d.items[1].rationale == nil)
        #expect(d.warnings.contains { $0.hasPrefix("item 2") && $0.contains("cut off") })
    }

    @Test func letterCutOffInsideARationale() {
        let d = parse("MRI: Upheld\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: Imaging is indicated when unequivocal objective findings identify specific nerve")
        #expect(d.items.first?.rationale?.value == "Imaging is indicated when unequivocal objective findings identify specific nerve")
        #expect(d.warnings.contains { $0.contains("ends mid-sentence") })
    }

    @Test func letterCutOffAfterATitle() {
        let d = parse("MRI: Upheld\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: Fine.\nLumbar brace: Upheld\n")
        #expect(d.items.map(\.title.value) == ["MRI", "Lumbar brace"])
        #expect(d.items[1].rationale == nil)
        #expect(d.warnings.contains { $0.hasPrefix("item 2") })
    }

    @Test func noItemsSection() {
        let d = LetterParser.parse(SourceText(path: "t", string: "HOW THE IMR FINAL DETERMINATION WAS MADE\nThe reviewer is Board Certified in Surgery.\nCLINICAL CASE SUMMARY\nThe patient"), referenceYear: 2015)
        #expect(d.items.isEmpty)
        #expect(d.warnings.contains { $0.contains("cut off before its items") })
        #expect(d.caseSummary?.value == "The patient")
    }

    /// A label broken over two lines whose second line is itself a label ("Decision" / "rationale:"),
    /// found by the fuzz test: read once, as the longer label.
    @Test func labelBrokenOverLines() {
        let d = parse("MRI: Upheld\nClaims Administrator guideline: a.\nMAXIMUS guideline: b.\nDecision\n\nrationale: Not needed.\n")
        #expect(d.items.first?.rationale?.value == "Not needed.")
        #expect(d.items.first?.imrGuideline?.text == "b.")
    }

    @Test func closingLinesAreNotPartOfTheLastRationale() {
        let d = parse("MRI: Upheld\nClaims Administrator guideline: MTUS.\nMAXIMUS guideline: MTUS.\nDecision rationale: Not needed.\n\n/jb\ncc: Claims Administrator\n")
        #expect(d.items.first?.rationale?.value == "Not needed.")
    }
}
