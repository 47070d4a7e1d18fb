/// Reads what a letter says about the injured worker: age, sex and date of injury.
///
/// Only explicit statements count: "a 61 year old male", "49-year-old female", "aged 52",
/// "Sex: F"; "date of injury 5/20/10", "sustained an industrial injury on 5/01/2012", "with a date of
/// injury of 2/10/04", "Date of Injury: …". Pronouns are never used (letters' boilerplate says
/// "He/she"), and a date near the word "injury" is taken only when the words between link the two
/// ("on", "of", "at work on", "to the low back on" — not "injured worker underwent surgery on").
enum PatientParser {
    static func parse(_ lines: LetterLines, order ranges: [Range<Int>], headerInjury: Located<CalendarDay>?, referenceYear: Int) -> Patient {
        var patient = Patient()
        let bytes = lines.bytes
        for (n, r) in ranges.enumerated() {
            if patient.age == nil, let (age, sex) = age(bytes, r) {
                patient.age = age
                if patient.sex == nil { patient.sex = sex }
            }
            if patient.sex == nil { patient.sex = sex(bytes, r) }
            // A header's "Date of Injury:" wins over any date read from prose: the prose is read
            // for one only when the header has none.
            if patient.injuryDate == nil, headerInjury == nil {
                // (Across a page break only in the first range, the case summary: not the whole letter again.)
                patient.injuryDate = injuryDate(bytes, r, referenceYear: referenceYear)
                    ?? (n == 0 ? injuryDateAcrossBreak(lines, r, referenceYear: referenceYear) : nil)
            }
        }
        if let h = headerInjury { patient.injuryDate = h }
        return patient
    }

    // MARK: Age

    private static let yearWords = [Phrase("years old"), Phrase("year old"), Phrase("years-old"), Phrase("year-old"), Phrase("yr old"), Phrase("yo"), Phrase("y/o"), Phrase("y.o.")]
    private static let ageWords = [Phrase("aged"), Phrase("age:"), Phrase("age")]
    private static let ofWord = Phrase("of")
    private static let sexAfterAge: [(Phrase, String)] = [
        (Phrase("male"), "male"), (Phrase("female"), "female"), (Phrase("man"), "male"), (Phrase("woman"), "female"),
        (Phrase("gentleman"), "male"), (Phrase("lady"), "female"),
    ]

    /// The first age statement in `range`, and the sex word right after it if any.
    static func age(_ bytes: [UInt8], _ range: Range<Int>) -> (Located<Int>, Located<String>?)? {
        var i = range.lowerBound
        let end = min(range.upperBound, bytes.count)
        while i < end {
            // Only a digit or an "a" starts an age statement: other bytes are passed over in a loop
            // of their own (the letter is read whole when its summary states no age).
            i = bytes.withUnsafeBufferPointer { p in
                var j = i
                while j < end, !TextScan.isDigit(p[j]), p[j] | 0x20 != 97 { j += 1 }
                return j
            }
            guard i < end else { break }
            let b = bytes[i]
            guard i == 0 || !TextScan.isAlnum(bytes[i - 1]) else { i += 1; continue }
            if TextScan.isDigit(b) {
                var j = i, v = 0
                while j < end, TextScan.isDigit(bytes[j]), j - i < 4 { v = v * 10 + Int(bytes[j] - 48); j += 1 }
                guard j - i <= 3, j < end, !TextScan.isAlnum(bytes[j]) || TextScan.lower(bytes[j]) == 121 else { i = j; continue }
                var k = j
                while k < end, bytes[k] == 32 || bytes[k] == 45 || bytes[k] == 10 || bytes[k] == 13 { k += 1 }
                if let (_, e) = Phrase.matchAny(yearWords, bytes, at: k, end: end), e >= end || !TextScan.isAlnum(bytes[e]),
                   (14...110).contains(v) {
                    return (Located(v, i..<j), sexWord(bytes, after: e, end: end))
                }
                i = j
                continue
            }
            // "aged", "age:", "age": an "a" then a "g" (most word starts with "a" fail on the "g").
            if TextScan.lower(b) == 97, i + 1 < end, bytes[i + 1] | 0x20 == 103, let (_, e) = Phrase.matchAny(ageWords, bytes, at: i, end: end) {
                var k = e
                while k < end, bytes[k] == 32 || bytes[k] == 58 { k += 1 }
                if ofWord.match(bytes, at: k, end: end) != nil { k += 2; while k < end, bytes[k] == 32 { k += 1 } }
                var j = k, v = 0
                while j < end, TextScan.isDigit(bytes[j]), j - k < 4 { v = v * 10 + Int(bytes[j] - 48); j += 1 }
                if j > k, j - k <= 3, j >= end || !TextScan.isAlnum(bytes[j]), (14...110).contains(v) {
                    return (Located(v, k..<j), nil)
                }
            }
            i += 1
        }
        return nil
    }

