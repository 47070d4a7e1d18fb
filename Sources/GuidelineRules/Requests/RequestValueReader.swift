import IMRParse

/// Reads the quantities of a request title — counts, frequency × duration, spine levels, side,
/// body region, retrospective date of service and drug strength — from the values `ValueScanner`
/// finds in it, plus the few request-only cues (retrospective, date of service, "per week").
///
/// Forms handled, for example: "x2", "times two", "series of three (3)", "#90", "6 sessions",
/// "8 additional sessions", "3x2", "3x/week x 4 weeks", "three times per week for two weeks",
/// "2 times a week for 4 weeks", "L4-5", "L5-S1", "L2, L3, L4, L5", "left", "bilateral",
/// "retrospective … DOS 12/17/14", "Norco 10/325", "Lidoderm 5%", "TID", "q6h".
struct RequestValueReader {
    let bytes: [UInt8]
    let tokens: [Token]
    let scanner: ValueScanner

    init(bytes: [UInt8], tokens: [Token], referenceDay: CalendarDay) {
        self.bytes = bytes
        self.tokens = tokens
        scanner = ValueScanner(referenceYear: referenceDay.year)
    }

    /// Three keys: compared in turn (a set hashed every token of every request).
    static let retrospectiveKeys: [UInt64] = ["retrospective", "retro", "retroactive"].map { Tokenizer.key(of: $0) }
    static let visitUnits: Set<String> = ["visit", "session", "treatment", "appointment", "class", "day", "hour"]
    static let itemUnits: Set<String> = ["injection", "block", "shot", "unit", "test", "screen", "series", "level", "procedure"]

    private func word(_ i: Int) -> String {
        guard i >= 0, i < tokens.count else { return "" }
        return String(decoding: bytes[tokens[i].byteRange], as: UTF8.self).lowercased()
    }

    /// "per week", "a week", "/wk", "each week", "weekly" at `i`: what makes "7 days" a frequency ("10 days/80
    /// hours" is a length and an amount).
    private func perWeek(at i: Int) -> Bool {
        if word(i) == "weekly" { return true }
        guard ["per", "a", "each", "/", "every"].contains(word(i)) else { return false }
        return ["week", "wk", "weeks", "wks"].contains(word(i + 1))
    }

    private func nextWord(after i: Int) -> Int? {
        var j = i
        while j < tokens.count, tokens[j].isPunct { j += 1 }
        return j < tokens.count ? j : nil
    }

