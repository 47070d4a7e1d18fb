import IMRParse

/// Reads the quantities of a request title: counts, frequency × duration, spine levels, side,
/// body region, retrospective date of service and drug strength.
///
/// Works on tokens with a small look-ahead, no regular expressions. Forms handled:
/// "x2", "x 2", "times two", "series of three (3)", "#90", "qty 60", "6 sessions", "3x2", "3 x 4",
/// "three times per week for two weeks", "2 times a week for 4 weeks", "twice weekly", "L4-5",
/// "L5-S1", "L2-L3", "L2, L3, L4, L5", "C5-6", "left/right/bilateral", "retrospective … DOS 12/17/14",
/// "Norco 10/325", "300 mg", "TID", "q6h", "daily".
struct RequestValueReader {
    let bytes: [UInt8]
    let tokens: [Token]
    /// Reference day for two-digit years (the letter date, else today).
    let referenceDay: Int

    init(_ text: String, referenceDay: Int) {
        bytes = Array(text.utf8)
        tokens = Tokenizer.tokens(bytes, 0..<bytes.count)
        self.referenceDay = referenceDay
    }

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "eighteen": 18,
        "twenty": 20, "twenty-four": 24, "thirty": 30, "sixty": 60, "ninety": 90, "once": 1, "twice": 2, "single": 1,
    ]
    static let visitNouns: Set<String> = ["visit", "session", "treatment", "appointment", "class", "day"]
    static let itemNouns: Set<String> = ["injection", "block", "shot", "unit", "test", "screen", "series"]
    static let frequencyWords: Set<String> = ["tid", "bid", "qid", "qd", "qhs", "hs", "prn", "daily", "nightly", "weekly", "q4h", "q6h", "q8h", "q12h", "q4", "q6", "q8", "q12", "once", "twice"]

    func text(_ i: Int) -> String {
        guard i >= 0, i < tokens.count else { return "" }
        return String(decoding: bytes[tokens[i].range], as: UTF8.self).lowercased()
    }

    func stem(_ s: String) -> String {
        s.count > 3 && s.hasSuffix("s") && !s.hasSuffix("ss") ? String(s.dropLast()) : s
    }

    /// An integer at token i: digits or a number word.
    func number(at i: Int) -> Int? {
        guard i >= 0, i < tokens.count else { return nil }
        if tokens[i].kind == .number { return Tokenizer.integer(bytes, tokens[i].range) }
        return Self.numberWords[text(i)]
    }

    /// Index of the next word/number token after i (skipping punctuation such as "(" or ")").
    func nextWord(after i: Int) -> Int? {
        var j = i + 1
        while j < tokens.count, tokens[j].kind == .punct { j += 1 }
        return j < tokens.count ? j : nil
    }

    func read(into r: inout ParsedRequest) {
        var i = 0
        while i < tokens.count {
            let t = text(i)
            let token = tokens[i]
            // "3x2", "2x6": frequency x duration; "x2": a quantity.
            if token.kind == .word, token.hasDigits {
                let segs = Tokenizer.segments(of: token, in: bytes)
                let parts = segs.map { String(decoding: bytes[$0.range], as: UTF8.self).lowercased() }
                if parts.count == 3, segs[0].isDigits, parts[1] == "x" || parts[1] == "×", segs[2].isDigits,
                   let a = Int(parts[0]), let b = Int(parts[2]) {
                    r.frequencyPerWeek = Double(a); r.durationWeeks = Double(b); r.visits = a * b
                } else if parts.count == 2, parts[0] == "x" || parts[0] == "×", segs[1].isDigits, let n = Int(parts[1]) {
                    r.quantity = n
                } else if parts.count == 2, segs[0].isDigits, parts[1] == "mg" || parts[1] == "mcg", let n = Int(parts[0]) {
                    r.doseMg = r.doseMg ?? Double(n)
                } else if parts.count >= 2, parts[0] == "q", segs[1].isDigits {
                    r.hasDosingFrequency = true
                }
                if let level = spineLevel(at: i) { addLevel(level, &r) }
            }
            // "3 x 2" written apart, and "x 2"
            if t == "x" || t == "×" {
                if let a = number(at: i - 1), tokens[i - 1].kind == .number, let j = nextWord(after: i), let b = number(at: j), tokens[j].kind == .number {
                    // "3 x 2" = 3 a week for 2 weeks, unless followed by an item noun ("2 x 3 injections")
                    r.frequencyPerWeek = Double(a); r.durationWeeks = Double(b); r.visits = a * b
                } else if let j = nextWord(after: i), let n = number(at: j) {
                    r.quantity = n
                }
            }
            // "times two" / "times 2"
            if t == "times", let j = nextWord(after: i), let n = number(at: j), !isPerWeek(after: j) {
                if let p = number(at: i - 1), isPerWeek(after: i) { _ = p } else { r.quantity = n }
            }
            // "series of three (3)"
            if t == "series", text(i + 1) == "of", let n = number(at: i + 2) { r.quantity = n }
            // "#90", "qty 60", "quantity: 30"
            if t == "#", let j = nextWord(after: i), j == i + 1, let n = number(at: j) { r.quantity = n }
            if t == "qty" || t == "quantity", let j = nextWord(after: i), let n = number(at: j) { r.quantity = n }
            // "N times per week for M weeks", "twice a week", "N visits", "N injections"
            if let n = number(at: i) {
                let nextIndex = nextWord(after: i)
                var next = nextIndex.map { stem(text($0)) } ?? ""
                // "8 additional sessions", "12 physical therapy visits": the noun may follow a few words later.
                if !Self.visitNouns.contains(next), !Self.itemNouns.contains(next), next != "time", let k = nextIndex {
                    for j in (k + 1)..<min(k + 3, tokens.count) where Self.visitNouns.contains(stem(text(j))) {
                        next = stem(text(j))
                        break
                    }
                }
                if next == "time" || t == "once" || t == "twice" {
                    let k = (next == "time" ? nextIndex! : i)
                    if isPerWeek(after: k) { r.frequencyPerWeek = Double(n) }
                    else if next == "time", !isPerDay(after: k), r.quantity == nil { r.quantity = n }
                } else if Self.visitNouns.contains(next), tokens[i].kind == .number || Self.numberWords[t] != nil {
                    r.visits = n
                } else if Self.itemNouns.contains(next), r.quantity == nil, tokens[i].kind == .number || Self.numberWords[t] != nil {
                    r.quantity = n
                } else if next == "week", text(i - 1) == "for" || text(i - 1) == "over" {
                    r.durationWeeks = Double(n)
                } else if next == "month", text(i - 1) == "for" || text(i - 1) == "over" {
                    r.durationWeeks = Double(n) * 4.345
                } else if next == "mg" || next == "mcg" || next == "milligram" {
                    r.doseMg = r.doseMg ?? Double(n)
                } else if tokens[i].kind == .number, let j = nextIndex, j == i + 2, text(i + 1) == "/", tokens[j].kind == .number,
                          i > 0, tokens[i - 1].kind == .word, !isDate(at: i) {
                    // "Norco 10/325": strength / acetaminophen
                    r.doseMg = r.doseMg ?? Double(n)
                }
            }
            if Self.frequencyWords.contains(t) || (t == "every" && (text(i + 2).hasPrefix("hour") || text(i + 2) == "day")) || t == "per" && text(i + 1) == "day" {
                r.hasDosingFrequency = true
            }
            if t == "retrospective" || t == "retro" { r.retrospective = true }
            if t == "dos" || (t == "date" && text(i + 1) == "of" && text(i + 2) == "service") {
                r.retrospective = true
                var j = i + 1
                while j < min(tokens.count, i + 6) {
                    if let d = date(at: j) { r.serviceDate = d; break }
                    j += 1
                }
            }
            switch t {
            case "left": r.laterality = r.laterality == "right" ? "bilateral" : (r.laterality ?? "left")
            case "right": r.laterality = r.laterality == "left" ? "bilateral" : (r.laterality ?? "right")
            case "bilateral", "bilaterally", "both": r.laterality = "bilateral"
            default: break
            }
            if let region = Self.regions[t] ?? (i + 1 < tokens.count ? Self.regions[t + " " + text(i + 1)] : nil) {
                if r.bodyRegion == nil { r.bodyRegion = region } else if r.bodyRegion != region, !(region == "lumbar" && r.bodyRegion == "lumbar") { r.bodyRegion = "multiple" }
            }
            i += 1
        }
        if r.visits == nil, let f = r.frequencyPerWeek, let d = r.durationWeeks { r.visits = Int((f * d).rounded()) }
        if r.bodyRegion == nil, let first = r.levels.first?.first {
            r.bodyRegion = first == "L" || first == "S" ? "lumbar" : first == "C" ? "cervical" : first == "T" ? "thoracic" : nil
        }
    }

    static let regions: [String: String] = [
        "lumbar": "lumbar", "lumbosacral": "lumbar", "low back": "lumbar", "lower back": "lumbar", "l-spine": "lumbar",
        "cervical": "cervical", "neck": "cervical", "c-spine": "cervical", "thoracic": "thoracic",
        "shoulder": "shoulder", "elbow": "elbow", "wrist": "wrist_hand", "hand": "wrist_hand", "carpal": "wrist_hand",
        "hip": "hip", "knee": "knee", "ankle": "ankle_foot", "foot": "ankle_foot", "feet": "ankle_foot",
    ]

    private func isPerWeek(after i: Int) -> Bool {
        let a = stem(text(i + 1)), b = stem(text(i + 2))
        return a == "weekly" || (["per", "a", "each", "every", "/"].contains(a) && (b == "week" || b == "wk"))
    }

    private func isPerDay(after i: Int) -> Bool {
        let a = stem(text(i + 1)), b = stem(text(i + 2))
        return a == "daily" || (["per", "a", "each", "every", "/"].contains(a) && b == "day")
    }

    /// A spine level token: "L4", "S1", "C5", "T12" (with an optional "-5" / "-S1" continuation).
    private func spineLevel(at i: Int) -> String? {
        let s = text(i).uppercased()
        guard let letter = s.first, "LCTS".contains(letter), s.count >= 2, s.count <= 3,
              let n = Int(s.dropFirst()), n >= 1, n <= 12 else { return nil }
        // "L4-5" or "L4-L5" or "L5-S1"
        if text(i + 1) == "-", i + 2 < tokens.count {
            let nextText = text(i + 2).uppercased()
            if tokens[i + 2].kind == .number, let m = Int(nextText), m == n + 1 { return "\(letter)\(n)-\(letter)\(m)" }
            if let l2 = nextText.first, "LCTS".contains(l2), let m = Int(nextText.dropFirst()), m <= 12 { return "\(letter)\(n)-\(l2)\(m)" }
        }
        // The second half of a pair already read ("L5" in "L4-L5") is not a level of its own.
        if i >= 2, text(i - 1) == "-", let previous = text(i - 2).uppercased().first, "LCTS".contains(previous) { return nil }
        return "\(letter)\(n)"
    }

    private func addLevel(_ level: String, _ r: inout ParsedRequest) {
        if !r.levels.contains(level) { r.levels.append(level) }
    }

    private func isDate(at i: Int) -> Bool { date(at: i) != nil }

    /// A date written m/d/y or m-d-y at token i (two-digit years resolve to the nearest past year).
    func date(at i: Int) -> Int? {
        guard i + 4 < tokens.count, let m = number(at: i), tokens[i].kind == .number,
              text(i + 1) == "/" || text(i + 1) == "-", let d = number(at: i + 2), tokens[i + 2].kind == .number,
              text(i + 3) == text(i + 1), tokens[i + 4].kind == .number, var y = number(at: i + 4),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        if y < 100 {
            let refYear = CivilDate.civil(days: referenceDay).year
            y += 2000
            while y > refYear { y -= 100 }
        }
        let days = CivilDate.days(year: y, month: m, day: d)
        return CivilDate.civil(days: days) == (y, m, d) ? days : nil
    }
}
