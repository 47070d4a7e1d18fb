import IMRParse

/// The facts of one case: a value and its evidence for every fact the rule book defines.
public struct FactSet: Sendable {
    public var values: [FactValue]
    public var evidence: EvidenceLists

    package init(count: Int) {
        values = Self.unknowns(count)
        evidence = EvidenceLists(count: count)
    }

    /// `count` unknown values with evidence gathered already (a letter's combined case summary):
    /// no empty lists made only to be replaced.
    package init(count: Int, evidence: EvidenceLists) {
        values = Self.unknowns(count)
        self.evidence = evidence
    }

    public subscript(_ index: Int) -> FactValue {
        get { values[index] }
        set { values[index] = newValue }
    }

    /// `count` unknown values. `.unknown` holds no reference, so its bytes are copied into the
    /// slots in doubling runs; the generic fill copied each one through the enum's value witness,
    /// which was a tenth of predicting an item (a set is made per item, and a rule book has
    /// hundreds of facts).
    static func unknowns(_ count: Int) -> [FactValue] {
        [FactValue](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress, count > 0 else { initialized = 0; return }
            base.initialize(to: .unknown)
            var done = 1
            while done < count {
                let n = min(done, count - done)
                UnsafeMutableRawPointer(base + done).copyMemory(from: base, byteCount: n * MemoryLayout<FactValue>.stride)
                done += n
            }
            initialized = count
        }
    }
}
