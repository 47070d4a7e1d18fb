import Foundation
import IMRParse
import Testing
@testable import GuidelineRules

/// The audit's record of an item and the running summary, without a subprocess: built from a
/// parsed letter's predictions, written to JSON and CSV, read back from JSON Lines, counted.
@Suite struct AuditRecordTests {
    static func audit(_ name: String) throws -> (Determination, SourceText, [Prediction], [AuditRecord]) {
        let url = RuleTestSupport.packageRoot.appendingPathComponent("examples/letters/\(name)")
        let text = try SourceLoader.load(path: url.path)
        let letter = LetterParser.parse(text)
        let analyzer = Analyzer(book: try #require(RuleTestSupport.projectBook))
        let predictions = analyzer.predictItems(of: letter, source: text, context: CaseContext(letter: letter))
        let records = zip(letter.items, predictions).enumerated().map { n, pair in
            AuditRecord(letter: letter, item: pair.0, number: n + 1, prediction: pair.1, source: text)
        }
        return (letter, text, predictions, records)
    }

    /// Every example letter's records (which items disagree depends on the rules of the day; at least
    /// one of the example letters has a disagreement, so both kinds of record are exercised).
    @Test func recordsOfALetter() throws {
        var disagreements = 0
        for name in ["notice_2013_two_items_crlf.txt", "final_determination_page_breaks.txt", "mpr_three_issues.txt"] {
            let (letter, _, predictions, records) = try Self.audit(name)
            #expect(records.count == letter.items.count)
            for (k, r) in records.enumerated() {
                #expect(r.item == k + 1)
                #expect(r.request == letter.items[k].title.value)
                #expect(r.recorded == letter.items[k].decision?.value.rawValue)
                #expect(r.predicted == predictions[k].decision?.rawValue)
                #expect(r.year == letter.documentDate?.year)
                // Drivers carry evidence text only where the item disagrees.
                if r.agrees == true { #expect(r.drivers.allSatisfy { $0.evidence == nil }) }
                if r.agrees == false { disagreements += 1 }
            }
        }
        #expect(disagreements > 0)
    }

    @Test func agreementNeedsBothDecisions() {
        #expect(AuditRecord.agrees(recorded: "Upheld", predicted: "Upheld") == true)
        #expect(AuditRecord.agrees(recorded: "Upheld", predicted: "Overturned") == false)
        #expect(AuditRecord.agrees(recorded: nil, predicted: "Upheld") == nil)
    }

    @Test func csvRowHasEveryColumn() throws {
        let (letter, _, predictions, records) = try Self.audit("final_determination_three_items.txt")
        for (k, r) in records.enumerated() {
            let fields = r.csvFields(prediction: predictions[k], item: letter.items[k])
            #expect(fields.count == AuditRecord.csvColumns.count)
            #expect(fields[0] == r.source && fields[1] == String(k + 1))
        }
    }

    /// What `audit --format jsonl` writes reads back (`audit --summary-from`) as the same record.
    @Test func jsonLinesRoundTrip() throws {
        let (letter, text, predictions, records) = try Self.audit("final_determination_three_items.txt")
        for (k, r) in records.enumerated() {
            var w = JSONWriter()
            predictions[k].writeJSON(to: &w, source: text) { r.writeJSONFields(item: letter.items[k], to: &$0) }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
            let back = try #require(AuditRecord(json: object))
            #expect(back.source == r.source && back.item == r.item && back.request == r.request)
            #expect(back.recorded == r.recorded && back.predicted == r.predicted && back.year == r.year)
            #expect(back.guidelineSources == r.guidelineSources)
            #expect(back.drivers.map(\.criterion) == r.drivers.map(\.criterion))
        }
    }

    @Test func summaryCounts() throws {
        var summary = AuditSummary(keepDisagreements: 1)
        for name in ["notice_2013_two_items_crlf.txt", "final_determination_page_breaks.txt", "mpr_three_issues.txt"] {
            for r in try Self.audit(name).3 { summary.add(r) }
        }
        let t = summary.total
        #expect(t.items == t.agree + t.disagree + t.noPrediction)
        #expect(summary.disagreementsTotal == t.disagree)
        #expect(summary.disagreements.count == min(1, t.disagree))
        #expect(summary.byTreatment.values.map(\.items).reduce(0, +) == t.items)
        let json = summary.json.compact
        #expect(json.hasPrefix("{\"summary\":true,"))
    }
}
