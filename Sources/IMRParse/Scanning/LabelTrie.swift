/// Headings and labels tried together at one position (a line start): one walk over the text in a
/// prefix tree instead of one comparison per phrase, so "medical treatment guideline(s) used by the
/// claims administrator:" and "… used by the expert reviewer:" compare their common bytes once.
///
/// A match is exactly what `Phrase.match` gives for each phrase: ASCII case is ignored, a space in
/// a phrase matches any run of white space (or none), and a phrase that starts with a letter or digit
/// matches only at the start of a word.
struct LabelTrie: Sendable {
    /// The whole tree in one array of integers (one buffer to reach, nothing to retain per node):
    /// `data[0..<256]` holds the node for each lower-case first byte (or -1); a node at offset `o` is
    /// eight integers — its label `data[data[o]..<data[o + 1]]` (the lower-case bytes on the way into
    /// it, 32 for "optional white space", see `labelEntry`; a chain of single children is one node,
    /// so most of a walk is a tight loop as in `Phrase.match`), its children
    /// `data[data[o + 2]..<data[o + 3]]`, the phrases that end there `data[data[o + 4]..<data[o + 5]]`,
    /// and the label's whole groups of eight bytes packed for comparing a word at a time
    /// `data[data[o + 6]..<data[o + 7]]` (see `appendPackedLabel`).
    private let data: [Int32]

    /// A tree of `phrases` (none empty); matches report their index in this list.
    init(_ phrases: [Phrase]) {
        // A plain trie of bytes first, each node's children and phrases as linked lists (no array
        // per node: a table of a few thousand phrases is built at every process start).
        var trie = Plain()
        trie.reserve(phrases.reduce(0) { $0 + $1.needle.count } + 1)
        for (k, phrase) in phrases.enumerated() {
            precondition(!phrase.needle.isEmpty, "a label trie holds no empty phrase")
            var node = 0
            for b in phrase.needle { node = trie.child(of: node, b) }
            trie.addEnd(node, Int32(k))
        }
        var data = [Int32](repeating: -1, count: 256)
        data.reserveCapacity(256 + 16 * trie.byte.count)
        var t = trie.firstKid[0]
        while t >= 0 {
            data[Int(trie.byte[t])] = LabelTrie.emit(t, trie, into: &data)
            t = trie.sibling[t]
        }
        self.data = data
    }

    /// The unfolded trie the tree is built from.
    private struct Plain {
        var byte: [UInt8] = [0]
        /// The node's last-added child (children are listed newest first, as `sibling` links them).
        var firstKid: [Int] = [-1]
        var sibling: [Int] = [-1]
        /// The phrases that end at the node, in the order added: `firstEnd` and `lastEnd` index
        /// `ends`, whose entries link on through `nextEnd` (-1 at the end of a list).
        var firstEnd: [Int32] = [-1]
        var lastEnd: [Int32] = [-1]
        var ends: [Int32] = []
        var nextEnd: [Int32] = []

        mutating func reserve(_ nodes: Int) {
            byte.reserveCapacity(nodes)
            firstKid.reserveCapacity(nodes)
            sibling.reserveCapacity(nodes)
            firstEnd.reserveCapacity(nodes)
            lastEnd.reserveCapacity(nodes)
        }

        /// The child of `node` entered by `b`, added if need be.
        mutating func child(of node: Int, _ b: UInt8) -> Int {
            var c = firstKid[node]
            while c >= 0, byte[c] != b { c = sibling[c] }
            if c >= 0 { return c }
            byte.append(b)
            firstKid.append(-1)
            sibling.append(firstKid[node])
            firstEnd.append(-1)
            lastEnd.append(-1)
            firstKid[node] = byte.count - 1
            return byte.count - 1
        }

        /// Records that phrase `k` ends at `node` (after those already recorded there).
        mutating func addEnd(_ node: Int, _ k: Int32) {
            let e = Int32(ends.count)
            ends.append(k)
            nextEnd.append(-1)
            if lastEnd[node] >= 0 { nextEnd[Int(lastEnd[node])] = e } else { firstEnd[node] = e }
            lastEnd[node] = e
        }
    }

