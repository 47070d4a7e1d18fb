/// How one criterion stands for one request.
public enum CriterionStatus: String, Sendable, CaseIterable {
    /// The record shows the criterion is satisfied.
    case met
    /// The record shows the criterion is not satisfied: a finding.
    case unmet
    /// The record does not settle it: the documentation a physician should add.
    case undocumented
    /// The criterion does not apply (its `when` is false or unknown, or another edition is in force).
    case notApplicable = "not_applicable"

    /// The checklist mark used in text output.
    public var mark: String {
        switch self { case .met: "✓"; case .unmet: "✗"; case .undocumented: "?"; case .notApplicable: "–" }
    }
}
