/// Check boxes of forms flattened to text — a PR-2's "[X] Change in treatment plan", a history's
/// "PT [X]  Chiro [ ]", a question's "Radicular symptoms: [X] yes [ ] no": which box a mention
/// answers to, and what that box says.
///
/// A line's boxes stand either before their labels ("[x] stiffness  [ ] locking") or after them
/// ("Early refills [ ]  Lost Rx [ ]"). The line's first box tells which: at the start of the line or
/// after a colon it leads; after a word it trails. Where boxes lead, every word up to the next box is
/// the label of the box before it ("[ ] PT/OT", "[X] Modified: no gripping"); where they trail, a
/// mention's own box follows it, and words after a box without one of their own detail that box
/// ("Meds [X] NSAIDs"). A label followed by yes/no boxes is answered by the ticked one. A box is "[",
/// an optional tick ("x", "✓", "√", "*") and "]"; nothing else is read as a box.
package struct CheckBoxes: Sendable {
    /// What the box a mention answers to says.
    package enum Verdict: Sendable, Equatable {
        /// Its box is ticked, or the ticked answer of its yes/no boxes is "yes".
        case ticked
        /// Its box is empty, or the ticked answer of its yes/no boxes is "no".
        case empty
    }

    /// The boxes of a text, in order: their tokens and whether each is ticked.
    private let boxes: [(tokens: Range<Int>, ticked: Bool)]

    /// Finds the boxes among `tokens` (one pass; most texts have none).
    package init(_ tokens: [Token]) {
        var found: [(tokens: Range<Int>, ticked: Bool)] = []
        // Every token of the text is passed over: read in place, the bracket's key loaded once.
        let open = Self.open
        tokens.withUnsafeBufferPointer { p in
            var i = 0
            while i + 1 < p.count {
                if p[i].key == open, p[i].kind == .punct, let b = Self.box(at: i, tokens) {
                    found.append(b); i = b.tokens.upperBound
                } else {
                    i += 1
                }
            }
        }
        boxes = found
    }

    /// Where the box a mention answers to stands and what it says; nil when no box speaks for it.
    package func verdict(for mention: Range<Int>, _ tokens: [Token], _ bytes: [UInt8]) -> (verdict: Verdict, box: Range<Int>)? {
        guard !boxes.isEmpty else { return nil }
        // The first box at or after the mention's end, and the last one before its start, on its line.
        var lo = 0, hi = boxes.count
        while lo < hi { let mid = (lo + hi) / 2; if boxes[mid].tokens.lowerBound < mention.upperBound { lo = mid + 1 } else { hi = mid } }
        let next = lo < boxes.count && Self.sameLine(mention.upperBound - 1, boxes[lo].tokens.lowerBound, tokens, bytes) ? lo : nil
        let previous = lo > 0 && boxes[lo - 1].tokens.upperBound <= mention.lowerBound
            && Self.sameLine(boxes[lo - 1].tokens.lowerBound, mention.lowerBound, tokens, bytes) ? lo - 1 : nil
        guard previous != nil || next != nil else { return nil }
        if let next, let answer = answer(from: next, question: mention.upperBound, tokens) { return answer }
        let first = firstBoxOfLine(previous ?? next!, tokens, bytes)
        let start = boxes[first].tokens.lowerBound
        let trailing = start > 0 && tokens[start - 1].isWordLike && Self.sameLine(start - 1, start, tokens, bytes)
        let own: Int?
        if trailing {
            // Its own box right after it; else the box right before it, which it details.
            if let next, boxes[next].tokens.lowerBound == mention.upperBound { own = next }
            else if let previous, boxes[previous].tokens.upperBound == mention.lowerBound { own = previous }
            else { own = nil }
        } else if let previous, !tokens[boxes[previous].tokens.upperBound..<mention.lowerBound].contains(where: Self.endsLabel) {
            own = previous
        } else {
            own = nil
        }
        guard let own else { return nil }
        return (boxes[own].ticked ? .ticked : .empty, boxes[own].tokens)
    }

    /// The tokens of the box opening at token `i`, if one does.
    package func box(startingAt i: Int) -> Range<Int>? {
        var lo = 0, hi = boxes.count
        while lo < hi { let mid = (lo + hi) / 2; if boxes[mid].tokens.lowerBound < i { lo = mid + 1 } else { hi = mid } }
        return lo < boxes.count && boxes[lo].tokens.lowerBound == i ? boxes[lo].tokens : nil
    }

    /// The first box on the line of box `k`.
    private func firstBoxOfLine(_ k: Int, _ tokens: [Token], _ bytes: [UInt8]) -> Int {
        var k = k
        while k > 0, Self.sameLine(boxes[k - 1].tokens.lowerBound, boxes[k].tokens.lowerBound, tokens, bytes) { k -= 1 }
        return k
    }

    /// "… : [X] yes [ ] no" — boxes `k` (and the one after it) answering the question the mention
    /// ends or is part of: the label's remaining words up to a ":" or "?" (at most 8 tokens, a "-"
    /// allowed), then one or two yes/no boxes. The ticked answer, if one is.
    private func answer(from k: Int, question end: Int, _ tokens: [Token]) -> (verdict: Verdict, box: Range<Int>)? {
        let boxStart = boxes[k].tokens.lowerBound
        guard boxStart - end <= 8 else { return nil }
        for i in end..<boxStart where tokens[i].kind == .punct {
            let key = tokens[i].key
            guard key == Self.colon || key == Self.question || key == Self.dash else { return nil }
        }
        var b = k
        while b < boxes.count, b < k + 2 {
            let after = boxes[b].tokens.upperBound
            guard after < tokens.count, b == k || boxes[b].tokens.lowerBound == boxes[b - 1].tokens.upperBound + 1 else { return nil }
            let word = tokens[after].key
            let yes = Self.yesWords.contains(word), no = Self.noWords.contains(word)
            guard yes || no else { return nil }
            if boxes[b].ticked { return (yes ? .ticked : .empty, boxes[b].tokens.lowerBound..<(after + 1)) }
            b += 1
        }
        return nil
    }

    /// A "." or ";" ends a box's label: "[ ] weakness. Neuro: + paresthesias" labels only "weakness".
    private static func endsLabel(_ t: Token) -> Bool { t.kind == .punct && (t.key == period || t.key == semicolon) }

    /// The box whose "[" is token `i`.
    private static func box(at i: Int, _ tokens: [Token]) -> (tokens: Range<Int>, ticked: Bool)? {
        if tokens[i + 1].kind == .punct, tokens[i + 1].key == close { return (i..<(i + 2), false) }
        if i + 2 < tokens.count, tokens[i + 2].kind == .punct, tokens[i + 2].key == close,
           tokens[i + 1].length <= 3, ticks.contains(tokens[i + 1].key) {
            return (i..<(i + 3), true)
        }
        return nil
    }

    /// Whether tokens `a` and `b` (a ≤ b) stand on one line of the source.
    private static func sameLine(_ a: Int, _ b: Int, _ tokens: [Token], _ bytes: [UInt8]) -> Bool {
        guard a < b else { return true }
        var k = Int(tokens[a].end)
        let stop = Int(tokens[b].start)
        while k < stop { if bytes[k] == 10 || bytes[k] == 13 { return false }; k += 1 }
        return true
    }

    private static let open = ClinicalText.openBracket, close = ClinicalText.closeBracket
    private static let ticks: [UInt64] = ["x", "✓", "✔", "√", "*"].map { Tokenizer.key(of: $0) }
    private static let yesWords: [UInt64] = ["yes", "y", "present", "positive"].map { Tokenizer.key(of: $0) }
    private static let noWords: [UInt64] = ["no", "n", "none", "absent", "negative"].map { Tokenizer.key(of: $0) }
    private static let period = Tokenizer.key(of: "."), semicolon = Tokenizer.key(of: ";")
    private static let colon = Tokenizer.key(of: ":"), question = Tokenizer.key(of: "?"), dash = Tokenizer.key(of: "-")
}

extension ClinicalText {
    /// The verdict of the check box `mention` (token indices) answers to, and the box's tokens.
    package func checkBox(for mention: Range<Int>) -> (verdict: CheckBoxes.Verdict, box: Range<Int>)? {
        checkBoxes.verdict(for: mention, tokens, source.bytes)
    }

    /// Whether an empty check box speaks for the mention: on a form, what is not ticked.
    package func inEmptyBox(_ mention: Range<Int>) -> Bool {
        checkBox(for: mention)?.verdict == .empty
    }

    /// The tokens of the check box opening at token `i` ("[X] DME: …"), if one does.
    package func checkBox(startingAt i: Int) -> Range<Int>? {
        checkBoxes.box(startingAt: i)
    }
}
