/// A fixed phrase matched loosely against PDF text: ASCII case is ignored and every space in the
/// phrase matches any run of white space, including none.
///
/// Letters pulled out of PDFs join words ("notmedically"), break headings over lines
/// ("MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER\n\nAND WHY:") and double
/// spaces; one loose matcher absorbs all three. A phrase that starts with a letter or digit only
/// matches at the start of a word, so "is not" does not match inside "this not".
struct Phrase: Sendable {
    /// Lower-case bytes; 32 means "optional white space".
    let needle: [UInt8]
    private let first: UInt8
    private let wordStart: Bool

    init(_ text: String) {
        needle = text.scanNeedle
        first = needle.first ?? 0
        wordStart = needle.first.map(TextScan.isAlnum) ?? false
    }

    /// The end of the match if the phrase matches at `start`.
    func match(_ bytes: [UInt8], at start: Int, end: Int) -> Int? {
        guard start < end, TextScan.lower(bytes[start]) == first else { return nil }
        if wordStart, start > 0, TextScan.isAlnum(bytes[start - 1]) { return nil }
        var i = start
        var j = 0
        let n = needle.count
        while j < n {
            let c = needle[j]
            if c == 32 {
                while i < end, TextScan.isSpace(bytes[i]) { i += 1 }
                j += 1
                continue
            }
            guard i < end, TextScan.lower(bytes[i]) == c else { return nil }
            i += 1
            j += 1
        }
        return i
    }

    /// The first match in `bytes[range]`; with `startsBefore`, only matches that start before it
    /// (a match may still run to the end of `range`).
    func find(in bytes: [UInt8], _ range: Range<Int>, startsBefore: Int? = nil) -> Range<Int>? {
        guard !needle.isEmpty else { return nil }
        let end = range.upperBound
        let last = min(end, startsBefore ?? end)
        var i = range.lowerBound
        let f = first
        let upper = (f >= 97 && f <= 122) ? f - 32 : f
        while i < last {
            let b = bytes[i]
            if b == f || b == upper, let m = match(bytes, at: i, end: end) { return i..<m }
            i += 1
        }
        return nil
    }

    /// The last match in `bytes[range]` (matches may not run past the range).
    func findLast(in bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        guard !needle.isEmpty else { return nil }
        var i = range.upperBound - 1
        while i >= range.lowerBound {
            if let m = match(bytes, at: i, end: range.upperBound) { return i..<m }
            i -= 1
        }
        return nil
    }

    /// Whether any of `phrases` matches at `start`; the longest match wins.
    static func matchAny(_ phrases: [Phrase], _ bytes: [UInt8], at start: Int, end: Int) -> (index: Int, end: Int)? {
        var best: (Int, Int)?
        for (k, p) in phrases.enumerated() {
            if let m = p.match(bytes, at: start, end: end), m > (best?.1 ?? -1) { best = (k, m) }
        }
        return best
    }

    /// The first match of any of `phrases` in `bytes[range]`; at equal starts the earlier phrase wins.
    static func findFirst(_ phrases: [Phrase], in bytes: [UInt8], _ range: Range<Int>) -> (index: Int, range: Range<Int>)? {
        var best: (Int, Range<Int>)?
        for (k, p) in phrases.enumerated() {
            if let r = p.find(in: bytes, range, startsBefore: best?.1.lowerBound) { best = (k, r) }
        }
        return best
    }
}
