import Foundation

/// Reads labelled header fields ("Case Number:", "Decision Date:", "UR Denial Date:", "Date of
/// Injury:") and the few facts letters state in prose about the case itself (the UR decision date).
///
/// Headers come in one or two columns ("Case Number: CM15-0012345    Date Assigned: 01/05/2015"),
/// so a value ends at the end of its line, at a run of two or more spaces, or at the next label.
enum HeaderFields {
    private static let caseNumberLabels = PhraseSet(["imr case number:", "imr case no.:", "imr case no:", "imr case #:", "imr case number",
                                           "case number:", "case no.:", "case no:", "case #:"].map(Phrase.init))
    private static let letterDateLabels = PhraseSet(["decision date:", "date of decision:", "determination date:", "date of determination:",
                                           "letter date:", "dated:", "date:"].map(Phrase.init))
    private static let urDateLabels = PhraseSet(["ur denial date:", "date of ur denial:", "date of ur decision:", "ur decision date:",
                                       "date of ur:", "utilization review date:", "date of utilization review:",
                                       "utilization review denial date:"].map(Phrase.init))
    private static let injuryLabels = PhraseSet(["date of injury:", "date(s) of injury:", "doi:", "injury date:"].map(Phrase.init))

    // MARK: Case number

    /// The case number from a "Case Number:" label, else the first token shaped like one ("CM13-0012345").
    static func caseNumber(_ bytes: [UInt8]) -> Located<String>? {
        // The labelled number sits in the header, on the first page.
        if let (_, r) = caseNumberLabels.findFirst(in: bytes, 0..<min(bytes.count, 6000)) {
            var i = r.upperBound
            while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 58 { i += 1 }
            let s = i
            while i < bytes.count, !TextScan.isSpace(bytes[i]) { i += 1 }
            var e = i
            while e > s, bytes[e - 1] == 46 || bytes[e - 1] == 44 || bytes[e - 1] == 59 { e -= 1 }
            if e - s >= 5, e - s <= 24, bytes[s..<e].contains(where: TextScan.isDigit) {
                return Located(String(decoding: bytes[s..<e], as: UTF8.self), s..<e)
            }
        }
        return caseNumberToken(bytes, 0..<bytes.count)
    }

    /// The first "CM13-0012345"-shaped token: two capital letters, two digits, a hyphen, 5–8 digits.
    static func caseNumberToken(_ bytes: [UInt8], _ range: Range<Int>) -> Located<String>? {
        let end = min(range.upperBound, bytes.count)
        guard range.lowerBound >= 0 else { return nil }
        let found: Range<Int>? = bytes.withUnsafeBufferPointer { b in
            @inline(__always) func upper(_ x: UInt8) -> Bool { x >= 65 && x <= 90 }
            // Look for the hyphen (memchr is vectorised), then at the four bytes before it.
            var h = range.lowerBound + 4
            while h + 3 < end {
                guard let base = b.baseAddress, let hit = memchr(base + h, 45, end - h) else { return nil }
                h = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard h + 3 < end else { return nil }
                let i = h - 4
                if upper(b[i]), upper(b[i + 1]), TextScan.isDigit(b[i + 2]), TextScan.isDigit(b[i + 3]),
                   i == 0 || !TextScan.isAlnum(b[i - 1]) {
                    var j = i + 5
                    while j < end, TextScan.isDigit(b[j]) { j += 1 }
                    let digits = j - (i + 5)
                    if digits >= 5, digits <= 8, j >= end || !TextScan.isAlnum(b[j]) { return i..<j }
                }
                h += 1
            }
            return nil
        }
        return found.map { Located(String(decoding: bytes[$0], as: UTF8.self), $0) }
    }

    // MARK: Dates

