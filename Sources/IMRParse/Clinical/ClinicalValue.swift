/// A value read from clinical text by `ValueScanner`, normalised to one unit per kind.
package enum ClinicalValue: Sendable, Hashable {
    /// A percentage; `upTo` is the upper end of a range ("78-95%" → 78 up to 95).
    case percent(Double, upTo: Double?)
    /// A duration in weeks (days ÷ 7, months × 4.345, years × 52.18); `upTo` for ranges
    /// ("six to eight weeks" → 6 up to 8).
    case duration(weeks: Double, upTo: Double?)
    /// A number of things: "three injections" (unit "injection"), "x3", "times two", "series of
    /// three (3)" (unit "series"), "8-10 sessions" (8 up to 10). `unit` is the lower-cased noun
    /// without a plural "s", or nil.
    case count(Double, upTo: Double?, unit: String?)
    /// A dispensed quantity: "#90".
    case quantity(Double)
    /// Visits or doses per week, for `weeks` weeks when given: "3x2" → 3 a week for 2 weeks.
    case frequency(perWeek: Double, weeks: Double?)
    /// Doses a day: "TID" → 3, "two tablets a day" → 2, "q4-6h" → 4 up to 6.
    case dosesPerDay(Double, upTo: Double?)
    /// A strength in milligrams: "300 mg", "10mg", "Norco 10/325" → 10 (the first component of a
    /// combination product, the opioid in hydrocodone/acetaminophen), "25 mcg" → 0.025.
    case dose(mg: Double)
    /// A pain score on a 0–10 scale: "6-7/10" → 6 up to 7.
    case painScore(Double, upTo: Double?)
    /// A scale named, not a value read on it: "Pain with meds (0-10)", "rated 0 to 100" → 0 up to 10, 100.
    case scale(from: Double, to: Double)
    case date(ClinicalDate)
    /// A spine level, normalised: an interspace "L4-L5", "L5-S1", "C5-C6", or a vertebra "L2", "S1".
    case spineLevel(String)
    case laterality(Laterality)
    case bodyRegion(BodyRegion)
    /// Age in years: "61 year old", "61-year-old", "61 yo", "age 61".
    case age(Int)
    case sex(Sex)

    /// A count of visits or sessions ("6 visits", "8 sessions", "10 treatments").
    package var countsVisits: Bool {
        guard case .count(_, _, let unit?) = self else { return false }
        return unit.hasPrefix("visit") || unit.hasPrefix("session") || unit.hasPrefix("treatment") || unit.hasPrefix("appointment")
    }

    /// Visits implied by a frequency with a duration ("3x2" → 6).
    package var visits: Double? {
        if case .frequency(let perWeek, let weeks?) = self { return perWeek * weeks }
        return nil
    }
}

package enum Laterality: String, Sendable, Hashable, Codable {
    case left, right, bilateral
}

/// Body regions as the shared fact vocabulary names them (`body_region`).
package enum BodyRegion: String, Sendable, Hashable, Codable {
    case lumbar, cervical, thoracic, shoulder, elbow
    case wristHand = "wrist_hand"
    case hip, knee
    case ankleFoot = "ankle_foot"
}

package enum Sex: String, Sendable, Hashable, Codable {
    case male, female
}

/// A value found in a `ClinicalText`, with the tokens it was read from.
package struct ScannedValue: Sendable, Hashable {
    package var value: ClinicalValue
    /// Indices into `ClinicalText.tokens`.
    package var tokenRange: Range<Int>

    package init(value: ClinicalValue, tokenRange: Range<Int>) {
        self.value = value
        self.tokenRange = tokenRange
    }
}
