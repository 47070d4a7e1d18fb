import Testing
@testable import IMRParse

/// What the eleventh round of blind letters (w43) showed the reader did not yet do (issue #20): a
/// reviewer's guideline given before the UR's, its citation wrapped under its label; the items told
/// under "RATIONALE FOR EACH DISPUTED TREATMENT"; items numbered in words ("Disputed Treatment #1:",
/// "ISSUE II:", "Disputed item A —"); a decision label that names its item ("Determination for item
/// A:") with the decision in brackets after the sentence; a table of decisions printed before the
/// details and again after them; "page 1 / 2" and a running header with a dash. Each test is a
/// small letter of its own, read through `LetterParser`.
@Suite struct LetterTwelfthRoundTests: LetterSuite {
    static let referenceYear = 2019

    // MARK: Fields in another order

    /// The reviewer's guideline before the UR's: the citation's second line ("pages 303-304; Non-MTUS:
    /// …") is the field's, not the title of an item between the two labels.
    @Test func reviewerGuidelineWrappedBeforeTheURGuideline() throws {
        let d = parse("""
        IMR Case Number: CM18-0001234   Date of Injury: 02/02/2016

        CLINICAL CASE SUMMARY

        The injured worker is a 51 year old female cashier with low back pain since lifting a case of water.

        IMR ISSUES, DECISIONS AND RATIONALES

        Lumbar MRI without contrast

        Guideline(s) relied on by the reviewer:  MTUS ACOEM Chapter 12 Low Back Complaints,
        pages 303-304; Non-MTUS: ODG Low Back chapter, MRIs

        Guideline(s) cited in the UR decision:  MTUS ACOEM Chapter 12, page 303

        Rationale:  There are no red flags and no neurologic deficit. The request is not medically necessary.

        IMR Decision:  UPHELD

        Naproxen 550mg #60

        Guideline(s) relied on by the reviewer:  MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, 8 CCR
        9792.24.2

        Guideline(s) cited in the UR decision:  MTUS Chronic Pain Medical Treatment Guidelines, page 67

        Rationale:  NSAIDs are recommended at the lowest dose for the shortest period. The request is medically necessary.

        IMR Decision:  OVERTURNED
        """)
        #expect(d.items.count == 2)
        let first = try #require(d.items.first)
        #expect(first.title.value == "Lumbar MRI without contrast")
        #expect(first.decision?.value == .upheld)
        #expect(first.imrGuideline?.pages == [303, 304])
        #expect(first.imrGuideline?.text.contains("Non-MTUS: ODG") == true)
        #expect(first.claimsAdministratorGuideline?.pages == [303])
        let second = try #require(d.items.last)
        #expect(second.title.value == "Naproxen 550mg #60")
        #expect(second.decision?.value == .overturned)
        #expect(second.claimsAdministratorGuideline != nil)
    }

    // MARK: The items under a heading of their own words

    @Test func rationaleForEachDisputedTreatmentHeadsTheItems() throws {
        let d = parse("""
        MAXIMUS FEDERAL SERVICES
        California Independent Medical Review

        IMR Case Number    CM18-0001234
        Date of Injury     02/02/2016

        Disputed Treatment(s)
        1. Knee MRI
        2. Knee brace, hinged

        CLINICAL CASE SUMMARY

        The injured worker is a 50 year old male warehouse worker with right knee pain after a twisting injury.

        RATIONALE FOR EACH DISPUTED TREATMENT

        Disputed Treatment #1:  Knee MRI

        Guideline(s) relied on by the reviewer:  MTUS ACOEM Chapter 13 Knee Complaints, pages 341-343

        Guideline(s) cited in the UR decision:  MTUS ACOEM Chapter 13, page 341

        Rationale:  Imaging is not indicated without red flags. The request is not medically necessary.

        IMR Decision:  UPHELD. The request for Knee MRI is not medically necessary.

        Disputed Treatment #2:  Knee brace, hinged

        Guideline(s) relied on by the reviewer:  MTUS ACOEM Chapter 13 Knee Complaints, page 340

        Guideline(s) cited in the UR decision:  MTUS ACOEM Chapter 13, page 340

        Rationale:  A brace is an option for instability, which is documented. The request is medically necessary.

        IMR Decision:  OVERTURNED. The request for Knee brace, hinged is medically necessary.

        REVIEWER QUALIFICATIONS
        The expert reviewer is Board Certified in Orthopaedic Surgery and is licensed to practice in California.
        """)
        #expect(d.layout != .narrative)
        #expect(d.items.count == 2)
        #expect(d.items.map(\.title.value) == ["Knee MRI", "Knee brace, hinged"])
        #expect(d.items.map { $0.decision?.value } == [.upheld, .overturned])
        #expect(d.items.map { $0.imrGuideline?.pages } == [[341, 342, 343], [340]])
        #expect(d.caseSummary?.value.hasPrefix("The injured worker is a 50 year old male") == true)
        #expect(d.reviewer.specialty?.value == "Orthopaedic Surgery")
    }

    // MARK: Items numbered in words

