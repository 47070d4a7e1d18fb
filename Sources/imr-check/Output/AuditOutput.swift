import Foundation
import GuidelineRules
import IMRParse

/// `audit` records and summaries in every format but HTML (`AuditReportHTML`): text for people (one
/// line per item, the criteria behind a disagreement in words, the summary), JSON and JSON Lines
/// (the prediction's object with the audit's fields), CSV (one row per item; a summary as rows).
enum AuditOutput {
    /// Writes item `n` (from 0) of a letter, as a worker does for `format`.
    static func write(_ record: AuditRecord, prediction p: Prediction, item: DisputedItem, number n: Int, source: SourceText,
                      format: OutputFormat, to out: inout JSONWriter) {
        switch format {
        case .jsonl:
            p.writeJSON(to: &out, source: source) { record.writeJSONFields(item: item, to: &$0) }
            out.raw("\n")
        case .json:
            if n > 0 { out.raw(",\n") }
            p.writeJSON(to: &out, source: source) { record.writeJSONFields(item: item, to: &$0) }
        case .csv:
            out.raw(text: CSV.row(record.csvFields(prediction: p, item: item)))
            out.raw("\n")
        case .text:
            for line in textLines(record, hasAssessment: p.assessment != nil, message: p.message) {
                out.raw(text: line)
                out.raw("\n")
            }
        case .html: break  // the report's rows are written per letter (`AuditReportHTML.writeLetter`)
        }
    }

    /// An item for people: agreement, recorded and predicted decisions, treatment and request; for
    /// an item that does not agree, the criteria behind the prediction, in words, with evidence.
    static func textLines(_ r: AuditRecord, hasAssessment: Bool, message: String?) -> [String] {
        let c = Console.shared
        let mark: String
        switch r.agrees {
        case true?: mark = c.paint("agree   ", "32")
        case false?: mark = c.paint("DISAGREE", "1;31")
        case nil: mark = c.paint("no rule ", "33")
        }
        let confidence = r.confidence.map { ", confidence \(Int(($0 * 100).rounded())) %" } ?? ""
        var out = ["\(mark) \(r.source) #\(r.item): recorded \(r.recorded ?? "–"), predicted \(r.predicted ?? "–")\(r.agrees == false ? confidence : "")  [\(r.treatment ?? "no rule")] \(r.request)"]
        if r.agrees != true {
            for d in r.drivers.prefix(6) {
                var line = "           \(d.status == "unmet" ? "✗ unmet" : "? undocumented"): \(d.text.isEmpty ? d.criterion : d.text) (\(d.citation))"
                if d.status == "unmet", let reason = d.reason { line += " — \(ReasonWords.words(for: reason))" }
                if let e = d.evidence { line += ": “\(e.count > 120 ? String(e.prefix(119)) + "…" : e)”" }
                out.append(line)
            }
            if r.drivers.count > 6 { out.append("           … \(counted(r.drivers.count - 6, "more criterion", "more criteria"))") }
            if r.drivers.isEmpty, hasAssessment { out.append("           every applicable criterion is met") }
            if let m = message { out.append("           \(m)") }
        }
        return out
    }

    /// The summary for people, as lines of text (the closing block of `audit`'s text output).
    static func summaryText(_ s: AuditSummary) -> [String] {
        let t = s.total
        var out: [String] = []
        out.append("Summary: \(counted(t.items, "disputed item")) in \(counted(s.documents, "letter"))"
                   + (s.failedInputs > 0 ? " (\(counted(s.failedInputs, "input")) could not be read)" : ""))
        out.append("  agreement: \(percent(t.rate)) (\(t.agree) agree, \(t.disagree) disagree, \(t.noPrediction) without a rule)")
        var matrix = [["recorded \\ predicted", "Upheld", "Overturned", "none"]]
        for r in ["Upheld", "Overturned", "none"] {
            let row = s.confusion[r] ?? [:]
            matrix.append([r, String(row["Upheld"] ?? 0), String(row["Overturned"] ?? 0), String(row["none"] ?? 0)])
        }
        out += alignedTable(matrix)
        func section(_ title: String, _ d: [String: AuditSummary.Tally]) {
            out.append("  by \(title):")
            var rows: [[String]] = []
            for k in d.keys.sorted(by: { (d[$0]!.items, $1) > (d[$1]!.items, $0) }) {
                let tally = d[k]!
                let name = k.count > 40 ? String(k.prefix(39)) + "…" : k
                rows.append([name, String(tally.items), tally.items == 1 ? "item, " : "items,", "agreement", percent(tally.rate)])
            }
            out += alignedTable(rows, indent: "    ", left: [2, 3])
        }
        section("treatment", s.byTreatment)
        section("guideline source", s.bySource)
        section("year", s.byYear)
        section("reviewer specialty", s.bySpecialty)
        if !s.reasons.isEmpty {
            out.append("  unmet criteria by reason:")
            out += alignedTable(s.reasons.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { [ReasonWords.words(for: $0.key), String($0.value), $0.value == 1 ? "criterion" : "criteria"] },
                                indent: "    ", left: [2])
        }
        if let r = s.rules { out.append(r.textLine) }
        for r in s.otherRules { out.append("  and for some items: \(r.folder) (fingerprint \(r.fingerprint))") }
        return out
    }

    /// The summary as CSV (`--summary-from … --format csv`): one row per breakdown line, the
    /// totals first (`group` = total), every row naming the rules.
    static let summaryCSVColumns = ["group", "name", "items", "agree", "disagree", "no_prediction", "agreement_rate", "rules_folder", "rules_fingerprint"]

    static func summaryCSV(_ s: AuditSummary) -> [String] {
        let folder = s.rules?.folder ?? "", fingerprint = s.rules?.fingerprint ?? ""
        func row(_ group: String, _ name: String, _ t: AuditSummary.Tally) -> String {
            CSV.row([group, name, String(t.items), String(t.agree), String(t.disagree), String(t.noPrediction),
                     t.rate.map { String(($0 * 1000).rounded() / 1000) } ?? "", folder, fingerprint])
        }
        var out = [CSV.row(summaryCSVColumns), row("total", "all", s.total)]
        for (group, d) in [("treatment", s.byTreatment), ("guideline_source", s.bySource), ("year", s.byYear), ("reviewer_specialty", s.bySpecialty)] {
            for k in d.keys.sorted(by: { (d[$0]!.items, $1) > (d[$1]!.items, $0) }) { out.append(row(group, k, d[k]!)) }
        }
        return out
    }
}
