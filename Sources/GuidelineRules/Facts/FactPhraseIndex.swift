import Foundation
import IMRParse

/// Every phrase of every fact definition compiled into one trie, so a text is scanned once for
/// all facts (in the spirit of FastContext), plus a second trie for facts read from the request.
struct FactPhraseIndex: Sendable {
    enum Role: Sendable, Equatable {
        case affirm          // bool: mention makes it true (or false when negated)
        case deny            // bool: an affirmed mention makes it false
        case negative        // bool: a negated mention makes it false; affirmed it settles nothing
        case anchor          // the sentence is about what the fact concerns
        case except          // the sentence names another cause: the fact's statements there count for nothing
        case near            // number: read a number next to it
        case event           // count: an occurrence of the event
        case value(Int)      // enum: selects `values[n]`

        var isNear: Bool { if case .near = self { true } else { false } }
    }

    /// What a matched phrase means. Plain values only (no arrays or strings): the extractor copies
    /// entries in its per-sentence loop, and on two threads a retained array would be contended.
    struct Entry: Sendable {
        var fact: Int
        var role: Role
        /// For a phrase with gaps ("failed ... physical therapy"): its later parts are
        /// `partList[partListStart[gap]..<partListStart[gap + 1]]`; -1 for a phrase without gaps.
        var gap: Int32 = -1
        /// The fact counts a mention only in a sentence holding one of its anchors (see `anchored`).
        var needsAnchor = false
        /// The note sections the phrase counts in, one bit per section kind (`FactDefinition.noSection`
        /// for text under no heading); 0 for anywhere.
        var sections: UInt32 = 0
        var isGapped: Bool { gap >= 0 }
    }

    /// Words allowed between the parts of a phrase written with "..." (fillers not counted).
    static let maximumGap = 5

    var narrative = PhraseTrie()
    var request = PhraseTrie()
    var entries: [Entry] = []
    /// The later parts of the patterns, interned: equal parts (a concept used after a gap by many
    /// patterns) have one id. Pattern `g`'s later parts are `partList[partListStart[g]..<partListStart[g + 1]]`.
    var partListStart: [Int32] = [0]
    var partList: [Int32] = []
    var partCount = 0
    /// Every later part's alternatives are in the narrative trie too (ids `partID(_:)`), so the walk
    /// that finds a sentence's fact phrases finds where its parts match as well (`PatternScratch`
    /// reads them from the walk's matches: no second walk over the sentence). By narrative trie node,
    /// the parts that end there: `tables.partIDs[nodes[n].partStart..<nodes[n].partEnd]`.
    /// Words a gap passes over without counting them (the lexicon's fillers).
    var fillers = KeyTable([])
    /// The enum values that `Role.value` entries select.
    var values: [String] = []
    /// By fact slot: the fact needs an anchor in the sentence.
    var anchored: [Bool] = []
    /// What a narrative trie node means, its entries and the parts that end there, as raw memory
    /// for the scan's inner loops (see `ScanTables`). By node, one `NodeInfo` record: its entries
    /// are `entries[entryStart..<entryEnd]` (flat, so the extractor reads what a match means without
    /// an array per match), except the plain anchors, which only mark their facts:
    /// `anchorFacts[anchorStart..<anchorEnd]`. By node entry, `firstParts`: a pattern's first later
    /// part (-1 for a phrase without gaps), read before the entry itself: most patterns at a match
    /// cannot complete, their first later part being nowhere in the rest of the sentence, and four
    /// bytes a pattern say so (`PatternScratch.holds`).
    var tables = ScanTables()

    /// What a narrative trie node means: its entries `entries[entryStart..<entryEnd]`, its plain
    /// anchors `anchorFacts[anchorStart..<anchorEnd]`, whether a verdict phrase ends there (see
    /// `FactExtractor.verdictPhrases`: they share the fact phrases' trie, so a sentence is walked once
    /// for both) and whether a measure's word (or scale number) does, so the sentence is read for
    /// measure values (`MeasureReader`). One record read at a match instead of a load from each of
    /// five arrays.
    struct NodeInfo: Sendable {
        var entryStart: Int32 = 0
        var entryEnd: Int32 = 0
        var anchorStart: Int32 = 0
        var anchorEnd: Int32 = 0
        var partStart: Int32 = 0
        var partEnd: Int32 = 0
        var verdict = false
        var measure = false
    }

