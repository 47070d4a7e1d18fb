/// The labelled fields of a disputed item, in the order letters give them.
enum FieldLabel: Int, Sendable, Comparable {
    case claimsAdministrator = 0, reviewer = 1, rationale = 2

    static func < (a: FieldLabel, b: FieldLabel) -> Bool { a.rawValue < b.rawValue }

    /// Every wording seen or expected for each label, matched loosely at the start of a line.
    static let phrases: [(FieldLabel, Phrase)] = [
        (.claimsAdministrator, [
            "claims administrator guideline:", "claims administrator guidelines:", "claims administrator guideline(s):",
            "medical treatment guideline(s) used by the claims administrator:", "medical treatment guidelines used by the claims administrator:",
            "guideline(s) used by the claims administrator:", "guidelines used by the claims administrator:",
            "guideline used by the claims administrator:",
        ]),
        (.reviewer, [
            "maximus guideline:", "maximus guidelines:", "maximus guideline(s):", "imr guideline:", "imr guidelines:",
            "expert reviewer guideline:", "expert reviewer guidelines:",
            "medical treatment guideline(s) used by the expert reviewer:", "medical treatment guidelines used by the expert reviewer:",
            "guideline(s) used by the expert reviewer:", "guidelines used by the expert reviewer:", "guideline used by the expert reviewer:",
        ]),
        (.rationale, [
            "decision rationale:", "rationale for the decision:", "rationale for decision:", "rationale:",
        ]),
    ].flatMap { label, list in list.map { (label, Phrase($0)) } }

    private static let trie = LabelTrie(phrases.map(\.1))

    /// The label that starts at `start` (the longest; of equally long ones, the first listed), and
    /// where its value begins.
    static func label(_ bytes: [UInt8], at start: Int, end: Int) -> (FieldLabel, Int)? {
        trie.longestMatch(bytes, at: start, end: end).map { (phrases[$0.index].0, $0.end) }
    }
}

/// Where an item starts: its title and, when the header states it, its decision.
struct ItemHeader: Sendable {
    var title: Range<Int>
    var decision: Located<Decision>?
    /// The end of the header (after the decision, or after the title's colon).
    var end: Int
    /// Where the header starts (before any numbering such as "2."); the previous field ends here.
    var start: Int

    init(title: Range<Int>, decision: Located<Decision>?, end: Int, start: Int? = nil) {
        self.title = title
        self.decision = decision
        self.end = end
        self.start = min(start ?? title.lowerBound, title.lowerBound)
    }
}

/// One item as the scanner assembles it: header plus the byte ranges of its labelled fields.
struct ItemDraft: Sendable {
    var header: ItemHeader
    var fields = FieldRanges()
    /// Text after the header that no label introduces.
    var unlabelled: Range<Int>?
}

/// Splits a section of labelled items into items.
///
/// The labels ("Claims Administrator guideline:", "MAXIMUS guideline:", "Decision rationale:" and
/// their variants) cut the section into blocks; a layout-specific `findHeaders` finds the item
/// headers inside each block (the title of the next item sits at the tail of the previous item's
/// rationale). A label that comes back round without a header between (a second "Claims
/// Administrator guideline:" after a rationale) starts a new item whose title is taken from the
/// tail of the block before it.
struct ItemScanner {
    /// Finds item headers in `block`; `labelFollows` says whether a field label comes right after it.
    typealias HeaderFinder = (_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader]

    let lines: LetterLines
    let findHeaders: HeaderFinder

    private struct Block {
        var label: FieldLabel?
        var labelStart: Int
        var range: Range<Int>
    }

    func scan(_ section: Range<Int>) -> [ItemDraft] {
        let bytes = lines.bytes
        var blocks: [Block] = []
        var blockStart = section.lowerBound
        var blockLabel: FieldLabel? = nil
        var labelStart = section.lowerBound
        for k in lines.significant(in: section) {
            let content = lines[k].content
            // A label broken over lines ("Decision\n\nrationale:") has already consumed this line.
            guard content.lowerBound >= blockStart,
                  let (label, valueStart) = FieldLabel.label(bytes, at: content.lowerBound, end: section.upperBound) else { continue }
            blocks.append(Block(label: blockLabel, labelStart: labelStart, range: blockStart..<content.lowerBound))
            blockLabel = label
            labelStart = content.lowerBound
            blockStart = valueStart
        }
        blocks.append(Block(label: blockLabel, labelStart: labelStart, range: blockStart..<max(blockStart, section.upperBound)))

        var drafts: [ItemDraft] = []
        var current: ItemDraft? = nil
        for (b, block) in blocks.enumerated() {
            let nextLabel = b + 1 < blocks.count ? blocks[b + 1].label : nil
            var headers = findHeaders(lines, block.range, nextLabel != nil)
            // Does the next label come back round without a header between?
            var orphanNext = false
            if let next = nextLabel {
                // The highest label seen since the last header.
                var seen: FieldLabel? = nil
                if headers.isEmpty {
                    if let c = current { seen = c.fields.highest }
                    if let l = block.label { seen = max(seen ?? l, l) }
                    if current == nil { seen = .rationale }  // labels before any header: a header is missing
                }
                if let highest = seen, next <= highest {
                    let tailStart = headers.last?.end ?? block.range.lowerBound
                    if let title = tailTitle(tailStart..<block.range.upperBound) {
                        headers.append(ItemHeader(title: title, decision: nil, end: title.upperBound))
                    } else {
                        orphanNext = true
                    }
                }
            }
            let contentEnd = headers.first?.start ?? block.range.upperBound
            if let label = block.label, current != nil {
                current?.fields[label] = block.range.lowerBound..<max(block.range.lowerBound, contentEnd)
            }
            for (h, header) in headers.enumerated() {
                if let c = current { drafts.append(c) }
                current = ItemDraft(header: header)
                let strayEnd = h + 1 < headers.count ? headers[h + 1].start : block.range.upperBound
                let stray = lines.trim(header.end..<max(header.end, strayEnd))
                if !stray.isEmpty { current?.unlabelled = stray }
            }
            if orphanNext, let next = blocks.dropFirst(b + 1).first {
                if let c = current { drafts.append(c) }
                let at = next.labelStart
                // No title at all: an item with an empty title (`ItemChecks` warns).
                current = ItemDraft(header: ItemHeader(title: at..<at, decision: nil, end: at))
            }
        }
        if let c = current { drafts.append(c) }
        return drafts
    }

