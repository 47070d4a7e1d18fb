// Pipeline/ — running documents: `OrderedWorkers` (all cores, results in input order, bounded
// window), `DocumentStream` (per-document commands), `Background` (a value computed on another
// thread), `Interrupt` (Ctrl-C) and `Progress`. Not here: what a job does (Commands/).

import Foundation

/// Processes inputs on several threads and hands results over in input order.
///
/// Workers take the next input from the iterator (under the lock, so the inputs can be found as
/// the run goes); a finished result waits in a small reorder buffer until every earlier one has
/// been emitted. A worker does not start an input more than `window` ahead of the next one to
/// emit, so memory stays flat however many inputs there are.
final class OrderedWorkers<Input: Sendable, Result>: @unchecked Sendable {
    private var inputs: any IteratorProtocol<Input>
    private let jobs: Int
    private let window: Int
    private let lock = NSCondition()
    private var next = 0
    private var exhausted = false
    private var emitted = 0
    private var ready: [Int: Result] = [:]

    init(inputs: some IteratorProtocol<Input>, jobs: Int, window: Int = 64) {
        self.inputs = inputs
        self.jobs = max(1, jobs)
        self.window = max(window, jobs * 2)
    }

    /// Runs `work` for every input and `emit` for every result with its position, in input order
    /// (never concurrently).
    func run(_ work: @escaping @Sendable (Input) -> Result, emit: @escaping (Int, Result) -> Void) {
        let emitBox = UncheckedBox(emit)
        if jobs == 1 {
            while !Interrupt.requested, let input = inputs.next() {
                emit(next, work(input))
                next += 1
            }
            return
        }
        let group = DispatchGroup()
        for _ in 0..<jobs {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while true {
                    lock.lock()
                    // Timed waits, so a worker notices an interrupt even when nobody signals.
                    while !exhausted && next >= emitted + window && !Interrupt.requested {
                        _ = lock.wait(until: Date(timeIntervalSinceNow: 0.1))
                    }
                    guard !exhausted, !Interrupt.requested, let input = inputs.next() else {
                        exhausted = true
                        lock.broadcast()
                        lock.unlock()
                        return
                    }
                    let index = next
                    next += 1
                    lock.unlock()
                    let result = work(input)
                    lock.lock()
                    ready[index] = result
                    // Whoever completes the next index in order emits every consecutive ready result.
                    while let r = ready.removeValue(forKey: emitted) {
                        emitBox.value(emitted, r)
                        emitted += 1
                    }
                    lock.broadcast()
                    lock.unlock()
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }
}

final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// How many worker threads to use: `--jobs N`, else the number of active processors.
func defaultJobs() -> Int { ProcessInfo.processInfo.activeProcessorCount }
