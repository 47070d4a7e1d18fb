/// Fixed vocabularies the checker validates against: reason codes, units, assertion categories
/// and attributions. Treatment ids are not among them: the rule files are the registry of
/// families (a new id needs no Swift change); the design's ids, which outside checks read, are
/// kept by `DesignTreatmentIDsTests` (none may disappear or be renamed).
package enum Vocabulary {
    /// Reason codes (the digest's cross-cutting denial reasons, plus `no_indication` and
    /// `monitoring_not_documented` for ongoing-treatment monitoring such as the opioid 4 A's).
    package static let reasonCodes: [String] = [
        "no_functional_improvement", "insufficient_prior_response", "request_incomplete", "quantity_exceeds_guideline",
        "not_recommended", "no_objective_findings", "first_line_not_tried", "no_rationale", "duration_exceeded",
        "component_not_recommended", "no_indication", "monitoring_not_documented",
    ]

    package static let units: [String] = [
        "percent", "weeks", "months", "days", "hours", "years", "mg", "mg_per_day", "per_week", "per_day", "score", "bmi", "grams",
    ]

    package static let assertions: [String] = ["affirmed", "negated", "possible", "historical", "hypothetical", "other_person", "guideline"]
    package static let attributions: [String] = ["treater", "reviewer", "utilization_review", "patient", "records"]
    package static let directions: [String] = ["forward", "backward", "both", "sentence", "generic"]
}
