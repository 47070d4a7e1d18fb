/// A small, fast, deterministic generator (SplitMix64): the same seed gives the same corpus and the
/// same fuzz inputs on every machine and Swift version (the standard library's generator is not
/// seedable and `Int.random(in:using:)` may change its algorithm between releases).
///
/// The one copy for the tests and `imr-bench` (corpus generation, fuzzing).
package struct SplitMix: RandomNumberGenerator, Sendable {
    package var state: UInt64

    @inlinable package init(seed: UInt64) { state = seed }

    /// A generator for item `index` of a run seeded with `seed`: items are independent, so any one
    /// can be regenerated alone (and generation can be split across threads).
    @inlinable package init(seed: UInt64, index: UInt64) {
        var mix = SplitMix(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        state = mix.next() ^ (index &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    @inlinable package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<n` (n > 0); the tiny modulo bias is irrelevant here.
    @inlinable package mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// Uniform in a closed range.
    @inlinable package mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// True with probability `p`.
    @inlinable package mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) * 0x1p-53 < p }

    @inlinable package mutating func pick<C: Collection>(_ c: C) -> C.Element where C.Index == Int {
        c[c.startIndex + below(c.count)]
    }
}
