import Foundation
import Testing
import IMRParse
@testable import GuidelineRules

/// Every rule file's examples run in `swift test`, one test per file named after it (as
/// `imr-check rules test` runs them); `todo` examples are reported but never fail.
@Suite struct RuleFileExamplesTests {
    static let files: [String] = {
        guard let book = RuleTestSupport.projectBook else { return [] }
        return Array(Set(book.treatments.map(\.file))).map { ($0 as NSString).lastPathComponent }.sorted()
    }()

    @Test func projectRulesLintClean() {
        let result = RuleLoader.load(directory: RuleTestSupport.rulesDirectory)
        #expect(result.errors.isEmpty, "\(result.errors.map { $0.rendered() }.joined(separator: "\n"))")
        #expect(result.book != nil)
    }

    @Test(arguments: files) func examplesPass(file: String) throws {
        let book = try #require(RuleTestSupport.projectBook)
        let runner = ExampleRunner(analyzer: Analyzer(book: book))
        let outcomes = runner.runAll { t, _ in (t.file as NSString).lastPathComponent == file }
        #expect(!outcomes.isEmpty, "\(file) has no examples")
        for o in outcomes where !o.passed && !o.isTodo {
            Issue.record("\(o.treatment): \(o.example.name) (\(o.example.file):\(o.example.line)): \(o.differences.joined(separator: "; "))")
        }
    }

    @Test func everyTreatmentHasBothOutcomes() throws {
        let book = try #require(RuleTestSupport.projectBook)
        for t in book.treatments {
            let outcomes = Set(t.examples.map(\.expect))
            #expect(outcomes.count == 2, "\(t.id) lacks an example of one outcome")
        }
    }
}