    /// Appends the node entered at trie node `t`, folding its chain of single children; returns its
    /// offset. The node's header, label, packed label, phrases and child offsets come first, then
    /// the children's nodes (their offsets filled in as each is appended).
    private static func emit(_ t: Int, _ trie: Plain, into data: inout [Int32]) -> Int32 {
        let o = data.count
        for _ in 0..<8 { data.append(0) }
        data[o] = Int32(data.count)
        var u = t
        data.append(labelEntry(trie.byte[u]))
        while trie.firstEnd[u] < 0, trie.firstKid[u] >= 0, trie.sibling[trie.firstKid[u]] < 0 {
            u = trie.firstKid[u]
            data.append(labelEntry(trie.byte[u]))
        }
        data[o + 1] = Int32(data.count)
        data[o + 6] = Int32(data.count)
        appendPackedLabel(Int(data[o])..<Int(data[o + 1]), in: &data)
        data[o + 7] = Int32(data.count)
        data[o + 4] = Int32(data.count)
        var e = trie.firstEnd[u]
        while e >= 0 { data.append(trie.ends[Int(e)]); e = trie.nextEnd[Int(e)] }
        data[o + 5] = Int32(data.count)
        // The children's offsets, in sibling order, filled in once each child is appended.
        let kids = data.count
        var c = trie.firstKid[u]
        while c >= 0 { data.append(0); c = trie.sibling[c] }
        data[o + 2] = Int32(kids)
        data[o + 3] = Int32(data.count)
        var slot = kids
        c = trie.firstKid[u]
        while c >= 0 {
            let child = emit(c, trie, into: &data)
            data[slot] = child
            slot += 1
            c = trie.sibling[c]
        }
        return Int32(o)
    }

    /// The label's whole groups of eight entries, each as four integers: the eight bytes as a
    /// little-endian word (low half, high half) and what to OR into eight text bytes before comparing
    /// (low half, high half). A white-space entry stands for one space byte here: a text with a single
    /// space there matches the group, any other white space falls back to the entries (see `walk`).
    private static func appendPackedLabel(_ label: Range<Int>, in data: inout [Int32]) {
        var k = label.lowerBound
        while k + 8 <= label.upperBound {
            var word: UInt64 = 0, mask: UInt64 = 0
            for b in 0..<8 {
                let entry = data[k + b]
                word |= UInt64(UInt8(truncatingIfNeeded: entry)) << UInt64(8 * b)
                mask |= UInt64(UInt8(truncatingIfNeeded: entry >> 8)) << UInt64(8 * b)
            }
            data.append(Int32(bitPattern: UInt32(truncatingIfNeeded: word)))
            data.append(Int32(bitPattern: UInt32(truncatingIfNeeded: word >> 32)))
            data.append(Int32(bitPattern: UInt32(truncatingIfNeeded: mask)))
            data.append(Int32(bitPattern: UInt32(truncatingIfNeeded: mask >> 32)))
            k += 8
        }
    }

    /// A label byte with, above it, what to OR into a text byte before comparing: 0x20 for a letter
    /// (so "A" and "a" both give "a"), nothing for any other byte.
    private static func labelEntry(_ b: UInt8) -> Int32 {
        Int32(b) | (b >= 97 && b <= 122 ? 0x20 << 8 : 0)
    }

    /// The longest match at `start`; of equally long ones, the phrase listed first.
    func longestMatch(_ bytes: [UInt8], at start: Int, end: Int) -> (index: Int, end: Int)? {
        var found = Found()
        search(bytes, at: start, end: end, &found)
        return found.index >= 0 ? (found.index, found.end) : nil
    }

    /// Marks in `found` every phrase that matches at `start`.
    func markMatches(_ bytes: [UInt8], at start: Int, end: Int, into found: inout [Bool]) {
        found.withUnsafeMutableBufferPointer { marks in
            var f = Found(marks: marks.baseAddress)
            search(bytes, at: start, end: end, &f)
        }
    }

