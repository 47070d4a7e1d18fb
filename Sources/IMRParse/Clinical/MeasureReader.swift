/// Reads, in a sentence, the values of named measures with their comparison: pain with and without
/// a medication, and scores, ranges of motion and tolerances before and after.
///
/// | comparison | wordings |
/// |---|---|
/// | with / without | "9/10 without Norco and 4/10 with it", "Pain: 8/10 w/o meds, 3/10 w/ meds", "VAS 8 without, 5 with", "without medication, pain is 9/10", "unchanged at 8/10 with or without medication", "when she runs out of the Percocet her pain is 8-9/10" |
/// | before → after | "from 9/10 to 4/10", "61 → 38", "100->150°", "reduced to 4/10 from 8/10", "was 8/10, now 4/10", "20 min, previously 10 min", "48% (38% at intake)", "baseline 48, now 30", "initially 8/10 …, 4/10 today", "8/10, down to 4/10", "25 lb, up from 10 lb", "increased from 10 to 30 minutes" |
///
/// Works on tokens and bytes (no regular expressions). The values are `ValueScanner`'s (and
/// `LooseValues`') where they are measure values — pain scores, percentages, hours — and bare
/// numbers with a unit word ("150 degrees", "15 lb", "30 min", "150°") otherwise; every other value
/// the scanner reads (dates, doses, spine levels, ages, frequencies, counts of things) is not one,
/// and a bare number followed by a noun ("2 toes", "3 visits") neither.
///
/// 1. Each value belongs to the measure whose word stands nearest before it (within 12 tokens),
///    else right after it, else — a score "X/10" — to the measure on that scale; a value in a unit
///    its measure does not take ("40 minutes" after "pain") is dropped.
/// 2. Neighbouring values of one measure named by the same word pair as earlier → later when an
///    arrow stands between them or their markers say so: a value after "from", "was", "baseline",
///    "initially" or followed by "previously", "at intake", "ago" is the earlier; one after "now",
///    "currently", "today", "down to" or "to" (after an earlier value or a change verb:
///    "improved to") is the later. "A to B" alone is a range ("sits 20 to 30 minutes"), as is
///    anything after "between" or "ranges"; a value said to be the worst, best, average or at rest
///    is a description, not a time.
/// 3. The other values take a side from a with/without cue ("with", "w/", "on", "after taking";
///    "without", "w/o", "off", "before", "skips a dose", "runs out", "unmedicated") whose object is
///    a medication word, "it"/"them", or nothing ("5 with."): the value right before the cue, else
///    the one after it. A value with one side and a value with the other make a pair; "with or
///    without" gives both sides to one value. A value with one side alone is a single statement.
///
/// A reference type: the fact extractor holds one and reaches it for the few sentences that name a
/// measure (a struct of tries was copied, with a retain per array, at every sentence).
package final class MeasureReader: Sendable {
    /// A measure as the reader needs it: its words, the units its values may have, its scale.
    package struct Measure: Sendable {
        package var words: [String]
        /// Units its values may be written in besides none; nil for any.
        package var units: [MeasureUnit]?
        /// A score on this scale ("8/10" for 10) is this measure even where no word names it.
        package var scale: Int?

        package init(words: [String], units: [MeasureUnit]? = nil, scale: Int? = nil) {
            self.words = words
            self.units = units
            self.scale = scale
        }
    }

    let words: PhraseTrie
    let medication: PhraseTrie

    /// Whether `tokens[range]` names a medication (the words of `with medication`).
    package func namesMedication(_ tokens: [Token], _ range: Range<Int>) -> Bool {
        !medication.matches(in: tokens, range, nonOverlapping: true).isEmpty
    }
    /// The with/without cues (`Vocabulary.cuePhrases`), held here: a trie in a static was copied,
    /// a retain per array of it, at every lookup.
    let cues: PhraseTrie
    /// Per measure: the units allowed, one bit per `MeasureUnit` (none always allowed).
    let allowed: [UInt8]
    let scaleMeasures: [(scale: Int, measure: Int)]
    /// Phrases whose presence makes a sentence worth reading: the measures' words and their scale numbers.
    package let triggers: [String]
    package var measureCount: Int { allowed.count }

    package init(measures: [Measure], medicationWords: [String]) {
        var words = PhraseTrie()
        var allowed: [UInt8] = []
        var scales: [(Int, Int)] = []
        var triggers: [String] = []
        for (m, measure) in measures.enumerated() {
            for w in measure.words { words.add(w, id: Int32(m)) }
            triggers += measure.words
            allowed.append(measure.units.map { $0.reduce(MeasureUnit.none.bit) { $0 | $1.bit } } ?? 0xFF)
            if let s = measure.scale {
                scales.append((s, m))
                triggers.append(String(s))
                if s == 10 { triggers.append("out of ten") }
            }
        }
        var meds = PhraseTrie()
        for w in medicationWords { meds.add(w, id: 0) }
        self.words = words
        self.medication = meds
        var cues = PhraseTrie()
        for (side, mode, list) in Vocabulary.cuePhrases { for p in list { cues.add(p, id: side | mode << 2) } }
        self.cues = cues
        self.allowed = allowed
        self.scaleMeasures = scales
        self.triggers = triggers
    }

    /// The statements of a whole text read as one sentence, with its values scanned here (tests, tools).
    package func read(_ text: String, referenceYear: Int = 2020) -> (tokens: [Token], statements: [MeasureStatement]) {
        let bytes = Array(text.utf8)
        let tokens = Tokenizer.tokens(bytes, 0..<bytes.count)
        let range = 0..<tokens.count
        var values = ValueScanner(referenceYear: referenceYear).scan(tokens: tokens, bytes: bytes, range: range)
        values += LooseValues.scan(tokens: tokens, bytes: bytes, range: range, skipping: values)
        return (tokens, read(tokens: tokens, bytes: bytes, range: range, values: values))
    }

    /// The measure the last of its words in `tokens[range]` names, if any (a heading "Pain:").
    package func lastMeasure(in tokens: [Token], _ range: Range<Int>) -> Int? {
        words.matches(in: tokens, range, nonOverlapping: true).last.map { Int($0.id) }
    }

    /// Whether `tokens[range]` may hold a measure value: a number, a word with digits, or "… out of ten".
    package static func mayHoldValues(_ tokens: [Token], _ range: Range<Int>) -> Bool {
        for i in range where tokens[i].kind == .number || tokens[i].hasDigits || tokens[i].key == Vocabulary.ten { return true }
        return false
    }

    /// Whether a sentence is worth reading (before its values are scanned): two numbers that may be
    /// measure values (a pair), or one with a with/without cue word or a word saying it does not
    /// move. A number joined to others by "/", "-" or "." is one ("8/10", "1.5"); a date ("6/10/14",
    /// "9/2014"), a year, a strength ("10/325"), a dose ("300 mg", "10mg"), a quantity ("#90"), a
    /// duration in days, weeks, months or years, and a number inside a word ("L4", "x3", "2nd") are
    /// none. Most sentences that name pain hold such numbers, or one score and no cue, and are left
    /// here before any value is scanned; words are looked up only for a single number.
    package static func isWorthReading(_ tokens: [Token], _ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let hi = range.upperBound
        let slash = Vocabulary.slash, dash = Vocabulary.dash, period = Vocabulary.period, ten = Vocabulary.ten, of = Vocabulary.of
        func joins(_ k: Int) -> Bool {
            let t = tokens[k]
            return t.kind == .punct && (t.key == slash || t.key == dash || t.key == period)
        }
        var numbers = 0
        var i = range.lowerBound
        while i < hi {
            let t = tokens[i]
            if t.kind == .number {
                var j = i + 1, parts = 1
                var last = t
                var separators: (UInt64, Bool) = (0, false)  // the first separator, and whether another differs ("8-9/10")
                while j + 1 < hi, joins(j), tokens[j].start == tokens[j - 1].end, tokens[j + 1].kind == .number,
                      tokens[j + 1].start == tokens[j].end {
                    if separators.0 == 0 { separators.0 = tokens[j].key } else if separators.0 != tokens[j].key { separators.1 = true }
                    parts += 1
                    last = tokens[j + 1]
                    j += 2
                }
                var counts = (parts < 3 || separators.1) && !(parts == 1 && t.length == 4)  // a date, a year
                if parts == 2, last.length >= 3 { counts = false }  // "10/325", "9/2014"
                if i > range.lowerBound, tokens[i - 1].start != t.start, tokens[i - 1].end == t.start,
                   tokens[i - 1].kind == .punct, bytes[Int(tokens[i - 1].start)] == UInt8(ascii: "#") { counts = false }
                var unit = j  // "300 mg", "55-year-old", "30-day"
                if unit + 1 < hi, joins(unit), tokens[unit].start == tokens[unit - 1].end { unit += 1 }
                if unit < hi, tokens[unit].kind == .word, Vocabulary.notValues.contains(tokens[unit].key) { counts = false }
                if t.start > 0, i > range.lowerBound, tokens[i - 1].end == t.start, tokens[i - 1].kind == .word { counts = false }
                if i > range.lowerBound, Vocabulary.citations.contains(tokens[i - (i - 1 > range.lowerBound && tokens[i - 1].kind == .punct ? 2 : 1)].key) {
                    counts = false  // "page 46", "p. 78", "pages 98-99"
                }
                if counts { numbers += 1 }
                i = j
            } else {
                if t.kind == .word, t.hasDigits, TextScan.isDigit(bytes[Int(t.start)]) {
                    // "150°", "8→3", "15lb", "30min" (not "10mg", "3x2", "2nd", "61yo")
                    var k = Int(t.start)
                    while k < Int(t.end), TextScan.isDigit(bytes[k]) || bytes[k] == UInt8(ascii: ".") { k += 1 }
                    if bytes[Int(t.start)..<Int(t.end)].contains(where: { $0 >= 0x80 }) {
                        numbers += t.length > 4 ? 2 : 1
                    } else if Vocabulary.units[Tokenizer.key(of: String(decoding: bytes[k..<Int(t.end)], as: UTF8.self))] != nil {
                        numbers += 1
                    }
                } else if t.kind == .word, t.key == ten, i >= range.lowerBound + 2, tokens[i - 1].key == of {
                    numbers += 1  // "four out of ten"
                }
                i += 1
            }
            if numbers >= 2 { return true }
        }
        guard numbers == 1 else { return false }
        for k in range where tokens[k].kind == .word {
            let key = tokens[k].key
            if Vocabulary.words.flags(key) & (Vocabulary.cueStart | Vocabulary.steady | Vocabulary.every) != 0
                || Vocabulary.more.flags(key) & Vocabulary.progress != 0 || Vocabulary.arrows.contains(key) { return true }
        }
        return false
    }

    /// The statements of `tokens[range]` (a sentence), whose values (`ValueScanner` and
    /// `LooseValues`) are given. `inherited` is a measure named just before the range (a heading
    /// line "Pain:" over "8/10 without"): values no word of the range names belong to it.
    package func read(tokens: [Token], bytes: [UInt8], range: Range<Int>, values: [ScannedValue],
                      inherited: Int? = nil) -> [MeasureStatement] {
        let lo = max(0, range.lowerBound), hi = min(tokens.count, range.upperBound)
        guard lo < hi, Self.mayHoldValues(tokens, lo..<hi) else { return [] }
        var s = Sentence(t: tokens, b: bytes, lo: lo, hi: hi)
        s.readValues(values)
        guard !s.readings.isEmpty else { return [] }
        s.hits = words.matches(in: tokens, lo..<hi, nonOverlapping: true).map { (Int($0.id), $0.tokenRange) }
        guard !s.hits.isEmpty || inherited != nil || !scaleMeasures.isEmpty else { return [] }
        assignMeasures(&s, inherited: inherited)
        guard !s.readings.isEmpty else { return [] }
        s.medications = medication.matches(in: tokens, lo..<hi, nonOverlapping: true).map(\.tokenRange)
        s.findCues(cues)
        s.pairInTime()
        s.pairWithMedication()
        s.findSteady()
        return s.statements()
    }

    /// Step 1: each value's measure (see the type's comment); values no measure takes are dropped.
    private func assignMeasures(_ s: inout Sentence, inherited: Int?) {
        for k in s.readings.indices {
            let r = s.readings[k].value.tokens
            var best: (hit: Int, distance: Int)?
            for (h, hit) in s.hits.enumerated() {
                let d: Int
                if hit.tokens.upperBound <= r.lowerBound { d = r.lowerBound - hit.tokens.upperBound }
                else if hit.tokens.lowerBound >= r.upperBound {
                    // A word right after the value ("8/10 pain", "25 lb lifting limit"), only when none is before.
                    let gap = r.upperBound..<hit.tokens.lowerBound
                    guard gap.count <= 1, !gap.contains(where: { s.t[$0].kind == .punct }) else { continue }
                    d = gap.count + 100
                } else { continue }
                if d < 100, d > 12 { continue }
                if best == nil || d < best!.distance { best = (h, d) }
            }
            var measure = -1, anchor = -1
            if let b = best {
                measure = s.hits[b.hit].measure
                anchor = b.hit
            } else if s.readings[k].value.unit == .score, let m = scaleMeasures.first(where: { $0.scale == s.readings[k].value.scale }) {
                measure = m.measure
            } else if let m = inherited {
                measure = m
            }
            if measure >= 0, allowed[measure] & s.readings[k].value.unit.bit == 0 { measure = -1 }
            s.readings[k].measure = measure
            s.readings[k].anchor = anchor
        }
        s.readings.removeAll { $0.measure < 0 }
    }
}

