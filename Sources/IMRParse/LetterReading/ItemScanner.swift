/// The labelled fields of a disputed item: the two guideline citations and the rationale (in the
/// order letters usually give them), a decision line ("Decision: Upheld"), a title line
/// ("Treatment requested: Lumbar MRI") and the utilization review's own decision on the item ("UR
/// action: Non-certified 05/02/2014"), which is no decision of the review and starts no item.
enum FieldLabel: Int, Sendable, Comparable {
    case claimsAdministrator = 0, reviewer = 1, rationale = 2, decision = 3, title = 4, urDecision = 5

    static func < (a: FieldLabel, b: FieldLabel) -> Bool { a.rawValue < b.rawValue }

    /// The guideline and rationale fields, which letters give in this order.
    var isOrdered: Bool { rawValue <= 2 }

    /// Every wording seen or expected for each label, as `WordingVariants` patterns matched loosely
    /// at the start of a line. Each is a label with its colon ("Rationale: …"), or, without the
    /// colon, a label standing alone on its line with its value below.
    static let patterns: [(FieldLabel, [String])] = [
        (.claimsAdministrator, [
            "claims administrator{'s|} guideline{s|(s)|}",
            "{medical treatment |}guideline{s|(s)|} used by the claims administrator",
        ]),
        (.reviewer, [
            "{maximus|imr} guideline{s|(s)|}", "expert reviewer guideline{s|}",
            "{medical treatment |}guideline{s|(s)|} used by the expert reviewer", "{medical treatment |}guideline{s|(s)|} {used|relied upon}",
        ]),
        (.rationale, ["decision rationale~", "rationale for {the |}decision", "rationale~ for the decision~", "rationale", "reason~ for {the |}decision"]),
        (.decision, ["{imr |}{decision|determination}"]),
        (.title, ["disputed {item|treatment|service}{s|(s)|}", "{treatment|service|item}{s|(s)|} requested", "requested {treatment|service|item}{s|(s)|}"]),
    ]
    // Every other wording ("Guideline used by the reviewer:", "Rationale Used by the Expert
    // Reviewer:", "Reasons for the decision:") is read from its words by `LabelMeaning`.

    /// Labels that stand alone on their line are only the longer ones: "Guidelines" or "Decision"
    /// alone on a line is more likely a word of the text than a label.
    private static let standaloneLabels: Set<FieldLabel> = [.claimsAdministrator, .reviewer, .rationale]

    /// The phrases, each with its label and whether it has its colon.
    static let phrases: [(label: FieldLabel, phrase: Phrase, colon: Bool)] = patterns.flatMap { label, list in
        WordingVariants.expand(list).flatMap { text -> [(FieldLabel, Phrase, Bool)] in
            let withColon = (label, Phrase(text + ":"), true)
            // "Guidelines" alone, "Rationale" alone: too common as words to stand for a label.
            guard standaloneLabels.contains(label), text.utf8.contains(32) else { return [withColon] }  // a space: more than one word
            return [withColon, (label, Phrase(text), false)]
        }
    }

    static let trie = LabelTrie(phrases.map(\.phrase))

    /// The tables, fetched once by a caller that reads many lines (a `static let` is checked for
    /// its one-time initialisation at every use).
    struct Tables: Sendable {
        let trie: LabelTrie
        let phrases: [(label: FieldLabel, phrase: Phrase, colon: Bool)]
        static let shared = Tables(trie: FieldLabel.trie, phrases: FieldLabel.phrases)
    }

    /// The label that starts at `start` (the longest; of equally long ones, the first listed), and
    /// where its value begins. A label without its colon must end its line.
    static func label(_ bytes: [UInt8], at start: Int, end: Int) -> (FieldLabel, Int)? {
        label(bytes, at: start, end: end, Tables.shared)
    }

    static func label(_ bytes: [UInt8], at start: Int, end: Int, _ tables: Tables) -> (FieldLabel, Int)? {
        guard let (index, e) = tables.trie.longestMatch(bytes, at: start, end: end) else { return nil }
        let entry = tables.phrases[index]
        if entry.colon { return (entry.label, e) }
        // The word must end there, and nothing but spaces may follow it on its line.
        var i = e
        while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        guard i >= end || bytes[i] == 10 || bytes[i] == 13 || bytes[i] == 12 else { return nil }
        return (entry.label, e)
    }

