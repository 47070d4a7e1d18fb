import IMRParse

/// How one criterion stands for one request, and why.
public struct CriterionResult: Sendable {
    public var criterion: Criterion
    public var treatment: String
    public var status: CriterionStatus
    /// The facts the criterion read, with their values (made when asked, from the assessed facts).
    public var facts: [FactReading] { assessed?.readings(recorded.slots(of: criterion)) ?? [] }
    /// Evidence of the facts that decided the status (made when asked, from the assessed facts).
    public var evidence: [FactEvidence] { assessed?.countedEvidence(recorded.slots(of: criterion)) ?? [] }
    /// Which of the criterion's fact lists the status rests on, and the facts it was assessed on
    /// (set once the assessment is done: its trials change values and put them back).
    var recorded: RecordedFacts = .none
    var assessed: AssessedFacts?
    /// Why it is not applicable, when it is not.
    var whyNotApplicable: NotApplicable?
    /// For an unmet criterion, what would meet it, in plain words ("a request for 2 visits would
    /// meet it", "it would be met on 2015-04-02, 6 weeks after the injection"); nil when nothing the
    /// requester chooses or time can change would.
    public var advice: String?
    /// Why it is not applicable, when it is not ("applies only when prior_esi_count >= 1").
    public var note: String? { whyNotApplicable.map { criterion.notes[$0.rawValue] } }

    init(criterion: Criterion, treatment: String, status: CriterionStatus) {
        self.criterion = criterion
        self.treatment = treatment
        self.status = status
    }
}