    /// The id verdict phrases carry in the narrative trie.
    static let verdictID: Int32 = -1
    /// The id measure words carry in the narrative trie.
    static let measureID: Int32 = -2
    /// The id part `p` carries in the narrative trie (below the verdict and measure ids).
    static func partID(_ p: Int32) -> Int32 { -3 - p }

    init(book: RuleBook, verdictPhrases: [String], measureTriggers: [String] = []) {
        // The scan's tables, made here and kept only as `tables` (one copy in memory).
        var nodeInfo: [NodeInfo] = [], nodeEntries: [Entry] = [], entryFirstPart: [Int32] = []
        var anchorFacts: [Int] = [], partIDs: [Int32] = []
        anchored = [Bool](repeating: false, count: book.facts.count)
        let lexicon = book.lexicon
        fillers = KeyTable(lexicon.fillers.map { (Tokenizer.key(of: $0), 1) })
        // Rule books say the same concept in many phrases: a part's alternatives (as trie keys), and a
        // later part's trie, are made once per part text (building them per phrase was most of
        // loading the rules). Equal part texts share one part id.
        var partOfText: [String: Int32] = [:]
        var keysOfPart: [String: PartKeys] = [:]
        let maker = PartKeysMaker(lexicon)
        func parts(of phrase: String) -> [(text: String, keys: PartKeys)] {
            (ConceptLexicon.gapParts(phrase) ?? [phrase]).compactMap { part in
                if let k = keysOfPart[part] { return k.isEmpty ? nil : (part, k) }
                let k = maker.keys(of: part)
                keysOfPart[part] = k
                return k.isEmpty ? nil : (part, k)
            }
        }
        for (slot, f) in book.facts.enumerated() {
            if case .hook = f.source { continue }
            let isRequest = f.source == .request
            func add(_ all: [String], _ role: Role, clause: String) {
                // Phrases limited to sections make entries of their own, one per set of sections.
                var groups: [(mask: UInt32, phrases: [String])] = []
                for p in all {
                    var mask: UInt32 = 0
                    for limit in f.sectionLimits where limit.role == clause && limit.phrases.contains(p) {
                        for k in limit.sections { mask |= 1 << UInt32(k) }
                    }
                    if let g = groups.firstIndex(where: { $0.mask == mask }) { groups[g].phrases.append(p) } else { groups.append((mask, [p])) }
                }
                for g in groups { add(g.phrases, role, sections: g.mask) }
            }
            func add(_ phrases: [String], _ role: Role, sections: UInt32) {
                guard !phrases.isEmpty else { return }
                let id = Int32(entries.count)
                entries.append(Entry(fact: slot, role: role, sections: sections))
                for p in phrases {
                    let parts = parts(of: p)
                    guard let first = parts.first else { continue }
                    var trieID = id
                    if parts.count > 1 {
                        // A pattern is its own entry: its first part's alternatives go in the trie, the
                        // other parts are checked on a match.
                        trieID = Int32(entries.count)
                        entries.append(Entry(fact: slot, role: role, gap: Int32(partListStart.count - 1), sections: sections))
                        for (text, alternatives) in parts.dropFirst() {
                            let part: Int32
                            if let known = partOfText[text] {
                                part = known
                            } else {
                                part = Int32(partCount)
                                partCount += 1
                                partOfText[text] = part
                                // Word alternatives only: a walk never starts a match at a punctuation mark.
                                alternatives.addWords(to: &narrative, id: Self.partID(part))
                            }
                            partList.append(part)
                        }
                        partListStart.append(Int32(partList.count))
                    }
                    if isRequest { first.keys.add(to: &request, id: trieID) } else { first.keys.add(to: &narrative, id: trieID) }
                }
            }
            switch f.kind {
            case .bool:
                add(f.phrases, .affirm, clause: "phrases")
                add(f.denials, .deny, clause: "deny")
                add(f.negatives, .negative, clause: "negative")
            case .number:
                add(f.near, .near, clause: "near")
            case .count:
                add(f.events, .event, clause: "events")
                add(f.negatives, .negative, clause: "negative")
                add(f.near, .near, clause: "near")
            case .enumeration:
                for (value, phrases) in f.valuePhrases {
                    add(phrases, .value(values.count), clause: "value")
                    values.append(value)
                }
            default: break
            }
            if !f.exceptions.isEmpty, !isRequest { add(f.exceptions, .except, clause: "except") }
            if !f.anchors.isEmpty, !isRequest {
                add(f.anchors, .anchor, clause: "anchor")
                anchored[slot] = true
            }
        }
        for p in verdictPhrases { narrative.add(p, id: Self.verdictID) }
        for p in measureTriggers { narrative.add(p, id: Self.measureID) }
        nodeInfo = [NodeInfo](repeating: NodeInfo(), count: narrative.nodeCount)
        for n in 0..<narrative.nodeCount {
            nodeInfo[n].entryStart = Int32(nodeEntries.count)
            nodeInfo[n].anchorStart = Int32(anchorFacts.count)
            nodeInfo[n].partStart = Int32(partIDs.count)
            for id in narrative.ids(at: Int32(n)) {
                if id == Self.verdictID { nodeInfo[n].verdict = true; continue }
                if id == Self.measureID { nodeInfo[n].measure = true; continue }
                if id < Self.measureID {
                    let part = Self.partID(id)  // its own inverse
                    if !partIDs[Int(nodeInfo[n].partStart)...].contains(part) { partIDs.append(part) }
                    continue
                }
                var e = entries[Int(id)]
                e.needsAnchor = anchored[e.fact]
                if case .anchor = e.role, !e.isGapped, e.sections == 0 { anchorFacts.append(e.fact) } else { nodeEntries.append(e) }
            }
            nodeInfo[n].entryEnd = Int32(nodeEntries.count)
            nodeInfo[n].anchorEnd = Int32(anchorFacts.count)
            nodeInfo[n].partEnd = Int32(partIDs.count)
        }
        entryFirstPart = nodeEntries.map { $0.isGapped ? partList[Int(partListStart[Int($0.gap)])] : -1 }
        tables = ScanTables(nodes: nodeInfo, entries: nodeEntries, firstParts: entryFirstPart, anchorFacts: anchorFacts, partIDs: partIDs,
                            passing: nodeEntries.map(Passing.init))
    }
}

