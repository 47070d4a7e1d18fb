import Testing
@testable import IMRParse

/// What real 2014–2021 notices do as text pulled out of PDFs, and what letters varied in form showed
/// (issue #20, eleventh session): ligatures, no-break spaces, soft hyphens; a header given column by
/// column; an item's verdict next to every page break; "Non-MTUS" / "Citation:" cut at a line's end;
/// the reviewer described under the last item; "PART 3 - DECISION"; "Item 1 of 2:" under a table of
/// decisions. Each test is a small letter of its own, read through `LetterParser`.
@Suite struct LetterEleventhRoundTests: LetterSuite {
    static let referenceYear = 2019

    static let head = "IMR Case Number: CM19-0000003   Date of Injury: 03/04/2017\n\n"
    static let summary = "CLINICAL CASE SUMMARY\n\nThe injured worker is a 44 year old male mechanic with neck pain since lifting an engine part.\n\n"

    // MARK: Characters of PDF text

    @Test func ligaturesAndNoBreakSpacesAreReadAsPlainLetters() throws {
        let text = Self.head + Self.summary + """
        IMR DECISION(S) AND RATIONALE(S)

        Cervical traction unit, ﬁrst month: Upheld

        Claims Administrator guideline: Decision based on MTUS ACOEM, Chapter 8, Page(s):\u{00A0}173.

        MAXIMUS guideline: Decision based on MTUS ACOEM, Chapter 8, Page(s):\u{00A0}173-174; Non-MTUS Citation: Ofﬁcial Disability Guidelines.

        Decision rationale: Traction has no proven beneﬁt for neck pain. The request is not medi\u{00AD}
        cally necessary.

        MEDICAL REVIEWER QUALIFICATIONS

        The reviewer is Board Certiﬁed in Orthopaedic Surgery and is licensed to practice in California.
        """
        let source = SourceText(path: "t", string: text)
        let d = LetterParser.parse(source, referenceYear: 2019)
        let item = try #require(d.items.first)
        #expect(item.title.value == "Cervical traction unit, first month")
        #expect(item.imrGuideline?.pages == [173, 174])
        #expect(item.claimsAdministratorGuideline?.pages == [173])
        #expect(item.imrGuideline?.sources.contains("ODG") == true)
        #expect(item.rationale?.value.hasSuffix("The request is not medically necessary.") == true)
        #expect(d.reviewer.specialty?.value == "Orthopaedic Surgery")
        // Every range points into the letter as written: the title's span gives its ligature back.
        let scalars = Array(text.unicodeScalars)
        let span = source.span(item.title.range)
        #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == "Cervical traction unit, ﬁrst month")
        let r = try #require(item.rationale?.range)
        #expect(source.string(r).hasSuffix("medi\u{00AD}\ncally necessary."))
    }

    @Test func foldingMapsOffsetsBack() throws {
        let bytes = Array("a\u{FB01}b\u{00A0}c\u{200B}d".utf8)
        let source = SourceText(path: "t", bytes: bytes)
        let folded = try #require(source.foldedPrintedForms)
        #expect(String(decoding: folded.bytes, as: UTF8.self) == "afib cd")
        // "fi" (folded 1..<3) is the ligature's three bytes (1..<4); "c" (5) is at 7, after the
        // no-break space's two bytes; "d" (6) at 11, after the zero-width space (8..<11), which
        // neither range takes in.
        #expect(folded.original(1..<3) == 1..<4)
        #expect(folded.original(5..<6) == 7..<8)
        #expect(folded.original(6..<7) == 11..<12)
        #expect(folded.original(2..<3) == 1..<4)
        #expect(folded.original(0..<6) == 0..<8)
        // Plain ASCII text is never copied.
        #expect(SourceText(path: "t", string: "plain text").foldedPrintedForms == nil)
    }

    // MARK: A header given column by column