    /// The title at the tail of `range` when a label follows without a header: the lines after the
    /// last sentence end. `nil` when the tail is empty.
    func tailTitle(_ range: Range<Int>) -> Range<Int>? {
        let sig = lines.significantLines(in: range)
        guard let last = sig.last else { return nil }
        // A title ends with its colon or with no punctuation at all; a full stop ends a rationale.
        if let e = lines[last].content.last, lines.bytes[e] != 58, ItemScanner.endsSentence(lines, last) { return nil }
        var first = sig.count - 1
        while first > 0, sig.count - first < 8, !ItemScanner.endsSentence(lines, sig[first - 1], before: sig[first]) { first -= 1 }
        let lo = max(lines[sig[first]].contentStart, range.lowerBound)
        let r = lines.trim(lo..<min(lines[last].contentEnd, range.upperBound))
        return r.isEmpty ? nil : r
    }

    private static let conclusionWords = Phrase("necess")

    private static let abbreviationList = ["mg", "mcg", "ml", "no", "dr", "vs", "e.g", "i.e", "etc", "approx", "bilat",
                                           "lt", "rt", "inc", "st", "jr", "sr", "qty", "disp", "tab", "tabs", "cap", "caps"]
    private static let abbreviations = Set(abbreviationList)
    /// The same, looked up from the bytes of an ASCII word.
    private static let abbreviationWords = WordSet(abbreviationList)

    /// Whether line `k` ends a sentence or a heading (".", "?", "!" or ":"), so that line `next` can
    /// start a title. After an abbreviation ("mg.", "e.g.") only a line that starts with a capital
    /// letter or a digit starts anew: "Norco 10/325 mg." / "#60: Upheld" is one title.
    static func endsSentence(_ lines: LetterLines, _ k: Int, before next: Int) -> Bool {
        if endsSentence(lines, k) { return true }
        let bytes = lines.bytes
        let c = lines[k].content
        // A heading in capitals ("INDEPENDENT MEDICAL REVIEW") before a line in mixed case.
        var letters = 0, lowerCase = false
        for b in bytes[c] where TextScan.isAlpha(b) {
            letters += 1
            if b >= 97 { lowerCase = true }
        }
        if letters >= 4, !lowerCase,
           bytes[lines[next].content].contains(where: { $0 >= 97 && $0 <= 122 }) {
            return true
        }
        // A rationale's conclusion whose full stop went missing ("… is not medically necessary").
        // (A match in the line's tail is one in the line: only the tail is searched.)
        if lines[k].contentEnd - lines[k].contentStart > 20, let b = c.last.map({ bytes[$0] }), TextScan.isAlpha(b) {
            let tail = max(c.lowerBound, c.upperBound - 12)..<c.upperBound
            if conclusionWords.find(in: bytes, tail) != nil { return true }
        }
        guard let last = c.last, bytes[last] == 46, let first = lines[next].content.first.map({ bytes[$0] }) else { return false }
        return (first >= 65 && first <= 90) || TextScan.isDigit(first)
    }

    /// Whether line `k` ends a sentence or a heading (".", "?", "!" or ":"); a full stop after an
    /// abbreviation ("mg.", "e.g.") does not.
    static func endsSentence(_ lines: LetterLines, _ k: Int) -> Bool {
        let bytes = lines.bytes
        let content = lines[k].content
        guard let lastByte = content.last.map({ bytes[$0] }) else { return true }
        if lastByte == 58 || lastByte == 63 || lastByte == 33 { return true }
        var end = content.upperBound
        // Closing quote or bracket after the full stop: 'necessary."', 'necessary.)'.
        while end > content.lowerBound, bytes[end - 1] == 34 || bytes[end - 1] == 41 || bytes[end - 1] == 39 { end -= 1 }
        guard end > content.lowerBound, bytes[end - 1] == 46 else { return false }
        var w = end - 1
        while w > content.lowerBound, !TextScan.isSpace(bytes[w - 1]), bytes[w - 1] != 40 { w -= 1 }
        let wordBytes = bytes[w..<(end - 1)]
        // ASCII (the usual case): one letter is an initial, and no abbreviation is longer than six bytes.
        if wordBytes.allSatisfy({ $0 < 0x80 }) {
            if wordBytes.count == 1, TextScan.isAlpha(wordBytes.first!) { return false }
            if wordBytes.count > 6 { return true }
            return !abbreviationWords.contains(bytes, w..<(end - 1))
        }
        let word = String(decoding: wordBytes.map(TextScan.lower), as: UTF8.self)
        if word.count == 1, word.first?.isLetter == true { return false }
        return !abbreviations.contains(word)
    }
}
