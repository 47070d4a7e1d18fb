/// One item, one record: an item named in a list (a decision summary, a notice's list of
/// determinations, an "ISSUES AT DISPUTE" list) and again in the detailed section is merged into the
/// detailed record.
///
/// A *bare* item has no guideline citation and no rationale (a list entry); a *detailed* one has
/// one or both. Each bare item is matched to the detailed item whose title shares most of its words
/// (at least 60% of the shorter title's words when the list comes first, 90% otherwise); bare items
/// left over are paired by position with detailed items left over that follow them, when their
/// numbers agree. The detailed record keeps its title and fields
/// and takes the list's decision when it states none of its own (a conflict is left to
/// `ItemChecks`, which reconciles decisions). Bare items that match nothing stay, after the
/// detailed ones, with a warning.
enum ItemMerger {
    static func merge(_ items: [DisputedItem], _ lines: LetterLines) -> (items: [DisputedItem], warnings: [String]) {
        let (corrected, correctionWarnings) = corrections(items, lines.bytes)
        let (merged, warnings) = mergeListed(corrected, lines)
        return (merged, correctionWarnings + warnings)
    }

    /// An item restated later under the number of an earlier one, without a guideline of its own (an
    /// addendum correcting a clerical error: "Item 2 of 3: TENS unit, purchase" / "Decision: Upheld"
    /// after the letter's items): it corrects that item — the earlier record takes its title and the
    /// decision it states, and keeps its guidelines and rationale. Only when fewer items are restated
    /// than there are (a list that names every item again is a list, merged by `mergeListed`).
    static func corrections(_ items: [DisputedItem], _ bytes: [UInt8]) -> ([DisputedItem], [String]) {
        guard items.count >= 3 else { return (items, []) }
        // The items' numbers (read without copying an item), and whether one repeats: most letters
        // stop here.
        let numbers = items.indices.map { k in items[k].header.flatMap { h in h.number ?? countedNumber(bytes, h.range) } }
        var seen: (UInt64, UInt64) = (0, 0)
        var repeats = false
        for n in numbers {
            guard let n, n >= 0, n < 128 else { continue }
            let bit: UInt64 = 1 << UInt64(n & 63)
            if n < 64 { if seen.0 & bit != 0 { repeats = true; break }; seen.0 |= bit }
            else { if seen.1 & bit != 0 { repeats = true; break }; seen.1 |= bit }
        }
        guard repeats else { return (items, []) }
        var firstWithNumber: [Int: Int] = [:]
        var restated: [(later: Int, earlier: Int)] = []
        for k in items.indices {
            guard let n = numbers[k] else { continue }
            if let e = firstWithNumber[n] {
                if items[k].imrGuideline == nil, items[k].claimsAdministratorGuideline == nil,
                   items[e].imrGuideline != nil || items[e].claimsAdministratorGuideline != nil,
                   let a = items[e].range, let b = items[k].range, b.lowerBound >= a.upperBound {
                    restated.append((k, e))
                }
            } else {
                firstWithNumber[n] = k
            }
        }
        guard !restated.isEmpty, restated.count < firstWithNumber.count else { return (items, []) }
        var out = items
        var warnings: [String] = []
        for (later, earlier) in restated {
            warnings.append("item \(earlier + 1) is restated later (a correction): \"\(ItemChecks.shortTitle(items[earlier].title.value))\" read as \"\(ItemChecks.shortTitle(items[later].title.value))\"")
            out[earlier].title = items[later].title
            if let d = items[later].decision { out[earlier].decision = d }
        }
        let dropped = Set(restated.map(\.later))
        return (out.indices.filter { !dropped.contains($0) }.map { out[$0] }, warnings)
    }

    /// The number of a header counted against the items ("Item 2 of 3: …").
    static func countedNumber(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        guard i < r.upperBound, bytes[i] | 0x20 == 105 || bytes[i] | 0x20 == 114,
              let (_, e) = Phrase.matchAny(countWords, bytes, at: i, end: r.upperBound) else { return nil }
        i = e
        while i < r.upperBound, bytes[i] == 32 { i += 1 }
        let digits = i
        var n = 0
        while i < r.upperBound, TextScan.isDigit(bytes[i]), i - digits < 2 { n = n * 10 + Int(bytes[i] - 48); i += 1 }
        guard i > digits, i + 4 < r.upperBound, bytes[i] == 32, bytes[i + 1] | 0x20 == 111, bytes[i + 2] | 0x20 == 102, bytes[i + 3] == 32,
              TextScan.isDigit(bytes[i + 4]) else { return nil }
        return n
    }