    @Test func headerLabelsThenValues() {
        let d = parse("""
        Independent Medical Review

        Case Number:
        Date of Injury:
        Final Determination Date:
        CM20-0117342
        08/14/2018
        07/09/2020

        """ + Self.summary + """
        IMR DECISION(S) AND RATIONALE(S)

        Cervical MRI: Overturned

        MAXIMUS guideline: Decision based on MTUS ACOEM, Chapter 8, Page(s): 177.

        Decision rationale: The worker has a dermatomal deficit. The request is medically necessary.
        """)
        #expect(d.letterDate?.value.iso == "2020-07-09")
        #expect(d.patient.injuryDate?.value.iso == "2018-08-14")
    }

    // MARK: Verdicts and page furniture

    @Test func aVerdictNextToEveryPageBreakIsNoRunningFooter() {
        var text = Self.head + Self.summary + "IMR DECISION(S) AND RATIONALE(S)\n\n"
        for (k, title) in ["Massage therapy, 12 sessions", "Chiropractic care, 12 visits"].enumerated() {
            text += """
            Issue No. \(k + 1): \(title)

            MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 58-60.

            Rationale: The guideline allows a short trial only, and the records show no functional gain.

            FINAL DECISION: UPHELD

                                              Page \(k + 2) of 4
            IMR Case Number: CM19-0000003


            """
        }
        let d = parse(text)
        #expect(d.items.map { $0.decision?.value } == [.upheld, .upheld])
    }

    @Test func nonMTUSCitationCutAtALineEndIsNoLabel() {
        let d = parse(Self.head + Self.summary + """
        IMR ISSUES, DECISIONS AND RATIONALES

        Urine drug screen: Overturned

        Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Drug testing Page(s): 43.

        MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Drug testing Page(s): 43. Non-MTUS
        Citation: ODG Pain (Chronic), Urine drug testing.

        Decision rationale: The worker is at moderate risk on opioids. The request is medically necessary.
        """)
        #expect(d.items.count == 1)
        #expect(d.items.first?.imrGuideline?.sources == ["MTUS", "Non-MTUS", "ODG"])
        #expect(d.items.first?.imrGuideline?.pages == [43])
    }

    // MARK: Sections

    @Test func theReviewerDescribedLastIsNoPartOfTheLastRationale() throws {
        let d = parse(Self.head + """
        PART 1 - SUMMARY OF THE CLINICAL RECORDS

        The injured worker is a 49 year old male carpenter with chronic low back pain.

        PART 2 - DECISION

        (a) Home health aide, 4 hours per day
            Decision: UPHELD

            Guidelines used by the Expert Reviewer: MTUS Chronic Pain Medical Treatment Guidelines, Home health services, page 51.

        Explanation: He is not homebound. The request is not medically necessary.

        PART 3 - ABOUT THE REVIEWER

        The expert reviewer is Board Certified in Family Medicine and is licensed to practice in California.
        """)
        let item = try #require(d.items.first)
        #expect(d.items.count == 1)
        #expect(item.rationale?.value == "He is not homebound. The request is not medically necessary.")
        #expect(d.reviewer.specialty?.value == "Family Medicine")
    }

    @Test func detailsNumberedAgainUnderATableOfDecisions() {
        let d = parse(Self.head + Self.summary + """
        DETERMINATIONS

        Treatment Requested                       Decision
        Cervical MRI without contrast             Overturned
        Tramadol ER 100 mg #30                    Upheld

        Item 1 of 2: Cervical MRI without contrast
        Determination: Overturned
        Guidelines relied upon: MTUS ACOEM, Chapter 8, pages 177-178.
        Reasons: The worker has a dermatomal deficit. The request is medically necessary.

        Item 2 of 2: Tramadol ER 100 mg #30
        Determination: Upheld
        Guidelines relied upon: MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.
        Reasons: No functional benefit is documented. The request is not medically necessary.
        """)
        #expect(d.items.map(\.title.value) == ["Cervical MRI without contrast", "Tramadol ER 100 mg #30"])
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld])
        #expect(d.items.map { $0.imrGuideline?.pages.first } == [177, 76])
    }
}
