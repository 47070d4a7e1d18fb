/// Reads the reviewer's specialty, subspecialty and licensure, in the letter's own words.
///
/// Two forms: prose ("The physician reviewer is Board Certified in Physical Medicine and
/// Rehabilitation, has a subspecialty in Pain Management, and is licensed to practice in
/// California.") and a credentials block ("State(s) of Licensure: California" /
/// "Certification(s)/Specialty: Family Practice"). The block wins where both are present. Only
/// white space is normalised: "Physical Medicine & Rehab" stays as written.
enum ReviewerParser {
    private static let specialtyLabels = ["certification(s)/specialty:", "certifications/specialty:", "certification/specialty:",
                                          "board certification(s):", "board certification:", "specialty:", "specialties:",
                                          "reviewer specialty:", "reviewer's specialty:", "reviewer specialties:", "specialty board:", "board specialty:",
                                          ].map(Phrase.init)
    private static let subspecialtyLabels = ["subspecialty:", "sub-specialty:", "subspecialties:"].map(Phrase.init)
    private static let licensureLabels = ["state(s) of licensure:", "states of licensure:", "state of licensure:", "licensure:",
                                          "license(s):", "licenses:", "licensed in:", "state license:", "reviewer licensure:",
                                          "reviewer's licensure:"].map(Phrase.init)

    /// A label that names the reviewer, its value the specialty only when it is one ("Expert Reviewer:
    /// Orthopaedic Surgery, subspecialty Hand Surgery."), not a sentence about the reviewer.
    private static let reviewerLabels = ["expert reviewer:"].map(Phrase.init)

    /// All the labels: a line whose first two bytes start none of them is skipped at once.
    private static let anyLabel = PhraseSet(specialtyLabels + subspecialtyLabels + licensureLabels + reviewerLabels)

    private static let specialtyIntros = PhraseSet(["board certified in", "board-certified in", "board certified by the american board of",
                                          "certified by the american board of", "board certification in"].map(Phrase.init))
    /// Looked for only when none of `specialtyIntros` is found: "is Certified in Orthopedics",
    /// "Reviewer Specialty: Pain Medicine." inside a sentence.
    /// A reviewer named by a degree that is a field ("The expert reviewer is a Doctor of Chiropractic").
    private static let otherSpecialtyIntros = PhraseSet(["certified in", "reviewer specialty:", "reviewer's specialty:", "specialty:",
                                                         "reviewer is a doctor of"].map(Phrase.init))
    private static let subspecialtyIntros = PhraseSet(["has a subspecialty in", "with a subspecialty in", "subspecialty certification in",
                                             "subspecialty in", "sub-specialty in", "subspecialty of"].map(Phrase.init))
    private static let licensureIntros = PhraseSet(["licensed to practice in", "license to practice in", "licensed to practice medicine in",
                                          "licensed in", "licensure in"].map(Phrase.init))
    private static let otherLicensureIntros = PhraseSet(["state of licensure:", "state(s) of licensure:", "licensure:"].map(Phrase.init))

    /// Where a specialty (or subspecialty) named in prose ends.
    private static let specialtyEnds = [", has", ", and is", ", and has", ", is", ", who", ", with", ", and holds", "and is", "and has",
                                        "and holds", "with a subspecialty", "with subspecialty", "with a sub-specialty",
                                        "has a subspecialty", "who is", "and a subspecialty", ", and a subspecialty",
                                        // "… Orthopaedic Surgery with added qualification in Sports Medicine, holds a California license"
                                        ", holds", ", licensed", "and licensed", "with added qualification", "with an added qualification",
                                        "with a certificate of added qualification", "with a subspecialty certificate"].map(Phrase.init)
    private static let licensureEnds = [", and has", "and has", ", he", ", and is", "and is", "for more than", "for over", ", who"].map(Phrase.init)

    /// Headings that name only the reviewer, alone on their line (after a section number, with at
    /// most a colon).
    private static let reviewerHeadings = WordingVariants.expand(["{about |}{the |}{expert |physician |medical |}reviewer{s|}",
                                                                   "{expert |physician |}reviewer information"]).map(Phrase.init)

    /// The end of the first line that is a heading naming only the reviewer, if any.
    static func headingEnd(_ lines: LetterLines) -> Int? {
        let bytes = lines.bytes
        for k in 0..<lines.count where lines.isSignificant(k) {
            let c = lines[k].content
            if c.count <= 40, namesOnlyTheReviewer(bytes, c) { return c.upperBound }
        }
        return nil
    }

