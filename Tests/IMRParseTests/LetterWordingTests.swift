import Testing
@testable import IMRParse

/// Letters in layouts nobody taught the reader (issue #20, ninth round): decisions in other words,
/// fields numbered under their item, items asked as questions, lists in columns, headings and
/// numbers as a scan reads them. Each test is a small letter of its own, read through `LetterParser`.
@Suite struct LetterWordingTests: LetterSuite {
    static let referenceYear = 2016

    static let head = "Case Number: CM16-0000001   Date of Injury: 01/02/2014\n\nBACKGROUND\n\nThe injured worker is a 51 year old female cook with low back pain since a fall at work.\n\n"

    // MARK: Decision words

    @Test func certifiedAndApprovedAreDecisionWords() {
        let bytes = Array("CERTIFIED|Not certified|approved.|NOT APPROVED|certify".utf8)
        func word(_ r: Range<Int>) -> Decision? { DecisionPhrases.word(bytes, r)?.value }
        #expect(word(0..<9) == .overturned)
        #expect(word(10..<23) == .upheld)
        #expect(word(24..<33) == .overturned)
        #expect(word(34..<46) == .upheld)
        #expect(word(47..<54) == nil)
        // "not" before the word at a line's end inverts it.
        let line = Array("Lumbar MRI:  Not certified".utf8)
        #expect(DecisionPhrases.atLineEnd(line, 0..<line.count)?.decision.value == .upheld)
        let plain = Array("Lumbar MRI - CERTIFIED".utf8)
        #expect(DecisionPhrases.atLineEnd(plain, 0..<plain.count)?.decision.value == .overturned)
    }

    @Test func aListOfDecisionsInCertificationWords() {
        let d = parse(Self.head + "DETERMINATIONS\n\n1. Lumbar MRI without contrast: NOT CERTIFIED\n2. Physical therapy, eight visits:\nCertified\n")
        #expect(d.items.map(\.title.value) == ["Lumbar MRI without contrast", "Physical therapy, eight visits"])
        #expect(d.items.map { $0.decision?.value } == [.upheld, .overturned])
    }

    @Test func aDecisionFieldStatedInAFewWords() {
        let d = parse(Self.head + """
        FINDINGS

        1. Lumbar MRI without contrast
        Standards applied: MTUS/ACOEM, Chapter 12, page 303.
        Discussion: There are no red flags and no progressive deficit.
        Determination: Denial upheld. The request is not medically necessary.

        2. Physical therapy, eight visits
        Standards applied: MTUS Chronic Pain Medical Treatment Guidelines, pages 98-99.
        Discussion: She has not had therapy for this injury.
        Determination: UR reversed. The request is medically necessary.

        3. Urine drug screen
        Guideline relied upon: MTUS Chronic Pain Medical Treatment Guidelines, page 43.
        Analysis: She takes no opioid and no aberrant behaviour is described.
        Result: NOT CERTIFIED (UR decision upheld)

        4. Aquatic therapy, six visits
        Guideline relied upon: MTUS Chronic Pain Medical Treatment Guidelines, page 22.
        Analysis: Reduced weight bearing is desirable given her obesity.
        Result: CERTIFIED (UR decision reversed)

        """)
        #expect(d.items.map(\.title.value) == ["Lumbar MRI without contrast", "Physical therapy, eight visits", "Urine drug screen", "Aquatic therapy, six visits"])
        #expect(d.items.map { $0.decision?.value } == [.upheld, .overturned, .upheld, .overturned])
        #expect(!d.warnings.contains { $0.contains("no decision") })
        // The words alone, and what does not state a decision.
        let bytes = Array("UR reversed.|Denial upheld|Not certified|The reviewer finds|UR decision reversed".utf8)
        #expect(DecisionPhrases.leadingDecision(bytes, 0..<12)?.value == .overturned)
        #expect(DecisionPhrases.leadingDecision(bytes, 13..<26)?.value == .upheld)
        #expect(DecisionPhrases.leadingDecision(bytes, 27..<40)?.value == .upheld)
        #expect(DecisionPhrases.leadingDecision(bytes, 41..<59) == nil)
        #expect(DecisionPhrases.leadingDecision(bytes, 60..<bytes.count)?.value == .overturned)
    }

    // MARK: Fields numbered under their item