    /// The label that starts line `k`: a listed wording, else a label read from its words
    /// (`LabelMeaning`: "Rationale Used by the Expert Reviewer:").
    static func label(_ lines: LetterLines, line k: Int, end: Int) -> (FieldLabel, Int)? {
        let start = lines[k].contentStart
        let found = label(lines.bytes, at: start, end: end)
        // A label wrapped across a page break ("Medical Treatment Guideline(s) Used" / "Page 2 of 3" /
        // "by the Claims Administrator:"): matched on its two lines joined, and preferred when longer.
        if found == nil || found!.1 >= lines[k].contentEnd, let (joined, original) = lines.joinedAcrossNoise(k, from: start),
           let (l, e) = label(joined, at: 0, end: joined.count), e > lines[k].contentEnd - start + 1, original(e) <= end {
            return (l, original(e))
        }
        if let found { return found }
        guard LabelMeaning.mayStartLabel(lines, line: k), let found = LabelMeaning.read(lines, line: k, from: start), let label = found.meaning.fieldLabel,
              found.valueStart <= end else { return nil }
        return (label, found.valueStart)
    }
}

/// Where an item starts: its title and, when the header states it, its decision.
struct ItemHeader: Sendable {
    /// How the header is written (`ItemHeaders` has a finder for each).
    enum Form: Sendable {
        /// "<title>: Upheld"
        case decisionLabel
        /// "1. <title> is not medically necessary and appropriate."
        case sentence
        /// "Regarding the request for <title>:"
        case regarding
        /// "2. <title>" alone, a field label or a decision after it.
        case numberedTitle
        /// "A. Is <title> medically necessary?"
        case question
        /// "Treatment requested: <title>"
        case titleLabel
        /// The lines before a label that came back round without a header.
        case tail
        /// "<title>. …": a paragraph that opens with a title the letter's list of decisions names
        /// (`ListedDetails`).
        case listedTitle

        /// The form's name (a literal: naming it allocates nothing).
        var name: String {
            switch self {
            case .decisionLabel: "decisionLabel"
            case .sentence: "sentence"
            case .regarding: "regarding"
            case .numberedTitle: "numberedTitle"
            case .question: "question"
            case .titleLabel: "titleLabel"
            case .tail: "tail"
            case .listedTitle: "listedTitle"
            }
        }
    }

    var title: Range<Int>
    var decision: Located<Decision>?
    /// The end of the header (after the decision, or after the title's colon).
    var end: Int
    /// Where the header starts (before any numbering such as "2."); the previous field ends here.
    var start: Int
    var form: Form
    /// The item number the header carries ("2." → 2), when it has one.
    var number: Int?

    init(title: Range<Int>, decision: Located<Decision>?, end: Int, start: Int? = nil, form: Form = .tail, number: Int? = nil) {
        self.title = title
        self.decision = decision
        self.end = end
        self.start = min(start ?? title.lowerBound, title.lowerBound)
        self.form = form
        self.number = number
    }
}

/// One item as the scanner assembles it: header plus the byte ranges of its labelled fields.
struct ItemDraft: Sendable {
    var header: ItemHeader
    var fields = FieldRanges()
    /// Text after the header that no label introduces.
    var unlabelled: Range<Int>?
    /// A decision sentence that names this item after its header ("Regarding the request for X:" /
    /// "X is not medically necessary and appropriate.").
    var statedDecision: Located<Decision>?
    /// Where the item's text ends (the next item's header, or the end of the section).
    var end: Int

    init(header: ItemHeader) {
        self.header = header
        self.end = header.end
    }

    /// The whole item, header to end.
    var range: Range<Int> { header.start..<max(header.start, end) }
}

/// Splits a section of labelled items into items.
///
/// The labels ("Claims Administrator guideline:", "MAXIMUS guideline:", "Decision rationale:",
/// "Decision:", "Treatment requested:" and their variants, see `FieldLabel`) cut the section into
/// blocks; `findHeaders` finds the item headers inside each block (the title of the next item sits
/// at the tail of the previous item's rationale). A label that comes back round without a header
/// between (a second "Claims Administrator guideline:" after a rationale, a second "Decision:")
/// starts a new item whose title is taken from the tail of the block before it. A numbered header
/// must carry the next item number, so a numbered list inside a field ("1. MTUS …") starts nothing.
struct ItemScanner {
    /// Finds item headers in `block`; `labelFollows` says whether a field label comes right after it.
    typealias HeaderFinder = (_ lines: LetterLines, _ block: Range<Int>, _ labelFollows: Bool) -> [ItemHeader]

