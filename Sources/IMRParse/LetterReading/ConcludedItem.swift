/// An item named only in the sentence that decides it: "For these reasons, the reviewer found that
/// acupuncture, six sessions for the lumbar spine, is medically necessary, and the utilization
/// review decision is overturned." — a letter told as a plain business letter, with no heading, no
/// label and no numbering. What the reviewer found (determined, concluded) that "is (not) medically
/// necessary" is the item; its discussion starts at the first sentence before it that names a
/// guideline body (within 2,000 bytes, after the previous such sentence), or is the sentence alone.
/// Read only when nothing else in the letter is an item.
enum ConcludedItem {
    private static let findings = PhraseSet(["found that", "finds that", "determined that", "determines that", "concluded that",
                                             "concludes that"].map(Phrase.init))
    private static let verbWords = WordSet(["is", "are", "was", "were", "be", "not", "considered", "deemed"])
    private static let articles = [Phrase("the request for"), Phrase("the requested"), Phrase("the")]

    static func read(_ lines: LetterLines) -> [DisputedItem] {
        let bytes = lines.bytes
        var out: [DisputedItem] = []
        var hi = bytes.count
        while out.count < 8, let c = DecisionPhrases.conclusion(bytes, 0..<hi) {
            hi = c.range.lowerBound
            let verb = c.range.lowerBound
            // The sentence's start: back to a full stop before white space, at most 400 bytes.
            var s = verb
            while s > 0, verb - s < 400, !(bytes[s - 1] == 46 && s < bytes.count && TextScan.isSpace(bytes[s])) { s -= 1 }
            guard let f = findings.findFirst(in: bytes, s..<verb) else { continue }
            var t = f.range.upperBound
            while t < verb, TextScan.isSpace(bytes[t]) { t += 1 }
            if let (_, a) = Phrase.matchAny(articles, bytes, at: t, end: verb), a < verb, TextScan.isSpace(bytes[a]) {
                t = a
                while t < verb, TextScan.isSpace(bytes[t]) { t += 1 }
            }
            // The subject ends before its verb ("… sessions, is not medically necessary": the
            // conclusion may start at "not").
            var e = verb
            while true {
                while e > t, TextScan.isSpace(bytes[e - 1]) || bytes[e - 1] == 44 { e -= 1 }
                var w = e
                while w > t, TextScan.isAlpha(bytes[w - 1]) { w -= 1 }
                guard w < e, w > t, verbWords.contains(bytes, w..<e) else { break }
                e = w
            }
            let title = lines.trim(t..<e)
            guard !title.isEmpty, title.count <= 200 else { continue }
            // The sentence's end.
            var end = c.range.upperBound
            while end < bytes.count, !(bytes[end] == 46 && (end + 1 >= bytes.count || TextScan.isSpace(bytes[end + 1]))) { end += 1 }
            end = min(bytes.count, end + 1)
            let floor = max(0, s - 2000)
            let start = ProseGuideline.citation(floor..<s, lines)?.range.lowerBound ?? s
            var item = DisputedItem(title: Located(lines.clean(title), title))
            item.decision = c
            item.range = start..<end
            item.rationaleText = ItemBuilder.lazyLocated(start..<end, lines)
            item.header = (title, "sentence", nil)
            out.append(item)
        }
        // Each item's discussion starts after the one before it ends.
        out.reverse()
        for k in out.indices.dropFirst() {
            guard let before = out[k - 1].range?.upperBound, let r = out[k].range, r.lowerBound < before else { continue }
            out[k].range = before..<r.upperBound
            out[k].rationaleText = ItemBuilder.lazyLocated(before..<r.upperBound, lines)
        }
        return out
    }
}
