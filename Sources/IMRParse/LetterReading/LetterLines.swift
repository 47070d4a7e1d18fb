// LetterReading/ — what every layout reads the same way: lines (`LetterLines`), page furniture
// (`PageNoise`, `RunningHeaders`), section headings (`SectionFinder`), item headers and item blocks
// (`ItemHeaders`, `ItemScanner`, `ItemBuilder`, `ItemChecks`), decisions (`DecisionPhrases`),
// citations and pages (`CitationParser`, `PageSet`), header fields, reviewer and patient. Not here:
// which layout a letter has and the order things are read in (Layouts/), byte matchers (Scanning/).

import Foundation

/// The lines of a letter, which of them are page furniture, and the clean text of any range.
///
/// PDF text ends lines with LF, CRLF, CR or a form feed, pads them with spaces and puts a blank line
/// between every two. Parsers walk the *significant* lines (neither blank nor noise) and read the
/// text of a field with `clean(_:)`, which leaves page headers, footers and stray URLs out while the
/// field's byte range still points into the original.
struct LetterLines: Sendable {
    struct Line: Sendable {
        /// First byte of the line and the end of the line (before its terminator).
        var start: Int
        var end: Int
        /// The line without leading and trailing white space.
        var contentStart: Int
        var contentEnd: Int
        /// Page furniture: a page number, a repeated header, a stray URL.
        var isNoise = false
        /// Page furniture stands between this line and the next significant one (see
        /// `markFurnitureFollows`): what `joinedAcrossNoise` asks, answered once per line.
        var furnitureFollows = false
        var isBlank: Bool { contentStart >= contentEnd }
        var content: Range<Int> { contentStart..<contentEnd }
    }

    let bytes: [UInt8]
    var lines: [Line]

    init(_ bytes: [UInt8]) {
        var lines = LetterLines.split(bytes)
        self.bytes = SpacedCapitals.join(bytes, &lines)
        self.lines = lines
    }

    private init(bytes: [UInt8], lines: [Line]) {
        self.bytes = bytes
        self.lines = lines
    }

    /// The same lines with the page furniture inside `range` turned to spaces (offsets unchanged), so
    /// that a phrase cut by a page break reads whole; nil when no furniture stands there.
    func noiseBlanked(in range: Range<Int>) -> LetterLines? {
        var out: [UInt8]? = nil
        var k = range.lowerBound < bytes.count ? lineIndex(at: range.lowerBound) : lines.count
        while k < lines.count, lines[k].start < range.upperBound {
            if lines[k].isNoise, lines[k].start >= range.lowerBound, lines[k].end <= range.upperBound {
                if out == nil { out = bytes }
                for i in lines[k].start..<lines[k].end { out![i] = 32 }
            }
            k += 1
        }
        return out.map { LetterLines(bytes: $0, lines: lines) }
    }