    let lines: LetterLines
    let findHeaders: HeaderFinder
    /// The labels of the letter's lines, when already read (`SectionFinder.read`).
    var labels: LineLabels? = nil

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
                  let (label, valueStart) = labels.map({ $0.label(k) }) ?? FieldLabel.label(lines, line: k, end: section.upperBound),
                  valueStart <= section.upperBound else { continue }
            blocks.append(Block(label: blockLabel, labelStart: labelStart, range: blockStart..<content.lowerBound))
            blockLabel = label
            labelStart = content.lowerBound
            blockStart = valueStart
        }
        blocks.append(Block(label: blockLabel, labelStart: labelStart, range: blockStart..<max(blockStart, section.upperBound)))

        var drafts: [ItemDraft] = []
        var current: ItemDraft? = nil
        /// The number the next numbered header must carry: one more than the items so far.
        var itemCount = 0
        /// Whether every item so far is a bare title (a list of decisions before the details).
        var bareSoFar = true
        /// A list entry may be followed by a note on what the decisions mean, which concludes
        /// nothing: the items' notes are read (each at most once) only when the numbering restarts.
        var draftsChecked = 0
        var draftConcluded = false
        func start(_ header: ItemHeader) {
            if var c = current {
                c.end = max(c.end, header.start)
                // A shared guideline block read into a listed item leaves it a list entry.
                if c.fields[.rationale] != nil || c.fields[.decision] != nil { bareSoFar = false }
                drafts.append(c)
            }
            current = ItemDraft(header: header)
            itemCount += 1
        }
        for (b, block) in blocks.enumerated() {
            let nextLabel = b + 1 < blocks.count ? blocks[b + 1].label : nil
            var body = block.range
            var titleHeader: ItemHeader? = nil
            if block.label == .title, let (title, end) = titleValue(block.range) {
                titleHeader = ItemHeader(title: title, decision: nil, end: end, start: block.labelStart, form: .titleLabel)
                body = end..<max(end, block.range.upperBound)
            }
            var headers = findHeaders(lines, body, nextLabel != nil)
            // A numbered title must carry the next number (a list inside a field does not), or start
            // the numbering again after a list of bare titles (a summary list before the details).
            var expected = itemCount + (titleHeader == nil ? 1 : 2)
            // A numbered title may start the numbering again after list entries only (asked only
            // when one does).
            var restartAllowed = false
            if itemCount > 0, bareSoFar, headers.contains(where: { $0.form == .numberedTitle && $0.number == 1 }) {
                restartAllowed = true
                if let c = current {
                    if c.fields[.rationale] != nil || c.fields[.decision] != nil { restartAllowed = false }
                    else if let u = c.unlabelled, Self.concludes(bytes, u) { restartAllowed = false }
                }
                while restartAllowed, !draftConcluded, draftsChecked < drafts.count {
                    if let u = drafts[draftsChecked].unlabelled, Self.concludes(bytes, u) { draftConcluded = true }
                    draftsChecked += 1
                }
                if draftConcluded { restartAllowed = false }
            }
            // List entries read in this very block (rows of a table of decisions right above the
            // details, "Cervical MRI     Overturned"): the details' numbering may start again after
            // them, when no entry's text between concludes anything.
            // (Asked only of a block with such entries and a title numbered 1 after them.)
            var restartAfterEntries = false
            if !restartAllowed, headers.count >= 2, headers.contains(where: { $0.form == .numberedTitle && $0.number == 1 }),
               headers.contains(where: { $0.form != .numberedTitle && $0.decision != nil }),
               itemCount == 0 || (bareSoFar && current?.fields[.rationale] == nil && current?.fields[.decision] == nil) {
                restartAfterEntries = true
            }
            var entriesInBlock = 0
            var entryEnd = body.lowerBound
            headers = headers.filter { h in
                guard h.form == .numberedTitle else {
                    expected = (h.number ?? expected) + 1
                    if restartAfterEntries, h.decision != nil { entriesInBlock += 1; entryEnd = h.end }
                    return true
                }
                if restartAfterEntries, h.number == 1, !restartAllowed, entriesInBlock > 0, h.start >= entryEnd,
                   !Self.concludes(bytes, entryEnd..<h.start) {
                    restartAllowed = true
                }
                guard let n = h.number, n == expected || (n == 1 && restartAllowed) else { return false }
                expected = n + 1
                return true
            }
            // A decision sentence that names the item before it — right after a header that states no
            // decision, in its "Decision:" field, or restating its title — is that item's decision,
            // not a new item.
            var stated: Located<Decision>? = nil
            if let first = headers.first, first.form == .sentence, first.number == nil, let owner = titleHeader ?? current?.header,
               !owner.title.isEmpty {
                let ownerDecided = owner.decision != nil || (titleHeader == nil && (current?.statedDecision != nil || current?.fields[.decision] != nil))
                if block.label == .decision || sameItem(owner.title, first.title) {
                    if !ownerDecided { stated = first.decision }
                    headers.removeFirst()
                }
            }
            // A verdict that names an item only by its number ("FINAL DETERMINATION FOR ITEM #1:
            // OVERTURNED", after the item's rationale) is the decision of the item being read, not
            // a new item; the next item's title may follow it.
            var verdictStart: Int? = nil
            var tailStart = block.range.lowerBound
            if titleHeader == nil, let first = headers.first, let d = first.decision, current != nil,
               Self.namesItemByNumber(bytes, first.title) {
                if current?.header.decision == nil, current?.statedDecision == nil { current?.statedDecision = d }
                verdictStart = first.start
                tailStart = first.end
                headers.removeFirst()
            }
            if let t = titleHeader { headers.insert(t, at: 0) }
            // Does the next label come back round without a header between?
            var orphanNext = false
            if let next = nextLabel, next != .title, next != .urDecision, headers.isEmpty {
                // A label repeats one the item has (or comes before any item): a new item starts,
                // with the title at the block's tail or none. A label earlier in the usual order than
                // one the item has ("Claims Administrator guideline:" after its rationale) starts one
                // only when a title stands at the tail: fields may come in any order.
                var repeats = current == nil
                var outOfOrder = false
                if let c = current {
                    var filled = c.fields
                    if let l = block.label { filled[l] = block.range }
                    if filled[next] != nil { repeats = true }
                    if next.isOrdered, let highest = filled.highest, next < highest { outOfOrder = true }
                    if next == .decision, c.header.decision != nil || c.statedDecision != nil, filled[.decision] == nil { repeats = false }
                }
                if repeats || outOfOrder {
                    // A guideline field's citation wrapped onto the lines below its label ("Guidelines
                    // relied upon: MTUS …, Manual therapy &" / "manipulation, pages 58-60") is no title
                    // of a next item when the fields merely come in another order.
                    let title = tailTitle(tailStart..<block.range.upperBound)
                    if let title, !repeats, block.label == .reviewer || block.label == .claimsAdministrator,
                       wrapsFromLabelLine(block.range.lowerBound, title) {
                        // The next label is this item's.
                    } else if let title {
                        headers.append(ItemHeader(title: title, decision: nil, end: title.upperBound, form: .tail))
                    } else if repeats {
                        orphanNext = true
                    }
                }
            }
            let contentEnd = verdictStart ?? headers.first?.start ?? block.range.upperBound
            if let label = block.label, label != .title, current != nil {
                current?.fields[label] = block.range.lowerBound..<max(block.range.lowerBound, contentEnd)
                current?.end = contentEnd
            }
            if let s = stated, current != nil, titleHeader == nil { current?.statedDecision = s }
            for (h, header) in headers.enumerated() {
                start(header)
                if h == 0, let s = stated, titleHeader != nil { current?.statedDecision = s }
                let strayEnd = h + 1 < headers.count ? headers[h + 1].start : block.range.upperBound
                let stray = lines.trim(header.end..<max(header.end, strayEnd))
                if !stray.isEmpty { current?.unlabelled = stray }
                current?.end = strayEnd
            }
            if orphanNext, let next = blocks.dropFirst(b + 1).first {
                let at = next.labelStart
                // No title at all: an item with an empty title (`ItemChecks` warns).
                start(ItemHeader(title: at..<at, decision: nil, end: at))
            }
        }
        if var c = current { c.end = max(c.end, section.upperBound); drafts.append(c) }
        return drafts
    }

    /// Whether `title` carries on the value that starts on the label's line at `valueStart`: that line
    /// holds text after the label and ends no sentence ("Guidelines relied upon: MTUS …, Manual
    /// therapy &", "… Treatment Guidelines, 8 CCR"), and `title` starts on the next line.
    func wrapsFromLabelLine(_ valueStart: Int, _ title: Range<Int>) -> Bool {
        let k = lines.lineIndex(at: valueStart)
        let c = lines[k].content
        guard valueStart < c.upperBound, !lines.trim(valueStart..<c.upperBound).isEmpty, let next = lines.nextSignificant(after: k),
              lines.lineIndex(at: title.lowerBound) == next else { return false }
        return !ItemScanner.endsSentence(lines, k)
    }

    /// Words of a verdict that names its item only by number ("Final determination for item #1",
    /// "Decision on Issue No. 2", "IMR determination, item 3").
    private static let verdictWords = WordSet(["final", "imr", "decision", "determination", "for", "of", "on", "item", "issue", "request",
                                               "service", "treatment", "no", "number", "disputed", "the"])
    private static let verdictDecisionWords = WordSet(["decision", "determination"])
    private static let verdictItemWords = WordSet(["item", "issue", "request", "service", "treatment"])

    /// Whether the title `r` only names an item by its number under a decision word.
    static func namesItemByNumber(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard !r.isEmpty, r.count <= 60 else { return false }
        var decision = false, item = false, number = false
        var i = r.lowerBound
        while i < r.upperBound {
            let b = bytes[i]
            if TextScan.isSpace(b) || b == 44 || b == 46 || b == 58 || b == 45 { i += 1; continue }
            if b == 35 || TextScan.isDigit(b) {
                if b == 35 { i += 1 }
                let s = i
                while i < r.upperBound, TextScan.isDigit(bytes[i]) { i += 1 }
                guard i > s else { return false }
                number = true
                continue
            }
            guard TextScan.isAlpha(b) else { return false }
            let s = i
            while i < r.upperBound, TextScan.isAlpha(bytes[i]) { i += 1 }
            guard verdictWords.contains(bytes, s..<i) else { return false }
            if verdictDecisionWords.contains(bytes, s..<i) { decision = true }
            if verdictItemWords.contains(bytes, s..<i) { item = true }
        }
        return decision && item && number
    }

    /// Whether `r` concludes ("… is not medically necessary", "Medical necessity … has been established").
    static func concludes(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        DecisionPhrases.conclusion(bytes, r) != nil || DecisionPhrases.necessityConclusion(bytes, r) != nil
    }

    /// The title a "Treatment requested:" label gives: its first lines, up to the first that ends a
    /// sentence or three lines; and where the title ends.
    func titleValue(_ range: Range<Int>) -> (Range<Int>, Int)? {
        let segs = lines.segments(in: range)
        guard !segs.isEmpty else { return nil }
        var last = 0
        while last + 1 < segs.count, last < 2, !ItemScanner.endsSentence(lines, segs[last].line) {
            // A following line that is a decision sentence of its own is not part of the title.
            if DecisionPhrases.firstSentence(lines.bytes, segs[last + 1].range) != nil { break }
            last += 1
        }
        var r = lines.trim(segs[0].range.lowerBound..<segs[last].range.upperBound)
        while r.count > 0, lines.bytes[r.upperBound - 1] == 46 || lines.bytes[r.upperBound - 1] == 58 { r = lines.trim(r.lowerBound..<(r.upperBound - 1)) }
        return r.isEmpty ? nil : (r, segs[last].range.upperBound)
    }

    /// Whether two titles name the same item: the words of the shorter are nearly all in the longer.
    func sameItem(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        TitleWords.similarity(lines.bytes, a, b) >= 0.6
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
        // A decision in brackets after the sentence ("… is medically necessary.  [OVERTURNED]").
        if lastByte == 93 || lastByte == 41, content.count > 8 {
            var o = content.upperBound - 2
            while o > content.upperBound - 16, o > content.lowerBound, bytes[o] != 91, bytes[o] != 40 { o -= 1 }
            if bytes[o] == 91 || bytes[o] == 40, DecisionPhrases.word(bytes, (o + 1)..<(content.upperBound - 1)) != nil { return true }
        }
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
