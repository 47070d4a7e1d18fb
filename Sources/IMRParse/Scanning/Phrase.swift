/// A fixed phrase matched loosely against PDF text: ASCII case is ignored and every space in the
/// phrase matches any run of white space, including none.
///
/// Letters pulled out of PDFs join words ("notmedically"), break headings over lines
/// ("MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER\n\nAND WHY:") and double
/// spaces; one loose matcher absorbs all three. A phrase that starts with a letter or digit only
/// matches at the start of a word, so "is not" does not match inside "this not".
///
/// The scans run over unsafe buffer pointers: they are the parser's hot loops.
struct Phrase: Sendable {
    /// Lower-case bytes; 32 means "optional white space".
    let needle: [UInt8]
    let first: UInt8
    private let firstUpper: UInt8
    private let wordStart: Bool
    /// The second byte when it must follow the first directly (not optional white space), else 0:
    /// most candidate positions fail on it without entering the loop.
    private let second: UInt8

    init(_ text: String) {
        needle = text.scanNeedle
        first = needle.first ?? 0
        firstUpper = (first >= 97 && first <= 122) ? first - 32 : first
        wordStart = needle.first.map(TextScan.isAlnum) ?? false
        second = needle.count > 1 && needle[1] != 32 ? needle[1] : 0
    }

    /// The end of the match if the phrase matches at `start`.
    func match(_ bytes: [UInt8], at start: Int, end: Int) -> Int? {
        guard start >= 0, start < end, end <= bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { match($0, at: start, end: end) }
    }

    @inline(__always)
    func match(_ buf: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Int? {
        let b0 = buf[start]
        guard b0 == first || b0 == firstUpper else { return nil }
        if second != 0 {
            guard start + 1 < end, TextScan.lower(buf[start + 1]) == second else { return nil }
        }
        if wordStart, start > 0, TextScan.isAlnum(buf[start - 1]) { return nil }
        var i = start + 1
        var j = 1
        let n = needle.count
        return needle.withUnsafeBufferPointer { nd -> Int? in
            while j < n {
                let c = nd[j]
                if c == 32 {
                    while i < end, TextScan.isSpace(buf[i]) { i += 1 }
                    j += 1
                    continue
                }
                guard i < end, TextScan.lower(buf[i]) == c else { return nil }
                i += 1
                j += 1
            }
            return i
        }
    }

    /// The first match in `bytes[range]`; with `startsBefore`, only matches that start before it
    /// (a match may still run to the end of `range`).
    func find(in bytes: [UInt8], _ range: Range<Int>, startsBefore: Int? = nil) -> Range<Int>? {
        let end = min(range.upperBound, bytes.count)
        let last = min(end, startsBefore ?? end)
        guard !needle.isEmpty, range.lowerBound >= 0, range.lowerBound < last else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> Range<Int>? in
            var i = range.lowerBound
            let f = first, u = firstUpper
            while i < last {
                let b = buf[i]
                if b == f || b == u, let m = match(buf, at: i, end: end) { return i..<m }
                i += 1
            }
            return nil
        }
    }

    /// The last match in `bytes[range]` (matches may not run past the range).
    func findLast(in bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        let end = min(range.upperBound, bytes.count)
        guard !needle.isEmpty, range.lowerBound >= 0, range.lowerBound < end else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> Range<Int>? in
            var i = end - 1
            while i >= range.lowerBound {
                if let m = match(buf, at: i, end: end) { return i..<m }
                i -= 1
            }
            return nil
        }
    }

    /// Whether any of `phrases` matches at `start`; the longest match wins.
    static func matchAny(_ phrases: [Phrase], _ bytes: [UInt8], at start: Int, end: Int) -> (index: Int, end: Int)? {
        guard start >= 0, start < min(end, bytes.count) else { return nil }
        let e = min(end, bytes.count)
        return bytes.withUnsafeBufferPointer { buf -> (Int, Int)? in
            var best: (Int, Int)?
            for (k, p) in phrases.enumerated() {
                if let m = p.match(buf, at: start, end: e), m > (best?.1 ?? -1) { best = (k, m) }
            }
            return best
        }
    }

    /// The first match of any of `phrases` in `bytes[range]`, in one pass; at equal starts the earlier
    /// phrase wins.
    static func findFirst(_ phrases: [Phrase], in bytes: [UInt8], _ range: Range<Int>) -> (index: Int, range: Range<Int>)? {
        PhraseSet(phrases).findFirst(in: bytes, range)
    }

    /// Which of `phrases` occur anywhere in `bytes[range]`, in one pass.
    static func occurrences(_ phrases: [Phrase], in bytes: [UInt8], _ range: Range<Int>) -> [Bool] {
        PhraseSet(phrases).occurrences(in: bytes, range)
    }
}
