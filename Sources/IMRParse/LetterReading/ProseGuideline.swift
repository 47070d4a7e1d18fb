/// The reviewer's guideline named in the rationale's own sentences, for an item told in prose with
/// no guideline field: "The MTUS Chronic Pain Medical Treatment Guidelines (Epidural steroid
/// injections, page 46) recommend …", "The Official Disability Guidelines (ODG, Low Back chapter, …)
/// add that …". The sentences that name a guideline body are the citation (their bodies and pages);
/// the other sentences of the rationale are not read for pages.
enum ProseGuideline {
    /// The citation made of the sentences of `range` that name a guideline body (MTUS, ACOEM, ODG,
    /// under any of their names); nil when none does.
    static func citation(_ range: Range<Int>, _ lines: LetterLines) -> GuidelineCitation? {
        let bytes = lines.bytes
        var joined: [UInt8] = []
        var first: Int? = nil
        var last = range.lowerBound
        var start = range.lowerBound
        var i = range.lowerBound
        func sentence(_ s: Int, _ e: Int) {
            let r = lines.trim(s..<e)
            guard !r.isEmpty else { return }
            let clean = lines.cleanBytes(r)
            guard CitationParser.sources(clean).contains(where: { $0 != "Non-MTUS" }) else { return }
            if !joined.isEmpty { joined.append(32) }
            joined += clean
            if first == nil { first = r.lowerBound }
            last = r.upperBound
        }
        while i < range.upperBound {
            let b = bytes[i]
            // A sentence ends at a full stop, "?" or "!" before white space (not inside "2.5" or
            // "U.S."; letters drawn from PDFs are often double spaced, so a blank line ends nothing).
            if (b == 46 || b == 63 || b == 33), i + 1 >= range.upperBound || TextScan.isSpace(bytes[i + 1]),
               i > start, !(i >= 2 && bytes[i - 2] == 46) {
                sentence(start, i + 1)
                start = i + 1
            }
            i += 1
        }
        if start < range.upperBound { sentence(start, range.upperBound) }
        guard let first, !joined.isEmpty else { return nil }
        return GuidelineCitation(cleanBytes: joined, range: first..<last, sources: CitationParser.sources(joined), pages: CitationParser.pages(joined))
    }
}