    private static let countWords = [Phrase("item"), Phrase("issue"), Phrase("request")]

    static func mergeListed(_ items: [DisputedItem], _ lines: LetterLines) -> (items: [DisputedItem], warnings: [String]) {
        let isBare = items.map { $0.claimsAdministratorGuideline == nil && $0.imrGuideline == nil && $0.rationaleText == nil }
        let allBare = items.indices.filter { isBare[$0] }
        guard !allBare.isEmpty, allBare.count < items.count else { return (items, []) }
        let bytes = lines.bytes
        let words = items.map { TitleWords.words(bytes, $0.title.range) }
        // A list printed twice (a table of decisions before the details and again after them): an
        // entry after the last item told with a guideline that names, nearly word for word, an entry
        // of the list before the details is that entry again, not an item of its own. Each is a bare
        // entry, but for the letter's last item, which may run on into the closing text (read as its
        // rationale). (An item told with a rationale but no guideline, among the details, is detailed.)
        var repeatOf: [Int: Int] = [:]  // index -> the earlier list entry it repeats
        if items.count >= 3, let lastGuided = items.lastIndex(where: { $0.claimsAdministratorGuideline != nil || $0.imrGuideline != nil }),
           lastGuided + 1 < items.count {
            for k in (lastGuided + 1)..<items.count where isBare[k] || (k == items.count - 1 && items[k].claimsAdministratorGuideline == nil && items[k].imrGuideline == nil) {
                var best: (score: Double, a: Int)? = nil
                // (The earlier entry may itself be told in detail: a list given with guidelines.)
                for a in 0...lastGuided where repeatOf[a] == nil {
                    let s = TitleWords.similarity(words[a], words[k])
                    if s >= 0.9, best.map({ s > $0.score }) ?? true { best = (s, a) }
                }
                if let best { repeatOf[k] = best.a }
            }
        }
        let bare = allBare.filter { repeatOf[$0] == nil }
        let detailed = items.indices.filter { !isBare[$0] && repeatOf[$0] == nil }
        guard !bare.isEmpty || !repeatOf.isEmpty, !detailed.isEmpty else { return (items, []) }
        var partner: [Int: Int] = [:]  // bare index -> detailed index
        var taken = Set<Int>()
        // Best pairs first, so that a close title is not taken by a looser one.
        var pairs: [(score: Double, b: Int, d: Int)] = []
        for b in bare {
            for d in detailed {
                let s = TitleWords.similarity(words[b], words[d])
                // A list comes before its details; a bare item after them is more likely an item of
                // its own (a letter cut off after a title) and must match nearly word for word.
                if s >= (b < d ? 0.6 : 0.9) { pairs.append((s, b, d)) }
            }
        }
        for p in pairs.sorted(by: { $0.score > $1.score || ($0.score == $1.score && $0.b < $1.b) })
        where partner[p.b] == nil && !taken.contains(p.d) {
            partner[p.b] = p.d
            taken.insert(p.d)
        }
        // By position, when the bare and the detailed items left over are as many.
        let leftBare = bare.filter { partner[$0] == nil }
        let leftDetailed = detailed.filter { !taken.contains($0) }
        if !leftBare.isEmpty, leftBare.count == leftDetailed.count, leftBare.last! < leftDetailed.first! {
            for (b, d) in zip(leftBare, leftDetailed) { partner[b] = d; taken.insert(d) }
        }
        guard !partner.isEmpty || !repeatOf.isEmpty else { return (items, []) }
        var out = items
        for (b, d) in partner {
            if out[d].decision == nil { out[d].decision = items[b].decision }
            if out[d].title.value.isEmpty { out[d].title = items[b].title }
            if out[d].verdict == nil { out[d].verdict = items[b].verdict }
        }
        // A repeated entry goes where the entry it repeats went: its decision, when neither states one.
        for b in items.indices {
            guard let a = repeatOf[b] else { continue }
            if let d = partner[a] ?? (isBare[a] ? nil : a) {
                if out[d].decision == nil { out[d].decision = items[b].decision }
            } else if out[a].decision == nil {
                out[a].decision = items[b].decision
            }
        }
        var merged: [DisputedItem] = detailed.map { out[$0] }
        let unmatched = bare.filter { partner[$0] == nil }
        merged += unmatched.map { out[$0] }
        var warnings: [String] = []
        if !unmatched.isEmpty {
            warnings.append("\(unmatched.count) listed item(s) have no detailed section: \(unmatched.map { ItemChecks.shortTitle(items[$0].title.value) }.joined(separator: "; "))")
        }
        return (merged, warnings)
    }
}