    /// A date given after one of `labels` in `range`: the first label found whose value is a date.
    private static func labelledDate(_ lines: LetterLines, _ labels: PhraseSet, in range: Range<Int>, lineStartOnly: Set<Int> = [],
                                     referenceYear: Int) -> Located<CalendarDay>? {
        let bytes = lines.bytes
        var from = range.lowerBound
        var tries = 0
        while tries < 20, from < range.upperBound, let (k, r) = labels.findFirst(in: bytes, from..<range.upperBound) {
            tries += 1
            from = r.upperBound
            if lineStartOnly.contains(k) {
                let line = lines[lines.lineIndex(at: r.lowerBound)]
                guard line.contentStart == r.lowerBound || (r.lowerBound > 1 && bytes[r.lowerBound - 1] == 32 && bytes[r.lowerBound - 2] == 32) else { continue }
            }
            // "Decision Date:" also ends with "date:": make sure the label is not the tail of a longer one.
            if r.lowerBound > 0, TextScan.isAlnum(bytes[r.lowerBound - 1]) { continue }
            var i = r.upperBound
            while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
            // A value on the next line when the label ends its own line.
            if i < bytes.count, bytes[i] == 10 || bytes[i] == 13 { while i < bytes.count, TextScan.isSpace(bytes[i]) { i += 1 } }
            let lineEnd = lines[lines.lineIndex(at: min(i, max(0, bytes.count - 1)))].contentEnd
            if let (d, e) = DateParser.date(in: bytes, at: i, end: max(i, lineEnd), referenceYear: referenceYear) {
                return Located(d, i..<e)
            }
            // A header in two columns that the text extraction gave column by column: the labels one
            // per line, then their values in the same order.
            if let v = columnValue(lines, label: lines.lineIndex(at: r.lowerBound)),
               let (d, e) = DateParser.date(in: bytes, at: lines[v].contentStart, end: lines[v].contentEnd, referenceYear: referenceYear),
               TextScan.trim(bytes, e..<lines[v].contentEnd).isEmpty {
                return Located(d, lines[v].contentStart..<e)
            }
        }
        return nil
    }

    /// The end of the letter's header: its first section heading, or the whole text when it has none.
    /// The line that holds the value of the label on line `k` when the header's labels stand one per
    /// line, each alone with its colon ("Case Number:" / "Date of Injury:" / … ), and their values
    /// follow as a run of as many lines ("CM20-0117342" / "08/14/2018" / …): the value in the
    /// label's place. Nil when the runs do not match.
    static func columnValue(_ lines: LetterLines, label k: Int) -> Int? {
        let bytes = lines.bytes
        func labelOnly(_ j: Int) -> Bool {
            let c = lines[j].content
            return !c.isEmpty && c.count <= 40 && bytes[c.upperBound - 1] == 58
        }
        guard labelOnly(k) else { return nil }
        // The run of label lines around k (significant lines, blank lines not allowed between).
        var first = k, last = k
        while first > 0, labelOnly(first - 1) { first -= 1 }
        while last + 1 < lines.count, labelOnly(last + 1) { last += 1 }
        let n = last - first + 1
        guard n >= 2, last + n < lines.count else { return nil }
        // As many value lines right below, none a label.
        for j in (last + 1)...(last + n) {
            // (A value line may be marked as page furniture: the case number alone on its line.)
            guard !lines[j].content.isEmpty, !labelOnly(j), lines[j].content.count <= 40 else { return nil }
        }
        return last + 1 + (k - first)
    }

    static func headerEnd(_ headings: [SectionFinder.Heading], _ bytes: [UInt8]) -> Int {
        headings.first { $0.kind != .closing && $0.kind != .professionalReview }?.range.lowerBound ?? bytes.count
    }

    /// The letter's date: "Decision Date:", "Dated:", "Date:" in the header, else a line near the
    /// top that holds only a date.
    static func letterDate(_ lines: LetterLines, headerEnd: Int, referenceYear: Int) -> Located<CalendarDay>? {
        let header = 0..<min(headerEnd, lines.bytes.count)
        if let d = labelledDate(lines, letterDateLabels, in: header, lineStartOnly: [letterDateLabels.phrases.count - 1], referenceYear: referenceYear) {
            return d
        }
        var seen = 0
        for k in 0..<lines.count where lines.isSignificant(k) && lines[k].contentStart < header.upperBound {
            seen += 1
            if seen > 15 { break }
            let c = lines[k].content
            if let (d, e) = DateParser.date(in: lines.bytes, at: c.lowerBound, end: c.upperBound, referenceYear: referenceYear),
               TextScan.trim(lines.bytes, e..<c.upperBound).isEmpty {
                return Located(d, c.lowerBound..<e)
            }
        }
        return nil
    }

