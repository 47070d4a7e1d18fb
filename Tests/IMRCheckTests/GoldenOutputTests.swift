import Foundation
import GuidelineRules
import IMRTestSupport
import Testing

/// Every command in every format, and every `--help`, compared whole with a golden file in
/// `Fixtures/goldens/` (exit status, standard output and standard error): a help example naming a
/// path that does not exist, a column shift or a plural slip changes a golden. `IMR_RECORD=1 swift
/// test` re-records them; review the diff (`git diff Tests/IMRCheckTests/Fixtures/goldens`) — the
/// outputs over `examples/` change whenever the rule files change what is predicted, as they should.
///
/// Two things vary between runs and are replaced before comparing: the rules' fingerprint
/// (`<fingerprint>`, it changes with any rule edit) and temporary folders (`$TMP`). The HTML report's
/// date is fixed with `IMR_REPORT_DATE`.
@Suite(.serialized) struct GoldenOutputTests {
    static let goldens = CLI.packageRoot.appendingPathComponent("Tests/IMRCheckTests/Fixtures/goldens")
    static let fingerprint: String = RuleLoader.load(directory: CLI.packageRoot.appendingPathComponent("Rules").path).book?.origin?.fingerprint ?? "?"

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var stdin: String? = nil
        var testDescription: String { name }
    }

    static let letters = "examples/letters"
    static let twoLetters = ["examples/letters/mpr_single_upheld.txt", "examples/letters/notice_2013_two_items_crlf.txt"]
    static let note = "examples/requests/esi-undocumented.txt"

    static let cases: [Case] = {
        var c: [Case] = [
            Case(name: "help", arguments: ["--help"]),
            Case(name: "help-audit", arguments: ["help", "audit"]),
            Case(name: "version", arguments: ["--version"]),
        ]
        for command in ["parse", "facts", "predict", "audit", "rules"] {
            c.append(Case(name: "\(command)-help", arguments: [command, "--help"]))
        }
        for format in ["text", "json", "jsonl"] {
            c.append(Case(name: "parse-\(format)", arguments: ["parse"] + twoLetters + ["--format", format]))
            c.append(Case(name: "facts-\(format)", arguments: ["facts", note, "--format", format]))
        }
        c.append(Case(name: "parse-stdin-json", arguments: ["parse", "-", "--format", "json"], stdin: "examples/letters/mpr_single_upheld.txt"))
        for format in ["text", "json", "jsonl", "csv"] {
            c.append(Case(name: "predict-folder-\(format)", arguments: ["predict", "examples/requests", "--format", format]))
        }
        c.append(Case(name: "predict-request-text", arguments: ["predict", "--request", "Lumbar ESI L4-5", note]))
        c.append(Case(name: "predict-request-json", arguments: ["predict", "--request", "Lumbar ESI L4-5", note, "--format", "json"]))
        c.append(Case(name: "predict-no-narrative", arguments: ["predict", "--request", "Physical therapy 2x4 lumbar spine"]))
        for format in ["text", "json", "jsonl", "csv", "html"] {
            c.append(Case(name: "audit-\(format)", arguments: ["audit", letters, "--format", format]))
        }
        c.append(Case(name: "audit-csv-no-header-shard", arguments: ["audit", letters, "--format", "csv", "--no-header", "--shard", "2/3"]))
        // The rules commands over a one-family fixture folder (the project's rules change every day).
        let mini = "Tests/IMRCheckTests/Fixtures/rules-mini"
        for sub in ["lint", "test", "list"] {
            c.append(Case(name: "rules-\(sub)-text", arguments: ["rules", sub, mini]))
            c.append(Case(name: "rules-\(sub)-json", arguments: ["rules", sub, mini, "--format", "json"]))
        }
        c.append(Case(name: "rules-explain-text", arguments: ["rules", "explain", "gym_membership", "--rules", mini]))
        c.append(Case(name: "predict-rules-mini-csv", arguments: ["predict", "--rules", mini, "--request", "Gym membership x 6 months", note, "--format", "csv"]))
        // Errors as users meet them.
        c.append(Case(name: "error-missing-file", arguments: ["audit", "examples/letters/no-such-letter.txt", "examples/letters/mpr_single_upheld.txt", "--format", "jsonl"]))
        c.append(Case(name: "error-unknown-format", arguments: ["predict", note, "--format", "xml"]))
        c.append(Case(name: "error-shard-auto-without-engine", arguments: ["audit", letters, "--shard", "auto"]))
        c.append(Case(name: "error-help-unknown-command", arguments: ["help", "audti"]))
        return c
    }()

    /// What a run gives, as one text: the exit status, then standard output, then standard error.
    static func transcript(_ r: CLI.Result, tmp: String? = nil) -> String {
        var s = "exit \(r.status)\n--- stdout\n\(r.stdout)--- stderr\n\(r.stderr)"
        s = s.replacingOccurrences(of: fingerprint, with: "<fingerprint>")
        if let tmp { s = s.replacingOccurrences(of: tmp, with: "$TMP") }
        return s
    }

    static func compare(_ actual: String, _ name: String) throws {
        let url = goldens.appendingPathComponent(name + ".golden")
        if !Golden.recording, !FileManager.default.fileExists(atPath: url.path) {
            Issue.record("\(name): no golden at \(url.path); record it with IMR_RECORD=1 swift test --filter GoldenOutputTests")
            return
        }
        try FileManager.default.createDirectory(at: goldens, withIntermediateDirectories: true)
        if let difference = try Golden.check(actual, against: url, name: name) { Issue.record(Comment(rawValue: difference)) }
    }

    static let environment = ["IMR_REPORT_DATE": "2026-01-01T00:00:00Z", "SLURM_ARRAY_TASK_ID": "", "JOB_COMPLETION_INDEX": "", "AWS_BATCH_JOB_ARRAY_INDEX": ""]

    @Test(arguments: cases) func golden(_ c: Case) throws {
        let stdin = try c.stdin.map { try Data(contentsOf: CLI.packageRoot.appendingPathComponent($0)) }
        let r = try CLI.run(c.arguments, stdin: stdin, environment: Self.environment)
        try Self.compare(Self.transcript(r), c.name)
    }

    /// `--summary-from` in every format, from the JSON Lines of two shards.
    @Test func summaryFromShards() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var parts: [String] = []
        for i in 1...2 {
            let r = try CLI.run(["audit", Self.letters, "--format", "jsonl", "--shard", "\(i)/2"], environment: Self.environment)
            #expect(r.status == 0)
            let part = dir.appendingPathComponent("part\(i).jsonl")
            try r.stdout.write(to: part, atomically: true, encoding: .utf8)
            parts.append(part.path)
        }
        for format in ["text", "json", "jsonl", "csv", "html"] {
            let r = try CLI.run(["audit", "--summary-from"] + parts + ["--format", format], environment: Self.environment)
            try Self.compare(Self.transcript(r, tmp: dir.path), "audit-summary-from-\(format)")
        }
    }

    /// `imr-check help CMD` is `imr-check CMD --help`.
    @Test func helpCommandIsCommandHelp() throws {
        for command in ["parse", "facts", "predict", "audit", "rules"] {
            let a = try CLI.run(["help", command]), b = try CLI.run([command, "--help"])
            #expect(a.status == 0 && a.stdout == b.stdout, "help \(command)")
        }
    }
}
