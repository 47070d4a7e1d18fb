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
}
