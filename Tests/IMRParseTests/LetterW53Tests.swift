import Testing
@testable import IMRParse

/// What the thirteenth round of blind letters (w53) showed the reader did not yet do (issue #20):
/// field labels standing alone as Title Case headings ("Determination", "Disputed Service"); items
/// numbered in roman numerals over a rationale in prose; the reviewer's guideline named only in the
/// rationale's sentences; items told in paragraphs opened by "With respect to <title>,"; an item
/// named only in the sentence that decides it; "Medical necessity determination:"; a case summary
/// quoted inside a rationale, or found under a heading or a table row read into it; a specialty
/// label whose value is one sentence. Each test is a small letter of its own, read through
/// `LetterParser` or the part that reads it.
@Suite struct LetterW53Tests: LetterSuite {
    static let referenceYear = 2020

    // MARK: Labels alone on their lines

    /// "Disputed Service" and "Determination" as headings without a colon, each over the paragraph that
    /// is its value (a title; a decision word first), with "Guidelines Relied Upon" and "Rationale"
    /// headings after them. Before, no item was read and the letter was read whole as a narrative.
    @Test func decisionAndTitleLabelsAloneOnTheirLines() throws {
        let d = parse("""
        Independent Medical Review - Final Determination

        Case Number: CM16-0044556
        Date Of Injury: 02/03/2014

        Reviewer Credentials

        Specialty Board: Orthopaedic Surgery. Subspecialty: Sports Medicine. Licensure: California.

        Disputed Service

        Left knee arthroscopy with partial medial meniscectomy and
        chondroplasty of the medial femoral condyle

        Determination

        Upheld. The Claims Administrator's non-certification is affirmed.

        Guidelines Relied Upon

        MTUS ACOEM Practice Guidelines, Chapter 13 Knee Complaints, pages 344-345.

        Rationale For Decision

        The reviewer summarized the records as follows:

        "The patient is a 58-year-old warehouse clerk with knee pain since a twisting injury. Imaging shows degenerative tearing."

        Arthroscopic partial meniscectomy is not recommended for degenerative tears in an arthritic knee. The surgery is not medically necessary.

        Appeal Rights

        This determination is final unless appealed within 30 days.
        """)
        #expect(d.items.count == 1)
        let item = try #require(d.items.first)
        #expect(item.title.value.hasPrefix("Left knee arthroscopy"))
        #expect(item.title.value.hasSuffix("medial femoral condyle"))
        #expect(item.decision?.value == .upheld)
        #expect(item.imrGuideline?.pages == [344, 345])
        #expect(d.caseSummary?.value.hasPrefix("The patient is a 58-year-old warehouse clerk") == true)
        #expect(d.caseSummary?.value.hasSuffix("degenerative tearing.") == true)
        #expect(d.reviewer.specialty?.value == "Orthopaedic Surgery")
    }

    // MARK: Roman numerals and guidelines named in prose

    /// "I." and "II." before titles alone on their lines, each over a paragraph that names the
    /// guideline it applies and a finding: two items, the guideline read from the sentences that name
    /// a body (the others not read for pages). Before, no item was read.
    @Test func romanNumberedTitlesOverProse() throws {
        let d = parse("""
        INDEPENDENT MEDICAL REVIEW
        FINAL DETERMINATION

        Case: CM17-0102030    Injury date: 4/5/2016

        PART A.  THE REVIEWER

        A physician Board Certified in Physical Medicine and Rehabilitation, licensed in California, reviewed the file.

        PART B.  ISSUES DECIDED

        I.   Lumbar MRI without contrast

        The Official Disability Guidelines (ODG, Low Back chapter, MRIs, 2016) support repeat imaging only for a significant change in symptoms. The ACOEM guideline (Chapter 12, page 303) reserves imaging for red flags. Her pain has been stable for 200 days. There is no new deficit.

        FINDING:  Not medically necessary. The denial is UPHELD.

        II.  Naproxen 550mg #60

        The MTUS Chronic Pain Medical Treatment Guidelines (NSAIDs, page 67) recommend NSAIDs at the lowest dose for the shortest period. She reports 40% relief and works full duty.

        FINDING:  Medically necessary. The denial is OVERTURNED.
        """)
        #expect(d.items.count == 2)
        let first = try #require(d.items.first)
        #expect(first.title.value == "Lumbar MRI without contrast")
        #expect(first.decision?.value == .upheld)
        #expect(first.imrGuideline?.sources == ["ODG", "ACOEM"])
        #expect(first.imrGuideline?.pages == [303])
        let second = try #require(d.items.last)
        #expect(second.title.value == "Naproxen 550mg #60")
        #expect(second.decision?.value == .overturned)
        #expect(second.imrGuideline?.sources == ["MTUS"])
        #expect(second.imrGuideline?.pages == [67])
    }

    /// The sentences of a rationale that name a guideline body are its citation; a sentence with a
    /// page number but no body is not.
    @Test func proseGuidelineReadsOnlyTheSentencesThatNameABody() throws {
        let text = "She walked 300 feet, page 4 of the therapy note. The ACOEM guideline (Chapter 11, page 270) supports release. It helps."
        let lines = LetterLines(Array(text.utf8))
        let c = try #require(ProseGuideline.citation(0..<text.utf8.count, lines))
        #expect(c.sources == ["ACOEM"])
        #expect(c.pages == [270])
        let firstSentence = Array(text.utf8).firstIndex(of: 46)! + 1
        #expect(ProseGuideline.citation(0..<firstSentence, lines) == nil)
    }

