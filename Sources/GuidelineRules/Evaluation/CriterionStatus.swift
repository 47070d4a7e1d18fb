import IMRParse

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

/// The decision policy, written down once: any unmet criterion → Upheld; every applicable criterion
/// met → Overturned; otherwise (something undocumented, nothing unmet) → Upheld, because the burden
/// of documentation is on the requester — reported as undocumented, not as unmet.
public enum DecisionPolicy {
    public static func decide(_ statuses: some Sequence<CriterionStatus>) -> (decision: Decision, basis: Basis) {
        var undocumented = false
        for s in statuses {
            if s == .unmet { return (.upheld, .unmet) }
            if s == .undocumented { undocumented = true }
        }
        return undocumented ? (.upheld, .undocumented) : (.overturned, .allMet)
    }

    public enum Basis: String, Sendable {
        case unmet = "a criterion is unmet"
        case undocumented = "a criterion is undocumented (the burden of documentation is on the requester)"
        case allMet = "every applicable criterion is met"
    }
}
