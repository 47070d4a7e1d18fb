import IMRParse

/// Numbers `ValueScanner` leaves alone but a fact may want: a bare count ("four positive tests"),
/// and hyphenated durations ("30-day trial", "one-month rental"). Numbers glued to '-', '/' or '.'
/// (spine levels, pain scores, decimals) are not counts.
enum LooseValues {
    static let durationWords: [String: Double] = ["day": 1.0 / 7, "week": 1, "month": 4.345, "year": 52.18, "hour": 1.0 / 168]

    static func scan(tokens: [Token], bytes: [UInt8], range: Range<Int>, skipping found: [ScannedValue]) -> [ScannedValue] {
        func word(_ k: Int) -> String {
            guard k >= range.lowerBound, k < range.upperBound else { return "" }
            return String(decoding: bytes[tokens[k].range], as: UTF8.self).lowercased()
        }
        func glued(_ a: Int, _ b: Int) -> Bool { a >= range.lowerBound && b < range.upperBound && tokens[a].end == tokens[b].start }
        var out: [ScannedValue] = []
        // Tokens already read by the scanner, as a sorted walk (a linear check per token was quadratic).
        let taken = found.map(\.tokenRange).sorted { $0.lowerBound < $1.lowerBound }
        var next = 0
        for i in range {
            while next < taken.count, taken[next].upperBound <= i { next += 1 }
            if next < taken.count, taken[next].contains(i) { continue }
            let t = tokens[i]
            guard t.kind == .number || t.kind == .word, let n = t.kind == .number ? Tokenizer.integer(bytes, t.range) : NumberWords.value(ofKey: t.key) else { continue }
            if word(i + 1) == "-", glued(i, i + 1), glued(i + 1, i + 2) {
                let unit = word(i + 2)
                let singular = unit.hasSuffix("s") ? String(unit.dropLast()) : unit
                if let factor = durationWords[singular] {
                    out.append(ScannedValue(value: .duration(weeks: Double(n) * factor, upTo: nil), tokenRange: i..<(i + 3)))
                }
                continue
            }
            // "8 hours" where the scanner read nothing (before "per day"): a duration in its own unit.
            let next = word(i + 1)
            if let factor = durationWords[next.hasSuffix("s") ? String(next.dropLast()) : next] ?? (["hr", "hrs"].contains(next) ? 1.0 / 168 : nil) {
                out.append(ScannedValue(value: .duration(weeks: Double(n) * factor, upTo: nil), tokenRange: i..<(i + 2)))
                continue
            }
            let before = i > range.lowerBound && ["-", "/", "."].contains(word(i - 1)) && glued(i - 1, i)
            let after = ["-", "/"].contains(word(i + 1)) && glued(i, i + 1)
            if !before, !after, !["a", "an"].contains(word(i)) || t.kind == .number {
                out.append(ScannedValue(value: .count(Double(n), upTo: nil, unit: nil), tokenRange: i..<(i + 1)))
            }
        }
        return out
    }
}
