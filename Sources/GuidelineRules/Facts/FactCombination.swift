import IMRParse

/// The second half of fact extraction: narrative scans (in text order), the request and the
/// hooks combined into one item's `FactSet`. A letter's case summary is scanned once
/// (`FactExtractor.scan`) and combined here with each item's rationale.
extension FactExtractor {
    package func extract(source: SourceText, regions: [Range<Int>], context: CaseContext, request: ParsedRequest?) -> FactSet {
        extract(scans: [scan(source: source, regions: regions, context: context)], context: context, request: request)
    }

    /// Combines narrative scans (in text order), the request and the hooks into the case's facts.
    package func extract(scans: [NarrativeScan], context: CaseContext, request: ParsedRequest?) -> FactSet {
        extract(after: nil, scans: scans, context: context, request: request)
    }

    /// What combining a first scan leaves for the scans after it: the evidence and the votes so far.
    /// A letter's case summary is combined once and each item's rationale after it
    /// (`extract(after:scans:context:request:)`), instead of the summary's mentions once per item.
    package struct Combined: Sendable {
        fileprivate var evidence: EvidenceLists
        fileprivate var tally: [Tally]
        fileprivate var touched: [Int32]
    }

    /// `scan` combined as the first of some scans (see `Combined`).
    package func combine(_ scan: NarrativeScan) -> Combined {
        let count = book.facts.count
        var evidence = EvidenceLists(count: count)
        var tally = [Tally](repeating: Tally(), count: count)
        var touched: [Int32] = []
        touched.reserveCapacity(count)
        self.count(scan, into: &tally, touched: &touched)
        evidence.reserveCapacity(expectedEvidence(tally, touched))
        add(scan, index: 0, tally: &tally, evidence: &evidence)
        return Combined(evidence: evidence, tally: tally, touched: touched)
    }

    /// Combines `scans` (with `combined` made from `scans[0]` when given), the request and the hooks;
    /// with `wanted`, the request and the hooks give only those facts (see `WantedFacts`).
    package func extract(after combined: Combined?, scans: [NarrativeScan], context: CaseContext, request: ParsedRequest?,
                         wanted: WantedFacts? = nil) -> FactSet {
        let count = book.facts.count
        var facts: FactSet
        // Per fact, in one plain array: the mentions and the deciding vote so far (see `decidingKey`).
        var tally: [Tally]
        // The facts with a mention, in the order first mentioned: the loops below visit those
        // rather than every fact of the book.
        var touched: [Int32]
        let first: Int
        if let combined {
            facts = FactSet(count: count, evidence: combined.evidence, texts: texts)
            tally = combined.tally
            touched = combined.touched  // room for every fact: appending does not grow it
            first = 1
        } else {
            facts = FactSet(count: count, texts: texts)
            tally = [Tally](repeating: Tally(), count: count)
            touched = []
            touched.reserveCapacity(count)
            first = 0
        }
        for scan in scans[first...] { self.count(scan, into: &tally, touched: &touched) }
        // The evidence is sized once (growing it one by one was a fifth of this function).
        facts.evidence.reserveCapacity(expectedEvidence(tally, touched))
        for si in first..<scans.count { add(scans[si], index: si, tally: &tally, evidence: &facts.evidence) }
        for s in touched where tally[Int(s)].voted {
            let slot = Int(s)
            let t = tally[slot]
            facts.plain[slot] = t.scan < 0 ? .unknown : scans[Int(t.scan)].mentions[Int(t.mention)].vote.map { plainValue($0.value) } ?? .unknown
        }
        readRequest(request, context: context, wanted: wanted, facts: &facts)
        applyHooks(request: request, context: context, wanted: wanted, facts: &facts)
        return facts
    }

    private func count(_ scan: NarrativeScan, into tally: inout [Tally], touched: inout [Int32]) {
        scan.mentions.withUnsafeBufferPointer { p in
            for m in p.indices {
                let slot = p[m].fact
                if tally[slot].mentions == 0 { touched.append(Int32(truncatingIfNeeded: slot)) }
                tally[slot].mentions += 1
            }
        }
    }