// MARK: - One sentence being read

/// A value read in the sentence, with what the reader learns about it.
private struct Reading {
    enum Role { case none, before, weakBefore, changed, after, range, description }
    enum Side: UInt8 { case none = 0, with = 1, without = 2, both = 3 }
    var value: MeasureValue
    var measure = -1
    /// Index into `Sentence.hits` of the word that names it (-1: its scale, or the inherited measure).
    var anchor = -1
    var role = Role.none
    var roleCue: Range<Int>?
    var side = Side.none
    var sideCue: Range<Int>?
    var used = false
}

/// A with/without cue: its tokens with its object's, and the side it gives.
private struct Cue {
    var tokens: Range<Int>
    var side: Reading.Side
    /// The cue stands alone or ends its clause ("5 with.", "without, 5 with"): it looks back.
    var bare: Bool
}

private struct Sentence {
    let t: [Token]
    let b: [UInt8]
    let lo: Int
    let hi: Int
    var hits: [(measure: Int, tokens: Range<Int>)] = []
    var medications: [Range<Int>] = []
    var readings: [Reading] = []
    /// Arrows between values: tokens and bytes (an arrow inside "100→150°" shares its token).
    var arrows: [(tokens: Range<Int>, bytes: Range<Int>)] = []
    var cues: [Cue] = []
    var pairs: [(first: Int, second: Int, comparison: MeasureComparison)] = []

