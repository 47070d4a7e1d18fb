import Foundation
import IMRParse
import IMRTestSupport
import Testing
@testable import GuidelineRules

/// The labelled sets in this checkout (the files `imr-bench accuracy` reads by default).
enum LabelledFiles {
    static var context: String { RuleTestSupport.packageRoot.appendingPathComponent(LabelledSets.contextFile).path }
    static func facts(_ name: String) -> String { RuleTestSupport.fixtures.appendingPathComponent("labelled/\(name)").path }
}

/// Accuracy of fact extraction on the project's labelled sentences (Fixtures/labelled/facts.tsv):
/// each sentence, alone, must give the expected value of its fact (true, false, a number, or unknown).
/// Scored by IMRTestSupport's `FactAccuracy` (as `imr-bench accuracy` is); prints precision and recall
/// per fact, and fails below the floors, so a regression shows.
@Suite struct FactAccuracyTests {
    /// The development set (phrases were tuned on it) and the held-out set (written before the last
    /// tuning round, never tuned on): the held-out numbers are the honest estimate.
    @Test(arguments: [("facts.tsv", 0.90, 0.90), ("facts-heldout.tsv", 0.80, 0.70)])
    func labelledFactSentences(file: String, minimumPrecision: Double, minimumRecall: Double) throws {
        let book = try #require(RuleTestSupport.projectBook)
        let rows = try LabelledFact.load(path: LabelledFiles.facts(file))
        #expect(rows.count >= 40)
        let accuracy = FactAccuracy(name: file, rows: rows, analyzer: Analyzer(book: book))
        for row in accuracy.undefined { Issue.record("\(file):\(row.line): labelled fact '\(row.fact)' is not defined in the rules") }
        print(accuracy.markdown(misses: true))
        #expect(accuracy.all.precision >= minimumPrecision, "fact precision \(accuracy.all.precision) on \(file)")
        #expect(accuracy.all.recall >= minimumRecall, "fact recall \(accuracy.all.recall) on \(file)")
    }
}

/// Accuracy of the ConText engine on the labelled mentions (Tests/IMRParseTests/Fixtures/labelled/
/// sentences.tsv), with the context rules as the rule loader reads them for the fact extractor.
/// Scored by IMRTestSupport's `ContextAccuracy` (as `imr-bench accuracy` is). It lives here, not in
/// IMRParseTests, because it needs the rule loader. Set IMR_CONTEXT_MISSES to list the misses.
@Suite struct ContextAccuracyTests {
    @Test func labelledSetIsLargeAndSplit() throws {
        let rows = try LabelledMention.load(path: LabelledFiles.context)
        #expect(rows.count >= 200)
        #expect(Set(rows.map(\.text)).count >= 200)
        let heldOut = rows.filter { $0.split == "heldout" }.count
        #expect(heldOut * 3 >= rows.count, "at least a third of the set is held out")
        for row in rows { #expect(row.targetRange() != nil, "sentences.tsv:\(row.line): target '\(row.target)' not in sentence") }
    }

    @Test func accuracyOnLabelledSentences() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let accuracy = ContextAccuracy(mentions: try LabelledMention.load(path: LabelledFiles.context), analyzer: Analyzer(book: book))
        print(accuracy.markdown(misses: ProcessInfo.processInfo.environment["IMR_CONTEXT_MISSES"] != nil))
        let held = accuracy.scores("heldout") ?? AssertionScores()
        #expect(accuracy.all.f1(.negated) >= 0.90)
        #expect(accuracy.all.f1(.guideline) >= 0.90)
        #expect(held.f1(.negated) >= 0.85)
    }
}
