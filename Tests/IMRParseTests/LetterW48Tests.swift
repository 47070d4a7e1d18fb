import Testing
@testable import IMRParse

/// What the twelfth round of blind letters (w48) showed the reader did not yet do (issue #20): a
/// one-word heading's word ending a wrapped sentence ("… follows this" / "summary."); items told in
/// paragraphs that open with the title a closing list of results gives them ("Norco 10/325mg #120. The
/// reviewer relied on …"), with a leader of two dots after a long title; the guideline given as a
/// sentence saying what the reviewer relied on; a form's rows with dotted leaders ("Outcome ......
/// UPHELD", "Basis cited by reviewer ...... MTUS …"); "MTUS silent."; a specialty inside a header in
/// two columns; a heading with a note in brackets. Each test is a small letter of its own (or one
/// line), read through `LetterParser` or the part that reads it.
@Suite struct LetterW48Tests: LetterSuite {
    static let referenceYear = 2020

    // MARK: A wrapped sentence's last word is no heading

    /// "… the analysis that follows this" / "summary.": "summary" alone on its line is the sentence's
    /// last word, not the case summary's heading (before, the summary read ". RESULTS" and the items
    /// under ANALYSIS were lost in it).
    @Test func wrappedWordBeforeAFullStopIsNoHeading() throws {
        let d = parse("""
        Final Determination Letter for IMR Case Number CM16-0012345

        Dear Applicant:

        The review is complete. Each result is explained in the analysis that follows this
        summary.

        RESULTS

           1.  Lumbar MRI without contrast                      Upheld
           2.  Tramadol 50mg #60                                Overturned

        CASE SUMMARY

        This 47 year old female packer injured her low back lifting a carton on 3/4/14. She has axial pain only.

        ANALYSIS

        LUMBAR MRI WITHOUT CONTRAST

        Guideline cited by the Claims Administrator: MTUS ACOEM Chapter 12, page 303.

        Guideline cited by the Reviewer: MTUS ACOEM Practice Guidelines, Chapter 12, Low Back Complaints, pages 303-304.

        Reasoning: There are no red flags and no neurologic deficit. The lumbar MRI is not medically necessary.

        TRAMADOL 50MG #60

        Guideline cited by the Claims Administrator: MTUS Chronic Pain Medical Treatment Guidelines, Opioids.

        Guideline cited by the Reviewer: MTUS Chronic Pain Medical Treatment Guidelines, Tramadol, page 113.

        Reasoning: Pain falls from 8/10 to 4/10 and she works full duty. Tramadol 50mg #60 is medically necessary.
        """)
        #expect(d.caseSummary?.value.hasPrefix("This 47 year old female packer") == true)
        #expect(d.items.count == 2)
        let first = try #require(d.items.first)
        #expect(first.decision?.value == .upheld)
        #expect(first.imrGuideline?.pages == [303, 304])
        #expect(d.items.last?.imrGuideline?.pages == [113])
    }

    // MARK: Paragraphs opened by the titles a list gives

