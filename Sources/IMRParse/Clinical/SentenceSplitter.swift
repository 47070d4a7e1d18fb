import Foundation

/// Splits regions of a `SourceText` into sentences, as byte ranges, with paragraph starts marked.
///
/// Built for text pulled out of PDFs, where a line break says little: lines wrap inside sentences,
/// a blank line often follows every line, words and numbers break over lines ("7-\n\n8/10"), and
/// headings have no full stop. The rules, in order of use:
///
/// - `.`, `?`, `!` end a sentence when white space, a closing quote or bracket, or the region end
///   follows, and the next visible character is not a lower-case letter that continues the
///   sentence (after an initial, "p.o.", "Inc." or a number: "L4-5. with"; "No new injury. s/p PT
///   x12" is two sentences, as telegraphic notes write).
///   A period does not end a sentence after an abbreviation ("Dr.", "vs.", "e.g.", "i.e.", "cf.",
///   "approx.", "Fig.", "p.", "pp.", "No. 5"), after a single capital initial ("J. Smith"), or
///   after the number of a list item ("1." in "1. Discogenic syndrome"). Periods inside a word
///   ("1.5", "p.46", "www.odg-twc.com") never end one.
/// - A numbered list is split per item: a colon followed by "1." ends the lead-in, and each item's
///   closing period followed by the next number ends the item.
/// - At a line break, when the line does not end in sentence punctuation, the sentence ends if
///   the line ends with a colon (a heading on its own line; never after "Page(s):"), if the line is
///   an upper-case heading ("CLINICAL CASE SUMMARY"), or if the next non-blank line looks like a
///   heading: all upper case, or a short label followed by a colon ("Decision rationale:"), or the
///   next number of a list, or a bullet.
/// - A sentence longer than `maxSentenceBytes` ends at the next line break (tables, boilerplate).
///
/// A sentence **starts a paragraph** at a region start, after a heading, after a gap of blank
/// lines (two line breaks, or three in text where every line is followed by a blank line), and
/// when it begins with a label ("Decision rationale: …"). Attribution cues carry over within a
/// paragraph only.
package enum SentenceSplitter {
    /// One sentence: its trimmed byte range and whether it starts a paragraph.
    package struct Span: Sendable, Hashable {
        package var range: Range<Int>
        package var startsParagraph: Bool
    }

    package static let maxSentenceBytes = 2400

    /// Sentence byte ranges of `regions` of `text` (regions in order, not overlapping).
    package static func sentences(in text: SourceText, regions: [Range<Int>]) -> [Range<Int>] {
        split(text.bytes, regions: regions).map(\.range)
    }

    /// Sentences of `regions` of `bytes`, with paragraph starts.
    package static func split(_ bytes: [UInt8], regions: [Range<Int>]) -> [Span] {
        var out: [Span] = []
        // Room for a sentence per 64 bytes (ordinary text has one per 100 or so), and one list of
        // found sentences handed from region to region: no array grows a step at a time.
        var total = 0
        for r in regions { total += max(0, min(bytes.count, r.upperBound) - max(0, r.lowerBound)) }
        out.reserveCapacity(total / 64 + regions.count)
        var found: [Scanner.Found] = []
        found.reserveCapacity(total / 64 + 1)
        bytes.withUnsafeBufferPointer { p in
            for region in regions {
                let lo = max(0, region.lowerBound), hi = min(p.count, region.upperBound)
                guard lo < hi else { continue }
                var scanner = Scanner(p: p, lo: lo, hi: hi)
                swap(&scanner.found, &found)
                let first = out.count
                scanner.run(into: &out)
                swap(&scanner.found, &found)
                found.removeAll(keepingCapacity: true)
                capLength(p, &out, from: first)
            }
        }
        return out
    }

    /// Longest sentence kept whole, in bytes. Real sentences are far shorter; text without any
    /// sentence break (a table, a corrupted page, a fuzzer's nest of parentheses) is cut into pieces
    /// at white space (after a comma or semicolon when one is near), so that work per sentence stays
    /// bounded and nothing downstream turns quadratic.
    package static let maximumSentenceBytes = 1500

    private static func capLength(_ p: UnsafeBufferPointer<UInt8>, _ out: inout [Span], from first: Int) {
        guard out[first...].contains(where: { $0.range.count > maximumSentenceBytes }) else { return }
        var result: [Span] = []
        for span in out[first...] {
            guard span.range.count > maximumSentenceBytes else { result.append(span); continue }
            var lo = span.range.lowerBound
            var paragraph = span.startsParagraph
            while span.range.upperBound - lo > maximumSentenceBytes {
                let limit = lo + maximumSentenceBytes
                var cut = limit
                // Prefer the last ", " or "; " in the final quarter, else the last space, else the limit.
                var k = limit - 1
                let floor = lo + maximumSentenceBytes * 3 / 4
                var space: Int?
                while k > floor {
                    if TextScan.isSpace(p[k]) {
                        if p[k - 1] == 44 || p[k - 1] == 59 { cut = k; space = nil; break }
                        if space == nil { space = k }
                    }
                    k -= 1
                }
                if k <= floor, let sp = space { cut = sp }
                result.append(Span(range: lo..<cut, startsParagraph: paragraph))
                paragraph = false
                lo = cut
                while lo < span.range.upperBound, TextScan.isSpace(p[lo]) { lo += 1 }
            }
            if lo < span.range.upperBound { result.append(Span(range: lo..<span.range.upperBound, startsParagraph: paragraph)) }
        }
        out.replaceSubrange(first..., with: result)
    }

    // MARK: - Scanner

    /// Byte classes for the scanner: 0 ordinary, 1 space, 2 line break, 3 terminal mark, 4 colon.
    private static let byteClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in [32, 9, 11] { t[b] = 1 }
        for b in [10, 12, 13] { t[b] = 2 }
        for b in [46, 63, 33] { t[b] = 3 }
        t[58] = 4
        return t
    }()

    private struct Scanner {
        let p: UnsafeBufferPointer<UInt8>
        let lo: Int
        let hi: Int
        var start = -1  // start of the open sentence, -1 when none
        var lastListNumber = 0
        /// The next sentence starts a paragraph whatever the gap (region start, after a heading).
        var nextForced = true
        /// Line breaks since the last sentence ended.
        var gapBreaks = 0
        // Line statistics, to tell PDF text with a blank line after every line.
        var lines = 0
        var blankAfter = 0
        /// Sentences of this region: range, forced paragraph start, line breaks before it (whether
        /// a sentence starts a paragraph is settled once the whole region has been seen).
        var found: [Found] = []
        typealias Found = (range: Range<Int>, forced: Bool, breaks: Int, colon: Bool)
        /// Where the open sentence has its first colon (-1 for none): only such a sentence can
        /// start with a label.
        var firstColon = -1

        /// Whether the region holds a "|" at all: only then is a line read past its first cells for a
        /// cell rule (most notes have none, and the short scan stays short).
        let cellRules: Bool

        init(p: UnsafeBufferPointer<UInt8>, lo: Int, hi: Int) {
            self.p = p
            self.lo = lo
            self.hi = hi
            // memchr: vectorised, a fraction of an instruction a byte.
            cellRules = lo < hi && p.baseAddress.map { memchr($0 + lo, 124, hi - lo) != nil } ?? false
        }

        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 13 || b == 9 || b == 12 || b == 11 }
        @inline(__always) func isLineBreak(_ b: UInt8) -> Bool { b == 10 || b == 12 || b == 13 }
        @inline(__always) func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        @inline(__always) func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) }

        mutating func emit(_ end: Int, heading: Bool = false) {
            guard start >= 0 else { return }
            var e = end
            while e > start, isSpace(p[e - 1]) { e -= 1 }
            if e > start {
                found.append((start..<e, nextForced, gapBreaks, firstColon >= 0 && firstColon < e))
                lastListNumber = leadingListNumber(start, e)
                nextForced = heading
                gapBreaks = 0
            }
            start = -1
            firstColon = -1
        }

        mutating func run(into out: inout [Span]) {
            SentenceSplitter.byteClass.withUnsafeBufferPointer { cls in run(cls) }
            // Paragraph starts: forced ones, and gaps of blank lines (two line breaks, or three
            // when most lines are followed by a blank line, as in PDF text).
            let doubled = lines >= 4 && blankAfter * 10 >= lines * 4
            let threshold = doubled ? 3 : 2
            for f in found {
                let para = f.forced || f.breaks >= threshold || (f.colon && startsWithLabel(f.range.lowerBound, f.range.upperBound))
                out.append(Span(range: f.range, startsParagraph: para))
            }
        }

        private mutating func run(_ cls: UnsafeBufferPointer<UInt8>) {
            var i = lo
            var lineStart = lo
            while i < hi {
                if start < 0 {
                    while i < hi, cls[Int(p[i])] == 1 { i += 1 }
                    guard i < hi else { break }
                    if cls[Int(p[i])] != 2 { start = i }
                }
                // Ordinary bytes and spaces inside a sentence: 16 at a time, then one by one.
                i = skipOrdinary(from: i)
                while i < hi, cls[Int(p[i])] < 2 { i += 1 }
                guard i < hi else { break }
                let b = p[i]
                switch cls[Int(b)] {
                case 2:
                    if b == 13, i + 1 < hi, p[i + 1] == 10 { i += 1; continue }  // CR of CRLF
                    // End of a line: look at the next non-blank line.
                    var j = i + 1
                    var breaks = 1
                    while j < hi, isSpace(p[j]) {
                        if p[j] == 10 || p[j] == 12 || (p[j] == 13 && (j + 1 >= hi || p[j + 1] != 10)) { breaks += 1 }
                        j += 1
                    }
                    lines += breaks
                    blankAfter += breaks - 1
                    if start >= 0 {
                        if let cut = lineEndBreak(lineStart: lineStart, lineEnd: i, next: j) {
                            emit(cut.end, heading: cut.heading)
                        } else if i - start > maxSentenceBytes {
                            emit(i)
                        }
                    }
                    if start < 0 { gapBreaks += breaks }
                    lineStart = j
                    i = j
                    continue
                case 3:
                    if let end = sentenceEnd(at: i) {
                        emit(end)
                        i = end
                        continue
                    }
                case 4:
                    if firstColon < 0, start >= 0 { firstColon = i }
                    var j = i + 1
                    while j < hi, isSpace(p[j]) { j += 1 }
                    if listMarker(at: j, expectFirst: true) != nil {
                        emit(i + 1)
                        i += 1
                        continue
                    }
                default:
                    break
                }
                i += 1
            }
            emit(hi)
        }

        /// The first index from `i` whose 16-byte block holds a line break, terminal mark or colon.
        @inline(__always)
        func skipOrdinary(from start: Int) -> Int {
            guard let base = p.baseAddress else { return start }
            let raw = UnsafeRawPointer(base)
            var i = start
            let lf = SIMD16<UInt8>(repeating: 10), ff = SIMD16<UInt8>(repeating: 12), cr = SIMD16<UInt8>(repeating: 13)
            let dot = SIMD16<UInt8>(repeating: 46), question = SIMD16<UInt8>(repeating: 63)
            let bang = SIMD16<UInt8>(repeating: 33), colon = SIMD16<UInt8>(repeating: 58)
            while i + 16 <= hi {
                let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let m = (v .== lf) .| (v .== ff) .| (v .== cr) .| (v .== dot) .| (v .== question) .| (v .== bang) .| (v .== colon)
                if any(m) { break }
                i += 16
            }
            return i
        }

        /// If a sentence ends at the terminal mark at `i`, the end (after closing quotes/brackets).
        mutating func sentenceEnd(at i: Int) -> Int? {
            let b = p[i]
            var j = i + 1
            // Closing quotes and brackets stay with the sentence.
            while j < hi {
                let c = p[j]
                if c == 34 || c == 39 || c == 41 || c == 93 { j += 1; continue }
                if c == 0xE2, j + 2 < hi, p[j + 1] == 0x80, p[j + 2] == 0x9D || p[j + 2] == 0x99 { j += 3; continue }
                break
            }
            // A mark inside a token ("1.5", "p.46", "e.g", URLs) or followed by more marks ("?!", "...").
            if j < hi, !isSpace(p[j]) { return nil }
            var k = j
            while k < hi, isSpace(p[k]) { k += 1 }
            if b == 46 {
                if isLeader(endingAt: i) { return nil }
                if isAbbreviation(before: i, next: k) { return nil }
                if isListNumber(before: i) { return nil }
            }
            if k >= hi { return j }
            let c = p[k]
            if isLower(c), b != 46 || continuesInLowerCase(before: i) { return nil }
            if c == 44 || c == 59 || c == 58 || c == 41 { return nil }  // , ; : )
            return j
        }

        /// Whether the period at `i` ends a dot leader between a label and its value ("Aberrancy
        /// ........ None.", "UDS 03/16/2015 ... consistent"): four dots or more, or a run of dots
        /// after a space. The value belongs to the label's sentence, as after a colon.
        func isLeader(endingAt i: Int) -> Bool {
            var s = i
            while s > lo, p[s - 1] == 46 { s -= 1 }
            let run = i - s + 1
            return run >= 4 || (run >= 2 && s > lo && isSpace(p[s - 1]))
        }

        /// The word before the period at `i` (letters and inner periods), lower-cased and packed
        /// into a UInt64 (0 when longer than 8 bytes), with where it starts.
        func wordBefore(_ i: Int) -> (word: UInt64, length: Int, start: Int) {
            var s = i
            while s > lo, isLetter(p[s - 1]) || (p[s - 1] == 46 && s - 2 >= lo && isLetter(p[s - 2])) { s -= 1 }
            guard i - s <= 8 else { return (0, i - s, s) }
            var w: UInt64 = 0
            for k in s..<i { w = w << 8 | UInt64(p[k] | (isUpper(p[k]) ? 0x20 : 0)) }
            return (w, i - s, s)
        }

        static func pack(_ s: String) -> UInt64 { s.utf8.reduce(0) { $0 << 8 | UInt64($1) } }
        static let abbreviations: [UInt64] = [
            "dr", "mr", "mrs", "ms", "vs", "e.g", "i.e", "cf", "approx", "fig", "p", "pp", "st", "jr", "sr",
            "prof", "dept", "u.s", "viz", "al", "ca", "resp", "incl",
        ].map(pack)
        static let no = pack("no"), nos = pack("nos")

        func isAbbreviation(before i: Int, next k: Int) -> Bool {
            let (w, length, s) = wordBefore(i)
            guard length > 0, length <= 8 else { return false }
            // The word must stand alone ("(e.g." counts; "L4-5." does not reach here as letters).
            if s > lo, isDigit(p[s - 1]) { return false }
            if Scanner.abbreviations.contains(w) { return true }
            if w == Scanner.no || w == Scanner.nos, k < hi, isDigit(p[k]) { return true }
            // A capital initial next to another initial or after a title: "J. R. Smith", "Dr. J.
            // Smith" (a lone "vitamin D. He" still ends the sentence).
            if length == 1, isUpper(p[s]), k < hi, isUpper(p[k]) {
                if s - 2 >= lo, isSpace(p[s - 1]), p[s - 2] == 46 { return true }
                if k + 1 < hi, p[k + 1] == 46 { return true }  // "J. R. Smith": another initial follows
            }
            return false
        }

        /// Whether a period followed by a lower-case word is inside the sentence: after an initial
        /// ("Mr. R. has", "H. pylori"), a word with inner periods ("p.o. daily", "5 p.m. and"), a
        /// company's suffix ("Acme Inc. has") or a spine level ("L4-5. with", text pulled from a PDF).
        /// Elsewhere it ends the sentence, as telegraphic notes write: "No new injury. s/p PT x12",
        /// "sx x 4+ yrs. s/p L4-5 lami".
        func continuesInLowerCase(before i: Int) -> Bool {
            guard i > lo else { return true }
            if isDigit(p[i - 1]) {
                // A spine level ("L4-5. with") continues; a count or a date ("chiro x6. sx", "2/2009. s/p") ends.
                var s = i - 1
                while s > lo, !isSpace(p[s - 1]) { s -= 1 }
                return isUpper(p[s])
            }
            guard isLetter(p[i - 1]) else { return true }
            let (w, length, s) = wordBefore(i)
            guard length > 1 else { return true }
            for k in s..<i where p[k] == 46 { return true }
            return Scanner.suffixes.contains(w)
        }
        static let suffixes: [UInt64] = ["inc", "co", "corp", "ltd", "llc", "etc"].map(pack)

        /// The number of the list marker a sentence starts with ("2. Lumbar …" → 2), else 0.
        func leadingListNumber(_ s: Int, _ e: Int) -> Int {
            var j = s, n = 0
            while j < e, isDigit(p[j]), j - s < 2 { n = n * 10 + Int(p[j] - 48); j += 1 }
            guard j > s, j < e, p[j] == 46 || p[j] == 41 else { return 0 }
            return n
        }

        /// True when the open sentence so far is only a list number ("1", "12").
        func isListNumber(before i: Int) -> Bool {
            guard start >= 0, i - start >= 1, i - start <= 2 else { return false }
            for k in start..<i where !isDigit(p[k]) { return false }
            return true
        }

        /// The number of a list marker ("1. " or "1) ") at `k` followed by an upper-case letter, if it
        /// continues the list (1 when `expectFirst`, else the next number or 1).
        func listMarker(at k: Int, expectFirst: Bool) -> Int? {
            var j = k, n = 0
            while j < hi, isDigit(p[j]), j - k < 2 { n = n * 10 + Int(p[j] - 48); j += 1 }
            guard j > k, j < hi, p[k] != 48, p[j] == 46 || p[j] == 41 else { return nil }
            j += 1
            guard j < hi, p[j] == 32 || p[j] == 9 || isLineBreak(p[j]) else { return nil }
            while j < hi, isSpace(p[j]) { j += 1 }
            guard j < hi, isUpper(p[j]) || isDigit(p[j]) else { return nil }
            if expectFirst { return n == 1 ? 1 : nil }
            return n == 1 || n == lastListNumber + 1 || n == lastListNumber + 2 ? n : nil
        }

        /// Where the open sentence ends at the line break ending `lineStart..<lineEnd`, if it does.
        func lineEndBreak(lineStart: Int, lineEnd: Int, next: Int) -> (end: Int, heading: Bool)? {
            var e = lineEnd
            while e > lineStart, isSpace(p[e - 1]) { e -= 1 }
            guard e > lineStart else { return nil }
            let last = p[e - 1]
            let nextStarts = next < hi && (isUpper(p[next]) || isDigit(p[next]) || p[next] == 34 || p[next] >= 0x80)
            if last == 58 {  // heading ending in a colon, unless it introduces page numbers
                guard nextStarts, !endsWithPageLabel(e - 1) else { return nil }
                return (e, true)
            }
            if last == 46 || last == 63 || last == 33 || last == 44 || last == 59 || last == 45 || last == 47 || last == 40 || last == 38 {
                return nil
            }
            if start == lineStart, isCapsHeading(lineStart, e) { return (e, true) }
            guard next < hi else { return nil }
            // Both checks stop at the end of the next line, most of them at its first word.
            if isCapsHeading(next, hi) || startsWithLabel(next, hi) { return (e, true) }
            if listMarker(at: next, expectFirst: false) != nil, lastListNumber > 0 || p[next] == 49 { return (e, false) }
            if isBullet(next) { return (e, false) }
            // A bulleted item ends at its line when a capitalised word opens the next, unindented line
            // ("- Activity modification; back on full duty since May but "pays for it" at night" /
            // "Pain remains 6/10 …"): a wrapped item goes on in lower case or indented ("L5-S1" is no word).
            if isBullet(lineStart), next + 1 < hi, isUpper(p[next]), p[next + 1] >= 97, p[next + 1] <= 122, !isIndented(next) {
                return (e, false)
            }
            if isTableRow(lineStart, e), blankLine(from: e, to: next) || (isTableRow(next, hi) && !isIndented(next)) {
                return (e, false)
            }
            // A dated series, one line a date ("01/21/2015 ... TFESI L4-5 left" / "02/04/2015 ... 5/10"):
            // each line is its own statement, and its date is no other line's.
            // (The last short row ends at a blank line; a long dated line may wrap, as double-spaced PDF text does.)
            if startsWithDate(lineStart), startsWithDate(next) || (e - lineStart <= 60 && blankLine(from: e, to: next)) {
                return (e, false)
            }
            return nil
        }

        /// A row of a table flattened to text: a column gap of three spaces or more after a short first
        /// cell (within the line's first 28 bytes) or after a row that opens with a date or number
        /// ("02/10/2015      Bilat L4-5 MBB      80% relief for 5 hours"). Each row is its own sentence:
        /// what one row says (80% relief) is not about the next row's treatment. Two-column prose has
        /// a long first cell and stays whole.
        /// A cell rule ("OxyContin | 40 mg | 1 PO q12h | helps some") marks a row wherever it stands in
        /// the first 160 bytes.
        func isTableRow(_ s: Int, _ e: Int) -> Bool {
            guard s < e, !isSpace(p[s]) else { return false }
            let gapLimit = isDigit(p[s]) ? s + 160 : s + 28
            if cellRules, let bar = cellRule(s, min(e, s + 160)), gapContinues(bar + 1, e) { return true }
            let limit = min(e, gapLimit)
            var k = s + 1, run = 0
            while k < limit {
                let c = p[k]
                // Most bytes are visible: one comparison passes them (no line break, no space).
                if c > 32 { run = 0; k += 1; continue }
                if isLineBreak(c) { return false }
                if c == 32 || c == 9 {
                    run += c == 9 ? 3 : 1
                    if run >= 3, k < gapLimit { return k + 1 < e && !isSpace(p[k + 1]) || gapContinues(k + 1, e) }
                } else { run = 0 }
                k += 1
            }
            return false
        }

        /// The first "|" of the line from `s` before `limit`, if any.
        func cellRule(_ s: Int, _ limit: Int) -> Int? {
            var k = s + 1
            while k < limit, !isLineBreak(p[k]) {
                if p[k] == 124 { return k }
                k += 1
            }
            return nil
        }

        /// Whether visible text follows the spaces from `k` on the same line.
        func gapContinues(_ k: Int, _ e: Int) -> Bool {
            var k = k
            while k < e, p[k] == 32 || p[k] == 9 { k += 1 }
            return k < e && !isLineBreak(p[k])
        }

        /// Whether a numeric date opens the line at `s` ("01/21/2015", "3-4-15", "2014-06-10").
        func startsWithDate(_ s: Int) -> Bool {
            var k = s
            while k < hi, isDigit(p[k]) { k += 1 }
            guard k > s, k - s <= 4, k + 1 < hi, p[k] == 47 || p[k] == 45, isDigit(p[k + 1]) else { return false }
            k += 1
            while k < hi, isDigit(p[k]) { k += 1 }
            return k < hi && (p[k] == 47 || p[k] == 45) && k + 1 < hi && isDigit(p[k + 1])
        }

        /// Whether a blank line stands between `e` (a line's end) and `next`: a table ends there.
        func blankLine(from e: Int, to next: Int) -> Bool {
            var breaks = 0
            for k in e..<next where p[k] == 10 || p[k] == 12 { breaks += 1 }
            return breaks >= 2
        }

        /// Whether the line holding `j` (its first visible byte) begins with white space: a table's
        /// wrapped cell ("                lidocaine 2%      and walked a mile") continues its row.
        func isIndented(_ j: Int) -> Bool { j > lo && !isLineBreak(p[j - 1]) }

        func endsWithPageLabel(_ colon: Int) -> Bool {
            var s = colon
            while s > lo, isLetter(p[s - 1]) || p[s - 1] == 40 || p[s - 1] == 41 { s -= 1 }
            var w: [UInt8] = []
            for k in s..<colon where isLetter(p[k]) { w.append(p[k] | 0x20) }
            return w == Array("pages".utf8) || w == Array("page".utf8) || w == Array("pp".utf8) || w == Array("p".utf8)
        }

        /// An upper-case heading line: at least two words and six letters, no lower-case letters
        /// (the line from `s`, up to `e` or a line break).
        func isCapsHeading(_ s: Int, _ e: Int) -> Bool {
            var letters = 0, words = 0, inWord = false
            for k in s..<e {
                let c = p[k]
                if isLower(c) { return false }
                if isLineBreak(c) { break }
                if isUpper(c) { letters += 1 }
                let wordChar = isLetter(c) || isDigit(c)
                if wordChar, !inWord { words += 1 }
                inWord = wordChar
            }
            return letters >= 6 && words >= 2 && words <= 14
        }

        /// A line that starts with a label: an upper-case word and at most five more words, made of
        /// letters, then a colon ("Decision rationale:", "State(s) of Licensure:").
        func startsWithLabel(_ s: Int, _ e: Int) -> Bool {
            guard s < e, isUpper(p[s]) else { return false }
            var words = 1, k = s, wordLetters = 0
            let e = min(e, s + 64)  // six short words and a colon
            while k < e {
                let c = p[k]
                if c == 58 { return wordLetters > 0 || words > 1 }
                if isLineBreak(c) { return false }
                if c == 32 {
                    if k + 1 < e, p[k + 1] != 32, p[k + 1] != 58 { words += 1; wordLetters = 0 }
                    if words > 6 { return false }
                } else if isLetter(c) {
                    wordLetters += 1
                } else if c != 40 && c != 41 && c != 47 && c != 38 && c != 39 && c != 45 {
                    return false
                }
                k += 1
            }
            return false
        }

        func isBullet(_ k: Int) -> Bool {
            guard k + 1 < hi else { return false }
            let c = p[k]
            if (c == 42 || c == 45), p[k + 1] == 32 { return true }
            if c == 0xE2, k + 3 < hi, p[k + 1] == 0x80, p[k + 2] == 0xA2 { return true }
            return false
        }
    }
}
