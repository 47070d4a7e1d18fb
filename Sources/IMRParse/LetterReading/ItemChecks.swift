/// Checks each parsed item and says what is doubtful: reconciles the statements of its decision (a
/// verdict sentence, "The utilization review decision is overturned.", over the decision label, over
/// the rationale's conclusion, which fills in a missing decision), warns of a conflict between them,
/// a missing field, a rationale cut off mid-sentence at the end of the letter.
enum ItemChecks {
    /// What a rationale concludes; a conclusion cut by a page break or a hyphen at a line's end is
    /// read as a reader reads it (`LetterLines.asRead`), its range mapped back into the letter.
    static func rationaleConclusion(of range: Range<Int>, _ lines: LetterLines) -> Located<Decision>? {
        if let c = DecisionPhrases.conclusion(lines.bytes, range) { return c }
        // "Medical necessity for <treatment> has not been established." (no "medically necessary").
        if let c = DecisionPhrases.necessityConclusion(lines.bytes, max(range.lowerBound, range.upperBound - 600)..<range.upperBound) { return c }
        guard let clean = lines.asRead(range), let c = DecisionPhrases.conclusion(clean.bytes, 0..<clean.bytes.count) else { return nil }
        let last = max(c.range.lowerBound, c.range.upperBound - 1)
        return Located(c.value, clean.original(c.range.lowerBound)..<clean.original(last) + 1)
    }

    /// A rationale's conclusion already read (by `ItemBlocks.detach`), found again by where the
    /// rationale starts.
    struct Conclusion {
        var rationaleStart: Int
        var value: Located<Decision>?
    }

    static func check(_ items: inout [DisputedItem], layout: LetterLayout, lines: LetterLines, known: [Conclusion] = []) -> [String] {
        var warnings: [String] = []
        let expectsCitations = layout != .medicalProfessionalReview && layout != .unknown
        let lastContent = lines.trim(0..<lines.bytes.count).upperBound
        // Each item checked in place: reading an element's optional fields through the array
        // (`items[k].rationaleText`) copied the whole item — its strings, citations and rationale —
        // and destroyed the copy, for every read.
        for k in items.indices {
            check(&items[k], number: k + 1, expectsCitations: expectsCitations, lastContent: lastContent, lines, known, &warnings)
        }
        return warnings
    }

    private static func check(_ item: inout DisputedItem, number: Int, expectsCitations: Bool, lastContent: Int,
                              _ lines: LetterLines, _ known: [Conclusion], _ warnings: inout [String]) {
        let bytes = lines.bytes
        // Built only for a warning: counting a title's characters is not free.
        var name: String { "item \(number) (\(shortTitle(item.title.value)))" }
        if item.title.value.isEmpty { warnings.append("item \(number): no title found before its fields") }
        let rationale = item.rationaleText?.range
        let conclusion = rationale.flatMap { r in
            known.isEmpty ? rationaleConclusion(of: r, lines)
                : known.first(where: { $0.rationaleStart == r.lowerBound }).map(\.value) ?? rationaleConclusion(of: r, lines)
        }
        // The verdict sentence is the strongest statement, then the decision label, then the
        // rationale's conclusion; a conflict is a warning that names both.
        if let v = item.verdict {
            if let d = item.decision, d.value != v.value {
                warnings.append("\(name): the verdict sentence says \(v.value.rawValue) but the decision label says \(d.value.rawValue); \(v.value.rawValue) kept")
            } else if let c = conclusion, c.value != v.value {
                warnings.append("\(name): the verdict sentence says \(v.value.rawValue) but the rationale concludes \(c.value == .upheld ? "not medically necessary" : "medically necessary"); \(v.value.rawValue) kept")
            }
            item.decision = v
        } else if item.decision == nil {
            if let c = conclusion {
                item.decision = c
                warnings.append("\(name): no decision stated; \(c.value.rawValue) read from the rationale's conclusion")
            } else {
                warnings.append("\(name): no decision found")
            }
        } else if let d = item.decision, let c = conclusion, c.value != d.value {
            warnings.append("\(name): the decision is \(d.value.rawValue) but the rationale concludes \(c.value == .upheld ? "not medically necessary" : "medically necessary")")
        }
        var missing: [String] = []
        if expectsCitations, item.claimsAdministratorGuideline == nil { missing.append("claims administrator guideline") }
        if expectsCitations, item.imrGuideline == nil { missing.append("reviewer guideline") }
        if rationale == nil { missing.append("decision rationale") }
        if !missing.isEmpty {
            let list = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " or " + missing.last!
            warnings.append("\(name): no \(list)\(rationale == nil ? " (the letter may be cut off)" : "")")
        }
        if let r = rationale, r.upperBound >= lastContent, !endsCleanly(bytes, r) {
            warnings.append("\(name): the letter ends mid-sentence; the rationale may be cut off")
        }
    }

    /// How sure a reading of a letter in no known layout is, from what its items state: a title, a
    /// decision stated by the letter (not only read from a rationale's conclusion), a guideline
    /// citation and a rationale, for every item.
    static func confidence(_ items: [DisputedItem]) -> String {
        var have = 0
        var missing: [String] = []
        let titles = items.filter { !$0.title.value.isEmpty }.count
        let decisions = items.filter { $0.decision != nil }.count
        let citations = items.filter { $0.imrGuideline != nil || $0.claimsAdministratorGuideline != nil }.count
        let rationales = items.filter { $0.rationaleText != nil }.count
        have = titles + decisions + citations + rationales
        if titles < items.count { missing.append("\(items.count - titles) without a title") }
        if decisions < items.count { missing.append("\(items.count - decisions) without a decision") }
        if citations < items.count { missing.append("\(items.count - citations) without a guideline") }
        if rationales < items.count { missing.append("\(items.count - rationales) without a rationale") }
        let share = items.isEmpty ? 0 : Double(have) / Double(4 * items.count)
        let level = share >= 0.9 ? "high" : share >= 0.6 ? "medium" : "low"
        let detail = missing.isEmpty ? "every item has a title, a decision, a guideline and a rationale" : missing.joined(separator: ", ")
        return "letter layout not recognised: \(items.count) item(s) read from what the text says; confidence \(level) (\(detail))"
    }

    private static func endsCleanly(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard let last = r.last else { return false }
        return [46, 33, 63, 34, 41, 39].contains(bytes[last])
    }

    static func shortTitle(_ title: String) -> String {
        // A title of at most 60 bytes has at most 60 characters (most titles): no count of them.
        if title.utf8.count <= 60 { return title }
        return title.count <= 60 ? title : String(title.prefix(57)) + "…"
    }
}
