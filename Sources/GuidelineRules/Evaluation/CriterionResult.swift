import IMRParse

/// How one criterion stands for one request, and why.
public struct CriterionResult: Sendable {
    public var criterion: Criterion
    public var treatment: String
    public var status: CriterionStatus
    /// The facts the criterion read, with their values.
    public var facts: [FactReading]
    /// Evidence of the facts that decided the status.
    public var evidence: [FactEvidence]
    /// Why it is not applicable, when it is not.
    var whyNotApplicable: NotApplicable?
    /// For an unmet criterion, what would meet it, in plain words ("a request for 2 visits would
    /// meet it", "it would be met on 2015-04-02, 6 weeks after the injection"); nil when nothing the
    /// requester chooses or time can change would.
    public var advice: String?
    /// Why it is not applicable, when it is not ("applies only when prior_esi_count >= 1").
    public var note: String? { whyNotApplicable.map { criterion.notes[$0.rawValue] } }
}
