import Foundation

/// The ways a letter states a decision: a bare word after a title ("…: Upheld"), a sentence
/// ("… is not medically necessary and appropriate"), or a determination line ("DETERMINATION: UPHELD").
enum DecisionPhrases {
    /// The decision words. "Certified" and "approved" are the IMR's words for a service it finds
    /// medically necessary (the UR's non-certification reversed), "not certified" and "not approved"
    /// for one it does not: letters that state decisions so define them that way ("'Certified'
    /// means the Independent Medical Review reverses the utilization review decision").
    private static let words: [(Phrase, Decision)] = [
        (Phrase("upheld"), .upheld), (Phrase("uphold"), .upheld), (Phrase("overturned"), .overturned), (Phrase("overturn"), .overturned),
        (Phrase("certified"), .overturned), (Phrase("approved"), .overturned),
        (Phrase("not certified"), .upheld), (Phrase("not approved"), .upheld),
    ]

    /// A decision word filling `range` exactly (a trailing full stop allowed).
    static func word(_ bytes: [UInt8], _ range: Range<Int>) -> Located<Decision>? {
        var r = TextScan.trim(bytes, range)
        if r.count > 1, bytes[r.upperBound - 1] == 46 { r = r.lowerBound..<(r.upperBound - 1) }
        // The words are six to thirteen bytes long and start with "u", "o", "c", "a" or "n": most
        // lines are ruled out by their length and first byte.
        guard r.count >= 6, r.count <= 13 else { return nil }
        // The one or two words of that length and first letter.
        let candidates: Range<Int>
        switch (bytes[r.lowerBound] | 0x20, r.count) {
        case (117, 6): candidates = 0..<2      // upheld, uphold
        case (111, 10): candidates = 2..<3     // overturned
        case (111, 8): candidates = 3..<4      // overturn
        case (99, 9): candidates = 4..<5       // certified
        case (97, 8): candidates = 5..<6       // approved
        case (110, 13): candidates = 6..<7     // not certified
        case (110, 12): candidates = 7..<8     // not approved
        default: return nil
        }
        for k in candidates where words[k].0.match(bytes, at: r.lowerBound, end: r.upperBound) == r.upperBound {
            return Located(words[k].1, r)
        }
        return nil
    }

    /// Whether `b` is the last letter of a decision word ("d" or "n", any case).
    @inline(__always)
    private static func endsLikeADecisionWord(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return l == 100 || l == 110
    }

    /// Whether `content` ends with a decision word ("… OVERTURNED", "… Upheld."), after a space
    /// (with `afterGap`, after two spaces or a tab).
    @inline(__always)
    static func endsWithWord(_ bytes: [UInt8], _ content: Range<Int>, afterGap: Bool = false) -> Bool {
        var end = content.upperBound
        if end > content.lowerBound, bytes[end - 1] == 46 { end -= 1 }
        guard end > content.lowerBound, endsLikeADecisionWord(bytes[end - 1]) else { return false }
        var start = end
        while start > content.lowerBound, end - start <= 10, TextScan.isAlpha(bytes[start - 1]) { start -= 1 }
        guard start > content.lowerBound + 1, start < end, bytes[start - 1] == 32 || bytes[start - 1] == 9 else { return false }
        if afterGap, bytes[start - 1] == 32, bytes[start - 2] != 32 { return false }
        return word(bytes, start..<end) != nil
    }

    /// "certified" or "approved" at `r` with "not" before it ("Lumbar MRI: Not certified"): where
    /// the "not" starts.
    private static func notBefore(_ bytes: [UInt8], _ r: Range<Int>, floor: Int) -> Int? {
        let b = bytes[r.lowerBound] | 0x20
        guard b == 99 || b == 97 else { return nil }  // "c", "a"
        var i = r.lowerBound
        guard i > floor, bytes[i - 1] == 32 || bytes[i - 1] == 9 else { return nil }
        while i > floor, bytes[i - 1] == 32 || bytes[i - 1] == 9 { i -= 1 }
        guard i - 3 >= floor, bytes[i - 3] | 0x20 == 110, bytes[i - 2] | 0x20 == 111, bytes[i - 1] | 0x20 == 116,
              i - 3 == floor || !TextScan.isAlpha(bytes[i - 4]) else { return nil }
        return i - 3
    }

