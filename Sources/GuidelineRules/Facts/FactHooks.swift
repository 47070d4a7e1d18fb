/// The registry of facts computed in Swift rather than declared with phrases.
///
/// A rule file names a hook with `hook NAME` in a fact declaration; the declared type must match
/// the type given here (the checker says so otherwise). Values come from the parsed request, the
/// letter's header (patient, dates) or the narrative's values; see `FactExtractor.hookValue`.
/// Add a hook here and in `FactExtractor.hookValue`, then document it in `Rules/README.md`.
public enum FactHooks {
    public struct Hook: Sendable {
        public var kind: FactKind
        public var unit: String?
        public var enumValues: [String]
        public var summary: String
    }

    /// The hooks by name, for the extractor's switch (a String switch per fact per case was a
    /// measurable cost).
    enum Name: String, CaseIterable, Sendable {
        case requestedQuantity = "requested_quantity", requestedInjectionCount = "requested_injection_count"
        case requestedVisits = "requested_visits", requestedFrequencyPerWeek = "requested_frequency_per_week"
        case requestedDurationWeeks = "requested_duration_weeks", requestedLevels = "requested_levels"
        case requestIsRetrospective = "request_is_retrospective", requestSpecifiesDoseFrequency = "request_specifies_dose_frequency"
        case requestedDoseMg = "requested_dose_mg", ageYears = "age_years", bodyRegion = "body_region", laterality
        case requestDate = "request_date", injuryDate = "injury_date", yearsSinceInjury = "years_since_injury"

        /// Read from the request text (its evidence is the request).
        var isRequestHook: Bool {
            switch self {
            case .requestedQuantity, .requestedInjectionCount, .requestedVisits, .requestedFrequencyPerWeek,
                 .requestedDurationWeeks, .requestedLevels, .requestIsRetrospective, .requestSpecifiesDoseFrequency,
                 .requestedDoseMg, .requestDate: true
            case .ageYears, .bodyRegion, .laterality, .injuryDate, .yearsSinceInjury: false
            }
        }
    }

    public static let all: [String: Hook] = [
        "requested_quantity": Hook(kind: .count, unit: nil, enumValues: [], summary: "the quantity the request states (\"x2\", \"#90\", \"series of three\"); unknown when it states none"),
        "requested_injection_count": Hook(kind: .count, unit: nil, enumValues: [], summary: "injections requested: the stated quantity, else 1"),
        "requested_visits": Hook(kind: .count, unit: nil, enumValues: [], summary: "visits requested: frequency × duration (\"3x2\" = 6) or a stated count"),
        "requested_frequency_per_week": Hook(kind: .number, unit: "per_week", enumValues: [], summary: "visits per week in the request"),
        "requested_duration_weeks": Hook(kind: .number, unit: "weeks", enumValues: [], summary: "weeks of treatment in the request"),
        "requested_levels": Hook(kind: .count, unit: nil, enumValues: [], summary: "spine levels named in the request"),
        "request_is_retrospective": Hook(kind: .bool, unit: nil, enumValues: [], summary: "the request is retrospective (\"retrospective\", \"DOS …\")"),
        "request_specifies_dose_frequency": Hook(kind: .bool, unit: nil, enumValues: [], summary: "a drug request states its strength (mg or %) and its frequency or quantity"),
        "requested_dose_mg": Hook(kind: .number, unit: "mg", enumValues: [], summary: "strength in mg per unit (\"Norco 10/325\" → 10)"),
        "age_years": Hook(kind: .number, unit: "years", enumValues: [], summary: "the patient's age from the letter or the narrative"),
        "body_region": Hook(kind: .enumeration, unit: nil, enumValues: ["lumbar", "cervical", "thoracic", "shoulder", "elbow", "wrist_hand", "hip", "knee", "ankle_foot", "multiple"], summary: "body region of the request (else of the narrative)"),
        "laterality": Hook(kind: .enumeration, unit: nil, enumValues: ["left", "right", "bilateral"], summary: "side of the request"),
        "request_date": Hook(kind: .date, unit: nil, enumValues: [], summary: "the date of service or request: a retrospective request's DOS, else the letter's date"),
        "injury_date": Hook(kind: .date, unit: nil, enumValues: [], summary: "date of injury from the letter or the narrative"),
        "years_since_injury": Hook(kind: .number, unit: "years", enumValues: [], summary: "years from the injury to the request date"),
    ]
}
