import Foundation
import IMRParse

/// The inputs of a run: paths expanded to files in sorted order, optionally one shard of them.
///
/// Inputs are found as the run takes them (`next()`), so memory does not grow with their number;
/// paths that do not exist or cannot be opened are known from the start (`errors`).
final class InputSelection: IteratorProtocol {
    let errors: [InputError]
    private let paths: [String]
    private let shard: (index: Int, count: Int)?
    private var walk: InputFinder.Walk
    private var position = 0
    /// Inputs found by `count(upTo:)` and not yet taken.
    private var peeked: [String] = []

    private init(paths: [String], shard: (index: Int, count: Int)?) {
        self.paths = paths
        self.shard = shard
        walk = InputFinder.Walk(paths)
        errors = walk.errors
    }

    /// `--shard I/N` keeps the files whose position modulo N is I-1 (1-based I): deterministic,
    /// balanced, and the shards' outputs concatenate to the whole run.
    static func from(_ paths: [String], shard: String?) throws(UsageError) -> InputSelection {
        guard !paths.isEmpty else {
            throw UsageError(message: "no input given", hint: "pass files or directories, or '-' to read standard input")
        }
        guard let shard else { return InputSelection(paths: paths, shard: nil) }
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
            throw UsageError(message: "--shard takes I/N with 1 ≤ I ≤ N", hint: "for example --shard 2/8")
        }
        return InputSelection(paths: paths, shard: (i - 1, n))
    }

    func next() -> String? {
        if !peeked.isEmpty { return peeked.removeFirst() }
        return take()
    }

    /// How many inputs there are, counting no further than `limit` (they are kept for `next()`).
    func count(upTo limit: Int) -> Int {
        while peeked.count < limit, let file = take() { peeked.append(file) }
        return min(peeked.count, limit)
    }

    /// Every input, counted by a second walk of the same paths that keeps none of them: for a
    /// progress display only, as it lists every directory once more before the run.
    func total() -> Int {
        let again = InputSelection(paths: paths, shard: shard)
        var n = 0
        while again.take() != nil { n += 1 }
        return n
    }

    private func take() -> String? {
        while let file = walk.next() {
            defer { position += 1 }
            if let shard, position % shard.count != shard.index { continue }
            return file
        }
        return nil
    }
}