/// What a scan for some facts does with a node entry of a fact it does not want, read without the
/// entry itself (`FactExtractor.scan`: most entries at a match are other facts'; a call per entry was
/// the predicting scan's largest cost of its own).
struct Passing {
    /// The entry's fact; -1 for an anchor, which every scan reads (other facts' mentions need it).
    var fact: Int32
    var kind: Kind

    enum Kind: UInt8 {
        /// Its span hides no mention (a number's phrase, another cause's, a pattern): passed over.
        case ignored
        /// Its span can hide a shorter mention wherever it stands.
        case hides
        /// Its span can hide a mention in its sections only (`FactExtractor.passesOver` tests them).
        case hidesInSections
    }

    init(_ e: FactPhraseIndex.Entry) {
        if case .anchor = e.role { fact = -1 } else { fact = Int32(e.fact) }
        switch e.role {
        case .near, .except: kind = .ignored
        default: kind = e.isGapped ? .ignored : e.sections != 0 ? .hidesInSections : .hides
        }
    }
}

/// The tables the narrative scan reads at every match (by node, a `FactPhraseIndex.NodeInfo`; by
/// entry, the entry and its first later part; the plain anchors' facts; the parts by node), in raw
/// memory made once with the index and never changed: the scan's inner loops read them without a
/// bounds check, or a reference count, per read.
final class ScanTables: @unchecked Sendable {
    let nodes: UnsafeMutablePointer<FactPhraseIndex.NodeInfo>
    let entries: UnsafeMutablePointer<FactPhraseIndex.Entry>
    let firstParts: UnsafeMutablePointer<Int32>
    let anchorFacts: UnsafeMutablePointer<Int>
    let partIDs: UnsafeMutablePointer<Int32>
    /// By node entry, what a scan that does not want its fact does with it.
    let passing: UnsafeMutablePointer<Passing>

