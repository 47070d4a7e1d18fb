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
        let isBare = items.map { $0.claimsAdministratorGuideline == nil && $0.imrGuideline == nil && $0.rationaleText == nil }
        let bare = items.indices.filter { isBare[$0] }
        let detailed = items.indices.filter { !isBare[$0] }
        guard !bare.isEmpty, !detailed.isEmpty else { return (items, []) }
        let bytes = lines.bytes
        let words = items.map { TitleWords.words(bytes, $0.title.range) }
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
        guard !partner.isEmpty else { return (items, []) }
        var out = items
        for (b, d) in partner {
            if out[d].decision == nil { out[d].decision = items[b].decision }
            if out[d].title.value.isEmpty { out[d].title = items[b].title }
            if out[d].verdict == nil { out[d].verdict = items[b].verdict }
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
