import Foundation
import IMRParse

/// The inputs of a run: paths expanded to files in sorted order, optionally one shard of them.
struct InputSelection {
    var files: [String]
    var errors: [InputError]

    /// `--shard I/N` keeps the files whose position modulo N is I-1 (1-based I): deterministic,
    /// balanced, and the shards' outputs concatenate to the whole run.
    static func from(_ paths: [String], shard: String?) throws(UsageError) -> InputSelection {
        guard !paths.isEmpty else {
            throw UsageError(message: "no input given", hint: "pass files or directories, or '-' to read standard input")
        }
        let expansion = InputFinder.expand(paths)
        var files = expansion.files
        if let shard {
            let parts = shard.split(separator: "/")
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
                throw UsageError(message: "--shard takes I/N with 1 ≤ I ≤ N", hint: "for example --shard 2/8")
            }
            files = files.enumerated().filter { $0.offset % n == i - 1 }.map(\.element)
        }
        return InputSelection(files: files, errors: expansion.errors)
    }
}
