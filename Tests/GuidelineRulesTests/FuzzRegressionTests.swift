import Foundation
import IMRParse
import Testing
@testable import GuidelineRules

/// Inputs the fuzzer (`imr-bench fuzz`) found crashing or running for seconds, kept as regressions.
/// The time bounds are generous (hang detection, not benchmarks: those live in imr-bench).
@Suite struct FuzzRegressionTests {
    static func seconds(_ body: () -> Void) -> Double {
        let start = Date()
        body()
        return Date().timeIntervalSince(start)
    }

    @Test func overlappingAndOutOfOrderRegionsDoNotCrash() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let analyzer = Analyzer(book: book)
        let text = SourceText(path: "t", string: "He had an L4-5 ESI on 3/4/14. Straight leg raise is positive. MRI shows nerve root compression.")
        let n = text.bytes.count
        for regions in [[40..<n, 0..<50], [0..<n, 10..<20], [n - 5..<n + 100, -3..<4], [30..<30]] {
            _ = analyzer.facts(in: text, regions: regions, context: CaseContext())
        }
    }

    @Test func hugeSingleLineStaysLinear() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let analyzer = Analyzer(book: book)
        // A nest of rule-like words with no sentence break: 400 KB on one line.
        var line = ""
        while line.utf8.count < 400_000 { line += "radiculopathy_on_exam and (prior_esi_count >= 1 or (radiculopathy and ESI x3 " }
        let text = SourceText(path: "t", string: line)
        let t = Self.seconds { _ = analyzer.facts(in: text, regions: [0..<text.bytes.count], context: CaseContext()) }
        #expect(t < 10, "facts over a 400 KB line took \(t) s")
        let request = String(repeating: "Lumbar ESI L4-5 x2 for ", count: 50_000)
        let r = Self.seconds { _ = analyzer.parseRequest(request) }
        #expect(r < 5, "a 1 MB request took \(r) s")
    }

    @Test func hugeRuleLineIsBoundedInErrorsAndTime() {
        let junk = String(repeating: "@ ", count: 500_000)
        var result: RuleLoader.Result?
        let t = Self.seconds { result = RuleLoader.check(files: [("junk.rules", "fact a bool \"a\"\n  phrases " + junk + "\n")]) }
        #expect(t < 10, "linting a 1 MB line took \(t) s")
        #expect((result?.errors.count ?? 0) <= RuleParser.maximumErrorsPerFile + 1)
        #expect(result?.errors.allSatisfy { $0.sourceLine.count <= 240 } == true)
    }
}
