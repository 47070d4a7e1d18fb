import Foundation

/// Reads the values clinical letters state, from a token range: percentages, durations, counts,
/// frequency × duration, doses, pain scores, dates, spine levels, laterality, body region, age and
/// sex. Each value comes with the tokens it was read from.
///
/// Works on tokens and byte offsets (no regular expressions), left to right; at each token the
/// first pattern that matches wins and scanning resumes after it. The patterns, with examples:
///
/// | value | reads |
/// |---|---|
/// | `spineLevel` | "L4-5", "L4-L5", "L5-S1", "C5-6", "L4/5", "T12-L1"; "L2,3,4,5" and "L2, L3" → each vertebra; "L3-5" → "L3-L4", "L4-L5" |
/// | `date` | "12-3-09", "2/10/04", "5/01/2012", "3/17/14", "12-3-\n09", "2009-12-03", "8/2011", "December 3, 2009", "August of 2013", "in 2011"; two-digit years resolve to the nearest year not after `referenceYear` |
/// | `painScore` | "6/10", "6-7/10", "7-\n\n8/10", "6.5/10", "8 out of 10" |
/// | `dose` | "300 mg", "10mg", "25 mcg" (0.025), "Norco 10/325" (10: the first component) |
/// | `frequency` | "3x2", "2 x 6", "3x/week", "2x per week for 6 weeks", "three times per week for two weeks", "2 times a week for 4 weeks", "twice weekly" |
/// | `dosesPerDay` | "TID", "BID", "QID", "QD", "QHS", "daily", "twice daily", "three times a day", "two tablets a day", "q6h", "q4-6h", "every 8 hours" |
/// | `percent` | "80%", "(80%)", "78-95%", "50% to 70%", "fifty percent" |
/// | `duration` | "six to eight weeks", "6-8 weeks", "for 2 months" (8.69), "3 days", "for a month", "one year" |
/// | `count` | "three injections", "3 lumbar ESIs", "8-10 sessions", "x3", "(x2)", "times two", "series of three (3)" |
/// | `quantity` | "#90", "# 120" |
/// | `age` | "61 year old", "61-year-old", "61 yo", "61 y/o", "age 61", "aged 61" |
/// | `sex` | "male", "female", "man", "woman", "gentleman", "lady" |
/// | `laterality` | "left", "right", "bilateral", "bilaterally" |
/// | `bodyRegion` | "lumbar", "lumbosacral", "low back", "L-spine", "cervical", "C-spine", "neck", "thoracic", "shoulder", "knee", "wrist", "hand", "ankle", "foot" … |
///
/// Number words run from "zero" to "twenty", then "thirty" … "ninety" and "hundred", with
/// compounds ("twenty-five"); "three (3)" is read once.
package struct ValueScanner: Sendable {
    /// The year two-digit years are resolved against (usually the letter's year).
    package var referenceYear: Int

    package init(referenceYear: Int = CalendarDay.currentYear) {
        self.referenceYear = referenceYear
    }

    /// The year a two-digit year stands for: the latest of 19yy and 20yy not after `referenceYear`.
    package static func resolve(twoDigitYear yy: Int, referenceYear: Int) -> Int {
        let modern = 2000 + yy
        return modern <= referenceYear ? modern : 1900 + yy
    }

    /// The values in `range` (token indices) of a clinical text.
    package func scan(_ text: ClinicalText, tokens range: Range<Int>) -> [ScannedValue] {
        scan(tokens: text.tokens, bytes: text.source.bytes, range: range)
    }

    /// The values in `tokens[range]`, whose offsets are into `bytes`.
    package func scan(tokens: [Token], bytes: [UInt8], range: Range<Int>) -> [ScannedValue] {
        let c = Cursor(t: tokens, b: bytes, lo: max(0, range.lowerBound), hi: min(tokens.count, range.upperBound))
        var out: [ScannedValue] = []
        // The table read once per scan: a static read per token went through `swift_once` each time.
        let leadWords = Cursor.leadWords
        var i = c.lo
        while i < c.hi {
            guard mayStartValue(c, i, leadWords) else { i += 1; continue }
            if let end = scanAt(c, i, &out), end > i { i = end } else { i += 1 }
        }
        return out
    }

    /// Most tokens start no value: a plain word outside the vocabulary the patterns test, a mark
    /// other than "#" or "×". One table load rejects them here, before the call into the patterns.
    @inline(__always)
    private func mayStartValue(_ c: Cursor, _ i: Int, _ leadWords: KeyTable) -> Bool {
        let t = c.t[i]
        if t.kind == .punct { return t.length == 1 && c.b[Int(t.start)] == UInt8(ascii: "#") }
        return !(t.kind == .word && !t.hasDigits && leadWords.flags(t.key) == 0 && !c.isTimesSign(i))
    }

    // MARK: - Patterns

    /// Tries every pattern at token `i` (one that `mayStartValue` lets through); appends what it
    /// reads and returns the index after it.
    private func scanAt(_ c: Cursor, _ i: Int, _ out: inout [ScannedValue]) -> Int? {
        let t = c.t[i]
        func emit(_ v: ClinicalValue, _ end: Int) -> Int {
            out.append(ScannedValue(value: v, tokenRange: i..<end))
            return end
        }
        if t.kind == .word, t.hasDigits {
            if let end = levels(c, i, &out) { return end }
            if let (v, end) = mixedWord(c, i) { return emit(v, end) }
        }
        if t.kind == .number {
            if let (v, end) = dayFirstDate(c, i) { return emit(v, end) }
            if let (v, end) = painScore(c, i) { return emit(v, end) }
            if let (v, end) = numericDate(c, i) { return emit(v, end) }
            if let (v, end) = strength(c, i) { return emit(v, end) }
            if let (v, end) = yearDate(c, i) { return emit(v, end) }
        }
        if t.kind == .word, let (v, end) = monthNameDate(c, i) { return emit(v, end) }
        if let (n, e) = c.number(i) {
            if let (v, end) = numberLed(c, i, n, e) { return emit(v, end) }
        }
        if t.kind != .number, let (v, end) = wordLed(c, i) { return emit(v, end) }
        return nil
    }

    /// Spine levels starting at a word such as "L4"; appends one value per level.
    private func levels(_ c: Cursor, _ i: Int, _ out: inout [ScannedValue]) -> Int? {
        guard let a = c.level(i) else { return nil }
        var j = i + 1
        // "L4-5", "L4-L5", "L5-S1", "L4/5", "L3 - 5"
        if c.dash(j) || c.punct(j, "/"), c.sameLine(j), c.ok(j + 1) {
            var b: SpineLevel? = c.level(j + 1)
            if b == nil, let n = c.int(j + 1), c.t[j + 1].kind == .number {
                b = SpineLevel(region: a.region, number: n)
                if b == nil || b! <= a, a.region == "L", n == 1 { b = SpineLevel(region: "S", number: 1) }  // "L5-1"
            }
            if let b, b > a {
                let spaces = SpineLevel.interspaces(from: a, to: b)
                if !spaces.isEmpty {
                    for s in spaces { out.append(ScannedValue(value: .spineLevel(s), tokenRange: i..<(j + 2))) }
                    return j + 2
                }
            }
        }
        out.append(ScannedValue(value: .spineLevel(a.description), tokenRange: i..<j))
        // "L2,3,4,5": bare numbers after commas continue the same region.
        while c.punct(j, ","), c.ok(j + 1), c.t[j + 1].kind == .number, let n = c.int(j + 1),
              let l = SpineLevel(region: a.region, number: n), !(c.ok(j + 2) && (c.dash(j + 2) || c.punct(j + 2, "/"))) {
            out.append(ScannedValue(value: .spineLevel(l.description), tokenRange: (j + 1)..<(j + 2)))
            j += 2
        }
        return j
    }

    /// Words mixing digits and letters: "3x2", "2x", "x3", "10mg", "q6h", "61yo".
    private func mixedWord(_ c: Cursor, _ i: Int) -> (ClinicalValue, Int)? {
        let segs = Tokenizer.segments(of: c.t[i], in: c.b)
        func text(_ s: Tokenizer.Segment) -> String { String(decoding: c.b[s.range], as: UTF8.self).lowercased() }
        func int(_ s: Tokenizer.Segment) -> Double? { Tokenizer.integer(c.b, s.range).map(Double.init) }
        let isTimes: (Tokenizer.Segment) -> Bool = { s in
            let x = text(s)
            return x == "x" || x == "×"
        }
        // "3x2", "2x6": per week × weeks, unless a size ("3x2 cm").
        if segs.count == 3, segs[0].isDigits, isTimes(segs[1]), segs[2].isDigits, let a = int(segs[0]), let b = int(segs[2]) {
            if c.isDimensionUnit(i + 1) { return nil }
            if let (weeks, end) = c.weeksAfter(i + 1) { return (.frequency(perWeek: a, weeks: weeks), end) }
            return (.frequency(perWeek: a, weeks: b), i + 1)
        }
        // "2x/week", "2x per week", "2x a week" (then "for 6 weeks", "x 6 weeks")
        if segs.count == 2, segs[0].isDigits, isTimes(segs[1]), let a = int(segs[0]) {
            if let (end, perDay) = c.perPeriod(i + 1) {
                if perDay { return (.dosesPerDay(a, upTo: nil), end) }
                if let (weeks, e2) = c.weeksAfter(end) { return (.frequency(perWeek: a, weeks: weeks), e2) }
                return (.frequency(perWeek: a, weeks: nil), end)
            }
            if let m = c.int(i + 1), c.t[i + 1].kind == .number, !c.isDimensionUnit(i + 2) {  // "2x 6"
                return (.frequency(perWeek: a, weeks: Double(m)), i + 2)
            }
            return nil
        }
        // "x3", "X2", "×2"
        if segs.count == 2, isTimes(segs[0]), segs[1].isDigits, let n = int(segs[1]) {
            return (.count(n, upTo: nil, unit: nil), i + 1)
        }
        // "10mg", "25mcg", "300mg"
        if segs.count == 2, segs[0].isDigits, let n = int(segs[0]), let factor = Cursor.massUnits[text(segs[1])] {
            return (.dose(mg: n * factor), i + 1)
        }
        // "q6h", "q4-6h"
        if segs.count >= 2, text(segs[0]) == "q", segs[1].isDigits, let n = int(segs[1]), n > 0 {
            if segs.count == 3, text(segs[2]) == "h" || text(segs[2]) == "hr" || text(segs[2]) == "hrs" { return (.dosesPerDay(24 / n, upTo: nil), i + 1) }
            if segs.count == 2, c.dash(i + 1), c.ok(i + 2) {
                let s2 = Tokenizer.segments(of: c.t[i + 2], in: c.b)
                if s2.count == 2, s2[0].isDigits, let m = int(s2[0]), m > n, ["h", "hr", "hrs"].contains(text(s2[1])) {
                    return (.dosesPerDay(24 / m, upTo: 24 / n), i + 3)
                }
            }
        }
        // "61yo"
        if segs.count == 2, segs[0].isDigits, text(segs[1]) == "yo", let n = int(segs[0]), n < 120 { return (.age(Int(n)), i + 1) }
        return nil
    }

    /// "6/10", "6-7/10", "7-\n8/10", "6.5/10".
    private func painScore(_ c: Cursor, _ i: Int) -> (ClinicalValue, Int)? {
        if c.dateCueBefore(i) { return nil }
        guard let (a, e1) = c.number(i), a <= 10 else { return nil }
        var low = a, high: Double? = nil, j = e1
        if c.dash(j), c.adjacent(j), let (b, e2) = c.number(j + 1), b <= 10, b > a, c.adjacentOrBroken(j + 1) {
            high = b
            j = e2
        }
        guard c.punct(j, "/"), c.adjacent(j), c.int(j + 1) == 10, c.t[j + 1].kind == .number, c.adjacent(j + 1) else { return nil }
        if c.punct(j + 2, "/") || c.dash(j + 2), c.adjacent(j + 2) { return nil }  // "6/10/14" is a date
        if high == nil, low > 10 { return nil }
        low = min(low, 10)
        return (.painScore(low, upTo: high), j + 2)
    }

    /// Dates of numbers and separators: "12-3-09", "2/10/04", "5/01/2012", "2009-12-03", "8/2011".
    private func numericDate(_ c: Cursor, _ i: Int) -> (ClinicalValue, Int)? {
        // At most three numbers, in fixed slots (an array here was allocated at every number).
        var p0 = (value: 0, digits: 0), p1 = p0, p2 = p0
        var count = 0
        var sep: UInt8 = 0
        var j = i
        while count < 3, c.ok(j), c.t[j].kind == .number, let v = c.int(j) {
            if count > 0, !(c.adjacent(j) || (sep == UInt8(ascii: "-") && c.broken(j))) { break }
            let part = (value: v, digits: c.t[j].length)
            switch count {
            case 0: p0 = part
            case 1: p1 = part
            default: p2 = part
            }
            count += 1
            j += 1
            guard count < 3 else { break }
            let s: UInt8 = c.punct(j, "/") ? UInt8(ascii: "/") : c.punct(j, "-") ? UInt8(ascii: "-") : 0
            guard s != 0, sep == 0 || sep == s, c.adjacent(j), c.ok(j + 1), c.t[j + 1].kind == .number else { break }
            sep = s
            j += 1
        }
        // Unwind a trailing separator that no number followed.
        while j > i, c.t[j - 1].kind != .number { j -= 1 }
        if count == 3 {
            let (a, b, y) = (p0, p1, p2)
            if a.digits == 4, let d = Self.valid(year: a.value, month: b.value, day: y.value) { return (.date(d), j) }
            guard y.digits == 2 || y.digits == 4 else { return nil }
            let year = y.digits == 2 ? Self.resolve(twoDigitYear: y.value, referenceYear: referenceYear) : y.value
            if let d = Self.valid(year: year, month: a.value, day: b.value) { return (.date(d), j) }
            return nil
        }
        if count == 2, sep == UInt8(ascii: "/") {
            let (m, y) = (p0, p1)
            if y.digits == 4, m.value >= 1, m.value <= 12, (1900...2100).contains(y.value) {
                return (.date(ClinicalDate(year: y.value, month: m.value)), j)
            }
            if y.digits == 2, m.value >= 1, m.value <= 12, c.dateCueBefore(i) {
                return (.date(ClinicalDate(year: Self.resolve(twoDigitYear: y.value, referenceYear: referenceYear), month: m.value)), j)
            }
        }
        return nil
    }

    /// A complete date, when it is a real day of a plausible year.
    static func valid(year: Int, month: Int, day: Int) -> ClinicalDate? {
        guard (1900...2100).contains(year), CalendarDay(year: year, month: month, day: day) != nil else { return nil }
        return ClinicalDate(year: year, month: month, day: day)
    }

    /// A drug strength "10/325" (the second number at least 100 and larger): the first number, in mg.
    private func strength(_ c: Cursor, _ i: Int) -> (ClinicalValue, Int)? {
        guard let (a, e1) = c.number(i), c.punct(e1, "/"), c.adjacent(e1), let (b, e2) = c.number(e1 + 1),
              c.adjacent(e1 + 1), b >= 100, a < b, !c.punct(e2, "/") else { return nil }
        var end = e2
        if c.ok(end), Cursor.massUnits[c.lower(end)] == 1 { end += 1 }
        return (.dose(mg: a), end)
    }

    /// A year after "in", "since", "from", "of", "during", "until", "by": "in 2011".
    private func yearDate(_ c: Cursor, _ i: Int) -> (ClinicalValue, Int)? {
        guard c.t[i].length == 4, let y = c.int(i), (1950...2100).contains(y), c.ok(i - 1),
              Cursor.yearCues.contains(c.t[i - 1].key) else { return nil }
        return (.date(ClinicalDate(year: y)), i + 1)
    }

    /// "3 August 2015", "11 Feb. 2014", "3 August, 2015": the day first, as many offices write it.
    private func dayFirstDate(_ c: Cursor, _ i: Int) -> (ClinicalValue, Int)? {
        guard c.t[i].length <= 2, let d = c.int(i), c.ok(i + 1), let m = Cursor.months[c.t[i + 1].key] else { return nil }
        var k = i + 2
        if c.punct(k, ".") { k += 1 }
        if c.punct(k, ",") { k += 1 }
        guard let y = c.int(k), c.t[k].kind == .number, c.t[k].length == 4, let date = Self.valid(year: y, month: m, day: d) else { return nil }
        return (.date(date), k + 1)
    }

    /// "December 3, 2009", "Dec 3 2009", "August of 2013", "August 2013".
    private func monthNameDate(_ c: Cursor, _ i: Int) -> (ClinicalValue, Int)? {
        guard let m = Cursor.months[c.t[i].key] else { return nil }
        var j = i + 1
        if c.punct(j, ".") { j += 1 }
        if let d = c.int(j), c.t[j].kind == .number, c.t[j].length <= 2 {
            var k = j + 1
            if c.punct(k, ",") { k += 1 }
            if let y = c.int(k), c.t[k].kind == .number, c.t[k].length == 4, let date = Self.valid(year: y, month: m, day: d) {
                return (.date(date), k + 1)
            }
            return nil
        }
        if c.ok(j), c.t[j].key == Cursor.k_of { j += 1 }
        if let y = c.int(j), c.t[j].kind == .number, c.t[j].length == 4, (1900...2100).contains(y) {
            return (.date(ClinicalDate(year: y, month: m)), j + 1)
        }
        return nil
    }

    /// Patterns that start with a number (digits or words): age, percent, frequency, doses per
    /// day, dose, duration, count, "8 out of 10".
    private func numberLed(_ c: Cursor, _ i: Int, _ n: Double, _ e: Int) -> (ClinicalValue, Int)? {
        // Age: "61 year old", "61-year-old", "61 yo", "61 y/o".
        if n < 120, n == n.rounded() {
            var j = e
            if c.dash(j) { j += 1 }
            if c.ok(j), c.t[j].key == Cursor.k_year || c.t[j].key == Cursor.k_yr {
                var k = j + 1
                if c.dash(k) { k += 1 }
                if c.ok(k), c.t[k].key == Cursor.k_old { return (.age(Int(n)), k + 1) }
            }
            if c.ok(e), c.t[e].key == Cursor.k_yo { return (.age(Int(n)), e + 1) }
            if c.ok(e + 2), c.t[e].key == Cursor.k_y, c.punct(e + 1, "/") || c.punct(e + 1, "."), c.t[e + 2].key == Cursor.k_o {
                return (.age(Int(n)), c.punct(e + 3, ".") ? e + 4 : e + 3)
            }
        }
        // A range: "78-95", "six to eight", "8 - 10"
        var high: Double? = nil
        var j = e
        if (c.dash(j) && c.sameLine(j)) || (c.ok(j) && (c.t[j].key == Cursor.k_to || c.t[j].key == Cursor.k_or)) {
            if let (m, e2) = c.number(j + 1), m > n {
                high = m
                j = e2
            }
        }
        // A scale, not a reading: "(0-10)", "0 to 100" — unless a unit makes it a range of values ("0-10%").
        if n == 0, let h = high, h == 10 || h == 100, !c.isPercent(j), !(c.punct(j, "/")) { return (.scale(from: 0, to: h), j) }
        // Percent: "80%", "78-95%", "50% to 70%", "fifty percent"
        if c.isPercent(j) {
            var end = c.percentEnd(j)
            if high == nil, c.ok(end), c.t[end].key == Cursor.k_to || c.dash(end), let (m, e3) = c.number(end + 1), c.isPercent(e3), m > n {
                high = m
                end = c.percentEnd(e3)
            }
            return (.percent(n, upTo: high), end)
        }
        if high == nil, c.isPercent(e) { return (.percent(n, upTo: nil), c.percentEnd(e)) }
        // "N times per week", "N x/week", "N visits per week"; "N times a day"
        if high == nil, c.ok(e), Cursor.timesWords.contains(c.t[e].key) {
            if let (end, perDay) = c.perPeriod(e + 1) {
                if perDay { return (.dosesPerDay(n, upTo: nil), end) }
                if let (weeks, e2) = c.weeksAfter(end) { return (.frequency(perWeek: n, weeks: weeks), e2) }
                return (.frequency(perWeek: n, weeks: nil), end)
            }
            // "3 x 2" (per week × weeks), not a size
            if c.t[e].key == Cursor.k_x, let (m, e2) = c.number(e + 1), !c.isDimensionUnit(e2) {
                if let (weeks, e3) = c.weeksAfter(e2) { return (.frequency(perWeek: n, weeks: weeks), e3) }
                return (.frequency(perWeek: n, weeks: m), e2)
            }
        }
        // "two tablets a day", "1 tab daily"
        if high == nil, c.ok(e), Cursor.doseForms.contains(c.t[e].key), let (end, perDay) = c.perPeriod(e + 1), perDay {
            return (.dosesPerDay(n, upTo: nil), end)
        }
        // Dose: "300 mg", "0.5 mg", "25 mcg"
        if c.ok(j), let factor = Cursor.massUnits[c.lower(j)] {
            return (.dose(mg: n * factor), j + 1)
        }
        // "three and a half months", "2 and a half years"
        if high == nil, c.andAHalf(j), c.ok(j + 3), let perUnit = Cursor.durationUnits[c.t[j + 3].key] {
            return (.duration(weeks: (n + 0.5) * perUnit, upTo: nil), j + 4)
        }
        // A duration as an adjective: "3-year history", "six-month course" (not "3-year-old": an age, above).
        if high == nil, c.dash(j), c.adjacent(j), c.adjacent(j + 1), c.ok(j + 1), Cursor.durationUnits[c.t[j + 1].key] != nil {
            j += 1
        }
        // Duration: "6 weeks", "six to eight weeks", "for 2 months", "3 days"
        if c.ok(j), let perUnit = Cursor.durationUnits[c.t[j].key] {
            var k = j + 1
            if c.dash(k) { k += 1 }
            if c.ok(k), c.t[k].key == Cursor.k_old { return nil }
            return (.duration(weeks: n * perUnit, upTo: high.map { $0 * perUnit }), j + 1)
        }
        // "8 out of 10"
        if high == nil, c.ok(e + 2), c.t[e].key == Cursor.k_out, c.t[e + 1].key == Cursor.k_of, c.int(e + 2) == 10, n <= 10 {
            return (.painScore(n, upTo: nil), e + 3)
        }
        // A score said as a noun: "the pain is an eight", "brings it down to a two, she says", "a 7
        // with the Norco" — not a count of something ("a two-week course", "a ten pound box").
        if high == nil, n <= 10, n == n.rounded(), i > c.lo, c.t[i - 1].key == Cursor.k_a || c.t[i - 1].key == Cursor.k_an,
           !c.ok(e) || (c.t[e].kind == .punct && !c.dash(e)) || Cursor.scoreFollowers.contains(c.t[e].key) {
            return (.painScore(n, upTo: nil), e)
        }
        // "5 of 8 visits", "attended 4 of 8 sessions": the visits done are the first number (the
        // second is what was authorised). Not for other counts: in "2 of 3 ESIs" there were three.
        if high == nil, c.ok(e + 1), c.t[e].key == Cursor.k_of, let (m, e2) = c.number(e + 1), m >= n,
           let (value, end) = numberLed(c, e + 1, m, e2), case .count(_, nil, let unit?) = value,
           unit.hasPrefix("visit") || unit.hasPrefix("session") {
            return (.count(n, upTo: nil, unit: unit), end)
        }
        // Count: "three injections", "3 lumbar ESIs", "8-10 sessions"
        var k = j
        for _ in 0..<3 {
            guard c.ok(k), c.t[k].kind == .word else { break }
            if Cursor.countNouns.contains(c.t[k].key) {
                return (.count(n, upTo: high, unit: c.stem(k)), k + 1)
            }
            if Cursor.durationUnits[c.t[k].key] != nil || c.t[k].hasDigits || NumberWords.byKey[c.t[k].key] != nil { break }
            k += 1
        }
        return nil
    }

    /// Patterns that start with a word or a mark: "x 3", "times two", "#90", "series of three",
    /// "twice weekly", "TID", "every 6 hours", "age 61", "for a month", laterality, body region, sex.
    private func wordLed(_ c: Cursor, _ i: Int) -> (ClinicalValue, Int)? {
        let key = c.t[i].key
        // "half relief", "took away half of the pain", "about half better": a share of relief is 50 %.
        if key == Cursor.k_half, c.ok(i + 1), Cursor.halfShares.contains(c.t[i + 1].key) { return (.percent(50, upTo: nil), i + 1) }
        // "x 3", "times two", "(x2)" — not after a number ("3 times per week" is read from the number).
        if key == Cursor.k_x || key == Cursor.k_times || c.isTimesSign(i) {
            if c.ok(i - 1), c.number(i - 1) != nil, c.t[i - 1].kind == .number { return nil }
            if let (n, e) = c.number(i + 1), n == n.rounded(), n < 100, !c.isDimensionUnit(e),
               !(c.ok(e) && (Cursor.timesWords.contains(c.t[e].key) || Cursor.durationUnits[c.t[e].key] != nil)) {
                return (.count(n, upTo: nil, unit: nil), e)
            }
            return nil
        }
        if c.punct(i, "#"), let (n, e) = c.number(i + 1), c.t[i + 1].kind == .number, c.sameLine(i + 1) {
            return (.quantity(n), e)
        }
        if key == Cursor.k_series, c.ok(i + 2), c.t[i + 1].key == Cursor.k_of, let (n, e) = c.number(i + 2) {
            return (.count(n, upTo: nil, unit: "series"), e)
        }
        if let n = Cursor.adverbs[key] {  // "twice weekly", "once a day"
            if let (end, perDay) = c.perPeriod(i + 1) {
                if perDay { return (.dosesPerDay(n, upTo: nil), end) }
                if let (weeks, e2) = c.weeksAfter(end) { return (.frequency(perWeek: n, weeks: weeks), e2) }
                return (.frequency(perWeek: n, weeks: nil), end)
            }
            return nil
        }
        if let n = Cursor.perDayWords[key] {
            return (.dosesPerDay(n, upTo: nil), i + 1)
        }
        if key == Cursor.k_every, let (n, e) = c.number(i + 1), n > 0, c.ok(e), Cursor.hourWords.contains(c.t[e].key) {
            return (.dosesPerDay(24 / n, upTo: nil), e + 1)
        }
        if key == Cursor.k_q, let (n, e) = c.number(i + 1), n > 0, c.ok(e), Cursor.hourWords.contains(c.t[e].key) {
            return (.dosesPerDay(24 / n, upTo: nil), e + 1)
        }
        if key == Cursor.k_age || key == Cursor.k_aged, let (n, e) = c.number(i + 1), n < 120, n == n.rounded() {
            return (.age(Int(n)), e)
        }
        // "for a month", "over a week", "for a month and a half"
        if key == Cursor.k_a || key == Cursor.k_an, c.ok(i - 1), Cursor.durationLeads.contains(c.t[i - 1].key),
           c.ok(i + 1), let perUnit = Cursor.durationUnits[c.t[i + 1].key] {
            if c.andAHalf(i + 2) {
                return (.duration(weeks: 1.5 * perUnit, upTo: nil), i + 5)
            }
            return (.duration(weeks: perUnit, upTo: nil), i + 2)
        }
        if let l = Cursor.lateralities[key] {
            return (.laterality(l), c.ok(i + 2) && c.dash(i + 1) && c.t[i + 2].key == Cursor.k_sided ? i + 3 : i + 1)
        }
        if c.ok(i + 1), let r = Cursor.twoWordRegions[key]?[c.t[i + 1].key] { return (.bodyRegion(r), i + 2) }
        // Shorthand: "L-spine", "LS spine", "C-spine", "T/spine".
        if let r = Cursor.spineLetters[key] {
            let j = c.ok(i + 1) && (c.dash(i + 1) || c.punct(i + 1, "/")) ? i + 2 : i + 1
            if c.ok(j), c.t[j].key == Cursor.k_spine { return (.bodyRegion(r), j + 1) }
        }
        if let r = Cursor.regions[key] { return (.bodyRegion(r), i + 1) }
        if let s = Cursor.sexes[key] { return (.sex(s), i + 1) }
        return nil
    }
}

