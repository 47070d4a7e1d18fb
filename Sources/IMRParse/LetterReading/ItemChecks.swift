/// Checks each parsed item and says what is doubtful: reconciles the statements of its decision (a
/// verdict sentence, "The utilization review decision is overturned.", over the decision label, over
/// the rationale's conclusion, which fills in a missing decision), warns of a conflict between them,
/// a missing field, a rationale cut off mid-sentence at the end of the letter.
enum ItemChecks {
    static func check(_ items: inout [DisputedItem], layout: LetterLayout, lines: LetterLines) -> [String] {
        var warnings: [String] = []
        let bytes = lines.bytes
        let expectsCitations = layout != .medicalProfessionalReview && layout != .unknown
        let lastContent = lines.trim(0..<bytes.count).upperBound
        for k in items.indices {
            // Built only for a warning: counting a title's characters is not free.
            var name: String { "item \(k + 1) (\(shortTitle(items[k].title.value)))" }
            if items[k].title.value.isEmpty { warnings.append("item \(k + 1): no title found before its fields") }
            let conclusion = items[k].rationale.flatMap { DecisionPhrases.conclusion(bytes, $0.range) }
            // The verdict sentence is the strongest statement, then the decision label, then the
            // rationale's conclusion; a conflict is a warning that names both.
            if let v = items[k].verdict {
                if let d = items[k].decision, d.value != v.value {
                    warnings.append("\(name): the verdict sentence says \(v.value.rawValue) but the decision label says \(d.value.rawValue); \(v.value.rawValue) kept")
                } else if let c = conclusion, c.value != v.value {
                    warnings.append("\(name): the verdict sentence says \(v.value.rawValue) but the rationale concludes \(c.value == .upheld ? "not medically necessary" : "medically necessary"); \(v.value.rawValue) kept")
                }
                items[k].decision = v
            } else if items[k].decision == nil {
                if let c = conclusion {
                    items[k].decision = c
                    warnings.append("\(name): no decision stated; \(c.value.rawValue) read from the rationale's conclusion")
                } else {
                    warnings.append("\(name): no decision found")
                }
            } else if let d = items[k].decision, let c = conclusion, c.value != d.value {
                warnings.append("\(name): the decision is \(d.value.rawValue) but the rationale concludes \(c.value == .upheld ? "not medically necessary" : "medically necessary")")
            }
            var missing: [String] = []
            if expectsCitations, items[k].claimsAdministratorGuideline == nil { missing.append("claims administrator guideline") }
            if expectsCitations, items[k].imrGuideline == nil { missing.append("reviewer guideline") }
            if items[k].rationale == nil { missing.append("decision rationale") }
            if !missing.isEmpty {
                let list = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " or " + missing.last!
                warnings.append("\(name): no \(list)\(items[k].rationale == nil ? " (the letter may be cut off)" : "")")
            }
            if let r = items[k].rationale?.range, r.upperBound >= lastContent, !endsCleanly(bytes, r) {
                warnings.append("\(name): the letter ends mid-sentence; the rationale may be cut off")
            }
        }
        return warnings
    }

    private static func endsCleanly(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard let last = r.last else { return false }
        return [46, 33, 63, 34, 41, 39].contains(bytes[last])
    }

    static func shortTitle(_ title: String) -> String {
        title.count <= 60 ? title : String(title.prefix(57)) + "…"
    }
}