    @Test func fieldsNumberedUnderTheirItem() {
        let d = parse(Self.head + """
        DETERMINATIONS

        1. Lumbar MRI without contrast
        (1) UR action: Non-certified 03/04/2016
        (2) IMR determination: UPHELD
        (3) Guidelines: MTUS/ACOEM Practice Guidelines, Chapter 12, page 303.
        (4) Rationale: There are no red flags and no progressive deficit. Not medically necessary.

        2. Physical therapy, eight visits
        (1) UR action: Non-certified 03/04/2016
        (2) IMR determination: OVERTURNED
        (3) Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, pages 98-99.
        (4) Rationale: She has not had therapy for this injury. Medically necessary.

        """)
        #expect(d.items.map(\.title.value) == ["Lumbar MRI without contrast", "Physical therapy, eight visits"])
        #expect(d.items.map { $0.decision?.value } == [.upheld, .overturned])
        #expect(d.items.map { $0.imrGuideline?.pages ?? [] } == [[303], [98, 99]])
        // The UR's own decision is no decision of the review and starts no item; a UR date in the
        // header is no label.
        let header = parse("UR decision: 03/04/2016        Reviewer specialty: Neurology\n\n" + Self.head + "DETERMINATIONS\n\n1. Lumbar MRI without contrast\n(1) UR decision: Denied\n(2) IMR determination: OVERTURNED\n(3) Rationale: Progressive weakness is documented. Medically necessary.\n")
        #expect(header.items.map(\.title.value) == ["Lumbar MRI without contrast"])
        #expect(header.items.map { $0.decision?.value } == [.overturned])
    }

    @Test func theNumberOneReadAsAnL() {
        let bytes = Array("l. EMG/NCV of both legs|l. the|1. Lumbar MRI".utf8)
        #expect(ItemHeaders.itemNumber(bytes, 0..<23)?.number == 1)
        #expect(ItemHeaders.itemNumber(bytes, 24..<30) == nil)
        let d = parse(Self.head + "DETERMINATIONS\n\nl. EMG/NCV of both lower extremities\nIMR determination: UPHELD\nRationale: The radiculopathy is clinically obvious. Not medically necessary.\n\n2. Lumbar MRI without contrast\nIMR determination: OVERTURNED\nRationale: Progressive weakness is documented. Medically necessary.\n")
        #expect(d.items.map(\.title.value) == ["EMG/NCV of both lower extremities", "Lumbar MRI without contrast"])
    }

    // MARK: Items asked as questions

