import Testing
@testable import IMRParse

/// What the fourteenth round of blind letters (w58) showed the reader did not yet do (issue #20):
/// a title given under a label that only says it was requested ("Requested:"); items asked as
/// numbered questions ("Question 1. Is … medically necessary?") and answered yes or no; a summary
/// under a heading whose words read as a lead-in ("THE REVIEWER'S SUMMARY OF THE RECORDS"); a
/// summary label that says how the summary was made, its text on the same line; paragraphs that
/// name their items by key ("Request A.") under a list of those keys, with citations keyed so at the
/// end; two items under one header and one rationale ("Items 1 and 2: …; …"). Each test is a
/// small letter of its own, read through `LetterParser`.
@Suite struct LetterW58Tests: LetterSuite {
    static let referenceYear = 2020

    // MARK: What was requested is the item

    /// "Requested:" alone as a field label, in blocks under headings that give no title: the value
    /// is the item's title. Before, every item was read without a title.
    @Test func requestedLabelGivesTheTitle() throws {
        let d = parse("""
        Independent Medical Review - Final Determination

        Case: CM18-0076543      Injury date: 08/14/2016

        The reviewer is Board Certified in Family Medicine and licensed in California.

        First service in dispute

        Requested:    Tramadol ER 100mg #30
        Outcome:      Overturned
        Guideline relied upon: MTUS Chronic Pain Medical Treatment Guidelines, Tramadol, page 113.
        Reasoning: He reports 40% less pain and walks daily on this dose. The request is medically necessary.

        Second service in dispute

        Requested:    Lumbar support brace
        Outcome:      Upheld
        Guideline relied upon: MTUS ACOEM Practice Guidelines, Chapter 12, page 301.
        Reasoning: Lumbar supports have no lasting benefit beyond the acute phase. The request is not medically necessary.
        """)
        #expect(d.items.map(\.title.value) == ["Tramadol ER 100mg #30", "Lumbar support brace"])
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld])
        #expect(d.items.map { $0.imrGuideline?.pages ?? [] } == [[113], [301]])
    }

    /// "Requested by:" names a person, not an item.
    @Test func requestedByIsNoTitleLabel() {
        let lines = LetterLines(Array("Requested by: Dr. Alvarez, orthopedics".utf8))
        #expect(LabelMeaning.read(lines, line: 0, from: 0) == nil)
        let title = LetterLines(Array("Requested: Knee brace".utf8))
        #expect(LabelMeaning.read(title, line: 0, from: 0)?.meaning == .title)
    }

    // MARK: Questions numbered by a word, answered yes or no

    /// "Query 1:" and "Query 2:" before "Are … medically necessary?": one item each, titled by what
    /// the question asks about; "Yes." or "No," under it is the decision (yes overturns the denial).
    /// Before, no item had a title or a decision.
    @Test func numberedQuestionsAnsweredYesOrNo() throws {
        let d = parse("""
        MAXIMUS Federal Services
        Independent Medical Review - Final Determination

        IMR Case Number: CM17-0020304      Date of Injury: 05/06/2015

        A physician Board Certified in Internal Medicine reviewed the file.

        Medical history

        The injured worker is a 55 year old male mechanic with knee pain since 2015.

        Issues decided

        Query 1: Are eight sessions of aquatic therapy medically necessary?

        Yes.
        Guidelines applied: MTUS Chronic Pain Medical Treatment Guidelines, Aquatic therapy, page 22.
        Explanation: He is obese and cannot bear weight for land exercise.

        Query 2: Is a motorized scooter medically necessary?

        No, the guideline does not support it.
        Guidelines applied: MTUS Chronic Pain Medical Treatment Guidelines, Power mobility devices, page 99.
        Explanation: He walks a block with a cane.
        """)
        #expect(d.items.map(\.title.value) == ["eight sessions of aquatic therapy", "a motorized scooter"])
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld])
    }

    /// The answer under an "Answer:" label.
    @Test func answerLabelGivesTheDecision() throws {
        let d = parse("""
        Independent Medical Review - Final Determination

        Case Number: CM16-0098765      Date of Injury: 01/02/2014

        Issues

        Question 3) Is a home TENS unit, purchase, medically necessary?
        Answer: No.
        Guideline: MTUS Chronic Pain Medical Treatment Guidelines, TENS, pages 114-116.
        Reasoning: No one-month trial is documented.
        """)
        let item = try #require(d.items.first)
        #expect(item.title.value == "a home TENS unit, purchase")
        #expect(item.decision?.value == .upheld)
        #expect(item.imrGuideline?.pages == [114, 115, 116])
    }

    // MARK: Case summaries

    /// A heading whose words are a lead-in's ("A Summary of the Medical Records") over the summary:
    /// the summary starts on the line below it, not after the summary's first sentence.
    /// ("A" opens no heading's words, so only the lead-in's words find the summary.)
    @Test func summaryUnderALeadInHeading() throws {
        let d = parse("""
        Independent Medical Review Determination      CM19-0102938

        A Summary of the Medical Records

        The claimant is a 62 year old retired welder. He injured his right shoulder lifting a pipe on 04/04/2017 and has had pain since.

        Item 1: Right shoulder MRI
        Decision: Upheld
        Guideline: MTUS ACOEM Practice Guidelines, Chapter 9, page 207.
        Rationale: No red flag is documented.
        """)
        #expect(d.caseSummary?.value.hasPrefix("The claimant is a 62 year old retired welder.") == true)
    }

    /// "Clinical synopsis summary prepared from the submitted file: The claimant is …" — a summary
    /// label whose words go on to say how it was made, the summary on the same line.
    @Test func summaryLabelThatSaysHowItWasMade() throws {
        let d = parse("""
        IMR Final Determination      CM18-0033221

        Clinical summary compiled by the physician reviewer from all records received: The claimant is a 39-year-old female nurse who hurt her neck lifting a patient on 02/02/2016. She has neck pain with no arm symptoms.

        Item 1: Cervical pillow
        Decision: Upheld
        Guideline: Official Disability Guidelines (ODG), Neck and Upper Back chapter, Pillow.
        Rationale: A pillow is recommended only with an exercise program, which is not documented.
        """)
        #expect(d.caseSummary?.value.hasPrefix("The claimant is a 39-year-old female nurse") == true)
        #expect(d.caseSummary?.value.contains("Item 1") == false)
    }

    // MARK: Items named by their key

    /// Paragraphs that open "Item B. …" and end with the decision, under a list "A) …" / "B) …"
    /// given before them, with a block of citations keyed "Item A: …" under a heading of its own
    /// at the end: each paragraph is the item of its key, titled by the list, its guideline the
    /// block's entry of that key. Before, the titles were the paragraphs' prose and the whole block
    /// went to the last item.
    @Test func paragraphsNamedByKeyTitledByTheList() throws {
        let d = parse("""
        Independent Medical Review - Final Determination

        Case Number: CM20-0011122      Date of Injury: 06/07/2019

        Services in dispute:
          A) Chiropractic manipulation, 6 visits, cervical spine
          B) Ketorolac injection
          C) Home exercise kit purchase

        Clinical background

        The injured worker is a 51-year-old male electrician with neck pain after a fall from a ladder.

        Review

        Item A. Manipulation is an option for neck pain with a trial of six visits and objective gains before more are given. No visit has been given yet and function is limited. The manipulation is medically necessary. Determination: Overturned.

        Item B. Injectable ketorolac is for acute severe pain only, not for chronic neck pain of a year. The injection is not medically necessary. Determination: Upheld.

        Item C. Exercise is recommended, but no equipment beyond a home program is needed. The kit is not medically necessary. Determination: Upheld.

        Guidelines cited

        Item A: MTUS ACOEM Practice Guidelines, Chapter 8, page 173.
        Item B: Official Disability Guidelines (ODG), Pain Chapter, Ketorolac.
        Item C: MTUS Chronic Pain Medical Treatment Guidelines, Exercise, pages 46-47.
        """)
        #expect(d.items.map(\.title.value) == ["Chiropractic manipulation, 6 visits, cervical spine", "Ketorolac injection", "Home exercise kit purchase"])
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld, .upheld])
        #expect(d.items.map { $0.imrGuideline?.sources ?? [] } == [["MTUS", "ACOEM"], ["ODG"], ["MTUS"]])
        #expect(d.items.map { $0.imrGuideline?.pages ?? [] } == [[173], [], [46, 47]])
        #expect(d.items.first?.rationale?.value.hasPrefix("Manipulation is an option") == true)
    }

    /// "Request A." and "Item B:" carry their item's number as a letter; "Issue I" is a roman one.
    @Test func lettersAfterTheWordAreItemNumbers() {
        func number(_ s: String) -> Int? { let b = Array(s.utf8); return ItemHeaders.itemNumber(b, 0..<b.count)?.number }
        #expect(number("Request A. The MTUS supports it.") == 1)
        #expect(number("Item B: ODG, Knee chapter") == 2)
        #expect(number("Issue I: Lumbar MRI") == nil)
    }

    // MARK: Two items under one rationale

    /// "Items 1 and 2: <title>; <title>" over one guideline and one rationale that gives each its
    /// decision by number ("Outcome for Item 1: Overturned. Outcome for Item 2: Upheld."): two
    /// records with the shared guideline and rationale, each its own title and decision. Before, the
    /// header was one item without a decision, and the rationale an item of its own.
    @Test func oneRationaleForTwoItems() throws {
        let d = parse("""
        Independent Medical Review - Final Determination

        Case Number: CM19-0055443      Date of Injury: 03/03/2017

        Clinical background

        The injured worker is a 63-year-old female cook with arthritis of both knees.

        DECISIONS AND REASONS

        Items 1 and 2: Hyaluronic acid injection, left knee; Hyaluronic acid injection, right knee
        Guideline: Official Disability Guidelines (ODG), Knee & Leg chapter, Hyaluronic acid injections.
        Both knees were injected in one visit and one rationale answers both. The left knee has severe arthritis on x-ray and failed a steroid injection, which the guideline requires. The right knee has mild findings and no steroid injection yet. Outcome for Item 1: Overturned. Outcome for Item 2: Upheld.

        Item 3: Naproxen 500mg #60
        Decision: Overturned
        Guideline: MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, page 67.
        Rationale: Naproxen at the lowest dose for the shortest time is recommended for arthritis pain. It is medically necessary.
        """)
        #expect(d.items.map(\.title.value) == ["Hyaluronic acid injection, left knee", "Hyaluronic acid injection, right knee", "Naproxen 500mg #60"])
        #expect(d.items.map { $0.decision?.value } == [.overturned, .upheld, .overturned])
        #expect(d.items.map { $0.imrGuideline?.sources ?? [] } == [["ODG"], ["ODG"], ["MTUS"]])
        #expect(d.items.first?.rationale?.value.hasPrefix("Both knees were injected") == true)
        #expect(d.items.first?.rationale?.value.hasSuffix("no steroid injection yet.") == true)
    }
}