    @Test func itemNumbersInWordsAreNoPartOfTheTitle() {
        func title(_ line: String) -> String {
            let bytes = Array(line.utf8)
            let lines = LetterLines(bytes)
            return String(decoding: bytes[ItemBuilder.titleRange(0..<bytes.count, lines, prefixes: nil)], as: UTF8.self)
        }
        #expect(title("Disputed Treatment #1:  EMG/NCV of the bilateral upper extremities") == "EMG/NCV of the bilateral upper extremities")
        #expect(title("ISSUE II:  TENS unit, purchase  \u{2014}") == "TENS unit, purchase")
        #expect(title("Disputed item A \u{2014} Chiropractic manipulation 2x3 lumbar spine") == "Chiropractic manipulation 2x3 lumbar spine")
        #expect(title("DISPUTED ITEM #3: Massage therapy x 8 sessions") == "Massage therapy x 8 sessions")
        // Words that only look so stay.
        #expect(title("Service dog training, 12 sessions") == "Service dog training, 12 sessions")
        #expect(title("Treatment: Lumbar brace") == "Treatment: Lumbar brace")
    }

    // MARK: A decision label that names its item

    @Test func determinationForItemLetterDecidesIt() throws {
        let d = parse("""
        INDEPENDENT MEDICAL REVIEW \u{2013} FINAL DETERMINATION
        Reference: IMR CM16-0000055
        SUMMARY OF THE CASE
        This is a 50 year old male warehouse worker with knee pain after a twisting injury.
        ANALYSIS OF THE DISPUTED ITEMS
        Disputed item A \u{2014} Knee brace, hinged
        Reviewer\u{2019}s analysis:
        A brace is an option for instability. Instability is documented on examination.
        Guidelines relied upon: MTUS ACOEM Chapter 13 Knee Complaints, page
        340
        Guideline cited by the claims administrator: MTUS ACOEM Chapter 13, page 340
        Determination for item A: The request for Knee brace, hinged is medically
        necessary.  [OVERTURNED]
        Disputed item B \u{2014} Knee MRI
        Reviewer\u{2019}s analysis:
        Imaging is not indicated without red flags or a failed trial of conservative care.
        page 1 / 2
        Final Determination \u{2013} CM16-0000055
        Guidelines relied upon: MTUS ACOEM Chapter 13 Knee Complaints, pages 341-343
        Guideline cited by the claims administrator: MTUS ACOEM Chapter 13, page 341
        Determination for item B: The request for Knee MRI is not medically
        necessary.  [UPHELD]
        ABOUT THE REVIEWER
        The expert reviewer is Board Certified in Orthopaedic Surgery and is licensed to practice in California.
        page 2 / 2
        """)
        #expect(d.items.count == 2)
        #expect(d.items.map(\.title.value) == ["Knee brace, hinged", "Knee MRI"])
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld])
        #expect(d.items.map { $0.imrGuideline?.pages } == [[340], [341, 342, 343]])
    }

    @Test func aDecisionInBracketsEndsTheSentence() {
        let lines = LetterLines(Array("medically necessary.  [OVERTURNED]\nKnee MRI\nThe brace (hinged)\n".utf8))
        #expect(ItemScanner.endsSentence(lines, 0))
        #expect(!ItemScanner.endsSentence(lines, 2))
    }

    // MARK: A table of decisions printed twice

    @Test func aTableOfDecisionsPrintedAgainAfterTheDetailsIsOneList() throws {
        let table = """
        SUMMARY OF DETERMINATION(S)
        No.  Disputed item/service                                Decision
        I    Cervical epidural steroid injection C6-7             Upheld
        II   Physical therapy 2x4 cervical spine                  Overturned

        """
        let d = parse("""
        IMR FINAL DETERMINATION
        Case: CM19-0000044        Injury date: 05/05/2017

        \(table)
        CASE SUMMARY
        The injured worker is a 39 year old male electrician with neck pain after a fall from a ladder.

        ISSUES, DECISIONS AND RATIONALE
        ISSUE I:  Cervical epidural steroid injection C6-7  \u{2014}  DECISION: UPHELD
        Claims Administrator guideline: MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections, page 46
        MAXIMUS guideline: MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections, page 46
        Decision rationale: There is no radiculopathy on examination. The request is not medically necessary.
        ISSUE II:  Physical therapy 2x4 cervical spine  \u{2014}  DECISION: OVERTURNED
        Claims Administrator guideline: MTUS Chronic Pain Medical Treatment Guidelines, Physical medicine, pages 98-99
        MAXIMUS guideline: MTUS Chronic Pain Medical Treatment Guidelines, Physical medicine, pages 98-99
        Decision rationale: A short course of therapy is recommended. The request is medically necessary.

        \(table)
        This is the Final Determination of the Administrative Director. It is binding on all parties.
        """)
        #expect(d.items.count == 2)
        #expect(d.items.map(\.title.value) == ["Cervical epidural steroid injection C6-7", "Physical therapy 2x4 cervical spine"])
        #expect(d.items.map { $0.decision?.value } == [.upheld, .overturned])
        #expect(d.items.map { $0.imrGuideline?.pages } == [[46], [98, 99]])
        #expect(!d.warnings.contains { $0.contains("no detailed section") })
    }

    // MARK: Page furniture

    @Test func pageNumbersWithASlashAndHeadersWithADash() {
        func marker(_ s: String) -> Bool { let b = Array(s.utf8); return PageNoise.isPageMarker(b, 0..<b.count) }
        #expect(marker("page 1 / 2"))
        #expect(marker("Page 3/4"))
        #expect(marker("Page 2 of 3"))
        #expect(!marker("pain 8/10"))
        #expect(!marker("page 1 /"))
        let header = Array("Final Determination \u{2013} CM15-0019963".utf8)
        #expect(PageNoise.isCaseNumberLine(header, 0..<header.count, needle: Array("cm15-0019963".utf8)))
        let prose = Array("Final answer \u{2013} CM15-0019963".utf8)
        #expect(!PageNoise.isCaseNumberLine(prose, 0..<prose.count, needle: Array("cm15-0019963".utf8)))
    }
}
