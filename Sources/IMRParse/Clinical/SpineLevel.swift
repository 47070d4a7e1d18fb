/// A vertebra (C1–C7, T1–T12, L1–L5, S1–S5), for reading and normalising spine levels.
package struct SpineLevel: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// "C", "T", "L" or "S".
    package let region: Character
    package let number: Int

    package init?(region: Character, number: Int) {
        let r = Character(region.uppercased())
        let limit: Int
        switch r {
        case "C": limit = 7
        case "T": limit = 12
        case "L": limit = 5
        case "S": limit = 5
        default: return nil
        }
        guard number >= 1, number <= limit else { return nil }
        self.region = r
        self.number = number
    }

    /// Reads "L4", "s1", "T12" (a letter and one or two digits).
    package init?(_ text: some StringProtocol) {
        guard let first = text.first, text.count >= 2, text.count <= 3 else { return nil }
        guard let n = Int(text.dropFirst()), text.dropFirst().allSatisfy(\.isASCII) else { return nil }
        self.init(region: first, number: n)
    }

    /// Position along the spine (C1 = 1 … S5 = 29).
    package var ordinal: Int {
        switch region {
        case "C": return number
        case "T": return 7 + number
        case "L": return 19 + number
        default: return 24 + number
        }
    }

    package init?(ordinal: Int) {
        switch ordinal {
        case 1...7: self.init(region: "C", number: ordinal)
        case 8...19: self.init(region: "T", number: ordinal - 7)
        case 20...24: self.init(region: "L", number: ordinal - 19)
        case 25...29: self.init(region: "S", number: ordinal - 24)
        default: return nil
        }
    }

    /// The vertebra below (L5 → S1, C7 → T1, T12 → L1).
    package var next: SpineLevel? { SpineLevel(ordinal: ordinal + 1) }

    package var description: String { "\(region)\(number)" }

    package static func < (a: SpineLevel, b: SpineLevel) -> Bool { a.ordinal < b.ordinal }

    /// The interspaces from `upper` down to `lower`: "L4" to "L5" → ["L4-L5"]; "L3" to "L5" →
    /// ["L3-L4", "L4-L5"] (a span of levels, as in "L3-5 fusion"); empty unless `upper` is above
    /// `lower` and the span has at most six interspaces.
    package static func interspaces(from upper: SpineLevel, to lower: SpineLevel) -> [String] {
        guard upper < lower, lower.ordinal - upper.ordinal <= 6 else { return [] }
        var out: [String] = []
        var a = upper
        while a < lower, let b = a.next {
            out.append("\(a)-\(b)")
            a = b
        }
        return out
    }
}