    init(t: [Token], b: [UInt8], lo: Int, hi: Int) {
        self.t = t
        self.b = b
        self.lo = lo
        self.hi = hi
    }

    // MARK: Token tests

    func ok(_ i: Int) -> Bool { i >= lo && i < hi }
    func key(_ i: Int) -> UInt64 { ok(i) ? t[i].key : 0 }
    func flags(_ i: Int) -> UInt16 { ok(i) && t[i].kind == .word ? Vocabulary.words.flags(t[i].key) : 0 }
    func glued(_ i: Int) -> Bool { ok(i) && i > lo && t[i].start == t[i - 1].end }
    func isPunct(_ i: Int, _ ch: UInt8) -> Bool { ok(i) && t[i].kind == .punct && t[i].length == 1 && b[Int(t[i].start)] == ch }
    /// A mark that ends a clause for the markers that follow a value; a table's cell border is one
    /// ("Pain with meds (0-10) | Pain without meds (0-10) | ODI % … 10/05/2015 | 5 | 8 | 44": a header's cue
    /// does not reach a row's cells).
    func isClauseMark(_ i: Int) -> Bool {
        guard ok(i), t[i].kind == .punct else { return false }
        let k = t[i].key
        return k == Vocabulary.comma || k == Vocabulary.semicolon || k == Vocabulary.colon || k == Vocabulary.open || k == Vocabulary.period
            || k == Vocabulary.bar
    }
    func isHardPunct(_ i: Int) -> Bool { isClauseMark(i) || (ok(i) && t[i].kind == .punct && t[i].key == Vocabulary.close) }
    func bytes(_ r: Range<Int>) -> Range<Int> { Int(t[r.lowerBound].start)..<Int(t[r.upperBound - 1].end) }

    // MARK: Values

    /// Reads the measure values of the sentence, in order (see `MeasureReader`).
    mutating func readValues(_ values: [ScannedValue]) {
        let out = Vocabulary.out  // statics read once, not at every token
        // The scanner's values come in order, then `LooseValues`' in order: a value is looked up
        // where one can start (a number, a word with digits, a number word), in the few there are,
        // without sorting them into a new array.
        var i = lo
        while i < hi {
            let tok = t[i]
            if tok.kind == .punct {
                if let end = arrow(at: i) {
                    arrows.append((i..<end, bytes(i..<end)))
                    i = end
                } else {
                    i += 1
                }
                continue
            }
            if tok.kind == .number || tok.hasDigits || key(i + 1) == out,
               let value = values.first(where: { $0.tokenRange.contains(i) }) {
                // A value begun at a word before ("December 3, 2009", "age 61") is no measure value.
                if value.tokenRange.lowerBound < i { i = value.tokenRange.upperBound; continue }
                if let end = scanned(value) { i = max(end, i + 1); continue }
            }
            if tok.kind == .number {
                i = bare(at: i) ?? i + 1
                continue
            }
            if tok.hasDigits {
                compound(at: i)
            } else if b[Int(tok.start)] >= 0x80, Vocabulary.arrows.contains(tok.key) {
                arrows.append((i..<(i + 1), bytes(i..<(i + 1))))
            } else if key(i + 1) == out, let end = outOfTen(at: i) {
                i = end
                continue
            }
            i += 1
        }
    }

    /// An arrow of marks starting at token `i`: "->", "-->", "=>" (a word arrow, "→", is read by `readValues`).
    func arrow(at i: Int) -> Int? {
        var j = i
        while ok(j), t[j].kind == .punct, t[j].key == Vocabulary.dash || isPunct(j, UInt8(ascii: "=")) {
            j += 1
            if j - i > 3 { return nil }
        }
        if j > i, isPunct(j, UInt8(ascii: ">")), glued(j) { return j + 1 }
        return nil
    }

