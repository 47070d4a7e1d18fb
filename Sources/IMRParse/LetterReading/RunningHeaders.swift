import Foundation

/// Running headers and footers: lines that repeat next to two or more page breaks (or the top of
/// the letter).
///
/// Linear in the number of lines: the nearest significant line on either side of every line is
/// computed once, so a run of thousands of page-number lines (each one a break) costs no more than
/// one break (finding F3 in docs/benchmarks.md was a walk from every break to the end of the run).
enum RunningHeaders {
    /// Marks the running headers and returns the number of line steps taken (tests check it grows
    /// linearly with the number of lines).
    @discardableResult
    static func mark(_ lines: inout LetterLines, breaks: [Int]) -> Int {
        guard !breaks.isEmpty else { return 0 }
        let n = lines.count
        // next[k]: the first significant line at or after k; previous[k]: the last one before k
        // (n and -1 when there is none). Both have an entry for k == n (a break after the last line).
        var next = [Int](repeating: n, count: n + 2)
        var previous = [Int](repeating: -1, count: n + 1)
        for k in stride(from: n - 1, through: 0, by: -1) { next[k] = lines.isSignificant(k) ? k : next[k + 1] }
        for k in 1..<(n + 1) { previous[k] = lines.isSignificant(k - 1) ? k - 1 : previous[k - 1] }
        var steps = 2 * n

        // The lines of every zone, as line indexes with the zone's number (a line may stand in
        // several zones).
        var members: [(line: Int, zone: Int)] = []
        members.reserveCapacity(4 * breaks.count + 2)
        var zone = 0
        func addForward(from k: Int) {
            let a = next[k]
            guard a < n else { return }
            members.append((a, zone))
            if next[a + 1] < n { members.append((next[a + 1], zone)) }
        }
        // The top of the first page counts as a zone; the end of the letter does not, since the last
        // lines of two items' rationales can be word for word the same.
        addForward(from: 0)
        // A page-number line and the form feed next to it are one page break: key each break by the
        // first line of text after it.
        var seenBreak = [Bool](repeating: false, count: n + 1)
        for b in breaks {
            steps += 1
            let m = next[min(b, n)]
            guard !seenBreak[m] else { continue }
            seenBreak[m] = true
            zone += 1
            let p = previous[m]
            if p >= 0 {
                members.append((p, zone))
                if previous[p] >= 0 { members.append((previous[p], zone)) }
            }
            addForward(from: m)
        }

        // A line is a running header when the same text stands at two different places, each next to a
        // page break (the same line next to two nearby breaks does not count).
        let bytes = lines.bytes
        members.sort { $0.line != $1.line ? $0.line < $1.line : $0.zone < $1.zone }
        var candidates: [Int] = []
        // Per candidate, the zones it stands in (the first and the last: a line is in one or two).
        var zones: [(first: Int, last: Int)] = []
        candidates.reserveCapacity(members.count)
        var last = -1
        for (m, (k, z)) in members.enumerated() where k != last {
            last = k
            var lastZone = z
            var j = m + 1
            while j < members.count, members[j].line == k { lastZone = members[j].zone; j += 1 }
            let c = lines[k].content
            // Not a sentence's end: a long line ending with a full stop, or one that starts in lower
            // case ("necessary.", the last word of a rationale, stands next to many page breaks).
            let lastByte = bytes[c.upperBound - 1], firstByte = bytes[c.lowerBound]
            // A line that starts in lower case without a digit carries on a sentence ("based on MTUS
            // Chronic Pain Treatment", a citation wrapped the same way in two items).
            let lowerStart = firstByte >= 97 && firstByte <= 122 && !bytes[c].contains(where: TextScan.isDigit) && !PageNoise.containsURL(bytes, c)
            let sentenceEnd = (lastByte == 46 && c.count > 30) || lowerStart
            // Nor the start of a field label wrapped onto the next line ("Claims Administrator" /
            // "guideline:"), which repeats item after item.
            // A header has words: a line of numbers ("58-60.", the pages of a citation wrapped onto
            // the next page) compares equal to any other once digits are folded.
            if c.count <= 100, !sentenceEnd, bytes[c].lazy.filter(TextScan.isAlpha).prefix(3).count == 3,
               FieldLabel.label(bytes, at: c.lowerBound, end: bytes.count) == nil, !labelWithText(bytes, c),
               // Nor an item's verdict ("FINAL DECISION: UPHELD" after a rationale, the same words
               // item after item, each next to a page break).
               !endsWithVerdict(bytes, c) {
                candidates.append(k)
                zones.append((z, lastZone))
            }
        }
        // Nor a line of a field label wrapped over two lines, which repeats item after item (read
        // only for the lines that repeat: few); its every copy then stays.
        let repeated = LineKey.repeated(candidates, zones: zones, lines)
        let labelKeys = lines.bytes.withUnsafeBufferPointer { buf in
            repeated.filter { isLabelPart(lines, $0, previous: previous[$0], next: next[$0 + 1]) }.map { LineKey.hash(buf, lines[$0].content) }
        }
        for k in repeated {
            if !labelKeys.isEmpty, lines.bytes.withUnsafeBufferPointer({ labelKeys.contains(LineKey.hash($0, lines[k].content)) }) { continue }
            lines.lines[k].isNoise = true
        }
        return steps + members.count
    }
}