    init(nodes: [FactPhraseIndex.NodeInfo] = [], entries: [FactPhraseIndex.Entry] = [], firstParts: [Int32] = [], anchorFacts: [Int] = [],
         partIDs: [Int32] = [], passing: [Passing] = []) {
        func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(a.count, 1))
            a.withUnsafeBufferPointer { if let base = $0.baseAddress { p.initialize(from: base, count: a.count) } }
            return p
        }
        self.nodes = copy(nodes)
        self.entries = copy(entries)
        self.firstParts = copy(firstParts)
        self.anchorFacts = copy(anchorFacts)
        self.partIDs = copy(partIDs)
        self.passing = copy(passing)
    }

    deinit {
        // Plain values: nothing to deinitialize.
        nodes.deallocate(); entries.deallocate(); firstParts.deallocate(); anchorFacts.deallocate(); partIDs.deallocate()
        passing.deallocate()
    }
}

/// A part's alternatives as a trie stores them (`PhraseTrie.keys(of:)`), in one list of word keys:
/// alternative `i` is `keys[spans[i].lo..<spans[i].hi]`, or the punctuation mark `keys[lo]` when `hi`
/// is -1 (no array per alternative: a rule book has a hundred thousand).
struct PartKeys {
    var keys: [UInt64] = []
    var spans: [(lo: Int32, hi: Int32)] = []
    var isEmpty: Bool { spans.isEmpty }

    init() {}

    init(_ alternatives: [String]) {
        spans.reserveCapacity(alternatives.count)
        for a in alternatives { append(a) }
    }

    /// Adds an alternative, tokenized.
    mutating func append(_ alternative: String) {
        let lo = Int32(keys.count)
        let (tokens, first) = Tokenizer.phraseKeys(alternative, into: &keys)
        close(from: lo, tokens: tokens, first: first)
    }

    /// Ends the alternative whose word keys were appended to `keys` from `lo` on: it had `tokens`
    /// tokens, the first keyed `first`.
    mutating func close(from lo: Int32, tokens: Int, first: UInt64) {
        if Int32(keys.count) > lo {
            spans.append((lo, Int32(keys.count)))
        } else if tokens == 1 {
            keys.append(first)
            spans.append((lo, -1))
        } else {
            spans.append((lo, lo))  // no word and not one mark: added to no trie
        }
    }

    /// Most variants one alternative gets from `same` words (a phrase of many abbreviable words).
    static let maximumVariants = 16

    /// These alternatives followed by their variants: each alternative with one or more of its words
    /// replaced by a `same` word ("symptom" → "sx"), at most `maximumVariants` per alternative.
    func withEquivalents(_ equivalents: [UInt64: [UInt64]], filter: KeyFilter) -> PartKeys {
        var out = self
        for s in spans where s.hi > s.lo {
            guard keys[Int(s.lo)..<Int(s.hi)].contains(where: { filter.mayContain($0) && equivalents[$0] != nil }) else { continue }
            let words = Array(keys[Int(s.lo)..<Int(s.hi)])
            var variants: [[UInt64]] = [words]
            for (i, w) in words.enumerated() {
                guard let others = equivalents[w] else { continue }
                for v in variants where variants.count < Self.maximumVariants + 1 {
                    for o in others where variants.count < Self.maximumVariants + 1 {
                        var next = v
                        next[i] = o
                        variants.append(next)
                    }
                }
            }
            for v in variants.dropFirst() {
                let lo = Int32(out.keys.count)
                out.keys.append(contentsOf: v)
                out.spans.append((lo, Int32(out.keys.count)))
            }
        }
        return out
    }

    /// Adds every alternative to `trie` with `id` (as `PhraseTrie.add(_:id:)` adds a phrase).
    func add(to trie: inout PhraseTrie, id: Int32) {
        for s in spans {
            if s.hi < 0 {
                trie.add(punctuation: keys[Int(s.lo)], id: id)
            } else if s.hi > s.lo {
                trie.add(keys: keys[Int(s.lo)..<Int(s.hi)], id: id)
            }
        }
    }

    /// `add(to:id:)` without the alternatives that are one punctuation mark.
    func addWords(to trie: inout PhraseTrie, id: Int32) {
        for s in spans where s.hi > s.lo { trie.add(keys: keys[Int(s.lo)..<Int(s.hi)], id: id) }
    }
}

