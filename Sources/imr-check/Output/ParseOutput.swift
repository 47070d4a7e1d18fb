import GuidelineRules
import IMRParse

/// `parse` for people: a letter's layout, reviewer, patient and items, one line each. (Its JSON is
/// the letter model's own, `Determination.json(in:)`; parse uses no rules, so it names none.)
enum ParseOutput {
    static func textLines(_ d: Determination, _ text: SourceText) -> [String] {
        let c = Console.shared
        var out = [c.paint(d.source, "1") + "  (\(d.layout.rawValue))"]
        var reviewer: [String] = []
        if let s = d.reviewer.specialty { reviewer.append(s.value) }
        if let s = d.reviewer.subspecialty { reviewer.append("subspecialty \(s.value)") }
        if !d.reviewer.licensure.isEmpty { reviewer.append("licensed in " + d.reviewer.licensure.map(\.value).joined(separator: ", ")) }
        if !reviewer.isEmpty { out.append("  Reviewer: " + reviewer.joined(separator: "; ")) }
        var patient: [String] = []
        if let a = d.patient.age { patient.append("\(a.value) years") }
        if let s = d.patient.sex { patient.append(s.value) }
        if let i = d.patient.injuryDate { patient.append("injured \(i.value.iso)") }
        if !patient.isEmpty { out.append("  Patient: " + patient.joined(separator: ", ")) }
        if let n = d.caseNumber { out.append("  Case: \(n.value)") }
        if let l = d.letterDate { out.append("  Letter date: \(l.value.iso)") }
        for (n, item) in d.items.enumerated() {
            let decision = item.decision?.value.rawValue ?? "no decision"
            let painted = item.decision?.value == .overturned ? c.paint(decision, "32") : c.paint(decision, "31")
            out.append("  \(n + 1). \(painted)  \(item.title.value)")
            if let g = item.imrGuideline {
                out.append("     IMR guideline: " + (g.sources.isEmpty ? "" : g.sources.joined(separator: ", ") + " ")
                           + (g.pages.isEmpty ? "" : PageList.format(g.pages)))
            }
        }
        if d.items.isEmpty, d.layout == .narrative { out.append("  (not a letter: read as one narrative)") }
        for w in d.warnings { out.append("  " + c.paint("warning:", "33") + " " + w) }
        return out
    }
}
