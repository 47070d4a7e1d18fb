/// The later "Final Determination Letter" (`final_determination_letter`):
///
/// ```
/// Final Determination Letter
/// IMR Case Number: … / Date of Injury: … / UR Denial Date: … / Decision Date: …
/// DOCUMENTS REVIEWED                    a list (not narrative)
/// CLINICAL CASE SUMMARY                 the summary
/// IMR DECISION(S) AND RATIONALE(S)
///   1. <title> is [not] medically necessary and appropriate.
///   Claims Administrator guideline: … / MAXIMUS guideline: … / Decision rationale: …
///   (or the "Guideline(s) Used by …" / "Rationale:" wordings)
/// ```
/// "is not medically necessary and appropriate" is Upheld; "is medically necessary and appropriate"
/// is Overturned.
enum FinalDeterminationLetterLayout {
    static let titlePrefixes = [Phrase("the request for"), Phrase("request for"), Phrase("the requested")]

    static func parse(_ context: LayoutContext) -> LayoutResult {
        var result = LayoutResult()
        let bytes = context.bytes
        if let summary = context.first(.caseSummary) {
            result.caseSummary = context.lines.trim(context.skipIntro(context.section(summary), endingWith: LayoutContext.summaryIntros))
        }
        let issues = context.first(.issues)
        let firstSection = [context.first(.documents), context.first(.caseSummary), issues].compactMap { $0?.range.lowerBound }.min()
        var reviewerEnd = firstSection ?? bytes.count
        // A credentials block may sit after "DOCUMENTS REVIEWED".
        if let credentials = context.first(.credentials) { reviewerEnd = max(reviewerEnd, context.section(credentials).upperBound) }
        result.reviewerScope = 0..<reviewerEnd
        guard let issues else {
            result.warnings.append("no \"IMR DECISION(S) AND RATIONALE(S)\" section: the letter may be cut off before its items")
            return result
        }
        let section = context.skipIntro(context.section(issues), endingWith: LayoutContext.itemsIntros)
        let scanner = ItemScanner(lines: context.lines, findHeaders: headers)
        result.items = ItemBuilder.items(scanner.scan(section), context.lines, titlePrefixes: titlePrefixes)
        return result
    }

    static func headers(_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader] {
        merged(sentenceHeaders(lines, block, labelFollows), FinalDeterminationLayout.decisionHeaders(lines, block, labelFollows))
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
}
