import Foundation

/// Where, in a block of sixteen bytes, a phrase of a `PhraseSet` may start: where one of the phrases'
/// first three letters stand when there are one or two such beginnings; otherwise at a word start
/// when every phrase starts a word, and at one of the phrases' first bytes when there are one or two.
/// The positions it gives are a superset of the real candidates, which the byte-level test then checks.
///
/// Prose has a word start every six bytes or so and most of them start no phrase: one pass of
/// vector operations over sixteen bytes replaces sixteen byte-by-byte tests of about six
/// instructions each. Only lane-wise arithmetic and bit operations are used: Swift's SIMD
/// comparisons (`.==`, `.<`) compile to a loop over the lanes, while `&+`, `&`, `|` become single
/// SSE2 instructions. A test gives bit 7 in the lanes where it holds and every other bit clear.
struct StartFilter: Sendable {
    typealias Bytes = SIMD16<UInt8>

    /// One or two distinct lower-case first bytes (one repeated), each filling a vector.
    private let firsts: (Bytes, Bytes)?
    private let wordStarts: Bool
    /// When every phrase starts with three letters and there are one or two such beginnings ("has
    /// determined …", "notice of …"): their bytes, each filling a vector (see `prefixCandidates`).
    private let prefixes: (Bytes, Bytes, Bytes, Bytes, Bytes, Bytes)?

    /// Whether the filter leaves anything out. Unoptimised builds (the tests) skip it: generic SIMD
    /// code is slower there than the byte loop. `IMR_VECTOR_SCAN=1` turns it on there too, so the
    /// golden tests can check this path (`.ci/run` does).
    var isUseful: Bool { (wordStarts || firsts != nil) && StartFilter.vectorsOn }

    /// Whether `prefixCandidates` applies (see `isUseful`).
    var hasPrefixes: Bool { prefixes != nil && StartFilter.vectorsOn }

    static var vectorsOn: Bool { !_isDebugAssertConfiguration() || forcedOn }

    private static let forcedOn = ProcessInfo.processInfo.environment["IMR_VECTOR_SCAN"] == "1"

    /// A filter for phrases with these lower-case needles (none empty).
    init(needles: [[UInt8]], wordStarts: Bool) {
        self.init(firsts: needles.map { $0[0] }, wordStarts: wordStarts, prefixes: needles.map { $0.prefix(3) })
    }

    private init(firsts bytes: [UInt8], wordStarts: Bool, prefixes: [ArraySlice<UInt8>]) {
        var distinctPrefixes: [ArraySlice<UInt8>] = []
        for p in prefixes where !distinctPrefixes.contains(p) { distinctPrefixes.append(p) }
        if let a = distinctPrefixes.first, let b = distinctPrefixes.last, distinctPrefixes.count <= 2,
           distinctPrefixes.allSatisfy({ $0.count == 3 && $0.allSatisfy { $0 >= 97 && $0 <= 122 } }) {
            let a = Array(a), b = Array(b)
            self.prefixes = (Bytes(repeating: a[0]), Bytes(repeating: a[1]), Bytes(repeating: a[2]),
                             Bytes(repeating: b[0]), Bytes(repeating: b[1]), Bytes(repeating: b[2]))
        } else {
            self.prefixes = nil
        }
        var distinct: [UInt8] = []
        for b in bytes where !distinct.contains(b) { distinct.append(b) }
        if distinct.isEmpty || distinct.count > 2 || distinct.contains(where: { $0 >= 65 && $0 <= 90 }) {
            firsts = nil
        } else {
            firsts = (Bytes(repeating: distinct[0]), Bytes(repeating: distinct[distinct.count - 1]))
        }
        self.wordStarts = wordStarts
    }

    /// Bit 7 set in each byte (lane 0 lowest, in two words) whose position may start a phrase, for the
    /// sixteen bytes at `p`. `afterAlnum` is 0x80 when the byte before `p` is a letter or digit, else 0;
    /// it becomes that of the last of the sixteen.
    @inline(__always)
    func candidates(_ p: UnsafeRawPointer, afterAlnum: inout UInt64) -> (UInt64, UInt64) {
        let v = p.loadUnaligned(as: Bytes.self)
        var lo: UInt64 = 0x8080_8080_8080_8080, hi: UInt64 = 0x8080_8080_8080_8080
        if wordStarts {
            // Letters and digits whose left neighbour is neither: shift the lanes up by one.
            let a = StartFilter.words(StartFilter.isAlnum(v))
            lo = a[0] & ~(a[0] << 8 | afterAlnum)
            hi = a[1] & ~(a[1] << 8 | a[0] >> 56)
            afterAlnum = a[1] >> 56
        }
        if let f = firsts {
            let l = StartFilter.lower(v)
            let m = StartFilter.words(StartFilter.isZero(l ^ f.0) | StartFilter.isZero(l ^ f.1))
            lo &= m[0]
            hi &= m[1]
        }
        return (lo, hi)
    }

    /// Bit 7 set in each byte (lane 0 lowest, in two words) where one of the two three-letter
    /// beginnings starts, ignoring ASCII case, for the sixteen bytes at `p`; reads 18 bytes. Candidates
    /// are rare, so the caller checks word starts itself.
    @inline(__always)
    func prefixCandidates(_ p: UnsafeRawPointer) -> (UInt64, UInt64) {
        guard let t = prefixes else { return (0, 0) }
        // OR 0x20 folds a capital onto its small letter and never makes a letter of anything else.
        let v0 = p.loadUnaligned(as: Bytes.self) | 0x20
        let v1 = (p + 1).loadUnaligned(as: Bytes.self) | 0x20
        let v2 = (p + 2).loadUnaligned(as: Bytes.self) | 0x20
        let a = StartFilter.isZero((v0 ^ t.0) | (v1 ^ t.1) | (v2 ^ t.2))
        let b = StartFilter.isZero((v0 ^ t.3) | (v1 ^ t.4) | (v2 ^ t.5))
        let m = StartFilter.words(a | b)
        return (m[0], m[1])
    }

    /// Bit 7 where the lane is zero (`x - 1` sets bit 7 only when `x` is 0 or has it already).
    @inline(__always)
    static func isZero(_ x: Bytes) -> Bytes { (x &- 1) & ~x & 0x80 }

    /// Bit 7 where `y < n` (unsigned, `n` at most 128).
    @inline(__always)
    static func below(_ y: Bytes, _ n: UInt8) -> Bytes { ~((y &+ (128 &- n)) | y) & 0x80 }

    /// Bit 7 where the byte is an ASCII letter or digit (`TextScan.isAlnum`).
    @inline(__always)
    static func isAlnum(_ v: Bytes) -> Bytes { below((v | 0x20) &- 97, 26) | below(v &- 48, 10) }

    /// The bytes with ASCII capitals lower-cased (`TextScan.lower`).
    @inline(__always)
    static func lower(_ v: Bytes) -> Bytes { v | (below(v &- 65, 26) &>> 2) }

    /// The lanes as two words, lane 0 in the low byte of the first.
    @inline(__always)
    static func words(_ t: Bytes) -> SIMD2<UInt64> { unsafeBitCast(t, to: SIMD2<UInt64>.self) }
}
