/// Several phrases searched for together in one pass over the text: each position is tried only
/// against the phrases that can start with its byte, and, when every phrase starts a word, only at
/// word starts.
extension Phrase {
    /// Per lower-case first byte, the second bytes these phrases allow, as 256 bits in four words
    /// (index `first * 4 + second / 64`); all ones when a phrase with that first byte may have white
    /// space second. Most lines and positions fail on their second byte.
    static func secondByteBits(_ phrases: some Sequence<Phrase>) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 256 * 4)
        for p in phrases where !p.needle.isEmpty {
            let f = Int(p.first) * 4
            if p.needle.count > 1, p.needle[1] != 32 {
                let c = Int(p.needle[1])
                bits[f + c / 64] |= 1 << UInt64(c % 64)
            } else {
                for w in 0..<4 { bits[f + w] = ~0 }
            }
        }
        return bits
    }
}

struct PhraseSet: Sendable {
    let phrases: [Phrase]
    /// Phrase indexes grouped by lower-case first byte: `order[offsets[b]..<offsets[b + 1]]`.
    private let offsets: [Int32]
    private let order: [Int32]
    private let allWordStarts: Bool
    /// Per byte: bit 0 when some phrase starts with it (either case), bit 1 when it is a letter or digit.
    private let classes: [UInt8]
    /// Per lower-case first byte, the second bytes its phrases allow (a 256-bit set in four words; all
    /// ones when a phrase with that first byte has no fixed second byte): most candidate positions fail
    /// on it before any phrase is tried.
    private let seconds: [UInt64]
    private let filter: StartFilter

    init(_ phrases: [Phrase]) {
        self.phrases = phrases
        var counts = [Int32](repeating: 0, count: 257)
        for p in phrases where !p.needle.isEmpty { counts[Int(p.first) + 1] += 1 }
        for b in 0..<256 { counts[b + 1] += counts[b] }
        var fill = counts
        var order = [Int32](repeating: 0, count: Int(counts[256]))
        for (k, p) in phrases.enumerated() where !p.needle.isEmpty {
            order[Int(fill[Int(p.first)])] = Int32(k)
            fill[Int(p.first)] += 1
        }
        offsets = counts
        self.order = order
        var classes = (0..<256).map { TextScan.isAlnum(UInt8($0)) ? UInt8(2) : 0 }
        for p in phrases where !p.needle.isEmpty {
            classes[Int(p.first)] |= 1
            if p.first >= 97 && p.first <= 122 { classes[Int(p.first - 32)] |= 1 }
        }
        self.classes = classes
        self.seconds = Phrase.secondByteBits(phrases)
        allWordStarts = phrases.allSatisfy { !$0.needle.isEmpty && TextScan.isAlnum($0.first) }
        filter = StartFilter(needles: phrases.map(\.needle).filter { !$0.isEmpty }, wordStarts: allWordStarts)
    }

