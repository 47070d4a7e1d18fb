import Testing
import IMRParse
@testable import GuidelineRules

/// Requests written in a note, in the words offices use, as `predict NOTE` finds them.
@Suite struct RequestFinderTests {
    static let analyzer: Analyzer? = RuleTestSupport.projectBook.map { Analyzer(book: $0) }

    func find(_ s: String) -> [String] {
        Self.analyzer?.findRequests(in: SourceText(path: "note", string: s)).map { "\($0.treatment): \($0.text)" } ?? ["no rules"]
    }

    @Test func everyWayOfAsking() {
        #expect(find("I am requesting an MRI of the lumbar spine. Follow up in 4 weeks.") == ["mri: MRI of the lumbar spine"])
        #expect(find("Plan: Request lumbar ESI L4-5.") == ["epidural_steroid_injection: lumbar ESI L4-5"])
        #expect(find("We will request authorization for 12 additional physical therapy visits.")
                == ["physical_therapy: 12 additional physical therapy visits"])
        // An order word stays in the request: it says what is asked (continue, refill, start).
        #expect(find("Continue Norco 10/325 #90.") == ["opioid: Continue Norco 10/325 #90"])
        #expect(find("Plan: Start nortriptyline 25 mg at bedtime #30.") == ["antidepressant: Start nortriptyline 25 mg at bedtime #30"])
        #expect(find("RFA submitted for acupuncture 1x/wk x 6 wks.") == ["acupuncture: acupuncture 1x/wk x 6 wks"])
        #expect(find("I recommend a right stellate ganglion block.") == ["sympathetic_block: right stellate ganglion block"])
    }

    @Test func notNowUntilAskedAnew() {
        // A discussion defers what follows, until an ask word asks anew; a condition covers its ask words too.
        #expect(find("Plan: we discussed the options and I will submit an RFA for left shoulder arthroscopy with subacromial decompression.")
                == ["surgery_shoulder: left shoulder arthroscopy with subacromial decompression"])
        #expect(find("Plan: if she fails therapy we will request an epidural steroid injection.").isEmpty)
        #expect(find("We discussed an epidural steroid injection; she declined.").isEmpty)
        // "Please authorize" asks ("authorized" alone is no longer a deferring word; "as authorized" is).
        #expect(find("Please authorize continued chiropractic manipulation 1 time per week for 6 weeks.")
                == ["chiropractic_manipulation: continued chiropractic manipulation 1 time per week for 6 weeks"])
    }

    /// "with a pain psychologist" says who gives the evaluation; named alone, the psychologist's sessions are asked for.
    @Test func providerIsNotAnotherTreatment() {
        #expect(find("Plan: Psychological evaluation and testing with a pain psychologist.")
                == ["psychological_evaluation: Psychological evaluation and testing with a pain psychologist"])
        #expect(find("Plan: Pain psychologist, 6 sessions.") == ["psychotherapy: Pain psychologist, 6 sessions"])
    }

    /// Another author's quoted words ask for nothing; a request the note quotes still does.
    @Test func quotedWords() {
        #expect(find("X-ray (radiology): \"Height loss L1. Recommend CT for further evaluation.\"").isEmpty)
        #expect(find("The RFA of 3/25/2015 requested \"Home health aide 4 hours per day, 3 days per week\".")
                == ["home_health_care: Home health aide 4 hours per day, 3 days per week"])
    }

    @Test func everyLineOfAPlanAsks() {
        let note = """
        A: Lumbar radiculopathy.
        P:
        1. PT 2x6 lumbar spine
        2. Refill Norco 10/325 #90 and Soma 350 mg #60
        3. RTC 4 weeks
        """
        #expect(find(note) == ["physical_therapy: PT 2x6 lumbar spine", "opioid: Refill Norco 10/325 #90", "muscle_relaxant: Soma 350 mg #60"])
    }

    /// Headings in a template's own words open the plan; a plan's line asks for what it names, not what
    /// it talks about; the writer's "we will continue" asks anywhere.
    @Test func plansInATemplatesOwnWords() {
        let note = """
        Assessment: lumbar strain, paresthesias of uncertain cause.

        Recommendations / Plan:
        1. EMG of the left lower extremity; symptoms for a month despite PT.
        2. Pt wants to proceed. Follow up with the EMG results.
        """
        #expect(find(note) == ["electrodiagnostic_study: EMG of the left lower extremity"])
        #expect(find("Plan we discussed the risks. We will continue Norco 10/325 #120 for 30 days.")
                == ["opioid: continue Norco 10/325 #120 for 30 days"])
        #expect(find("Clinic\nPENDING REQUESTS (from the RFA of 1/25/2016)\n1. Psychological evaluation with a pain psychologist\n")
                == ["psychological_evaluation: Psychological evaluation with a pain psychologist"])
    }

    @Test func aListAfterAnAskingSentence() {
        let note = "I therefore ask that the following be authorized:\n1. Naproxen 500 mg twice daily #60\n2. Omeprazole 20 mg daily #30\n\nShe is stable."
        #expect(find(note) == ["nsaid: Naproxen 500 mg twice daily #60", "proton_pump_inhibitor: Omeprazole 20 mg daily #30"])
    }

    @Test func whatIsNotARequest() {
        #expect(find("She had an L4-5 ESI in 2013 with good relief.").isEmpty)
        #expect(find("Plan: No repeat injection at this time.").isEmpty)
        #expect(find("Plan: If she fails therapy we will consider an epidural steroid injection.").isEmpty)
        #expect(find("[ ] Physical therapy   [X] Home exercise").isEmpty)
        #expect(find("PT was authorized for 6 visits and she started yesterday.").isEmpty)
        #expect(find("Physician narrative, attachment to DWC Form RFA.").isEmpty)
        // What another party authorized or asked for is reported, not asked.
        #expect(find("Date: 10/02/2019 Session 4 of 4 authorized (CBT for chronic pain)").isEmpty)
        #expect(find("He completed a psychology evaluation on 03/15/2021 documenting fear-avoidance and recommending CBT.").isEmpty)
        #expect(find("The patient requested acupuncture at the last visit.").isEmpty)
    }

    @Test func aProblemListsPlanAsks() {
        #expect(find("Assessment and Plan:\n1. Lumbar radiculopathy - lumbar ESI L5-S1.\n2. Myofascial pain - PT 2x4.")
                == ["epidural_steroid_injection: Lumbar radiculopathy - lumbar ESI L5-S1", "physical_therapy: Myofascial pain - PT 2x4"])
        // The same lines under an assessment alone are diagnoses.
        #expect(find("Assessment:\n1. Lumbar radiculopathy, status post lumbar ESI L5-S1.").isEmpty)
    }

    @Test func sessionsOfTheTreatmentNamedBefore() {
        #expect(find("She completed six acupuncture sessions in January, and her sitting tolerance doubled. She takes Norco 5/325 at night only. I am requesting six further sessions, once weekly for six weeks, after which she will continue her home program.")
                == ["acupuncture: acupuncture sessions: six further sessions, once weekly for six weeks"])
        // Nothing named with the sessions before: nothing to ask for.
        #expect(find("Her pain is better. I am requesting six further sessions.").isEmpty)
    }

    /// A problem list names conditions by the joint a treatment is named by; what a patient is on is a state.
    @Test func conditionsAndStatesAreNotOrders() {
        #expect(find("Assessment and Plan:\nLeft facet joint syndrome, stable.").isEmpty)
        #expect(find("A&P:\nChronic neck pain, on long-term opioid therapy with good documented benefit.").isEmpty)
        #expect(find("A&P:\nRefill Norco 10/325 #90.") == ["opioid: Refill Norco 10/325 #90"])
    }

    /// In a sentence, the words before an ask are another clause: its "for" opens no purpose of the request.
    @Test func treatmentsNamedBeforeTheAskAreAnotherClause() {
        #expect(find("Ibuprofen and heat have not settled it, so I am asking for authorization of cyclobenzaprine 5 mg #10.")
                == ["muscle_relaxant: cyclobenzaprine 5 mg #10"])
        // In a title, "for" still opens the purpose: the ESI is what the sedation is for, not a second request.
        #expect(find("Request: IV sedation for the lumbar ESI.").count <= 1)
    }

    @Test func participlesTheWriterSays() {
        #expect(find("I am also requesting acupuncture 1x/wk x 6 wks.") == ["acupuncture: acupuncture 1x/wk x 6 wks"])
        #expect(find("I would appreciate reconsideration of the requested bilateral L4-5 facet joint injections.")
                == ["facet_joint_injection: bilateral L4-5 facet joint injections"])
        #expect(find("Authorization requested for a functional restoration program, initial 10 days.")
                == ["functional_restoration_program: functional restoration program, initial 10 days"])
        #expect(find("I therefore ask that the following be authorized:\n1. Naproxen 500 mg twice daily #60")
                == ["nsaid: Naproxen 500 mg twice daily #60"])
    }

    @Test func theMedicationListGivesTheStrength() {
        let note = "Current medications:\nNorco 10/325 mg 1 q6h prn\nPlan:\nContinue Norco.\n"
        #expect(find(note) == ["opioid: Continue Norco — Norco 10/325 mg 1 q6h prn"])
        // A pain score is no strength, and "the" of "CT of the lumbar spine" names no drug.
        let ct = "History: pain since the fall, 7/10, with numbness.\nPlan:\n1. CT of the lumbar spine without contrast.\n"
        #expect(find(ct) == ["ct_scan: CT of the lumbar spine without contrast"])
    }

    @Test func rangesPointIntoTheText() throws {
        let text = SourceText(path: "note", string: "History.\nWe are requesting the Norco 10/325 #90.\n")
        let found = try #require(Self.analyzer).findRequests(in: text)
        #expect(found.map { text.string($0.range) } == ["Norco 10/325 #90"])
    }

    /// A request whose text grew from the medication list still points its evidence into the note.
    @Test func evidenceOfAGrownRequestStaysInTheNote() throws {
        let analyzer = try #require(Self.analyzer)
        let text = SourceText(path: "note", string: "Current medications:\nNorco 10/325 mg 1 q6h prn #120 with tramadol 50 mg and Soma 350 mg\nPlan:\nContinue Norco.\n")
        for found in analyzer.findRequests(in: text) {
            var context = CaseContext()
            context.requestRange = found.range
            let p = analyzer.predict(found.text, source: text, regions: [0..<text.bytes.count], context: context)
            for r in p.assessment?.results ?? [] {
                for e in r.evidence where e.how != .request && e.how != .given {
                    #expect(e.range.upperBound <= text.bytes.count, "\(r.criterion.id): \(e.range)")
                }
            }
        }
    }

    /// What goes on beside a request, the patient's own therapist and "pt" the patient are no parts of it;
    /// a prescription "written for" asks; a claiming word after the purpose claims nothing.
    @Test func onlyWhatIsAskedIsTheRequest() {
        func components(_ title: String) -> [String] { Self.analyzer?.parseRequest(title).components ?? ["no rules"] }
        #expect(components("R shoulder arthroscopy with rotator cuff repair - pt understands risks, wishes to proceed") == ["surgery_shoulder"])
        #expect(components("Right stellate ganglion block, timed to allow her hand therapist to work with her afterwards") == ["sympathetic_block"])
        #expect(components("Massage therapy x4 sessions, adjunct to his exercise program, coordinated with his remaining PT visits")
                == ["massage_therapy"])
        #expect(find("I have written for Lidoderm 5% patch, apply to the right wrist 12 hours on and 12 hours off, #30.")
                .map { $0.components(separatedBy: ":")[0] } == ["topical_analgesic"])
        #expect(find("Plan: Follow-up office visit in 4 weeks to assess patch response.")
                .map { $0.components(separatedBy: ":")[0] } == ["office_visit"])
    }

    /// A list numbered by letters asks item by item after "I request:"; a signature's credentials and the
    /// document's title ask nothing; visits asked with no treatment named are the document's discipline's.
    @Test func listsSignaturesAndTitles() {
        let future = """
        FUTURE MEDICAL CARE: Specifically, at this time I request:
        a) Follow-up visits every 6 to 8 weeks for medication management.
        b) A one-year gym membership so she can use a stationary bike through the winter.
        """
        #expect(find(future).map { $0.components(separatedBy: ":")[0] } == ["office_visit", "gym_membership"])
        let report = """
        OUTPATIENT ORTHOPEDIC PHYSICAL THERAPY -- PROGRESS REPORT / REQUEST FOR ADDITIONAL VISITS

        Assessment: good progress after the repair.

        Plan / Request: Requesting authorization for 12 additional visits (2x/week x 6 weeks) for progressive cuff strengthening, with transition to an independent gym-based program at discharge.

        Thank you,
        Lena Matsuda, PT, DPT, OCS
        """
        let found = find(report)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("physical_therapy: ") == true)
        #expect(find("REQUEST FOR HOME HEALTH SERVICES - POST-OPERATIVE\nRequests:\n1. Home health aide 4 hours per day, 3 days per week.\n")
                == ["home_health_care: Home health aide 4 hours per day, 3 days per week"])
    }

    /// A drug request with a count but no strength takes the strength the medication list gives; a
    /// request for visits takes nothing from a date that looks like a fraction.
    @Test func aCountWithoutAStrengthTakesTheListsStrength() {
        let note = "Current medications:\nOxycodone IR 15 mg 1 PO q4h prn\nPlan:\nOxycodone IR reduced to 4/day, #120.\n"
        #expect(find(note) == ["opioid: Oxycodone IR reduced to 4/day, #120 — Oxycodone IR 15 mg 1 PO q4h prn"])
        let visits = "She went home on 10/14 after the fusion.\nPlan:\nHome health skilled nursing visits 3x/week x 4 weeks.\n"
        #expect(find(visits) == ["home_health_care: Home health skilled nursing visits 3x/week x 4 weeks"])
    }

    /// A request given with its note (`predict NOTE --request TEXT`) that names no treatment is read as the
    /// note reads it; one that names its treatment, or that the note does not make, is left as given.
    @Test func aGivenRequestIsReadAsItsNoteReadsIt() throws {
        let analyzer = try #require(Self.analyzer)
        let note = SourceText(path: "note", string: """
        Neck pain follow-up.

        She has completed six acupuncture sessions with less neck pain and better sleep. \
        I am requesting six further sessions, once weekly for six weeks.
        """)
        #expect(analyzer.requestInContext("I am requesting six further sessions, once weekly for six weeks", of: note)
                .hasSuffix(": I am requesting six further sessions, once weekly for six weeks"))
        let read = analyzer.parseRequest(analyzer.requestInContext("six further sessions, once weekly for six weeks", of: note))
        #expect(read.families == ["acupuncture"])
        #expect(analyzer.requestInContext("Acupuncture x6", of: note) == "Acupuncture x6")
        #expect(analyzer.requestInContext("twelve more visits", of: note) == "twelve more visits")
    }
}