    private func expectedEvidence(_ tally: [Tally], _ touched: [Int32]) -> Int {
        var expected = 8 + hookSlots.count  // the request's and the hooks'
        for slot in touched { expected += min(Int(tally[Int(slot)].mentions), 12) }
        return expected
    }

    /// The mentions of scan number `si`, in text order: votes tallied, evidence kept (twelve per fact).
    private func add(_ scan: NarrativeScan, index si: Int, tally: inout [Tally], evidence: inout EvidenceLists) {
        // Mentions are read in place: copying one copies its evidence's strings.
        scan.mentions.withUnsafeBufferPointer { p in
            for mi in p.indices {
                let slot = p[mi].fact
                if let v = p[mi].vote {
                    tally[slot].voted = true
                    if let key = decidingKey(v, slot: slot), tally[slot].scan < 0 || key > tally[slot].key {
                        tally[slot].scan = Int32(si)
                        tally[slot].mention = Int32(mi)
                        tally[slot].key = key
                    }
                }
                if evidence.count(of: slot) < 12, !Self.holds(evidence, slot, range: p[mi].evidence.range, counted: p[mi].evidence.counted) {
                    evidence.append(p[mi].evidence, to: slot)
                }
            }
        }
    }

    /// `extract`'s running count per fact: how many mentions, whether any voted, and where the
    /// deciding vote is (scan and mention; scan -1 for none) with the key it won by.
    fileprivate struct Tally {
        var mentions: Int32 = 0
        var voted = false
        var scan: Int32 = -1
        var mention: Int32 = 0
        var key: Double = 0
    }

    /// Whether some of a fact's evidence has this span and countedness.
    private static func holds(_ evidence: EvidenceLists, _ slot: Int, range: Range<Int>, counted: Bool) -> Bool {
        evidence.contains(of: slot) { $0.range == range && $0.counted == counted }
    }

    /// What decides between votes for one fact: a higher key replaces a lower one (so the first of
    /// equal keys stays). A count takes the most occurrences any statement documents (a negated
    /// event documents zero; a vote without a number decides nothing); any other fact the last
    /// statement in the text.
    private func decidingKey(_ vote: Vote, slot: Int) -> Double? {
        if info[slot].kind == .count || info[slot].combineLongest {
            guard case .number(let d) = vote.value else { return nil }
            return d
        }
        // `combine any`: one finding affirmed now outranks the normal ones ("Tinel positive ... no
        // thenar atrophy"); among themselves, statements still go by their place in the text.
        if info[slot].combineAny, vote.present, case .bool(true) = vote.value { return Double(vote.position) + Self.presentFindingBonus }
        // Of two statements starting at one word the longer is the closer reading: "side effects were
        // not discussed" outranks the bare "side effects" it begins with (a fraction below one byte).
        let key = Double(vote.position) + Double(min(vote.length, 999)) / 1000
        // Of two statements with one span, the one that says no is the closer reading: "Norco does not
        // help" is both "{medication} … {helpful}" and "{medication} … {ineffective}" (half a word).
        if case .bool(false) = vote.value { return key + 0.0005 }
        return key
    }

    /// Larger than any position in a text: what lifts a present finding above every other statement.
    static let presentFindingBonus = 1e13

