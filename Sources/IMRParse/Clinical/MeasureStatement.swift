/// What `MeasureReader` finds: values of one measure (pain, range of motion, a disability score, a
/// tolerance) with their comparison — with and without a medication, or before and after.

/// How two values of a measure are compared.
package enum MeasureComparison: Sendable, Hashable {
    /// With and without a medication: "8/10 without Norco and 4/10 with it".
    case medication
    /// Earlier and later: "from 9/10 to 4/10", "61 → 38", "20 min, previously 10 min".
    case time
    /// A value said not to move: "ROM unchanged at 110 degrees", "Oswestry plateaued at 30%"
    /// (both values are the one read).
    case steady
}

/// The unit a value is written in. A value written without one (`none`) takes its partner's
/// ("from 100 to 150 degrees": both are degrees).
package enum MeasureUnit: UInt8, Sendable, Hashable, CaseIterable {
    case none
    /// A score out of a scale: "8/10", "8 out of 10", "24/50" (see `MeasureValue.scale`).
    case score
    case percent
    case degrees
    /// Minutes, hours, seconds (compared in minutes).
    case time
    /// Pounds, kilograms (compared in pounds).
    case weight
    /// Feet, yards, blocks, miles, meters (compared in feet).
    case distance

    /// The names the rule files use (`units score, percent`).
    package var name: String {
        switch self {
        case .none: "none"
        case .score: "score"
        case .percent: "percent"
        case .degrees: "degrees"
        case .time: "time"
        case .weight: "weight"
        case .distance: "distance"
        }
    }

    package init?(name: String) {
        guard let u = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = u
    }

    var bit: UInt8 { 1 << rawValue }
}

/// One value of a measure, with where it was read.
package struct MeasureValue: Sendable, Hashable {
    /// The number as written ("8" of "8/10", "1.5" of "1.5 hours").
    package var number: Double
    package var unit: MeasureUnit
    /// The base units per written unit: minutes per hour (60), pounds per kilogram; 1 otherwise.
    package var factor: Double
    /// The N of a score "X/N" (10 for "8/10" and "8 out of 10"); 0 for other units.
    package var scale: Int
    /// Indices into the text's tokens (a value inside a token such as "100→150°" has that token).
    package var tokens: Range<Int>
    /// Byte offsets of the value and its unit in the source.
    package var bytes: Range<Int>

    package init(number: Double, unit: MeasureUnit, factor: Double = 1, scale: Int = 0, tokens: Range<Int>, bytes: Range<Int>) {
        self.number = number
        self.unit = unit
        self.factor = factor
        self.scale = scale
        self.tokens = tokens
        self.bytes = bytes
    }

    /// Whether two values can be compared: the same unit (scores of the same scale), or one
    /// written without a unit.
    package func isCompatible(with other: MeasureValue) -> Bool {
        if unit == .none || other.unit == .none { return true }
        guard unit == other.unit else { return false }
        return unit != .score || scale == other.scale
    }

    /// On a 0–10 scale: "6/10" is 6, "24/50" is 4.8; nil when the value is not a score or a bare number.
    package var outOfTen: Double? {
        switch unit {
        case .score: return scale == 10 || scale == 0 ? number : number * 10 / Double(scale)
        case .none: return number <= 10 ? number : nil
        default: return nil
        }
    }
}

/// A measure's values with their comparison, or a single value with one side of it ("pain 3/10
/// with the medication").
package struct MeasureStatement: Sendable, Hashable {
    /// The measure's index in the reader's list.
    package var measure: Int
    package var comparison: MeasureComparison
    /// Without the medication, or the earlier value.
    package var first: MeasureValue?
    /// With the medication, or the later value.
    package var second: MeasureValue?
    /// The tokens of the word that names the measure; nil when the value names it ("8/10").
    package var word: Range<Int>?
    /// The tokens of the words that state the comparison ("without", "from", "→", "at intake").
    package var cues: [Range<Int>]
    /// The sentence names a medication (a word of the reader's medication list).
    package var namesMedication: Bool

    package init(measure: Int, comparison: MeasureComparison, first: MeasureValue?, second: MeasureValue?,
                 word: Range<Int>? = nil, cues: [Range<Int>] = [], namesMedication: Bool = false) {
        self.measure = measure
        self.comparison = comparison
        self.first = first
        self.second = second
        self.word = word
        self.cues = cues
        self.namesMedication = namesMedication
    }

    /// Both values are read.
    package var isPair: Bool { first != nil && second != nil }

    /// The tokens from the first value to the last.
    package var tokens: Range<Int> {
        let a = first?.tokens ?? second!.tokens, b = second?.tokens ?? first!.tokens
        return min(a.lowerBound, b.lowerBound)..<max(a.upperBound, b.upperBound)
    }

    /// The two values in one unit (a value written without a unit takes its partner's): nil for a
    /// single value.
    package var comparable: (first: Double, second: Double)? {
        guard let a = first, let b = second else { return nil }
        let fa = a.unit == .none ? b.factor : a.factor
        let fb = b.unit == .none ? a.factor : b.factor
        return (a.number * fa, b.number * fb)
    }

    /// A single value of a medication comparison in one sentence joined with the other side read
    /// in a later one ("Pain without medication: 8/10." "With medication: 4/10."); nil when the two
    /// are not the two sides of one measure.
    package static func joined(_ earlier: MeasureStatement, _ later: MeasureStatement) -> MeasureStatement? {
        guard earlier.measure == later.measure, earlier.comparison == .medication, later.comparison == .medication,
              !earlier.isPair, !later.isPair else { return nil }
        let first = earlier.first ?? later.first, second = earlier.second ?? later.second
        guard let f = first, let s = second, f != s, f.isCompatible(with: s) else { return nil }
        return MeasureStatement(measure: earlier.measure, comparison: .medication, first: f, second: s,
                                word: earlier.word ?? later.word, cues: earlier.cues + later.cues,
                                namesMedication: earlier.namesMedication || later.namesMedication)
    }
}
