/// Items told in paragraphs that open with the title a list of decisions gives them.
///
/// A letter may list its results ("Norco 10/325mg #120 ........ Overturned") and tell each item in
/// a paragraph of its own with no label and no numbering: the paragraph opens with the item's title
/// as a sentence of its own ("Norco 10/325mg #120. The reviewer relied on …"), or the title stands
/// alone on its line above the paragraph. Nothing but the list says that such a paragraph is an
/// item, so the list's titles are looked for at the starts of paragraphs (a line after a blank line,
/// or after a line that ends a sentence), anywhere outside the list itself.
enum ListedDetails {
    /// The items told in paragraphs that open with the titles of `listed` (items read so far, each
    /// a list entry with no guideline), as items of their own, and `listed` with them in the
    /// order of the letter; nil when no paragraph opens with a listed title.
    static func read(_ context: LayoutContext, _ listed: [DisputedItem]) -> [DisputedItem]? {
        guard !listed.isEmpty,
              listed.allSatisfy({ $0.imrGuideline == nil && $0.claimsAdministratorGuideline == nil && $0.decision != nil && !$0.title.value.isEmpty })
        else { return nil }
        let lines = context.lines
        let bytes = lines.bytes
        let headerRanges = listed.compactMap { $0.header?.range ?? $0.title.range }
        let titles = listed.map { Array($0.title.value.utf8) }
        var found = [Bool](repeating: false, count: titles.count)
        // The titles' first bytes, lower-cased (most lines start with none of them).
        var firsts: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for title in titles { if let b = title.first { let l = TextScan.lower(b); set(&firsts, l) } }
        var headers: [ItemHeader] = []
        var previous: Int? = nil
        for k in 0..<lines.count where lines.isSignificant(k) {
            defer { previous = k }
            let start = lines[k].contentStart
            guard has(firsts, TextScan.lower(bytes[start])) else { continue }
            // A paragraph's start: the letter's first line, a line after a blank one, or after a
            // line that ends a sentence.
            let opens = previous.map { p in p + 1 < k || ItemScanner.endsSentence(lines, p) } ?? true
            guard opens, TextScan.isAlpha(bytes[start]) || TextScan.isDigit(bytes[start]),
                  !headerRanges.contains(where: { $0.lowerBound <= start && start <= $0.upperBound }) else { continue }
            for (t, title) in titles.enumerated() where !found[t] {
                guard let e = match(title, bytes, at: start) else { continue }
                // The title as a sentence of its own ("Norco 10/325mg #120. The reviewer …"), or alone
                // on its line.
                let end: Int
                if e < bytes.count, bytes[e] == 46, e + 1 >= bytes.count || TextScan.isSpace(bytes[e + 1]) {
                    end = e + 1
                } else if lineIsEmpty(bytes, from: e) {
                    end = e
                } else {
                    continue
                }
                found[t] = true
                headers.append(ItemHeader(title: start..<e, decision: nil, end: end, start: start, form: .listedTitle))
                break
            }
        }
        // A title not found at a paragraph's start may stand inside a line (paragraphs run together):
        // there it must be a sentence of its own right before what the reviewer relied on ("… the
        // denial is overturned. Naproxen sodium 550mg #60. The reviewer relied on …"). Looked for from
        // each reliance sentence back.
        if found.contains(false) {
            var from = 0
            while from < bytes.count, let m = relied.find(in: bytes, from..<bytes.count) {
                from = m.upperBound
                // The reliance sentence's start ("The reviewer", "The expert reviewer") and the full
                // stop before it.
                var p = m.lowerBound
                while p > 0, m.lowerBound - p < 40, bytes[p - 1] != 46 { p -= 1 }
                guard p > 0, bytes[p - 1] == 46, let (_, r) = CitationParser.relianceOpening(bytes, p..<min(bytes.count, p + 700)), r > p else { continue }
                let stop = p - 1
                for (t, title) in titles.enumerated() where !found[t] {
                    // The title ends at the full stop: tried from the word starts near where it would begin.
                    let lo = max(0, stop - title.count - 24), hi = max(0, stop - title.count + 24)
                    var q = lo
                    var hit: Int? = nil
                    while q <= min(hi, stop - 1) {
                        if q == 0 || !TextScan.isAlnum(bytes[q - 1]), match(title, bytes, at: q) == stop,
                           !headerRanges.contains(where: { $0.lowerBound <= q && q <= $0.upperBound }) { hit = q; break }
                        q += 1
                    }
                    guard let q = hit else { continue }
                    found[t] = true
                    headers.append(ItemHeader(title: q..<stop, decision: nil, end: stop + 1, start: q, form: .listedTitle))
                    break
                }
            }
            headers.sort { $0.start < $1.start }
        }
        guard !headers.isEmpty else { return nil }
        // The details run from the first such paragraph to the list (when it follows them), the
        // next heading after the last paragraph, or the letter's end.
        let first = headers[0].start
        let last = headers[headers.count - 1].end
        var end = bytes.count
        if let h = context.headings.first(where: { $0.range.lowerBound >= last }) { end = h.range.lowerBound }
        var listStart: Int? = nil
        for r in headerRanges where r.lowerBound >= last { listStart = min(listStart ?? Int.max, lines[lines.lineIndex(at: r.lowerBound)].contentStart) }
        if let listStart, listStart < end {
            end = listStart
            // The list's own heading ("Result"), a short line alone with no stop, is no rationale's.
            let k = lines.lineIndex(at: listStart)
            if let p = lines.previousSignificant(before: k), p > 0, lines[p - 1].isBlank, lines[p].content.count <= 40, lines[p].contentStart > last,
               let b = lines[p].content.last.map({ bytes[$0] }), TextScan.isAlpha(b) {
                end = lines[p].contentStart
            }
        }
        guard first < end else { return nil }
        let found0 = headers
        let details = context.items(in: first..<end, headers: { _, block, _ in
            found0.filter { $0.start >= block.lowerBound && $0.title.upperBound <= block.upperBound }
        }).filter { $0.header?.form == ItemHeader.Form.listedTitle.name }
        guard !details.isEmpty else { return nil }
        return (listed + details).sorted { ($0.range?.lowerBound ?? $0.title.range.lowerBound) < ($1.range?.lowerBound ?? $1.title.range.lowerBound) }
    }