    static func urDenialDate(_ lines: LetterLines, headerEnd: Int, prose: [Range<Int>], referenceYear: Int) -> Located<CalendarDay>? {
        if let d = labelledDate(lines, urDateLabels, in: 0..<min(headerEnd, lines.bytes.count), referenceYear: referenceYear) { return d }
        for r in prose {
            if let d = urDateInProse(lines.bytes, r, referenceYear: referenceYear) { return d }
        }
        return nil
    }

    static func injuryDate(_ lines: LetterLines, headerEnd: Int, referenceYear: Int) -> Located<CalendarDay>? {
        labelledDate(lines, injuryLabels, in: 0..<min(headerEnd, lines.bytes.count), referenceYear: referenceYear)
    }

    private static let urIntros = PhraseSet([Phrase("utilization review"), Phrase("ur")])
    private static let urLinkWords = WordSet(["(ur)", "ur", "decision", "denial", "determination", "report", "letter", "dated",
                                              "was", "of", "on", "the", "non-certification", "noncertification", "issued"])
    private static let urDecisionWords = WordSet(["decision", "denial", "determination", "report", "letter",
                                                  "non-certification", "noncertification"])

    private static let denialVerbs = [Phrase("denied"), Phrase("non-certified"), Phrase("noncertified"), Phrase("modified")]

    private static func denialVerb(_ bytes: [UInt8], after start: Int, end: Int) -> Bool {
        var i = start
        while i < end, TextScan.isSpace(bytes[i]) || bytes[i] == 44 { i += 1 }
        return Phrase.matchAny(denialVerbs, bytes, at: i, end: end) != nil
    }

    /// "The date of the Utilization Review (UR) decision was 11/4/13", "The utilization review report
    /// dated 5/30/14 denied …": a UR word, then within six linking words a decision word and a date.
    static func urDateInProse(_ bytes: [UInt8], _ range: Range<Int>, referenceYear: Int) -> Located<CalendarDay>? {
        var from = range.lowerBound
        while from < range.upperBound, let (k, r) = urIntros.findFirst(in: bytes, from..<range.upperBound) {
            from = r.upperBound
            // "UR" only in capitals and as a whole word.
            if k == 1, bytes[r.lowerBound] != 85 || (r.upperBound < bytes.count && TextScan.isAlnum(bytes[r.upperBound])) { continue }
            var j = r.upperBound
            var sawDecisionWord = false
            for _ in 0..<7 {
                while j < range.upperBound, TextScan.isSpace(bytes[j]) { j += 1 }
                guard j < range.upperBound else { break }
                if let (d, e) = DateParser.date(in: bytes, at: j, end: range.upperBound, referenceYear: referenceYear) {
                    // "The utilization review dated 4/2/14 non-certified the requests": the verb after the date.
                    if sawDecisionWord || denialVerb(bytes, after: e, end: range.upperBound) { return Located(d, j..<e) }
                    break
                }
                let ws = j
                while j < range.upperBound, !TextScan.isSpace(bytes[j]), j - ws < 40 { j += 1 }
                // The word, lower-cased, without a trailing colon; a full stop or comma ends the search.
                var wordEnd = j
                let last = bytes[j - 1]
                if last == 46 || last == 44 { break }
                if last == 58 { wordEnd -= 1 }
                guard urLinkWords.contains(bytes, ws..<wordEnd) else { break }
                if urDecisionWords.contains(bytes, ws..<wordEnd) { sawDecisionWord = true }
            }
        }
        return nil
    }
}
