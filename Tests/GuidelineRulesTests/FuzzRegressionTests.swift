import Foundation
import IMRParse
import Testing
@testable import GuidelineRules

/// Inputs the fuzzer (`imr-bench fuzz`) found crashing or running for seconds, kept as regressions.
/// No timing here (that is the fuzzer's and imr-bench's job): the bounds that fixed them are asserted.
@Suite struct FuzzRegressionTests {
    @Test func overlappingAndOutOfOrderRegionsDoNotCrash() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let analyzer = Analyzer(book: book)
        let text = SourceText(path: "t", string: "He had an L4-5 ESI on 3/4/14. Straight leg raise is positive. MRI shows nerve root compression.")
        let n = text.bytes.count
        for regions in [[40..<n, 0..<50], [0..<n, 10..<20], [n - 5..<n + 100, -3..<4], [30..<30]] {
            _ = analyzer.facts(in: text, regions: regions, context: CaseContext())
        }
    }

    /// The fixes are asserted structurally (bounded sentences, bounded request text), not by timing:
    /// timed assertions flake on a loaded machine; the fuzzer's per-input CPU limit watches time.
    @Test func hugeSingleLineIsCutIntoBoundedSentences() throws {
        var line = ""
        while line.utf8.count < 400_000 { line += "radiculopathy_on_exam and (prior_esi_count >= 1 or (radiculopathy and ESI x3 " }
        let bytes = Array(line.utf8)
        let spans = SentenceSplitter.split(bytes, regions: [0..<bytes.count])
        #expect(spans.count >= bytes.count / SentenceSplitter.maximumSentenceBytes)
        #expect(spans.allSatisfy { $0.range.count <= SentenceSplitter.maximumSentenceBytes })
        // Extraction over a long line completes (smaller here: debug builds are slow).
        let book = try #require(RuleTestSupport.projectBook)
        let analyzer = Analyzer(book: book)
        let text = SourceText(path: "t", string: String(line.prefix(40_000)))
        _ = analyzer.facts(in: text, regions: [0..<text.bytes.count], context: CaseContext())
        let request = analyzer.parseRequest(String(repeating: "Lumbar ESI L4-5 x2 for ", count: 50_000))
        #expect(request.text.utf8.count <= Analyzer.maximumRequestBytes)
    }

    @Test func hugeRuleLineIsBoundedInErrors() {
        let junk = String(repeating: "@ ", count: 500_000)
        let result: RuleLoader.Result? = RuleLoader.check(files: [("junk.rules", "fact a bool \"a\"\n  phrases " + junk + "\n")])
        #expect((result?.errors.count ?? 0) <= RuleParser.maximumErrorsPerFile + 1)
        #expect(result?.errors.allSatisfy { $0.sourceLine.count <= 240 } == true)
    }
}