extension FactPhraseIndex {
    /// Completes a gapped phrase whose first part matched `first`: the token range of the whole
    /// phrase, or nil when a later part does not follow within the gap (inside `limit`). The tokens
    /// of each gap (between the end of a part and the start of the next) are appended to `gapsOut`:
    /// a negation there is not part of the phrase ("pain does not radiate to the leg").
    func complete(_ entry: Entry, first: Range<Int>, tokens: [Token], limit: Int, gapsOut: inout [Range<Int>]) -> Range<Int>? {
        var end = first.upperBound
        let mark = gapsOut.count
        tokens.withUnsafeBufferPointer { buffer in
            let g = Int(entry.gap)
            for k in Int(partListStart[g])..<Int(partListStart[g + 1]) {
                let part = partList[k]
                var found: Int?
                var words = 0
                var j = end
                while j < limit, words <= Self.maximumGap {
                    if !buffer[j].isPunct {
                        // The longest of the part's alternatives starting here (the last node of the
                        // walk where one of them ends).
                        var longest = -1
                        narrative.allMatches(in: buffer, at: j, end: limit) { e, node in
                            let info = tables.nodes[Int(node)]
                            for n in Int(info.partStart)..<Int(info.partEnd) where tables.partIDs[n] == part { longest = e }
                        }
                        if longest >= 0 {
                            if j > end { gapsOut.append(end..<j) }
                            found = longest
                            break
                        }
                        if !buffer[j].hasDigits, fillers.flags(buffer[j].key) == 0 { words += 1 }
                    }
                    j += 1
                }
                guard let e = found else { end = -1; return }
                end = e
            }
        }
        guard end >= 0 else {
            gapsOut.removeSubrange(mark...)
            return nil
        }
        return first.lowerBound..<end
    }
}

/// A narrative scan's scratch for completing patterns (`FactPhraseIndex.complete` without a trie walk
/// per gap position): for the sentence being read, where each later part matches, read from the
/// narrative trie's matches of the sentence (the parts' alternatives are in that trie) when the
/// sentence first needs a pattern completed. A part then
/// follows at its first match after the previous part's end when at most `maximumGap` counted words
/// (neither punctuation nor fillers) stand between them — what the walk of `complete` finds.
/// Plain memory allocated once per scan (used by one thread: no exclusivity checks).
final class PatternScratch {
    private struct Record { var part: Int32; var start: Int32; var end: Int32 }
    @exclusivity(unchecked) private var sentence = -1
    /// By part: the sentence its list was made for, and its list `starts/ends[first[p]..<last[p]]`
    /// (in token order, the longest match at each start).
    private let stamp: UnsafeMutablePointer<Int32>
    private let count: UnsafeMutablePointer<Int32>
    private let first: UnsafeMutablePointer<Int32>
    private let last: UnsafeMutablePointer<Int32>
    private let partCount: Int
    @exclusivity(unchecked) private var capacity = 0
    @exclusivity(unchecked) private var records: UnsafeMutablePointer<Record>
    @exclusivity(unchecked) private var starts: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var ends: UnsafeMutablePointer<Int32>

    init(parts: Int) {
        // One block for the four lists by part and one for the starts and ends (a scratch is made
        // for every scan: seven allocations and a stamp loop were a fixed cost of each rationale).
        partCount = max(parts, 1)
        stamp = .allocate(capacity: 4 * partCount)
        // -1 in every stamp: all bytes 0xFF, one memset.
        UnsafeMutableRawPointer(stamp).initializeMemory(as: UInt8.self, repeating: 0xFF, count: partCount * MemoryLayout<Int32>.stride)
        UnsafeMutableRawPointer(stamp).bindMemory(to: Int32.self, capacity: 4 * partCount)
        // A part's count, first and last are written (for the sentence its stamp names) before they
        // are read: only the stamps need a value up front.
        count = stamp + partCount
        first = stamp + 2 * partCount
        last = stamp + 3 * partCount
        capacity = 256
        records = .allocate(capacity: capacity)
        starts = .allocate(capacity: 2 * capacity)
        ends = starts + capacity
    }

    deinit {
        stamp.deallocate()
        records.deallocate(); starts.deallocate()
    }

    private func grow() {
        let bigger = capacity * 2
        let r = UnsafeMutablePointer<Record>.allocate(capacity: bigger)
        r.update(from: records, count: capacity)
        records.deallocate()
        records = r
        starts.deallocate()
        starts = .allocate(capacity: 2 * bigger)
        ends = starts + bigger
        capacity = bigger
    }