/// Token access for `ValueScanner`: bounds, marks, gaps, numbers, vocabulary.
private struct Cursor {
    let t: [Token]
    let b: [UInt8]
    let lo: Int
    let hi: Int

    static func k(_ s: String) -> UInt64 { Tokenizer.key(of: s) }
    // Keys of the words the patterns test, hashed once (hashing a string per test dominated the scan).
    static let k_a = Tokenizer.key(of: "a")
    /// Words after "a seven" that leave it a score ("a seven with the meds", "an eight at night", "from an
    /// eight down to a four", "a six, which she tolerates").
    static let scoreFollowers: Set<UInt64> = Set(["with", "without", "on", "off", "at", "today", "now", "and", "but", "when",
                                                 "after", "before", "by", "most", "or", "if", "until", "then", "again",
                                                 "down", "to", "up", "which", "that", "in", "during", "while", "so"]
        .map { Tokenizer.key(of: $0) })
    static let k_and = Tokenizer.key(of: "and")
    static let k_half = Tokenizer.key(of: "half")
    static let k_age = Tokenizer.key(of: "age")
    static let k_aged = Tokenizer.key(of: "aged")
    static let k_an = Tokenizer.key(of: "an")
    static let k_cent = Tokenizer.key(of: "cent")
    static let k_daily = Tokenizer.key(of: "daily")
    static let k_each = Tokenizer.key(of: "each")
    static let k_every = Tokenizer.key(of: "every")
    static let k_for = Tokenizer.key(of: "for")
    static let k_hundred = Tokenizer.key(of: "hundred")
    static let k_o = Tokenizer.key(of: "o")
    static let k_of = Tokenizer.key(of: "of")
    static let k_old = Tokenizer.key(of: "old")
    static let k_or = Tokenizer.key(of: "or")
    static let k_out = Tokenizer.key(of: "out")
    static let k_over = Tokenizer.key(of: "over")
    static let k_pct = Tokenizer.key(of: "pct")
    static let k_per = Tokenizer.key(of: "per")
    static let k_percent = Tokenizer.key(of: "percent")
    static let k_percentage = Tokenizer.key(of: "percentage")
    static let k_q = Tokenizer.key(of: "q")
    static let k_series = Tokenizer.key(of: "series")
    static let k_sided = Tokenizer.key(of: "sided")
    static let k_times = Tokenizer.key(of: "times")
    static let k_to = Tokenizer.key(of: "to")
    static let k_weekly = Tokenizer.key(of: "weekly")
    static let k_x = Tokenizer.key(of: "x")
    static let k_y = Tokenizer.key(of: "y")
    static let k_year = Tokenizer.key(of: "year")
    static let k_yo = Tokenizer.key(of: "yo")
    static let k_yr = Tokenizer.key(of: "yr")