    /// A value the scanner read at its first token: appends a reading if it is a measure value;
    /// returns the index after it, or nil to read the token as a bare number.
    mutating func scanned(_ s: ScannedValue) -> Int? {
        let r = s.tokenRange
        var end = r.upperBound
        while end > r.lowerBound + 1, isPunct(end - 1, UInt8(ascii: ")")) { end -= 1 }
        switch s.value {
        case .scale:
            return r.upperBound  // "(0-10)" names the scale the next numbers are on
        case .painScore(let low, _):
            readings.append(Reading(value: MeasureValue(number: low, unit: .score, scale: 10, tokens: r.lowerBound..<end, bytes: bytes(r.lowerBound..<end))))
        case .percent(let p, let upTo):
            if let high = upTo, let to = (r.lowerBound..<end).first(where: { t[$0].key == Vocabulary.to || t[$0].key == Vocabulary.or }),
               to > r.lowerBound, to + 1 < end {
                // "from 26% to 48%": two values, not a range.
                readings.append(Reading(value: MeasureValue(number: p, unit: .percent, tokens: r.lowerBound..<to, bytes: bytes(r.lowerBound..<to))))
                readings.append(Reading(value: MeasureValue(number: high, unit: .percent, tokens: (to + 1)..<end, bytes: bytes((to + 1)..<end))))
            } else {
                readings.append(Reading(value: MeasureValue(number: p, unit: .percent, tokens: r.lowerBound..<end, bytes: bytes(r.lowerBound..<end))))
            }
        case .duration(let weeks, _):
            // Hours are a tolerance ("sits 1 hour"); days, weeks and months are how long something lasted.
            guard Vocabulary.hours.contains(t[end - 1].key) else { return r.upperBound }
            readings.append(Reading(value: MeasureValue(number: (weeks * 168 * 100).rounded() / 100, unit: .time, factor: 60,
                                                        tokens: r.lowerBound..<end, bytes: bytes(r.lowerBound..<end))))
        case .count where r.count == 1 || (t[r.lowerBound].kind == .number
                && Vocabulary.words.flags(key(r.lowerBound + 1)) & Vocabulary.follower != 0):
            // A bare number or number word ("four out of ten"), or one the scanner counted with a noun
            // further on ("3 after the injection").
            return nil
        case .date where r.count == 3 && t[r.lowerBound].kind == .number && isPunct(r.lowerBound + 1, UInt8(ascii: "/"))
                && Tokenizer.integer(b, t[r.lowerBound + 2].range) == 10 && r.lowerBound > lo && key(r.lowerBound - 1) == Vocabulary.from:
            // "from 9/10 to 4/10": the scanner reads "from 9/10" as September 2010; beside a measure it is a score.
            guard let n = Tokenizer.integer(b, t[r.lowerBound].range), n <= 10 else { return r.upperBound }
            readings.append(Reading(value: MeasureValue(number: Double(n), unit: .score, scale: 10, tokens: r, bytes: bytes(r))))
        default:
            break
        }
        return r.upperBound
    }

    /// A score in words: "four out of ten", "8 out of ten" (the scanner reads "8 out of 10").
    mutating func outOfTen(at i: Int) -> Int? {
        guard ok(i + 3), key(i + 1) == Vocabulary.out, key(i + 2) == Vocabulary.of, key(i + 3) == Vocabulary.ten || Tokenizer.integer(b, t[i + 3].range) == 10,
              let n = NumberWords.value(ofKey: t[i].key) ?? (t[i].kind == .number ? Tokenizer.integer(b, t[i].range) : nil), n <= 10 else { return nil }
        readings.append(Reading(value: MeasureValue(number: Double(n), unit: .score, scale: 10, tokens: i..<(i + 4), bytes: bytes(i..<(i + 4)))))
        return i + 4
    }

    /// A bare number at `i` ("61", "1.5", "24/50") with its unit word if any ("150 degrees", "15 lb",
    /// "30 min"); the index after it, or nil when the number is not a measure value (glued to a
    /// mark, a year, or followed by a noun: "2 toes").
    mutating func bare(at i: Int) -> Int? {
        if i > lo, glued(i), t[i - 1].kind == .punct {
            let k = t[i - 1].key
            if k == Vocabulary.dash || k == Vocabulary.slash || k == Vocabulary.period { return nil }
        }
        guard let n = Tokenizer.integer(b, t[i].range), n < 10_000 else { return nil }
        if t[i].length == 4, n >= 1900, n <= 2100 { return nil }  // a year
        if i > lo, Vocabulary.citations.contains(t[i - (i - 1 > lo && t[i - 1].kind == .punct ? 2 : 1)].key) { return nil }  // "page 46"
        if let end = outOfTen(at: i) { return end }
        var value = Double(n)
        var j = i + 1
        if isPunct(j, UInt8(ascii: ".")), glued(j), ok(j + 1), t[j + 1].kind == .number, glued(j + 1),
           let f = Double("0." + String(decoding: b[t[j + 1].range], as: UTF8.self)) {
            value += f
            j += 2
        }
        // "24/50": a score on another scale (not "4/5", a strength grade).
        if isPunct(j, UInt8(ascii: "/")), glued(j), ok(j + 1), t[j + 1].kind == .number, glued(j + 1) {
            guard let scale = Tokenizer.integer(b, t[j + 1].range), scale >= 10, scale <= 100, value <= Double(scale) else { return nil }
            readings.append(Reading(value: MeasureValue(number: value, unit: .score, scale: scale, tokens: i..<(j + 2), bytes: bytes(i..<(j + 2)))))
            return j + 2
        }
        // "5-10 minutes": the lower end; "0-110 degrees", an arc of motion: its size.
        var arc: Double?
        if ok(j + 1), t[j].kind == .punct, t[j].key == Vocabulary.dash, glued(j), t[j + 1].kind == .number, glued(j + 1),
           let m = Tokenizer.integer(b, t[j + 1].range), Double(m) > value {
            arc = Double(m) - value
            j += 2
        }
        if ok(j), t[j].kind == .word, let (unit, factor) = Vocabulary.units[t[j].key] {
            if unit == .degrees, let a = arc { value = a }
            readings.append(Reading(value: MeasureValue(number: value, unit: unit, factor: factor, tokens: i..<(j + 1), bytes: bytes(i..<(j + 1)))))
            return j + 1
        }
        if ok(j), t[j].kind == .word, Vocabulary.words.flags(t[j].key) & Vocabulary.follower == 0,
           Vocabulary.arrowBytes(b, Int(t[j].start), Int(t[j].end)) == nil { return nil }
        readings.append(Reading(value: MeasureValue(number: value, unit: .none, tokens: i..<j, bytes: bytes(i..<j))))
        return j
    }