    private static func sexWord(_ bytes: [UInt8], after start: Int, end: Int) -> Located<String>? {
        var i = start
        while i < end, TextScan.isSpace(bytes[i]) || bytes[i] == 44 { i += 1 }
        for (phrase, value) in sexAfterAge {
            if let e = phrase.match(bytes, at: i, end: end), e >= end || !TextScan.isAlpha(bytes[e]) { return Located(value, i..<e) }
        }
        return nil
    }

    // MARK: Sex

    private static let sexWords: [(Phrase, String)] = [(Phrase("female"), "female"), (Phrase("male"), "male")]
    private static let sexLabels = [Phrase("sex:"), Phrase("gender:")]

    /// "male" / "female" as a whole word, or "Sex: F" / "Gender: Male".
    static func sex(_ bytes: [UInt8], _ range: Range<Int>) -> Located<String>? {
        var i = range.lowerBound
        let end = min(range.upperBound, bytes.count)
        while i < end {
            // Only "m", "f", "s" or "g" starts a sex word or label: other bytes are passed over in a
            // loop of their own (the letter is read whole when its summary states no sex).
            i = bytes.withUnsafeBufferPointer { p in
                var j = i
                while j < end, !mayStartSexWord(p[j]) { j += 1 }
                return j
            }
            guard i < end else { break }
            guard i == 0 || !TextScan.isAlnum(bytes[i - 1]) else { i += 1; continue }
            // Every sex word and label starts "fe", "ma", "se" or "ge" (any case): most word starts
            // ("medical", "should", "given") fail on their second byte before any phrase is tried.
            guard i + 1 < end else { break }
            let second = bytes[i + 1] | 0x20
            guard second == (bytes[i] | 0x20 == 109 ? 97 : 101) else { i += 1; continue }
            for (phrase, value) in sexWords {
                if let e = phrase.match(bytes, at: i, end: end), e >= end || !TextScan.isAlpha(bytes[e]) { return Located(value, i..<e) }
            }
            if let (_, e) = Phrase.matchAny(sexLabels, bytes, at: i, end: end) {
                var k = e
                while k < end, bytes[k] == 32 { k += 1 }
                var j = k
                while j < end, TextScan.isAlpha(bytes[j]) { j += 1 }
                let word = String(decoding: bytes[k..<j].map(TextScan.lower), as: UTF8.self)
                if word == "m" || word == "male" { return Located("male", k..<j) }
                if word == "f" || word == "female" { return Located("female", k..<j) }
            }
            i += 1
        }
        return nil
    }

    /// Whether `b` is "m", "f", "s" or "g" in either case (a bit per letter of the lower-case block).
    @inline(__always)
    private static func mayStartSexWord(_ b: UInt8) -> Bool {
        let c = (b | 0x20) &- 0x60
        return c < 32 && (UInt32(0x0008_20C0) >> UInt32(c)) & 1 != 0
    }

    // MARK: Date of injury

    private static let injuredPersons = [Phrase("worker"), Phrase("employee"), Phrase("party"), Phrase("body")]
    // "sustained a laceration … on 3/17/2014": the event named by what it did.
    private static let injuryTriggers = PhraseSet([Phrase("injury"), Phrase("injuries"), Phrase("injured"), Phrase("doi"),
                                                   Phrase("sustained a"), Phrase("sustained an"),
                                                   // The event told as it happened: "twisted his right knee on 04/07/2015".
                                                   Phrase("twisted"), Phrase("fell"), Phrase("slipped"), Phrase("tripped"),
                                                   Phrase("crushed"), Phrase("hurt")])
    private static let linkWords = WordSet([
        "on", "of", "dated", "date", "was", "is", "in", "which", "occurred", "that", "at", "work", "while", "reportedly", "the",
        "job", "doi", "(doi)", "to", "his", "her", "their", "low", "lower", "upper", "back", "neck", "left", "right", "knee",
        "shoulder", "shoulders", "spine", "lumbar", "cervical", "wrist", "hand", "and", "both", "bilateral", "reported",
        "claimed", "a", "an", "industrial", "on:", "of:", "injury:", "date:", "buttock", "buttocks", "hip", "hips", "ankle", "ankles",
        "foot", "feet", "elbow", "elbows", "arm", "arms", "leg", "legs", "head", "knees", "hands", "wrists", "upper", "extremity",
        "extremities", "side", "thumb", "finger", "fingers", "groin", "chest", "jaw", "face", "eye", "eyes", "ribs", "pelvis", "toe",
        "toes", "forearm", "thoracic", "lumbosacral", "cervical", "mid", "psyche", "body", "multiple", "parts", "his/her",
    ])

