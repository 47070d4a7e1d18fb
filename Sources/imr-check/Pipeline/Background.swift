import Foundation

/// A value computed on its own thread while the caller does something else; `value` waits for it.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = NSCondition()
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let v = work()
            done.lock()
            result = v
            done.broadcast()
            done.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Whether the value is computed (`value` would not wait).
    var isReady: Bool {
        done.lock()
        defer { done.unlock() }
        return result != nil
    }

    var value: Value {
        done.lock()
        defer { done.unlock() }
        while result == nil { done.wait() }
        return result!
    }
}
