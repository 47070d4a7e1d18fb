/// Inputs taken a batch at a time, for a worker that runs each stage over the whole batch before
/// the next stage (`AuditCommand`): a stage's code and tables stay warm in the processor's caches
/// and branch predictors, where a letter at a time lets parsing, prediction and writing evict
/// each other. Measured on corpus-10k: letter by letter costs about 25 % more CPU for the same
/// instructions; a batch of 64 letters recovers nearly all of it (docs/benchmarks.md, tenth round).
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
