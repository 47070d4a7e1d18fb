import IMRParse

/// A measure declared in the rule files (`measure pain "pain intensity" better lower`): a clinical
/// number whose change is judged — pain, range of motion, a disability questionnaire, a tolerance —
/// with the words that name it, the units its values take, and what change is meaningful.
package struct MeasureDefinition: Sendable {
    package var name: String
    package var description: String
    /// Lower values are better (pain, disability); otherwise higher ones (motion, tolerance).
    package var lowerIsBetter: Bool
    /// The words that name it, as written (`{concept}`s not yet expanded).
    package var words: [String]
    /// The units its values may be written in besides a bare number; nil for any.
    package var units: [MeasureUnit]?
    /// A score on this scale ("8/10") is this measure even where no word names it.
    package var scale: Int?
    /// A meaningful change: at least this many units (in the measure's own units: points, degrees,
    /// minutes, pounds, feet) …
    package var meaningfulAmount: Double?
    /// … or at least this percentage of the earlier value. Without either, 30 percent.
    package var meaningfulPercent: Double?
    package var file: String
    package var line: Int

    /// The percentage used when a measure states no meaningful change: the guideline digest's
    /// "moderate" response (AED-02: 30% pain reduction; under 30% the drug is switched).
    package static let defaultPercent = 30.0
    /// Fact clauses name measures as bits of a 64-bit word.
    package static let maximumCount = 64

    /// Whether going from `earlier` to `later` (or from without to with the medication) is an
    /// improvement that counts: in the better direction by the meaningful amount or percentage.
    package func improves(from earlier: Double, to later: Double) -> Bool {
        let gain = lowerIsBetter ? earlier - later : later - earlier
        guard gain > 0 else { return false }
        if let a = meaningfulAmount, gain + 1e-9 >= a { return true }
        let percent = meaningfulPercent ?? (meaningfulAmount == nil ? Self.defaultPercent : nil)
        if let p = percent {
            guard earlier != 0 else { return true }  // from nothing to something ("0 → 20 minutes")
            return gain / abs(earlier) * 100 + 1e-9 >= p
        }
        return false
    }

    /// What a change says: true for a meaningful improvement, false for none or a change for the
    /// worse, nil for an improvement too small to count either way ("8/10 → 7/10").
    package func judge(from earlier: Double, to later: Double) -> Bool? {
        if improves(from: earlier, to: later) { return true }
        let gain = lowerIsBetter ? earlier - later : later - earlier
        return gain > 0 ? nil : false
    }

    /// The meaningful change in words, for `rules explain` and the README ("2 points or 30 percent").
    package var meaningfulText: String {
        var parts: [String] = []
        if let a = meaningfulAmount { parts.append(Self.number(a)) }
        if let p = meaningfulPercent ?? (meaningfulAmount == nil ? Self.defaultPercent : nil) { parts.append(Self.number(p) + " percent") }
        return parts.joined(separator: " or ")
    }

    static func number(_ d: Double) -> String { ConditionWords.number(d) }
}

/// What a fact reads of the measures (`improves …` on a bool fact, `measure …` on a number fact).
package enum MeasureClause: Sendable, Equatable {
    /// True when a pair of one of these measures moves in its better direction by a meaningful
    /// amount, false when it does not move or moves the other way (a smaller gain decides nothing). `withMedication`: only
    /// with/without pairs, or before → after pairs in a sentence that names a medication.
    case improves(measures: [Int], withMedication: Bool)
    /// The value of the measure with (`with` true) or without the medication.
    case value(measure: Int, with: Bool)
    /// The percent a before → after pair of the measure falls, in a sentence where the fact's
    /// anchor holds ("pain went from 8/10 before the block to 2/10" is 75 % relief).
    case relief(measure: Int)
}
