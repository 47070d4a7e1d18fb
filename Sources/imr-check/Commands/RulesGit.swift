import Foundation
import GuidelineRules

/// What an edit of a rules folder changed, from git: the files changed since a revision (tracked
/// changes and files git does not track yet), and the rule book as it was at that revision, for
/// `rules test --changed [BASE]`.
enum RulesGit {
    static func touched(book: RuleBook, dir: String, base: String) throws(UsageError) -> RuleChanges.Touched {
        guard (try? git(["rev-parse", "--verify", "--quiet", base + "^{commit}"], in: dir)) != nil else {
            throw UsageError(message: "'\(base)' is not a git revision of the repository holding \(dir)",
                             hint: "rules test --changed needs the rules folder in a git checkout; give a branch, tag or commit")
        }
        let diff = (try? git(["diff", "--name-only", "--relative", base, "--", "."], in: dir)) ?? ""
        let untracked = (try? git(["ls-files", "--others", "--exclude-standard", "--", "."], in: dir)) ?? ""
        let changed = Set((diff + "\n" + untracked).split(separator: "\n").map(String.init).filter { $0.hasSuffix(".rules") })
        let root = dir.hasSuffix("/") ? dir : dir + "/"
        // The folder as it was: unchanged files as they are, changed ones from BASE (absent if new).
        var files: [(String, String)] = []
        var seen: Set<String> = []
        for file in book.files {
            let relative = file.hasPrefix(root) ? String(file.dropFirst(root.count)) : file
            seen.insert(relative)
            if changed.contains(relative) {
                if let old = try? git(["show", "\(base):./\(relative)"], in: dir) { files.append((file, old)) }
            } else if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                files.append((file, text))
            }
        }
        for relative in changed.sorted() where !seen.contains(relative) {
            if let old = try? git(["show", "\(base):./\(relative)"], in: dir) { files.append((root + relative, old)) }
        }
        files.sort { $0.0 < $1.0 }
        let before = RuleLoader.check(files: files).book
        return RuleChanges.touched(base: before, current: book, changedFiles: Set(changed.map { root + $0 }))
    }

    private struct Failed: Error {}

    /// Runs git in `dir`; its standard output, or an error when it fails.
    private static func git(_ arguments: [String], in dir: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", dir] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failed() }
        return String(decoding: data, as: UTF8.self)
    }
}