    @inline(__always) func ok(_ i: Int) -> Bool { i >= lo && i < hi }

    /// Token `i` is the one-byte mark `ch` (inlined so the literal's ASCII value is a constant:
    /// `Character.asciiValue` at run time was most of this test's cost).
    @inline(__always)
    func punct(_ i: Int, _ ch: Character) -> Bool {
        guard ok(i), t[i].kind == .punct, t[i].length == 1, let a = ch.asciiValue else { return false }
        return b[Int(t[i].start)] == a
    }

    /// A hyphen or Unicode dash.
    func dash(_ i: Int) -> Bool { ok(i) && t[i].kind == .punct && t[i].key == Cursor.dashKey }
    /// "and a half" starting at token `i`.
    func andAHalf(_ i: Int) -> Bool {
        ok(i + 2) && t[i].key == Cursor.k_and && t[i + 1].key == Cursor.k_a && t[i + 2].key == Cursor.k_half
    }

    static let dashKey = k("-")

    /// Token `i` touches the token before it.
    func adjacent(_ i: Int) -> Bool { ok(i) && i > 0 && t[i].start == t[i - 1].end }
    /// Between token `i - 1` and `i` lies white space with a line break (a number broken over lines).
    func broken(_ i: Int) -> Bool {
        guard ok(i), i > 0 else { return false }
        for k in Int(t[i - 1].end)..<Int(t[i].start) where b[k] == 10 || b[k] == 13 || b[k] == 12 { return true }
        return false
    }
    func adjacentOrBroken(_ i: Int) -> Bool { adjacent(i) || broken(i) }
    /// No line break between token `i - 1` and `i`.
    func sameLine(_ i: Int) -> Bool { ok(i) && !broken(i) }