    /// A decision word that ends `content` after a colon ("fluoroscopic guidance:  Upheld"), with the
    /// position of the colon.
    static func atLineEnd(_ bytes: [UInt8], _ content: Range<Int>) -> (decision: Located<Decision>, colon: Int)? {
        var end = content.upperBound
        if end > content.lowerBound, bytes[end - 1] == 46 { end -= 1 }
        // Every decision word ends in "d" or "n" (upheld, uphold, overturned, overturn, certified,
        // approved): most lines end otherwise and are ruled out on that one byte.
        guard end > content.lowerBound, endsLikeADecisionWord(bytes[end - 1]) else { return nil }
        var start = end
        while start > content.lowerBound, TextScan.isAlpha(bytes[start - 1]) { start -= 1 }
        guard start < end, end - start <= 10, var decision = word(bytes, start..<end) else { return nil }
        if let n = notBefore(bytes, start..<end, floor: content.lowerBound), let d = word(bytes, n..<end) {
            decision = d
            start = n
        }
        var c = start
        while c > content.lowerBound, TextScan.isSpace(bytes[c - 1]) { c -= 1 }
        guard c > content.lowerBound else { return nil }
        if bytes[c - 1] == 58 { return (decision, c - 1) }
        // A list with dotted leaders, "Lumbar MRI ........ UPHELD": the leader's first dot.
        // A long title leaves a leader of two dots only ("… extension views .. Upheld"): two dots
        // standing apart, with a space before them.
        if bytes[c - 1] == 46, c - 3 > content.lowerBound, bytes[c - 2] == 46, bytes[c - 3] == 46 || bytes[c - 3] == 32 {
            var d = c - 3
            while d > content.lowerBound, bytes[d - 1] == 46 || bytes[d - 1] == 32 { d -= 1 }
            if d > content.lowerBound { return (decision, d) }
        }
        // A table row, "Celecoxib 200mg #30          Upheld": a column gap of three spaces or a tab.
        if start - c >= 3 || (start > c && bytes[start - 1] == 9) { return (decision, c) }
        // "Lumbar MRI - Upheld", "Lumbar MRI – UPHELD": a dash with a space before it.
        if bytes[c - 1] == 45, c - 2 > content.lowerBound, bytes[c - 2] == 32 { return (decision, c - 1) }
        if c - 3 > content.lowerBound, bytes[c - 3] == 0xE2, bytes[c - 2] == 0x80, bytes[c - 1] == 0x93 || bytes[c - 1] == 0x94,
           bytes[c - 4] == 32 { return (decision, c - 3) }
        return nil
    }

    private static let leadingVerdicts: [(Phrase, Decision)] = [
        ("upheld", Decision.upheld), ("affirmed", .upheld), ("sustained", .upheld), ("reversed", .overturned), ("overturned", .overturned),
        ("certified", .overturned), ("approved", .overturned),
    ].map { (Phrase($0.0), $0.1) }

    /// The decision a decision field states in a few words before anything else ("UR reversed.",
    /// "Denial upheld.", "NOT CERTIFIED (UR decision upheld)", "UR decision reversed"): up to four
    /// words, the last a verdict word, "not" before it inverting it; and where the words end. The
    /// subject is the UR's decision whatever it is called: in a decision field nothing else is
    /// reversed or upheld.
    static func leadingDecision(_ bytes: [UInt8], _ range: Range<Int>) -> Located<Decision>? {
        var i = range.lowerBound
        var negated = false
        for _ in 0..<4 {
            while i < range.upperBound, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
            let s = i
            while i < range.upperBound, TextScan.isAlpha(bytes[i]) || bytes[i] == 45 || bytes[i] == 39 { i += 1 }
            guard i > s else { return nil }
            if i - s == 3, bytes[s] | 0x20 == 110, bytes[s + 1] | 0x20 == 111, bytes[s + 2] | 0x20 == 116 { negated = true; continue }
            for (phrase, decision) in leadingVerdicts where phrase.match(bytes, at: s, end: i) == i {
                // The words end there: a stop, a bracket, the line's end.
                guard i >= range.upperBound || !TextScan.isAlpha(bytes[i]) else { return nil }
                let d: Decision = negated ? (decision == .upheld ? .overturned : .upheld) : decision
                return Located(d, range.lowerBound..<i)
            }
            if negated { return nil }
        }
        return nil
    }

