/// Every letter layout, in the order detection asks them (`LayoutDetector`): the first whose
/// markers hold wins. Later layouts reuse earlier ones' headings, so the order matters — a 2013
/// notice also has "HOW THE IMR FINAL DETERMINATION WAS MADE", and every layout may carry "Final
/// Determination Letter for IMR Case Number …" as a page header. A letter no layout claims is a
/// narrative (a progress note, a physician's draft request), read whole.
enum LayoutRegistry {
    static let readers: [any LayoutReader.Type] = [
        Notice2013Layout.self,
        FinalDeterminationLetterLayout.self,
        MedicalProfessionalReviewLayout.self,
        FinalDeterminationCaseHeaderLayout.self,
        FinalDeterminationLayout.self,
        UnknownLayout.self,
    ]

    /// The reader of `layout` (nil for `narrative`, which no reader parses).
    static func reader(for layout: LetterLayout) -> (any LayoutReader.Type)? {
        readers.first { $0.layout == layout }
    }

    /// The phrases of every line-start marker, for one label trie, and where each marker's phrases
    /// sit in the list (by marker name; a marker two layouts share is listed once).
    static let (lineStartPhrases, lineStartRanges): ([Phrase], [String: Range<Int>]) = {
        var phrases: [Phrase] = []
        var ranges: [String: Range<Int>] = [:]
        for reader in readers {
            for m in reader.markers where m.place == .lineStart && ranges[m.name] == nil {
                ranges[m.name] = phrases.count..<(phrases.count + m.phrases.count)
                phrases += m.phrases
            }
        }
        return (phrases, ranges)
    }()

    static let lineStartTrie = LabelTrie(lineStartPhrases)
}