    func read(into r: inout ParsedRequest) {
        var values = scanner.scan(tokens: tokens, bytes: bytes, range: 0..<tokens.count)
        values += LooseValues.scan(tokens: tokens, bytes: bytes, range: 0..<tokens.count, skipping: values).filter {
            if case .duration = $0.value { return true } else { return false }  // "30-day", "one-month"; bare numbers are not quantities
        }
        values.sort { $0.tokenRange.lowerBound < $1.tokenRange.lowerBound }
        for v in values {
            let after = v.tokenRange.upperBound
            switch v.value {
            case .frequency(let perWeek, let weeks):
                r.frequencyPerWeek = perWeek
                if let weeks { r.durationWeeks = weeks }
            case .count(let n, _, let stated):
                let unitIndex = stated == nil ? nextWord(after: after) : nil
                let unit = stated ?? unitIndex.map { word($0) }
                // The word after the unit: "4 hours per session".
                let following = unitIndex.map { $0 + 1 } ?? after
                if unit.map({ Self.visitUnits.contains(singular($0)) }) == true {
                    // "7 days per week" is a frequency, not seven visits; "4 hours per session" a length.
                    // The first number of visits stated is the request's ("10 visits over 4 weeks (3x/week, 4 hours…)").
                    if ["per", "a", "each", "/"].contains(word(following)) || word(following) == "weekly" {
                        if unit.map(singular) == "day", perWeek(at: following) { r.frequencyPerWeek = n }
                    } else {
                        r.visits = r.visits ?? Int(n)
                    }
                } else if unit.map(singular) == "week", r.frequencyPerWeek != nil {
                    r.durationWeeks = n  // "3x/week x 4 weeks"
                } else if r.quantity == nil || unit.map({ Self.itemUnits.contains(singular($0)) }) == true {
                    r.quantity = Int(n)
                }
            case .quantity(let n): r.quantity = Int(n)
            case .duration(let weeks, _):
                let unit = singular(word(v.tokenRange.upperBound - 1))
                let n = (weeks * (unit == "day" ? 7 : 1) * 10).rounded() / 10
                if unit == "hour" || unit == "hr" {
                    // "160 hours" is an amount of service, not a calendar duration.
                } else if unit == "day", perWeek(at: after) {
                    r.frequencyPerWeek = n                       // "7 days per week"
                } else if unit == "day", !["for", "over", "x", "×"].contains(word(v.tokenRange.lowerBound - 1)) {
                    r.visits = r.visits ?? Int(n)                // "Functional restoration program, 10 days"
                } else if r.durationWeeks == nil {
                    r.durationWeeks = (weeks * 10).rounded() / 10  // "for 4 weeks", "6 months", "30-day trial"
                }
            case .dose(let mg): r.doseMg = r.doseMg ?? mg
            case .percent(let p, _): r.strengthPercent = r.strengthPercent ?? p
            case .dosesPerDay: r.hasDosingFrequency = true
            case .spineLevel(let level): if !r.levels.contains(level) { r.levels.append(level) }
            case .laterality(let side):
                let s = side.rawValue
                if r.laterality == nil { r.laterality = s } else if r.laterality != s { r.laterality = "bilateral" }
            case .bodyRegion(let region):
                let s = region.rawValue
                if r.bodyRegion == nil { r.bodyRegion = s } else if r.bodyRegion != s { r.bodyRegion = "multiple" }
            case .date(let d):
                if let day = d.calendarDay, isServiceDate(before: v.tokenRange.lowerBound) {
                    r.serviceDate = day
                    r.retrospective = true
                }
            default: break
            }
        }
        if tokens.contains(where: { Self.retrospectiveKeys.contains($0.key) }) { r.retrospective = true }
        r.levels = Self.jointLevelsFirst(r.levels)
        if r.visits == nil, let f = r.frequencyPerWeek, let d = r.durationWeeks { r.visits = Int((f * d).rounded()) }
        if r.bodyRegion == nil, let first = r.levels.first?.first {
            r.bodyRegion = first == "L" || first == "S" ? "lumbar" : first == "C" ? "cervical" : first == "T" ? "thoracic" : nil
        }
    }

    /// The levels of a request that names joint levels and the nerves that supply them: "L4-L5 and
    /// L5-S1 medial branch blocks (L3, L4 medial branches and L5 dorsal ramus)" treats two joints, not
    /// five levels. A single vertebra is dropped when a named joint level is its own or the one below
    /// it (a facet joint is supplied by the medial branches of its vertebra and the one above).
    static func jointLevelsFirst(_ levels: [String]) -> [String] {
        // One level or none stays as it is (a joint keeps itself; a vertebra needs a joint beside it to
        // go): most requests name none, and the sorting below made and freed arrays for them.
        guard levels.count > 1 else { return levels }
        func vertebra(_ s: Substring) -> (Character, Int)? {
            guard let letter = s.first, let n = Int(s.dropFirst()) else { return nil }
            return (letter, n)
        }
        let joints = levels.compactMap { level -> ((Character, Int), (Character, Int))? in
            let parts = level.split(separator: "-")
            guard parts.count == 2, let upper = vertebra(parts[0]), let lower = vertebra(parts[1]) else { return nil }
            return (upper, lower)
        }
        guard !joints.isEmpty else { return levels }
        return levels.filter { level in
            guard !level.contains("-"), let (letter, n) = vertebra(Substring(level)) else { return true }
            return !joints.contains { upper, lower in
                (upper.0 == letter && (n == upper.1 || n == upper.1 - 1)) || (lower.0 == letter && n == lower.1)
            }
        }
    }

    /// Whether the date at token `i` is a date of service: "DOS 12/17/14", "date of service: …", "(DOS: …)".
    private func isServiceDate(before i: Int) -> Bool {
        for k in max(0, i - 4)..<i {
            if word(k) == "dos" || (word(k) == "service" && word(k - 1) == "of" && word(k - 2) == "date") { return true }
        }
        return false
    }

    private func singular(_ s: String) -> String {
        s.count > 3 && s.hasSuffix("s") && !s.hasSuffix("ss") ? String(s.dropLast()) : s
    }
}