    /// Where a heading that names only the reviewer starts a line inside `range` after its first
    /// line ("PART 4 - ABOUT THE REVIEWER" under the last item's rationale), if one does: a
    /// rationale ends there.
    static func headingStart(_ lines: LetterLines, in range: Range<Int>) -> Int? {
        let bytes = lines.bytes
        for k in lines.significant(in: range) {
            let c = lines[k].content
            // (Not the range's own first line.)
            guard c.lowerBound > range.lowerBound, c.count <= 40, c.upperBound <= range.upperBound else { continue }
            if namesOnlyTheReviewer(bytes, c) { return c.lowerBound }
        }
        return nil
    }

    /// Whether the line `c` is a heading naming only the reviewer (after a section number, a colon at most).
    private static func namesOnlyTheReviewer(_ bytes: [UInt8], _ c: Range<Int>) -> Bool {
        let start = SectionFinder.sectionNumberEnd(bytes, c) ?? c.lowerBound
        // The headings' first letters (a, t, e, p, m, r): most lines are passed over without a phrase match.
        guard start < c.upperBound else { return false }
        switch bytes[start] | 0x20 {
        case 97, 116, 101, 112, 109, 114: break
        default: return false
        }
        guard let (_, e) = Phrase.matchAny(reviewerHeadings, bytes, at: start, end: c.upperBound) else { return false }
        var i = e
        while i < c.upperBound, bytes[i] == 32 || bytes[i] == 58 { i += 1 }
        return i == c.upperBound
    }

    static func parse(_ lines: LetterLines, in range: Range<Int>) -> Reviewer {
        var reviewer = Reviewer()
        let bytes = lines.bytes
        // Credentials block: labels at the start of a line.
        var labelValue: Range<Int>? = nil
        for k in lines.significant(in: range) {
            let content = lines[k].content
            guard anyLabel.mayMatch(bytes, at: content.lowerBound, end: content.upperBound) else { continue }
            if reviewer.specialty == nil, let (_, e) = Phrase.matchAny(specialtyLabels, bytes, at: content.lowerBound, end: content.upperBound) {
                labelledSpecialty(&reviewer, lines, TextScan.trim(bytes, e..<content.upperBound), slash: false)
            } else if reviewer.subspecialty == nil, let (_, e) = Phrase.matchAny(subspecialtyLabels, bytes, at: content.lowerBound, end: content.upperBound) {
                let value = TextScan.trim(bytes, e..<content.upperBound)
                if !value.isEmpty { reviewer.subspecialty = Located(lines.clean(value), value) }
            } else if reviewer.licensure.isEmpty, let (_, e) = Phrase.matchAny(licensureLabels, bytes, at: content.lowerBound, end: content.upperBound) {
                reviewer.licensure = places(lines, TextScan.trim(bytes, e..<content.upperBound))
            } else if labelValue == nil, let (_, e) = Phrase.matchAny(reviewerLabels, bytes, at: content.lowerBound, end: content.upperBound) {
                labelValue = TextScan.trim(bytes, e..<content.upperBound)
            }
        }
        // Prose.
        if reviewer.specialty == nil, let intro = specialtyIntros.findFirst(in: bytes, range) ?? otherSpecialtyIntros.findFirst(in: bytes, range) {
            if bytes[intro.range.upperBound - 1] == 58 {
                // A label inside a line ("Determination date: 04/14/2021    Reviewer specialty: Psychiatry",
                // a header in two columns): its value ends with its line, not in the heading below it.
                let lineEnd = lines[lines.lineIndex(at: intro.range.upperBound - 1)].contentEnd
                let value = TextScan.trim(bytes, intro.range.upperBound..<stop(bytes, from: intro.range.upperBound, end: max(intro.range.upperBound, lineEnd), ends: specialtyEnds))
                labelledSpecialty(&reviewer, lines, value, slash: true)
            }
            let value = reviewer.specialty != nil ? intro.range.upperBound..<intro.range.upperBound
                : phrase(lines, from: intro.range.upperBound, limit: range.upperBound, ends: specialtyEnds)
            if !value.isEmpty {
                reviewer.specialty = Located(lines.clean(value), value)
                if reviewer.subspecialty == nil, let sub = subspecialtyIntros.findFirst(in: bytes, value.upperBound..<min(range.upperBound, value.upperBound + 120)) {
                    let subValue = phrase(lines, from: sub.range.upperBound, limit: range.upperBound, ends: specialtyEnds)
                    if !subValue.isEmpty { reviewer.subspecialty = Located(lines.clean(subValue), subValue) }
                }
            }
        }
        // A label naming the reviewer whose value is a specialty, when nothing else names one.
        if reviewer.specialty == nil, let value = labelValue, let first = firstSentence(bytes, value), namesASpecialty(bytes, first) {
            labelledSpecialty(&reviewer, lines, value, slash: false)
        }
        if reviewer.licensure.isEmpty, let intro = licensureIntros.findFirst(in: bytes, range) ?? otherLicensureIntros.findFirst(in: bytes, range) {
            let value = phrase(lines, from: intro.range.upperBound, limit: range.upperBound, ends: licensureEnds)
            reviewer.licensure = places(lines, value)
        }
        return reviewer
    }

