import Testing
import IMRParse
@testable import GuidelineRules

/// The concept lexicon: `{name}` in phrases, patterns matched part by part, fillers in gaps, and a
/// negation in a gap negating the pattern.
@Suite struct ConceptLexiconTests {
    static let rules = """
    trigger negated forward "not", "no" scope 6
    filler "the", "left", "right", "of", "back"
    concept side "a side"
      words "left", "right"
    concept spread "travelling along a limb"
      words "radiate", "shoot", "travel", "go down"
    concept limb "part of a leg"
      words "leg", "thigh", "foot", "{side} calf"
    treatment physical_therapy "PT"
      requests "physical therapy"
      cites "MTUS" page 98
    fact radicular bool "radicular pain"
      phrases "{spread} ... {limb}", "pain ... {spread} ... {limb}"
    fact whole_pattern bool "a symptom, its spreading and a limb"
      phrases "pain ... {spread} ... {limb}"
    criterion pt.x "x"
      require radicular
      missing "x"
    example "a" expect Overturned
      given radicular = true
    example "b" expect Upheld
      given radicular = false
    """

    @Test func partsExpandWithoutTheProductOfParts() throws {
        let book = try RuleTestSupport.book(Self.rules)
        #expect(book.lexicon.alternatives(of: "{limb}") == ["leg", "thigh", "foot", "left calf", "right calf"])
        let parts = book.lexicon.parts(of: "{spread} ... {limb}")
        #expect(parts.count == 2)
        #expect(parts[0].count == 4 && parts[1].count == 5)
    }

    @Test(arguments: [
        ("The pain shoots down the back of the left thigh.", FactValue.bool(true)),
        ("Pain radiating into the right calf.", .bool(true)),
        ("It travels to the foot.", .bool(true)),
        ("The pain does not radiate to the legs.", .bool(false)),
        ("Pain that no longer shoots to the foot.", .bool(false)),
        ("Shoots occasionally, and twelve words later something else is said about the foot.", .unknown),
        // Numbers in a gap are not counted ("2 or 3 times 10/10 daily into" is four words); the same
        // gap in words is eight.
        ("Pain shoots 2 or 3 times 10/10 daily into the foot.", .bool(true)),
        ("Pain shoots two or three times ten of ten daily into the foot.", .unknown),
    ])
    func patternsFindNewWordings(text: String, expected: FactValue) throws {
        let book = try RuleTestSupport.book(Self.rules)
        let analyzer = Analyzer(book: book)
        let source = SourceText(path: "t", bytes: Array(text.utf8))
        let facts = analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())
        #expect(facts[book.factSlot("radicular")!] == expected, "\(text)")
    }

    /// The negation stands in the pattern's gap: it is not the phrase's own word.
    @Test func negationInsideAGapNegates() throws {
        let book = try RuleTestSupport.book(Self.rules)
        let analyzer = Analyzer(book: book)
        for (text, expected) in [("Pain that no longer shoots to the foot.", FactValue.bool(false)),
                                 ("Pain that now shoots to the foot.", .bool(true))] {
            let source = SourceText(path: "t", bytes: Array(text.utf8))
            let facts = analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())
            #expect(facts[book.factSlot("whole_pattern")!] == expected, "\(text)")
        }
    }

    /// A pattern in a fact read from the request: its later parts follow within the gap (fillers not
    /// counted), the longest alternative of each part taken ("left calf", not "left").
    @Test func patternsInRequestFacts() throws {
        let book = try RuleTestSupport.book(Self.rules + """

        fact limb_named bool "the request names a limb after the treatment"
          from request
          phrases "therapy ... {limb}"
        """)
        let analyzer = Analyzer(book: book)
        let slot = try #require(book.factSlot("limb_named"))
        let source = SourceText(path: "t", bytes: Array("Notes.".utf8))
        for (request, expected) in [("Physical therapy for the left calf x6", FactValue.bool(true)),
                                    ("Physical therapy of the back of the right thigh", .bool(true)),
                                    ("Physical therapy, six visits, two a week, for four weeks, thigh", .bool(false)),
                                    ("Physical therapy x6", .bool(false))] {
            let p = analyzer.predict(request, source: source, regions: [0..<source.bytes.count], context: CaseContext())
            #expect(p.facts[slot] == expected, "\(request)")
        }
    }

    @Test func unknownAndCyclicConceptsAreErrors() {
        let result = RuleTestSupport.check("""
        concept a "a"
          words "x {b}"
        concept b "b"
          words "{a}"
        concept c "c"
          words "{nope}"
        fact f bool "f"
          phrases "{limbs}"
        """)
        let codes = result.diagnostics.map(\.code)
        #expect(codes.contains("concept-cycle"))
        #expect(codes.filter { $0 == "unknown-concept" }.count == 2)
        #expect(result.book == nil)
    }

    @Test func sameWordsInEveryPhrase() throws {
        let book = try RuleTestSupport.book("""
        trigger negated forward "no" scope 6
        same "symptom", "sx"
        same "hour", "hrs", "hr"
        fact radicular bool "radicular symptoms"
          phrases "radicular symptoms"
        fact long_day bool "four hours a day"
          phrases "4 hours a day"
        """)
        let analyzer = Analyzer(book: book)
        func value(_ fact: String, _ text: String) -> FactValue {
            let source = SourceText(path: "t", bytes: Array(text.utf8))
            return analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())[book.factSlot(fact)!]
        }
        #expect(value("radicular", "Radicular sx to the RLE.") == .bool(true))
        #expect(value("radicular", "No radicular sx.") == .bool(false))
        #expect(value("long_day", "He can attend 4 hrs a day.") == .bool(true))
        #expect(value("long_day", "He can attend 4 hr a day.") == .bool(true))
    }

    @Test func sameWordsDiagnostics() {
        let codes = RuleTestSupport.check("""
        same "symptom", "sx"
        same "sx", "sxs"
        same "per day", "daily"
        same "alone"
        """).diagnostics.filter { $0.severity == .error }.map { "\($0.code)@\($0.line)" }
        #expect(codes.contains("duplicate-id@2"))   // sx in two groups
        #expect(codes.contains("syntax@3"))         // two words
        #expect(codes.contains("syntax@4"))         // one word only
    }
}
