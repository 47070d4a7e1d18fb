/// A set of phrases compiled into a token-key trie, matched over the tokens of a text.
///
/// Phrases are tokenized by `Tokenizer` and stored as sequences of word/number keys, so matching
/// is case-insensitive and plural-tolerant ("epidural steroid injections" matches the phrase
/// "Epidural Steroid Injection"). Punctuation in the text is skipped ("post-injection" matches
/// "post injection", "S/P" matches "s p") except sentence punctuation followed by white space
/// ("pain, numbness" does not match "pain numbness", but "1.5 mg" matches "1.5 mg"). A phrase made
/// of one punctuation mark (";") matches that mark.
///
/// The trie is one open-addressing hash table from (node, key) to child node, fronted by a 64 Kbit
/// filter of first words that rejects most tokens with one load: no dictionary per node (Swift's
/// `Dictionary` hashes with SipHash, which dominated the profile) and no allocation while
/// matching. Several ids may share one phrase; each is reported.
package struct PhraseTrie: Sendable {
    /// A phrase found in a token array.
    package struct Match: Sendable, Hashable {
        /// Tokens from the first to the last matched word (punctuation skipped inside is included).
        package var tokenRange: Range<Int>
        package var id: Int32
    }

    /// One edge of the trie: parent node, word key, child node; parent -1 marks an empty slot.
    /// Kept together so that a probe touches one cache line.
    struct Slot: Sendable {
        var key: UInt64
        var parent: Int32
        var child: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    private var edgeCount = 0
    /// Edges from the root, in their own small table (first words are looked up for every token;
    /// a few hundred of them stay in the L1 cache).
    private var rootSlots: [Slot]
    private var rootMask: Int
    private var rootCount = 0
    /// Ids of the phrases ending at each node (node 0 is the root).
    private var nodeIDs: [[Int32]] = [[]]
    /// True for nodes where a phrase ends (read on the hot path instead of `nodeIDs`).
    private var terminal: [Bool] = [false]
    /// Per node, one bit (of 64) per child key: a step to a key whose bit is clear fails without
    /// probing the edge table, which is the common case after a first word.
    private var childBits: [UInt64] = [0]
    /// One bit per (mixed) first-word key: most tokens start no phrase and are rejected here.
    private var firstWords = [UInt64](repeating: 0, count: 1 << 10)
    /// Single punctuation-mark phrases: their keys and ids (a handful, searched in order).
    private var punctKeys: [UInt64] = []
    private var punctLists: [[Int32]] = []
    /// Number of phrases added.
    package private(set) var count = 0

    package init() {
        let capacity = 64
        slots = [Slot](repeating: Slot(key: 0, parent: -1, child: 0), count: capacity)
        mask = capacity - 1
        rootSlots = [Slot](repeating: Slot(key: 0, parent: -1, child: 0), count: 16)
        rootMask = 15
    }

    package init(_ phrases: [(String, Int32)]) {
        self.init()
        for (phrase, id) in phrases { add(phrase, id: id) }
    }

    package var isEmpty: Bool { count == 0 }

    @inline(__always)
    private static func slot(_ parent: Int32, _ key: UInt64, _ mask: Int) -> Int {
        var x = key ^ (UInt64(UInt32(bitPattern: parent)) &* 0x9E37_79B9_7F4A_7C15)
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 32
        return Int(truncatingIfNeeded: x) & mask
    }

    /// Adds a phrase; an empty phrase (no words, numbers or punctuation) is ignored.
    package mutating func add(_ phrase: String, id: Int32) {
        add(Self.keys(of: phrase), id: id)
    }

    /// A phrase as the trie stores it: its word keys, or the key of a phrase that is one
    /// punctuation mark. Made once per distinct phrase by callers that add a phrase to many tries.
    package enum PhraseKeys: Sendable, Hashable {
        case words([UInt64])
        case punctuation(UInt64)
        case none
    }

    /// A phrase's keys for `add(_:id:)` (the tokenizing `add(_:id:)` does).
    package static func keys(of phrase: String) -> PhraseKeys {
        let (words, count, first) = Tokenizer.phraseKeys(phrase)
        if words.isEmpty { return count == 1 ? .punctuation(first) : .none }
        return .words(words)
    }

    /// Adds a phrase given as `keys(of:)` made it.
    package mutating func add(_ phrase: PhraseKeys, id: Int32) {
        switch phrase {
        case .words(let keys):
            add(keys: keys, id: id)
        case .punctuation(let key):
            add(punctuation: key, id: id)
        case .none:
            break
        }
    }

    /// Adds a phrase given as word keys (see `Tokenizer.keys(ofPhrase:)`).
    package mutating func add(keys: [UInt64], id: Int32) {
        add(keys: keys[...], id: id)
    }

    /// Adds a phrase given as word keys, a slice of a longer list.
    package mutating func add(keys: ArraySlice<UInt64>, id: Int32) {
        guard let first = keys.first else { return }
        end(extend(0, by: keys), id: id, firstKey: first)
    }

    /// The node `keys` lead to from `node`, made where missing. With `end(_:id:firstKey:)`, adds
    /// phrases that share a beginning piece by piece ("help from his" once for every relative after it).
    package mutating func extend(_ node: Int32, by keys: ArraySlice<UInt64>) -> Int32 {
        var node = node
        for key in keys { node = child(of: node, key, create: true) }
        return node
    }

    /// Ends phrase `id` at `node`, reached from the root by `extend` with keys starting with `firstKey`.
    package mutating func end(_ node: Int32, id: Int32, firstKey: UInt64) {
        nodeIDs[Int(node)].append(id)
        terminal[Int(node)] = true
        let bit = Self.filterBit(firstKey)
        firstWords[bit >> 6] |= 1 << UInt64(bit & 63)
        count += 1
    }

    /// Adds a phrase that is one punctuation mark (its key).
    package mutating func add(punctuation key: UInt64, id: Int32) {
        if let k = punctKeys.firstIndex(of: key) {
            punctLists[k].append(id)
        } else {
            punctKeys.append(key)
            punctLists.append([id])
        }
        count += 1
    }

    private mutating func child(of parent: Int32, _ key: UInt64, create: Bool) -> Int32 {
        if let c = step(parent, key) { return c }
        let child = Int32(nodeIDs.count)
        nodeIDs.append([])
        terminal.append(false)
        childBits.append(0)
        childBits[Int(parent)] |= 1 << (key >> 58)
        if parent == 0 {
            if (rootCount + 1) * 2 > rootSlots.count { growRoot() }
            Self.insert(&rootSlots, rootMask, 0, key, child)
            rootCount += 1
        } else {
            if (edgeCount + 1) * 2 > slots.count { grow() }
            Self.insert(&slots, mask, parent, key, child)
            edgeCount += 1
        }
        return child
    }

    private mutating func growRoot() {
        let old = rootSlots
        rootSlots = [Slot](repeating: Slot(key: 0, parent: -1, child: 0), count: old.count * 2)
        rootMask = rootSlots.count - 1
        for slot in old where slot.parent >= 0 { Self.insert(&rootSlots, rootMask, slot.parent, slot.key, slot.child) }
    }

    private static func insert(_ slots: inout [Slot], _ mask: Int, _ parent: Int32, _ key: UInt64, _ child: Int32) {
        var s = Self.slot(parent, key, mask)
        while slots[s].parent >= 0 { s = (s + 1) & mask }
        slots[s] = Slot(key: key, parent: parent, child: child)
    }

    private mutating func grow() {
        let old = slots
        let capacity = slots.count * 2
        slots = [Slot](repeating: Slot(key: 0, parent: -1, child: 0), count: capacity)
        mask = capacity - 1
        for slot in old where slot.parent >= 0 { Self.insert(&slots, mask, slot.parent, slot.key, slot.child) }
    }

    /// The child of `node` along `key`, if any.
    @inline(__always)
    package func step(_ node: Int32, _ key: UInt64) -> Int32? {
        Self.probe(node, key, rootMask: rootMask, mask: mask, root: { rootSlots[$0] }, edge: { slots[$0] },
                   bits: { childBits[$0] })
    }

    /// The one probe of the edge tables, read through accessors so that the arrays (`step`) and the
    /// raw view of a long walk (`View.step`) share it; inlined, the accessors are plain loads.
    @inline(__always)
    static func probe(_ node: Int32, _ key: UInt64, rootMask: Int, mask: Int, root: (Int) -> Slot, edge: (Int) -> Slot,
                      bits: (Int) -> UInt64) -> Int32? {
        if node == 0 {
            var s = slot(0, key, rootMask)
            while true {
                let slot = root(s)
                if slot.parent < 0 { return nil }
                if slot.key == key { return slot.child }
                s = (s + 1) & rootMask
            }
        }
        if bits(Int(node)) & (1 << (key >> 58)) == 0 { return nil }
        var s = slot(node, key, mask)
        while true {
            let slot = edge(s)
            if slot.parent < 0 { return nil }
            if slot.parent == node, slot.key == key { return slot.child }
            s = (s + 1) & mask
        }
    }

    /// Number of nodes (the root is node 0).
    package var nodeCount: Int { nodeIDs.count }

    /// True when a phrase ends at `node`.
    @inline(__always)
    package func isTerminal(_ node: Int32) -> Bool { terminal[Int(node)] }

    /// The ids of phrases that end at `node` (empty for inner nodes).
    @inline(__always)
    package func ids(at node: Int32) -> [Int32] { nodeIDs[Int(node)] }

    /// Ids of the one-mark punctuation phrase `key`, if any.
    @inline(__always)
    package func punctuationIDs(_ key: UInt64) -> [Int32]? {
        for k in 0..<punctKeys.count where punctKeys[k] == key { return punctLists[k] }
        return nil
    }

    @inline(__always)
    static func filterBit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 48) & 0xFFFF }

    /// False when no phrase starts with this word key (a fast, exact-negative filter).
    @inline(__always)
    package func mayStart(_ key: UInt64) -> Bool {
        let bit = Self.filterBit(key)
        // The filter has 1024 words and `bit >> 6` is below 1024: read without a bounds check.
        let word = firstWords.withUnsafeBufferPointer { $0[bit >> 6] }
        return word & (1 << UInt64(bit & 63)) != 0
    }

    private static let hardPunct: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
        Tokenizer.key(of: "."), Tokenizer.key(of: ","), Tokenizer.key(of: ";"),
        Tokenizer.key(of: ":"), Tokenizer.key(of: "!"), Tokenizer.key(of: "?"))

    /// Sentence punctuation (. , ; : ! ?) ends a phrase when white space follows it.
    @inline(__always)
    static func isHardPunct(_ key: UInt64) -> Bool {
        let h = hardPunct
        return key == h.0 || key == h.1 || key == h.2 || key == h.3 || key == h.4 || key == h.5
    }

    private static let slashKey = Tokenizer.key(of: "/")

    /// Whether a fraction-like match ("5/5", "4/5") ending before token `j` stops inside a longer run
    /// of numbers joined by slashes: in the date "4/5/15" it is the date's, not a strength grade. (A
    /// bare number inside "9/10" is left alone: a score's parts are read that way.) Called only after a
    /// number (rare), out of line: the walk that calls it stays small enough to be inlined.
    @inline(never)
    static func endsInsideNumberRun(_ p: UnsafeBufferPointer<Token>, _ j: Int) -> Bool {
        guard j >= 2, p[j - 1].kind == .number, p[j - 2].key == slashKey, j + 1 < p.count else { return false }
        let slash = p[j], after = p[j + 1]
        return slash.key == slashKey && slash.start == p[j - 1].end && after.kind == .number && after.start == slash.end
    }

    /// Whether a fraction-like match starting at token `i` starts inside a run of numbers joined by
    /// slashes ("5/15" in "4/5/15").
    @inline(never)
    static func startsInsideNumberRun(_ p: UnsafeBufferPointer<Token>, _ i: Int) -> Bool {
        guard p[i].kind == .number, i >= 2, i + 1 < p.count, p[i + 1].key == slashKey else { return false }
        let slash = p[i - 1], before = p[i - 2]
        return slash.key == slashKey && slash.end == p[i].start && before.kind == .number && before.end == slash.start
    }

    /// The longest phrase starting at token `i` (a word, number or a one-mark phrase), not reaching
    /// past `end`: the index just past its last token and the terminal node (-1 for a one-mark
    /// punctuation phrase; see `ids(forMatchAt:node:in:)`).
    @inline(__always)
    package func longestMatch(in tokens: UnsafeBufferPointer<Token>, at i: Int, end: Int) -> (end: Int, node: Int32)? {
        let first = tokens[i]
        if first.kind == .punct {
            if !punctKeys.isEmpty, let ids = punctuationIDs(first.key), !ids.isEmpty { return (i + 1, -1) }
            return nil
        }
        var best: (end: Int, node: Int32)?
        allMatches(in: tokens, at: i, end: end) { e, n in best = (e, n) }
        return best
    }

    /// Every phrase starting at token `i`, at every length (not only the longest): `visit` gets the
    /// end index and the terminal node of each. Used where a short phrase must be seen even when a
    /// longer one starts at the same word (an anchor "epidural" inside "epidural injection").
    @inline(__always)
    package func allMatches(in tokens: UnsafeBufferPointer<Token>, at i: Int, end: Int, _ visit: (Int, Int32) -> Void) {
        let first = tokens[i]
        guard first.kind != .punct, mayStart(first.key), var node = step(0, first.key),
              first.kind != .number || !Self.startsInsideNumberRun(tokens, i) else { return }
        if terminal[Int(node)], first.kind != .number || !Self.endsInsideNumberRun(tokens, i + 1) { visit(i + 1, node) }
        var j = i + 1
        while j < end {
            let t = tokens[j]
            if t.kind == .punct {
                if Self.isHardPunct(t.key), j + 1 >= end || tokens[j + 1].start > t.end { break }
                j += 1
                continue
            }
            guard let next = step(node, t.key) else { break }
            node = next
            j += 1
            if terminal[Int(node)], t.kind != .number || !Self.endsInsideNumberRun(tokens, j) { visit(j, node) }
        }
    }

    /// Every match in `tokens[range]` at every length, appended to `out` (see `allMatches(in:at:end:_:)`).
    package func allMatches(in tokens: [Token], _ range: Range<Int>, into out: inout [Match]) {
        let lo = max(0, range.lowerBound), hi = min(tokens.count, range.upperBound)
        guard lo < hi, count > 0 else { return }
        tokens.withUnsafeBufferPointer { p in
            for i in lo..<hi {
                allMatches(in: p, at: i, end: hi) { end, node in
                    for id in nodeIDs[Int(node)] { out.append(Match(tokenRange: i..<end, id: id)) }
                }
            }
        }
    }

    /// Where a phrase ends: tokens `start..<end` and the terminal node, whose ids `ids(at:)` gives.
    package struct NodeMatch: Sendable {
        package var start: Int32
        package var end: Int32
        package var node: Int32
    }

    /// Every match in `tokens[range]` at every length, as `allMatches(in:_:into:)` finds them but one
    /// per terminal node instead of one per id: a caller that keeps its own table by node reads what
    /// a phrase means without an array (and its reference count) per match.
    package func nodeMatches(in tokens: [Token], _ range: Range<Int>, into out: inout [NodeMatch]) {
        let lo = max(0, range.lowerBound), hi = min(tokens.count, range.upperBound)
        guard lo < hi, count > 0 else { return }
        // Matches gather in a small stack buffer appended to `out` in batches: each append to an
        // array checks its uniqueness and capacity. (Token indices fit in Int32: a token has a byte.)
        let batch = 64
        withUnsafeTemporaryAllocation(of: NodeMatch.self, capacity: batch) { buffer in
            let base = buffer.baseAddress!
            var n = 0
            tokens.withUnsafeBufferPointer { p in withView { trie in terminal.withUnsafeBufferPointer { terminal in
                func emit(_ i: Int, _ end: Int, _ node: Int32) {
                    if n == batch {
                        out.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
                        n = 0
                    }
                    (base + n).initialize(to: NodeMatch(start: Int32(truncatingIfNeeded: i),
                                                        end: Int32(truncatingIfNeeded: end), node: node))
                    n += 1
                }
                // `allMatches(in:at:end:_:)` at every token, through the raw view.
                for i in lo..<hi {
                    let first = p[i]
                    guard first.kind != .punct, trie.mayStart(first.key), var node = trie.step(0, first.key),
                          first.kind != .number || !Self.startsInsideNumberRun(p, i) else { continue }
                    if terminal[Int(node)], first.kind != .number || !Self.endsInsideNumberRun(p, i + 1) { emit(i, i + 1, node) }
                    var j = i + 1
                    while j < hi {
                        let t = p[j]
                        if t.kind == .punct {
                            if Self.isHardPunct(t.key), j + 1 >= hi || p[j + 1].start > t.end { break }
                            j += 1
                            continue
                        }
                        guard let next = trie.step(node, t.key) else { break }
                        node = next
                        j += 1
                        if terminal[Int(node)], t.kind != .number || !Self.endsInsideNumberRun(p, j) { emit(i, j, node) }
                    }
                }
            } } }
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
        }
    }

    /// Whether any phrase occurs in `tokens[range]` (no array is made).
    package func containsMatch(in tokens: [Token], _ range: Range<Int>) -> Bool {
        let lo = max(0, range.lowerBound), hi = min(tokens.count, range.upperBound)
        guard lo < hi, count > 0 else { return false }
        return tokens.withUnsafeBufferPointer { p in
            for i in lo..<hi where longestMatch(in: p, at: i, end: hi) != nil { return true }
            return false
        }
    }

    /// Ids for a result of `longestMatch` (handles the punctuation marker node).
    package func ids(forMatchAt i: Int, node: Int32, in tokens: [Token]) -> [Int32] {
        node >= 0 ? nodeIDs[Int(node)] : (punctuationIDs(tokens[i].key) ?? [])
    }

    /// Every phrase match in `tokens[range]`: the longest match at each start position (overlapping
    /// matches included), or with `nonOverlapping` the leftmost-longest matches only (matching
    /// resumes after each match). Each id of a matched phrase gives one `Match`.
    package func matches(in tokens: [Token], _ range: Range<Int>, nonOverlapping: Bool = false) -> [Match] {
        var out: [Match] = []
        matches(in: tokens, range, nonOverlapping: nonOverlapping, into: &out)
        return out
    }

    /// `matches(in:_:nonOverlapping:)` appending into a reusable array.
    package func matches(in tokens: [Token], _ range: Range<Int>, nonOverlapping: Bool = false, into out: inout [Match]) {
        let lo = max(0, range.lowerBound), hi = min(tokens.count, range.upperBound)
        guard lo < hi, count > 0 else { return }
        tokens.withUnsafeBufferPointer { p in
            var i = lo
            while i < hi {
                if let m = longestMatch(in: p, at: i, end: hi) {
                    let ids = m.node >= 0 ? nodeIDs[Int(m.node)] : (punctuationIDs(p[i].key) ?? [])
                    for id in ids { out.append(Match(tokenRange: i..<m.end, id: id)) }
                    i = nonOverlapping ? m.end : i + 1
                } else {
                    i += 1
                }
            }
        }
    }
}

