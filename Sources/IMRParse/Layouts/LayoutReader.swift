/// One letter layout: the name it is reported under, the phrases it is recognised by, the rule
/// that decides it from them, and how its body is read.
///
/// Every layout is listed once, in `LayoutRegistry.readers`, in the order detection asks them. To
/// add a layout: a file here with an enum conforming to this protocol (its markers, `isPresent`,
/// `parse`, built from the helpers in `LetterReading/`), a case of `LetterLayout`, its place in the
/// registry, and fixture letters with their goldens.
protocol LayoutReader: Sendable {
    /// The layout's name in the `format` field of `parse` output.
    static var layout: LetterLayout { get }
    /// The phrases `isPresent` asks about (a marker may be shared with another layout).
    static var markers: [LayoutMarker] { get }
    /// Whether a letter with these markers is in this layout; asked only when no layout before it
    /// in the registry said yes.
    static func isPresent(_ found: FoundMarkers) -> Bool
    /// Finds the case summary, the disputed items and where the reviewer is described.
    static func parse(_ context: LayoutContext) -> LayoutResult
}

/// A phrase (or a few alternatives) that a layout is recognised by, and where it is looked for.
/// Markers are found by name (`FoundMarkers`), never by position in a list.
struct LayoutMarker: Sendable {
    enum Place: Sendable {
        /// At the start of a line, after an optional item number ("1.", "2)", "Issue 3:").
        case lineStart
        /// Anywhere in the letter's first 8 KB (its header fields and first page).
        case header
        /// Anywhere in the letter.
        case anywhere
    }

    let name: String
    let place: Place
    let phrases: [Phrase]
    /// The phrases searched for together, for header and anywhere markers (line-start markers are
    /// matched by the registry's one label trie).
    let set: PhraseSet?
    /// For a header marker whose phrases share a run of letters (the notice's decision list): the
    /// faster search for whether one occurs.
    let anchored: AnchoredPhrases?

    init(_ name: String, _ place: Place, _ phrases: [String]) {
        self.name = name
        self.place = place
        self.phrases = phrases.map { Phrase($0) }
        set = place == .lineStart ? nil : PhraseSet(self.phrases)
        anchored = place == .header ? AnchoredPhrases(self.phrases) : nil
    }
}

/// The markers of one letter, looked up by marker: the line-start ones found in one pass over the
/// line starts (every registered layout's phrases in one `LabelTrie`); header and anywhere ones
/// searched when a layout's rule asks about them.
struct FoundMarkers {
    let lines: LetterLines
    let headings: [SectionFinder.Heading]
    /// Per phrase of `LayoutRegistry.lineStartPhrases`: whether it starts a line.
    private let atLineStart: [Bool]

    init(lines: LetterLines, headings: [SectionFinder.Heading]) {
        self.lines = lines
        self.headings = headings
        let bytes = lines.bytes
        var marks = [Bool](repeating: false, count: LayoutRegistry.lineStartPhrases.count)
        // Where each line's words start, then one walk of the trie from each (buffers reached once).
        var starts: [Int] = []
        starts.reserveCapacity(lines.count)
        for k in 0..<lines.count where !lines[k].isBlank {
            let c = lines[k].content
            // Numbering ("1.", "Issue 2:") starts with a digit or an "i": most lines are ruled out by their first byte.
            let b = bytes[c.lowerBound]
            let numbered = TextScan.isDigit(b) || b | 0x20 == 105
            starts.append(numbered ? ItemHeaders.numberEnd(bytes, c) ?? c.lowerBound : c.lowerBound)
        }
        LayoutRegistry.lineStartTrie.markMatches(bytes, atEach: starts, end: bytes.count, into: &marks)
        atLineStart = marks
    }

    private func lineStartMarks(_ m: LayoutMarker) -> ArraySlice<Bool> {
        precondition(m.place == .lineStart, "\(m.name) is not a line-start marker")
        guard let r = LayoutRegistry.lineStartRanges[m.name] else { preconditionFailure("marker \(m.name) is not registered") }
        return atLineStart[r]
    }

    /// Whether one of the marker's phrases starts a line.
    func atLineStart(_ m: LayoutMarker) -> Bool { lineStartMarks(m).contains(true) }

    /// How many of the marker's phrases start a line.
    func countAtLineStart(_ m: LayoutMarker) -> Int { lineStartMarks(m).filter { $0 }.count }

    /// Whether one of the marker's phrases occurs in the first 8 KB.
    func inHeader(_ m: LayoutMarker) -> Bool {
        precondition(m.place == .header, "\(m.name) is not a header marker")
        let bytes = lines.bytes
        let header = 0..<min(bytes.count, 8192)
        if let anchored = m.anchored { return anchored.occurs(in: bytes, header) }
        return m.set!.findFirst(in: bytes, header) != nil
    }

    /// How many of the marker's phrases occur anywhere in the letter.
    func countAnywhere(_ m: LayoutMarker) -> Int {
        precondition(m.place == .anywhere, "\(m.name) is not an anywhere marker")
        let bytes = lines.bytes
        return m.set!.occurrences(in: bytes, 0..<bytes.count).filter { $0 }.count
    }

    /// Whether a section heading of one of `kinds` was found.
    func hasHeading(_ kinds: SectionFinder.Kind...) -> Bool { headings.contains { kinds.contains($0.kind) } }
}