    private static let relied = Phrase("reviewer relied")

    @inline(__always) private static func set(_ bits: inout (UInt64, UInt64, UInt64, UInt64), _ b: UInt8) {
        let bit: UInt64 = 1 << UInt64(b & 63)
        switch b >> 6 { case 0: bits.0 |= bit; case 1: bits.1 |= bit; case 2: bits.2 |= bit; default: bits.3 |= bit }
    }

    @inline(__always) private static func has(_ bits: (UInt64, UInt64, UInt64, UInt64), _ b: UInt8) -> Bool {
        let bit: UInt64 = 1 << UInt64(b & 63)
        switch b >> 6 { case 0: return bits.0 & bit != 0; case 1: return bits.1 & bit != 0; case 2: return bits.2 & bit != 0; default: return bits.3 & bit != 0 }
    }

    /// Where `title` ends if the letter's text at `start` reads it (ASCII case ignored, any run of
    /// white space for a space); the title must end a word there.
    private static func match(_ title: [UInt8], _ bytes: [UInt8], at start: Int) -> Int? {
        var i = start
        var j = 0
        let n = bytes.count
        while j < title.count {
            let t = title[j]
            if TextScan.isSpace(t) {
                guard i < n, TextScan.isSpace(bytes[i]) else { return nil }
                while i < n, TextScan.isSpace(bytes[i]) { i += 1 }
                while j < title.count, TextScan.isSpace(title[j]) { j += 1 }
                continue
            }
            guard i < n, TextScan.lower(bytes[i]) == TextScan.lower(t) else { return nil }
            i += 1
            j += 1
        }
        guard i > start else { return nil }
        if i < n, TextScan.isAlnum(bytes[i]), TextScan.isAlnum(bytes[i - 1]) { return nil }
        return i
    }

    /// Whether nothing but white space follows `offset` on its line.
    private static func lineIsEmpty(_ bytes: [UInt8], from offset: Int) -> Bool {
        var i = offset
        while i < bytes.count, bytes[i] != 10, bytes[i] != 13 {
            if !TextScan.isSpace(bytes[i]) { return false }
            i += 1
        }
        return true
    }
}