/// Whether line `k` is the last line of a field label wrapped from the line just above ("Medical
/// Treatment Guideline(s) Used by the Claims Administrator (Utilization Review" / "Organization):"),
/// the two (or three) lines read as a label (`LabelMeaning`), or its first line, the label's colon on the line
/// just below. `previous` and `next` are the significant lines around it (-1 or the line count when
/// there is none).
private func isLabelPart(_ lines: LetterLines, _ k: Int, previous p: Int, next q: Int) -> Bool {
    let bytes = lines.bytes
    let c = lines[k].content
    let lastByte = bytes[c.upperBound - 1]
    if lastByte == 58 {
        guard p >= 0, p >= k - 2, (p + 1..<k).allSatisfy({ lines[$0].isBlank }) else { return false }
        if LabelMeaning.isFieldLabel(bytes, lines[p].contentStart..<(c.upperBound - 1)) { return true }
        // A label over three lines ("Medical Treatment Guideline(s) Used by" / "the Claims
        // Administrator (Utilization Review" / "Organization):").
        guard let pp = lines.previousSignificant(before: p), pp >= p - 2, (pp + 1..<p).allSatisfy({ lines[$0].isBlank }) else { return false }
        return LabelMeaning.isFieldLabel(bytes, lines[pp].contentStart..<(c.upperBound - 1))
    }
    // The line below may stand past a page break ("… (Utilization Review" / "Page 3 of 3" / "Organization):").
    guard lastByte != 46, q < lines.count, q <= k + 2 || (k + 1..<q).contains(where: { lines[$0].isNoise }), let colon = bytes[lines[q].content.prefix(40)].firstIndex(of: 58) else { return false }
    return LabelMeaning.isFieldLabel(bytes, c.lowerBound..<colon)
}

/// Whether `c` is a verdict: a label, its colon and a decision word ("FINAL DECISION: UPHELD",
/// "Determination: Overturned").
private func endsWithVerdict(_ bytes: [UInt8], _ c: Range<Int>) -> Bool {
    guard let last = c.last, TextScan.isAlpha(bytes[last]) || bytes[last] == 46, bytes[c].contains(58) else { return false }
    return DecisionPhrases.atLineEnd(bytes, c) != nil
}

/// Whether `c` holds a colon followed by four words or more: a field's label and text ("guideline:
/// Decision based on MTUS …"), not a running header ("IMR Case Number: CM15-0111923").
private func labelWithText(_ bytes: [UInt8], _ c: Range<Int>) -> Bool {
    guard let colon = bytes[c].firstIndex(of: 58) else { return false }
    var words = 0, inWord = false
    for i in (colon + 1)..<c.upperBound {
        let space = TextScan.isSpace(bytes[i])
        if !space, !inWord { words += 1; if words >= 4 { return true } }
        inWord = !space
    }
    return false
}

