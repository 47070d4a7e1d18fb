/// Inputs taken a batch at a time, for a worker that runs a stage over the whole batch before the
/// next (`AuditCommand` reads and parses every letter of a batch, then predicts and writes each):
/// a stage's code and tables stay warm in the processor's caches and branch predictors, where a
/// letter at a time lets parsing and prediction evict each other. Measured on corpus-10k: the
/// audit's CPU −11 % for the same instructions (docs/benchmarks.md, tenth round).
struct Batches: IteratorProtocol {
    private let inputs: InputSelection
    private let size: Int
    private let jobs: Int

    init(_ inputs: InputSelection, size: Int, jobs: Int) {
        self.inputs = inputs
        self.size = max(1, size)
        self.jobs = max(1, jobs)
    }

    /// The next up to `size` inputs; nil when there are none. Near the end (and in a small run)
    /// the batches shrink, so the workers finish together: the inputs left are counted ahead, up
    /// to two full batches per worker, and a batch takes a share of them. An interrupt ends the
    /// batch early, so no new input is started after it (what was taken is still finished).
    mutating func next() -> [String]? {
        let left = inputs.count(upTo: 2 * size * jobs)
        let n = min(size, max(1, left / (2 * jobs)))
        var batch: [String] = []
        batch.reserveCapacity(n)
        while batch.count < n, !Interrupt.requested, let input = inputs.next() { batch.append(input) }
        return batch.isEmpty ? nil : batch
    }
}
