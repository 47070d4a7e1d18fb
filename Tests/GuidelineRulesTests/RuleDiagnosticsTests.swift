import Foundation
import Testing
import IMRParse
import IMRTestSupport
@testable import GuidelineRules

/// Every malformed input gets a diagnostic with file:line:column, a code and a hint; a folder of
/// deliberately broken files is compared with its golden list (re-record: IMR_RECORD=1 swift test).
@Suite struct RuleDiagnosticsTests {
    @Test func brokenFolderMatchesGolden() throws {
        let folder = RuleTestSupport.fixtures.appendingPathComponent("broken-rules")
        let result = RuleLoader.load(directory: folder.path)
        #expect(result.book == nil)
        let root = folder.path + "/"
        let lines = result.diagnostics.map { $0.headline.replacingOccurrences(of: root, with: "") }
        let golden = RuleTestSupport.fixtures.appendingPathComponent("broken-rules.expected")
        if let difference = try Golden.check(lines.joined(separator: "\n") + "\n", against: golden, name: "broken-rules") {
            Issue.record(Comment(rawValue: difference))
        }
        // Each required code appears at least once.
        let codes = Set(result.diagnostics.map(\.code))
        for code in ["syntax", "unknown-fact", "type-mismatch", "duplicate-id", "missing-citation", "unreachable-criterion",
                     "example-unknown-fact", "missing-examples", "unknown-keyword", "unknown-hook", "unterminated-string", "unknown-reason"] {
            #expect(codes.contains(code), "no \(code) diagnostic")
        }
    }

    @Test func aClauseGivenTwiceIsAnError() {
        // A second 'unless' used to replace the first silently.
        let r = RuleTestSupport.check("""
        fact chronic_pain bool "x"
          phrases "chronic pain"
        fact acute_exacerbation bool "y"
          phrases "flare"
        treatment epidural_steroid_injection "ESI"
          requests "ESI"
          cites "MTUS" page 46
        criterion esi.a "a"
          require chronic_pain
          unless chronic_pain
          unless acute_exacerbation
          missing "m"
        """)
        let d = r.errors.first { $0.code == "repeated-clause" }
        #expect(d?.message == "'unless' is given twice in criterion 'esi.a'")
        #expect(d?.line == 11)
    }

    /// Context rules use the lexicon's concepts as fact phrases do: an unknown one is named where it stands.
    @Test func aContextRuleNamesKnownConcepts() {
        let r = RuleTestSupport.check("""
        concept relative "a relative"
          words "daughter", "son"
        trigger other_person forward "the {relative}" scope 6
        pseudo "help from the {relatve}"
        fact a bool "a"
          phrases "a"
        treatment epidural_steroid_injection "ESI"
          requests "ESI"
          cites "MTUS" page 46
        """)
        let unknown = r.errors.filter { $0.code == "unknown-concept" }
        #expect(unknown.count == 1)
        #expect(unknown.first?.line == 4)
        #expect(unknown.first?.hint == "did you mean 'relative'?")
    }

    /// A context phrase written with a concept stands for each of its wordings.
    @Test func aContextRuleWithAConceptCoversEveryWording() throws {
        let book = try RuleTestSupport.book("""
        concept relative "a relative"
          words "daughter", "son"
        trigger other_person forward "the {relative}" scope 6
        fact working bool "working"
          phrases "works full time"
          assertions affirmed
        treatment epidural_steroid_injection "ESI"
          requests "ESI"
          cites "MTUS" page 46
        """)
        let analyzer = Analyzer(book: book)
        func working(_ text: String) -> FactValue {
            let source = SourceText(path: "t", bytes: Array(text.utf8))
            return analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())[book.factSlot("working")!]
        }
        #expect(working("The son works full time.") == .unknown)
        #expect(working("The daughter works full time.") == .unknown)
        #expect(working("She works full time.") == .bool(true))
    }

    @Test func suggestsCloseNames() {
        let r = RuleTestSupport.check("""
        fact radiculopathy_on_exam bool "x"
          phrases "radiculopathy"
        treatment epidural_steroid_injection "ESI"
          requests "ESI"
          cites "MTUS" page 46
        criterion esi.a "a"
          require radiculopathy_on_exm
          missing "m"
        """)
        let d = r.errors.first { $0.code == "unknown-fact" }
        #expect(d?.hint == "did you mean 'radiculopathy_on_exam'?")
        #expect(d?.line == 7)
        #expect(d?.column == 11)
        #expect(d?.rendered().contains("^~~~~~~~~~~~~~~~~~~~") == true)
    }

    @Test func hostileInputsDoNotCrash() {
        var random = SystemRandomNumberGenerator()
        let long = "require " + String(repeating: "a and ", count: 100_000) + "b"
        let deep = "criterion x.y \"z\"\n  require " + String(repeating: "(", count: 5000) + "a" + String(repeating: ")", count: 5000)
        var inputs = [long, deep, String(repeating: "\"", count: 10_000), String(repeating: "x", count: 1 << 20)]
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        for text in inputs {
            let r = RuleTestSupport.check(text)
            #expect(r.book == nil || r.errors.isEmpty)
        }
    }

    @Test func warningsDoNotBlockTheBook() throws {
        let r = RuleTestSupport.check("""
        fact a bool "a"
          phrases "a"
        treatment gym_membership "Gym"
          requests "gym membership"
          cites "ODG (Non-MTUS) Low Back" page 1
        criterion gym.a "a"
          require a
        """)
        #expect(r.book != nil)
        #expect(r.warnings.map(\.code).sorted() == ["missing-advice", "missing-examples"])
    }

    @Test func aWordMatchingEveryAuxiliaryIsFlagged() {
        // Words match by stem: "willing" is "will", "HADS" is "had" — each would match nearly every note.
        let r = RuleTestSupport.check("""
        concept motivated "wanting"
          words "willing", "willing to", "eager"
        fact screen bool "screened"
          phrases "HADS", "HADS score"
        """)
        let flagged = r.warnings.filter { $0.code == "stem-collision" }
        #expect(flagged.map(\.message) == ["'willing' matches every 'will' (words match by stem)",
                                           "'HADS' matches every 'had' (words match by stem)"])
        #expect(flagged.first?.line == 2)
    }

    @Test func continuationLines() throws {
        let book = try RuleTestSupport.book("""
        fact a bool "a"
          phrases "alpha",
            "beta"
        fact n number percent "n"
          near "relief"
        treatment gym_membership "Gym"
          requests "gym membership"
          cites "ODG (Non-MTUS) Low Back" section "Gym memberships" pages 98-99, 101
        criterion gym.a "a"
          require a and
                  n >= 50
          missing "m"
        example "yes" expect Overturned
          given a = true, n = 60
        example "no" expect Upheld
          given a = true; n = 40
        """)
        #expect(book.facts[0].phrases == ["alpha", "beta"])
        #expect(book.treatments[0].citation.pages == [98, 99, 101])
        #expect(book.treatments[0].citation.text == "ODG (Non-MTUS) Low Back, Gym memberships pp.98-99, 101")
        #expect(book.treatments[0].criteria[0].requireText == "a and n >= 50")
        #expect(book.treatments[0].examples.count == 2)
    }
}
