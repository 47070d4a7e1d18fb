import Foundation

/// Processes inputs on several threads and hands results over in input order.
///
/// Workers take the next index; a finished result waits in a small reorder buffer until every
/// earlier one has been emitted. A worker does not start an index more than `window` ahead of
/// the next one to emit, so memory stays flat however many inputs there are.
final class OrderedWorkers<Result>: @unchecked Sendable {
    private let count: Int
    private let jobs: Int
    private let window: Int
    private let lock = NSCondition()
    private var next = 0
    private var emitted = 0
    private var ready: [Int: Result] = [:]

    init(count: Int, jobs: Int, window: Int = 64) {
        self.count = count
        self.jobs = max(1, min(jobs, max(count, 1)))
        self.window = max(window, jobs * 2)
    }

    /// Runs `work` for every index and `emit` for every result, in index order (never concurrently).
    func run(_ work: @escaping @Sendable (Int) -> Result, emit: @escaping (Int, Result) -> Void) {
        let emitBox = UncheckedBox(emit)
        if jobs == 1 {
            for i in 0..<count where !Interrupt.requested { emit(i, work(i)) }
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
                    while next < count && next >= emitted + window && !Interrupt.requested {
                        _ = lock.wait(until: Date(timeIntervalSinceNow: 0.1))
                    }
                    guard next < count, !Interrupt.requested else { lock.broadcast(); lock.unlock(); return }
                    let index = next
                    next += 1
                    lock.unlock()
                    let result = work(index)
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