    private static func split(_ bytes: [UInt8]) -> [Line] {
        // The array and the position live inside the closure, and `line` captures neither: a captured
        // variable that is mutated is checked for exclusive access on every line.
        bytes.withUnsafeBufferPointer { buf in
            var lines: [Line] = []
            lines.reserveCapacity(bytes.count / 40 + 1)
            let n = buf.count
            var start = 0
            var i = 0
            @inline(__always) func line(_ start: Int, _ end: Int) -> Line {
                var lo = start, hi = end
                while lo < hi, TextScan.isSpace(buf[lo]) { lo += 1 }
                while hi > lo, TextScan.isSpace(buf[hi - 1]) { hi -= 1 }
                return Line(start: start, end: end, contentStart: lo, contentEnd: hi)
            }
            // Text without CR or form feed (the usual case) is split on LF with memchr, which is vectorised.
            if let base = buf.baseAddress, memchr(base, 13, n) == nil, memchr(base, 12, n) == nil {
                while i < n, let hit = memchr(base + i, 10, n - i) {
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    lines.append(line(start, at))
                    i = at + 1
                    start = i
                }
                i = n
            }
            while i < n {
                // Sixteen (or eight) bytes at a time while none of them can end a line (all above 13), then
                // straight to the first that may (the lowest byte the test flags is a real one).
                if i + 16 <= n, StartFilter.vectorsOn {
                    let v = UnsafeRawPointer(buf.baseAddress! + i).loadUnaligned(as: SIMD16<UInt8>.self)
                    let below = StartFilter.words(StartFilter.below(v, 14))
                    if below[0] | below[1] == 0 { i += 16; continue }
                    i += below[0] != 0 ? below[0].trailingZeroBitCount >> 3 : 8 + below[1].trailingZeroBitCount >> 3
                } else if i + 8 <= n {
                    let below = LetterLines.bytesBelow(UnsafeRawPointer(buf.baseAddress! + i).loadUnaligned(as: UInt64.self), 14)
                    if below == 0 { i += 8; continue }
                    i += below.trailingZeroBitCount >> 3
                }
                let b = buf[i]
                if b > 13 { i += 1; continue }
                if b == 10 || b == 12 {
                    lines.append(line(start, i)); i += 1; start = i
                } else if b == 13 {
                    lines.append(line(start, i))
                    i += (i + 1 < n && buf[i + 1] == 10) ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
            if start < n || lines.isEmpty { lines.append(line(start, n)) }
            return lines
        }
    }

    var count: Int { lines.count }
    subscript(_ k: Int) -> Line { lines[k] }

    func isSignificant(_ k: Int) -> Bool { !lines[k].isBlank && !lines[k].isNoise }

    /// The index of the line holding byte `offset` (the last line for offsets past the end).
    func lineIndex(at offset: Int) -> Int {
        // Binary search without an exit test: the last line starting at or before `offset` lies in
        // `base..<base + n`, and `n` halves every step.
        var base = 0, n = lines.count
        while n > 1 {
            let half = n >> 1
            if lines[base + half].start <= offset { base += half }
            n -= half
        }
        return base
    }

    /// Line `k` from `start` joined by one space to the next significant line, when page furniture
    /// stands between them (a heading or label wrapped across a page break), with a map from offsets
    /// in the joined bytes back to offsets in the letter; nil when no furniture separates them.
    @inline(__always)
    func joinedAcrossNoise(_ k: Int, from start: Int) -> (bytes: [UInt8], original: JoinedOffsets)? {
        // Nearly every line is followed by blank lines and then a significant one (or by nothing):
        // nothing to join, answered by the line's flag without leaving the caller.
        lines[k].furnitureFollows ? joinedAcrossFurniture(k, from: start) : nil
    }

    /// Sets every line's `furnitureFollows`, once the furniture is marked (`PageNoise.mark`): a line
    /// before a furniture line, or before blank lines and then one. Lines of a text whose furniture
    /// was never marked keep `false`, which is right: no line of it is furniture.
    mutating func markFurnitureFollows() {
        var follows = false  // furniture after line k, before the next significant line
        var k = lines.count - 1
        while k >= 0 {
            lines[k].furnitureFollows = follows
            // What line k - 1 sees: line k itself is furniture, or blank with furniture after it.
            follows = lines[k].isNoise || (lines[k].isBlank && follows)
            k -= 1
        }
    }

    /// `joinedAcrossNoise` when a furniture line follows line `k`.
    private func joinedAcrossFurniture(_ k: Int, from start: Int) -> (bytes: [UInt8], original: JoinedOffsets)? {
        guard let n = nextSignificant(after: k), (k + 1..<n).contains(where: { lines[$0].isNoise }) else { return nil }
        let first = start..<max(start, lines[k].contentEnd)
        let second = lines[n].content
        // One array, filled in place (the same line is joined again by each reader that asks).
        var joined: [UInt8] = []
        joined.reserveCapacity(first.count + 1 + second.count)
        joined += bytes[first]
        joined.append(32)
        joined += bytes[second]
        return (joined, JoinedOffsets(first: first, second: second))
    }

    /// The map from offsets in two lines joined by one space back to offsets in the letter: a plain
    /// value called like a function, where a closure would be one more object to allocate and free.
    struct JoinedOffsets {
        let first: Range<Int>
        let second: Range<Int>

        func callAsFunction(_ i: Int) -> Int {
            let split = first.count + 1
            return i < split ? first.lowerBound + min(i, first.count) : second.lowerBound + (i - split)
        }
    }

    /// The text of `range` as it reads: page furniture left out, the other lines' contents joined by
    /// one space, and a word hyphenated at a line's end joined again ("medi-" / "cally"), with a map
    /// from offsets in it back to the letter; nil when neither furniture nor such a break stands
    /// inside. A sentence cut by a page break ("… is medically" / "Page 6 of 9" / "necessary …") or
    /// by a hyphen reads whole.
    func asRead(_ range: Range<Int>) -> (bytes: [UInt8], original: (Int) -> Int)? {
        guard !range.isEmpty else { return nil }
        let first = lineIndex(at: range.lowerBound), last = lineIndex(at: max(range.lowerBound, range.upperBound - 1))
        func endsHyphenated(_ k: Int) -> Bool {
            let c = lines[k].content
            return c.count >= 2 && bytes[c.upperBound - 1] == 45 && TextScan.isAlpha(bytes[c.upperBound - 2])
        }
        guard (first...last).contains(where: { lines[$0].isNoise || endsHyphenated($0) }) else { return nil }
        var joined: [UInt8] = []
        var starts: [(joined: Int, original: Int)] = []
        var hyphenated = false
        for k in first...last where !lines[k].isNoise && !lines[k].isBlank {
            let piece = max(lines[k].contentStart, range.lowerBound)..<min(lines[k].contentEnd, range.upperBound)
            guard !piece.isEmpty else { continue }
            if !joined.isEmpty {
                // After "medi-", a line starting in lower case goes on with the word; otherwise the hyphen stays.
                let lower = bytes[piece.lowerBound] &- 97 < 26
                if hyphenated, lower { joined.removeLast() } else { joined.append(32) }
            }
            starts.append((joined.count, piece.lowerBound))
            hyphenated = piece.upperBound == lines[k].contentEnd && endsHyphenated(k)
            joined.append(contentsOf: bytes[piece])
        }
        guard !starts.isEmpty else { return nil }
        return (joined, { i in
            var lo = 0, hi = starts.count - 1
            while lo < hi { let mid = (lo + hi + 1) / 2; if starts[mid].joined <= i { lo = mid } else { hi = mid - 1 } }
            return starts[lo].original + (i - starts[lo].joined)
        })
    }

    /// The next significant line after line `k`, if any, before line `limit`.
    func nextSignificant(after k: Int, before limit: Int? = nil) -> Int? {
        var j = k + 1
        let end = min(limit ?? lines.count, lines.count)
        while j < end { if isSignificant(j) { return j }; j += 1 }
        return nil
    }

    /// The previous significant line before line `k`, if any, not before line `floor`.
    func previousSignificant(before k: Int, floor: Int = 0) -> Int? {
        var j = k - 1
        while j >= max(0, floor) { if isSignificant(j) { return j }; j -= 1 }
        return nil
    }

    /// The significant lines whose content starts inside `range`, in order, as a sequence that
    /// builds no array (see `significantLines(in:)`).
    func significant(in range: Range<Int>) -> SignificantLines {
        SignificantLines(lines: self, range: range)
    }

    struct SignificantLines: Sequence, IteratorProtocol {
        let lines: LetterLines
        let range: Range<Int>
        private var k: Int

        init(lines: LetterLines, range: Range<Int>) {
            self.lines = lines
            self.range = range
            k = range.isEmpty || lines.lines.isEmpty ? lines.lines.count : lines.lineIndex(at: range.lowerBound)
        }

        mutating func next() -> Int? {
            while k < lines.lines.count, lines.lines[k].start < range.upperBound {
                let line = lines.lines[k]
                k += 1
                if !line.isBlank, !line.isNoise, line.contentStart >= range.lowerBound, line.contentStart < range.upperBound { return k - 1 }
            }
            return nil
        }
    }

    /// The significant lines whose content starts inside `range`.
    func significantLines(in range: Range<Int>) -> [Int] {
        guard !range.isEmpty, !lines.isEmpty else { return [] }
        var out: [Int] = []
        var k = lineIndex(at: range.lowerBound)
        // At most every line up to the one holding the range's end: one allocation, no growing.
        out.reserveCapacity(lineIndex(at: range.upperBound) - k + 1)
        while k < lines.count, lines[k].start < range.upperBound {
            let line = lines[k]
            if isSignificant(k), line.contentStart >= range.lowerBound, line.contentStart < range.upperBound { out.append(k) }
            k += 1
        }
        return out
    }

    /// The significant lines that overlap `range`, each clipped to it (so a range that starts in the
    /// middle of a line, after a heading, includes the rest of that line).
    func segments(in range: Range<Int>) -> [(line: Int, range: Range<Int>)] {
        guard !range.isEmpty, !lines.isEmpty else { return [] }
        var out: [(line: Int, range: Range<Int>)] = []
        var k = lineIndex(at: range.lowerBound)
        while k < lines.count, lines[k].start < range.upperBound {
            if isSignificant(k) {
                let lo = max(lines[k].contentStart, range.lowerBound)
                let hi = min(lines[k].contentEnd, range.upperBound)
                if lo < hi {
                    let r = TextScan.trim(bytes, lo..<hi)
                    if !r.isEmpty { out.append((k, r)) }
                }
            }
            k += 1
        }
        return out
    }

    /// The pieces of `range` that are not page furniture, each trimmed of white space.
    func pieces(_ range: Range<Int>) -> [Range<Int>] {
        guard !range.isEmpty, !lines.isEmpty else { return [] }
        var out: [Range<Int>] = []
        out.reserveCapacity(4)  // usually one piece, a few when page furniture cuts the range
        var pieceStart: Int? = nil
        var pieceEnd = range.lowerBound
        var k = lineIndex(at: range.lowerBound)
        while k < lines.count, lines[k].start < range.upperBound {
            let line = lines[k]
            k += 1
            if line.isBlank { continue }
            if line.isNoise {
                if let s = pieceStart { out.append(s..<pieceEnd); pieceStart = nil }
                continue
            }
            let lo = max(line.contentStart, range.lowerBound)
            let hi = min(line.contentEnd, range.upperBound)
            let trimmed = TextScan.trim(bytes, lo..<max(lo, hi))
            if trimmed.isEmpty { continue }
            if pieceStart == nil { pieceStart = trimmed.lowerBound }
            pieceEnd = trimmed.upperBound
        }
        if let s = pieceStart { out.append(s..<pieceEnd) }
        return out
    }

    /// `range` without leading or trailing white space and page furniture: from the first piece's
    /// start to the last piece's end (see `pieces`), found from both ends without listing the pieces.
    func trim(_ range: Range<Int>) -> Range<Int> {
        let empty = min(max(range.lowerBound, 0), bytes.count)
        guard !range.isEmpty, !lines.isEmpty else { return empty..<empty }
        /// The piece line `k` gives, if any.
        @inline(__always) func piece(_ k: Int) -> Range<Int>? {
            let line = lines[k]
            if line.isBlank || line.isNoise { return nil }
            let lo = max(line.contentStart, range.lowerBound)
            let hi = min(line.contentEnd, range.upperBound)
            let trimmed = TextScan.trim(bytes, lo..<max(lo, hi))
            return trimmed.isEmpty ? nil : trimmed
        }
        let firstLine = lineIndex(at: range.lowerBound)
        var k = firstLine
        var first: Range<Int>?
        while k < lines.count, lines[k].start < range.upperBound {
            first = piece(k)
            if first != nil { break }
            k += 1
        }
        guard let first else { return empty..<empty }
        // The last line that starts inside the range, back to the first piece's line.
        var j = lineIndex(at: range.upperBound - 1)
        while j > k {
            if let last = piece(j) { return first.lowerBound..<last.upperBound }
            j -= 1
        }
        return first
    }

    /// The text of `range` as a field value: page furniture left out, white space folded to single
    /// spaces, and a hyphen or a date's slash that ends a line joined to what follows ("7-" / "8/10" →
    /// "7-8/10", "8/22/" / "12" → "8/22/12").
    func clean(_ range: Range<Int>) -> String {
        cleanString(range)
    }

    func cleanBytes(_ range: Range<Int>) -> [UInt8] {
        guard !range.isEmpty, !lines.isEmpty else { return [] }
        // Zero-filled rather than `init(unsafeUninitializedCapacity:)`, which this build does not
        // specialise (a generic metadata lookup per call costs more than the fill).
        var out = [UInt8](repeating: 0, count: Self.cleanCapacity(range))
        let n = out.withUnsafeMutableBufferPointer { writeClean(range, to: $0.baseAddress!) }
        out.removeLast(out.count - n)
        return out
    }

    /// The clean text written straight into the String's own storage: no intermediate array to
    /// allocate, copy and free.
    private func cleanString(_ range: Range<Int>) -> String {
        guard !range.isEmpty, !lines.isEmpty else { return "" }
        return String(unsafeUninitializedCapacity: Self.cleanCapacity(range)) { out in
            writeClean(range, to: out.baseAddress!)
        }
    }

    /// Room for the clean text of `range`: never longer than the range (a joining space stands for
    /// the line break it replaces), plus sixteen bytes of slack, since runs are copied sixteen bytes
    /// at a time past the last byte kept.
    private static func cleanCapacity(_ range: Range<Int>) -> Int {
        range.count + 16
    }

    /// Writes the clean text of `range` to `out` (at least `cleanCapacity(range)` bytes) and returns
    /// its length: each line's part of the range that is neither blank nor page furniture, trimmed
    /// (the pieces of `pieces(range)`, line by line).
    private func writeClean(_ range: Range<Int>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { buf in
            var n = 0
            let src = UnsafeRawPointer(buf.baseAddress!)
            let dst = UnsafeMutableRawPointer(out)
            var k = lineIndex(at: range.lowerBound)
            while k < lines.count, lines[k].start < range.upperBound {
                let line = lines[k]
                k += 1
                if line.isBlank || line.isNoise { continue }
                var lo = max(line.contentStart, range.lowerBound)
                var hi = min(line.contentEnd, range.upperBound)
                while lo < hi, TextScan.isSpace(buf[lo]) { lo += 1 }
                while hi > lo, TextScan.isSpace(buf[hi - 1]) { hi -= 1 }
                guard lo < hi else { continue }
                // A new line: one space, unless a hyphen that ends the previous line joins the words
                // ("7-" / "8/10", "L4-" / "L5"), or a slash joins the parts of a date or a ratio ("8/22/" / "12").
                if n > 0 {
                    let last = out[n - 1]
                    let joins = n >= 2 && ((last == 45 && TextScan.isAlnum(out[n - 2]) && TextScan.isAlnum(buf[lo]))
                        || (last == 47 && TextScan.isDigit(out[n - 2]) && TextScan.isDigit(buf[lo])))
                    if !joins { out[n] = 32; n += 1 }
                    // A word hyphenated at the line's end ("injec-" / "tion") is one word again, unless
                    // the part before the hyphen is a word that forms compounds ("follow-" / "up").
                    else if last == 45, LetterLines.isLowerLetter(out[n - 2]), LetterLines.isLowerLetter(buf[lo]),
                            !LetterLines.formsCompounds(out, before: n - 1) { n -= 1 }
                }
                var i = lo
                while i < hi {
                    // Copy sixteen (or eight) bytes, keeping those before the first white space that is
                    // more than one space between two words (a single space is copied as it stands).
                    if i + 16 <= hi, StartFilter.vectorsOn {
                        let v = (src + i).loadUnaligned(as: SIMD16<UInt8>.self)
                        (dst + n).storeBytes(of: v, as: SIMD16<UInt8>.self)
                        let kept = LetterLines.plainPrefix(v)
                        i += kept
                        n += kept
                        if kept == 16 { continue }
                    } else if i + 8 <= hi {
                        let w = src.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        dst.storeBytes(of: w, toByteOffset: n, as: UInt64.self)
                        let kept = LetterLines.plainPrefix(w)
                        i += kept
                        n += kept
                        if kept == 8 { continue }
                    }
                    let b = buf[i]
                    i += 1
                    if b <= 32, TextScan.isSpace(b) {
                        // A run of white space: one space, unless it ends the line.
                        while i < hi, TextScan.isSpace(buf[i]) { i += 1 }
                        if i < hi { out[n] = 32; n += 1 }
                        continue
                    }
                    out[n] = b
                    n += 1
                }
            }
            return n
        }
    }

    @inline(__always) static func isLowerLetter(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }

    /// Words that stand before a hyphen in compounds ("non-steroidal", "follow-up", "year-old",
    /// "first-line"): a line break after them keeps the hyphen.
    private static let compoundWords = WordSet([
        "non", "self", "well", "post", "pre", "re", "co", "anti", "multi", "semi", "sub", "ex", "inter", "intra", "extra", "over",
        "under", "long", "short", "full", "part", "half", "high", "low", "mid", "one", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "twelve", "first", "second", "third", "follow", "year", "month", "week", "day", "time",
        "left", "right", "up", "out", "in", "on", "off", "cross", "side", "x", "t", "l", "c", "s", "e", "h", "large", "small",
        "double", "single", "all", "near", "far", "old", "new", "open", "closed", "stand", "evidence", "work", "job", "pain",
        "drug", "age", "dose", "fear", "weight", "non", "trans", "peri", "para", "hyper", "hypo", "neuro", "musculo", "ultra",
    ])

    /// Whether the letters before `end` in `out` (back to the previous non-letter) are a compound word.
    static func formsCompounds(_ out: UnsafeMutablePointer<UInt8>, before end: Int) -> Bool {
        var s = end
        while s > 0, TextScan.isAlpha(out[s - 1]) { s -= 1 }
        let word = UnsafeBufferPointer(start: out + s, count: end - s)
        return compoundWords.contains(Array(word), 0..<word.count)
    }

    /// How many of the eight bytes of `word` (lowest first) copy unchanged: those before the first
    /// byte below 33 that is not a single space followed, inside the word, by a byte of 33 or more.
    @inline(__always)
    static func plainPrefix(_ word: UInt64) -> Int {
        let low = bytesBelow33(word)
        let x = word ^ 0x2020_2020_2020_2020
        let space = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
        // A space is fine when the next lane is not low; the last lane's neighbour is in the next word.
        let loneSpace = space & ~(low >> 8) & 0x0080_8080_8080_8080
        let stop = low & ~loneSpace
        return stop == 0 ? 8 : stop.trailingZeroBitCount >> 3
    }

    /// `plainPrefix` of sixteen bytes at once (lane-wise vector arithmetic, see `StartFilter`): a
    /// space in lane 7 is judged by lane 8 instead of stopping the copy.
    @inline(__always)
    static func plainPrefix(_ v: SIMD16<UInt8>) -> Int {
        let low = StartFilter.words(StartFilter.below(v, 33))
        let space = StartFilter.words(StartFilter.isZero(v ^ 0x20))
        let lone0 = space[0] & ~(low[0] >> 8 | low[1] << 56)
        let lone1 = space[1] & ~(low[1] >> 8) & 0x0080_8080_8080_8080
        let stop0 = low[0] & ~lone0, stop1 = low[1] & ~lone1
        if stop0 != 0 { return stop0.trailingZeroBitCount >> 3 }
        return stop1 == 0 ? 16 : 8 + stop1.trailingZeroBitCount >> 3
    }

    /// Bit 7 set in each byte of `word` that is below 33 (white space and control bytes), exactly.
    @inline(__always)
    static func bytesBelow33(_ word: UInt64) -> UInt64 {
        ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x5F5F_5F5F_5F5F_5F5F) | word) & 0x8080_8080_8080_8080
    }

    /// Bit 7 set in bytes of `word` below `limit` (at most 128): the classic test without a loop. The
    /// lowest byte flagged is always below `limit`; a borrow may also flag bytes above it.
    @inline(__always)
    static func bytesBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- 0x0101_0101_0101_0101 &* UInt64(limit)) & ~word & 0x8080_8080_8080_8080
    }
}
