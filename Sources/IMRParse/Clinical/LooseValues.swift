/// Numbers `ValueScanner` leaves alone but a fact may want: a bare count ("four positive tests"),
/// and hyphenated durations ("30-day trial", "one-month rental"). Numbers glued to '-', '/' or '.'
/// (spine levels, pain scores, decimals) are not counts.
///
/// Words are compared by token key (lower-cased, plural-stemmed: "days" is "day"), so no string is
/// made per token.
package enum LooseValues {
    static func k(_ s: String) -> UInt64 { Tokenizer.key(of: s) }
    /// Weeks per unit, by key (a handful, searched in order: cheaper than hashing every number's neighbour).
    static let durationUnits: [(key: UInt64, weeks: Double)] = [(k("day"), 1.0 / 7), (k("week"), 1), (k("month"), 4.345), (k("year"), 52.18),
                                                                (k("hour"), 1.0 / 168), (k("hr"), 1.0 / 168), (k("hrs"), 1.0 / 168)]
    static func weeks(perUnit key: UInt64) -> Double? {
        for u in durationUnits where u.key == key { return u.weeks }
        return nil
    }
    static let dash = k("-"), slash = k("/"), dot = k("."), paren = k(")"), a = k("a"), an = k("an")

    package static func scan(tokens: [Token], bytes: [UInt8], range: Range<Int>, skipping found: [ScannedValue]) -> [ScannedValue] {
        func key(_ k: Int) -> UInt64? { k >= range.lowerBound && k < range.upperBound ? tokens[k].key : nil }
        func glued(_ a: Int, _ b: Int) -> Bool { a >= range.lowerBound && b < range.upperBound && tokens[a].end == tokens[b].start }
        func startsLine(_ i: Int) -> Bool {
            guard i > 0 else { return true }
            var k = Int(tokens[i - 1].end)
            while k < Int(tokens[i].start) { if bytes[k] == 10 || bytes[k] == 13 { return true }; k += 1 }
            return false
        }
        var out: [ScannedValue] = []
        // Tokens already read by the scanner, as a sorted walk (a linear check per token was quadratic).
        let taken = found.map(\.tokenRange).sorted { $0.lowerBound < $1.lowerBound }
        var next = 0
        for i in range {
            while next < taken.count, taken[next].upperBound <= i { next += 1 }
            if next < taken.count, taken[next].contains(i) { continue }
            let t = tokens[i]
            guard t.kind == .number || t.kind == .word, let n = t.kind == .number ? Tokenizer.integer(bytes, t.range) : NumberWords.value(ofKey: t.key) else { continue }
            if key(i + 1) == dash, glued(i, i + 1), glued(i + 1, i + 2) {
                // "30-day", "one-month" ("hr" and "hrs" are read only when not hyphenated).
                if let unit = key(i + 2), unit != k_hr, unit != k_hrs, let factor = weeks(perUnit: unit) {
                    out.append(ScannedValue(value: .duration(weeks: Double(n) * factor, upTo: nil), tokenRange: i..<(i + 3)))
                }
                continue
            }
            // "8 hours" where the scanner read nothing (before "per day"): a duration in its own unit.
            if let unit = key(i + 1), let factor = weeks(perUnit: unit) {
                out.append(ScannedValue(value: .duration(weeks: Double(n) * factor, upTo: nil), tokenRange: i..<(i + 2)))
                continue
            }
            // A list item's number ("2. Physical therapy", first on its line) counts nothing.
            if key(i + 1) == dot || key(i + 1) == paren, glued(i, i + 1), startsLine(i) { continue }
            let before = i > range.lowerBound && (tokens[i - 1].key == dash || tokens[i - 1].key == slash || tokens[i - 1].key == dot) && glued(i - 1, i)
            let after = (key(i + 1) == dash || key(i + 1) == slash) && glued(i, i + 1)
            if !before, !after, (t.key != a && t.key != an) || t.kind == .number {
                out.append(ScannedValue(value: .count(Double(n), upTo: nil, unit: nil), tokenRange: i..<(i + 1)))
            }
        }
        return out
    }

    static let k_hr = k("hr"), k_hrs = k("hrs")
}
