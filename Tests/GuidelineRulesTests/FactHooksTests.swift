import Foundation
import IMRParse
import IMRTestSupport
import Testing
@testable import GuidelineRules

/// The hook registry is the one list of hooks: names unique, types and values consistent, the
/// README's table generated from it, and each hook's value computed from the request and the case.
@Suite struct FactHooksTests {
    @Test func namesAreUniqueAndFound() {
        let names = FactHooks.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names { #expect(FactHooks.named(name)?.name == name) }
        #expect(FactHooks.named("patient_age") == nil)
    }

    @Test func onlyEnumHooksHaveValues() {
        for h in FactHooks.all { #expect((h.kind == .enumeration) == !h.enumValues.isEmpty, "\(h.name)") }
    }

    /// The table between the `hooks:begin` / `hooks:end` markers of Rules/README.md is
    /// `FactHooks.markdownTable`; `IMR_RECORD=1` rewrites it.
    @Test func readmeTableIsGeneratedFromTheRegistry() throws {
        let url = RuleTestSupport.packageRoot.appendingPathComponent("Rules/README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let begin = "<!-- hooks:begin -->\n", end = "<!-- hooks:end -->"
        let start = try #require(readme.range(of: begin)), stop = try #require(readme.range(of: end))
        let table = String(readme[start.upperBound..<stop.lowerBound])
        if Golden.recording {
            try (String(readme[..<start.upperBound]) + FactHooks.markdownTable + String(readme[stop.lowerBound...]))
                .write(to: url, atomically: true, encoding: .utf8)
            return
        }
        if let difference = Golden.difference(actual: FactHooks.markdownTable, expected: table, name: "Rules/README.md hooks table") {
            Issue.record(Comment(rawValue: difference))
        }
    }

    @Test func valuesFromTheRequestAndTheCase() throws {
        let analyzer = Analyzer(book: try #require(RuleTestSupport.projectBook))
        let request = analyzer.parseRequest("Retrospective lumbar ESI L4-5 and L5-S1 x2, DOS 12/17/14", referenceDay: CalendarDay(iso: "2015-06-01")!)
        let context = CaseContext(documentDate: CalendarDay(iso: "2015-06-01"), patientAge: 61, injuryDate: CalendarDay(iso: "2009-12-03"))
        func value(_ name: String, _ r: ParsedRequest? = request) -> FactValue { FactHooks.named(name)!.value(request: r, context: context) }
        #expect(value("requested_quantity") == .number(2))
        #expect(value("requested_injection_count") == .number(2))
        #expect(value("requested_levels") == .number(2))
        #expect(value("request_is_retrospective") == .bool(true))
        #expect(value("age_years") == .number(61))
        #expect(value("body_region") == .text("lumbar"))
        #expect(value("request_date") == .date(CalendarDay(iso: "2014-12-17")!))
        #expect(value("request_date", nil) == .date(CalendarDay(iso: "2015-06-01")!))
        #expect(value("injury_date") == .date(CalendarDay(iso: "2009-12-03")!))
        #expect(value("years_since_injury") == .number(5.0))
        #expect(value("requested_injection_count", nil) == .unknown)
        #expect(value("requested_visits", analyzer.parseRequest("PT 3x2 lumbar")) == .number(6))
        #expect(value("requested_dose_mg", analyzer.parseRequest("Norco 10/325 #90")) == .number(10))
        #expect(value("request_specifies_dose_frequency", analyzer.parseRequest("Norco 10/325 #90")) == .bool(true))
    }
}
