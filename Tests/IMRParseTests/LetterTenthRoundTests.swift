import Testing
@testable import IMRParse

/// Letters in layouts nobody taught the reader (issue #20, tenth round): headings in spaced letters,
/// fields run together in one paragraph, one guideline field for both parties, a notice's details
/// without "Regarding the request for", the reviewer described last, sections numbered "Part 2 -",
/// items lettered "A." or "(b)", and an addendum that corrects an item. Each test is a small letter
/// of its own, read through `LetterParser`.
@Suite struct LetterTenthRoundTests: LetterSuite {
    static let referenceYear = 2016

    static let head = "IMR Case Number: CM16-0000002   Date of Injury: 03/04/2014\n\n"

    static let summary = "The injured worker is a 44 year old male mechanic with neck pain since lifting an engine part.\n\n"

    // MARK: Headings in spaced letters

    @Test func spacedLettersAreJoined() {
        func joined(_ s: String) -> String? {
            let b = Array(s.utf8)
            return SpacedCapitals.joined(b, 0..<b.count).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(joined("S UMMARY OF  D ECISIONS") == "SUMMARY OF  DECISIONS")
        #expect(joined("R A T I O N A L E") == "RATIONALE")
        #expect(joined("D E C I S I O N   A N D   R A T I O N A L E") == "DECISION   AND   RATIONALE")
        // Words of one letter of their own, and lines in lower case, are left alone.
        #expect(joined("A NEW REQUEST") == nil)
        #expect(joined("B vitamins were given") == nil)
        // Offsets stay where they were: the line is padded to its length.
        var lines = LetterLines(Array("C LINICAL  C ASE  S UMMARY\nThe worker is 40.".utf8)).lines
        let joinedBytes = SpacedCapitals.join(Array("C LINICAL  C ASE  S UMMARY\nThe worker is 40.".utf8), &lines)
        #expect(joinedBytes.count == 44)
    }

    @Test func headingsInSmallCapitalsOpenTheirSections() {
        let d = parse(Self.head + """
        S UMMARY OF  D ECISIONS
        A.  Cervical traction unit ............ UPHELD

        C LINICAL  C ASE  S UMMARY

        \(Self.summary)
        D ECISIONS AND  R ATIONALES

        A.  Cervical traction unit: Upheld

        Guideline relied on by the reviewer: MTUS ACOEM Practice Guidelines, Chapter 8, page 173.

        Rationale: Traction is not recommended for neck pain. The request is not medically necessary.

        R EVIEWER  Q UALIFICATIONS
        The reviewer who made this determination is Board Certified in Orthopaedic Surgery, with a
        subspecialty in Sports Medicine, and is licensed to practice in California.
        """)
        #expect(d.caseSummary?.value.hasPrefix("The injured worker is a 44 year old") == true)
        #expect(d.reviewer.specialty?.value == "Orthopaedic Surgery")
        #expect(d.items.count == 1)
        #expect(d.items.first?.imrGuideline?.pages == [173])
    }

    // MARK: Fields run together

    @Test func labelsInsideAGuidelineParagraphStartTheirFields() {
        let d = parse(Self.head + "BACKGROUND\n\n" + Self.summary + """
        DISPUTED TREATMENT, GUIDELINES AND DETERMINATIONS

        A.  Aquatic therapy, 8 sessions
        Guideline cited by the Claims Administrator: MTUS Chronic Pain Medical Treatment Guidelines,
        Aquatic therapy, page 22. Guideline cited by the Reviewer: MTUS Chronic Pain Medical Treatment
        Guidelines, Physical medicine, pages 98-99. Reasoning: Aquatic therapy is an option where
        reduced weight bearing is desirable. Determination: The request is medically necessary. The
        utilization review decision is OVERTURNED.
        """)
        #expect(d.items.count == 1)
        let item = d.items.first
        #expect(item?.claimsAdministratorGuideline?.pages == [22])
        #expect(item?.imrGuideline?.pages == [98, 99])
        #expect(item?.rationale?.value.hasPrefix("Aquatic therapy is an option") == true)
        #expect(item?.decision?.value == .overturned)
    }

    @Test func oneGuidelineFieldSplitByParty() {
        let d = parse(Self.head + "CASE SUMMARY\n\n" + Self.summary + """
        DECISIONS AND RATIONALES

        1. Gabapentin 600 mg #90: Overturned

        Guidelines Used: The Claims Administrator based its decision on the Chronic Pain Medical Treatment Guidelines, page 16. The Expert Reviewer based the decision on the MTUS Chronic Pain Medical Treatment Guidelines, Antiepilepsy drugs, pages 18-19.

        Rationale for the Decision: Gabapentin helped his neuropathic pain by 40%. The request is medically necessary.
        """)
        let item = d.items.first
        #expect(item?.claimsAdministratorGuideline?.pages == [16])
        #expect(item?.imrGuideline?.pages == [18, 19])
    }

    // MARK: A notice's details without "Regarding the request for"

    @Test func noticeDetailsUnderDecisionSentences() {
        let d = parse("""
        NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION

        IMR Case Number:  CM13-0000003      Date of Injury:  05/30/2012

        FINAL DETERMINATION:

        1. MAXIMUS Federal Services, Inc. has determined the request for gabapentin 600 mg #90 is
        medically necessary and appropriate.

        2. MAXIMUS Federal Services, Inc. has determined the request for a lumbar MRI is not medically
        necessary and appropriate.

        Expert Reviewer Case Summary:

        \(Self.summary)
        1. Gabapentin 600 mg #90 is medically necessary and appropriate.

        Guidelines Used: MTUS Chronic Pain Medical Treatment Guidelines, Antiepilepsy drugs, pages 16-19.

        Rationale for the Decision: Gabapentin helped his neuropathic pain by 40%. The request is medically necessary and appropriate.

        2. A lumbar MRI is not medically necessary and appropriate.

        Guidelines Used: MTUS ACOEM Practice Guidelines, Chapter 12, page 303.

        Rationale for the Decision: There are no red flags. The request is not medically necessary and appropriate.
        """)
        #expect(d.layout == .notice2013)
        #expect(d.items.count == 2)
        #expect(d.items.map { $0.imrGuideline?.pages ?? [] } == [[16, 17, 18, 19], [303]])
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld])
    }

    // MARK: The reviewer described last; sections numbered "Part 2 -"

    @Test func aReviewerSectionAfterTheItems() {
        for heading in ["REVIEWER", "PART 4 - ABOUT THE REVIEWER", "About the Expert Reviewer:"] {
            let d = parse(Self.head + "CASE SUMMARY\n\n" + Self.summary + """
            DECISIONS AND RATIONALES

            1. Lumbar MRI: Upheld

            MAXIMUS guideline: MTUS ACOEM Practice Guidelines, Chapter 12, page 303.

            Decision rationale: There are no red flags. The request is not medically necessary.

            \(heading)

            The expert reviewer is Board Certified in Family Medicine and is licensed to practice in California.
            """)
            #expect(d.reviewer.specialty?.value == "Family Medicine", "\(heading)")
            #expect(d.items.count == 1, "\(heading)")
        }
    }

    @Test func partsNumberedWithADash() {
        let d = parse(Self.head + """
        PART 1 - WHAT WAS DISPUTED

        (a) Home health aide, 4 hours per day
        (b) Functional restoration program, 2 weeks

        PART 2 - SUMMARY OF THE CLINICAL RECORDS

        \(Self.summary)
        PART 3 - DECISIONS

        (a) Home health aide, 4 hours per day
            Decision: UPHELD

            Guidelines used by the Expert Reviewer: MTUS Chronic Pain Medical Treatment Guidelines, page 51.

        Explanation: He is not homebound. The request is not medically necessary.

        (b) Functional restoration program, 2 weeks
            Decision: OVERTURNED

            Guidelines used by the Expert Reviewer: MTUS Chronic Pain Medical Treatment Guidelines, pages 30-34.

        Explanation: Every criterion is documented. The request is medically necessary.
        """)
        #expect(d.caseSummary?.value.hasPrefix("The injured worker is a 44 year old") == true)
        #expect(d.items.map(\.title.value) == ["Home health aide, 4 hours per day", "Functional restoration program, 2 weeks"])
        #expect(d.items.map { $0.decision?.value } == [.upheld, .overturned])
    }

    // MARK: Titles lettered or counted; an addendum

    @Test func letteredAndCountedNumberingIsNoPartOfTheTitle() {
        func title(_ s: String) -> String {
            let bytes = Array(s.utf8)
            let lines = LetterLines(bytes)
            return lines.clean(ItemBuilder.titleRange(0..<bytes.count, lines, prefixes: nil))
        }
        #expect(title("A.  Cervical traction") == "Cervical traction")
        #expect(title("(b) Home health aide") == "Home health aide")
        #expect(title("IV. Lumbar MRI") == "Lumbar MRI")
        // "R." is a side, and "e.g." an abbreviation: no numbering.
        #expect(title("R. knee arthroscopy") == "R. knee arthroscopy")
        let counted = Array("Item 2 of 3:  TENS unit, purchase".utf8)
        let lines = LetterLines(counted)
        #expect(lines.clean(ItemBuilder.titleRange(0..<counted.count, lines, prefixes: nil)) == "TENS unit, purchase")
    }

    @Test func anAddendumCorrectsAnItem() {
        func item(_ n: Int, _ title: String, _ decision: String) -> String {
            """
            Item \(n) of 3:  \(title)

            MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): \(110 + n).

            Decision rationale: The guideline's criteria were weighed. The request is\(decision == "Upheld" ? " not" : "") medically necessary.

            Decision: \(decision)


            """
        }
        let d = parse(Self.head + "SUMMARY OF THE CASE\n\n" + Self.summary + "DISPUTED ITEMS, DECISIONS AND RATIONALES\n\n"
                      + item(1, "Chiropractic manipulation, 6 visits", "Overturned") + item(2, "TENS unit, rental", "Upheld")
                      + item(3, "Compounded cream, 180 grams", "Upheld") + """
        ADDENDUM TO FINAL DETERMINATION LETTER

        This addendum corrects a clerical error. Item 2 should read:

        Item 2 of 3:  TENS unit, purchase

        Decision: Upheld

        The decision and rationale are unchanged.
        """)
        #expect(d.items.map(\.title.value) == ["Chiropractic manipulation, 6 visits", "TENS unit, purchase", "Compounded cream, 180 grams"])
        #expect(d.items.map { $0.imrGuideline?.pages ?? [] } == [[111], [112], [113]])
        #expect(d.warnings.contains { $0.contains("restated later") })
    }
}