    /// A list of results after the details, and each item told in a paragraph that opens with its
    /// title as a sentence: the paragraph is that item's, its first sentence ("The reviewer relied on
    /// …") the reviewer's guideline, the rest the rationale. The list's last row has a leader of two
    /// dots only (a long title). Before, the list's first row was the only item and the second row
    /// its rationale.
    @Test func paragraphsOpenedByListedTitles() throws {
        let d = parse("""
        MAXIMUS Federal Services
        California Independent Medical Review

        March 3, 2015

        RE:  IMR Case Number CM15-0023456
             Date of Injury: 05/06/2010
             Final Determination

        Dear Ms. [redacted]:

        This letter gives you the Final Determination of the Independent Medical Review of two
        treatments your claims administrator denied.

        About the Reviewer

        The reviewer is Board Certified in Family Medicine, is licensed in California, and has no
        ties to the parties.

        Background

        Ms. [redacted] is a 55 year old woman who injured her right shoulder on 05/06/2010 reaching
        overhead as a stocker. She takes ibuprofen and uses a home exercise program.

        Findings and Reasons

        Ibuprofen 600mg #90. The reviewer relied on the MTUS Chronic Pain Medical Treatment
        Guidelines, NSAIDs, pages 67-68. NSAIDs are recommended at the lowest dose for the shortest
        period. She reports better sleep and reaching. The medication is medically necessary, and
        the denial is overturned.

        Shoulder arthroscopy with subacromial decompression. The reviewer relied on the MTUS ACOEM
        Practice Guidelines, 2nd Edition (2004), Chapter 9, page 211, which supports surgery only after
        three to six months of conservative care including an injection. No injection has been tried.
        The surgery is not medically necessary, and the denial is upheld.

        Result

          Ibuprofen 600mg #90 ................................... Overturned
          Shoulder arthroscopy with subacromial decompression .. Upheld

        This determination is final.

        Sincerely,

        MAXIMUS Federal Services
        """)
        #expect(d.items.count == 2)
        let first = try #require(d.items.first)
        #expect(first.title.value == "Ibuprofen 600mg #90")
        #expect(first.decision?.value == .overturned)
        #expect(first.imrGuideline?.sources == ["MTUS"])
        #expect(first.imrGuideline?.pages == [67, 68])
        #expect(first.rationale?.value.hasPrefix("NSAIDs are recommended") == true)
        let second = try #require(d.items.last)
        #expect(second.title.value == "Shoulder arthroscopy with subacromial decompression")
        #expect(second.decision?.value == .upheld)
        #expect(second.imrGuideline?.sources == ["MTUS", "ACOEM"])
        #expect(second.imrGuideline?.pages == [211])
        // The clause that says what the guideline supports is no part of the citation.
        #expect(second.imrGuideline?.text.contains("supports") == false)
        #expect(second.rationale?.value.hasPrefix("No injection has been tried.") == true)
    }

    /// The same paragraphs run together (the text rewrapped): a listed title inside a line, as a
    /// sentence of its own followed by what the reviewer relied on, still opens its item.
    @Test func listedTitlesInsideRunTogetherParagraphs() throws {
        let d = parse("""
        RE:  IMR Case Number CM15-0023456
             Date of Injury: 05/06/2010

        Dear Ms. [redacted]: This letter gives you the Final Determination of the Independent Medical Review.

        Background Ms. [redacted] is a 55 year old woman who injured her right shoulder on 05/06/2010. Findings
        and Reasons Ibuprofen 600mg #90. The reviewer relied on the MTUS Chronic Pain Medical Treatment
        Guidelines, NSAIDs, pages 67-68. NSAIDs are recommended at the lowest dose. The medication is medically
        necessary, and the denial is overturned. Shoulder arthroscopy with subacromial decompression. The
        reviewer relied on the MTUS ACOEM Practice Guidelines, Chapter 9, page 211. No injection has been
        tried. The surgery is not medically necessary, and the denial is upheld.

        Result

          Ibuprofen 600mg #90 ................................... Overturned
          Shoulder arthroscopy with subacromial decompression .. Upheld

        This determination is final. Sincerely, MAXIMUS Federal Services
        """)
        #expect(d.items.count == 2)
        #expect(d.items.first?.imrGuideline?.pages == [67, 68])
        #expect(d.items.first?.rationale?.value.hasPrefix("NSAIDs are recommended") == true)
        #expect(d.items.last?.title.value == "Shoulder arthroscopy with subacromial decompression")
        #expect(d.items.last?.imrGuideline?.pages == [211])
        #expect(d.items.last?.decision?.value == .upheld)
    }

    /// The reliance sentence read alone: the citation after its verb, up to a clause that goes on to
    /// say what the guideline says; nil when the sentence names no guideline body.
    @Test func relianceSentenceCites() throws {
        let text = Array("The reviewer relied on the MTUS ACOEM Practice Guidelines, Chapter 7, page 127, which allows referral. He has diabetes.".utf8)
        let (citation, rationale) = try #require(CitationParser.relianceOpening(text, 0..<text.count))
        #expect(String(decoding: text[citation], as: UTF8.self) == "the MTUS ACOEM Practice Guidelines, Chapter 7, page 127")
        #expect(String(decoding: text[rationale...], as: UTF8.self) == "He has diabetes.")
        let none = Array("The reviewer relied on the records sent. The request is not medically necessary.".utf8)
        #expect(CitationParser.relianceOpening(none, 0..<none.count) == nil)
        let argued = Array("The guideline relied on by the reviewer is long. MTUS page 4.".utf8)
        #expect(CitationParser.relianceOpening(argued, 0..<argued.count) == nil)
    }

