import Foundation
import Testing

/// Every example a user is shown — the EXAMPLES of every `--help` and the commands of the README's
/// `sh` blocks — names paths that exist and runs with exit status 0, as written, from the checkout
/// (in a scratch folder that sees the checkout's `examples/` and `Rules/`, so the files examples
/// write, such as `report.html`, land there). Build and test commands (`swift …`, `.ci/run`) are
/// checked for their paths only; examples that read a PDF run where `pdftotext` is installed.
@Suite(.serialized) struct ExamplesRunTests {
    /// One example: where it was shown, and the command line.
    struct Example: CustomStringConvertible {
        var origin: String
        var line: String
        var description: String { "\(origin): \(line)" }
    }

    static func helpExamples() throws -> [Example] {
        var out: [Example] = []
        let rules = ["lint", "test", "list", "explain", "impact", "new"].map { ["rules", $0] }
        for command in [[], ["parse"], ["facts"], ["predict"], ["audit"], ["rules"]] + rules {
            let help = try CLI.run(command + ["--help"]).stdout
            guard let range = help.range(of: "EXAMPLES:\n") else { continue }
            for line in help[range.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("  ") else { break }
                out.append(Example(origin: "imr-check \(command.joined(separator: " ")) --help", line: line.trimmingCharacters(in: .whitespaces)))
            }
        }
        return out
    }

    static func readmeExamples() throws -> [Example] {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var out: [Example] = []
        var inShell = false
        for raw in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("```") { inShell = !inShell && (line == "```sh" || line == "```bash"); continue }
            guard inShell else { continue }
            var command = line
            // A comment starts at " #" after two spaces or more ("#90" inside a request is not one).
            if let r = command.range(of: #"\s{2,}#.*$"#, options: .regularExpression) { command.removeSubrange(r) }
            command = command.trimmingCharacters(in: .whitespaces)
            if command.isEmpty || command.hasPrefix("#") { continue }
            out.append(Example(origin: "README.md", line: command))
        }
        return out
    }

    /// Words of a command line as a shell splits them (quotes removed), with `|`, `>`, `&&` as words.
    static func words(_ line: String) -> [String] {
        var out: [String] = [], current = "", quote: Character?
        var started = false
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "\"" || ch == "'" {
                quote = ch; started = true
            } else if ch == " " {
                if started || !current.isEmpty { out.append(current) }
                current = ""; started = false
            } else {
                current.append(ch)
            }
        }
        if started || !current.isEmpty { out.append(current) }
        return out
    }

    /// The paths an example reads (to exist) and the ones it writes.
    static func paths(_ line: String) -> (reads: [String], writes: [String]) {
        let w = words(line)
        var reads: [String] = [], writes: [String] = []
        let takesValue: Set<String> = ["--request", "--date", "--format", "--shard", "--jobs", "--run", "-c", "--scratch-path", "--filter", "--stages", "--repeat"]
        let writesValue: Set<String> = ["--output", "--summary", ">", "--screenshot", "--json"]
        var i = 0
        while i < w.count {
            let word = w[i]
            if writesValue.contains(word), i + 1 < w.count { writes.append(w[i + 1]); i += 2; continue }
            // `cp -R SRC DST` writes DST.
            if word == "cp", i == 0, let last = w.last, w.count >= 3 { writes.append(last); writes.append(last + "/") }
            if takesValue.contains(word) { i += 2; continue }
            let isCommand = i == 0 || ["|", "&&", ";"].contains(w[i - 1])
            let looksLikePath = word.contains("/") || [".txt", ".pdf", ".jsonl", ".json", ".html", ".csv", ".md"].contains { word.hasSuffix($0) }
            if !word.hasPrefix("-"), looksLikePath, !word.contains("="), !(isCommand && word.hasSuffix("imr-check")) { reads.append(word) }
            i += 1
        }
        return (reads, writes)
    }

    static var pdftotext: Bool {
        ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func everyExampleNamesPathsThatExistAndRuns() throws {
        let examples = try Self.helpExamples() + Self.readmeExamples()
        #expect(examples.count >= 20, "found \(examples.count) examples")
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        // examples/ and Tests/ are linked; Rules/ is copied (the rule loader does not follow a linked folder).
        try fm.createSymbolicLink(at: dir.appendingPathComponent("examples"), withDestinationURL: CLI.packageRoot.appendingPathComponent("examples"))
        try fm.createSymbolicLink(at: dir.appendingPathComponent("Tests"), withDestinationURL: CLI.packageRoot.appendingPathComponent("Tests"))
        try fm.copyItem(at: CLI.packageRoot.appendingPathComponent("Rules"), to: dir.appendingPathComponent("Rules"))
        // A git repository, as a checkout is (`rules test --changed` compares with a revision).
        for git in [["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "checkout"]] {
            let g = Process()
            g.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            g.arguments = git
            g.currentDirectoryURL = dir
            g.standardOutput = FileHandle.nullDevice
            g.standardError = FileHandle.nullDevice
            try g.run()
            g.waitUntilExit()
        }
        let bin = dir.appendingPathComponent("bin")
        try fm.createDirectory(at: dir.appendingPathComponent(".build/release"), withIntermediateDirectories: true)
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: bin.appendingPathComponent("imr-check"), withDestinationURL: URL(fileURLWithPath: CLI.binary))
        try fm.createSymbolicLink(at: dir.appendingPathComponent(".build/release/imr-check"), withDestinationURL: URL(fileURLWithPath: CLI.binary))

        var written = Set<String>()
        var ran = 0
        for example in examples {
            let (reads, writes) = Self.paths(example.line)
            for path in reads where !written.contains(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) {
                let exists = fm.fileExists(atPath: CLI.packageRoot.appendingPathComponent(path).path) || path.hasPrefix(".build/")
                #expect(exists, "\(example): '\(path)' does not exist")
            }
            written.formUnion(writes)
            let first = Self.words(example.line).first ?? ""
            guard ["imr-check", "cat", "cp"].contains(first) || first.hasSuffix("/imr-check") else { continue }
            if example.line.contains(".pdf"), !Self.pdftotext { continue }
            // A folder copied once is not copied again (a second `cp -R` nests it).
            if first == "cp", let target = Self.words(example.line).last, fm.fileExists(atPath: dir.appendingPathComponent(target).path) { continue }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-o", "pipefail", "-c", example.line]
            p.currentDirectoryURL = dir
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = bin.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
            env["NO_COLOR"] = "1"
            env.removeValue(forKey: "IMR_CHECK_RULES")
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            let err = Pipe()
            p.standardError = err
            try p.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(example) exited \(p.terminationStatus): \(stderr.prefix(400))")
            ran += 1
        }
        #expect(ran >= 15, "ran \(ran) examples")
    }
}
