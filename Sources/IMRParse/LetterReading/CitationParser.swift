/// Reads a guideline citation: which guideline bodies it names and which pages it cites.
///
/// "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 60, 111-113. Decision based
/// on Non-MTUS Citation Official Disability Guidelines (ODG)" names MTUS, Non-MTUS and ODG, and
/// cites pages 60, 111, 112 and 113. A body the citation says was *not* used ("did not base their
/// decision on the MTUS") is not a source.
package enum CitationParser {
    /// A citation built from its cleaned text and the byte range it came from.
    package static func citation(text: String, range: Range<Int>) -> GuidelineCitation {
        let bytes = Array(text.utf8)
        return GuidelineCitation(text: text, range: range, sources: sources(bytes), pages: pages(bytes))
    }

    /// The citation of a letter's field, read from its clean bytes (the bytes of
    /// `lines.clean(range)`, without making the String), its text made when read. Letters are valid
    /// UTF-8 (`SourceLoader.decode`), so the clean bytes are the String's own.
    static func citation(cleanOf range: Range<Int>, in lines: LetterLines) -> GuidelineCitation {
        let bytes = lines.cleanBytes(range)
        return GuidelineCitation(cleanBytes: bytes, range: range, sources: sources(bytes), pages: pages(bytes))
    }

    private static let claimsAdministrator = Phrase("claims administrator")
    private static let agreement = PhraseSet(["relevant", "appropriate", "agreed", "agrees", "adopted", "concurred", "concurs", "same guideline",
                                              "applicable", "reasonable"].map(Phrase.init))

    /// The reviewer's citation when it only says that the claims administrator's guideline was
    /// the right one ("The Expert Reviewer found the guideline used by the Claims Administrator
    /// relevant and appropriate …") and names no body or page of its own: the claims
    /// administrator's bodies and pages are the ones the reviewer relied on.
    package static func adopting(_ reviewer: GuidelineCitation, claims: GuidelineCitation?) -> GuidelineCitation {
        guard let claims, reviewer.sources.isEmpty, reviewer.pages.isEmpty, !claims.sources.isEmpty || !claims.pages.isEmpty else { return reviewer }
        let bytes = Array(reviewer.text.utf8)
        guard claimsAdministrator.find(in: bytes, 0..<bytes.count) != nil, agreement.findFirst(in: bytes, 0..<bytes.count) != nil else { return reviewer }
        var out = reviewer
        out.sources = claims.sources
        out.pages = claims.pages
        return out
    }

    // MARK: Where a citation ends

    /// Words of a rationale, never of a citation sentence ("Although the MRI shows …", "The
    /// guidelines allow 8-10 visits …").
    private static let rationaleWords = WordSet(["recommend", "recommends", "recommended", "allow", "allows", "allowed", "indicated",
                                                 "indicate", "indicates", "support", "supports", "supported", "require", "requires",
                                                 "required", "documents", "documented", "documentation", "show", "shows", "showed",
                                                 "has", "have", "had", "patient", "worker", "claimant", "employee", "injured", "necessary",
                                                 "because", "however", "although", "therefore", "since", "given", "he", "she", "her", "his"])
    private static let citationWords = PhraseSet(["guideline", "page", "chapter", "citation", "mtus", "acoem", "odg", "official disability",
                                                  "medical treatment utilization", "non-mtus"].map(Phrase.init))

    /// Where a rationale written under a guideline label without a label of its own begins: the
    /// first sentence after the first that is not a citation (it names no guideline, page or
    /// chapter, or it argues: "Although the MRI shows …", "The guidelines allow 8-10 visits …").
    package static func rationaleStart(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        var sentenceStart = range.lowerBound
        while i < range.upperBound {
            guard bytes[i] == 46, i + 1 < range.upperBound, TextScan.isSpace(bytes[i + 1]) else { i += 1; continue }
            var j = i + 1
            while j < range.upperBound, TextScan.isSpace(bytes[j]) { j += 1 }
            guard j < range.upperBound, (bytes[j] >= 65 && bytes[j] <= 90) || TextScan.isDigit(bytes[j]) || bytes[j] == 34 else { i += 1; continue }
            // A sentence ends at `i`; the next starts at `j`.
            if sentenceStart > range.lowerBound, !isCitation(bytes, sentenceStart..<(i + 1)) { return sentenceStart }
            sentenceStart = j
            i = j
        }
        if sentenceStart > range.lowerBound, sentenceStart < range.upperBound, !isCitation(bytes, sentenceStart..<range.upperBound) { return sentenceStart }
        return nil
    }

    /// Where the rationale begins when a rationale field opens with the guideline it relies on
    /// ("Basis: MTUS Chronic Pain Medical Treatment Guidelines, Biofeedback, pages 24-25.
    /// Biofeedback is not recommended …", "The MTUS does not address zolpidem. Non-MTUS: Official
    /// Disability Guidelines …"): the first sentence cites and names a guideline body, and a sentence
    /// that is no citation follows. Nil when the field does not open so.
    package static func citationOpening(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        // The first sentence's end (as `rationaleStart` reads sentences).
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == 46, i + 1 < range.upperBound, TextScan.isSpace(bytes[i + 1]) {
                var j = i + 1
                while j < range.upperBound, TextScan.isSpace(bytes[j]) { j += 1 }
                if j < range.upperBound, (bytes[j] >= 65 && bytes[j] <= 90) || TextScan.isDigit(bytes[j]) || bytes[j] == 34 { break }
            }
            i += 1
        }
        guard i < range.upperBound, i - range.lowerBound <= 400 else { return nil }
        let first = range.lowerBound..<(i + 1)
        guard isCitation(bytes, first), aliasSet.findFirst(in: bytes, first) != nil else { return nil }
        return rationaleStart(bytes, range)
    }

    /// A text that opens by saying what the reviewer relied on ("The reviewer relied on the MTUS
    /// Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80, and …, page 91. Ongoing
    /// opioid treatment is …"): the citation — the sentence after its verb, up to a clause that
    /// goes on to say what the guideline says (", which allows referral …") — and where the
    /// rationale begins (the next sentence). The sentence must name a guideline body.
    package static func relianceOpening(_ bytes: [UInt8], _ range: Range<Int>) -> (citation: Range<Int>, rationale: Int)? {
        var s = range.lowerBound
        while s < range.upperBound, TextScan.isSpace(bytes[s]) { s += 1 }
        guard s < range.upperBound, bytes[s] | 0x20 == 116,  // "The …"
              let (_, afterParty) = Phrase.matchAny(relianceParties, bytes, at: s, end: range.upperBound) else { return nil }
        var v = afterParty
        while v < range.upperBound, TextScan.isSpace(bytes[v]) { v += 1 }
        guard let (_, afterVerb) = Phrase.matchAny(relianceVerbs, bytes, at: v, end: range.upperBound),
              afterVerb < range.upperBound, TextScan.isSpace(bytes[afterVerb]) else { return nil }
        // The sentence's end: a full stop before a capital, a digit or a quote, at most 600 bytes on.
        var i = afterVerb
        var clauseEnd: Int? = nil
        let limit = min(range.upperBound, afterVerb + 600)
        while i < limit {
            if bytes[i] == 46, i + 1 < range.upperBound, TextScan.isSpace(bytes[i + 1]) {
                var j = i + 1
                while j < range.upperBound, TextScan.isSpace(bytes[j]) { j += 1 }
                if j < range.upperBound, (bytes[j] >= 65 && bytes[j] <= 90) || TextScan.isDigit(bytes[j]) || bytes[j] == 34 { break }
            }
            if clauseEnd == nil, bytes[i] == 44 {
                var j = i + 1
                while j < range.upperBound, TextScan.isSpace(bytes[j]) { j += 1 }
                if let (_, e) = Phrase.matchAny(clauseStarts, bytes, at: j, end: range.upperBound), e < range.upperBound, TextScan.isSpace(bytes[e]) {
                    clauseEnd = i
                }
            }
            i += 1
        }
        let sentenceEnd = i < limit ? i + 1 : range.upperBound
        guard sentenceEnd > afterVerb, i < limit || limit == range.upperBound else { return nil }
        var c = afterVerb
        while c < sentenceEnd, TextScan.isSpace(bytes[c]) { c += 1 }
        let citation = c..<max(c, clauseEnd ?? sentenceEnd)
        guard aliasSet.findFirst(in: bytes, citation) != nil else { return nil }
        var r = sentenceEnd
        while r < range.upperBound, TextScan.isSpace(bytes[r]) { r += 1 }
        return (citation, r)
    }

    private static let relianceParties = [Phrase("the expert reviewer"), Phrase("the physician reviewer"), Phrase("the reviewer"),
                                          Phrase("the independent reviewer"), Phrase("the medical reviewer")]
    private static let relianceVerbs = [Phrase("relied upon"), Phrase("relied on"), Phrase("relies on"), Phrase("relies upon"),
                                        Phrase("based the decision on"), Phrase("based this decision on"), Phrase("based the determination on"),
                                        Phrase("used"), Phrase("applied"), Phrase("referred to")]
    /// Clause openings after a comma that say what the cited guideline says, not which it is.
    private static let clauseStarts = [Phrase("which"), Phrase("that"), Phrase("where")]

    /// Whether a sentence cites: it names a guideline, a page or a chapter and does not argue.
    static func isCitation(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            guard TextScan.isAlpha(bytes[i]), i == range.lowerBound || !TextScan.isAlnum(bytes[i - 1]) else { i += 1; continue }
            let s = i
            while i < range.upperBound, TextScan.isAlpha(bytes[i]) { i += 1 }
            if rationaleWords.contains(bytes, s..<i) { return false }
        }
        return citationWords.findFirst(in: bytes, range) != nil
    }

    // MARK: Sources

    private static let aliases: [(Phrase, String)] = [
        (Phrase("non-mtus"), "Non-MTUS"), (Phrase("non mtus"), "Non-MTUS"),
        (Phrase("mtus"), "MTUS"),
        (Phrase("medical treatment utilization schedule"), "MTUS"),
        (Phrase("acoem"), "ACOEM"),
        (Phrase("american college of occupational and environmental medicine"), "ACOEM"),
        (Phrase("odg"), "ODG"),
        (Phrase("official disability guidelines"), "ODG"),
        (Phrase("official disability guideline"), "ODG"),
    ]
    private static let negations = PhraseSet(["did not", "not based on", "does not", "no citation", "no section of", "no part of",
                                              "none of"].map(Phrase.init))
    /// What a sentence says after a body's name when the body was not used: "The MTUS is silent
    /// regarding the request", "The MTUS does not address gym memberships", "… was not applicable".
    private static let negationsAfter = PhraseSet(["is silent", "are silent", "was silent", "were silent", "remains silent",
                                                   "does not address", "do not address", "did not address", "does not specifically address",
                                                   "not applicable", "does not apply", "do not apply", "did not apply", "not address",
                                                   "not relevant", "does not cover", "do not cover",
                                                   // "MTUS silent. Non-MTUS: ODG …", "MTUS silent on this issue": a form's shorthand.
                                                   "silent"].map(Phrase.init))

    private static let aliasSet = PhraseSet(aliases.map(\.0))

    /// The distinct body names, and each alias's name as an index into them (a bit in a mask).
    private static let bodyNames: [String] = aliases.reduce(into: []) { names, alias in
        if !names.contains(alias.1) { names.append(alias.1) }
    }
    private static let aliasBody: [Int] = aliases.map { alias in bodyNames.firstIndex(of: alias.1)! }
    private static let nonMTUS = bodyNames.firstIndex(of: "Non-MTUS")!

    /// Guideline bodies in order of first mention.
    package static func sources(_ bytes: [UInt8]) -> [String] {
        // The bodies found, in order, as base-(bodies + 1) digits (body + 1 each); the list itself is
        // one of `bodyLists`, made once: a citation names one to four bodies, in a few orders.
        var code = 0
        var seen = 0  // a bit per body found
        var skipUntil = 0
        let n = bytes.count
        aliasSet.scanMatches(bytes, 0..<n) { i, k, end in
            // One name per position (the first listed: "Non-MTUS" before "MTUS"), none inside another.
            guard i >= skipUntil else { return true }
            // Whole words only ("ODG" not in "ODGTWC", "MTUS" not in "MTUSx").
            if end < n, TextScan.isAlnum(bytes[end]) { return true }
            skipUntil = end
            let body = aliasBody[k]
            if seen & (1 << body) == 0, body == nonMTUS || (!negated(bytes, before: i) && !negated(bytes, after: end)) {
                code = code * (bodyNames.count + 1) + body + 1
                seen |= 1 << body
            }
            return true
        }
        return code == 0 ? [] : bodyLists[code]
    }

    /// Every list of distinct bodies, at its code (see `sources`); codes of no such list hold [].
    private static let bodyLists: [[String]] = {
        let base = bodyNames.count + 1
        var size = 1
        for _ in bodyNames { size *= base }
        var lists = [[String]](repeating: [], count: size)
        // Each list extended by every body it lacks, depth first from the empty list.
        func extend(_ list: [String], _ code: Int, _ used: Int) {
            for body in bodyNames.indices where used & (1 << body) == 0 {
                let next = code * base + body + 1
                lists[next] = list + [bodyNames[body]]
                extend(lists[next], next, used | 1 << body)
            }
        }
        extend([], 0, 0)
        return lists
    }()

    /// Per byte, for `negated(after:)`: 1 for "n" and "s" in either case (every phrase holds "not"
    /// or "silent"), 2 for ";" and "." (either may end the sentence), else 0.
    private static let afterClasses: [UInt8] = (0..<256).map { b -> UInt8 in
        let l = UInt8(b) | 0x20
        return l == 110 || l == 115 ? 1 : (b == 59 || b == 46 ? 2 : 0)
    }

    /// Whether the rest of the sentence after `end` (up to 40 bytes) says the body was not used
    /// ("is silent", "does not address").
    private static func negated(_ bytes: [UInt8], after end: Int) -> Bool {
        // The sentence's rest, up to 40 bytes; every phrase holds "not" or "silent".
        let limit = min(bytes.count, end + 40)
        let (stop, may) = bytes.withUnsafeBufferPointer { b -> (Int, Bool) in
            afterClasses.withUnsafeBufferPointer { cls in
                var i = end
                var may = false
                while i < limit {
                    // Most bytes are neither: one table load passes them.
                    let k = cls[Int(b[i])]
                    if k == 1 {
                        if !may, i + 2 < limit {
                            let d = b[i + 1] | 0x20
                            if d == 111 || d == 105 { may = true }
                        }
                    } else if k == 2, b[i] == 59 || i + 1 >= b.count || TextScan.isSpace(b[i + 1]) {
                        break
                    }
                    i += 1
                }
                return (i, may)
            }
        }
        return may && stop > end && negationsAfter.findFirst(in: bytes, end..<stop) != nil
    }

    /// Whether the sentence before `i` says the body was not used ("did not base their decision on the MTUS").
    private static func negated(_ bytes: [UInt8], before i: Int) -> Bool {
        var start = i
        let floor = max(0, i - 300)
        bytes.withUnsafeBufferPointer { b in
            while start > floor {
                // Eight bytes back at a time while none is a full stop or a semicolon.
                if start - 8 >= floor {
                    let w = ByteWords.word(b.baseAddress!, start - 8)
                    if ByteWords.byte(w, equals: 46) | ByteWords.byte(w, equals: 59) == 0 { start -= 8; continue }
                }
                let c = b[start - 1]
                if (c == 46 || c == 59), start < b.count, TextScan.isSpace(b[start]) { break }
                start -= 1
            }
        }
        return negations.findFirst(in: bytes, start..<i) != nil
    }

    // MARK: Pages

    private static let andWord = Phrase("and"), toWord = Phrase("to")

    /// Pages cited after "Page(s):", "Pages", "Page", "pp." or "p.", expanded and sorted:
    /// "46-47" → 46, 47; "60, 111-113" → 60, 111, 112, 113; "Page(s): Page 46." → 46.
    package static func pages(_ bytes: [UInt8]) -> [Int] {
        // Most citations name a page; one with no "p" at all has none.
        guard nextP(bytes, from: 0) != nil else { return [] }
        return PageSet.collect { found in
            var i = 0
            let n = bytes.count
            while i < n {
                // Every label starts with "p": skip to the next one.
                guard let p = nextP(bytes, from: i) else { break }
                i = p
                guard let end = pageLabel(bytes, at: i),
                      end >= n || !TextScan.isAlpha(bytes[end]) || bytes[end - 1] == 58 || bytes[end - 1] == 41
                else { i += 1; continue }
                i = readPageList(bytes, from: end, into: &found)
            }
            return found.sorted()
        }
    }

    /// Reads "46", "46-47", "60, 111-113", "36, 37 and 39", "Page 46" from `start`; returns where it stopped.
    static func readPageList(_ bytes: [UInt8], from start: Int, into found: inout PageSet) -> Int {
        let n = bytes.count
        var i = start
        var readAny = false
        while true {
            var j = i
            while j < n, TextScan.isSpace(bytes[j]) || (readAny && (bytes[j] == 44 || bytes[j] == 59 || bytes[j] == 38)) { j += 1 }
            if readAny, let and = andWord.match(bytes, at: j, end: n), and < n, TextScan.isSpace(bytes[and]) {
                j = and
                while j < n, TextScan.isSpace(bytes[j]) { j += 1 }
            }
            // A repeated label: "Page(s): Page 46".
            if let e = pageLabel(bytes, at: j), e < n, !TextScan.isAlpha(bytes[e]) || bytes[e - 1] == 41 {
                j = e
                while j < n, TextScan.isSpace(bytes[j]) { j += 1 }
            }
            guard let (lo, afterLo) = integer(bytes, j) else { return readAny ? i : max(i, start) }
            var hi = lo
            var k = afterLo
            var m = k
            while m < n, bytes[m] == 32 { m += 1 }
            if let dashEnd = dash(bytes, m) {
                var q = dashEnd
                while q < n, TextScan.isSpace(bytes[q]) { q += 1 }
                if let (v, e) = integer(bytes, q) { hi = v; k = e }
            } else if let to = toWord.match(bytes, at: m, end: n), to < n, bytes[to] == 32 {
                var q = to
                while q < n, bytes[q] == 32 { q += 1 }
                if let (v, e) = integer(bytes, q) { hi = v; k = e }
            }
            if hi >= lo, hi - lo <= 60 {
                for p in lo...hi { found.insert(p) }
            } else {
                found.insert(lo)
                if hi > 0, hi <= 3000 { found.insert(hi) }
            }
            readAny = true
            i = k
        }
    }

    /// The end of the longest page label at `start` — "page(s):", "page(s)", "pages:", "pages",
    /// "page:", "page", "pp.", "pp" or "p.", in any case — when it starts a word.
    static func pageLabel(_ bytes: [UInt8], at start: Int) -> Int? {
        let n = bytes.count
        guard start < n, bytes[start] | 0x20 == 112, start == 0 || !TextScan.isAlnum(bytes[start - 1]) else { return nil }
        /// The byte at `i` lower-cased, or 0 past the end.
        @inline(__always) func at(_ i: Int) -> UInt8 { i < n ? TextScan.lower(bytes[i]) : 0 }
        let i = start + 1
        if at(i) == 97, at(i + 1) == 103, at(i + 2) == 101 {  // "age"
            let e = i + 3
            if at(e) == 40, at(e + 1) == 115, at(e + 2) == 41 { return at(e + 3) == 58 ? e + 4 : e + 3 }  // "(s)", ":"
            if at(e) == 115 { return at(e + 1) == 58 ? e + 2 : e + 1 }  // "s", ":"
            return at(e) == 58 ? e + 1 : e
        }
        if at(i) == 112 { return at(i + 1) == 46 ? i + 2 : i + 1 }  // "p", "."
        return at(i) == 46 ? i + 1 : nil  // "."
    }

    /// The first "p" or "P" at or after `start`, eight bytes at a time until a word holds one.
    private static func nextP(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            var i = start
            if let base = b.baseAddress {
                // Sixteen bytes a step (lane-exact, see `StartFilter`), then eight, then one.
                while i + 16 <= b.count, StartFilter.vectorsOn {
                    let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self) | 0x20
                    let p = StartFilter.words(StartFilter.isZero(v ^ 112))
                    if p[0] | p[1] != 0 { break }
                    i += 16
                }
                while i + 8 <= b.count, ByteWords.byte(ByteWords.word(base, i) | 0x2020_2020_2020_2020, equals: 112) == 0 { i += 8 }
            }
            while i < b.count {
                if b[i] | 0x20 == 112 { return i }
                i += 1
            }
            return nil
        }
    }

    /// A page number (1–3000) at `i` that is a whole number, not the start of a decimal or a date.
    private static func integer(_ bytes: [UInt8], _ i: Int) -> (Int, Int)? {
        let n = bytes.count
        var j = i, v = 0
        while j < n, TextScan.isDigit(bytes[j]), j - i < 5 { v = v * 10 + Int(bytes[j] - 48); j += 1 }
        guard j > i, v >= 1, v <= 3000 else { return nil }
        if j < n, TextScan.isAlpha(bytes[j]) || bytes[j] == 47 { return nil }
        if j + 1 < n, bytes[j] == 46, TextScan.isDigit(bytes[j + 1]) { return nil }
        return (v, j)
    }

    /// A hyphen or an en dash at `i`, returning the index after it.
    private static func dash(_ bytes: [UInt8], _ i: Int) -> Int? {
        let n = bytes.count
        if i < n, bytes[i] == 45 { return i + 1 }
        if i + 2 < n, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94 { return i + 3 }
        return nil
    }
}
