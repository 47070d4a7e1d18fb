/// A set of word keys that answers "certainly not" cheaply: 65,536 bits indexed by a key's low bits.
package struct KeyFilter: Sendable {
    private var bits: [UInt64]

    /// Empty (no table at all) when there are no keys: lexicons are made by the hundred while rules load.
    package init(_ keys: some Collection<UInt64>) {
        bits = keys.isEmpty ? [] : [UInt64](repeating: 0, count: 1024)
        for k in keys { bits[Int(k & 0xFFFF) >> 6] |= 1 << (k & 63) }
    }

    @inline(__always) package func mayContain(_ k: UInt64) -> Bool {
        !bits.isEmpty && bits[Int(k & 0xFFFF) >> 6] & (1 << (k & 63)) != 0
    }
}