    /// A specialty label's value: "Orthopaedic Surgery; Sports Medicine" — or, in a label inside a
    /// line (`slash`), "Anesthesiology / Pain Medicine" — is the specialty, then its subspecialty.
    private static func labelledSpecialty(_ reviewer: inout Reviewer, _ lines: LetterLines, _ range: Range<Int>, slash: Bool) {
        let bytes = lines.bytes
        var value = range
        // "Expert Reviewer: Board Certified in Neurology": the value's own intro is no part of it.
        // It then ends as a specialty named in prose does ("…, licensed in California").
        if let (_, e) = Phrase.matchAny(valueIntros, bytes, at: value.lowerBound, end: value.upperBound) {
            value = TextScan.trim(bytes, e..<stop(bytes, from: e, end: value.upperBound, ends: specialtyEnds))
        }
        // The value is one sentence: "Physical Medicine & Rehabilitation. Licensure: California." ends
        // at its full stop, and ", subspecialty Hand Surgery" names the subspecialty.
        if let stop = value.first(where: { i in bytes[i] == 46 && i > value.lowerBound + 2 && TextScan.isAlpha(bytes[i - 1]) && TextScan.isAlpha(bytes[i - 2])
                                          && i + 2 < value.upperBound && bytes[i + 1] == 32 && bytes[i + 2] >= 65 && bytes[i + 2] <= 90 }) {
            value = TextScan.trim(bytes, value.lowerBound..<stop)
        }
        if let sub = subspecialtyAfterComma.findFirst(in: bytes, value) {
            let rest = TextScan.trim(bytes, sub.range.upperBound..<value.upperBound)
            if reviewer.subspecialty == nil, !rest.isEmpty { reviewer.subspecialty = Located(lines.clean(rest), rest) }
            value = TextScan.trim(bytes, value.lowerBound..<sub.range.lowerBound)
        }
        let cut = value.first(where: { bytes[$0] == 59 })
            ?? (slash ? value.first(where: { bytes[$0] == 47 && $0 > value.lowerBound && bytes[$0 - 1] == 32 && $0 + 1 < value.upperBound && bytes[$0 + 1] == 32 }) : nil)
        if let cut {
            let rest = TextScan.trim(bytes, (cut + 1)..<value.upperBound)
            if reviewer.subspecialty == nil, !rest.isEmpty { reviewer.subspecialty = Located(lines.clean(rest), rest) }
            value = TextScan.trim(bytes, value.lowerBound..<cut)
        }
        if !value.isEmpty { reviewer.specialty = Located(lines.clean(value), value) }
    }

    /// Whether a reviewer label's value names a specialty itself: it starts with a capital and is no
    /// sentence about the reviewer (no article or pronoun first, no "certified", "licensed", "board"
    /// or "physician" in it: those are read as prose).
    private static func namesASpecialty(_ bytes: [UInt8], _ value: Range<Int>) -> Bool {
        guard let f = value.first, bytes[f] >= 65, bytes[f] <= 90 else { return false }
        var w = f
        while w < value.upperBound, TextScan.isAlpha(bytes[w]) { w += 1 }
        if sentenceStarts.contains(bytes, f..<w) { return false }
        return proseWords.findFirst(in: bytes, value) == nil
    }
    /// `value` up to its first full stop before a space and a capital (all of it when none).
    private static func firstSentence(_ bytes: [UInt8], _ value: Range<Int>) -> Range<Int>? {
        guard !value.isEmpty else { return nil }
        var i = value.lowerBound
        while i + 2 < value.upperBound {
            if bytes[i] == 46, bytes[i + 1] == 32, bytes[i + 2] >= 65, bytes[i + 2] <= 90 { return value.lowerBound..<i }
            i += 1
        }
        return value
    }
    private static let sentenceStarts = WordSet(["the", "a", "an", "this", "he", "she", "they", "dr", "physician", "board", "md", "do"])
    private static let proseWords = PhraseSet(["certified", "licensed", "board", "physician", "redacted", "[", "m.d", "d.o"].map(Phrase.init))

    private static let valueIntros = ["board certified in", "board-certified in", "certified in"].map(Phrase.init)
    private static let subspecialtyAfterComma = PhraseSet([", subspecialty", ", sub-specialty", "; subspecialty"].map(Phrase.init))

