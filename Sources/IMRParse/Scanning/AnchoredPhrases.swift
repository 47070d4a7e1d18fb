/// Whether any of a few long phrases occurs in a text, found from a run of letters every phrase
/// holds (its *anchor*: "determin" in "has determined the request for" and "notice of independent
/// medical review determination"): sixteen bytes at a time for the anchor's first three letters, then
/// each phrase is matched forward from the anchor and backward before it.
///
/// The answer is `PhraseSet.findFirst(in:_:) != nil` for the same phrases, exactly: a phrase matches
/// where `Phrase.match` says it does (ASCII case ignored, a space of the phrase standing for a run of
/// white space or none, a phrase that starts with a letter or digit only at a word start). Read
/// backward, a run of white space is as long as read forward, since a phrase has no white space next
/// to its spaces. One three-letter test a block instead of two (the set's two beginnings) halves the
/// vector work over a letter's first 8 KB, where the notice's decision list is looked for in every letter.
struct AnchoredPhrases: Sendable {
    private let needles: [[UInt8]]
    /// Where the anchor starts in each needle.
    private let offsets: [Int]
    private let anchor: [UInt8]
    /// The anchor's first three letters, each filling a vector.
    private let first: (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>)

    /// The phrases' longest common run of at least `minimum` letters, if any: nil means "search the
    /// usual way".
    init?(_ phrases: [Phrase], minimum: Int = 6) {
        let needles = phrases.map(\.needle)
        guard let shortest = needles.min(by: { $0.count < $1.count }), !needles.contains(where: \.isEmpty) else { return nil }
        // Longest first: every run of letters of the shortest needle, tried against the others.
        var best: [UInt8] = []
        for s in shortest.indices {
            var e = s
            while e < shortest.count, shortest[e] >= 97, shortest[e] <= 122 { e += 1 }
            var length = e - s
            while length > max(best.count, minimum - 1) {
                let run = Array(shortest[s..<(s + length)])
                if needles.allSatisfy({ AnchoredPhrases.offset(of: run, in: $0) != nil }) { best = run; break }
                length -= 1
            }
        }
        guard best.count >= minimum else { return nil }
        self.needles = needles
        offsets = needles.map { AnchoredPhrases.offset(of: best, in: $0)! }
        anchor = best
        first = (SIMD16(repeating: best[0]), SIMD16(repeating: best[1]), SIMD16(repeating: best[2]))
    }

    private static func offset(of run: [UInt8], in needle: [UInt8]) -> Int? {
        guard run.count <= needle.count else { return nil }
        return (0...(needle.count - run.count)).first { needle[$0..<($0 + run.count)].elementsEqual(run) }
    }

    /// Whether one of the phrases occurs in `bytes[range]`.
    func occurs(in bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let end = min(range.upperBound, bytes.count)
        let lo = range.lowerBound
        guard lo >= 0, lo < end else { return false }
        return bytes.withUnsafeBufferPointer { text in
            var q = lo
            if StartFilter.vectorsOn, let base = text.baseAddress {
                // Sixteen positions a step (reading 18 bytes): where the anchor's first three letters stand.
                while q + 18 <= end {
                    let p = UnsafeRawPointer(base + q)
                    let v0 = p.loadUnaligned(as: SIMD16<UInt8>.self) | 0x20
                    let v1 = (p + 1).loadUnaligned(as: SIMD16<UInt8>.self) | 0x20
                    let v2 = (p + 2).loadUnaligned(as: SIMD16<UInt8>.self) | 0x20
                    let m = StartFilter.words(StartFilter.isZero((v0 ^ first.0) | (v1 ^ first.1) | (v2 ^ first.2)))
                    var w = m[0]
                    while w != 0 {
                        if holds(text, at: q + w.trailingZeroBitCount >> 3, lo, end) { return true }
                        w &= w &- 1
                    }
                    w = m[1]
                    while w != 0 {
                        if holds(text, at: q + 8 + w.trailingZeroBitCount >> 3, lo, end) { return true }
                        w &= w &- 1
                    }
                    q += 16
                }
            }
            while q < end {
                if text[q] | 0x20 == anchor[0], holds(text, at: q, lo, end) { return true }
                q += 1
            }
            return false
        }
    }

    /// Whether the anchor stands at `q` inside one of the phrases.
    private func holds(_ text: UnsafeBufferPointer<UInt8>, at q: Int, _ lo: Int, _ end: Int) -> Bool {
        guard q + anchor.count <= end else { return false }
        for k in anchor.indices where TextScan.lower(text[q + k]) != anchor[k] { return false }
        for (n, needle) in needles.enumerated() {
            guard let start = matchBackward(needle[..<offsets[n]], text, endingAt: q, floor: lo),
                  matchForward(needle[(offsets[n] + anchor.count)...], text, from: q + anchor.count, end: end) else { continue }
            // A phrase that starts with a letter or digit starts a word.
            if TextScan.isAlnum(needle[0]), start > 0, TextScan.isAlnum(text[start - 1]) { continue }
            return true
        }
        return false
    }

    /// `part` read backward from `i` (white space runs as `Phrase.match` reads them): where it starts.
    private func matchBackward(_ part: ArraySlice<UInt8>, _ text: UnsafeBufferPointer<UInt8>, endingAt i: Int, floor: Int) -> Int? {
        var i = i
        var j = part.endIndex
        while j > part.startIndex {
            j -= 1
            let c = part[j]
            if c == 32 {
                while i > floor, TextScan.isSpace(text[i - 1]) { i -= 1 }
            } else {
                guard i > floor, TextScan.lower(text[i - 1]) == c else { return nil }
                i -= 1
            }
        }
        return i
    }

    /// Whether `part` follows at `i`, before `end`.
    private func matchForward(_ part: ArraySlice<UInt8>, _ text: UnsafeBufferPointer<UInt8>, from i: Int, end: Int) -> Bool {
        var i = i
        for c in part {
            if c == 32 {
                while i < end, TextScan.isSpace(text[i]) { i += 1 }
            } else {
                guard i < end, TextScan.lower(text[i]) == c else { return false }
                i += 1
            }
        }
        return true
    }
}
