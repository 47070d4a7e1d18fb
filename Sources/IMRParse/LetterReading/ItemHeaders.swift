/// The ways a letter writes a disputed item's header, each a `ItemScanner.HeaderFinder` that the
/// layouts combine: "<title>: Upheld" (`decisionHeaders`), "1. <title> is not medically necessary
/// and appropriate." (`sentenceHeaders`), "Regarding the request for <title>:" (`regardingHeaders`);
/// with what they share — item numbers ("1.", "2)", "Issue 3:"), the words a title may start with.
enum ItemHeaders {
    static let titlePrefixes = [Phrase("the request for"), Phrase("request for"), Phrase("the requested")]

    /// Item headers ending in a decision word: "<title>: Upheld", or "<title>:" with "Overturned" alone
    /// on the next line. The title runs back over the lines before it up to the end of the previous
    /// sentence (the previous item's rationale), at most eight lines.
    static func decisionHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        let bytes = lines.bytes
        var out: [ItemHeader] = []
        // `p` counts the block's significant lines; `floor` is the count where the next title may
        // start. Lines before line `k` are reached with `previousSignificant`: inside the block, the
        // significant line before one is the block's previous one.
        var floor = 0
        var p = -1
        var previousLine = -1
        for k in lines.significant(in: block) {
            p += 1
            defer { previousLine = k }
            let content = lines[k].contentStart..<min(lines[k].contentEnd, block.upperBound)
            var decision: Located<Decision>
            var titleLast: Int, titleLastLine: Int
            var colon: Int
            if let found = DecisionPhrases.atLineEnd(bytes, content) {
                decision = found.decision
                colon = found.colon
                titleLast = p
                titleLastLine = k
            } else if p > floor, let word = DecisionPhrases.word(bytes, content) {
                let previous = lines[previousLine].content
                guard bytes[previous.upperBound - 1] == 58 else { continue }
                decision = word
                colon = previous.upperBound - 1
                titleLast = p - 1
                titleLastLine = previousLine
            } else {
                continue
            }
            var first = titleLast, firstLine = titleLastLine
            while first > floor, titleLast - first < 8 {
                let before = lines.previousSignificant(before: firstLine)!
                if ItemScanner.endsSentence(lines, before, before: firstLine) { break }
                first -= 1
                firstLine = before
            }
            let title = lines.trim(max(lines[firstLine].contentStart, block.lowerBound)..<colon)
            floor = p + 1
            guard !title.isEmpty else { continue }
            out.append(ItemHeader(title: title, decision: decision, end: decision.range.upperBound))
        }
        return out
    }

    /// "1. <title> is not medically necessary and appropriate." A numbered line may start a header
    /// anywhere in the block; an unnumbered sentence only at the end of a block that a field label
    /// follows (so the last sentence of a rationale is never taken for an item).
    static func sentenceHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        let bytes = lines.bytes
        let sig = lines.significantLines(in: block)
        var out: [ItemHeader] = []
        var p = 0
        while p < sig.count {
            let k = sig[p]
            let c = lines[k].content
            let numbered = numberEnd(bytes, c)
            // An unnumbered sentence must start the block or follow the end of a sentence.
            let previous = lines.previousSignificant(before: k)
            let startsBlock = previous.map { lines[$0].contentEnd <= block.lowerBound } ?? true
            let candidate = numbered != nil || (labelFollows && (startsBlock || ItemScanner.endsSentence(lines, previous!)))
            guard candidate else { p += 1; continue }
            let start = numbered ?? c.lowerBound
            // Up to the next numbered line, within a few lines.
            var windowEnd = block.upperBound
            var q = p + 1
            while q < sig.count, q <= p + 8 {
                if numberEnd(bytes, lines[sig[q]].content) != nil { windowEnd = lines[sig[q]].contentStart; break }
                q += 1
            }
            if q > p + 8, q < sig.count { windowEnd = min(windowEnd, lines[sig[q]].contentStart) }
            let window = start..<windowEnd
            guard let (decision, verb) = DecisionPhrases.firstSentence(bytes, window),
                  !containsSentenceEnd(bytes, start..<verb) else { p += 1; continue }
            var end = decision.range.upperBound
            if end < bytes.count, bytes[end] == 46 { end += 1 }
            if numbered == nil, !lines.trim(end..<block.upperBound).isEmpty { p += 1; continue }
            out.append(ItemHeader(title: lines.trim(start..<verb), decision: decision, end: end, start: c.lowerBound))
            p = max(p + 1, sig.firstIndex { lines[$0].contentStart >= end } ?? sig.count)
        }
        return out
    }

    private static let abbreviations = WordSet(["mg", "mcg", "no", "dr", "vs", "etc", "approx", "bilat", "qty"])

    private static func containsSentenceEnd(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i + 1 < range.upperBound {
            if bytes[i] == 46, TextScan.isSpace(bytes[i + 1]), i > range.lowerBound, TextScan.isAlpha(bytes[i - 1]),
               i - 1 == range.lowerBound || TextScan.isAlpha(bytes[i - 2]) {
                // A word of two or more letters then ". " ends a sentence ("L5. " does not).
                var w = i - 1
                while w > range.lowerBound, TextScan.isAlpha(bytes[w - 1]) { w -= 1 }
                if !abbreviations.contains(bytes, w..<i) { return true }
            }
            i += 1
        }
        return false
    }

    private static let regarding = Phrase("regarding the request for")

    /// Where "Regarding the request for" starts line `k` (after an optional "1)"), and its end.
    static func regardingStart(_ lines: LetterLines, _ k: Int) -> Int? {
        let bytes = lines.bytes
        let c = lines[k].content
        var i = c.lowerBound
        while i < c.upperBound, TextScan.isDigit(bytes[i]) || bytes[i] == 40 { i += 1 }
        if i > c.lowerBound {
            guard i < c.upperBound, bytes[i] == 41 || bytes[i] == 46 else { return nil }
            i += 1
            while i < c.upperBound, TextScan.isSpace(bytes[i]) { i += 1 }
        }
        return regarding.match(bytes, at: i, end: c.upperBound).map { _ in i }
    }

    /// "Regarding the request for <title>:", the title possibly wrapped over a few lines.
    static func regardingHeaders(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        let bytes = lines.bytes
        let sig = lines.significantLines(in: block)
        var out: [ItemHeader] = []
        for (p, k) in sig.enumerated() {
            guard let start = regardingStart(lines, k), let titleStart = regarding.match(bytes, at: start, end: block.upperBound) else { continue }
            // The title ends at the colon that ends a line, within a few lines.
            var titleEnd = min(lines[k].contentEnd, block.upperBound)
            var end = titleEnd
            for q in p..<min(sig.count, p + 6) {
                let c = lines[sig[q]].content
                if q > p, regardingStart(lines, sig[q]) != nil { break }
                if c.upperBound <= block.upperBound, bytes[c.upperBound - 1] == 58 {
                    titleEnd = c.upperBound - 1
                    end = c.upperBound
                    break
                }
            }
            let title = lines.trim(titleStart..<max(titleStart, titleEnd))
            if !title.isEmpty { out.append(ItemHeader(title: title, decision: nil, end: end, start: lines[k].contentStart)) }
        }
        return out
    }

    /// Headers from two finders, in text order, leaving out any that overlaps an earlier one.
    static func merged(_ a: [ItemHeader], _ b: [ItemHeader]) -> [ItemHeader] {
        var out: [ItemHeader] = []
        for h in (a + b).sorted(by: { $0.start < $1.start }) {
            if let last = out.last, h.start < last.end { continue }
            out.append(h)
        }
        return out
    }

    private static let numberWords = [Phrase("issue"), Phrase("item")]

    /// After "1." / "2)" / "Issue 3:" at the start of `content`, where the text begins.
    static func numberEnd(_ bytes: [UInt8], _ content: Range<Int>) -> Int? {
        var i = content.lowerBound
        guard i < content.upperBound else { return nil }
        let b = TextScan.lower(bytes[i])
        guard TextScan.isDigit(b) || b == 105 else { return nil }
        if b == 105, let (_, e) = Phrase.matchAny(numberWords, bytes, at: i, end: content.upperBound) {
            i = e
            while i < content.upperBound, bytes[i] == 32 { i += 1 }
        }
        let digits = i
        while i < content.upperBound, TextScan.isDigit(bytes[i]), i - digits < 3 { i += 1 }
        guard i > digits, i + 1 < content.upperBound, bytes[i] == 46 || bytes[i] == 41 || bytes[i] == 58, bytes[i + 1] == 32 else { return nil }
        i += 1
        while i < content.upperBound, bytes[i] == 32 { i += 1 }
        return i
    }
}
