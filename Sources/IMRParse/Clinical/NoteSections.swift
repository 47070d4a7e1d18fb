/// The sections of a clinical text: where a heading ("Plan:", "PHYSICAL EXAMINATION", "A:") opens a
/// section of a kind the context rules declare, which then runs to the next heading.
///
/// A heading is a phrase of one of the `SectionRule`s
/// - at the start of a line, followed by ":" or "-", or alone on its line ("PHYSICAL EXAMINATION");
/// - at the start of a sentence, followed by ":" ("… no acute distress. Assessment: lumbar strain."),
///   or, in dictation, by "," ("Plan, we will request …").
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
    @inline(__always)
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

    /// Finds the headings among `tokens` (of `bytes`), with the first token of every sentence given
    /// in `sentenceStarts` (ascending).
    package static func find(_ tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>, sentenceStarts: [Int],
                             headings trie: PhraseTrie, sectionOf: [Int16], oneLetter: [Bool]) -> NoteSections {
        var out = NoteSections()
        guard !trie.isEmpty else { return out }
        let colon = Self.colonKey, dash = Self.dashKey, comma = Self.commaKey
        var nextSentence = 0
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            while nextSentence < sentenceStarts.count, sentenceStarts[nextSentence] < i { nextSentence += 1 }
            guard t.kind != .punct, trie.mayStart(t.key) else { i += 1; continue }
            let lineStart = i == 0 || Self.newline(between: tokens[i - 1], and: t, in: bytes)
            let sentenceStart = lineStart || (nextSentence < sentenceStarts.count && sentenceStarts[nextSentence] == i)
            guard sentenceStart, let m = trie.longestMatch(in: tokens, at: i, end: tokens.count), m.node >= 0,
                  let id = trie.ids(at: m.node).first else { i += 1; continue }
            let e = m.end
            let next = e < tokens.count ? tokens[e] : nil
            var bodyStart: Int?
            if let n = next, n.kind == .punct, n.key == colon || (n.key == dash && lineStart) {
                bodyStart = e + 1
            } else if !oneLetter[Int(id)] {
                if next == nil || (lineStart && Self.newline(between: tokens[e - 1], and: next!, in: bytes)) {
                    bodyStart = e                                     // alone on its line
                } else if let n = next, n.kind == .punct, n.key == comma, Self.isCapitalized(t, bytes) {
                    bodyStart = e + 1                                 // dictation: "Plan, …"
                }
            }
            guard let body = bodyStart else { i += 1; continue }
            out.starts.append(Int32(body))
            out.kinds.append(sectionOf[Int(id)])
            out.headings.append(i..<e)
            i = max(body, i + 1)
        }
        return out
    }

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
