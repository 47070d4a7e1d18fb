import Foundation
import IMRTestSupport
import Testing
@testable import GuidelineRules

/// The codes are one typed list: docs/diagnostics.md is generated from it, and every code the
/// language can report is in it.
@Suite struct DiagnosticCodeTests {
    /// The part of docs/diagnostics.md between `codes:begin` and `codes:end` is
    /// `DiagnosticCode.markdown`; `IMR_RECORD=1` rewrites it.
    @Test func docIsGeneratedFromTheList() throws {
        let url = RuleTestSupport.packageRoot.appendingPathComponent("docs/diagnostics.md")
        let doc = try String(contentsOf: url, encoding: .utf8)
        let begin = "<!-- codes:begin -->\n", end = "<!-- codes:end -->"
        let start = try #require(doc.range(of: begin)), stop = try #require(doc.range(of: end))
        let generated = DiagnosticCode.markdown
        if Golden.recording {
            try (String(doc[..<start.upperBound]) + generated + String(doc[stop.lowerBound...])).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        if let difference = Golden.difference(actual: generated, expected: String(doc[start.upperBound..<stop.lowerBound]), name: "docs/diagnostics.md") {
            Issue.record(Comment(rawValue: difference))
        }
    }

    @Test func everyCodeHasItsExplanationAndExamples() {
        let raw = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        for code in DiagnosticCode.allCases {
            #expect(!code.explanation.isEmpty, "\(code.rawValue)")
            #expect(code.example.wrong != code.example.right, "\(code.rawValue)")
        }
    }

    /// No code is written as a string literal outside the list: every report names a case.
    @Test func sourcesReportOnlyTypedCodes() throws {
        let root = RuleTestSupport.packageRoot.appendingPathComponent("Sources/GuidelineRules")
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for file in files where !file.hasSuffix("DiagnosticCode.swift") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("code: \""), "\(file) builds a Diagnostic with a string code")
        }
    }
}
