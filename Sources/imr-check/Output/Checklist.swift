import GuidelineRules
import IMRParse

/// The text form of a prediction: one checklist per request, readable without colour.
enum Checklist {
    static func lines(_ p: Prediction, text: SourceText) -> [String] {
        let c = Console.shared
        var out: [String] = []
        out.append(c.paint("Request: \(p.request.text)", "1"))
        guard let a = p.assessment else {
            out.append("  Treatment: not recognised — \(p.message ?? "no rule covers this request")")
            out.append("  Prediction: none")
            out.append("")
            return out
        }
        let names = a.treatments.map { "\($0.name) (\($0.id))" }.joined(separator: " + ")
        out.append("  Treatment: \(names)" + (a.treatments.count > 1 ? " — a bundle, decided as one" : ""))
        let verdict = a.decision == .overturned ? c.paint("Overturned — medically necessary", "1;32") : c.paint("Upheld — not medically necessary", "1;31")
        out.append("  Prediction: \(verdict), confidence \(Self.percent(a.confidence)) (\(a.basis.rawValue))")
        let byID = Dictionary(a.results.map { ($0.criterion.id, $0.criterion.text) }, uniquingKeysWith: { first, _ in first })
        if !a.decidedBy.isEmpty {
            out.append("  Decided by: " + a.decidedBy.compactMap { byID[$0] }.joined(separator: "; "))
        }
        if a.isUncertain {
            let settle = a.results.filter { $0.status == .undocumented || ($0.status == .unmet && $0.criterion.role == .supporting) }
                .compactMap { $0.criterion.missing ?? $0.criterion.text }
            out.append("  " + c.paint("Uncertain", "1;33") + (settle.isEmpty ? ": the criteria point both ways" : ": it would be settled by documenting " + settle.prefix(3).joined(separator: "; ")))
        }
        out.append("  Edition: \(a.edition)")
        for r in a.results {
            let mark: String
            switch r.status {
            case .met: mark = c.paint("✓", "32")
            case .unmet: mark = c.paint("✗", "31")
            case .undocumented: mark = c.paint("?", "33")
            case .notApplicable: mark = c.paint("–", "2")
            }
            out.append("  \(mark) [\(r.status.rawValue)\(r.status == .notApplicable ? "" : ", " + r.criterion.role.rawValue)] \(r.criterion.text)")
            out.append("      \(r.criterion.citation.text)")
            if r.status == .undocumented, let m = r.criterion.missing { out.append("      document: \(m)") }
            if let advice = r.advice { out.append("      \(advice)") }
            if let note = r.note, r.status == .notApplicable { out.append("      \(note)") }
            if r.status == .met || r.status == .unmet {
                for e in r.evidence.prefix(2) where e.how != .given {
                    if e.how == .request { out.append("      evidence: the request text"); continue }
                    var s = text.normalized(e.range)
                    if s.count > 140 { s = String(s.prefix(137)) + "…" }
                    out.append("      evidence (\(e.assertion)\(e.trigger(in: text).map { ", \"\($0)\"" } ?? "")): \(s)")
                }
            }
        }
        if !a.missingDocumentation.isEmpty {
            out.append("  To document:")
            for m in a.missingDocumentation { out.append("    - \(m)") }
        }
        if let change = a.documentationThatWouldChangeOutcomeInWords, !change.isEmpty {
            out.append("  Documenting these would change the outcome: \(change.joined(separator: "; "))")
        }
        out.append("")
        return out
    }

    /// "83 %": a confidence as people read it.
    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }
}