/// The comparison key of a line, one byte at a time: lower case, white space folded to one space,
/// runs of digits collapsed to one "#" (so "Page 2" and "Page 3" compare equal). Streamed rather
/// than stored, so comparing lines allocates nothing.
struct LineKey: IteratorProtocol {
    private let buf: UnsafeBufferPointer<UInt8>
    private var i: Int
    private let end: Int
    private var last: UInt8 = 0

    init(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.buf = buf
        i = range.lowerBound
        end = range.upperBound
    }

    mutating func next() -> UInt8? {
        while i < end {
            let b = buf[i]
            i += 1
            if TextScan.isSpace(b) {
                while i < end, TextScan.isSpace(buf[i]) { i += 1 }
                // Only between two words: leading and trailing white space leave no trace.
                guard last != 0, i < end else { continue }
                last = 32
                return 32
            }
            let l = TextScan.lower(b)
            if TextScan.isDigit(l) {
                if last == 35 { continue }
                last = 35
                return 35
            }
            last = l
            return l
        }
        return nil
    }

    /// Each byte's part in a key, looked up at once: 0x100 for white space, 0x200 for a digit, else
    /// the byte lower-cased.
    private static let keyTable: [UInt16] = (0..<256).map { b in
        let b = UInt8(b)
        return TextScan.isSpace(b) ? 0x100 : TextScan.isDigit(b) ? 0x200 : UInt16(TextScan.lower(b))
    }

    /// A hash of the key of `range` (FNV-1a over the same bytes `next()` gives, computed in one loop).
    static func hash(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        keyTable.withUnsafeBufferPointer { table in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var last: UInt16 = 0
            var pendingSpace = false
            for i in range {
                var k = table[Int(buf[i])]
                if k == 0x100 { pendingSpace = last != 0; continue }
                if pendingSpace { h = (h ^ 32) &* 0x100_0000_01b3; last = 32; pendingSpace = false }
                if k == 0x200 {
                    if last == 35 { continue }
                    k = 35
                }
                h = (h ^ UInt64(k)) &* 0x100_0000_01b3
                last = k
            }
            return h
        }
    }

    /// Whether two ranges have the same key.
    static func same(_ buf: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        // Running headers are usually the very same bytes.
        if a.count == b.count, memcmp(buf.baseAddress! + a.lowerBound, buf.baseAddress! + b.lowerBound, a.count) == 0 { return true }
        var x = LineKey(buf, a), y = LineKey(buf, b)
        while true {
            let p = x.next(), q = y.next()
            if p != q { return false }
            if p == nil { return true }
        }
    }

    /// Of `candidates` (distinct line indexes), those whose key another candidate shares.
    /// Lines that stand next to one page break only (a footer line above it and the same line below
    /// it, "2. MTUS Chronic Pain Medical Treatment" and "3. MTUS Chronic Pain Medical Treatment") do
    /// not repeat across pages: a key counts when its lines stand next to two breaks or more.
    static func repeated(_ candidates: [Int], zones: [(first: Int, last: Int)], _ lines: LetterLines) -> [Int] {
        guard candidates.count >= 2 else { return [] }
        return lines.bytes.withUnsafeBufferPointer { buf in
            // Sort by a hash of the key, then compare keys only within a run of equal hashes.
            var hashed = zip(candidates, zones).map { k, z in (hash: hash(buf, lines[k].content), line: k, zone: z) }
            hashed.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.line < $1.line }
            var out: [Int] = []
            var start = 0
            while start < hashed.count {
                var end = start + 1
                while end < hashed.count, hashed[end].hash == hashed[start].hash { end += 1 }
                if end - start >= 2 {
                    // Nearly always one key; a hash collision splits the run into its keys.
                    var left = Array(hashed[start..<end])
                    while left.count >= 2 {
                        let first = lines[left[0].line].content
                        var same: [(hash: UInt64, line: Int, zone: (first: Int, last: Int))] = [], other = same
                        for c in left { if Self.same(buf, first, lines[c.line].content) { same.append(c) } else { other.append(c) } }
                        // Next to two breaks at least: two zones among the lines, or one line in two.
                        if same.count >= 2, same.contains(where: { $0.zone != same[0].zone || $0.zone.first != $0.zone.last }) {
                            out += same.map(\.line)
                        }
                        left = other
                    }
                }
                start = end
            }
            return out
        }
    }
}
