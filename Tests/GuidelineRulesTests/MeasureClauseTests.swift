import Testing
import IMRParse
@testable import GuidelineRules

/// Measures in the rule language: `measure` declarations, the `improves` and `measure` fact
/// clauses through a small rule book, and their diagnostics.
@Suite struct MeasureClauseTests {
    static let rules = """
    trigger negated forward "no", "not", "without" scope 6
    trigger hypothetical forward "goal", "if" scope 8
    concept medication "a medication"
      words "medication", "medications", "meds", "Norco", "dose"
    measure pain "pain intensity" better lower
      words "pain", "VAS"
      units score
      scale 10
      meaningful 2 points or 30 percent
    measure motion "range of motion" better higher
      words "flexion", "abduction", "range of motion"
      units degrees
      meaningful 10 degrees
    measure disability "a disability questionnaire" better lower
      words "ODI", "QuickDASH"
      units score, percent
      meaningful 10 points or 30 percent
    measure tolerance "what the patient can do" better higher
      words "walk", "walking", "sit", "sitting", "lift", "lifting"
      units time, weight, distance
    treatment opioids "Opioids"
      requests "Norco"
      cites "MTUS" page 78
    fact analgesia bool "pain relief from the medication"
      phrases "helps with pain"
      improves pain with medication
    fact function bool "objective functional improvement"
      phrases "functional improvement"
      improves motion, disability, tolerance
    fact pain_better bool "pain better, with or without a medication"
      improves pain
    fact with_med number score "pain with the medication"
      near "with medication"
      within 5
      assertions affirmed, historical, negated
      measure pain with medication
    fact without_med number score "pain without the medication"
      near "without medication"
      within 5
      assertions affirmed, historical, negated
      measure pain without medication
    criterion opioids.analgesia "analgesia"
      require analgesia
      missing "x"
    example "a" expect Overturned
      given analgesia = true
    example "b" expect Upheld
      given analgesia = false
    """

    static let book: RuleBook = try! RuleTestSupport.book(rules)