    /// Whether the next few words of the clause (to a full stop, semicolon, comma or "and") hold "on" before a date.
    private static func injuryDateAfterOn(_ bytes: [UInt8], from start: Int, end: Int) -> Bool {
        var j = start, words = 0
        while j < end, words < 12 {
            while j < end, TextScan.isSpace(bytes[j]) { j += 1 }
            let ws = j
            while j < end, !TextScan.isSpace(bytes[j]) { j += 1 }
            guard ws < j else { return false }
            if j - ws == 2, bytes[ws] | 0x20 == 111, bytes[ws + 1] | 0x20 == 110 {  // "on"
                var k = j
                while k < end, TextScan.isSpace(bytes[k]) { k += 1 }
                return k < end && TextScan.isDigit(bytes[k])
            }
            let last = bytes[j - 1]
            if last == 46 || last == 59 || last == 44 { return false }
            // "lifting boxes and went to the ER on 6/1": another event.
            if j - ws == 3, bytes[ws] | 0x20 == 97, bytes[ws + 1] | 0x20 == 110, bytes[ws + 2] | 0x20 == 100 { return false }
            words += 1
        }
        return false
    }

    /// The injury date of a sentence that a page break cuts ("… an industrial injury on March 3," /
    /// "Page 1 of 4" / "2011."): read on the line before the break and the line after it, joined
    /// without the furniture. Asked only when no date was found on the text as it stands.
    static func injuryDateAcrossBreak(_ lines: LetterLines, _ range: Range<Int>, referenceYear: Int) -> Located<CalendarDay>? {
        for k in lines.significant(in: range) where lines[k].furnitureFollows {
            guard injuryTriggers.findFirst(in: lines.bytes, lines[k].content) != nil,
                  let (joined, original) = lines.joinedAcrossNoise(k, from: lines[k].contentStart),
                  let d = injuryDate(joined, 0..<joined.count, referenceYear: referenceYear) else { continue }
            return Located(d.value, original(d.range.lowerBound)..<original(d.range.upperBound))
        }
        return nil
    }

    /// A date linked to an injury word by at most six linking words, in the same sentence.
    static func injuryDate(_ bytes: [UInt8], _ range: Range<Int>, referenceYear: Int) -> Located<CalendarDay>? {
        var from = range.lowerBound
        while from < range.upperBound, let (k, r) = injuryTriggers.findFirst(in: bytes, from..<range.upperBound) {
            from = r.upperBound
            guard r.upperBound >= range.upperBound || !TextScan.isAlnum(bytes[r.upperBound]) else { continue }
            // "injured worker", "injured employee": the person, not the event.
            var j = r.upperBound
            if k == 2 {
                var w = j
                while w < range.upperBound, TextScan.isSpace(bytes[w]) { w += 1 }
                if let next = Phrase.matchAny(injuredPersons, bytes, at: w, end: range.upperBound),
                   next.end >= range.upperBound || !TextScan.isAlpha(bytes[next.end]) { continue }
            }
            if j < range.upperBound, bytes[j] == 58 { j += 1 }
            // Past the linking words, how it happened may come first: "injured her low back pushing a
            // linen cart on 5/19/2014" — a date after "on" within a few more words of the clause.
            var mechanismWords = 0, clauseEnded = false
            for _ in 0..<16 {
                while j < range.upperBound, TextScan.isSpace(bytes[j]) || bytes[j] == 40 { j += 1 }
                guard j < range.upperBound else { break }
                if let (d, e) = DateParser.date(in: bytes, at: j, end: range.upperBound, referenceYear: referenceYear) {
                    return Located(d, j..<e)
                }
                let ws = j
                while j < range.upperBound, !TextScan.isSpace(bytes[j]) { j += 1 }
                // The word, lower-cased, without a trailing comma or bracket; a full stop or semicolon ends the search.
                var wordEnd = j
                let last = bytes[j - 1]
                if last == 46 || last == 59 { break }
                if last == 44 || last == 41 { wordEnd -= 1 }
                if last == 44 { clauseEnded = true }
                if linkWords.contains(bytes, ws..<wordEnd) { continue }
                guard !clauseEnded, mechanismWords < 6, injuryDateAfterOn(bytes, from: j, end: range.upperBound) else { break }
                mechanismWords += 1
            }
        }
        return nil
    }
}