    /// The integer value of a number token (or the digits of any token), if it is all digits.
    func int(_ i: Int) -> Int? {
        guard ok(i), t[i].kind == .number else { return nil }
        return Tokenizer.integer(b, t[i].range)
    }

    /// Whether token `i` is the multiplication sign "×" (checked on bytes: no String per word).
    func isTimesSign(_ i: Int) -> Bool {
        let r = t[i].range
        return r.count == 2 && b[r.lowerBound] == 0xC3 && b[r.lowerBound + 1] == 0x97
    }

    /// The lower-cased text of a token.
    func lower(_ i: Int) -> String { String(decoding: b[t[i].range], as: UTF8.self).lowercased() }

    /// The lower-cased text of a word without a plural "s" (the count unit).
    func stem(_ i: Int) -> String {
        var s = lower(i)
        let r = t[i].range
        if r.count > 3, Tokenizer.stripsPlural(TextScan.lower(b[r.upperBound - 1]), TextScan.lower(b[r.upperBound - 2]),
                                               b[r.upperBound - 1], b[r.upperBound - 2]) {
            s.removeLast()
        }
        return s
    }

    /// A number at `i`: digits ("12", "1.5"), or number words ("three", "twenty-five", "one
    /// hundred", "three (3)"); its value and the index after it.
    func number(_ i: Int) -> (Double, Int)? {
        guard ok(i) else { return nil }
        let tok = t[i]
        if tok.kind == .number, let v = int(i) {
            // "1.5": number, ".", number, touching
            if punct(i + 1, "."), adjacent(i + 1), ok(i + 2), t[i + 2].kind == .number, adjacent(i + 2) {
                let frac = lower(i + 2)
                if let f = Double("0." + frac) { return (Double(v) + f, i + 3) }
            }
            return (Double(v), i + 1)
        }
        guard tok.kind == .word, var v = NumberWords.byKey[tok.key] else { return nil }
        var e = i + 1
        if v >= 20, v < 100, v % 10 == 0 {  // "twenty-five", "twenty five"
            var j = e
            if dash(j), adjacent(j) { j += 1 }
            if ok(j), t[j].kind == .word, let u = NumberWords.byKey[t[j].key], u >= 1, u <= 9 {
                v += u
                e = j + 1
            }
        }
        if v >= 1, v <= 9, ok(e), t[e].key == Cursor.k_hundred {  // "one hundred"
            v *= 100
            e += 1
        }
        // "three (3)": the figure repeats the word
        if punct(e, "("), int(e + 1) == v, punct(e + 2, ")") { e += 3 }
        return (Double(v), e)
    }