extension PhraseTrie {
    /// The trie's tables as raw pointers, for a walk of many steps per call (`nodeMatches`): the
    /// tables' addresses are read once, not again after every match the walk stores, and a probe needs
    /// no bounds check (slots are masked, nodes come from the trie, the filter has 1024 words).
    /// Measured: the facts stage −2.1 M instructions, the predict stage −2.1 M (docs/benchmarks.md, speed7).
    struct View {
        let slots: UnsafePointer<Slot>
        let mask: Int
        let rootSlots: UnsafePointer<Slot>
        let rootMask: Int
        let childBits: UnsafePointer<UInt64>
        let firstWords: UnsafePointer<UInt64>

        /// `PhraseTrie.mayStart(_:)`.
        @inline(__always)
        func mayStart(_ key: UInt64) -> Bool {
            let bit = PhraseTrie.filterBit(key)
            return firstWords[bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }

        /// `PhraseTrie.step(_:_:)`.
        @inline(__always)
        func step(_ node: Int32, _ key: UInt64) -> Int32? {
            PhraseTrie.probe(node, key, rootMask: rootMask, mask: mask, root: { rootSlots[$0] }, edge: { slots[$0] },
                             bits: { childBits[$0] })
        }
    }

    /// A `View` of copies of the trie's tables that live as long as this object, for a trie that no
    /// longer changes and is walked in many short calls (ConText: once per sentence), where setting
    /// up `withView` for each call cost more than the view saved. The copies are plain values
    /// (`Slot`, `UInt64`), read only, and freed with the object.
    final class ViewCopy: @unchecked Sendable {
        let view: View

