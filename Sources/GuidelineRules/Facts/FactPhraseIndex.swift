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
        case near            // number: read a number next to it
        case event           // count: an occurrence of the event
        case value(Int)      // enum: selects `values[n]`
    }

    /// What a matched phrase means. Plain values only (no arrays or strings): the extractor copies
    /// entries in its per-sentence loop, and on two threads a retained array would be contended.
    struct Entry: Sendable {
        var fact: Int
        var role: Role
        /// For a phrase with gaps ("failed ... physical therapy"): index into `gaps`, else -1.
        var gap: Int32 = -1
        /// The fact counts a mention only in a sentence holding one of its anchors (see `anchored`).
        var needsAnchor = false
        var isGapped: Bool { gap >= 0 }
    }

    /// Words allowed between the parts of a phrase written with "...".
    static let maximumGap = 5

    var narrative = PhraseTrie()
    var request = PhraseTrie()
    var entries: [Entry] = []
    /// The word keys of each part after the first of a gapped phrase, which must follow in order,
    /// each within `maximumGap` words of the previous.
    var gaps: [[[UInt64]]] = []
    /// The enum values that `Role.value` entries select.
    var values: [String] = []
    /// By fact slot: the fact needs an anchor in the sentence.
    var anchored: [Bool] = []
    /// By narrative trie node: its entries are `nodeEntries[entryStart[n]..<entryStart[n + 1]]`
    /// (flat, so the extractor reads what a match means without an array per match), except the
    /// plain anchors, which only mark their facts: `anchorFacts[anchorStart[n]..<anchorStart[n + 1]]`.
    var entryStart: [Int32] = []
    var nodeEntries: [Entry] = []
    var anchorStart: [Int32] = []
    var anchorFacts: [Int] = []
    /// By narrative trie node: a verdict phrase ends there (see `FactExtractor.verdictPhrases`).
    /// The verdict phrases share the fact phrases' trie, so a sentence is walked once for both.
    var verdictNodes: [Bool] = []

    /// The id verdict phrases carry in the narrative trie.
    static let verdictID: Int32 = -1

    init(book: RuleBook, verdictPhrases: [String]) {
        anchored = [Bool](repeating: false, count: book.facts.count)
        for (slot, f) in book.facts.enumerated() {
            if case .hook = f.source { continue }
            let isRequest = f.source == .request
            func add(_ phrases: [String], _ role: Role) {
                guard !phrases.isEmpty else { return }
                let id = Int32(entries.count)
                entries.append(Entry(fact: slot, role: role))
                for p in phrases {
                    if let gapped = Self.gapParts(p) {
                        // Each gapped phrase is its own entry: its first part goes in the trie, the rest is checked on a match.
                        let parts = gapped.map { Tokenizer.keys(ofPhrase: $0) }.filter { !$0.isEmpty }
                        guard let first = parts.first else { continue }
                        let gid = Int32(entries.count)
                        entries.append(Entry(fact: slot, role: role, gap: Int32(gaps.count)))
                        gaps.append(Array(parts.dropFirst()))
                        if isRequest { request.add(keys: first, id: gid) } else { narrative.add(keys: first, id: gid) }
                        continue
                    }
                    if isRequest { request.add(p, id: id) } else { narrative.add(p, id: id) }
                }
            }
            switch f.kind {
            case .bool:
                add(f.phrases, .affirm)
                add(f.denials, .deny)
                add(f.negatives, .negative)
            case .number:
                add(f.near, .near)
            case .count:
                add(f.events, .event)
                add(f.near, .near)
            case .enumeration:
                for (value, phrases) in f.valuePhrases {
                    add(phrases, .value(values.count))
                    values.append(value)
                }
            default: break
            }
            if !f.anchors.isEmpty, !isRequest {
                add(f.anchors, .anchor)
                anchored[slot] = true
            }
        }
        for p in verdictPhrases { narrative.add(p, id: Self.verdictID) }
        verdictNodes = [Bool](repeating: false, count: narrative.nodeCount)
        entryStart.reserveCapacity(narrative.nodeCount + 1)
        anchorStart.reserveCapacity(narrative.nodeCount + 1)
        for n in 0..<narrative.nodeCount {
            entryStart.append(Int32(nodeEntries.count))
            anchorStart.append(Int32(anchorFacts.count))
            for id in narrative.ids(at: Int32(n)) {
                if id == Self.verdictID { verdictNodes[n] = true; continue }
                var e = entries[Int(id)]
                e.needsAnchor = anchored[e.fact]
                if e.role == .anchor, !e.isGapped { anchorFacts.append(e.fact) } else { nodeEntries.append(e) }
            }
        }
        entryStart.append(Int32(nodeEntries.count))
        anchorStart.append(Int32(anchorFacts.count))
    }
}

extension FactPhraseIndex {
    /// A gapped phrase's parts, as `components(separatedBy: "...")` gives them; nil for a phrase
    /// without "...". Read from the bytes: the generic `utf8.contains` and Foundation's search
    /// were a tenth of indexing the phrases, which the rule book does at every start.
    static func gapParts(_ phrase: String) -> [String]? {
        var phrase = phrase
        return phrase.withUTF8 { b -> [String]? in
            let dot = UInt8(ascii: ".")
            var parts: [String] = []
            var start = 0, i = 0
            while i + 3 <= b.count {
                if b[i] == dot, b[i + 1] == dot, b[i + 2] == dot {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                    i += 3
                    start = i
                } else {
                    i += 1
                }
            }
            guard !parts.isEmpty else { return nil }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self))
            return parts
        }
    }

    /// Completes a gapped phrase whose first part matched `first`: the token range of the whole
    /// phrase, or nil when a later part does not follow within the gap (inside `limit`).
    func complete(_ entry: Entry, first: Range<Int>, tokens: [Token], limit: Int) -> Range<Int>? {
        var end = first.upperBound
        for part in gaps[Int(entry.gap)] {
            var found: Int?
            var words = 0
            var j = end
            while j < limit, words <= Self.maximumGap {
                if !tokens[j].isPunct {
                    if let e = Self.match(part, tokens: tokens, at: j, limit: limit) { found = e; break }
                    words += 1
                }
                j += 1
            }
            guard let e = found else { return nil }
            end = e
        }
        return first.lowerBound..<end
    }

    /// The end of `keys` matched as consecutive words at `start` (punctuation skipped).
    private static func match(_ keys: [UInt64], tokens: [Token], at start: Int, limit: Int) -> Int? {
        var j = start
        for key in keys {
            while j < limit, tokens[j].isPunct { j += 1 }
            guard j < limit, tokens[j].key == key else { return nil }
            j += 1
        }
        return j
    }
}
