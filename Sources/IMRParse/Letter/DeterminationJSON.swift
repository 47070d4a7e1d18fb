/// The `parse` JSON object of a determination (see `design.md`, "JSON shapes").
///
/// The documented fields come first and in the documented order: `source`, `format`, `reviewer`,
/// `patient`, `case_summary`, `items`, `warnings`. Extra fields follow: `case_number`,
/// `letter_date`, `ur_denial_date`, and `spans`, which give Unicode-scalar `{start, end}` offsets
/// into the input for the case summary and, per item, for the title, decision and rationale.
extension Determination {
    public func json(in text: SourceText) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("source", .string(source)),
            ("format", .string(layout.rawValue)),
            ("reviewer", .object([
                ("specialty", .optional(reviewer.specialty?.value)),
                ("subspecialty", .optional(reviewer.subspecialty?.value)),
                ("licensure", .array(reviewer.licensure.map { .string($0.value) })),
            ])),
            ("patient", .object([
                ("age", .optional(patient.age?.value)),
                ("sex", .optional(patient.sex?.value)),
                ("injury_date", .optional(patient.injuryDate?.value.iso)),
            ])),
            ("case_summary", .optional(caseSummary?.value)),
            ("items", .array(items.map { $0.json(in: text) })),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ]
        fields.append(("case_number", .optional(caseNumber?.value)))
        fields.append(("letter_date", .optional(letterDate?.value.iso)))
        fields.append(("ur_denial_date", .optional(urDenialDate?.value.iso)))
        fields.append(("spans", .object([("case_summary", Self.span(caseSummary?.range, text))])))
        return .object(fields)
    }

    static func span(_ range: Range<Int>?, _ text: SourceText) -> JSONValue {
        guard let range else { return .null }
        let s = text.span(range)
        return .object([("start", .int(s.start)), ("end", .int(s.end))])
    }
}

extension DisputedItem {
    /// One element of the `items` array of the `parse` object.
    public func json(in text: SourceText) -> JSONValue {
        .object([
            ("title", .string(title.value)),
            ("decision", .optional(decision?.value.rawValue)),
            ("claims_administrator_guideline", claimsAdministratorGuideline.map { $0.json } ?? .null),
            ("imr_guideline", imrGuideline.map { $0.json } ?? .null),
            ("rationale", .optional(rationale?.value)),
            ("spans", .object([
                ("title", Determination.span(title.range, text)),
                ("decision", Determination.span(decision?.range, text)),
                ("rationale", Determination.span(rationale?.range, text)),
            ])),
        ])
    }
}

extension GuidelineCitation {
    public var json: JSONValue {
        .object([
            ("text", .string(text)),
            ("sources", .array(sources.map(JSONValue.string))),
            ("pages", .array(pages.map(JSONValue.int))),
        ])
    }
}
