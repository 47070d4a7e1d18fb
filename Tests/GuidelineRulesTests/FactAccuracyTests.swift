import Foundation
import IMRParse
import Testing
@testable import GuidelineRules

/// Accuracy of fact extraction on the project's labelled sentences (Fixtures/labelled/facts.tsv):
/// each sentence, alone, must give the expected value of its fact (true, false, a number, or unknown).
/// Prints precision and recall per fact; fails below the floors, so a regression shows.
@Suite struct FactAccuracyTests {
    struct Row { var text: String; var fact: String; var expected: String }

    static func rows(_ file: String = "facts.tsv") throws -> [Row] {
        let url = RuleTestSupport.fixtures.appendingPathComponent("labelled/\(file)")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return parts.count == 3 ? Row(text: parts[0], fact: parts[1], expected: parts[2]) : nil
        }
    }

    static func value(_ v: FactValue) -> String {
        switch v {
        case .unknown: return "unknown"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return d == d.rounded() ? String(Int(d)) : String(format: "%.1f", d)
        case .text(let s): return s
        case .date(let d): return CivilDate.iso(days: d)
        }
    }

    /// The development set (phrases were tuned on it) and the held-out set (written before the last
    /// tuning round, never tuned on): the held-out numbers are the honest estimate.
    @Test(arguments: [("facts.tsv", 0.90, 0.90), ("facts-heldout.tsv", 0.80, 0.70)])
    func labelledFactSentences(file: String, minimumPrecision: Double, minimumRecall: Double) throws {
        let book = try #require(RuleTestSupport.projectBook)
        let analyzer = Analyzer(book: book)
        let rows = try Self.rows(file)
        #expect(rows.count >= 40)
        struct Tally { var tp = 0, predicted = 0, expected = 0, correct = 0, total = 0 }
        var byFact: [String: Tally] = [:]
        var all = Tally()
        var misses: [String] = []
        for row in rows {
            guard let slot = book.factSlot(row.fact) else {
                Issue.record("labelled fact '\(row.fact)' is not defined in the rules")
                continue
            }
            let source = SourceText(path: "labelled", string: row.text)
            let facts = analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())
            let got = Self.value(facts[slot])
            let ok = got == row.expected || (Double(got).flatMap { g in Double(row.expected).map { abs(g - $0) <= 0.2 } } ?? false)
            var t = byFact[row.fact] ?? Tally()
            t.total += 1
            if ok { t.correct += 1 } else { misses.append("\(row.fact): expected \(row.expected), got \(got) — \(row.text)") }
            if got != "unknown" { t.predicted += 1; if ok { t.tp += 1 } }
            if row.expected != "unknown" { t.expected += 1 }
            byFact[row.fact] = t
            all.total += 1; all.correct += ok ? 1 : 0
            all.predicted += got != "unknown" ? 1 : 0; all.tp += (ok && got != "unknown") ? 1 : 0
            all.expected += row.expected != "unknown" ? 1 : 0
        }
        var report = ["fact                                   n   accuracy  precision  recall"]
        for (name, t) in byFact.sorted(by: { $0.key < $1.key }) {
            let p = t.predicted == 0 ? 1 : Double(t.tp) / Double(t.predicted)
            let r = t.expected == 0 ? 1 : Double(t.tp) / Double(t.expected)
            report.append(name.padding(toLength: 38, withPad: " ", startingAt: 0)
                          + String(format: "%3d   %6.2f    %6.2f    %6.2f", t.total, Double(t.correct) / Double(t.total), p, r))
        }
        let precision = Double(all.tp) / Double(max(all.predicted, 1))
        let recall = Double(all.tp) / Double(max(all.expected, 1))
        report.append(String(format: "ALL %@ %d sentences: accuracy %.3f, precision %.3f, recall %.3f", file, all.total,
                             Double(all.correct) / Double(all.total), precision, recall))
        print(report.joined(separator: "\n"))
        if !misses.isEmpty { print("misses:\n  " + misses.joined(separator: "\n  ")) }
        #expect(precision >= minimumPrecision, "fact precision \(precision) on \(file)")
        #expect(recall >= minimumRecall, "fact recall \(recall) on \(file)")
    }
}