    /// Facts read from the request text: a phrase present → true, absent → false (bool); the
    /// value whose phrase appears (enum, else unknown). Unknown when there is no request.
    private func readRequest(_ request: ParsedRequest?, context: CaseContext, wanted: WantedFacts?, facts: inout FactSet) {
        guard let request else { return }
        let tokens: [Token]
        if request.tokens.isEmpty, !request.text.isEmpty {
            let bytes = Array(request.text.utf8)
            tokens = Tokenizer.tokens(bytes, 0..<bytes.count)
        } else {
            tokens = request.tokens
        }
        var matches: [PhraseTrie.Match] = []
        index.request.allMatches(in: tokens, 0..<tokens.count, into: &matches)
        for slot in requestBoolSlots { facts.plain[slot] = .bool(false) }
        // An enum whose phrases of several values appear takes the value declared first ("knee
        // arthroscopy, partial meniscectomy and chondroplasty" is meniscus surgery, not `other`).
        var chosenValue: [Int: Int] = [:]
        for var m in matches {
            let entry = index.entries[Int(m.id)]
            if let wanted, !wanted.slots[entry.fact] { continue }
            // "no sedation", "without contrast": a request that names a thing to exclude it does not ask for it.
            if Self.excluded(m.tokenRange.lowerBound, tokens) { continue }
            // "confirmation only if unexpected": a part asked for on a condition is not asked for yet.
            if Self.conditional(after: m.tokenRange.upperBound, tokens) { continue }
            if entry.isGapped {
                var gaps: [Range<Int>] = []
                guard let whole = index.complete(entry, first: m.tokenRange, tokens: tokens, limit: tokens.count, gapsOut: &gaps) else { continue }
                m.tokenRange = whole
            }
            let range = Int(tokens[m.tokenRange.lowerBound].start)..<Int(tokens[m.tokenRange.upperBound - 1].end)
            switch entry.role {
            case .affirm: facts.plain[entry.fact] = .bool(true)
            case .deny: facts.plain[entry.fact] = .bool(false)
            case .value(let v):
                if let chosen = chosenValue[entry.fact], chosen < v { continue }
                chosenValue[entry.fact] = v
                facts.plain[entry.fact] = .text(v)  // `texts` begins with the index's values
            default: continue
            }
            // Offsets in the request text map into the source where the request stands; a request text
            // longer than its place (a strength added from the medication list) points at the place.
            let evidenceRange = context.requestRange.map { place in
                place.lowerBound + range.upperBound <= place.upperBound ? place.lowerBound + range.lowerBound ..< place.lowerBound + range.upperBound : place
            } ?? range
            facts.evidence.append(FactEvidence(range: evidenceRange, how: context.requestRange == nil ? .request : .mention(.affirmed),
                                               attributedTo: .treater), to: entry.fact)
        }
    }

    /// Words that, just before a phrase of a request, exclude what it names.
    /// Eight keys, compared in turn (a Set hashed the word for every phrase a request matched).
    static let exclusionKeys: [UInt64] = ["no", "not", "without", "w/o", "none", "non", "except", "excluding"].map { Tokenizer.key(of: $0) }

    /// The keys `excluded` compares (made once: hashing a string per call was a tenth of reading a request).
    static let slashKey = Tokenizer.key(of: "/"), wKey = Tokenizer.key(of: "w"), oKey = Tokenizer.key(of: "o")

    /// Whether "if" or "unless" stands among the three words after a phrase (punctuation skipped).
    static func conditional(after end: Int, _ tokens: [Token]) -> Bool {
        var j = end, words = 0
        while j < tokens.count, words < 3 {
            if tokens[j].isPunct { j += 1; continue }
            if tokens[j].key == ifKey || tokens[j].key == unlessKey { return true }
            words += 1
            j += 1
        }
        return false
    }
    static let ifKey = Tokenizer.key(of: "if"), unlessKey = Tokenizer.key(of: "unless")

    /// Whether one of the two words before token `i` (punctuation skipped) excludes it.
    static func excluded(_ i: Int, _ tokens: [Token]) -> Bool {
        var j = i - 1, words = 0
        let slash = slashKey, w = wKey, o = oKey
        while j >= 0, words < 2 {
            if tokens[j].isPunct, tokens[j].key != slash { j -= 1; continue }
            if exclusionKeys.contains(tokens[j].key) { return true }
            if tokens[j].key == w, j + 2 < tokens.count, tokens[j + 2].key == o { return true }
            words += 1
            j -= 1
        }
        return false
    }

    private func applyHooks(request: ParsedRequest?, context: CaseContext, wanted: WantedFacts?, facts: inout FactSet) {
        // Where a hook's evidence points, worked out once: `request != nil` copied the whole request
        // out of its optional for every hook.
        let requestRange: Range<Int>? = request.map { context.requestRange ?? 0..<$0.text.utf8.count }
        for h in hookSlots.indices {
            let slot = hookSlots[h].slot
            if let wanted, !wanted.slots[slot] { continue }
            let value = hookSlots[h].compute(request, context)
            facts[slot] = value
            if value.isKnown, let range = requestRange, hookSlots[h].readsRequest {
                facts.evidence.append(FactEvidence(range: range, how: context.requestRange == nil ? .request : .mention(.affirmed), attributedTo: .treater), to: slot)
            }
        }
    }
}