    // MARK: Paragraphs opened by their item

    /// "With respect to <title>, the reviewer relied on …" paragraphs with no label and no numbering,
    /// each ending in a conclusion: one item each, the title up to the comma before the clause.
    @Test func paragraphsOpenedByWithRespectTo() throws {
        let d = parse("""
        MAXIMUS Federal Services
        California Independent Medical Review

        June 2, 2016

        Re:  IMR Case CM16-0031415     Date of Injury: 01/12/2013

        This is the final determination of your Independent Medical Review. The file was reviewed by a physician Board Certified in Orthopaedic Surgery, licensed in California.

        The employee is a 47 year old female cashier with right shoulder pain since a fall.

        With respect to the right shoulder MRI arthrogram, the reviewer relied on the MTUS ACOEM Practice Guidelines, Chapter 9, pages 207-209, which support imaging when surgery is considered. Surgery is planned. The right shoulder MRI arthrogram is medically necessary.

        With respect to the interferential unit, 30-day rental, the reviewer relied on the MTUS Chronic Pain Medical Treatment Guidelines, page 118, which do not recommend it as an isolated intervention. The interferential unit is not medically necessary.

        This determination is binding on the parties.
        """)
        #expect(d.items.map(\.title.value) == ["right shoulder MRI arthrogram", "interferential unit, 30-day rental"])
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld])
        #expect(d.items.map { $0.imrGuideline?.pages ?? [] } == [[207, 208, 209], [118]])
        #expect(d.reviewer.specialty?.value == "Orthopaedic Surgery")
    }

    // MARK: An item named only in the sentence that decides it

    /// A business letter with no heading and no label: the item is what the reviewer found medically
    /// necessary or not, its guideline the sentences before that name a body.
    @Test func itemNamedByTheFinding() throws {
        let d = parse("""
        MAXIMUS Federal Services, Inc.
        Sacramento, CA

        March 9, 2020

        RE:  Independent Medical Review, Case CM20-0011223
        Date of injury: 07/08/2018

        This letter is the final determination in the Independent Medical Review you requested. The review was performed by a physician who is board certified in Psychiatry, licensed in California.

        The records show that the injured worker is a 38 year old male bus driver with anxiety after an assault at work.

        The reviewer applied the ODG Mental Illness & Stress chapter, Cognitive therapy, which allows up to 13-20 visits with evidence of progress. He has had 24 sessions without measured progress.

        For these reasons, the reviewer found that cognitive behavioral therapy, twelve additional sessions, is not medically necessary, and the utilization review decision is upheld.

        Sincerely,
        """)
        #expect(d.items.count == 1)
        let item = try #require(d.items.first)
        #expect(item.title.value == "cognitive behavioral therapy, twelve additional sessions")
        #expect(item.decision?.value == .upheld)
        #expect(item.imrGuideline?.sources == ["ODG"])
        #expect(d.caseSummary?.value.hasPrefix("The records show that the injured worker is a 38 year old") == true)
        #expect(d.reviewer.specialty?.value == "Psychiatry")
    }

    // MARK: Labels and values

    /// "Medical necessity determination:" is the item's decision field.
    @Test func medicalNecessityDeterminationLabel() throws {
        let d = parse("""
        IMR Final Determination      CM18-0055667

        Expert Reviewer: Internal Medicine, subspecialty Gastroenterology. Licensed in California.

        Clinical Background

        The injured worker is a 50-year-old male driver with reflux on NSAIDs.

        Disputed Treatments

        A.  Omeprazole 20mg #30

        Clinical basis: He is over 65 and takes aspirin with an NSAID.

        Guidelines cited: MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, pages 68-69.

        Medical necessity determination: Omeprazole is medically necessary. Overturned.

        B.  Ranitidine 150mg #60

        Clinical basis: A second acid suppressant duplicates the first.

        Guidelines cited: MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, pages 68-69.

        Medical necessity determination: Ranitidine is not medically necessary. Upheld.
        """)
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld])
        #expect(d.reviewer.specialty?.value == "Internal Medicine")
        #expect(d.reviewer.subspecialty?.value == "Gastroenterology")
    }

    /// A summary found under a heading that reads a table's row and another heading before the
    /// worker's introduction opens at the introduction.
    @Test func summaryOpensWithItsFirstSentence() throws {
        let d = parse("""
        Independent Medical Review Determination

        Case No.  CM16-0120458          Date Of Injury  05/05/2012

        Board Certification: Physical Medicine & Rehabilitation. Licensure: California.

        CLINICAL CASE SUMMARY
        DETERMINATION SUMMARY
        The injured worker is a 45-year-old woman who worked as an assembler and hurt her back.
        Tramadol 50mg #60: Upheld

        Requested Service: Tramadol 50mg #60

        Outcome: Upheld

        Standard Applied: MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.

        Explanation: There is no documented functional improvement. The request is not medically necessary.
        """)
        #expect(d.caseSummary?.value.hasPrefix("The injured worker is a 45-year-old woman") == true)
        #expect(d.reviewer.specialty?.value == "Physical Medicine & Rehabilitation")
    }
}
