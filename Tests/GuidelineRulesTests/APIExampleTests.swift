import Foundation
import GuidelineRules
import IMRParse
import Testing

// The usage example of docs/api.md, verbatim between the markers (scripts/check-api.sh checks that
// the two agree and that the example compiles against the public API alone).
// example:begin
/// Audits a letter and predicts a draft request, with the rule files of the checkout at `root`;
/// returns one line per finding.
func auditAndPredict(root: String) throws -> [String] {
    var lines: [String] = []

    // Rules are loaded once; the rule book and the analyzer are shared by every thread.
    let rules = RuleLoader.load(directory: root + "/Rules")
    for diagnostic in rules.errors { lines.append(diagnostic.rendered()) }
    guard let book = rules.book else { return lines }
    let analyzer = Analyzer(book: book)

    // A determination letter: its structure, and each disputed item predicted as `imr-check audit` does.
    let text = try SourceLoader.load(path: root + "/examples/letters/mpr_three_issues.txt")
    let letter = LetterParser.parse(text)
    var summary = AuditSummary()
    let predictions = analyzer.predictItems(of: letter, source: text, context: CaseContext(letter: letter))
    for (n, (item, prediction)) in zip(letter.items, predictions).enumerated() {
        let record = AuditRecord(letter: letter, item: item, number: n + 1, prediction: prediction, source: text)
        summary.add(record)
        lines.append("\(item.title.value): recorded \(record.recorded ?? "–"), predicted \(record.predicted ?? "no rule")")
        for result in prediction.assessment?.results ?? [] where result.status == .unmet {
            lines.append("  unmet \(result.criterion.id) (\(result.criterion.citation.text))")
        }
    }
    lines.append("agreement: \(summary.total.agree) of \(summary.total.items)")

    // A physician's note and a draft request, judged on the request date.
    let note = try SourceLoader.load(path: root + "/examples/requests/esi-documented.txt")
    var context = CaseContext(letter: LetterParser.parse(note), source: note)
    context.requestDate = CalendarDay(iso: "2015-03-02")
    let prediction = analyzer.predict("Lumbar ESI L4-5", source: note, regions: [0..<note.bytes.count], context: context)
    lines.append("Lumbar ESI L4-5: \(prediction.decision?.rawValue ?? "no rule"); \(prediction.assessment?.edition ?? "")")
    for slot in book.facts.indices where prediction.facts[slot].isKnown {
        let evidence = prediction.facts.evidence[slot].first.map { note.normalized($0.range) } ?? ""
        lines.append("  \(book.facts[slot].name) = \(prediction.facts[slot].json.compact)  “\(evidence)”")
    }
    return lines
}
// example:end

/// The example of docs/api.md runs, and finds what the command line finds.
@Suite struct APIExampleTests {
    @Test func exampleRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let lines = try auditAndPredict(root: root)
        #expect(lines.contains { $0.hasPrefix("agreement: ") })
        #expect(lines.contains("Lumbar ESI L4-5: Overturned; criteria in force on 2015-03-02 (the request date given with --date)"))
        #expect(lines.contains { $0.hasPrefix("  radiculopathy_on_exam = true") })
    }
}
