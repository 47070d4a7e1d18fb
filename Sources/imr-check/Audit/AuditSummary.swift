import IMRParse

/// Running totals over audited items: agreement, confusion matrix and breakdowns.
///
/// Built incrementally (`add`) so an audit streams; only the first `keepDisagreements`
/// disagreements are kept whole, for the report's table.
struct AuditSummary {
    struct Tally {
        var items = 0
        var agree = 0
        var disagree = 0
        var noPrediction = 0
        var rate: Double? { agree + disagree == 0 ? nil : Double(agree) / Double(agree + disagree) }
    }

    var documents = 0
    var failedInputs = 0
    var total = Tally()
    /// recorded → predicted → count; "none" where a side is missing.
    var confusion: [String: [String: Int]] = [:]
    var byTreatment: [String: Tally] = [:]
    var bySource: [String: Tally] = [:]
    var byYear: [String: Tally] = [:]
    var bySpecialty: [String: Tally] = [:]
    /// Outcomes by year: year → decision → count (recorded decisions).
    var outcomesByYear: [String: [String: Int]] = [:]
    var reasons: [String: Int] = [:]
    var disagreements: [AuditRecord] = []
    var disagreementsTotal = 0
    let keepDisagreements: Int

    init(keepDisagreements: Int = 2000) { self.keepDisagreements = keepDisagreements }

    mutating func add(_ r: AuditRecord) {
        confusion[r.recorded ?? "none", default: [:]][r.predicted ?? "none", default: 0] += 1
        // Runs on the thread that hands results over, once per item: plain dictionary updates.
        let year = r.year.map(String.init) ?? "unknown"
        AuditSummary.count(&total, r)
        AuditSummary.count(&byTreatment[r.treatment ?? "(no rule)", default: Tally()], r)
        if r.guidelineSources.isEmpty { AuditSummary.count(&bySource["(none cited)", default: Tally()], r) }
        for source in r.guidelineSources { AuditSummary.count(&bySource[source, default: Tally()], r) }
        AuditSummary.count(&byYear[year, default: Tally()], r)
        AuditSummary.count(&bySpecialty[r.specialty ?? "unknown", default: Tally()], r)
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

    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "–" }
        return String(format: "%.1f%%", rate * 100)
    }

    var json: JSONValue {
        func tallies(_ d: [String: Tally]) -> JSONValue {
            .object(d.keys.sorted().map { k in
                let t = d[k]!
                return (k, .object([("items", .int(t.items)), ("agree", .int(t.agree)), ("disagree", .int(t.disagree)),
                                    ("no_prediction", .int(t.noPrediction)),
                                    ("agreement_rate", t.rate.map { .double(($0 * 1000).rounded() / 1000) } ?? .null)]))
            })
        }
        return .object([
            ("summary", .bool(true)),
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
        ])
    }

    /// The summary for people, as lines of text.
    func textLines() -> [String] {
        var out: [String] = []
        out.append("Summary: \(total.items) disputed items in \(documents) letters" + (failedInputs > 0 ? " (\(failedInputs) inputs could not be read)" : ""))
        out.append("  agreement: \(AuditSummary.percent(total.rate)) (\(total.agree) agree, \(total.disagree) disagree, \(total.noPrediction) without a rule)")
        out.append("  recorded \\ predicted   Upheld   Overturned   none")
        for r in ["Upheld", "Overturned", "none"] {
            let row = confusion[r] ?? [:]
            out.append("  " + r.padding(toLength: 22, withPad: " ", startingAt: 0)
                       + String(row["Upheld"] ?? 0).padding(toLength: 9, withPad: " ", startingAt: 0)
                       + String(row["Overturned"] ?? 0).padding(toLength: 13, withPad: " ", startingAt: 0)
                       + String(row["none"] ?? 0))
        }
        func section(_ title: String, _ d: [String: Tally]) {
            out.append("  by \(title):")
            for k in d.keys.sorted(by: { (d[$0]!.items, $1) > (d[$1]!.items, $0) }) {
                let t = d[k]!
                let name = k.count > 36 ? String(k.prefix(35)) + "…" : k
                out.append("    " + name.padding(toLength: 38, withPad: " ", startingAt: 0) + "\(t.items) items, agreement \(AuditSummary.percent(t.rate))")
            }
        }
        section("treatment", byTreatment)
        section("guideline source", bySource)
        section("year", byYear)
        section("reviewer specialty", bySpecialty)
        return out
    }
}
