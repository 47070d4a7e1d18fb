import Testing
import IMRParse
@testable import GuidelineRules

/// How many times an event happened, read beside its mention with the project's rules.
@Suite struct EventCountTests {
    static let analyzer: Analyzer? = RuleTestSupport.projectBook.map { Analyzer(book: $0) }

    func value(_ fact: String, _ text: String) throws -> FactValue {
        let analyzer = try #require(Self.analyzer)
        let source = SourceText(path: "t", bytes: Array(text.utf8))
        let facts = analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())
        return facts[try #require(analyzer.book.factSlot(fact))]
    }

    /// A billing code or an identifier beside a treatment is no tally of its sessions.
    @Test func aCodeIsNoCount() throws {
        #expect(try value("prior_psych_visits", "Duration: 50 min, CPT 90837   Modality: cognitive behavioral therapy for chronic pain") != .number(50))
        #expect(try value("prior_psych_visits", "He has attended 4 CBT sessions so far.") == .number(4))
    }
}
