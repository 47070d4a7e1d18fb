import IMRParse

/// The values of one sentence (from `ValueScanner`), read once and on demand, so a number fact
/// takes the value nearest its phrase and a count fact the occurrences an event sentence documents.
struct SentenceValues {
    let values: [ScannedValue]
    let tokens: [Token]
    let bytes: [UInt8]

    /// Ordinal words by token key and length: a token is one when both agree (the stemmed "seconds"
    /// has the key of "second" but not its length), so no string is made per word.
    static let ordinals: [(key: UInt64, length: Int32, value: Double)] = [
        ("first", 1), ("1st", 1), ("second", 2), ("2nd", 2), ("third", 3), ("3rd", 3), ("fourth", 4), ("4th", 4),
        ("fifth", 5), ("5th", 5), ("sixth", 6), ("6th", 6),
    ].map { (Tokenizer.key(of: $0.0), Int32($0.0.utf8.count), $0.1) }
    /// Words that make "once" or "twice" a rate: "twice a week", "once per day", "once daily".
    static let rateWords: Set<UInt64> = Set(["a", "an", "per", "every", "each", "daily", "weekly", "monthly", "nightly"].map { Tokenizer.key(of: $0) })
    /// How many times, in one word.
    static let times: [(key: UInt64, length: Int32, value: Double)] = [("once", 1), ("twice", 2), ("thrice", 3)]
        .map { (Tokenizer.key(of: $0.0), Int32($0.0.utf8.count), $0.1) }

    /// The number a word of `table` stands for (the whole word, not a word it starts), else 0.
    static func value(of t: Token, in table: [(key: UInt64, length: Int32, value: Double)]) -> Double {
        table.first { $0.key == t.key && $0.length == t.end - t.start }?.value ?? 0
    }

    init(clinical: ClinicalText, sentence: ClinicalSentence, scanner: ValueScanner) {
        var found = scanner.scan(clinical, tokens: sentence.tokenRange)
        tokens = clinical.tokens
        bytes = clinical.source.bytes
        found += LooseValues.scan(tokens: clinical.tokens, bytes: clinical.source.bytes, range: sentence.tokenRange, skipping: found)
        values = found
    }


    /// A value in the unit a fact declares; ranges read at their lower end (the conservative reading
    /// against a "≥" threshold: "78-95% relief" is at least 78%).
    private static func number(_ v: ClinicalValue, unit: String?) -> Double? {
        switch (v, unit) {
        case (.percent(let p, _), "percent"): return p
        case (.duration(let w, _), "weeks"): return (w * 10).rounded() / 10
        case (.duration(let w, _), "months"): return (w / 4.345 * 10).rounded() / 10
        case (.duration(let w, _), "days"): return (w * 7).rounded()
        case (.duration(let w, _), "hours"): return (w * 168).rounded()
        case (.duration(let w, _), "years"): return (w / 52.18 * 10).rounded() / 10
        case (.age(let a), "years"): return Double(a)
        case (.count(let n, _, _), "count"), (.count(let n, _, _), nil): return n
        case (.quantity(let n), "count"), (.quantity(let n), nil): return n
        case (.painScore(let s, _), "score"): return s
        case (.dose(let mg), "mg"), (.dose(let mg), "mg_per_day"): return mg
        case (.frequency(let f, _), "per_week"): return f
        case (.dosesPerDay(let d, _), "per_day"): return d
        default: return nil
        }
    }

    /// The value in `unit` nearest to the mention, within `within` tokens on either side, with the
    /// byte range it was read from.
    func nearest(unit: String?, to mention: Range<Int>, within: Int) -> (Double, Range<Int>)? {
        var best: (distance: Int, number: Double, range: Range<Int>)?
        for v in values {
            guard let n = Self.number(v.value, unit: unit) else { continue }
            let r = v.tokenRange
            // Hours and days are read only as written: "7 days" is not 168 hours of care.
            if unit == "hours" || unit == "days", case .duration = v.value {
                let word = String(decoding: bytes[tokens[r.upperBound - 1].byteRange], as: UTF8.self).lowercased()
                let ok = unit == "hours" ? ["hour", "hours", "hr", "hrs", "h"].contains(word) : ["day", "days"].contains(word)
                if !ok { continue }
            }
            let distance = r.upperBound <= mention.lowerBound ? mention.lowerBound - r.upperBound
                : r.lowerBound >= mention.upperBound ? r.lowerBound - mention.upperBound : 0
            guard distance <= within, best == nil || distance < best!.distance else { continue }
            best = (distance, n, Int(tokens[r.lowerBound].start)..<Int(tokens[r.upperBound - 1].end))
        }
        return best.map { ($0.number, $0.range) }
    }

