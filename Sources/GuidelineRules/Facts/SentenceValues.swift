import IMRParse

/// The numbers of one sentence, read once and on demand: percentages, durations, counts and
/// dates, each with the token where it sits, so a fact can take the one nearest its phrase.
struct SentenceValues {
    struct Value {
        var number: Double
        /// "percent", "weeks", "months", "days", "hours", "years", "count", "date".
        var unit: String
        var token: Int
        var range: Range<Int>
    }

    let values: [Value]
    let tokens: [Token]
    let bytes: [UInt8]

    static let numberWords: [String: Double] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1, "single": 1, "several": 3,
    ]
    static let ordinals: [String: Double] = [
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6,
    ]
    static let durationUnits: [String: (String, Double)] = [
        "week": ("weeks", 1), "weeks": ("weeks", 1), "wk": ("weeks", 1), "wks": ("weeks", 1),
        "month": ("months", 1), "months": ("months", 1), "mo": ("months", 1),
        "day": ("days", 1), "days": ("days", 1), "hour": ("hours", 1), "hours": ("hours", 1), "hr": ("hours", 1), "hrs": ("hours", 1),
        "year": ("years", 1), "years": ("years", 1),
    ]

    init(clinical: ClinicalText, sentence: ClinicalSentence, source: SourceText) {
        tokens = clinical.tokens
        bytes = source.bytes
        var out: [Value] = []
        let r = sentence.tokenRange
        var i = r.lowerBound
        func text(_ k: Int) -> String {
            guard k >= r.lowerBound, k < r.upperBound else { return "" }
            return String(decoding: source.bytes[clinical.tokens[k].range], as: UTF8.self).lowercased()
        }
        func number(_ k: Int) -> Double? {
            guard k >= r.lowerBound, k < r.upperBound else { return nil }
            let t = clinical.tokens[k]
            if t.kind == .number {
                // "1.5": number . number
                if text(k + 1) == ".", k + 2 < r.upperBound, clinical.tokens[k + 2].kind == .number,
                   clinical.tokens[k + 1].start == t.end, let whole = Double(text(k)), let frac = Double("0." + text(k + 2)) {
                    return whole + frac
                }
                return Double(text(k))
            }
            return Self.numberWords[text(k)]
        }
        func span(_ a: Int, _ b: Int) -> Range<Int> { Int(clinical.tokens[a].start)..<Int(clinical.tokens[b].end) }
        while i < r.upperBound {
            let t = text(i)
            if let n = number(i) {
                // A range "78-95%", "six to eight weeks", "6-8 weeks": keep the lower end (the conservative reading).
                var last = i
                var low = n
                if (text(i + 1) == "-" || text(i + 1) == "to"), let m = number(i + 2), m >= n {
                    low = n
                    last = i + 2
                }
                let after = text(last + 1)
                if after == "%" || after == "percent" {
                    if low <= 100 { out.append(Value(number: low, unit: "percent", token: i, range: span(i, last + 1))) }
                    i = last + 2
                    continue
                }
                if let (unit, factor) = Self.durationUnits[after] {
                    out.append(Value(number: low * factor, unit: unit, token: i, range: span(i, last + 1)))
                    i = last + 2
                    continue
                }
                // A date: m/d/y, m-d-y, m/y.
                if clinical.tokens[i].kind == .number, let d = Self.date(at: i, text: text, number: number) {
                    out.append(Value(number: Double(d.days), unit: "date", token: i, range: span(i, d.last)))
                    i = d.last + 1
                    continue
                }
                // A bare count: not a piece of "L4-5", "6/10", "1.5" (glued to '-', '/', '.').
                let glued = (i > r.lowerBound && ["-", "/", "."].contains(text(i - 1)) && clinical.tokens[i - 1].end == clinical.tokens[i].start)
                    || (i + 1 < r.upperBound && ["-", "/"].contains(text(i + 1)) && clinical.tokens[i + 1].start == clinical.tokens[i].end)
                if !glued, Self.numberWords[t] == nil || !["a", "an", "several"].contains(t) {
                    out.append(Value(number: n, unit: "count", token: i, range: span(i, i)))
                }
            } else if let o = Self.ordinals[t] {
                out.append(Value(number: o, unit: "ordinal", token: i, range: span(i, i)))
            } else if clinical.tokens[i].hasDigits {
                // "x3", "3x", "x2"
                let segs = Tokenizer.segments(of: clinical.tokens[i], in: source.bytes)
                let parts = segs.map { String(decoding: source.bytes[$0.range], as: UTF8.self).lowercased() }
                if parts.count == 2, parts[0] == "x", let n = Double(parts[1]) {
                    out.append(Value(number: n, unit: "times", token: i, range: span(i, i)))
                } else if parts.count == 2, parts[1] == "x", let n = Double(parts[0]) {
                    out.append(Value(number: n, unit: "times", token: i, range: span(i, i)))
                }
            } else if t == "x", let n = number(i + 1) {
                out.append(Value(number: n, unit: "times", token: i, range: span(i, i + 1)))
                i += 2
                continue
            }
            i += 1
        }
        values = out
    }

    private static func date(at i: Int, text: (Int) -> String, number: (Int) -> Double?) -> (days: Int, last: Int)? {
        let sep = text(i + 1)
        guard sep == "/" || sep == "-", let m = number(i), m >= 1, m <= 12, let second = number(i + 2) else { return nil }
        if text(i + 3) == sep, let third = number(i + 4) {
            var y = Int(third)
            if y < 100 { y += y <= 40 ? 2000 : 1900 }
            guard second >= 1, second <= 31, y >= 1950, y <= 2100 else { return nil }
            return (CivilDate.days(year: y, month: Int(m), day: Int(second)), i + 4)
        }
        // m/yyyy
        if second >= 1950, second <= 2100 { return (CivilDate.days(year: Int(second), month: Int(m), day: 1), i + 2) }
        return nil
    }

    /// The value in `unit` nearest to the mention, within `within` tokens on either side.
    func nearest(unit: String?, to mention: Range<Int>, within: Int) -> (Double, Range<Int>)? {
        let wanted: Set<String>
        switch unit {
        case "percent": wanted = ["percent"]
        case "weeks": wanted = ["weeks", "months", "days"]
        case "months": wanted = ["months", "weeks", "years"]
        case "days": wanted = ["days", "weeks"]
        case "hours": wanted = ["hours"]
        case "years": wanted = ["years"]
        case "count": wanted = ["count", "times"]
        default: wanted = ["count"]
        }
        var best: (Int, Value)?
        for v in values where wanted.contains(v.unit) {
            let distance = v.token < mention.lowerBound ? mention.lowerBound - v.token : max(0, v.token - mention.upperBound + 1)
            guard distance <= within else { continue }
            if best == nil || distance < best!.0 { best = (distance, v) }
        }
        guard let (_, v) = best else { return nil }
        return (convert(v, to: unit), v.range)
    }

    private func convert(_ v: Value, to unit: String?) -> Double {
        switch (v.unit, unit) {
        case ("months", "weeks"): return (v.number * 4.345 * 10).rounded() / 10
        case ("days", "weeks"): return (v.number / 7 * 10).rounded() / 10
        case ("weeks", "months"): return (v.number / 4.345 * 10).rounded() / 10
        case ("years", "months"): return v.number * 12
        case ("weeks", "days"): return v.number * 7
        default: return v.number
        }
    }

    /// How many occurrences of an event a sentence documents: distinct dates, an explicit count or
    /// ordinal just before the event ("3 lumbar ESIs", "her third injection"), "x3" just after; 0 when
    /// the sentence gives no number (the caller decides what a bare mention is worth).
    func occurrences(of mention: Range<Int>) -> Int {
        let dates = Set(values.filter { $0.unit == "date" }.map(\.number)).count
        var explicit = 0
        for v in values {
            switch v.unit {
            case "count", "ordinal":
                if v.token < mention.lowerBound, mention.lowerBound - v.token <= 3 { explicit = max(explicit, Int(v.number)) }
            case "times":
                if v.token >= mention.upperBound, v.token - mention.upperBound <= 2 { explicit = max(explicit, Int(v.number)) }
            default: break
            }
        }
        return max(dates, min(explicit, 50))
    }
}