    // MARK: Flattened tables

    private static let tableHeadDecisions = ["decision", "determination", "outcome"].map(Phrase.init)

    /// Whether `content` may be a table's header row by its length and its first four letters (those
    /// of "Treatment", "Item", "Request", "Disputed" or "Service").
    @inline(__always)
    static func mayStartTableHead(_ bytes: [UInt8], _ content: Range<Int>) -> Bool {
        // A column's name starts with a capital: one comparison rules out every line that goes on
        // with a sentence in lower case (most lines of a letter).
        let s = content.lowerBound
        let b = bytes[s]
        guard b < 97, content.count >= 12, content.count <= 120 else { return false }
        let f = b | 0x20
        guard f == 116 || f == 105 || f == 114 || f == 100 || f == 115 else { return false }
        // The first four letters ("trea", "item", "requ", "disp", "serv") read as one number
        // (little-endian: "trea" is 0x61657274).
        let head = UInt32(f) | UInt32(bytes[s + 1] | 0x20) << 8 | UInt32(bytes[s + 2] | 0x20) << 16 | UInt32(bytes[s + 3] | 0x20) << 24
        return head == 0x6165_7274 || head == 0x6D65_7469 || head == 0x7571_6572 || head == 0x7073_6964 || head == 0x7672_6573
    }

    /// Whether `content` is the header row of a table of decisions flattened into lines ("Treatment |
    /// Decision | Guideline", "Item      Decision      Guideline Used"): a treatment's column word
    /// first, then a decision's column word as a cell of its own, after a bar, a tab or a column gap.
    static func tableHead(_ bytes: [UInt8], _ content: Range<Int>) -> Bool {
        guard mayStartTableHead(bytes, content) else { return false }
        let s = content.lowerBound
        // The first cell (a word or two: "Disputed Treatment"), then a cell separator, then the
        // decision's column word as a cell of its own: read no further than the third cell (a
        // doubled space may split the first).
        var i = s + 4
        let end = content.upperBound
        for _ in 0..<3 {
            // A column's words are few: a cell of more than 30 bytes is prose.
            let cellEnd = min(end, i + 30)
            while i < cellEnd, TextScan.isAlpha(bytes[i]) || (bytes[i] == 32 && i + 1 < end && TextScan.isAlpha(bytes[i + 1])) { i += 1 }
            guard i < cellEnd else { return false }
            let gap = i
            while i < end, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 124 { i += 1 }
            guard i < end, i - gap >= 2 || (i > gap && (bytes[gap] == 9 || bytes[i - 1] == 124 || bytes[gap] == 124)) else { return false }
            if let (_, e) = Phrase.matchAny(tableHeadDecisions, bytes, at: i, end: end) {
                return e == end || bytes[e] == 32 || bytes[e] == 9 || bytes[e] == 124
            }
        }
        return false
    }

    /// A row of a flattened table whose decision is a cell followed by another ("Meloxicam 15 mg #30
    /// | Overturned | MTUS"): the decision, and where the cells before it (the title) end. A row whose
    /// decision is its last cell is read by `atLineEnd`.
    static func inRow(_ bytes: [UInt8], _ content: Range<Int>) -> (decision: Located<Decision>, titleEnd: Int)? {
        var previousEnd = -1
        var result: (Located<Decision>, Int)? = nil
        var decisionAt = -1
        forEachCell(bytes, content) { cell, index in
            if decisionAt >= 0 {
                if let (d, e) = result, index == decisionAt + 1 { result = (d, e) }
                return false
            }
            if index > 0, let d = word(bytes, cell) {
                result = (d, previousEnd)
                decisionAt = index
            }
            previousEnd = cell.upperBound
            return true
        }
        // Only with a cell after the decision.
        guard decisionAt >= 0, let (d, e) = result, e > content.lowerBound else { return nil }
        var after = d.range.upperBound
        while after < content.upperBound, bytes[after] == 32 || bytes[after] == 9 || bytes[after] == 124 || bytes[after] == 46 { after += 1 }
        return after < content.upperBound ? (d, e) : nil
    }

