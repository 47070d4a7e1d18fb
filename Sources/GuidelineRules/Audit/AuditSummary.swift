import IMRParse

/// Running totals over audited items: agreement, confusion matrix and breakdowns (reviewer
/// specialties counted under their normalised names, `ReviewerSpecialty`).
///
/// Built incrementally (`add`) so an audit streams; only the first `keepDisagreements`
/// disagreements are kept whole, for the report's table.
public struct AuditSummary: Sendable {
    /// Counts of items: agreeing, disagreeing, and without a prediction (no rule or no decision).
    public struct Tally: Sendable {
        public var items = 0
        public var agree = 0
        public var disagree = 0
        public var noPrediction = 0
        /// Agreement among the items with both decisions; nil when there are none.
        public var rate: Double? { agree + disagree == 0 ? nil : Double(agree) / Double(agree + disagree) }
    }

    public var documents = 0
    public var failedInputs = 0
    public var total = Tally()
    /// recorded → predicted → count; "none" where a side is missing.
    public var confusion: [String: [String: Int]] = [:]
    public var byTreatment: [String: Tally] = [:]
    public var bySource: [String: Tally] = [:]
    public var byYear: [String: Tally] = [:]
    public var bySpecialty: [String: Tally] = [:]
    /// Outcomes by year: year → decision → count (recorded decisions).
    public var outcomesByYear: [String: [String: Int]] = [:]
    /// Unmet criteria by reason code ("unspecified" without one).
    public var reasons: [String: Int] = [:]
    /// The rules the items were predicted with; with `--summary-from`, the first seen.
    public var rules: RuleBook.Origin?
    /// Other rules some items were predicted with (shards run with different rule files).
    public var otherRules: [RuleBook.Origin] = []
    /// The first `keepDisagreements` disagreeing records, whole.
    public var disagreements: [AuditRecord] = []
    public var disagreementsTotal = 0
    public let keepDisagreements: Int

    public init(keepDisagreements: Int = 2000) { self.keepDisagreements = keepDisagreements }

    /// `ReviewerSpecialty.normalized` of the specialties seen so far (a few dozen names; normalizing
    /// one cost 20,000 instructions, for every item, under the audit's output lock).
    private var specialties: [String: String] = [:]

    private mutating func normalizedSpecialty(_ raw: String) -> String {
        if let known = specialties[raw] { return known }
        let name = ReviewerSpecialty.normalized(raw)
        if specialties.count < 1024 { specialties[raw] = name }
        return name
    }

    /// Counts one audited item.
    public mutating func add(_ r: AuditRecord) {
        confusion[r.recorded ?? "none", default: [:]][r.predicted ?? "none", default: 0] += 1
        // Runs on the thread that hands results over, once per item: plain dictionary updates.
        let year = r.year.map(String.init) ?? "unknown"
        AuditSummary.count(&total, r)
        AuditSummary.count(&byTreatment[r.treatment ?? "(no rule)", default: Tally()], r)
        if r.guidelineSources.isEmpty { AuditSummary.count(&bySource["(none cited)", default: Tally()], r) }
        for source in r.guidelineSources { AuditSummary.count(&bySource[source, default: Tally()], r) }
        AuditSummary.count(&byYear[year, default: Tally()], r)
        var specialty = "unknown"
        if let raw = r.specialty { specialty = normalizedSpecialty(raw) }
        AuditSummary.count(&bySpecialty[specialty, default: Tally()], r)
        if let origin = r.rules, origin != rules {
            if rules == nil { rules = origin } else if !otherRules.contains(origin) { otherRules.append(origin) }
        }
        if let recorded = r.recorded { outcomesByYear[year, default: [:]][recorded, default: 0] += 1 }
        for d in r.drivers where d.status == "unmet" { reasons[d.reason ?? "unspecified", default: 0] += 1 }
        if r.agrees == false {
            disagreementsTotal += 1
            if disagreements.count < keepDisagreements { disagreements.append(r) }
        }
    }

    private static func count(_ t: inout Tally, _ r: AuditRecord) {
        t.items += 1
        switch r.agrees {
        case true?: t.agree += 1
        case false?: t.disagree += 1
        case nil: t.noPrediction += 1
        }
    }

    /// The summary as `audit --summary` writes it.
    public var json: JSONValue {
        func tallies(_ d: [String: Tally]) -> JSONValue {
            .object(d.keys.sorted().map { k in
                let t = d[k]!
                return (k, .object([("items", .int(t.items)), ("agree", .int(t.agree)), ("disagree", .int(t.disagree)),
                                    ("no_prediction", .int(t.noPrediction)),
                                    ("agreement_rate", t.rate.map { .double(($0 * 1000).rounded() / 1000) } ?? .null)]))
            })
        }
        var members: [(String, JSONValue)] = [
            ("summary", .bool(true)),
            ("rules", rules?.json ?? .null),
            ("documents", .int(documents)), ("failed_inputs", .int(failedInputs)),
            ("items", .int(total.items)), ("agree", .int(total.agree)), ("disagree", .int(total.disagree)),
            ("no_prediction", .int(total.noPrediction)),
            ("agreement_rate", total.rate.map { .double(($0 * 1000).rounded() / 1000) } ?? .null),
            ("confusion", .object(confusion.keys.sorted().map { r in
                (r, .object(confusion[r]!.keys.sorted().map { p in (p, .int(confusion[r]![p]!)) }))
            })),
            ("by_treatment", tallies(byTreatment)), ("by_guideline_source", tallies(bySource)),
            ("by_year", tallies(byYear)), ("by_reviewer_specialty", tallies(bySpecialty)),
            ("unmet_reasons", .object(reasons.keys.sorted().map { ($0, .int(reasons[$0]!)) })),
        ]
        if !otherRules.isEmpty { members.append(("other_rules", .array(otherRules.map(\.json)))) }
        return .object(members)
    }
}
