import Testing
import IMRParse
@testable import GuidelineRules

/// Request titles → parsed_request: families, bundles, purposes, quantities, levels, dates.
@Suite struct RequestParsingTests {
    static let rules = """
    request_words ask "RFA", "submit", "ask for"
    ancillary "fluoroscopic guidance", "IV sedation", "epidurogram", "contrast dye", "monitored anesthesia care", "supplies"
    fact a bool "a"
      phrases "a"
    treatment epidural_steroid_injection "ESI"
      requests "epidural steroid injection", "ESI", "LESI", "transforaminal", "epidural injection"
      cites "MTUS" page 46
    treatment facet_joint_injection "Facet"
      requests "facet joint injection", "facet injection"
      cites "ODG" page 1
    treatment physical_therapy "PT"
      requests "physical therapy", "PT"
      cites "MTUS" pages 98-99
    treatment referral_consult "Consult"
      requests "re-evaluation", "consultation", "referral"
      cites "ACOEM" page 127
    treatment medial_branch_block "MBB"
      requests "medial branch block"
      cites "ODG" page 1
    treatment opioid "Opioid"
      requests "Norco", "hydrocodone"
      cites "MTUS" page 76
    """

    let analyzer: Analyzer
    init() throws { analyzer = Analyzer(book: try RuleTestSupport.book(Self.rules)) }

    func parse(_ s: String) -> ParsedRequest { analyzer.parseRequest(s, referenceDay: CalendarDay(iso: "2015-06-01")!) }

    @Test func ancillaryPartsFollowTheProcedure() {
        let r = parse("Left L2-3 transforaminal LESI, lumbar epidurogram contrast dye, IV sedation and fluoroscopic guidance")
        #expect(r.components == ["epidural_steroid_injection"])
        #expect(r.levels == ["L2-L3"])
        #expect(r.laterality == "left")
        #expect(r.bodyRegion == "lumbar")
        // A part asked for on its own line serves the procedure it is for.
        #expect(parse("IV sedation for the medial branch blocks").components == ["medial_branch_block"])
        #expect(parse("Fluoroscopic guidance for the lumbar epidural steroid injection").components == ["epidural_steroid_injection"])
        // A treatment before the purpose is the request: "PT for the knee after the arthroscopy".
        #expect(parse("Physical therapy for the knee after arthroscopy").components == ["physical_therapy"])
    }

    @Test func bundleListsEveryFamily() {
        let r = parse("Lumbar ESI (epidural steroid injections) and facet joint injections, L5-S1, times two")
        #expect(r.components == ["epidural_steroid_injection", "facet_joint_injection"])
        #expect(r.quantity == 2)
        #expect(r.levels == ["L5-S1"])
    }

    @Test func purposeIsNotRequested() {
        #expect(parse("Re-evaluation by a pain management specialist for repeat epidural injection").components == ["referral_consult"])
    }

    /// A request given in an office's own sentence (`predict --request`, an RFA line) is read past the
    /// words that ask for it; a purpose after a named treatment still ends it.
    @Test func askingWordsBeforeThePurposeRequestNothing() {
        #expect(parse("Authorization is requested for lumbar ESI at L4-5").components == ["epidural_steroid_injection"])
        #expect(parse("We will submit a request for Norco 10/325 #90").components == ["opioid"])
        #expect(parse("RFA sent for a right L5-S1 facet injection").components == ["facet_joint_injection"])
        #expect(parse("and ask for authorization to repeat the right L5-S1 transforaminal ESI").components == ["epidural_steroid_injection"])
        // Here "referral" is the consult family's own phrase: the referral is what is requested.
        #expect(parse("Referral for medial branch block").components == ["referral_consult"])
        #expect(parse("Re-evaluation for repeat epidural injection").components == ["referral_consult"])
        #expect(parse("Clearance for epidural steroid injection").components.isEmpty)
    }

    @Test func frequencyTimesDuration() {
        let a = parse("Post-injection physical therapy, three times per week for two weeks")
        #expect(a.frequencyPerWeek == 3 && a.durationWeeks == 2 && a.visits == 6)
        let b = parse("Physical therapy 3x2")
        #expect(b.visits == 6 && b.frequencyPerWeek == 3)
        let c = parse("PT 2 times a week for 4 weeks")
        #expect(c.visits == 8)
        let d = parse("Physical therapy, 12 sessions")
        #expect(d.visits == 12)
        #expect(parse("Postoperative physical therapy, 8 additional sessions for the right shoulder").visits == 8)
        #expect(parse("PT x12").quantity == 12)
        // Days a week are a frequency; days over a slash and hours are a program's length and amount.
        #expect(parse("Home health aide 4 hours per day, 5 days per week for 4 weeks").frequencyPerWeek == 5)
        let frp = parse("Functional restoration program initial 2 weeks (10 days/80 hours)")
        #expect(frp.visits == 10 && frp.frequencyPerWeek == nil && frp.durationWeeks == 2)
    }

    @Test func jointLevelsCountOnceWithTheNervesThatSupplyThem() {
        // Two facet joints, blocked at their medial branches (L3, L4) and the L5 dorsal ramus.
        #expect(parse("Bilateral L4-L5 and L5-S1 medial branch blocks (L3, L4 medial branches and L5 dorsal ramus)").levels == ["L4-L5", "L5-S1"])
        // A vertebra no named joint is supplied by stays a level of its own.
        #expect(parse("Medial branch blocks at L4-L5 and L1").levels == ["L4-L5", "L1"])
        #expect(parse("Transforaminal ESI at L4 and L5").levels == ["L4", "L5"])
    }

    @Test func quantities() {
        #expect(parse("Lumbar sympathetic injections at L2, L3, L4, L5, series of three (3)").quantity == 3)
        #expect(parse("Lumbar sympathetic injections at L2, L3, L4, L5, series of three (3)").levels == ["L2", "L3", "L4", "L5"])
        #expect(parse("Norco 10/325 #90").quantity == 90)
        #expect(parse("Norco 10/325 #90").doseMg == 10)
        #expect(parse("ESI L4-5 x2").quantity == 2)
        #expect(parse("Prescription of Norco").doseMg == nil)
    }

    @Test func retrospectiveDateOfService() {
        let r = parse("Retrospective medial branch blocks to the lumbar spine at right L4-5 and L5-S1 with monitored anesthesia care for DOS 12/17/14")
        #expect(r.components == ["medial_branch_block"])
        #expect(r.retrospective)
        #expect(r.serviceDate == CalendarDay(iso: "2014-12-17"))
        #expect(r.levels == ["L4-L5", "L5-S1"])
        #expect(r.laterality == "right")
    }

    @Test func unknownRequestHasNoTreatment() {
        let r = parse("Gym membership for six months")
        #expect(r.treatment == nil)
    }

    @Test func dosingCompleteness() throws {
        let full = parse("Norco 10/325 mg one tablet every 6 hours #120")
        #expect(full.doseMg == 10 && full.hasDosingFrequency && full.quantity == 120)
    }
}
