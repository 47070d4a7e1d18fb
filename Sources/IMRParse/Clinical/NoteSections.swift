/// The sections of a clinical text: where a heading ("Plan:", "PHYSICAL EXAMINATION", "A:") opens a
/// section of a kind the context rules declare, which then runs to the next heading.
///
/// A heading is a phrase of one of the `SectionRule`s
/// - at the start of a line, followed by ":" or "-", or alone on its line ("PHYSICAL EXAMINATION");
/// - at the start of a sentence, followed by ":" ("… no acute distress. Assessment: lumbar strain."),
///   or, in dictation, by "," ("Plan, we will request …").
/// - on a heading line of a template's own words ("PLAN / NEXT PROCEDURE:", "PENDING REQUESTS (from …)"):
///   a short line in capitals or ending in a colon that holds a heading phrase, or a line's label of a
///   few words before ":" or " -- " that holds one ("Exam R -- Tinel +") (see `headingLine`).
/// A heading of one letter ("S:", "O:", "A:", "P:") must be followed by ":". Text before the first
/// heading belongs to no section (kind -1), as does every text without headings (an IMR letter's case
/// summary often has none).
package struct NoteSections: Sendable {
    /// Where each section's text starts (the token after its heading) and its kind, in token order.
    package private(set) var starts: [Int32] = []
    package private(set) var kinds: [Int16] = []
    /// The token ranges of the headings themselves.
    package private(set) var headings: [Range<Int>] = []

    package var isEmpty: Bool { starts.isEmpty }

    /// The kind (index into `ContextRules.sections`) of the section holding token `i`; -1 for none.
    @inlinable @inline(__always)
    package func kind(ofToken i: Int) -> Int {
        guard !starts.isEmpty, i >= Int(starts[0]) else { return -1 }
        var lo = 0, hi = starts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(starts[mid]) <= i { lo = mid } else { hi = mid }
        }
        return Int(kinds[lo])
    }

    /// The token range of each section of kind `kind`, in order.
    package func ranges(ofKind kind: Int, tokenCount: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for k in starts.indices where Int(kinds[k]) == kind {
            let end = k + 1 < starts.count ? headings[k + 1].lowerBound : tokenCount
            if Int(starts[k]) < end { out.append(Int(starts[k])..<end) }
        }
        return out
    }

    static let colonKey = Tokenizer.key(of: ":"), dashKey = Tokenizer.key(of: "-"), commaKey = Tokenizer.key(of: ",")
    static let openParenKey = Tokenizer.key(of: "(")

    /// Finds the headings among `tokens` (of `bytes`, one tokenization: line starts are read from
    /// `Token.followsNewline`), with the first token of every sentence given in `sentenceStarts` (ascending).
    package static func find(_ tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>, sentenceStarts: [Int],
                             headings trie: PhraseTrie, sectionOf: [Int16], oneLetter: [Bool]) -> NoteSections {
        var out = NoteSections()
        guard !trie.isEmpty else { return out }
        var nextSentence = 0
        var i = 0
        // The first token of the next line, once the line holding `i` has been measured from its start:
        // the tokens before it need no newline test (each gap between tokens is read once, where
        // `headingLine` read the first words of every line a second time).
        var lineEnd = 0
        while i < tokens.count {
            let t = tokens[i]
            while nextSentence < sentenceStarts.count, sentenceStarts[nextSentence] < i { nextSentence += 1 }
            guard t.kind != .punct else { i += 1; continue }
            let inMeasuredLine = i < lineEnd
            // The tokenizer's flag: the same tokens, so the same answer as scanning the gap's bytes.
            let lineStart = !inMeasuredLine && (i == 0 || t.followsNewline)
            if lineStart { lineEnd = Self.lineEnd(tokens, bytes, from: i) }
            let sentenceStart = lineStart || (nextSentence < sentenceStarts.count && sentenceStarts[nextSentence] == i)
            let found = sentenceStart && trie.mayStart(t.key) ? phraseHeading(tokens, bytes, at: i, lineStart: lineStart, trie, oneLetter) : nil
            guard let h = found ?? (lineStart ? headingLine(tokens, bytes, at: i, lineEnd: lineEnd, trie, oneLetter) : nil) else {
                // Inside a measured line only sentence starts can hold a heading: on to the next one.
                if i < lineEnd {
                    var k = nextSentence
                    while k < sentenceStarts.count, sentenceStarts[k] <= i { k += 1 }
                    i = k < sentenceStarts.count ? min(lineEnd, sentenceStarts[k]) : lineEnd
                } else {
                    i += 1
                }
                continue
            }
            out.starts.append(Int32(h.body))
            out.kinds.append(sectionOf[h.id])
            out.headings.append(i..<h.end)
            i = max(h.body, i + 1)
        }
        return out
    }

    /// The first token after `i` that a newline precedes (`tokens.count` on the last line).
    static func lineEnd(_ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var e = i + 1
        while e < tokens.count, !tokens[e].followsNewline { e += 1 }
        return e
    }

    /// A heading phrase starting at `i` (a line or sentence start): followed by ":" (or "-" at a line
    /// start), alone on its line, or, in dictation, by "," ("Plan, we will request …").
    static func phraseHeading(_ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, lineStart: Bool,
                              _ trie: PhraseTrie, _ oneLetter: [Bool]) -> (id: Int, end: Int, body: Int)? {
        guard let m = trie.longestMatch(in: tokens, at: i, end: tokens.count), m.node >= 0,
              let id = trie.ids(at: m.node).first else { return nil }
        let e = m.end
        let next = e < tokens.count ? tokens[e] : nil
        if let n = next, n.kind == .punct, n.key == colonKey || (n.key == dashKey && lineStart) { return (Int(id), e, e + 1) }
        guard !oneLetter[Int(id)] else { return nil }
        if next == nil || (lineStart && next!.followsNewline) { return (Int(id), e, e) }
        if let n = next, n.kind == .punct, n.key == commaKey, Self.isCapitalized(tokens[i], bytes) { return (Int(id), e, e + 1) }
        // A run-in heading of a report in prose: "Diagnoses. Pain disorder …", "Plan." on its own line.
        if lineStart, let n = next, n.kind == .punct, bytes[Int(n.start)] == 46, Int(n.end) - Int(n.start) == 1,
           Self.isCapitalized(tokens[i], bytes) { return (Int(id), e, e + 1) }
        return nil
    }

    /// A heading line in a template's own words, holding a heading phrase among other words: "PLAN /
    /// NEXT PROCEDURE:", "Recommendations / Plan:", "PENDING REQUESTS (from Dr. Salazar's RFA)", "RFAs
    /// SUBMITTED THIS PERIOD". A short line ending in a colon (at most 12 words before any bracket) or in
    /// capitals (at most 6, no full stop); the first heading phrase on it gives the kind, and the section
    /// starts on the next line.
    /// `lineEnd` is the first token of the next line (see `lineEnd(_:_:from:)`).
    static func headingLine(_ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, lineEnd: Int,
                            _ trie: PhraseTrie, _ oneLetter: [Bool]) -> (id: Int, end: Int, body: Int)? {
        // The line's first 25 tokens at most.
        let e = min(lineEnd, i + 25)
        var label = -1  // the first ":" or spaced dash of the line, within its first words
        let colon = colonKey, dash = dashKey
        for k in (i + 1)..<min(e, i + 6) {
            let t = tokens[k]
            if t.kind == .punct, t.key == colon || (t.key == dash && t.start > tokens[k - 1].end) { label = k; break }
        }
        // A label of a few words before ":" or " -- " that holds a heading phrase: "Exam R -- Tinel +",
        // "Physical exam (today): …"; the section starts after the label, on the same line.
        // On the text's first line a dash joins a title's parts ("REQUEST FOR HOME HEALTH SERVICES -
        // POST-OPERATIVE"): the title names the document, it opens no section.
        if label > i, !(i == 0 && tokens[label].key == dash), let id = firstPhrase(tokens, in: i..<label, trie, oneLetter) {
            var body = label + 1
            while body < e, tokens[body].kind == .punct, tokens[body].key == dashKey { body += 1 }
            return (id, label, body)
        }
        // The first line of a text is its title ("RFA COVER SHEET - EXPEDITED REVIEW"), not a heading.
        guard e - i <= 24, i > 0 else { return nil }
        let last = tokens[e - 1]
        let endsInColon = last.kind == .punct && last.key == colonKey
        // In capitals, a heading is short and has no full stop ("RETURN TO CLINIC IN 4 WEEKS FOR …
        // SYMPTOMS." is a note written in capitals). Words are counted before letters: most lines fail there.
        let endsInStop = last.kind == .punct && bytes[Int(last.start)] == 46
        // A short heading line of a report in prose closes with a full stop ("Treatment plan / requests."):
        // it begins with a heading phrase and a capital, and holds at most 6 words.
        if endsInStop, !endsInColon, e - i <= 8, Self.isCapitalized(tokens[i], bytes), trie.mayStart(tokens[i].key),
           let m = trie.longestMatch(in: tokens, at: i, end: e - 1), m.node >= 0,
           let id = trie.ids(at: m.node).first, !oneLetter[Int(id)] {
            return (Int(id), e, e)
        }
        guard endsInColon || !endsInStop else { return nil }
        var content = i, words = 0
        while content < e, !(tokens[content].kind == .punct && tokens[content].key == openParenKey) {
            if tokens[content].kind != .punct { words += 1 }
            content += 1
        }
        guard words <= (endsInColon ? 12 : 6) else { return nil }
        var upper = 0, lower = 0
        for k in i..<content where tokens[k].kind != .punct {
            for b in bytes[Int(tokens[k].start)..<Int(tokens[k].end)] {
                if b >= 65 && b <= 90 { upper += 1 } else if b >= 97 && b <= 122 { lower += 1 }
            }
        }
        // "RFAs SUBMITTED": capitals, a plural's "s" aside.
        guard upper + lower >= 3, endsInColon || lower * 5 <= upper else { return nil }
        return firstPhrase(tokens, in: i..<content, trie, oneLetter).map { ($0, e, e) }
    }

    /// The first heading phrase (of more than one letter) within `range`.
    static func firstPhrase(_ tokens: UnsafeBufferPointer<Token>, in range: Range<Int>, _ trie: PhraseTrie, _ oneLetter: [Bool]) -> Int? {
        for k in range where tokens[k].kind != .punct && trie.mayStart(tokens[k].key) {
            if let m = trie.longestMatch(in: tokens, at: k, end: range.upperBound), m.node >= 0,
               let id = trie.ids(at: m.node).first, !oneLetter[Int(id)] {
                return Int(id)
            }
        }
        return nil
    }

    /// Whether a line break stands between tokens `a` and `b` (any two tokens: for neighbours of
    /// one tokenization `b.followsNewline` says the same without reading the bytes).
    @inline(__always)
    package static func newline(between a: Token, and b: Token, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = Int(a.end)
        let end = Int(b.start)
        while k < end {
            if bytes[k] == 10 || bytes[k] == 13 { return true }
            k += 1
        }
        return false
    }

    @inline(__always)
    static func isCapitalized(_ t: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = bytes[Int(t.start)]
        return b >= 65 && b <= 90
    }
}
