/// A small open-addressing map from token keys to flags, for per-token lookups on hot paths
/// (Swift's `Set` and `Dictionary` hash every lookup with SipHash).
///
/// `flags(_:)` is `@inlinable` (its fields `@usableFromInline`): other modules (the fact scan's
/// filler test) look up tens of thousands of tokens per 200 letters, and a call per lookup cost
/// as much as the probe.
package struct KeyTable: Sendable {
    @usableFromInline private(set) var keys: [UInt64]
    @usableFromInline private(set) var values: [UInt16]
    @usableFromInline private(set) var used: [Bool]
    @usableFromInline let mask: Int
    /// One bit per (mixed) key: most tokens are rejected with one load.
    @usableFromInline private(set) var filter = [UInt64](repeating: 0, count: 1 << 10)

    package init(_ entries: [(UInt64, UInt16)]) {
        var capacity = 16
        while capacity < entries.count * 4 { capacity *= 2 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [UInt16](repeating: 0, count: capacity)
        used = [Bool](repeating: false, count: capacity)
        mask = capacity - 1
        for (k, v) in entries {
            var s = Self.slot(k, mask)
            while used[s], keys[s] != k { s = (s + 1) & mask }
            used[s] = true
            keys[s] = k
            values[s] |= v
            let bit = Self.filterBit(k)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    @inlinable @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    @inlinable @inline(__always)
    static func filterBit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) >> 48) & 0xFFFF }

    /// The flags of `key`, 0 when absent.
    @inlinable @inline(__always)
    package func flags(_ key: UInt64) -> UInt16 {
        let bit = Self.filterBit(key)
        // The filter has 1024 words and `bit >> 6` is below 1024: read without a bounds check.
        let word = filter.withUnsafeBufferPointer { $0[bit >> 6] }
        if word & (1 << UInt64(bit & 63)) == 0 { return 0 }
        var s = Self.slot(key, mask)
        while used[s] {
            if keys[s] == key { return values[s] }
            s = (s + 1) & mask
        }
        return 0
    }
}