    /// Whether "and" or "or" stands among `between`'s tokens (two treatments, not one).
    private func joins(_ between: Range<Int>) -> Bool {
        between.contains { tokens[$0].key == Self.andKey || tokens[$0].key == Self.orKey }
    }
    static let andKey = Tokenizer.key(of: "and"), orKey = Tokenizer.key(of: "or")

    /// Whether a comma or semicolon stands among `between`'s tokens.
    private func separates(_ between: Range<Int>) -> Bool {
        for i in between where tokens[i].kind == .punct && tokens[i].length == 1 {
            let b = bytes[Int(tokens[i].start)]
            if b == 44 || b == 59 { return true }
        }
        return false
    }

    /// How many occurrences of an event the sentence documents: its distinct dates, or a count or
    /// ordinal right before the event ("3 lumbar ESIs", "her third injection") or right after
    /// ("x3"); 0 when the sentence gives no number (the caller decides what a bare mention is worth).
    /// With `schedules`, a course's schedule inside the mention counts its visits too: placed in the
    /// past, "s/p PT x12" and "PT 2x6 completed" tally 12 visits had (in a plan they are asked for).
    /// With `since` (a window ending at the document's date), only dates in it count; -1 when the
    /// sentence's only number is a date before it (the event documented, but not in the window).
    func occurrences(of mention: Range<Int>, schedules: Bool = false, since: (from: ClinicalDate, until: ClinicalDate)? = nil) -> Int {
        var dates: [ClinicalDate] = []  // distinct; a sentence holds a few (no hashing)
        var datedBefore = false
        var explicit = 0.0
        for v in values {
            let r = v.tokenRange
            // Before the event, possibly running into it ("18 chiropractic visits" read as one count).
            // Not across a list's comma or semicolon: in "PT 16 visits, chiropractic" the 16 are PT's.
            // Right before, or a few words before when the number counts visits of this treatment ("10
            // sessions of land-based physical therapy"; not across "and": "6 chiropractic visits and PT").
            let gapBefore = mention.lowerBound - min(r.upperBound, mention.lowerBound)
            let before = r.lowerBound < mention.lowerBound && !separates(min(r.upperBound, mention.lowerBound)..<mention.lowerBound)
                && (gapBefore <= 2 || (gapBefore <= 4 && v.value.countsVisits && !joins(r.upperBound..<mention.lowerBound)))
            // Right after, or a few words on when the number counts visits ("a chiropractic trial of 6
            // visits", "acupuncture for a total of 8 sessions"; not across a comma).
            let gap = r.lowerBound - mention.upperBound
            let after = r.lowerBound >= mention.upperBound
                && (gap <= 1 || (gap <= 3 && v.value.countsVisits && !separates(mention.upperBound..<r.lowerBound)))
            let inside = schedules && r.lowerBound > mention.lowerBound && r.upperBound <= mention.upperBound
            switch v.value {
            case .date(let d):
                // `past N months`: a date before the window is no occurrence in it; a year alone is too
                // vague to place in it, and a date after the document's is not one already had.
                if let since {
                    if d.month == nil || d > since.until { continue }
                    if d < since.from { datedBefore = true; continue }
                }
                if !dates.contains(d) { dates.append(d) }
            // A year is no tally ("20 sessions of chiropractic between 2012 and 2014"), nor is a code or a
            // number of that size ("CPT 90837   Modality: cognitive behavioral therapy").
            case .count(let n, _, _) where (before || after || inside) && n < 500: explicit = max(explicit, n)
            // A course placed in the past counts its visits, written inside the event or right after it
            // ("previously attended physiotherapy twice a week for 6 weeks").
            case .frequency(_, _) where inside || (schedules && after): explicit = max(explicit, v.value.visits ?? 0)
            default: break
            }
        }
        for k in max(0, mention.lowerBound - 3)..<mention.lowerBound where tokens[k].isWord {
            explicit = max(explicit, Self.value(of: tokens[k], in: Self.ordinals))
        }
        // "tried acupuncture once", "had ESIs twice in 2014" — not a rate ("twice a week").
        for k in mention.upperBound..<min(tokens.count, mention.upperBound + 2) where tokens[k].isWord {
            if k + 1 < tokens.count, Self.rateWords.contains(tokens[k + 1].key) { continue }
            explicit = max(explicit, Self.value(of: tokens[k], in: Self.times))
        }
        let n = max(dates.count, Int(min(explicit, 50)))
        return n == 0 && datedBefore ? -1 : n
    }
}
