// Input/ — the inputs of a run: paths expanded lazily into files, one shard of them
// (`InputSelection`), and loading each with its failure named (`InputReport`). Not here: decoding
// (IMRParse Input/), option parsing (Commands/).

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
    /// Inputs found by `count(upTo:)`, taken from `peekedStart` on (the audit counts a few hundred
    /// ahead before every batch: removing the first of them one by one moved all the others).
    private var peeked: [String] = []
    private var peekedStart = 0

    /// `shard`: keep the files whose position modulo `count` is `index` (0-based): deterministic,
    /// balanced, and the shards' outputs concatenate to the whole run (`--shard I/N` is index I-1 of N).
    init(paths: [String], shard: (index: Int, count: Int)?) {
        self.paths = paths
        self.shard = shard
        walk = InputFinder.Walk(paths)
        errors = walk.errors
    }

    /// The warning of a run that found nothing to read: which paths, and what is looked for in a folder.
    var noInputsMessage: String {
        let named = paths.count == 1 ? paths[0] : "\(paths.count) paths"
        return "no inputs: \(named) holds no .txt or .pdf file" + (shard.map { " in shard \($0.index + 1)/\($0.count)" } ?? "")
    }

    func next() -> String? {
        guard peekedStart < peeked.count else { return take() }
        defer {
            peekedStart += 1
            if peekedStart == peeked.count {
                peeked.removeAll(keepingCapacity: true)
                peekedStart = 0
            } else if peekedStart >= 4096 {  // kept counted ahead: drop what was taken, now and then
                peeked.removeFirst(peekedStart)
                peekedStart = 0
            }
        }
        return peeked[peekedStart]
    }

    /// How many inputs there are, counting no further than `limit` (they are kept for `next()`).
    func count(upTo limit: Int) -> Int {
        while peeked.count - peekedStart < limit, let file = take() { peeked.append(file) }
        return min(peeked.count - peekedStart, limit)
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