    /// Lists where each part matches in sentence `s` from token `from` on, from the sentence's
    /// narrative trie matches (in start order, and at one start in end order: as a walk finds them).
    private func prepare(_ s: Int, from: Int, _ matches: [PhraseTrie.NodeMatch], _ tables: ScanTables) {
        sentence = s
        var n = 0
        let stamp32 = Int32(truncatingIfNeeded: s)
        let from32 = Int32(truncatingIfNeeded: from)
        matches.withUnsafeBufferPointer { matches in
            for m in matches where m.start >= from32 {
                let node = tables.nodes[Int(m.node)]
                for k in Int(node.partStart)..<Int(node.partEnd) {
                    if n == capacity { grow() }
                    records[n] = Record(part: tables.partIDs[k], start: m.start, end: m.end)
                    n += 1
                }
            }
        }
        // Group the matches by part (a counting sort, stable: each part's list stays in token order).
        for r in 0..<n {
            let p = Int(records[r].part)
            if stamp[p] != stamp32 { stamp[p] = stamp32; count[p] = 0 }
            count[p] += 1
        }
        var offset: Int32 = 0
        for r in 0..<n {
            let record = records[r]
            let p = Int(record.part)
            if count[p] > 0 {
                first[p] = offset
                last[p] = offset
                offset += count[p]
                count[p] = 0
            }
            let at = Int(last[p])
            if at > Int(first[p]), starts[at - 1] == record.start {
                ends[at - 1] = record.end  // a longer alternative at the same start
            } else {
                starts[at] = record.start
                ends[at] = record.end
                last[p] += 1
            }
        }
    }

    /// Whether `part` matches in sentence `s` (token range `range`) at or after the start of `firstPart`,
    /// the first part of a pattern matched there: when it does not, `complete` fails at that part. The
    /// sentence's parts are found here when it is the first pattern of the sentence, as `complete` would.
    @inline(__always)
    func holds(_ part: Int32, first firstPart: Range<Int>, sentence s: Int, matches: [PhraseTrie.NodeMatch], tables: ScanTables) -> Bool {
        if sentence != s { prepare(s, from: firstPart.lowerBound, matches, tables) }
        return stamp[Int(part)] == Int32(truncatingIfNeeded: s)
    }

    /// `FactPhraseIndex.complete` for a match in sentence `s` (token range `range`) of the narrative scan.
    func complete(_ entry: FactPhraseIndex.Entry, first firstPart: Range<Int>, sentence s: Int, matches: [PhraseTrie.NodeMatch],
                  tables: ScanTables, tokens: [Token], index: FactPhraseIndex, gapsOut: inout [Range<Int>]) -> Range<Int>? {
        tokens.withUnsafeBufferPointer { tokens in
            // The sentence's matches come in start order, so no later pattern of it looks before
            // this one's first part: the parts are listed from there.
            if sentence != s { prepare(s, from: firstPart.lowerBound, matches, tables) }
            var end = firstPart.upperBound
            let mark = gapsOut.count
            let g = Int(entry.gap)
            let stamp32 = Int32(truncatingIfNeeded: s)
            for k in Int(index.partListStart[g])..<Int(index.partListStart[g + 1]) {
                let p = Int(index.partList[k])
                var j = -1, e = 0
                if stamp[p] == stamp32 {
                    // The first match starting at `end` or later (a binary search: a long sentence,
                    // a table or repeated text, can hold thousands).
                    var lo = Int(first[p]), hi = Int(last[p])
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        if Int(starts[mid]) < end { lo = mid + 1 } else { hi = mid }
                    }
                    if lo < Int(last[p]) { j = Int(starts[lo]); e = Int(ends[lo]) }
                }
                if j > end {
                    // At most `maximumGap` counted words before the part.
                    var words = 0
                    // Numbers are not counted: a dose or a date inside a phrase ("nortriptyline 25 mg at
                    // bedtime for 6 weeks gave no relief") says nothing about how far apart its words are.
                    for t in end..<j where !tokens[t].isPunct && !tokens[t].hasDigits && index.fillers.flags(tokens[t].key) == 0 {
                        words += 1
                        if words > FactPhraseIndex.maximumGap { j = -1; break }
                    }
                }
                guard j >= 0 else {
                    gapsOut.removeLast(gapsOut.count - mark)
                    return nil
                }
                if j > end { gapsOut.append(end..<j) }
                end = e
            }
            return firstPart.lowerBound..<end
        }
    }
}
