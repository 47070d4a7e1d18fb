/// A small read-only map from token keys to values, for the vocabulary lookups of hot paths: one
/// multiply and usually one probe, where Swift's `Dictionary` and `Set` hash every lookup with
/// SipHash (which was the value scanner's largest cost).
struct KeyMap<Value: Sendable>: Sendable {
    private var slotKeys: [UInt64]
    /// nil marks an empty slot.
    private var slotValues: [Value?]
    private let mask: Int
    /// The keys, in the order given.
    let keys: [UInt64]

    /// Later entries of a repeated key win, as assignments to a dictionary do.
    init(_ entries: some Sequence<(UInt64, Value)>) {
        let list = Array(entries)
        var capacity = 16
        while capacity < list.count * 4 { capacity *= 2 }
        slotKeys = [UInt64](repeating: 0, count: capacity)
        slotValues = [Value?](repeating: nil, count: capacity)
        mask = capacity - 1
        var order: [UInt64] = []
        for (k, v) in list {
            var s = Self.slot(k, mask)
            while slotValues[s] != nil, slotKeys[s] != k { s = (s + 1) & mask }
            if slotValues[s] == nil { order.append(k) }
            slotKeys[s] = k
            slotValues[s] = v
        }
        keys = order
    }

    init(_ dictionary: [UInt64: Value]) { self.init(dictionary.map { ($0.key, $0.value) }) }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        var s = Self.slot(key, mask)
        while let v = slotValues[s] {
            if slotKeys[s] == key { return v }
            s = (s + 1) & mask
        }
        return nil
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { self[key] != nil }
}

extension KeyMap where Value == Bool {
    /// A set of keys.
    init(keys: some Sequence<UInt64>) { self.init(keys.map { ($0, true) }) }
}
