import GuidelineRules
import IMRParse

/// `predict` in every format: the checklist for people (`Checklist`), the design's object in JSON
/// and JSON Lines (with `rules`), one CSV row per request, and the closing summary.
enum PredictOutput {
    /// Writes prediction `n` (from 0) of a narrative in `format`.
    static func write(_ p: Prediction, source: SourceText, rules: RuleBook.Origin?, format: OutputFormat, number n: Int, to out: inout JSONWriter) {
        switch format {
        case .json, .jsonl:
            if format == .json, n > 0 { out.raw(",\n") }
            p.writeJSON(to: &out, source: source) { w in
                guard let rules else { return }
                w.key("rules")
                rules.writeJSON(to: &w)
            }
            if format == .jsonl { out.raw("\n") }
        case .csv:
            out.raw(text: CSV.row(csvFields(p, source: source, rules: rules)))
            out.raw("\n")
        default:
            for line in Checklist.lines(p, text: source) {
                out.raw(text: line)
                out.raw("\n")
            }
        }
    }

    /// The columns of `predict --format csv`; lists are joined with ";".
    static let csvColumns = ["source", "request", "treatment", "components", "predicted", "medically_necessary", "confidence",
                             "decided_by", "uncertain", "met", "unmet", "undocumented", "reasons", "missing_documentation", "edition",
                             "rules_folder", "rules_fingerprint"]

    static func csvFields(_ p: Prediction, source: SourceText, rules: RuleBook.Origin?) -> [String] {
        let a = p.assessment
        let results = a?.results ?? []
        func ids(_ s: CriterionStatus) -> String { results.filter { $0.status == s }.map(\.criterion.id).joined(separator: ";") }
        let reasons = Array(Set(results.filter { $0.status == .unmet }.compactMap(\.criterion.reason))).sorted()
        return [source.path, p.request.text, a == nil ? "" : p.request.treatment ?? "", p.request.components.joined(separator: ";"),
                a?.decision.rawValue ?? "", a.map { $0.decision == .overturned ? "true" : "false" } ?? "",
                a.map { String(($0.confidence * 100).rounded() / 100) } ?? "", a?.decidedBy.joined(separator: ";") ?? "",
                a.map { $0.isUncertain ? "true" : "false" } ?? "", ids(.met), ids(.unmet), ids(.undocumented),
                reasons.joined(separator: ";"), a?.missingDocumentation.joined(separator: ";") ?? "", a?.edition ?? "",
                rules?.folder ?? "", rules?.fingerprint ?? ""]
    }

    /// The closing lines of the text output: a summary when more than one request was judged, and
    /// the rules line.
    static func summaryText(_ s: PredictionSummary) -> [String] {
        var out: [String] = []
        if s.requests > 1 || s.documents > 1 {
            out.append("Summary: \(counted(s.requests, "request")) in \(counted(s.documents, "narrative"))"
                       + (s.failedInputs > 0 ? " (\(counted(s.failedInputs, "input")) could not be read or held no request)" : ""))
            out.append("  predicted: \(s.outcomes["Overturned"] ?? 0) Overturned, \(s.outcomes["Upheld"] ?? 0) Upheld, \(s.outcomes["none"] ?? 0) without a rule"
                       + (s.uncertain > 0 ? " (\(s.uncertain) uncertain)" : ""))
            let missing = s.mostCommonMissing()
            if !missing.isEmpty {
                out.append("  most common missing documentation:")
                for m in missing { out.append("    \(counted(m.requests, "request")): \(m.advice)") }
            }
        }
        if let r = s.rules { out.append(r.textLine) }
        return out
    }
}
