import Testing
import IMRParse
@testable import GuidelineRules

/// How a fact's statements across a note are combined: `combine any` (findings of which one is
/// enough), `reach N` (an anchor standing for the sentences after it) and `measure M relief` (the
/// percent a score falls after the anchored treatment), through a small rule book, with their
/// diagnostics.
@Suite struct StatementCombinationTests {
    static let rules = """
    trigger negated forward "no", "not", "without" scope 6
    trigger negated backward "negative", "intact" scope 6
    trigger historical forward "previously" scope 8
    trigger negated backward "not completed" scope 6
    trigger negated forward "was negative for" scope 6
    section history "History"
    section plan "Plan"
    measure pain "pain intensity" better lower
      words "pain"
      units score
      scale 10
    fact cts_findings bool "carpal tunnel findings"
      phrases "Tinel", "Phalen", "thenar atrophy"
      combine any
    fact spasm_last bool "spasm, last statement wins"
      phrases "spasm", "Tinel"
    fact weak_worse bool "a weakness that got worse"
      phrases "weakness ... worse"
    concept helpful "a drug that works"
      words "help", "helps"
    concept ineffective "a drug that does not"
      words "does not help", "has not helped"
    fact drug_helps bool "the drug helps"
      phrases "Norco ... {helpful}"
      deny "Norco ... {ineffective}"
    fact esi_relief number percent "relief after the epidural"
      near "relief"
      within 8
      anchor "ESI", "epidural"
      reach 1
      measure pain relief
    fact mbb_relief number percent "relief after the block"
      near "relief"
      within 8
      anchor "medial branch block"
      reach 1
      measure pain relief
    fact aed_relief number percent "relief with gabapentin"
      near "relief"
      anchor "gabapentin"
      measure pain relief
    fact course_cut bool "a course stopped short"
      phrases "therapy ... not completed"
      deny "therapy ... completed"
    fact screen_odd bool "a screen without the prescribed drug"
      phrases "screen ... negative for the prescribed"
    fact root_sign bool "a root's weakness, unless the sentence names the wrist"
      phrases "weakness"
      except "carpal tunnel"
    fact pool_visits count "pool sessions had, told as a tally"
      near "pool sessions"
      within 3
    concept visit_schedule "a schedule"
      words "x6", "x10", "2x3"
    fact acu_visits count "acupuncture visits had"
      events "acupuncture" in history, plan, no_section
      events "acupuncture {visit_schedule}" in history, plan, no_section
      negative "needling"
    fact tpi_relief number percent "relief after trigger point injections, anchored in its sentence only"
      near "relief"
      within 8
      anchor "trigger point"
    """

    static let book: RuleBook = try! RuleTestSupport.book(rules)