    func isPercent(_ i: Int) -> Bool {
        guard ok(i) else { return false }
        if punct(i, "%") { return true }
        let key = t[i].key
        if key == Cursor.k_percent || key == Cursor.k_pct || key == Cursor.k_percentage { return true }
        return key == Cursor.k_per && ok(i + 1) && t[i + 1].key == Cursor.k_cent
    }

    func percentEnd(_ i: Int) -> Int {
        var e = t[i].key == Cursor.k_per ? i + 2 : i + 1
        if punct(e, ")"), ok(i - 2), punct(i - 2, "(") { e += 1 }
        return e
    }

    /// After a count of times: "per week", "a week", "/week", "/wk", "weekly", "each week" → (end,
    /// false); "a day", "per day", "daily", "/day" → (end, true).
    func perPeriod(_ i: Int) -> (Int, Bool)? {
        guard ok(i) else { return nil }
        let key = t[i].key
        if key == Cursor.k_weekly { return (i + 1, false) }
        if key == Cursor.k_daily { return (i + 1, true) }
        if (punct(i, "/") || key == Cursor.k_per || key == Cursor.k_a || key == Cursor.k_each || key == Cursor.k_every), ok(i + 1) {
            let unit = t[i + 1].key
            if Cursor.weekWords.contains(unit) { return (i + 2, false) }
            if Cursor.dayWords.contains(unit) { return (i + 2, true) }
        }
        return nil
    }

