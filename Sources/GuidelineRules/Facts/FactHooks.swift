import IMRParse

/// The registry of Swift fact hooks: each one declared once, here (see `FactHook`).
///
/// To add a hook: add its declaration to `all`, regenerate the table of `Rules/README.md`
/// (`IMR_RECORD=1 swift test --filter FactHooksTests`) and add a unit test of its value.
package enum FactHooks {
    package static let all: [FactHook] = [
        FactHook("requested_quantity", .count, readsRequest: true, counts: "units",
                 "the quantity the request states (\"x2\", \"#90\", \"series of three (3)\"); unknown when it states none") { r, _ in
            number(r?.quantity.map(Double.init))
        },
        FactHook("requested_injection_count", .count, readsRequest: true, counts: "injections", "injections requested: the stated quantity, else 1") { r, _ in
            r == nil ? .unknown : .number(Double(r?.quantity ?? 1))
        },
        FactHook("requested_visits", .count, readsRequest: true, counts: "visits",
                 "visits requested: as stated, else frequency × duration (\"3x2\" = 6), else a bare quantity (\"PT x12\")") { r, _ in
            number((r?.visits ?? r?.quantity).map(Double.init))
        },
        FactHook("requested_frequency_per_week", .number, unit: "per_week", readsRequest: true, counts: "visits a week", "visits per week in the request") { r, _ in
            number(r?.frequencyPerWeek)
        },
        FactHook("requested_duration_weeks", .number, unit: "weeks", readsRequest: true, counts: "weeks", "weeks of treatment in the request") { r, _ in
            number(r?.durationWeeks)
        },
        FactHook("requested_levels", .count, readsRequest: true, counts: "levels", "spine levels named in the request (\"L4-5 and L5-S1\" = 2)") { r, _ in
            guard let r else { return .unknown }
            return r.levels.isEmpty ? .unknown : .number(Double(r.levels.count))
        },
        FactHook("request_is_retrospective", .bool, readsRequest: true, "the request is retrospective (\"retrospective\", \"DOS …\")") { r, _ in
            r.map { .bool($0.retrospective) } ?? .unknown
        },
        FactHook("request_specifies_dose_frequency", .bool, readsRequest: true,
                 "a drug request states its strength (mg or %) and its frequency or quantity") { r, _ in
            guard let r else { return .unknown }
            return .bool((r.doseMg != nil || r.strengthPercent != nil) && (r.hasDosingFrequency || r.quantity != nil))
        },
        FactHook("requested_dose_mg", .number, unit: "mg", readsRequest: true, counts: "mg", "strength in mg per unit (\"Norco 10/325\" → 10)") { r, _ in
            number(r?.doseMg)
        },
        FactHook("age_years", .number, unit: "years", readsRequest: false, "the patient's age from the letter's patient line or the narrative") { _, c in
            number(c.patientAge.map(Double.init))
        },
        FactHook("body_region", .enumeration, values: ["lumbar", "cervical", "thoracic", "shoulder", "elbow", "wrist_hand", "hip", "knee", "ankle_foot", "multiple"],
                 readsRequest: false, "body region of the request") { r, _ in
            r?.bodyRegion.map { .text($0) } ?? .unknown
        },
        FactHook("laterality", .enumeration, values: ["left", "right", "bilateral"], readsRequest: false, "side of the request") { r, _ in
            r?.laterality.map { .text($0) } ?? .unknown
        },
        FactHook("request_date", .date, readsRequest: true,
                 "the day the request is judged on: a retrospective request's date of service, else the request date (`--date`), else the document's date") { r, c in
            c.editionDate(for: r).map { .date($0.day) } ?? .unknown
        },
        FactHook("injury_date", .date, readsRequest: false, "date of injury from the letter or the narrative") { _, c in
            c.injuryDate.map { .date($0) } ?? .unknown
        },
        FactHook("years_since_injury", .number, unit: "years", readsRequest: false, "years from the date of injury to `request_date`, to a tenth") { r, c in
            guard let injury = c.injuryDate, let date = c.editionDate(for: r)?.day else { return .unknown }
            return .number((Double(date.days(since: injury)) / 365.25 * 10).rounded() / 10)
        },
    ]

    private static let byName: [String: FactHook] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The hook called `name`, if there is one.
    package static func named(_ name: String) -> FactHook? { byName[name] }

    /// The hooks' table in `Rules/README.md`: name, type (with unit), and what the value is.
    package static var markdownTable: String {
        var lines = ["| hook | type | value |", "|---|---|---|"]
        for h in all {
            let type = h.kind.rawValue + (h.unit.map { " " + $0 } ?? "")
            let values = h.enumValues.isEmpty ? "" : ": " + h.enumValues.joined(separator: ", ")
            lines.append("| `\(h.name)` | \(type) | \(h.summary)\(values) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ d: Double?) -> FactValue { d.map { .number($0) } ?? .unknown }
}
