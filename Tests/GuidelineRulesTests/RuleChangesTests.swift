import Foundation
import Testing
@testable import GuidelineRules

/// `rules test --changed`: which families an edit touched.
@Suite struct RuleChangesTests {
    static let lexicon = """
    concept sore "sore"
      words "sore", "aching"
    """
    static let facts = """
    fact a bool "a"
      phrases "{sore} knee"
    fact b bool "b"
      phrases "beta"
    """
    static func family(_ id: String, fact: String, file: String) -> (String, String) {
        (file, RuleTestSupport.family(id, requests: [id.replacingOccurrences(of: "_", with: " ")], fact: fact))
    }

    static func book(_ files: [(String, String)]) throws -> RuleBook {
        let r = RuleLoader.check(files: files)
        return try #require(r.book, "\(r.diagnostics.map(\.headline))")
    }

    static let base: [(String, String)] = [("lexicon.rules", lexicon), ("facts.rules", facts),
                                           family("knee_thing", fact: "a", file: "knee.rules"), family("back_thing", fact: "b", file: "back.rules")]

    func touched(_ edited: [(String, String)], changed: Set<String>) throws -> [String] {
        RuleChanges.touched(base: try Self.book(Self.base), current: try Self.book(edited), changedFiles: changed).families.map(\.id)
    }

    @Test func nothingChangedTouchesNothing() throws {
        #expect(try touched(Self.base, changed: []) == [])
    }

    @Test func aFactTouchesTheFamiliesThatReadIt() throws {
        var edited = Self.base
        edited[1].1 = Self.facts.replacingOccurrences(of: "\"beta\"", with: "\"beta\", \"gamma\"")
        #expect(try touched(edited, changed: ["facts.rules"]) == ["back_thing"])
    }

    @Test func aConceptTouchesThroughTheFactsThatUseIt() throws {
        var edited = Self.base
        edited[0].1 = Self.lexicon.replacingOccurrences(of: "\"aching\"", with: "\"aching\", \"painful\"")
        #expect(try touched(edited, changed: ["lexicon.rules"]) == ["knee_thing"])
    }

    @Test func aFamilysFileTouchesIt() throws {
        var edited = Self.base
        edited[3].1 += "\n# a comment\n"
        #expect(try touched(edited, changed: ["back.rules"]) == ["back_thing"])
        let added = Self.base + [Self.family("new_thing", fact: "b", file: "new.rules")]
        #expect(try touched(added, changed: ["new.rules"]) == ["new_thing"])
    }

    @Test func contextTouchesEverything() throws {
        let edited = Self.base + [("context.rules", "trigger negated forward \"no\" scope 5")]
        let t = RuleChanges.touched(base: try Self.book(Self.base), current: try Self.book(edited), changedFiles: ["context.rules"])
        #expect(t.everything)
        #expect(t.families.count == 2)
    }
}