    /// Marks in `found` every phrase that matches at any of `starts`: `markMatches(_:at:end:into:)`
    /// for each, with the buffers reached once (a letter asks at every line start).
    func markMatches(_ bytes: [UInt8], atEach starts: [Int], end: Int, into found: inout [Bool]) {
        guard end <= bytes.count else { return }
        found.withUnsafeMutableBufferPointer { marks in
            data.withUnsafeBufferPointer { d in
                bytes.withUnsafeBufferPointer { text in
                    var f = Found(marks: marks.baseAddress)
                    for start in starts where start >= 0 && start < end {
                        let node = Int(d[Int(TextScan.lower(text[start]))])
                        guard node >= 0 else { continue }
                        if TextScan.isAlnum(text[start]), start > 0, TextScan.isAlnum(text[start - 1]) { continue }
                        LabelTrie.walk(d, text, end, node, start, &f)
                    }
                }
            }
        }
    }

    /// What a search found: the longest match, and every match marked when `marks` is given.
    private struct Found {
        var marks: UnsafeMutablePointer<Bool>? = nil
        var index = -1
        var end = -1

        @inline(__always)
        mutating func add(_ k: Int, _ e: Int) {
            marks?[k] = true
            if e > end || (e == end && k < index) { index = k; end = e }
        }
    }

    @inline(__always)
    private func search(_ bytes: [UInt8], at start: Int, end: Int, _ found: inout Found) {
        guard start >= 0, start < end, end <= bytes.count else { return }
        data.withUnsafeBufferPointer { d in
            let node = Int(d[Int(TextScan.lower(bytes[start]))])
            guard node >= 0 else { return }
            bytes.withUnsafeBufferPointer { text in
                if TextScan.isAlnum(text[start]), start > 0, TextScan.isAlnum(text[start - 1]) { return }
                LabelTrie.walk(d, text, end, node, start, &found)
            }
        }
    }

    /// Follows the text from the label of the node at offset `node`, at `i`. A node rarely has both
    /// a child that starts with white space and one that starts with the next byte; then the first is
    /// explored by recursion.
    private static func walk(_ d: UnsafeBufferPointer<Int32>, _ text: UnsafeBufferPointer<UInt8>, _ end: Int,
                             _ node: Int, _ i: Int, _ found: inout Found) {
        var node = node, i = i
        while true {
            var j = Int(d[node])
            let labelEnd = Int(d[node + 1])
            // Eight label bytes at a time while the text follows the label with single spaces (a walk
            // along a real label is long); a group that differs is compared entry by entry below,
            // which reads white space runs and tells a mismatch.
            var p = Int(d[node + 6])
            let packedEnd = Int(d[node + 7])
            while p < packedEnd, i + 8 <= end {
                let w = UnsafeRawPointer(text.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let word = UInt64(UInt32(bitPattern: d[p])) | UInt64(UInt32(bitPattern: d[p + 1])) << 32
                let mask = UInt64(UInt32(bitPattern: d[p + 2])) | UInt64(UInt32(bitPattern: d[p + 3])) << 32
                guard w | mask == word else { break }
                i += 8
                j += 8
                p += 4
                // White space that ends the group may run on past its one space.
                if UInt8(truncatingIfNeeded: d[j - 1]) == 32 { while i < end, TextScan.isSpace(text[i]) { i += 1 } }
            }
            while j < labelEnd {
                let entry = d[j]
                let c = UInt8(truncatingIfNeeded: entry)
                if c == 32 {
                    while i < end, TextScan.isSpace(text[i]) { i += 1 }
                } else {
                    guard i < end, text[i] | UInt8(truncatingIfNeeded: entry >> 8) == c else { return }
                    i += 1
                }
                j += 1
            }
            var t = Int(d[node + 4])
            while t < Int(d[node + 5]) { found.add(Int(d[t]), i); t += 1 }
            let c: Int32 = i < end ? Int32(TextScan.lower(text[i])) : -1
            var next = -1
            var q = Int(d[node + 2])
            let last = Int(d[node + 3])
            while q < last {
                let child = Int(d[q])
                q += 1
                let f = d[Int(d[child])] & 0xFF
                guard f == 32 || f == c else { continue }
                if next >= 0 { walk(d, text, end, next, i, &found) }
                next = child
            }
            guard next >= 0 else { return }
            node = next
        }
    }
}
