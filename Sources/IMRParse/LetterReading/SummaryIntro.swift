/// The sentences that introduce a case summary rather than belong to it: "The expert reviewer
/// developed the following clinical case summary based on a review of the case file, including all
/// medical records:", "Disclaimer: The following case summary was taken directly from the
/// utilization review denial dated July 1, 2013.", "The reviewer summarized the records as
/// follows:" — and where a summary introduced so starts when it has no heading of its own (a quoted
/// summary inside a notice's decision section).
enum SummaryIntro {
    /// Words of a sentence about the summary itself.
    private static let leadIns = PhraseSet(WordingVariants.expand([
        "following {clinical |}{case |}summary", "summarized the {medical |}records", "summarizes the {medical |}records",
        "summary of the {medical |}records", "summary was taken", "summary is taken", "{case |}summary was {prepared|developed|excerpted|copied}",
        "disclaimer", "records as follows", "following is a summary", "following summary",
    ]).map(Phrase.init))

    private static let thisSummary = Array("this summary".utf8)

    /// Whether "this summary" ("The expert reviewer prepared this summary from the complete case
    /// file.") is in `r` (a sentence about the summary), compared byte by byte.
    private static func saysThisSummary(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard r.count >= thisSummary.count else { return false }
        var i = r.lowerBound
        while i + thisSummary.count <= r.upperBound {
            if bytes[i] | 0x20 == 116, i == r.lowerBound || !TextScan.isAlpha(bytes[i - 1]) {
                var j = 1
                while j < thisSummary.count, TextScan.lower(bytes[i + j]) == thisSummary[j] { j += 1 }
                if j == thisSummary.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Words that introduce the injured worker by age, as a case summary's first sentence does
    /// ("The records reviewed show a 61-year-old female …", "This is a 39 year old …").
    /// The end of the first "year-old", "year old" or "years old" in `r`, if any.
    private static func ageWords(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        while i + 7 < r.upperBound {
            if bytes[i] | 0x20 == 121, bytes[i + 1] | 0x20 == 101, bytes[i + 2] | 0x20 == 97, bytes[i + 3] | 0x20 == 114 {  // "year"
                var j = i + 4
                if bytes[j] | 0x20 == 115 { j += 1 }  // "years"
                if j < r.upperBound, bytes[j] == 45 || bytes[j] == 32, j + 3 < r.upperBound,
                   bytes[j + 1] | 0x20 == 111, bytes[j + 2] | 0x20 == 108, bytes[j + 3] | 0x20 == 100 { return i }  // "-old", " old"
            }
            i += 1
        }
        return nil
    }

    /// Where a case summary without a heading or a lead-in starts inside `range` (a summary given at
    /// the top of the rationale section): the first paragraph whose first sentence introduces the
    /// worker by age, within its first 160 bytes. A paragraph starts a line after a blank line, a
    /// heading or a line that ends a sentence; a field label's line is no paragraph.
    static func opening(_ lines: LetterLines, _ range: Range<Int>, labels: LineLabels?) -> Int? {
        let bytes = lines.bytes
        var previous: Int? = nil
        for k in lines.significant(in: range) {
            defer { previous = k }
            let c = lines[k].content
            guard c.count >= 40, TextScan.isAlpha(bytes[c.lowerBound]) else { continue }
            if let p = previous, !(p + 1 < k && (p + 1..<k).contains { lines[$0].isBlank }), !ItemScanner.endsSentence(lines, p, before: k) { continue }
            if let labels, labels.isRead, labels.label(k) != nil { continue }
            let window = c.lowerBound..<min(range.upperBound, c.lowerBound + 160)
            guard let hit = ageWords(bytes, window) else { continue }
            // In the first sentence.
            var i = c.lowerBound
            while i < hit, !(bytes[i] == 46 && i + 1 < bytes.count && TextScan.isSpace(bytes[i + 1])) { i += 1 }
            if i == hit { return c.lowerBound }
        }
        return nil
    }

    /// Where a summary found in `range` opens when its first lines (up to three) are no prose — a
    /// heading read into it, a table's row ("Soma (Carisoprodol) 350mg #60   Upheld") or a column of
    /// another text interleaved with it — and a line under them introduces the worker by age in its
    /// first sentence: that line's start. Nil when the summary opens with prose (a line that ends a
    /// sentence or introduces the worker comes first).
    static func openingAfterNoise(_ lines: LetterLines, _ range: Range<Int>) -> Int? {
        let bytes = lines.bytes
        var skipped = 0
        for k in lines.significant(in: range) {
            let c = lines[k].content
            if skipped > 0, c.count >= 40, let hit = ageWords(bytes, c.lowerBound..<min(range.upperBound, c.lowerBound + 160)) {
                var i = c.lowerBound
                while i < hit, !(bytes[i] == 46 && i + 1 < bytes.count && TextScan.isSpace(bytes[i + 1])) { i += 1 }
                return i == hit && TextScan.isAlpha(bytes[c.lowerBound]) ? c.lowerBound : nil
            }
            guard skipped < 3, c.count <= 70, !ItemScanner.endsSentence(lines, k) else { return nil }
            skipped += 1
        }
        return nil
    }

    /// `range` without the sentences (up to two) at its start that introduce the summary, and
    /// without the opening quotation mark of a quoted summary.
    static func skip(_ lines: LetterLines, _ range: Range<Int>) -> Range<Int> {
        var r = lines.trim(range)
        for _ in 0..<2 {
            guard let end = firstSentenceEnd(lines.bytes, r),
                  leadIns.findFirst(in: lines.bytes, r.lowerBound..<end) != nil || saysThisSummary(lines.bytes, r.lowerBound..<end) else { break }
            r = lines.trim(end..<r.upperBound)
        }
        return unquoted(lines, r)
    }

    /// The start of a summary that a lead-in sentence introduces inside `range` ("The reviewer
    /// summarized the records as follows:"), just after that sentence.
    /// When the lead-in's words are a heading's ("THE REVIEWER'S SUMMARY OF THE RECORDS", "Summary
    /// of the Medical Records" alone on its line), the summary starts on the line below the heading.
    static func leadIn(_ lines: LetterLines, _ range: Range<Int>) -> Int? {
        guard let (_, hit) = leadIns.findFirst(in: lines.bytes, range) else { return nil }
        if let below = belowHeading(lines, hit, range) { return unquoted(lines, lines.trim(below..<range.upperBound)).lowerBound }
        guard let end = firstSentenceEnd(lines.bytes, hit.lowerBound..<range.upperBound) else { return nil }
        return unquoted(lines, lines.trim(end..<range.upperBound)).lowerBound
    }

    /// Small words a heading in Title Case leaves in lower case.
    private static let headingGlue = WordSet(["of", "the", "and", "by", "from", "for", "a", "an", "to", "in", "on", "as"])

    /// The start of the line below `hit`'s line when that line is a heading: short, ending with no
    /// stop, every word capitalised but the small ones, and the line below opening a sentence with a
    /// capital letter.
    private static func belowHeading(_ lines: LetterLines, _ hit: Range<Int>, _ range: Range<Int>) -> Int? {
        let bytes = lines.bytes
        let k = lines.lineIndex(at: hit.lowerBound)
        let c = lines[k].content
        guard c.count <= 70, hit.upperBound <= c.upperBound, let last = c.last.map({ bytes[$0] }), TextScan.isAlpha(last) else { return nil }
        var i = c.lowerBound
        while i < c.upperBound {
            while i < c.upperBound, bytes[i] == 32 { i += 1 }
            var e = i
            while e < c.upperBound, bytes[e] != 32 { e += 1 }
            if e > i, TextScan.isAlpha(bytes[i]), bytes[i] >= 97, !headingGlue.contains(bytes, i..<e) { return nil }
            i = e
        }
        guard let n = lines.nextSignificant(after: k), lines[n].contentStart < range.upperBound else { return nil }
        let f = bytes[lines[n].contentStart]
        guard (f >= 65 && f <= 90) || f == 34 else { return nil }
        return lines[n].contentStart
    }

    /// After the sentence or label that starts `range`: a full stop or colon followed by white space,
    /// within 400 bytes.
    private static func firstSentenceEnd(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        let stop = min(range.upperBound, range.lowerBound + 400)
        while i < stop {
            let b = bytes[i]
            if b == 46 || b == 58, i + 1 >= range.upperBound || TextScan.isSpace(bytes[i + 1]) {
                // "Dr." and "e.g." do not end a sentence here: a lead-in's last word is longer.
                if b == 46, i >= 3, bytes[i - 3] == 32 || bytes[i - 3] == 46 { i += 1; continue }
                return i + 1
            }
            i += 1
        }
        return nil
    }

    private static func unquoted(_ lines: LetterLines, _ r: Range<Int>) -> Range<Int> {
        let bytes = lines.bytes
        guard !r.isEmpty else { return r }
        if bytes[r.lowerBound] == 34 { return lines.trim((r.lowerBound + 1)..<r.upperBound) }
        // A curly opening quote, “ (E2 80 9C).
        if r.count > 3, bytes[r.lowerBound] == 0xE2, bytes[r.lowerBound + 1] == 0x80, bytes[r.lowerBound + 2] == 0x9C {
            return lines.trim((r.lowerBound + 3)..<r.upperBound)
        }
        return r
    }
}