    static func facts(_ text: String) -> FactSet {
        let analyzer = Analyzer(book: book)
        let source = SourceText(path: "t", bytes: Array(text.utf8))
        return analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())
    }

    static func value(_ fact: String, _ text: String) -> FactValue {
        facts(text)[book.factSlot(fact)!]
    }

    @Test func declarationsCompile() throws {
        let book = Self.book
        #expect(book.measures.map(\.name) == ["pain", "motion", "disability", "tolerance"])
        #expect(book.measures[0].lowerIsBetter && !book.measures[1].lowerIsBetter)
        #expect(book.measures[0].units == [.score] && book.measures[0].scale == 10)
        #expect(book.measures[0].meaningfulText == "2 or 30 percent")
        #expect(book.measures[3].meaningfulText == "30 percent")
        let analgesia = try #require(book.facts.first { $0.name == "analgesia" })
        #expect(analgesia.measureClauses == [.improves(measures: [0], withMedication: true)])
        let withMed = try #require(book.facts.first { $0.name == "with_med" })
        #expect(withMed.measureClauses == [.value(measure: 0, with: true)])
    }

    @Test func meaningfulChange() {
        let pain = Self.book.measures[0], motion = Self.book.measures[1], tolerance = Self.book.measures[3]
        #expect(pain.improves(from: 9, to: 4))
        #expect(pain.improves(from: 8, to: 6))          // 2 points
        #expect(pain.improves(from: 3, to: 2))          // 33 percent
        #expect(!pain.improves(from: 8, to: 7))         // 1 point, 12 percent
        #expect(!pain.improves(from: 8, to: 8))
        #expect(!pain.improves(from: 4, to: 7))
        #expect(motion.improves(from: 100, to: 150))
        #expect(!motion.improves(from: 100, to: 105))
        #expect(!motion.improves(from: 150, to: 120))
        #expect(tolerance.improves(from: 10, to: 30))
        #expect(tolerance.improves(from: 0, to: 10))
        #expect(!tolerance.improves(from: 20, to: 24))
        #expect(pain.judge(from: 8, to: 7) == nil)
        #expect(pain.judge(from: 8, to: 8) == false)
        #expect(pain.judge(from: 8, to: 9) == false)
        #expect(pain.judge(from: 8, to: 4) == true)
    }

    @Test(arguments: [
        ("With the medication her pain drops from 9/10 to 4/10.", FactValue.bool(true)),
        ("9/10 without Norco and 4/10 with it.", .bool(true)),
        ("Pain: 8/10 w/o meds, 3/10 w/ meds.", .bool(true)),
        ("VAS 8 without, 5 with.", .bool(true)),
        ("Pain unchanged at 8/10 with or without medication.", .bool(false)),
        ("Pain 8/10 without medication and 7/10 with it.", .unknown),  // a gain too small to count either way
        ("Pain 6/10 without medication and 8/10 with it.", .bool(false)),
        // Before → after counts for a medication only where a medication is named.
        ("Pain went from 8/10 to 3/10 after the injection.", .unknown),
        ("Pain went from 8/10 to 3/10 since starting Norco.", .bool(true)),
        // A goal is not a result.
        ("Goal: pain from 8/10 to 4/10 with medication.", .unknown),
        // Pain kept low on a medication is relief kept, not a failure to improve.
        ("Pain stable, unchanged at 4/10 with Norco.", .unknown),
    ])
    func analgesiaFromNumbers(text: String, expected: FactValue) {
        #expect(Self.value("analgesia", text) == expected, "\(text)")
    }

    @Test func improvesWithoutMedicationTakesEveryPair() {
        #expect(Self.value("pain_better", "Pain went from 8/10 to 3/10 after the injection.") == .bool(true))
        #expect(Self.value("pain_better", "Pain 8/10 → 9/10.") == .bool(false))
    }

    @Test(arguments: [
        ("Shoulder flexion 100 → 150°", FactValue.bool(true)),
        ("QuickDASH 61 → 38", .bool(true)),
        ("Lifting 5 → 15 lb", .bool(true)),
        ("Walking tolerance increased from 10 to 30 minutes.", .bool(true)),
        ("Sitting 20 min, previously 10 min.", .bool(true)),
        ("Oswestry 48% (38% at intake)", .unknown),  // "Oswestry" is not a word of this book's measure
        ("ODI 48% (38% at intake)", .bool(false)),
        ("ODI 40 → 44", .bool(false)),
        ("Flexion 100 → 105 degrees.", .unknown),
        ("Flexion 100 → 100 degrees.", .bool(false)),
        ("Range of motion improved from 10-75 degrees in February to 0-110 degrees by April.", .bool(true)),
        ("She can sit 20 to 30 minutes.", .unknown),
        ("Flexion unchanged at 110 degrees.", .bool(false)),
        ("Flexion improved from 10-75 degrees in February to 0-110 degrees by April; the last notes record flexion of 0-110 degrees at every visit.",
         .bool(false)),
    ])
    func functionFromNumbers(text: String, expected: FactValue) {
        #expect(Self.value("function", text) == expected, "\(text)")
    }

    @Test func valuesWithAndWithout() {
        let f = Self.facts("Pain 9/10 without Norco and 4/10 with it.")
        #expect(f[Self.book.factSlot("with_med")!] == .number(4))
        #expect(f[Self.book.factSlot("without_med")!] == .number(9))
        let g = Self.facts("Pain reduces from 6/10 to 2/10 after his Norco dose.")
        #expect(g[Self.book.factSlot("with_med")!] == .number(2))
        #expect(g[Self.book.factSlot("without_med")!] == .number(6))
        // One side alone gives its value only.
        let h = Self.facts("Without medication, pain is 9/10.")
        #expect(h[Self.book.factSlot("without_med")!] == .number(9))
        #expect(h[Self.book.factSlot("with_med")!] == .unknown)
        // No medication named: a before → after pair is no with/without value.
        #expect(Self.facts("Pain went from 8/10 to 3/10 after the injection.")[Self.book.factSlot("with_med")!] == .unknown)
    }

    /// The two sides on two lines make a pair; a heading line lends its measure to the lines under it.
    @Test func pairsAcrossLines() {
        #expect(Self.value("analgesia", "Pain without medication: 8/10.\nPain with medication: 3/10.") == .bool(true))
        let block = "Walking:\n10 minutes without medication\n30 minutes with medication\n"
        #expect(Self.value("function", block) == .bool(true))
    }

    /// Measure votes join phrase votes: the last statement wins, and every statement is evidence.
    @Test func lastStatementWins() {
        let text = "Norco helps with pain. Pain 8/10 without medication and 8/10 with it."
        let f = Self.facts(text)
        let slot = Self.book.factSlot("analgesia")!
        #expect(f[slot] == .bool(false))
        #expect(f.evidence.count(of: slot) == 2)
        let later = Self.facts("Pain 8/10 without medication and 8/10 with it. Norco helps with pain.")
        #expect(later[slot] == .bool(true))
    }

    @Test func evidenceIsTheSentence() throws {
        let text = "Seen today. Pain 9/10 without Norco and 4/10 with it."
        let f = Self.facts(text)
        let slot = Self.book.factSlot("analgesia")!
        let e = try #require(f.evidence[slot].first)
        #expect(String(decoding: Array(text.utf8)[e.range], as: UTF8.self) == "Pain 9/10 without Norco and 4/10 with it.")
        #expect(e.counted)
    }

    // MARK: Diagnostics

    static func codes(_ text: String) -> [String] {
        RuleTestSupport.check(text).diagnostics.filter { $0.severity == .error }.map { "\($0.code)@\($0.line)" }
    }

    @Test func unknownMeasureSuggestsTheClosest() throws {
        let result = RuleTestSupport.check("""
        measure pain "pain" better lower
          words "pain"
        fact a bool "a"
          improves pian
        """)
        let d = try #require(result.diagnostics.first { $0.code == "unknown-measure" })
        #expect(d.line == 4)
        #expect(d.hint == "did you mean 'pain'?")
    }

    @Test func clauseDiagnostics() {
        let codes = Self.codes("""
        measure pain "pain" better lowr
          words "pain", "{nope}"
          units score, degres
          scale ten
          meaningful 2 points or
        measure pain "again" better lower
          words "x"
        measure motion "motion" higher
          words "flexion ... degrees"
        measure empty "no words" better higher
        fact a number score "a"
          improves pain
        fact b bool "b"
          measure pain with medication
        fact c bool "c"
          improves pain with medicine
        fact d number score "d"
          measure pain within medication
        fact e bool "e"
          improves pain with medication
        """)
        #expect(codes.contains("unknown-keyword@1"))      // lowr → lower
        #expect(codes.contains("unknown-concept@2"))      // {nope}
        #expect(codes.contains("unknown-keyword@3"))      // degres → degrees
        #expect(codes.contains("syntax@4"))               // scale ten
        #expect(codes.contains("syntax@5"))               // a dangling 'or'
        #expect(codes.contains("duplicate-id@6"))
        #expect(codes.contains("syntax@8"))               // no 'better'
        #expect(codes.contains("syntax@9"))               // a pattern as a word
        #expect(codes.contains("missing-phrases@10"))     // no words
        #expect(codes.contains("type-mismatch@12"))       // improves on a number
        #expect(codes.contains("type-mismatch@14"))       // measure on a bool
        #expect(codes.contains("unknown-keyword@16"))     // medicine → medication
        #expect(codes.contains("unknown-keyword@18"))     // within → with
        #expect(codes.contains("unknown-concept@20"))     // no concept 'medication'
    }

    @Test func didYouMeanForTheSideAndTheMedication() throws {
        let result = RuleTestSupport.check("""
        concept medication "m"
          words "meds"
        measure pain "pain" better lower
          words "pain"
        fact c bool "c"
          improves pain with medicatoin
        fact d number score "d"
          measure pain wth medication
        """)
        let hints = result.diagnostics.filter { $0.code == "unknown-keyword" }.compactMap(\.hint)
        #expect(hints.contains("did you mean 'medication'?"))
        #expect(hints.contains("did you mean 'with'?"))
    }

    /// A book without measure clauses reads no sentence for measures.
    @Test func noClausesNoReader() throws {
        let book = try RuleTestSupport.book("""
        measure pain "pain" better lower
          words "pain"
        fact a bool "a"
          phrases "pain"
        """)
        #expect(FactExtractor(book: book).measureReader == nil)
        #expect(FactExtractor(book: Self.book).measureReader != nil)
    }

    /// The project's rules declare the four measures and the four facts read them.
    @Test func projectRules() throws {
        let book = try #require(RuleTestSupport.projectBook)
        #expect(Set(book.measures.map(\.name)) == ["pain", "motion", "disability", "tolerance"])
        for name in ["analgesia_documented", "pain_score_with_med", "pain_score_without_med", "functional_improvement_documented"] {
            #expect(book.facts.first { $0.name == name }?.measureClauses.isEmpty == false, "\(name)")
        }
    }
}