    /// Calls `body` with each cell of `content` and its index: cells are separated by a bar, a tab or
    /// two or more spaces; `body` returns false to stop.
    private static func forEachCell(_ bytes: [UInt8], _ content: Range<Int>, _ body: (Range<Int>, Int) -> Bool) {
        var i = content.lowerBound
        var index = 0
        while i < content.upperBound {
            while i < content.upperBound, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 124 { i += 1 }
            let s = i
            var e = i
            while i < content.upperBound {
                let b = bytes[i]
                if b == 124 || b == 9 || (b == 32 && i + 1 < content.upperBound && (bytes[i + 1] == 32 || bytes[i + 1] == 124)) { break }
                i += 1
                e = i
            }
            guard s < e else { break }
            guard body(s..<e, index) else { return }
            index += 1
        }
    }

    private static let labelWords: [[UInt8]] = ["determination", "decision", "final", "imr", "outcome"].map { Array($0.utf8) }

    /// Whether `r` is one of the words of a decision label (a handful, compared byte by byte).
    private static func isLabelWord(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        words: for w in labelWords where w.count == r.count {
            for j in 0..<w.count where TextScan.lower(bytes[r.lowerBound + j]) != w[j] { continue words }
            return true
        }
        return false
    }

    /// Where the title ends on a line that gives its decision under a label after a column gap,
    /// "ITEM 1: LUMBAR MRI          DETERMINATION: OVERTURNED": before the gap, when the words
    /// between the gap and the colon at `colon` are a decision label's ("Final Determination").
    static func labelBeforeColon(_ bytes: [UInt8], _ content: Range<Int>, colon: Int) -> Int? {
        var i = colon
        var words = 0
        while i > content.lowerBound {
            // One word back.
            let e = i
            while i > content.lowerBound, TextScan.isAlpha(bytes[i - 1]) { i -= 1 }
            guard i < e, isLabelWord(bytes, i..<e) else { return nil }
            words += 1
            // The gap before the label: two spaces or a tab; one space goes on to the label's next word.
            var g = i
            while g > content.lowerBound, bytes[g - 1] == 32 || bytes[g - 1] == 9 { g -= 1 }
            if g == i { return nil }
            if i - g >= 2 || bytes[i - 1] == 9 { return g > content.lowerBound ? g : nil }
            guard words < 3 else { return nil }
            i = g
        }
        return nil
    }

    private static let determinationLabels = ["imr determination:", "final determination:", "determination:", "decision:", "imr decision:"].map(Phrase.init)

    /// "DETERMINATION: UPHELD" at `start`, with the end of the line's decision word.
    static func determinationLine(_ bytes: [UInt8], _ content: Range<Int>) -> Located<Decision>? {
        guard let (_, e) = Phrase.matchAny(determinationLabels, bytes, at: content.lowerBound, end: content.upperBound) else { return nil }
        let rest = TextScan.trim(bytes, e..<content.upperBound)
        var wordEnd = rest.lowerBound
        while wordEnd < rest.upperBound, TextScan.isAlpha(bytes[wordEnd]) { wordEnd += 1 }
        if let d = word(bytes, rest.lowerBound..<wordEnd) { return d }
        // "DETERMINATION: The requested treatment is not medically necessary."
        return firstSentence(bytes, rest)?.decision
    }

    // MARK: Verdict sentences

    private static let verdictWords: [(Phrase, Decision)] = [
        ("upheld", Decision.upheld), ("uphold", .upheld), ("upholds", .upheld), ("affirmed", .upheld), ("sustained", .upheld),
        ("overturned", .overturned), ("overturn", .overturned), ("overturns", .overturned), ("reversed", .overturned),
    ].map { (Phrase($0.0), $0.1) }
    private static let verdictSet = PhraseSet(verdictWords.map(\.0))
    private static let verdictSubjects = WordSet(["decision", "denial", "determination", "non-certification", "noncertification",
                                                  "modification", "decisions", "denials", "determinations", "noncertifications"])
    private static let verdictNegations = WordSet(["not", "cannot"])
    private static let activeVerdicts = WordSet(["uphold", "upholds", "overturn", "overturns"])