    /// Calls `body(i, phraseIndex, matchEnd)` for every match, in text order (phrases in list order at
    /// one position); stops after the position where `body` returns false.
    private func scan(_ bytes: [UInt8], _ range: Range<Int>, _ body: (Int, Int, Int) -> Bool) {
        let end = min(range.upperBound, bytes.count)
        guard range.lowerBound >= 0, range.lowerBound < end, !order.isEmpty else { return }
        let wordStarts = allWordStarts
        bytes.withUnsafeBufferPointer { buf in
            offsets.withUnsafeBufferPointer { off in
                order.withUnsafeBufferPointer { ord in
                    classes.withUnsafeBufferPointer { cls in
                        seconds.withUnsafeBufferPointer { sec in
                            /// Whether some phrase may start at `i`: its byte starts one, at a word start if need be.
                            @inline(__always) func mayStart(_ i: Int) -> Bool {
                                cls[Int(buf[i])] & 1 != 0 && (!wordStarts || i == 0 || cls[Int(buf[i - 1])] & 2 == 0)
                            }
                            /// Tries the phrases at `i`; true when `body` asked to stop.
                            @inline(__always) func tryPhrases(_ i: Int) -> Bool {
                                let l = Int(TextScan.lower(buf[i]))
                                // A match needs its second byte (lower-cased) in the set, or none after it.
                                let s = i + 1 < end ? Int(TextScan.lower(buf[i + 1])) : -1
                                guard s < 0 || sec[l * 4 + s / 64] & (1 << UInt64(s % 64)) != 0 else { return false }
                                var stop = false
                                var q = Int(off[l])
                                let hi = Int(off[l + 1])
                                while q < hi {
                                    let k = Int(ord[q])
                                    if let e = phrases[k].match(buf, at: i, end: end), !body(i, k, e) { stop = true }
                                    q += 1
                                }
                                return stop
                            }
                            var i = range.lowerBound
                            if let base = buf.baseAddress, filter.hasPrefixes {
                                // Sixteen bytes at a time, by the phrases' first three letters.
                                let raw = UnsafeRawPointer(base)
                                while i + 18 <= end {
                                    let (lo, hi) = filter.prefixCandidates(raw + i)
                                    var w = lo
                                    while w != 0 {
                                        let j = i + w.trailingZeroBitCount >> 3
                                        if mayStart(j), tryPhrases(j) { return }
                                        w &= w &- 1
                                    }
                                    w = hi
                                    while w != 0 {
                                        let j = i + 8 + w.trailingZeroBitCount >> 3
                                        if mayStart(j), tryPhrases(j) { return }
                                        w &= w &- 1
                                    }
                                    i += 16
                                }
                            } else if let base = buf.baseAddress, filter.isUseful {
                                if i == 0 {
                                    if mayStart(0), tryPhrases(0) { return }
                                    i = 1
                                }
                                // Sixteen bytes at a time: the filter leaves a few positions to look at.
                                var afterAlnum: UInt64 = cls[Int(buf[i - 1])] & 2 != 0 ? 0x80 : 0
                                let raw = UnsafeRawPointer(base)
                                while i + 16 <= end {
                                    let (lo, hi) = filter.candidates(raw + i, afterAlnum: &afterAlnum)
                                    // A word start (or a first byte) by the filter: test the byte itself.
                                    var w = lo
                                    while w != 0 {
                                        let j = i + w.trailingZeroBitCount >> 3
                                        if cls[Int(buf[j])] & 1 != 0, tryPhrases(j) { return }
                                        w &= w &- 1
                                    }
                                    w = hi
                                    while w != 0 {
                                        let j = i + 8 + w.trailingZeroBitCount >> 3
                                        if cls[Int(buf[j])] & 1 != 0, tryPhrases(j) { return }
                                        w &= w &- 1
                                    }
                                    i += 16
                                }
                            }
                            while i < end {
                                if mayStart(i), tryPhrases(i) { return }
                                i += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `body(start, phraseIndex, end)` for every match in text order (at one position, in the
    /// order the phrases are listed) until it returns false.
    func scanMatches(_ bytes: [UInt8], _ range: Range<Int>, _ body: (Int, Int, Int) -> Bool) {
        scan(bytes, range, body)
    }

    /// The first match; at equal starts the phrase listed first wins.
    func findFirst(in bytes: [UInt8], _ range: Range<Int>) -> (index: Int, range: Range<Int>)? {
        var best: (Int, Range<Int>)?
        scan(bytes, range) { i, k, e in
            if best == nil || k < best!.0 { best = (k, i..<e) }
            return false
        }
        return best
    }

    /// Which phrases occur anywhere in `bytes[range]`.
    func occurrences(in bytes: [UInt8], _ range: Range<Int>) -> [Bool] {
        var found = [Bool](repeating: false, count: phrases.count)
        var remaining = phrases.count
        scan(bytes, range) { _, k, _ in
            if !found[k] { found[k] = true; remaining -= 1 }
            return remaining > 0
        }
        return found
    }

    /// Whether some phrase may match at `start`, judged on its first two bytes alone.
    func mayMatch(_ bytes: [UInt8], at start: Int, end: Int) -> Bool {
        let e = min(end, bytes.count)
        guard start >= 0, start < e else { return false }
        let l = Int(TextScan.lower(bytes[start]))
        guard offsets[l] < offsets[l + 1] else { return false }
        guard start + 1 < e else { return true }
        let s = Int(TextScan.lower(bytes[start + 1]))
        return seconds[l * 4 + s / 64] & (1 << UInt64(s % 64)) != 0
    }

    /// Marks in `found` every phrase that matches at `start`.
    func markMatches(_ bytes: [UInt8], at start: Int, end: Int, into found: inout [Bool]) {
        let e = min(end, bytes.count)
        guard start >= 0, start < e else { return }
        let l = Int(TextScan.lower(bytes[start]))
        let lo = Int(offsets[l]), hi = Int(offsets[l + 1])
        guard lo < hi else { return }
        // Most lines fail on their second byte (see `seconds`).
        if start + 1 < e {
            let s = Int(TextScan.lower(bytes[start + 1]))
            guard seconds[l * 4 + s / 64] & (1 << UInt64(s % 64)) != 0 else { return }
        }
        bytes.withUnsafeBufferPointer { buf in
            for q in lo..<hi {
                let k = Int(order[q])
                if !found[k], phrases[k].match(buf, at: start, end: e) != nil { found[k] = true }
            }
        }
    }
}