        init(_ trie: PhraseTrie) {
            func copy<T>(_ a: [T]) -> UnsafePointer<T> {
                let p = UnsafeMutablePointer<T>.allocate(capacity: max(a.count, 1))
                a.withUnsafeBufferPointer { b in if let base = b.baseAddress { p.initialize(from: base, count: b.count) } }
                return UnsafePointer(p)
            }
            view = View(slots: copy(trie.slots), mask: trie.mask, rootSlots: copy(trie.rootSlots), rootMask: trie.rootMask,
                        childBits: copy(trie.childBits), firstWords: copy(trie.firstWords))
        }

        deinit {
            // Trivial element types: nothing to deinitialize.
            UnsafeMutablePointer(mutating: view.slots).deallocate()
            UnsafeMutablePointer(mutating: view.rootSlots).deallocate()
            UnsafeMutablePointer(mutating: view.childBits).deallocate()
            UnsafeMutablePointer(mutating: view.firstWords).deallocate()
        }
    }

    /// Runs `body` with a `View` of the trie's tables (valid only inside it).
    func withView<R>(_ body: (View) -> R) -> R {
        slots.withUnsafeBufferPointer { s in
            rootSlots.withUnsafeBufferPointer { r in
                childBits.withUnsafeBufferPointer { c in
                    firstWords.withUnsafeBufferPointer { f in
                        body(View(slots: s.baseAddress!, mask: mask, rootSlots: r.baseAddress!, rootMask: rootMask,
                                  childBits: c.baseAddress!, firstWords: f.baseAddress!))
                    }
                }
            }
        }
    }
}