    private static let verdictSubjectStarts = PhraseSet(["decision", "denial", "determination", "non-certification", "noncertification",
                                                         "modification"].map(Phrase.init))

    /// The last sentence in `range` that says what becomes of the utilization review's decision:
    /// "The utilization review decision is overturned.", "the denial is upheld", "I uphold the UR
    /// determination". The decision word must share its sentence with one of "decision", "denial",
    /// "determination", "non-certification" (within twelve words before it or six after), and no colon
    /// may stand between (so "DETERMINATION: UPHELD" is a label, not a verdict); "not" inverts it.
    static func verdict(_ bytes: [UInt8], _ range: Range<Int>) -> Located<Decision>? {
        var found: Located<Decision>? = nil
        verdictSet.scanMatches(bytes, range) { i, k, e in
            // Whole words only ("overturning" is not "overturn").
            guard e >= range.upperBound || !TextScan.isAlpha(bytes[e]) else { return true }
            var decision = verdictWords[k].1
            var subject: Int? = nil
            var negated = false
            // Back over up to twelve words of the same sentence.
            var j = i
            for w in 0..<12 {
                while j > range.lowerBound, TextScan.isSpace(bytes[j - 1]) { j -= 1 }
                guard j > range.lowerBound else { break }
                let c = bytes[j - 1]
                if c == 46 || c == 58 || c == 59 || c == 33 || c == 63 { break }
                let we = j
                while j > range.lowerBound, !TextScan.isSpace(bytes[j - 1]) { j -= 1 }
                var ws = j, wend = we
                while ws < wend, !TextScan.isAlnum(bytes[ws]) { ws += 1 }
                while wend > ws, !TextScan.isAlnum(bytes[wend - 1]) { wend -= 1 }
                // "is not upheld", "cannot be overturned": a negation right before the word.
                if w < 2, verdictNegations.contains(bytes, ws..<wend) { negated = true }
                if verdictSubjects.contains(bytes, ws..<wend) { subject = ws; break }
                // A subject hyphenated at a line's end ("The utilization review deci-" / "sion is
                // overturned."): the two halves read as one word.
                if let head = hyphenatedHead(bytes, before: j, floor: range.lowerBound) {
                    let word = Array(bytes[head]) + Array(bytes[ws..<wend])
                    if verdictSubjects.contains(word, 0..<word.count) { subject = head.lowerBound; break }
                }
            }
            // Or after an active verb: "MAXIMUS overturns the UR decision" ("Overturned" before
            // "Decision rationale:" is a label's decision word, not a verb).
            if subject == nil, activeVerdicts.contains(bytes, i..<e) {
                var j = e
                for _ in 0..<6 {
                    while j < range.upperBound, TextScan.isSpace(bytes[j]) { j += 1 }
                    guard j < range.upperBound else { break }
                    let ws = j
                    while j < range.upperBound, TextScan.isAlnum(bytes[j]) || bytes[j] == 45 || bytes[j] == 40 || bytes[j] == 41 { j += 1 }
                    var wend = j
                    while wend > ws, !TextScan.isAlnum(bytes[wend - 1]) { wend -= 1 }
                    var ws2 = ws
                    while ws2 < wend, !TextScan.isAlnum(bytes[ws2]) { ws2 += 1 }
                    if verdictSubjects.contains(bytes, ws2..<wend) { subject = ws; break }
                    guard j < range.upperBound, j > ws, bytes[j] == 32 || bytes[j] == 10 || bytes[j] == 13 || bytes[j] == 44 else { break }
                    if bytes[j] == 44 { j += 1 }
                }
            }
            guard let s = subject else { return true }
            if negated { decision = decision == .upheld ? .overturned : .upheld }
            found = Located(decision, min(s, i)..<max(e, s))
            return true
        }
        // Every verdict names a decision, a denial, a determination or a non-certification, as a
        // word the range holds (or one cut by a hyphen at a line's end). Asked after the verdict
        // words, and only when one was read: "decision" is common in letters ("Decision
        // rationale:"), the verdict words are not, so most ranges are ruled out by one scan.
        guard found != nil, verdictSubjectStarts.findFirst(in: bytes, range) != nil || hasLineEndHyphen(bytes, range) else { return nil }
        return found
    }

