import Foundation
import GuidelineRules

/// The audit as text for people: one line per item (with the criteria that drove a disagreement)
/// and the summary that closes the run.
enum AuditText {
    static func lines(_ r: AuditRecord, prediction p: Prediction) -> [String] {
        let c = Console.shared
        let mark: String
        switch r.agrees {
        case true?: mark = c.paint("agree   ", "32")
        case false?: mark = c.paint("DISAGREE", "1;31")
        case nil: mark = c.paint("no rule ", "33")
        }
        var out = ["\(mark) \(r.source) #\(r.item): recorded \(r.recorded ?? "–"), predicted \(r.predicted ?? "–")  [\(r.treatment ?? "no rule")] \(r.request)"]
        if r.agrees != true {
            for d in r.drivers.prefix(6) {
                out.append("           \(d.status == "unmet" ? "✗" : "?") \(d.criterion) (\(d.citation))" + (d.evidence.map { ": “\(String($0.prefix(120)))”" } ?? ""))
            }
            if r.drivers.isEmpty, p.assessment != nil { out.append("           every applicable criterion is met") }
            if let m = p.message { out.append("           \(m)") }
        }
        return out
    }
}

extension AuditSummary {
    /// "92.9%", or "–" without a rate.
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "–" }
        return String(format: "%.1f%%", rate * 100)
    }

    /// The summary for people, as lines of text.
    func textLines() -> [String] {
        var out: [String] = []
        out.append("Summary: \(total.items) disputed items in \(documents) letters" + (failedInputs > 0 ? " (\(failedInputs) inputs could not be read)" : ""))
        out.append("  agreement: \(AuditSummary.percent(total.rate)) (\(total.agree) agree, \(total.disagree) disagree, \(total.noPrediction) without a rule)")
        out.append("  recorded \\ predicted   Upheld   Overturned   none")
        for r in ["Upheld", "Overturned", "none"] {
            let row = confusion[r] ?? [:]
            out.append("  " + r.padding(toLength: 22, withPad: " ", startingAt: 0)
                       + String(row["Upheld"] ?? 0).padding(toLength: 9, withPad: " ", startingAt: 0)
                       + String(row["Overturned"] ?? 0).padding(toLength: 13, withPad: " ", startingAt: 0)
                       + String(row["none"] ?? 0))
        }
        func section(_ title: String, _ d: [String: Tally]) {
            out.append("  by \(title):")
            for k in d.keys.sorted(by: { (d[$0]!.items, $1) > (d[$1]!.items, $0) }) {
                let t = d[k]!
                let name = k.count > 36 ? String(k.prefix(35)) + "…" : k
                out.append("    " + name.padding(toLength: 38, withPad: " ", startingAt: 0) + "\(t.items) items, agreement \(AuditSummary.percent(t.rate))")
            }
        }
        section("treatment", byTreatment)
        section("guideline source", bySource)
        section("year", byYear)
        section("reviewer specialty", bySpecialty)
        return out
    }
}