    /// A word mixing digits with a unit or an arrow: "150°", "15lb", "30min", "8→3", "100→150°".
    /// Anything else with digits ("L4", "x3", "2nd", "3x2") is not a measure value.
    mutating func compound(at i: Int) {
        let r = t[i].range
        var found: [Reading] = []
        var arrowsHere: [Range<Int>] = []
        var k = r.lowerBound
        var last: Int?  // index in `found` of a number still open for a unit
        while k < r.upperBound {
            let c = b[k]
            if TextScan.isDigit(c) {
                let s = k
                while k < r.upperBound, TextScan.isDigit(b[k]) { k += 1 }
                if k + 1 < r.upperBound, b[k] == UInt8(ascii: "."), TextScan.isDigit(b[k + 1]) {
                    k += 1
                    while k < r.upperBound, TextScan.isDigit(b[k]) { k += 1 }
                }
                guard let v = Double(String(decoding: b[s..<k], as: UTF8.self)) else { return }
                found.append(Reading(value: MeasureValue(number: v, unit: .none, tokens: i..<(i + 1), bytes: s..<k)))
                last = found.count - 1
                continue
            }
            if let w = Vocabulary.arrowBytes(b, k, r.upperBound) {
                arrowsHere.append(k..<(k + w))
                k += w
                last = nil
                continue
            }
            // A unit: letters or a degree sign up to the next digit or arrow.
            let s = k
            while k < r.upperBound, !TextScan.isDigit(b[k]), Vocabulary.arrowBytes(b, k, r.upperBound) == nil { k += 1 }
            guard let open = last, let (unit, factor) = Vocabulary.units[Tokenizer.key(of: String(decoding: b[s..<k], as: UTF8.self))] else { return }
            found[open].value.unit = unit
            found[open].value.factor = factor
            found[open].value.bytes = found[open].value.bytes.lowerBound..<k
            last = nil
        }
        // A unit written once after the last value is the unit of all: "100→150°".
        if let u = found.last?.value, u.unit != .none {
            for j in found.indices where found[j].value.unit == .none { found[j].value.unit = u.unit; found[j].value.factor = u.factor }
        }
        // "150°", "8→3", "100→150°", and the halves of a spaced arrow: "8→ 3", "8 →3".
        guard !found.isEmpty, arrowsHere.count == found.count - 1 || (arrowsHere.isEmpty && found[0].value.unit != .none)
                || (found.count == 1 && arrowsHere.count == 1) else { return }
        readings += found
        for a in arrowsHere { arrows.append((i..<(i + 1), a)) }
    }

    // MARK: Cues

    /// Finds the with/without cues, with their objects (see `MeasureReader`).
    mutating func findCues(_ trie: PhraseTrie) {
        var i = lo
        while i < hi {
            guard t[i].kind == .word, Vocabulary.words.flags(t[i].key) & Vocabulary.cueStart != 0,
                  let (end, id) = Self.cue(trie, t, i, hi) else { i += 1; continue }
            let side = Reading.Side(rawValue: UInt8(id & 3)) ?? .none
            let mode = id >> 2  // 0: object or nothing, 1: object needed, 2: none needed
            var j = end
            // "w/", "w/o", "pre-medication": the mark is part of the cue.
            while j < hi, t[j].kind == .punct, isPunct(j, UInt8(ascii: "/")) || t[j].key == Vocabulary.dash, glued(j) { j += 1 }
            var skipped = 0
            while j < hi, skipped < 3, t[j].kind == .word, Vocabulary.words.flags(t[j].key) & Vocabulary.skip != 0,
                  !medications.contains(where: { $0.lowerBound == j }) {
                j += 1
                skipped += 1
            }
            var objectEnd: Int?
            var bare = false
            if let m = medications.first(where: { $0.lowerBound == j }) {
                objectEnd = m.upperBound
            } else if j < hi, t[j].kind == .word, Vocabulary.words.flags(t[j].key) & Vocabulary.pronoun != 0 {
                objectEnd = j + 1  // "with it", "on it his pain is 3/10"
            } else if skipped > 0, Vocabulary.words.flags(t[j - 1].key) & Vocabulary.pronoun != 0 {
                objectEnd = j  // "with this": the skipped word is the object
            } else if mode == 0, skipped == 0, j >= hi || isHardPunct(j)
                        || t[j].key == Vocabulary.and || t[j].key == Vocabulary.or || t[j].key == Vocabulary.but {
                // "8/10 without, 4/10 with.": the cue ends its clause and looks back.
                objectEnd = j
                bare = true
            } else if mode == 0, skipped == 0, t[j].kind == .number || t[j].hasDigits {
                objectEnd = j  // "…, without 8/10": the value follows
            } else if mode == 2 {
                objectEnd = end
            }
            if let e = objectEnd {
                cues.append(Cue(tokens: i..<e, side: side, bare: bare))
                i = e
            } else {
                i = end
            }
        }
        // Each cue gives its side to one value, in three rounds so that the closest bond wins: the
        // value right before it ("9/10 without Norco", "3/10 when medicated"); else the value after
        // it, over a few words ("without medication, her pain is 9/10"); else a value a few words
        // before it in the same clause ("4/10 about 40 minutes after a dose").
        var given = [Bool](repeating: false, count: cues.count)
        for round in 0..<3 {
            for (n, c) in cues.enumerated() where !given[n] {
                var before: Int?, after: Int?
                for (k, r) in readings.enumerated() {
                    if r.value.tokens.upperBound <= c.tokens.lowerBound { before = k }
                    else if r.value.tokens.lowerBound >= c.tokens.upperBound, after == nil { after = k }
                }
                var target: Int?
                switch round {
                case 0:
                    if let k = before {
                        let gap = readings[k].value.tokens.upperBound..<c.tokens.lowerBound
                        if gap.allSatisfy({ flags($0) & Vocabulary.connective != 0 })
                            || (c.bare && gap.count <= 2 && !gap.contains(where: isClauseMark)) { target = k }
                    }
                case 1:
                    if !c.bare, let k = after {
                        let gap = c.tokens.upperBound..<readings[k].value.tokens.lowerBound
                        // Over a few words; a few more within one clause ("with her medications on board
                        // she rates the pain four out of ten").
                        if gap.count <= 5 ? !gap.contains(where: { isPunct($0, UInt8(ascii: ";")) })
                            : gap.count <= 7 && !gap.contains(where: isClauseMark) { target = k }
                    }
                default:
                    if let k = before {
                        let gap = readings[k].value.tokens.upperBound..<c.tokens.lowerBound
                        if gap.count <= 4, !gap.contains(where: isHardPunct) { target = k }
                    }
                }
                if let k = target, readings[k].side == .none {
                    readings[k].side = c.side
                    readings[k].sideCue = c.tokens
                    given[n] = true
                }
            }
        }
    }

    /// The longest cue at token `i`: the index after it and its id.
    static func cue(_ trie: borrowing PhraseTrie, _ t: [Token], _ i: Int, _ end: Int) -> (Int, Int32)? {
        t.withUnsafeBufferPointer { p in
            guard let m = trie.longestMatch(in: p, at: i, end: end), m.node >= 0 else { return nil }
            return trie.ids(at: m.node).first.map { (m.end, $0) }
        }
    }

    /// Whether token `i` is part of a with/without cue (a "before" there is not a time).
    func inCue(_ i: Int) -> Bool { cues.contains { $0.tokens.contains(i) } }

    // MARK: Pairs in time