    /// Whether a word in `range` is cut by a hyphen at a line's end ("deci-" / "sion"; spaces may
    /// stand after the hyphen).
    private static func hasLineEndHyphen(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.count > 2 else { return false }
        return bytes.withUnsafeBufferPointer { b in
            let base = b.baseAddress!
            var i = range.lowerBound + 1
            // memchr (vectorised) from one hyphen to the next.
            while i + 1 < range.upperBound, let hit = memchr(base + i, 45, range.upperBound - 1 - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if TextScan.isAlpha(b[i - 1]) {
                    var j = i + 1
                    while j < range.upperBound, b[j] == 32 || b[j] == 9 { j += 1 }
                    if j < range.upperBound, b[j] == 10 || b[j] == 13 { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// When the word starting at `start` begins a line and the line before ends with a word cut by a
    /// hyphen ("deci-"), that first half (without its hyphen).
    private static func hyphenatedHead(_ bytes: [UInt8], before start: Int, floor: Int) -> Range<Int>? {
        var j = start
        var newline = false
        while j > floor, TextScan.isSpace(bytes[j - 1]) { if bytes[j - 1] == 10 || bytes[j - 1] == 13 { newline = true }; j -= 1 }
        guard newline, j - 1 > floor, bytes[j - 1] == 45, TextScan.isAlpha(bytes[j - 2]) else { return nil }
        let end = j - 1
        var s = end
        while s > floor, TextScan.isAlpha(bytes[s - 1]) { s -= 1 }
        return s..<end
    }

    // MARK: "is (not) medically necessary"

    private static let sentencePhrases: [(Phrase, Decision)] = [
        ("is not medically necessary and appropriate", Decision.upheld), ("are not medically necessary and appropriate", .upheld),
        ("was not medically necessary and appropriate", .upheld), ("were not medically necessary and appropriate", .upheld),
        ("is medically necessary and appropriate", .overturned), ("are medically necessary and appropriate", .overturned),
        ("was medically necessary and appropriate", .overturned), ("were medically necessary and appropriate", .overturned),
        ("is not medically necessary", .upheld), ("are not medically necessary", .upheld),
        ("was not medically necessary", .upheld), ("were not medically necessary", .upheld),
        ("is medically necessary", .overturned), ("are medically necessary", .overturned),
        ("was medically necessary", .overturned), ("were medically necessary", .overturned),
    ].map { (Phrase($0.0), $0.1) }

    private static let sentenceSet = PhraseSet(sentencePhrases.map(\.0))

    /// The first decision sentence ending ("is not medically necessary and appropriate") in `range`.
    static func firstSentence(_ bytes: [UInt8], _ range: Range<Int>) -> (decision: Located<Decision>, verbStart: Int)? {
        guard let (k, r) = sentenceSet.findFirst(in: bytes, range) else { return nil }
        return (Located(sentencePhrases[k].1, r), r.lowerBound)
    }

    private static let medically = Phrase("medically necessary")
    private static let hedges = WordSet(["considered", "deemed", "found", "felt", "shown", "established", "supported",
                                         "currently", "therefore", "thus", "as", "be", "been", "longer"])
    private static let negations = WordSet(["not", "no", "never"])

    /// What the last "(not) medically necessary" in `range` concludes, read back from the phrase:
    /// "is not medically necessary", "is notmedically necessary", "is not considered medically
    /// necessary" → Upheld; "is medically necessary" → Overturned. `nil` when no sentence concludes.
    static func conclusion(_ bytes: [UInt8], _ range: Range<Int>) -> Located<Decision>? {
        var hi = range.upperBound
        var attempts = 0
        attempt: while attempts < 8, let r = medicallyLast(bytes, range.lowerBound..<hi) {
            attempts += 1
            hi = r.lowerBound
            // Joined "notmedically".
            if r.lowerBound - 3 >= range.lowerBound, notWord.contains(bytes, (r.lowerBound - 3)..<r.lowerBound),
               r.lowerBound - 3 == range.lowerBound || !TextScan.isAlnum(bytes[r.lowerBound - 4]) {
                return Located(.upheld, (r.lowerBound - 3)..<r.upperBound)
            }
            // The (up to four) words before the phrase, last first: the first that is not a hedge decides.
            var i = r.lowerBound
            for _ in 0..<4 {
                while i > range.lowerBound, TextScan.isSpace(bytes[i - 1]) { i -= 1 }
                let e = i
                while i > range.lowerBound, TextScan.isAlpha(bytes[i - 1]) { i -= 1 }
                guard i < e else { continue attempt }
                let word = i..<e
                if hedges.contains(bytes, word) { continue }
                if negations.contains(bytes, word) { return Located(.upheld, i..<r.upperBound) }
                // (The old "after a hedge, not 'be'" test was always implied by this one: any verb counts.)
                if verbs.contains(bytes, word) {
                    return Located(.overturned, i..<r.upperBound)
                }
                continue attempt
            }
        }
        return nil
    }

    /// Whether "medically necessary" (or "notmedically necessary") occurs in `range`.
    static func hasMedicallyNecessary(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        !range.isEmpty && medicallyLast(bytes, range) != nil
    }

    private static func medicallyLast(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        // Not anchored to a word start, so that "notmedically" is found.
        bytes.withUnsafeBufferPointer { b in
            var i = range.upperBound - 1
            while i >= range.lowerBound {
                // Eight bytes at a time, back to a word that holds an "m" or "M".
                if i - 7 >= range.lowerBound,
                   ByteWords.byte(ByteWords.word(b.baseAddress!, i - 7) | 0x2020_2020_2020_2020, equals: 109) == 0 {
                    i -= 8
                    continue
                }
                if b[i] | 0x20 == 109, let e = medicallyNoWordStart(bytes, i, range.upperBound) { return i..<e }
                i -= 1
            }
            return nil
        }
    }

    private static let medicallyBytes = Array("medically".utf8)
    private static let necessaryBytes = Array("necessary".utf8)

    private static func medicallyNoWordStart(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start
        for c in medicallyBytes { guard i < end, TextScan.lower(bytes[i]) == c else { return nil }; i += 1 }
        while i < end, TextScan.isSpace(bytes[i]) { i += 1 }
        for c in necessaryBytes { guard i < end, TextScan.lower(bytes[i]) == c else { return nil }; i += 1 }
        return i
    }

    private static let necessitySet = PhraseSet([Phrase("medical necessity")])
    private static let establishedWords = WordSet(["established", "demonstrated", "shown", "supported", "substantiated"])
    private static let necessityNegations = WordSet(["not", "cannot", "never"])

    /// What the last "Medical necessity for <treatment> has (not) been established." in `range`
    /// concludes (a rationale that never says "medically necessary"): "has been established" is
    /// Overturned, "has not been established" Upheld. The verb must end the sentence the phrase
    /// starts, within 300 bytes.
    static func necessityConclusion(_ bytes: [UInt8], _ range: Range<Int>) -> Located<Decision>? {
        // The last "medical necessity" (one pass of the phrase set, not a match tried at every byte).
        var last: Range<Int>? = nil
        necessitySet.scanMatches(bytes, range) { i, _, e in last = i..<e; return true }
        guard let hit = last else { return nil }
        // To the sentence's end: a full stop followed by white space (or the range's end).
        var e = hit.upperBound
        let stop = min(range.upperBound, hit.upperBound + 300)
        while e < stop, !(bytes[e] == 46 && (e + 1 >= range.upperBound || TextScan.isSpace(bytes[e + 1]))) { e += 1 }
        guard e < stop || e == range.upperBound else { return nil }
        // Its last word is the verb ("established"); a "not" between the phrase and the verb negates.
        var w = e
        while w > hit.upperBound, TextScan.isAlpha(bytes[w - 1]) { w -= 1 }
        guard w < e, establishedWords.contains(bytes, w..<e) else { return nil }
        var negated = false
        var i = hit.upperBound
        while i < w {
            while i < w, !TextScan.isAlpha(bytes[i]) { i += 1 }
            let s = i
            while i < w, TextScan.isAlpha(bytes[i]) { i += 1 }
            if s < i, necessityNegations.contains(bytes, s..<i) { negated = true }
        }
        return Located(negated ? .upheld : .overturned, hit.lowerBound..<e)
    }

    private static let verbs = WordSet(["is", "are", "was", "were", "be"])
    private static let notWord = WordSet(["not"])
}
