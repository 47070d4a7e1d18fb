import Foundation

/// Counts inputs done and bytes read, and shows progress on a terminal (files, MB/s, time left).
final class Progress: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private var bytes = 0
    private let start: Date
    private var lastShown = Date.distantPast
    private let lock = NSLock()
    private let enabled: Bool

    /// The total is counted only when progress shows (a names-only second walk); otherwise the
    /// inputs are never counted, as they are found while the run goes.
    init(inputs: InputSelection) {
        let shown = Console.shared.stderrIsTerminal
        total = shown ? inputs.total() : 0
        enabled = shown && total > 1
        start = Date()  // after the count, which is no part of the rate
    }

    func step(bytes n: Int) {
        guard enabled else { return }
        lock.lock()
        done += 1
        bytes += n
        let now = Date()
        if now.timeIntervalSince(lastShown) > 0.25 || done == total {
            lastShown = now
            let elapsed = max(now.timeIntervalSince(start), 0.001)
            let rate = Double(bytes) / elapsed / 1_000_000
            let left = Double(max(total - done, 0)) * elapsed / Double(max(done, 1))
            Console.shared.progress(String(format: "%d/%d files  %.1f MB/s  %@ left", done, total, rate, Progress.duration(left)))
        }
        lock.unlock()
    }

    func finish() { if enabled { Console.shared.endProgress() } }

    static func duration(_ s: Double) -> String {
        s < 60 ? String(format: "%.0fs", s) : s < 3600 ? String(format: "%.0fm%02.0fs", (s / 60).rounded(.down), s.truncatingRemainder(dividingBy: 60)) : String(format: "%.1fh", s / 3600)
    }
}