    /// Step 2 of `MeasureReader`: values paired as earlier → later.
    mutating func pairInTime() {
        for k in readings.indices { markRole(k) }
        var k = 0
        while k + 1 < readings.count {
            let p = readings[k], r = readings[k + 1]
            // Empty for two values of one word ("100→150°").
            let gap = p.value.tokens.upperBound..<max(p.value.tokens.upperBound, r.value.tokens.lowerBound)
            // Values given the two sides of a medication comparison are that comparison.
            let sides = p.side.rawValue | r.side.rawValue
            guard p.measure == r.measure, p.value.isCompatible(with: r.value), sameWord(p, r), gap.count <= 12,
                  !(sides == 3 && p.side != .both && r.side != .both) else { k += 1; continue }
            // With one value unmarked, the two stand close, in one clause.
            let close = gap.count <= 8 && !gap.contains { isPunct($0, UInt8(ascii: ";")) }
            var order: (Int, Int)?
            if arrowBetween(p, r) {
                order = (k, k + 1)
            } else {
                switch (p.role, r.role) {
                case (.before, .after), (.weakBefore, .after), (.changed, .after): order = (k, k + 1)
                case (.before, .none), (.none, .after): if close { order = (k, k + 1) }
                case (.none, .before), (.none, .weakBefore): if close { order = (k + 1, k) }
                case (.after, .before), (.after, .weakBefore): order = (k + 1, k)
                default: break
                }
            }
            if let (a, c) = order {
                readings[a].used = true
                readings[c].used = true
                pairs.append((a, c, .time))
                k += 2
            } else {
                k += 1
            }
        }
    }

    /// Two values are of one measure's word: the same word, or words alike ("pain" … "pain"), or
    /// one named by its scale.
    func sameWord(_ p: Reading, _ r: Reading) -> Bool {
        guard p.anchor != r.anchor, p.anchor >= 0, r.anchor >= 0 else { return true }
        let a = hits[p.anchor].tokens, c = hits[r.anchor].tokens
        return a.count == c.count && zip(a, c).allSatisfy { t[$0].key == t[$1].key }
    }

    func arrowBetween(_ p: Reading, _ r: Reading) -> Bool {
        arrows.contains { a in
            a.bytes.lowerBound >= p.value.bytes.upperBound && a.bytes.upperBound <= r.value.bytes.lowerBound
                && a.tokens.lowerBound - p.value.tokens.upperBound <= 1 && r.value.tokens.lowerBound - a.tokens.upperBound <= 1
        }
    }

    /// The time role of reading `k` from the words around it (the nearest marker before it decides,
    /// else the markers after it, up to the end of its clause).
    mutating func markRole(_ k: Int) {
        let r = readings[k].value.tokens
        let start = k > 0 ? max(readings[k - 1].value.tokens.upperBound, r.lowerBound - 6) : max(lo, r.lowerBound - 6)
        var j = r.lowerBound - 1
        while j >= start {
            defer { j -= 1 }
            // A marker before a conjunction belongs to the value before it ("52% at intake and 30% today").
            if isPunct(j, UInt8(ascii: ";")) || isPunct(j, UInt8(ascii: ",")) || key(j) == Vocabulary.and || key(j) == Vocabulary.but { break }
            guard t[j].kind == .word, !inCue(j) else { continue }
            let f = Vocabulary.words.flags(t[j].key)
            if f & Vocabulary.rangeWord != 0 { readings[k].role = .range; return }
            if f & Vocabulary.description != 0 { readings[k].role = .description; return }
            if t[j].key == Vocabulary.to {
                if toMarksLater(k, at: j) { readings[k].role = .after; readings[k].roleCue = j..<(j + 1) }
                return
            }
            if f & Vocabulary.beforeValue != 0 {
                readings[k].role = f & Vocabulary.weak != 0 ? .weakBefore : .before
                readings[k].roleCue = j..<(j + 1)
                return
            }
            if f & Vocabulary.afterValue != 0 { readings[k].role = .after; readings[k].roleCue = j..<(j + 1); return }
            if f & Vocabulary.change != 0 { readings[k].role = .changed; readings[k].roleCue = j..<(j + 1); return }
        }
        let stop = k + 1 < readings.count ? min(readings[k + 1].value.tokens.lowerBound, r.upperBound + 4) : min(hi, r.upperBound + 4)
        var e = r.upperBound
        while e < stop {
            defer { e += 1 }
            if isClauseMark(e) { break }
            guard t[e].kind == .word, !inCue(e) else { continue }
            let f = Vocabulary.words.flags(t[e].key)
            if f & Vocabulary.description != 0 { readings[k].role = .description; return }
            if f & Vocabulary.followsEarlier != 0 { readings[k].role = .before; readings[k].roleCue = e..<(e + 1); return }
            if f & Vocabulary.followsLater != 0 { readings[k].role = .after; readings[k].roleCue = e..<(e + 1); return }
        }
    }

    /// "to" before reading `k` makes it the later value after a change word ("improved to", "down
    /// to"), after an earlier value ("from 10 to 30"), or between two values with their units
    /// ("8/10 to 4/10"); otherwise "A to B" is a range.
    func toMarksLater(_ k: Int, at j: Int) -> Bool {
        if j > lo, t[j - 1].kind == .word, Vocabulary.words.flags(t[j - 1].key) & (Vocabulary.change | Vocabulary.upDown) != 0 { return true }
        guard k > 0 else { return false }
        let p = readings[k - 1]
        switch p.role {
        case .before, .weakBefore, .changed: return true
        case .range, .description, .after: return false
        case .none:
            let between = p.value.tokens.upperBound..<readings[k].value.tokens.lowerBound
            return p.value.unit != .none && readings[k].value.unit != .none && between.count == 1
        }
    }

    // MARK: Pairs with and without the medication

    /// Step 3 of `MeasureReader`: a value with one side pairs with the nearest value of the other
    /// side (of the same measure, not yet paired).
    mutating func pairWithMedication() {
        for k in readings.indices where !readings[k].used && readings[k].side != .none {
            guard !readings[k].used else { continue }
            if readings[k].side == .both {
                readings[k].used = true
                pairs.append((k, k, .medication))
                continue
            }
            let want: Reading.Side = readings[k].side == .with ? .without : .with
            var best: Int?
            for j in readings.indices where j != k && !readings[j].used && readings[j].side == want
                && readings[j].measure == readings[k].measure && readings[j].value.isCompatible(with: readings[k].value) {
                if best == nil || abs(j - k) < abs(best! - k) { best = j }
            }
            guard let j = best else { continue }
            readings[k].used = true
            readings[j].used = true
            let (without, with) = readings[k].side == .without ? (k, j) : (j, k)
            pairs.append((without, with, .medication))
        }
    }

