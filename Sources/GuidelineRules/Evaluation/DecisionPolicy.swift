import IMRParse

/// The decision policy, written down once: any unmet criterion → Upheld; every applicable criterion
/// met → Overturned; otherwise (something undocumented, nothing unmet) → Upheld, because the burden
/// of documentation is on the requester — reported as undocumented, not as unmet.
package enum DecisionPolicy {
    package static func decide(_ statuses: some Sequence<CriterionStatus>) -> (decision: Decision, basis: Basis) {
        var undocumented = false
        for s in statuses {
            if s == .unmet { return (.upheld, .unmet) }
            if s == .undocumented { undocumented = true }
        }
        return undocumented ? (.upheld, .undocumented) : (.overturned, .allMet)
    }

    package enum Basis: String, Sendable {
        case unmet = "a criterion is unmet"
        case undocumented = "a criterion is undocumented (the burden of documentation is on the requester)"
        case allMet = "every applicable criterion is met"
    }
}
