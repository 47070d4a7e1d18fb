/// Each fact's evidence, in the order it was added: `evidence[slot]`.
///
/// One shared array with a chain per fact rather than an array per fact: a set is made for every
/// item, most of its facts have no evidence, and making and freeing hundreds of empty arrays (and
/// growing the few that fill) was a third of combining an item's facts.
public struct EvidenceLists: Sendable {
    private var entries: [Entry] = []
    private var chains: [Chain]

    private struct Entry {
        var evidence: FactEvidence
        /// The next entry of the same fact (-1: the last).
        var next: Int32
    }

    private struct Chain {
        var first: Int32 = -1
        var last: Int32 = -1
        var count: Int32 = 0
    }

    package init(count: Int) {
        chains = Array(repeating: Chain(), count: count)
    }

    /// A fact's evidence; setting it replaces what the fact had.
    public subscript(slot: Int) -> [FactEvidence] {
        get {
            var out: [FactEvidence] = []
            out.reserveCapacity(count(of: slot))
            forEach(of: slot) { out.append(copy $0) }
            return out
        }
        set {
            chains[slot] = Chain()
            for e in newValue { append(e, to: slot) }
        }
    }

    public func count(of slot: Int) -> Int { Int(chains[slot].count) }

    /// Calls `body` with each of a fact's evidence in order, in place (a copy retains its strings).
    package func forEach(of slot: Int, _ body: (borrowing FactEvidence) -> Void) {
        entries.withUnsafeBufferPointer { entries in
            var i = chains[slot].first
            while i >= 0 {
                body(entries[Int(i)].evidence)
                i = entries[Int(i)].next
            }
        }
    }

    /// Whether some of a fact's evidence satisfies `test` (read in place).
    package func contains(of slot: Int, where test: (borrowing FactEvidence) -> Bool) -> Bool {
        entries.withUnsafeBufferPointer { entries in
            var i = chains[slot].first
            while i >= 0 {
                if test(entries[Int(i)].evidence) { return true }
                i = entries[Int(i)].next
            }
            return false
        }
    }

    package mutating func append(_ e: consuming FactEvidence, to slot: Int) {
        let index = Int32(entries.count)
        entries.append(Entry(evidence: e, next: -1))
        if chains[slot].last >= 0 { entries[Int(chains[slot].last)].next = index } else { chains[slot].first = index }
        chains[slot].last = index
        chains[slot].count += 1
    }

    /// Room for `n` more entries in all.
    package mutating func reserveCapacity(_ n: Int) {
        entries.reserveCapacity(entries.count + n)
    }
}