    /// A results row whose long title leaves a leader of two dots: the decision after it is the row's.
    @Test func twoDotLeaderEndsARow() throws {
        let row = Array("  X-rays of the lumbar spine with flexion and extension views .. Upheld".utf8)
        let found = try #require(DecisionPhrases.atLineEnd(row, 2..<row.count))
        #expect(found.decision.value == .upheld)
        #expect(String(decoding: row[2..<found.colon], as: UTF8.self) == "X-rays of the lumbar spine with flexion and extension views")
        // Two dots joined to a word are no leader ("etc.. Upheld" is a typo in a sentence).
        let typo = Array("and so on etc.. Upheld".utf8)
        #expect(DecisionPhrases.atLineEnd(typo, 0..<typo.count) == nil)
    }

    // MARK: A form's rows with dotted leaders

    /// "Outcome ...... UPHELD", "Basis cited by claims administrator  ACOEM …", "Basis cited by
    /// reviewer ...... MTUS …": the leader (or a column gap after three words or more) stands for the
    /// label's colon, and a basis that is cited is a guideline. "MTUS silent." names no source.
    @Test func dottedFormRows() throws {
        let d = parse("""
        IMR FINAL DETERMINATION - CM20-0034567                                    Page 1 of 1

        NOTICE OF INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION

        Case:               CM20-0034567
        Injury date:        02/14/2017
        Determination date: 05/11/2020        Reviewer specialty: Orthopaedic Surgery / Sports Medicine

        ISSUES DECIDED
          Issue #1   Knee brace, hinged                          UPHELD
          Issue #2   Physical therapy, eight (8) visits          OVERTURNED

        ISSUE #1 - Knee brace, hinged
          Outcome ............................ UPHELD (not medically necessary)
          Basis cited by claims administrator  ACOEM Knee Disorders, Knee braces
          Basis cited by reviewer ............ MTUS ACOEM Practice Guidelines, Chapter 13, page 340

        Analysis: A brace is recommended for instability or a ligament repair. Neither is described. The request is not medically necessary.

        ISSUE #2 - Physical therapy, eight (8) visits
          Outcome ............................ OVERTURNED (medically necessary)
          Basis cited by claims administrator  MTUS Chronic Pain, Physical medicine
          Basis cited by reviewer ............ MTUS silent. Non-MTUS: ODG Knee & Leg (2019), Physical
                                               medicine treatment

        Analysis: ODG allows 9 visits over 8 weeks after a meniscectomy. Eight visits are within it. The request is medically necessary.

        CLINICAL SUMMARY (prepared by the reviewer from the records)

        This 38-year-old male mechanic twisted his left knee on 02/14/2017 and had a partial meniscectomy in 01/2020.
        """)
        #expect(d.items.count == 2)
        let first = try #require(d.items.first)
        #expect(first.title.value == "Knee brace, hinged")
        #expect(first.decision?.value == .upheld)
        #expect(first.claimsAdministratorGuideline?.sources == ["ACOEM"])
        #expect(first.imrGuideline?.sources == ["MTUS", "ACOEM"])
        #expect(first.imrGuideline?.pages == [340])
        #expect(first.rationale?.value.hasPrefix("A brace is recommended") == true)
        let second = try #require(d.items.last)
        #expect(second.title.value == "Physical therapy, eight (8) visits")
        #expect(second.decision?.value == .overturned)
        #expect(second.imrGuideline?.sources == ["Non-MTUS", "ODG"])
        #expect(second.claimsAdministratorGuideline?.sources == ["MTUS"])
        // The specialty ends with its line in a header in two columns; after " / ", the subspecialty.
        #expect(d.reviewer.specialty?.value == "Orthopaedic Surgery")
        #expect(d.reviewer.subspecialty?.value == "Sports Medicine")
        // A heading with a note in brackets on its line.
        #expect(d.caseSummary?.value.hasPrefix("This 38-year-old male mechanic") == true)
    }

    /// "MTUS silent." and "MTUS silent on this issue." say the MTUS was not used.
    @Test func mtusSilentNamesNoSource() {
        #expect(CitationParser.sources(Array("MTUS silent. Non-MTUS: ODG Pain (Chronic) (2018), Insomnia".utf8)) == ["Non-MTUS", "ODG"])
        #expect(CitationParser.sources(Array("MTUS silent on this issue. Non-MTUS: ODG Mental Illness & Stress".utf8)) == ["Non-MTUS", "ODG"])
        #expect(CitationParser.sources(Array("MTUS Chronic Pain Medical Treatment Guidelines, page 24".utf8)) == ["MTUS"])
    }
}