    /// Values said not to move ("ROM unchanged at 110 degrees", "0-110 degrees at every visit",
    /// "Oswestry plateaued at 30%", "no change in walking tolerance, 10 minutes"), among those in
    /// no pair and with no side.
    mutating func findSteady() {
        for k in readings.indices where !readings[k].used && readings[k].side == .none {
            let r = readings[k].value.tokens
            let from = max(k > 0 ? readings[k - 1].value.tokens.upperBound : lo, r.lowerBound - 8)
            let to = min(k + 1 < readings.count ? readings[k + 1].value.tokens.lowerBound : hi, r.upperBound + 5)
            var found: Range<Int>?
            for j in from..<max(from, to) where !r.contains(j) && t[j].kind == .word {
                let f = flags(j)
                if f & Vocabulary.steady != 0 { found = j..<(j + 1) }
                // "at every visit", "at each session"
                else if f & Vocabulary.every != 0, ok(j + 1), Vocabulary.more.flags(t[j + 1].key) & Vocabulary.visit != 0 { found = j..<(j + 2) }
                // "no change", "no further improvement", "not improved"
                else if Vocabulary.more.flags(t[j].key) & Vocabulary.progress != 0,
                        ((j - 2)..<j).contains(where: { ok($0) && Vocabulary.more.flags(t[$0].key) & Vocabulary.denial != 0 }) { found = j..<(j + 1) }
                if found != nil { break }
            }
            guard let cue = found else { continue }
            readings[k].used = true
            readings[k].roleCue = cue
            pairs.append((k, k, .steady))
        }
    }

    // MARK: Statements

    func statements() -> [MeasureStatement] {
        let namesMedication = !medications.isEmpty
        func cues(_ r: Reading) -> [Range<Int>] { [r.roleCue, r.sideCue].compactMap { $0 } }
        func word(_ r: Reading) -> Range<Int>? { r.anchor >= 0 ? hits[r.anchor].tokens : nil }
        var out: [MeasureStatement] = []
        for (a, c, comparison) in pairs {
            let p = readings[a], r = readings[c]
            var cueTokens = cues(p) + (a == c ? [] : cues(r))
            if comparison == .time {
                for x in arrows where x.bytes.lowerBound >= p.value.bytes.upperBound && x.bytes.upperBound <= r.value.bytes.lowerBound {
                    cueTokens.append(x.tokens)
                }
            }
            out.append(MeasureStatement(measure: p.measure, comparison: comparison, first: p.value, second: r.value,
                                        word: word(p) ?? word(r), cues: cueTokens, namesMedication: namesMedication))
        }
        for r in readings where !r.used && (r.side == .with || r.side == .without) {
            out.append(MeasureStatement(measure: r.measure, comparison: .medication, first: r.side == .without ? r.value : nil,
                                        second: r.side == .with ? r.value : nil, word: word(r), cues: cues(r),
                                        namesMedication: namesMedication))
        }
        return out.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }
}

// MARK: - Vocabulary

/// The reader's words, by token key (stemmed: "previously" stands for itself, "improve" for
/// improves, improved, improving).
private enum Vocabulary {
    static func k(_ s: String) -> UInt64 { Tokenizer.key(of: s) }
    static let to = k("to"), from = k("from"), or = k("or"), and = k("and"), but = k("but"), ten = k("ten"), of = k("of"), out = k("out")
    static let dash = k("-"), slash = k("/"), period = k("."), comma = k(","), semicolon = k(";"), colon = k(":"), open = k("("), close = k(")"), bar = k("|")

    // Flags of `words`.
    /// Before a value, makes it the earlier: "from", "was", "baseline", "initially".
    static let beforeValue: UInt16 = 1 << 0
    /// After a value, makes it the earlier: "previously", "at intake", "ago".
    static let followsEarlier: UInt16 = 1 << 1
    /// Before a value, makes it the later: "now", "currently", "today".
    static let afterValue: UInt16 = 1 << 2
    /// After a value, makes it the later: "now", "after", "post".
    static let followsLater: UInt16 = 1 << 3
    static let change: UInt16 = 1 << 4
    static let rangeWord: UInt16 = 1 << 5
    static let follower: UInt16 = 1 << 6
    static let skip: UInt16 = 1 << 7
    static let pronoun: UInt16 = 1 << 8
    static let description: UInt16 = 1 << 9
    static let upDown: UInt16 = 1 << 10
    /// A weak "earlier" ("was"): enough beside a later value, not alone.
    static let weak: UInt16 = 1 << 11
    /// Between a value and its cue: "3/10 when medicated".
    static let connective: UInt16 = 1 << 12
    /// The first word of a with/without cue (`cues`).
    static let cueStart: UInt16 = 1 << 13
    /// A value said not to move: "unchanged", "plateaued", "remains".
    static let steady: UInt16 = 1 << 14
    /// "every"/"each" before `visit`: "at every visit".
    static let every: UInt16 = 1 << 15

    // Flags of `more` (a second table: `words` has no bit left).
    /// A visit, after "every": "at every visit".
    static let visit: UInt16 = 1 << 0
    /// A word of progress after a denial: "no progress", "no further improvement".
    static let progress: UInt16 = 1 << 1
    /// "no", "not", "without" before a word of change or progress.
    static let denial: UInt16 = 1 << 2
    static let more: KeyTable = {
        var entries: [(UInt64, UInt16)] = []
        for w in ["visit", "session", "note", "appointment", "evaluation", "encounter", "check"] { entries.append((k(w), visit)) }
        for w in ["change", "improvement", "improve", "progress", "gain", "better", "difference"] { entries.append((k(w), progress)) }
        for w in ["no", "not", "without", "never", "nor"] { entries.append((k(w), denial)) }
        return KeyTable(entries)
    }()

