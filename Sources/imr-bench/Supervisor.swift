import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `imr-bench fuzz --supervise`: a long campaign that survives the failures it finds.
///
/// A fuzz process dies on the first crash (that is the signal) and stops at the first hang. Under
/// `--supervise` the fuzzing runs in a child process; when the child dies, the supervisor finds the
/// failure it wrote (`crash-s<seed>-i<index>.*` or `hang-…`), keeps the child's stderr (the Swift
/// runtime's backtrace) next to it as `.log`, and starts a new child at the next index, carrying the
/// totals over. At the end it prints the usual last line and the distinct failures, each with its
/// first input, count and the frame where it happened.
enum Supervisor {
    static func writeProgress(out: String, done: Int, maxMs: Int, hangs: Int) {
        writeFile(out + "/.progress", Array("\(done) \(maxMs) \(hangs)\n".utf8))
    }

    static func readProgress(out: String) -> (done: Int, maxMs: Int, hangs: Int)? {
        guard let b = readFile(out + "/.progress") else { return nil }
        let parts = String(decoding: b, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        return parts.count == 3 ? (parts[0], parts[1], parts[2]) : nil
    }

    struct Failure {
        var kind: String
        var index: Int
        var file: String
    }

    /// Failure files of this seed with an index of at least `from`.
    static func failures(out: String, seed: UInt64, from: Int) -> [Failure] {
        var found: [Failure] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [] {
            for kind in ["crash", "hang"] {
                let prefix = "\(kind)-s\(seed)-i"
                guard name.hasPrefix(prefix), !name.hasSuffix(".log") else { continue }
                let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
                if let i = Int(digits), i >= from { found.append(Failure(kind: kind, index: i, file: out + "/" + name)) }
            }
        }
        return found.sorted { $0.index < $1.index }
    }

    /// The failure's signature from the child's stderr: the runtime message and the first frame with
    /// a source location in the project.
    static func signature(log: String) -> String {
        let failureIsHang = log.contains("ran over")
        var message = ""
        var frame = ""
        var afterCrashed = false
        for line in log.split(separator: "\n") {
            let l = line.trimmingCharacters(in: .whitespaces)
            if message.isEmpty, !failureIsHang, l.hasPrefix("*** Swift runtime failure:") || l.hasPrefix("Fatal error:") || l.hasPrefix("*** Program crashed:") {
                message = l.replacingOccurrences(of: "*** ", with: "").replacingOccurrences(of: " ***", with: "")
            }
            if l.hasSuffix("crashed:") { afterCrashed = true; continue }
            if afterCrashed, frame.isEmpty, !l.contains(" at //"), !l.contains("/imr-bench/"), let inRange = l.range(of: " in imr-bench at /") {
                var function = String(l[..<inRange.lowerBound])
                if let hex = function.range(of: "0x") {
                    function = String(function[hex.lowerBound...].drop { $0 != " " }).trimmingCharacters(in: .whitespaces)
                }
                if let plus = function.range(of: " + ", options: .backwards) { function = String(function[..<plus.lowerBound]) }
                function = function.replacingOccurrences(of: "specialized ", with: "")
                var location = l[inRange.upperBound...].split(separator: "/").last.map(String.init) ?? ""
                if failureIsHang, let colon = location.lastIndex(of: ":") { location = String(location[..<colon]) }
                frame = "\(function) (\(location))"
            }
            if l.contains("ran over"), message.isEmpty { message = "over the time limit" }
        }
        return [message, frame].filter { !$0.isEmpty }.joined(separator: " at ")
    }

    static func run(args: [String], start: Int, iterations: Int, seed: UInt64, out: String) -> Int32 {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        // The child gets the same options without the ones the supervisor sets.
        var passed: [String] = []
        var i = 0
        let owned: Set<String> = ["--start", "--iterations", "--base-done", "--base-crashes", "--base-hangs", "--base-max"]
        while i < args.count {
            let a = args[i]
            if a == "--supervise" { i += 1; continue }
            if owned.contains(a) { i += 2; continue }
            if owned.contains(where: { a.hasPrefix($0 + "=") }) { i += 1; continue }
            passed.append(a)
            i += 1
        }
        let end = start + iterations
        var next = start
        var maxMs = 0, hangs = 0
        var crashes: [(Failure, String)] = []
        var hangList: [(Failure, String)] = []
        try? FileManager.default.removeItem(atPath: out + "/.progress")
        let began = nowNanos()
        while next < end {
            let logPath = out + "/.child-\(next).log"
            let childArgs = [me, "fuzz"] + passed + ["--start", String(next), "--iterations", String(end - next),
                                                    "--base-done", String(next - start), "--base-crashes", String(crashes.count),
                                                    "--base-hangs", String(hangs), "--base-max", String(maxMs)]
            let status = spawnAndWait(childArgs, stderrPath: logPath)
            if let p = readProgress(out: out) { maxMs = max(maxMs, p.maxMs) }
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if status == 0 {
                try? FileManager.default.removeItem(atPath: logPath)
                break
            }
            guard let failure = failures(out: out, seed: seed, from: next).last else {
                note("fuzz --supervise: the child exited with status \(status) without writing a failure; see \(logPath)")
                return 2
            }
            let sig = signature(log: log)
            try? FileManager.default.moveItem(atPath: logPath, toPath: failure.file + ".log")
            if failure.kind == "crash" { crashes.append((failure, sig)) } else { hangs += 1; hangList.append((failure, sig)) }
            note("fuzz --supervise: \(failure.kind) at input \(failure.index): \(sig.isEmpty ? "(no backtrace)" : sig); continuing at \(failure.index + 1)")
            next = failure.index + 1
        }
        let seconds = Double(nowNanos() - began) / 1e9
        say("fuzz --supervise: \(iterations) inputs in \(fixed(seconds, 0)) s (\(fixed(Double(iterations) / max(seconds, 1e-9), 0)) inputs/s), \(crashes.count + hangList.count) child restarts")
        var groups: [String: (first: Int, count: Int, kind: String)] = [:]
        for (f, sig) in crashes + hangList {
            let key = f.kind + ": " + (sig.isEmpty ? "(no backtrace)" : sig)
            if let g = groups[key] { groups[key] = (min(g.first, f.index), g.count + 1, f.kind) } else { groups[key] = (f.index, 1, f.kind) }
        }
        for (key, g) in groups.sorted(by: { $0.value.count > $1.value.count }) {
            say("  \(g.count)x \(key) (first: input \(g.first))")
        }
        say("fuzz: \(iterations) inputs, \(crashes.count) crashes, \(hangs) hangs, max \(maxMs) ms")
        return crashes.isEmpty && hangs == 0 ? 0 : 1
    }

    /// Runs a command with stderr to a file and stdout inherited; returns the wait status (0 = exit 0).
    static func spawnAndWait(_ args: [String], stderrPath: String) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, args[0], &actions, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }
}