    /// After a frequency: "for 6 weeks", "x 6 weeks", "times 4 weeks", "over 2 months", "x6" → weeks.
    func weeksAfter(_ i: Int) -> (Double, Int)? {
        guard ok(i) else { return nil }
        let key = t[i].key
        if t[i].kind == .word, t[i].hasDigits {  // "x6", "x6wks"
            let segs = Tokenizer.segments(of: t[i], in: b)
            if segs.count >= 2, String(decoding: b[segs[0].range], as: UTF8.self).lowercased() == "x", segs[1].isDigits,
               let n = Tokenizer.integer(b, segs[1].range) {
                if ok(i + 1), let u = Cursor.durationUnits[t[i + 1].key] { return (Double(n) * u, i + 2) }
                return (Double(n), i + 1)
            }
            return nil
        }
        guard key == Cursor.k_for || key == Cursor.k_x || key == Cursor.k_times || key == Cursor.k_over else { return nil }
        guard let (n, e) = number(i + 1), ok(e), let u = Cursor.durationUnits[t[e].key] else { return nil }
        return (n * u, e + 1)
    }

    /// A size unit after "3x2": cm, mm, inches.
    func isDimensionUnit(_ i: Int) -> Bool {
        guard ok(i) else { return false }
        return Cursor.dimensionUnits.contains(t[i].key)
    }