    static func value(_ fact: String, _ text: String) -> FactValue {
        let analyzer = Analyzer(book: book)
        let source = SourceText(path: "t", bytes: Array(text.utf8))
        return analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())[book.factSlot(fact)!]
    }

    // MARK: combine any

    @Test(arguments: [
        // One positive finding among normal ones: documented.
        ("Tinel positive at the wrist. No thenar atrophy.", FactValue.bool(true)),
        ("No thenar atrophy. Phalen positive.", .bool(true)),
        // Every finding normal: not documented.
        ("Tinel negative. No thenar atrophy.", .bool(false)),
        // A finding of the past does not outrank today's normal one: the last statement decides.
        ("Previously Tinel was positive. Tinel negative today.", .bool(false)),
    ])
    func anyFindingIsEnough(text: String, expected: FactValue) {
        #expect(Self.value("cts_findings", text) == expected)
    }

    /// A negation inside a pattern's gap negates the pattern, but not one in a bracketed aside there.
    @Test func negationInAGapUnlessBracketed() {
        #expect(Self.value("weak_worse", "Weakness, not worse today.") == .bool(false))
        #expect(Self.value("weak_worse", "Weakness (intact in May) worse today.") == .bool(true))
        #expect(Self.value("weak_worse", "Weakness [intact in May] worse today.") == .bool(true))
    }

    /// A trigger opening in the gap negates when most of its words lie there ("was not completed"
    /// negates "therapy ... completed"); when most are the pattern's own words, they are the pattern's.
    @Test func aTriggerOpeningInTheGap() {
        #expect(Self.value("course_cut", "Therapy was not completed.") == .bool(true))
        #expect(Self.value("course_cut", "Therapy was completed.") == .bool(false))
        #expect(Self.value("screen_odd", "The screen was negative for the prescribed oxycodone.") == .bool(true))
    }

    /// `except`: a sentence naming another cause counts for nothing, for that fact only.
    @Test func aSentenceNamingAnotherCause() {
        #expect(Self.value("root_sign", "Weakness of the APB, with carpal tunnel signs.") == .unknown)
        #expect(Self.value("root_sign", "Weakness of the EHL.") == .bool(true))
        #expect(Self.value("cts_findings", "Tinel positive at the carpal tunnel.") == .bool(true))
    }

    /// A count's `negative` name denied outright documents none; said as had, it counts nothing.
    @Test func aWiderNameDeniedCountsNone() {
        #expect(Self.value("acu_visits", "History: no needling so far.") == .number(0))
        #expect(Self.value("acu_visits", "History: she had needling.") == .unknown)
    }

    /// A comparison read whole outranks a number read near a cue of its sentence ("with it" is nearest
    /// to the 8 of the other side), with the project's rules.
    @Test func aComparisonReadWholeOutranksANearNumber() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let text = "Without Norco the pain is 8/10 and with it the pain is 4/10."
        let source = SourceText(path: "t", bytes: Array(text.utf8))
        let facts = Analyzer(book: book).facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())
        #expect(facts[book.factSlot("pain_score_with_med")!] == .number(4))
        #expect(facts[book.factSlot("pain_score_without_med")!] == .number(8))
    }

    /// A tally in a plan is the course asked for, unless a verb places it in the past.
    @Test func aTallyInAPlanIsTheCourseAsked() {
        #expect(Self.value("pool_visits", "Plan: Recheck after 8 pool sessions.") == .unknown)
        #expect(Self.value("pool_visits", "Plan: She completed 8 pool sessions; recheck.") == .number(8))
        #expect(Self.value("pool_visits", "History: 8 pool sessions so far.") == .number(8))
    }

    /// Of two statements with one span, the one that says no wins: "Norco does not help" is both
    /// "Norco … {helpful}" and "Norco … {ineffective}".
    @Test func aDenialWithTheSameSpanWins() {
        #expect(Self.value("drug_helps", "Norco does not help.") == .bool(false))
        #expect(Self.value("drug_helps", "Norco has not helped.") == .bool(false))
        #expect(Self.value("drug_helps", "Norco helps.") == .bool(true))
    }

    /// A course's schedule is visits had when a verb places it in the past, and asked for in a plan;
    /// a count of visits a few words after the treatment is its tally.
    @Test func visitsHadFromASchedule() {
        #expect(Self.value("acu_visits", "She had acupuncture x10 with minimal benefit.") == .number(10))
        #expect(Self.value("acu_visits", "Plan: acupuncture x6.") == .unknown)
        #expect(Self.value("acu_visits", "She completed an acupuncture trial of 6 visits.") == .number(6))
        #expect(Self.value("acu_visits", "Previously acupuncture, then massage, 6 visits.") == .number(1))
    }

    @Test func withoutCombineTheLastStatementWins() {
        #expect(Self.value("spasm_last", "Tinel positive at the wrist. No spasm.") == .bool(false))
    }

    // MARK: reach

    @Test(arguments: [
        // The outcome in the sentence after the procedure's.
        ("She had an L5-S1 ESI on 3/2/2015. She reports 60% relief for eight weeks.", "esi_relief", FactValue.number(60)),
        // Two sentences on: out of reach.
        ("She had an L5-S1 ESI on 3/2/2015. She works full duty. She reports 60% relief.", "esi_relief", .unknown),
        // A rival named since: the outcome is the rival's.
        ("She had an ESI in 2014. A medial branch block followed, with 80% relief.", "esi_relief", .unknown),
        ("She had an ESI in 2014. A medial branch block followed, with 80% relief.", "mbb_relief", .number(80)),
        // Another section: the anchor does not carry.
        ("History: She had an ESI in 2014.\nPlan: Expect 50% relief.", "esi_relief", .unknown),
        // Without `reach`, only the anchor's own sentence.
        ("Trigger point injections were given in May. She reports 60% relief.", "tpi_relief", .unknown),
        ("Trigger point injections in May gave 60% relief.", "tpi_relief", .number(60)),
    ])
    func anchorReachesTheNextSentence(text: String, fact: String, expected: FactValue) {
        #expect(Self.value(fact, text) == expected)
    }

    // MARK: measure relief

    @Test(arguments: [
        ("Pain went from 8/10 before the ESI to 2/10 after it.", FactValue.number(75)),
        ("After the epidural, pain 6/10 → 3/10.", .number(50)),
        // Worse after: no relief figure from the pair.
        ("Pain went from 4/10 before the ESI to 6/10.", .unknown),
        // Named in the sentence before, within reach.
        ("He underwent an interlaminar ESI on 5/1. Pain went from 7/10 to 1/10.", .number(86)),
        // No anchor: a pain pair is not relief from the epidural.
        ("Pain went from 8/10 to 2/10 with therapy.", .unknown),
    ])
    func reliefFromAPainPair(text: String, expected: FactValue) {
        #expect(Self.value("esi_relief", text) == expected)
    }

    @Test func reliefFromWithoutAndWithTheDrug() {
        #expect(Self.value("aed_relief", "Gabapentin 300 mg TID: pain 8/10 without it and 4/10 with it.") == .number(50))
        #expect(Self.value("aed_relief", "Since starting gabapentin her pain went from 8/10 to 6/10.") == .number(25))
    }

    // MARK: Diagnostics

    @Test func clauseDiagnostics() {
        let codes = RuleTestSupport.check("""
        measure pain "pain" better lower
          words "pain"
        measure motion "motion" better higher
          words "flexion"
        fact a number percent "a"
          near "relief"
          combine any
        fact b bool "b"
          phrases "b"
          combine most
        fact c number percent "c"
          near "relief"
          reach 1
        fact d number weeks "d"
          near "relief"
          anchor "ESI"
          measure pain relief
        fact e number percent "e"
          near "relief"
          anchor "ESI"
          measure motion relief
        fact f number percent "f"
          near "relief"
          measure pain relief
        fact g number percent "g"
          near "relief"
          anchor "ESI"
          reach 9
        """).diagnostics.filter { $0.severity == .error }.map { "\($0.code)@\($0.line)" }
        #expect(codes.contains("type-mismatch@7"))      // combine on a number
        #expect(codes.contains("unknown-keyword@10"))   // most → any / last
        #expect(codes.contains("syntax@11"))            // reach without an anchor
        #expect(codes.contains("type-mismatch@17"))     // relief into weeks
        #expect(codes.contains("type-mismatch@21"))     // relief of a measure better higher
        #expect(codes.contains("missing-phrases@24"))   // relief without an anchor
        #expect(codes.contains("syntax@28"))            // reach beyond 3
    }

    @Test func projectRulesUseTheClauses() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let esi = try #require(book.facts.first { $0.name == "prior_esi_relief_percent" })
        #expect(esi.reach == 2)  // the outcome told a sentence or two after the procedure
        #expect(esi.measureClauses.contains { if case .relief = $0 { true } else { false } })
        #expect(book.facts.first { $0.name == "cts_exam_findings" }?.combineAny == true)
    }

    /// `reach N among medication`: a drug named after an injection anchors the drug's own facts, and does
    /// not cut the injection's reach ("Since then she has cut her Norco …" is the injection's outcome).
    @Test func aDrugIsNoRivalOfAnInjection() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let analyzer = Analyzer(book: book)
        let source = SourceText(path: "t", string: "She had a left L5 epidural steroid injection on 3/2/2015. Since then she has cut her Norco from four tablets a day to one.")
        let facts = analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())
        #expect(facts[try #require(book.factSlot("medication_reduced_after_prior_esi"))] == .bool(true))
        #expect(book.facts.first { $0.name == "analgesia_documented" }?.reachGroup == "medication")
    }

    /// Weakness told with a joint's own signs is the joint's, not a nerve root's.
    @Test func aJointsWeaknessIsNoRadiculopathy() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let analyzer = Analyzer(book: book)
        func radiculopathy(_ text: String) throws -> FactValue {
            let source = SourceText(path: "t", string: text)
            return analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())[try #require(book.factSlot("radiculopathy_on_exam"))]
        }
        #expect(try radiculopathy("Abduction strength is 3+/5 and external rotation strength 4-/5 with a positive drop arm sign.") == .unknown)
        #expect(try radiculopathy("Both knees have crepitus and small effusions, quadriceps strength is 4/5 bilaterally.") == .unknown)
        #expect(try radiculopathy("EHL strength is 4/5 on the left.") == .bool(true))
    }
}
