import Testing
@testable import IMRParse

@Suite struct SentenceSplitterTests {
    private func split(_ s: String) -> [String] {
        let source = SourceText(path: "t", string: s)
        return SentenceSplitter.sentences(in: source, regions: [0..<source.bytes.count]).map { source.normalized($0) }
    }

    @Test func plainSentences() {
        #expect(split("He has pain. She does not! Is it better? Yes.") == ["He has pain.", "She does not!", "Is it better?", "Yes."])
    }

    @Test func abbreviationsDecimalsAndPages() {
        #expect(split("Seen by Dr. Lee vs. Dr. Park on 1.5 mg daily. Done.") == ["Seen by Dr. Lee vs. Dr. Park on 1.5 mg daily.", "Done."])
        #expect(split("Invasive techniques (e.g., facet injections) are of questionable merit, i.e. Not proven. Next.")
                == ["Invasive techniques (e.g., facet injections) are of questionable merit, i.e. Not proven.", "Next."])
        #expect(split("See p.46 and pp. 98-99 of the guideline. It allows therapy.") == ["See p.46 and pp. 98-99 of the guideline.", "It allows therapy."])
        #expect(split("Decision based on MTUS Epidural Steroid Injections Page(s): 46.  Decision based on ODG.")
                == ["Decision based on MTUS Epidural Steroid Injections Page(s): 46.", "Decision based on ODG."])
        #expect(split("MAXIMUS guideline: Decision based on MTUS Page(s): \n\n98-99.   \n\nNext sentence here.")
                == ["MAXIMUS guideline: Decision based on MTUS Page(s): 98-99.", "Next sentence here."])
        #expect(split("Referral No. 5 was sent. It arrived.") == ["Referral No. 5 was sent.", "It arrived."])
    }

    @Test func dotLeadersJoinALabelToItsValue() {
        // A template's label, a leader of dots and the value are one statement ("None" answers "Aberrancy").
        #expect(split("Aberrancy ........ None. No early refills.") == ["Aberrancy ........ None.", "No early refills."])
        #expect(split("UDS 03/16/2015 ... Consistent with the prescriptions.") == ["UDS 03/16/2015 ... Consistent with the prescriptions."])
        // An ellipsis closing a sentence still ends it.
        #expect(split("He was not sure... The pain is worse.") == ["He was not sure...", "The pain is worse."])
    }

    @Test func levelFollowedByLowerCaseContinues() {
        #expect(split("Tenderness at L4-5. with spasm was noted. Then more.") == ["Tenderness at L4-5. with spasm was noted.", "Then more."])
        // Telegraphic notes start sentences in lower case; initials, "p.o." and "Inc." do not end one.
        #expect(split("No new injury. s/p PT x12, chiro x6. sx x 4+ yrs. pt c/o LBP.") == ["No new injury.", "s/p PT x12, chiro x6.", "sx x 4+ yrs.", "pt c/o LBP."])
        #expect(split("Mr. R. has H. pylori, takes it p.o. daily from Acme Inc. since May.") == ["Mr. R. has H. pylori, takes it p.o. daily from Acme Inc. since May."])
    }

    @Test func initials() {
        #expect(split("Reviewed by J. R. Smith on site. Then signed.") == ["Reviewed by J. R. Smith on site.", "Then signed."])
        #expect(split("Low vitamin D. He was given supplements.") == ["Low vitamin D.", "He was given supplements."])
    }

    @Test func numberedDiagnosisList() {
        let s = "Follow-up on 3/12/14.  The current diagnoses are: 1. Lumbar disc displacement. 2. Lumbar radiculitis. 3. Chronic pain syndrome. The plan follows."
        #expect(split(s) == ["Follow-up on 3/12/14.", "The current diagnoses are:", "1. Lumbar disc displacement.",
                             "2. Lumbar radiculitis.", "3. Chronic pain syndrome.", "The plan follows."])
    }

    @Test func pdfTextWithBlankLinesBetweenLines() {
        let s = "The claimant had an MRI dated 3-25-12 that showed a 3 mm disc protrusion at \n\nL3-L4. The claimant had a block on 8-2-\n\n13, which did not help and \n\nrequired oral steroids. Pain is 7-\n\n8/10. \n\n \n\nNext paragraph starts here."
        let got = split(s)
        #expect(got == ["The claimant had an MRI dated 3-25-12 that showed a 3 mm disc protrusion at L3-L4.",
                        "The claimant had a block on 8-2- 13, which did not help and required oral steroids.",
                        "Pain is 7- 8/10.", "Next paragraph starts here."])
    }

    @Test func headingsEndSentences() {
        let s = " CLINICAL CASE SUMMARY \n\nThe reviewer developed the summary: \n\n \n\nThe patient is a 50 year old male. \n\n \n\nIMR ISSUES, DECISIONS AND RATIONALES \n\nThe Final Determination was based on the items set forth below: \n\n \n\nLumbar ESI at L4-5 and \n\nL5-S1:  Upheld \n\n \n\nClaims Administrator guideline: Decision based on MTUS. \n\nDecision rationale: The request is not necessary."
        #expect(split(s) == ["CLINICAL CASE SUMMARY", "The reviewer developed the summary:", "The patient is a 50 year old male.",
                             "IMR ISSUES, DECISIONS AND RATIONALES", "The Final Determination was based on the items set forth below:",
                             "Lumbar ESI at L4-5 and L5-S1: Upheld", "Claims Administrator guideline: Decision based on MTUS.",
                             "Decision rationale: The request is not necessary."])
    }

    @Test func headingOnItsOwnLineEndingInColon() {
        #expect(split("The Expert Reviewer has the following credentials:\nState(s) of Licensure: California\nSpecialty: Family Practice")
                == ["The Expert Reviewer has the following credentials:", "State(s) of Licensure: California", "Specialty: Family Practice"])
    }

    @Test func wrappedLinesDoNotSplit() {
        #expect(split("He/she has no \n\naffiliation with the employer and is licensed to practice in \n\nTexas. He works full time.")
                == ["He/she has no affiliation with the employer and is licensed to practice in Texas.", "He works full time."])
        #expect(split("The treating physician report dated \n\n3/17/14 states that the pain is severe.")
                == ["The treating physician report dated 3/17/14 states that the pain is severe."])
    }

    @Test func quotesStayWithTheirSentence() {
        #expect(split("The UR physician stated \"An ESI is not necessary.\" I disagree.") == ["The UR physician stated \"An ESI is not necessary.\"", "I disagree."])
        #expect(split("He said “stop.” Then left.") == ["He said “stop.”", "Then left."])
    }

    @Test func paragraphStarts() {
        let source = SourceText(path: "t", string: "First one. Second\none.\n\nThird one.\nFourth one.\nStill four.\n\nDecision rationale: Fifth.")
        let spans = SentenceSplitter.split(source.bytes, regions: [0..<source.bytes.count])
        #expect(spans.map(\.startsParagraph) == [true, false, true, false, false, true])
        // Doubled-line PDF text: only gaps of two blank lines or more start paragraphs.
        let pdf = SourceText(path: "t", string: "One line \n\nwraps here. Two. \n\nThree is \n\nlong. \n\n \n\nFour. \n\nFive.")
        #expect(SentenceSplitter.split(pdf.bytes, regions: [0..<pdf.bytes.count]).map(\.startsParagraph) == [true, false, false, true, false])
    }

    @Test func regionsBoundSentencesAndOffsetsRoundTrip() {
        let text = "Café visit — pain “worse”. Naïve patient. Second region starts here. Ends."
        let source = SourceText(path: "t", string: text)
        let cut = Array("Café visit — pain “worse”. Naïve patient. ".utf8).count
        let spans = SentenceSplitter.split(source.bytes, regions: [0..<cut, cut..<source.bytes.count])
        #expect(spans.map { source.string($0.range) } == ["Café visit — pain “worse”.", "Naïve patient.", "Second region starts here.", "Ends."])
        #expect(spans.map(\.startsParagraph) == [true, false, true, false])
        let first = source.span(spans[0].range)
        #expect(Array(text.unicodeScalars)[first.start..<first.end].map(String.init).joined() == "Café visit — pain “worse”.")
    }

    @Test func longRunsAreCut() {
        let line = String(repeating: "word ", count: 100)
        let text = Array(repeating: line, count: 10).joined(separator: "\n")
        #expect(split(text).count > 1)
    }

    @Test func tableRowsFlattenedToTextAreSentences() {
        // A row says what its own treatment did: "80% relief" belongs to the blocks, not to the row
        // before or after. A wrapped cell (an indented line) continues its row; a blank line ends the table.
        let table = """
        Date            Intervention                       Result
        09/2013         Acupuncture, 12 sessions           pain and activity unchanged
        02/10/2015      Bilat L4-5 medial branch blocks,   80% relief for 5 hours; stood 30 min
                        lidocaine 2%                       and walked a mile
        Surgery         Not a candidate; no prior fusion

        The response to both blocks was concordant.
        """
        let rows = split(table)
        #expect(rows.count == 5)
        #expect(rows[1].hasPrefix("09/2013") && rows[1].hasSuffix("unchanged"))
        #expect(rows[2].hasPrefix("02/10/2015") && rows[2].hasSuffix("walked a mile"))
        #expect(rows[4] == "The response to both blocks was concordant.")
        // Two-column prose (a long first cell) is no table: its lines stay one sentence.
        let prose = "The patient reports that her pain radiates     into the left leg with numbness\nand she walks with a cane at all times     when she leaves the house today."
        #expect(split(prose).count == 1)
    }

    @Test func aDatedSeriesIsOneStatementPerLine() {
        // Pain scores by visit: each line's date belongs to its own line (an injection named on one line
        // is not given the dates of the others).
        let series = "Average leg pain by visit:\n  12/10/2014 ... 8/10\n  01/21/2015 ... TFESI L4-5 left\n  02/04/2015 ... 5/10\n\nSo the relief faded."
        #expect(split(series) == ["Average leg pain by visit:", "12/10/2014 ... 8/10", "01/21/2015 ... TFESI L4-5 left",
                                  "02/04/2015 ... 5/10", "So the relief faded."])
    }

    @Test func cellRulesMarkRows() {
        // A medication table with "|" between its cells: what one row says ("8 -> 5/10") is its own drug's.
        let table = "Medication | Dose | Response\nOxyContin | 40 mg | \"helps some\"; no change in activity\nGabapentin | 600 mg | burning 8 -> 5/10, can cook\n\nPlan follows."
        let rows = split(table)
        #expect(rows.count == 4)
        #expect(rows[2].hasPrefix("Gabapentin") && rows[2].hasSuffix("can cook"))
    }

    @Test func aBulletEndsAtACapitalisedLine() {
        // The last item of a dash list ends at its line when the next line opens with a capitalised word;
        // a wrapped item goes on in lower case, and a level ("L5-S1") is no word.
        let list = "- Tramadol 50 mg at bedtime\n- Activity modification; back on full duty but \"pays for it\" at night\nPain remains 6/10 at best."
        #expect(split(list).last == "Pain remains 6/10 at best.")
        #expect(split("- Epidural steroid injection at L4-5 and\nL5-S1 on the left").count == 1)
        #expect(split("- Physical therapy twice a week, with a home program\nthat she does daily").count == 1)
    }
}