    /// A word before a date that says it is one ("on", "dated", "DOS", "since"…).
    func dateCueBefore(_ i: Int) -> Bool {
        guard ok(i - 1) else { return false }
        return Cursor.dateCues.contains(t[i - 1].key)
    }

    /// A spine level at token `i` ("L4", "s1").
    func level(_ i: Int) -> SpineLevel? {
        guard ok(i), t[i].kind == .word, t[i].hasDigits, t[i].length >= 2, t[i].length <= 3 else { return nil }
        let first = b[Int(t[i].start)]
        guard "CTLSctls".utf8.contains(first) else { return nil }
        guard let n = Tokenizer.integer(b, (Int(t[i].start) + 1)..<Int(t[i].end)) else { return nil }
        return SpineLevel(region: Character(Unicode.Scalar(first)), number: n)
    }

    // Vocabulary, by token key.
    static let weekWords = KeyMap(keys: ["week", "wk", "wks"].map(k))
    static let dayWords = KeyMap(keys: ["day", "d"].map(k))
    static let hourWords = KeyMap(keys: ["hour", "hr", "hrs", "h"].map(k))
    static let timesWords = KeyMap(keys: ["times", "x", "visits", "sessions", "treatments"].map(k))
    static let doseForms = KeyMap(keys: ["tablet", "tab", "tabs", "pill", "capsule", "cap", "caps", "patch", "dose"].map(k))
    static let durationUnits: KeyMap<Double> = KeyMap({
        var d: [UInt64: Double] = [:]
        for w in ["day", "days"] { d[k(w)] = 1.0 / 7.0 }
        for w in ["week", "weeks", "wk", "wks"] { d[k(w)] = 1 }
        for w in ["month", "months", "mo", "mos"] { d[k(w)] = 4.345 }
        for w in ["year", "years", "yr", "yrs"] { d[k(w)] = 52.18 }
        return d
    }())
    static let durationLeads = KeyMap(keys: ["for", "over", "within", "after", "about", "approximately", "than", "nearly", "almost", "past", "last"].map(k))
    static let massUnits: [String: Double] = ["mg": 1, "mgs": 1, "milligram": 1, "milligrams": 1, "mcg": 0.001,
                                             "microgram": 0.001, "micrograms": 0.001, "g": 1000, "gm": 1000,
                                             "gram": 1000, "grams": 1000]
    static let dimensionUnits = KeyMap(keys: ["cm", "mm", "in", "inch", "inches", "cc", "ml"].map(k))
    static let countNouns = KeyMap(keys: [
        "injection", "block", "esi", "lesi", "tfesi", "session", "visit", "treatment", "tablet", "tab", "pill",
        "capsule", "patch", "level", "dose", "procedure", "shot", "refill", "application", "trial", "series",
        "appointment", "class", "week supply", "nerve block", "ablation", "lesion", "surgery", "surgeries",
        "epidural", "epidurals", "round", "rounds", "attempt", "course",
    ].map(k))
    static let perDayWords: KeyMap<Double> = KeyMap({
        var d: [UInt64: Double] = [:]
        for (w, v) in [("tid", 3.0), ("t.i.d", 3), ("bid", 2), ("qid", 4), ("qd", 1), ("qhs", 1), ("qday", 1), ("qam", 1),
                       ("qpm", 1), ("daily", 1), ("nightly", 1), ("hs", 1)] { d[k(w)] = v }
        return d
    }())
    static let adverbs: KeyMap<Double> = KeyMap([k("once"): 1, k("twice"): 2, k("thrice"): 3])
    static let dateCues = KeyMap(keys: ["on", "dated", "date", "dos", "since", "from", "until", "through", "thru"].map(k))
    static let yearCues = KeyMap(keys: ["in", "since", "from", "of", "during", "until", "by", "circa"].map(k))
    static let months: KeyMap<Int> = KeyMap({
        var d: [UInt64: Int] = [:]
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december"]
        for (i, n) in names.enumerated() {
            d[k(n)] = i + 1
            if n != "may" { d[k(String(n.prefix(3)))] = i + 1 }
        }
        d[k("sept")] = 9
        return d
    }())
    static let lateralities: KeyMap<Laterality> = KeyMap([k("left"): .left, k("right"): .right, k("bilateral"): .bilateral,
                                                    k("bilaterally"): .bilateral])
    static let regions: KeyMap<BodyRegion> = KeyMap({
        var d: [UInt64: BodyRegion] = [:]
        for w in ["lumbar", "lumbosacral", "lumbo-sacral", "lumbar spine"] { d[k(w)] = .lumbar }
        for w in ["cervical", "neck"] { d[k(w)] = .cervical }
        for w in ["thoracic", "thoracolumbar"] { d[k(w)] = .thoracic }
        for w in ["shoulder", "shoulders"] { d[k(w)] = .shoulder }
        for w in ["elbow", "elbows"] { d[k(w)] = .elbow }
        for w in ["wrist", "wrists", "hand", "hands", "finger", "fingers", "thumb", "thumbs", "carpal"] { d[k(w)] = .wristHand }
        for w in ["hip", "hips"] { d[k(w)] = .hip }
        for w in ["knee", "knees"] { d[k(w)] = .knee }
        for w in ["ankle", "ankles", "foot", "feet", "heel", "heels", "toe", "toes"] { d[k(w)] = .ankleFoot }
        return d
    }())
    static let spineLetters: KeyMap<BodyRegion> = KeyMap([k("l"): .lumbar, k("ls"): .lumbar, k("c"): .cervical, k("t"): .thoracic])
    static let k_spine = k("spine")
    static let twoWordRegions: KeyMap<[UInt64: BodyRegion]> = KeyMap([
        k("low"): [k("back"): .lumbar], k("lower"): [k("back"): .lumbar], k("mid"): [k("back"): .thoracic],
        k("upper"): [k("back"): .thoracic],
    ])
    /// Every word a value can start with (`scanAt`'s pre-check): month names, number words and the
    /// words `wordLed` tests. A pattern that starts with a new word must add it here.
    static let leadWords: KeyTable = {
        var keys: [UInt64] = [k_x, k_times, k_series, k_every, k_q, k_age, k_aged, k_a, k_an, k_half]
        keys += months.keys
        keys += NumberWords.byKey.keys
        keys += adverbs.keys
        keys += perDayWords.keys
        keys += lateralities.keys
        keys += twoWordRegions.keys
        keys += spineLetters.keys
        keys += regions.keys
        keys += sexes.keys
        return KeyTable(keys.map { ($0, 1) })
    }()
    /// Words after "half" that make it a share of relief ("half relief", "half of the pain"), not an amount ("half a pack").
    static let halfShares: Set<UInt64> = Set(["relief", "of", "better", "improvement", "improved", "less"].map { k($0) })
    static let sexes: KeyMap<Sex> = KeyMap([k("male"): .male, k("female"): .female, k("man"): .male, k("woman"): .female,
                                       k("gentleman"): .male, k("lady"): .female])
}