    static let words: KeyTable = {
        var entries: [(UInt64, UInt16)] = []
        func add(_ flag: UInt16, _ list: [String]) { for w in list { entries.append((k(w), flag)) } }
        add(beforeValue, ["from", "previously", "previous", "prior", "baseline", "initially", "initial", "originally", "original",
                          "intake", "before", "pre", "preop", "preoperative", "preoperatively", "pretreatment", "earlier", "compared",
                          "last", "admission", "instead"])
        add(beforeValue | weak, ["was", "were"])
        add(followsEarlier, ["previously", "prior", "before", "baseline", "intake", "initially", "initial", "originally", "earlier",
                             "ago", "last", "pretreatment", "preop", "preoperatively", "admission", "start", "onset"])
        add(afterValue, ["now", "currently", "current", "today", "presently", "present", "after", "post", "postop", "postoperatively"])
        add(followsLater, ["now", "currently", "today", "presently", "after", "post", "postop", "postoperatively", "discharge"])
        add(change, ["improve", "increase", "decrease", "reduce", "drop", "go", "goes", "going", "went", "gone", "come", "came",
                     "progress", "change", "fall", "fell", "fallen", "rise", "rose", "risen", "climb", "decline", "lower", "raise",
                     "advance", "better", "worsen", "diminish", "lessen", "bring", "brought", "gain", "gained", "improvement",
                     "reduction", "decrease"])
        add(upDown, ["up", "down"])
        add(rangeWord, ["between", "range", "ranging", "vary", "varies", "varying", "fluctuate", "anywhere"])
        add(description, ["worst", "best", "least", "average", "avg", "typical", "usual", "usually", "maximum", "max", "minimum",
                          "rest", "activity", "activities", "exertion", "morning", "night", "nighttime", "evening", "flare", "goal",
                          "target", "expected"])
        add(follower, ["to", "from", "and", "or", "but", "with", "without", "w", "on", "off", "at", "in", "now", "previously",
                       "before", "after", "today", "currently", "initially", "baseline", "intake", "point", "points", "pts",
                       "then", "vs", "versus", "compared", "down", "up", "since", "prior", "per", "while", "when", "during",
                       "last", "this", "ago", "is", "was", "which", "that", "as", "for", "worst", "best", "average", "at",
                       "unchanged", "pain", "overall", "today", "post", "pre", "by", "despite", "both", "out"])
        add(skip, ["the", "his", "her", "their", "a", "an", "my", "this", "these", "those", "its", "taking", "using", "of",
                   "any", "all", "current", "prescribed", "regular", "usual", "same", "one", "each", "first", "next",
                   "morning", "evening", "nightly", "daily"])
        add(pronoun, ["it", "them", "this", "these", "that", "those"])
        add(connective, ["when", "while", "once", "if"])
        add(steady, ["unchanged", "unchanging", "plateau", "plateaued", "plateauing", "same", "remain", "remains", "remained",
                     "static", "stagnant", "stalled"])
        add(every, ["every", "each"])
        add(cueStart, cuePhrases.flatMap(\.phrases).compactMap { $0.split(whereSeparator: { " /-".contains($0) }).first.map(String.init) })
        return KeyTable(entries)
    }()

    static let hours = KeyMap(keys: ["hour", "hours", "hr", "hrs"].map(k))
    /// Words before a number that make it a reference, not a value: "page 46", "p. 78", "section 9792.20".
    static let citations = KeyMap(keys: ["page", "pages", "p", "pp", "section", "chapter", "edition", "item", "claim",
                                         "case", "number", "ccr", "figure", "table", "step"].map(k))
    /// Words after a number that make it something else than a measure value (`isWorthReading`).
    static let notValues = KeyMap(keys: ["mg", "mcg", "ml", "cc", "g", "gm", "gram", "grams", "milligram", "milligrams",
                                         "day", "days", "week", "weeks", "wk", "wks", "month", "months", "mo", "year", "years",
                                         "yr", "yrs", "yo", "tablet", "tablets", "tab", "tabs", "capsule", "capsules",
                                         "visit", "visits", "session", "sessions", "time", "times", "refill", "refills"].map(k))

    /// Unit words after a number: the unit and its base units per written unit.
    static let units: KeyMap<(MeasureUnit, Double)> = KeyMap({
        var d: [(UInt64, (MeasureUnit, Double))] = []
        for w in ["degree", "degrees", "deg", "degs", "°", "º"] { d.append((k(w), (.degrees, 1))) }
        for w in ["minute", "minutes", "min", "mins"] { d.append((k(w), (.time, 1))) }
        for w in ["hour", "hours", "hr", "hrs"] { d.append((k(w), (.time, 60))) }
        for w in ["second", "seconds", "sec", "secs"] { d.append((k(w), (.time, 1.0 / 60))) }
        for w in ["lb", "lbs", "pound", "pounds"] { d.append((k(w), (.weight, 1))) }
        for w in ["kg", "kgs", "kilogram", "kilograms"] { d.append((k(w), (.weight, 2.2))) }
        for w in ["foot", "feet", "ft"] { d.append((k(w), (.distance, 1))) }
        for w in ["yard", "yards", "yd", "yds"] { d.append((k(w), (.distance, 3))) }
        for w in ["block", "blocks"] { d.append((k(w), (.distance, 264))) }
        for w in ["mile", "miles"] { d.append((k(w), (.distance, 5280))) }
        for w in ["meter", "meters", "metre", "metres"] { d.append((k(w), (.distance, 3.28))) }
        for w in ["percent", "pct", "%"] { d.append((k(w), (.percent, 1))) }
        return d
    }())

    static let arrowStrings = ["→", "⇒", "➔", "⟶", "➜", "➝", "➞", "⇨"]
    static let arrows = KeyMap(keys: arrowStrings.map(k))
    static let arrowUTF8: [[UInt8]] = arrowStrings.map { Array($0.utf8) } + [Array("->".utf8)]

    /// The width of an arrow at byte `k` (inside a word such as "8→3"), or nil.
    static func arrowBytes(_ b: [UInt8], _ k: Int, _ end: Int) -> Int? {
        for a in arrowUTF8 where k + a.count <= end {
            var same = true
            for (o, x) in a.enumerated() where b[k + o] != x { same = false; break }
            if same { return a.count }
        }
        return nil
    }

    /// With/without cues: id = side (1 with, 2 without, 3 both) | mode << 2 (0: an object or nothing
    /// after it; 1: an object needed; 2: none needed).
    static let cuePhrases: [(side: Int32, mode: Int32, phrases: [String])] = [
        (1, 0, ["with", "w/", "on", "while on"]),
        (2, 0, ["without", "w/o", "off", "off of"]),
        (1, 1, ["after", "following", "post", "while taking", "when taking", "when she takes", "when he takes"]),
        (2, 1, ["before", "prior to", "pre", "skip", "miss", "stop", "stopped", "until", "does not take", "doesn't take",
                "do not take", "don't take", "did not take", "didn't take", "not taking"]),
        (2, 2, ["unmedicated", "un-medicated", "non-medicated", "run out", "runs out", "ran out", "wear off", "wears off",
                "wore off", "between doses", "no medication", "no medications", "no meds"]),
        (1, 2, ["medicated"]),
        (3, 0, ["with or without", "with and without", "with/without", "on or off", "on and off", "with or w/o",
                "both with and without"]),
    ]
}