    @Test func itemsAskedAsQuestions() {
        let d = parse(Self.head + """
        QUESTIONS PRESENTED AND DETERMINATIONS

        A. Is omeprazole 20 mg #30 medically necessary?

        Standards applied: MTUS Chronic Pain Medical Treatment Guidelines, pages 68-69.
        Discussion: A history of peptic ulcer is a listed risk factor.
        Determination: UR reversed. The request is medically necessary.

        B. Is physical therapy for the lumbar spine, 12 sessions,
        medically necessary?

        Standards applied: MTUS Chronic Pain Medical Treatment Guidelines, pages 98-99.
        Discussion: Twelve sessions exceed the ten the guideline allows.
        Determination: Denial upheld. The request is not medically necessary.

        """)
        #expect(d.items.map(\.title.value) == ["omeprazole 20 mg #30", "physical therapy for the lumbar spine, 12 sessions"])
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld])
        #expect(d.items.map { $0.header?.number } == [1, 2])
        // A question in a rationale that asks about no item ("Is the patient working?") is none.
        let prose = parse(Self.head + "DETERMINATIONS\n\nLumbar MRI: Upheld\nRationale: Is the patient working? The notes do not say. Not medically necessary.\n")
        #expect(prose.items.map(\.title.value) == ["Lumbar MRI"])
    }

    // MARK: Decisions told in prose

    @Test func aRegardingTitleEndsAtTheColonItsDecisionFollows() {
        let d = parse(Self.head + """
        Regarding the request for biofeedback, 6 sessions: the reviewer upholds the UR denial. The
        request is not approved.

        Basis: MTUS Chronic Pain Medical Treatment Guidelines, Biofeedback, pages 24-25.
        Biofeedback is not recommended as a stand-alone treatment, and six sessions exceed the trial.

        Regarding the request for zolpidem 10 mg #30: the reviewer's decision is to overturn the UR
        denial. The request is approved.

        Basis: The MTUS does not address zolpidem. Non-MTUS: Official Disability Guidelines (ODG),
        Pain chapter, Zolpidem. Short-term use after a sleep evaluation is supported, as here.

        """)
        #expect(d.items.map(\.title.value) == ["biofeedback, 6 sessions", "zolpidem 10 mg #30"])
        #expect(d.items.map { $0.decision?.value } == [.upheld, .overturned])
        // The rationale opens with the guideline it relies on: that is the reviewer's guideline.
        #expect(d.items.map { $0.imrGuideline?.sources ?? [] } == [["MTUS"], ["Non-MTUS", "ODG"]])
        #expect(d.items.map { $0.imrGuideline?.pages ?? [] } == [[24, 25], []])
        #expect(d.items[0].rationale?.value.hasPrefix("Biofeedback is not recommended") == true)
        #expect(d.items[1].rationale?.value.hasPrefix("Short-term use") == true)
    }

    @Test func aRationaleThatOpensWithoutACitationKeepsItsSentences() {
        let bytes = Array("MTUS guidelines recommend a home program. He has done one.".utf8)
        #expect(CitationParser.citationOpening(bytes, 0..<bytes.count) == nil)
        let cited = Array("ACOEM Chapter 12, page 303. Imaging is not indicated without red flags.".utf8)
        #expect(CitationParser.citationOpening(cited, 0..<cited.count) == 28)
    }

    // MARK: Lists in columns

    @Test func listEntriesInColumns() {
        let d = parse(Self.head.replacingOccurrences(of: "BACKGROUND", with: "OUTCOMES\n\nItem 1 .... OVERTURNED      Item 2 .... UPHELD\n\nBACKGROUND") + """
        FINDINGS BY ITEM

        Item 1. Lumbar MRI without contrast
        Guideline(s) relied upon: MTUS/ACOEM, Chapter 12, page 303.
        Reason: Progressive weakness is documented.

        Item 2. Physical therapy, eight visits
        Guideline(s) relied upon: MTUS Chronic Pain Medical Treatment Guidelines, pages 98-99.
        Reason: She has completed twelve visits with no gain.

        """)
        #expect(d.items.map(\.title.value) == ["Lumbar MRI without contrast", "Physical therapy, eight visits"])
        // The decisions are the list's: the reasons conclude nothing.
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld])
        let bytes = Array("Item 1  OVERTURNED|Item 3 .... UPHELD      Item 4 .... OVERTURNED|Lumbar MRI    Upheld".utf8)
        #expect(ItemHeaders.entriesInColumns(bytes, 0..<18)?.map { $0.number } == [1])
        #expect(ItemHeaders.entriesInColumns(bytes, 19..<65)?.map { $0.decision?.value } == [.upheld, .overturned])
        #expect(ItemHeaders.entriesInColumns(bytes, 66..<bytes.count) == nil)
    }

    // MARK: Words as a scan reads them

    @Test func labelWordsAsAScanMisreadsThem() {
        let d = parse(Self.head + """
        DETERMINATIONS

        1. Lumbar MRI without contrast
        IMR determination: UPHELD
        Guidelines: MTUS/ACOEM Practice Guidelines, Chapter 12, page 303.
        Decison rationale: There are no red flags and no progressive deficit.

        2. Physical therapy, eight visits
        IMR determination: OVERTURNED
        Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, pages 98-99.
        ANALYSlS: She has not had therapy for this injury.

        """)
        #expect(d.items.map { $0.imrGuideline?.pages ?? [] } == [[303], [98, 99]])
        #expect(d.items.map { $0.rationale?.value ?? "" } == ["There are no red flags and no progressive deficit.", "She has not had therapy for this injury."])
        // A heading whose word a hyphen cut, on its line or at its end.
        let lines = LetterLines(Array("QUESTIONS PRESENTED AND DETER- MINATIONS\n\nIMR FINAL DETERMI-\nNATIONS AND REASONS\n".utf8))
        #expect(LabelMeaning.read(lines, line: 0, from: 0)?.meaning == .items)
        #expect(LabelMeaning.read(lines, line: 2, from: lines[2].contentStart)?.meaning == .items)
    }
}
