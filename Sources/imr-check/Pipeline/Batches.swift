/// Inputs taken a batch at a time, for a worker that runs a stage over the whole batch before the
/// next (`AuditCommand` reads and parses every letter of a batch, then predicts and writes each):
/// a stage's code and tables stay warm in the processor's caches and branch predictors, where a
/// letter at a time lets parsing and prediction evict each other. Measured on corpus-10k: the
/// audit's CPU −11 % for the same instructions (docs/benchmarks.md, tenth round).
struct Batches<Base: IteratorProtocol>: IteratorProtocol {
    private var base: Base
    private let size: Int

    init(_ base: Base, size: Int) {
        self.base = base
        self.size = max(1, size)
    }

    /// The next up to `size` inputs; nil when there are none. An interrupt ends the batch early,
    /// so no new input is started after it (what was taken is still finished).
    mutating func next() -> [Base.Element]? {
        var batch: [Base.Element] = []
        batch.reserveCapacity(size)
        while batch.count < size, !Interrupt.requested, let input = base.next() { batch.append(input) }
        return batch.isEmpty ? nil : batch
    }
}