    /// The range of a phrase from `start` to the first of `ends`, a sentence end, or 160 bytes.
    static func phrase(_ lines: LetterLines, from start: Int, limit: Int, ends: [Phrase]) -> Range<Int> {
        let bytes = lines.bytes
        // 160 bytes of text: page furniture in between does not count.
        var end = min(limit, start + 160)
        var k = lines.lineIndex(at: start)
        while k + 1 < lines.count, lines[k].end < end {
            k += 1
            if lines[k].isNoise || lines[k].isBlank { end = min(limit, end + (lines[k].end - lines[k].start) + 1) }
        }
        var i = stop(bytes, from: start, end: end, ends: ends)
        // A page break inside the phrase ("Pain Medicine and" / "Page 1 of 2" / "is licensed"): its end
        // is looked for again on the lines joined without the furniture.
        let first = lines.lineIndex(at: start)
        if lines.lineIndex(at: max(start, i - 1)) != first, let (joined, original) = lines.joinedAcrossNoise(first, from: start) {
            let j = stop(joined, from: 0, end: joined.count, ends: ends)
            if original(j) < i { i = original(j) }
        }
        var r = lines.trim(start..<i)
        // Drop a trailing comma left by "…, and is licensed".
        while r.upperBound > r.lowerBound, bytes[r.upperBound - 1] == 44 { r = lines.trim(r.lowerBound..<(r.upperBound - 1)) }
        return r
    }

    /// Where a phrase that starts at `start` stops: a ";", "(", a sentence end, or one of `ends`.
    private static func stop(_ bytes: [UInt8], from start: Int, end: Int, ends: [Phrase]) -> Int {
        // The first bytes the ends start with (ASCII): most words start none of them.
        var firsts: (UInt64, UInt64) = (0, 0)
        for p in ends where p.first < 128 {
            let f = p.first
            if f < 64 { firsts.0 |= 1 << UInt64(f) } else { firsts.1 |= 1 << UInt64(f - 64) }
            if f >= 97, f <= 122 { firsts.1 |= 1 << UInt64(f - 32 - 64) }
        }
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 59 || b == 40 { break }  // ';' '('
            if b == 46, i + 1 >= end || TextScan.isSpace(bytes[i + 1]) { break }
            let mayStart = b < 64 ? firsts.0 & (1 << UInt64(b)) != 0 : b < 128 && firsts.1 & (1 << UInt64(b - 64)) != 0
            if mayStart, b == 44 || (TextScan.isAlpha(b) && (i == start || !TextScan.isAlnum(bytes[i - 1]))) {
                if let (_, e) = Phrase.matchAny(ends, bytes, at: i, end: end), e >= end || !TextScan.isAlnum(bytes[e]) { break }
            }
            i += 1
        }
        return i
    }

    private static let statePrefixes = ["the state of", "the states of", "state of", "states of", "the"].map(Phrase.init)

    /// Whether `value` has at most four words, as `value.split(separator: " ").count` counts them
    /// (runs between spaces), counted on its bytes when it is ASCII — a Character " " is then the
    /// byte 32 — without the array of substrings `split` makes (5 K instructions a value).
    static func hasAtMostFourWords(_ value: String) -> Bool {
        var words = 0
        var inWord = false
        for b in value.utf8 {
            if b >= 128 { return value.split(separator: " ").count <= 4 }
            if b == 32 { inWord = false } else if !inWord { inWord = true; words += 1 }
        }
        return words <= 4
    }

    /// "California", "California and Nevada", "California, Arizona, and Nevada" → one value each.
    static func places(_ lines: LetterLines, _ range: Range<Int>) -> [Located<String>] {
        let bytes = lines.bytes
        var out: [Located<String>] = []
        var pieceStart = range.lowerBound
        var i = range.lowerBound
        func flush(_ end: Int) {
            var r = lines.trim(pieceStart..<end)
            if let (_, e) = Phrase.matchAny(statePrefixes, bytes, at: r.lowerBound, end: r.upperBound), e < r.upperBound, TextScan.isSpace(bytes[e]) {
                r = lines.trim(e..<r.upperBound)
            }
            guard !r.isEmpty, bytes[r.lowerBound] >= 65, bytes[r.lowerBound] <= 90 else { return }
            let value = lines.clean(r)
            guard hasAtMostFourWords(value) else { return }
            out.append(Located(value, r))
        }
        while i < range.upperBound {
            let b = bytes[i]
            if b == 44 || b == 38 || b == 47 || b == 59 {
                flush(i); i += 1; pieceStart = i; continue
            }
            if (b == 97 || b == 65), i > range.lowerBound, TextScan.isSpace(bytes[i - 1]), i + 3 <= range.upperBound,
               TextScan.lower(bytes[i + 1]) == 110, TextScan.lower(bytes[i + 2]) == 100,
               i + 3 == range.upperBound || TextScan.isSpace(bytes[i + 3]) {
                flush(i); i += 3; pieceStart = i; continue
            }
            i += 1
        }
        flush(range.upperBound)
        return out
    }
}
