import Foundation
import Testing

/// `--shard auto` on the batch engines people have: N shards run through each engine's environment
/// variables, concatenated, equal one unsharded run byte for byte once the lines are sorted (JSON
/// Lines and CSV); a missing or inconsistent environment is a usage error that says what was read.
@Suite(.serialized) struct ShardTests {
    static let corpus = [CLI.packageRoot.appendingPathComponent("examples/letters").path, CLI.fixtureLetters.path]

    /// The environments of task `index` (from 0) of `count` on each engine.
    static func engines(_ index: Int, _ count: Int) -> [(String, [String: String])] {
        [("Slurm", ["SLURM_ARRAY_TASK_ID": String(index + 1), "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": String(count)]),
         ("Kubernetes", ["JOB_COMPLETION_INDEX": String(index), "IMR_SHARD_COUNT": String(count)]),
         ("AWS Batch", ["AWS_BATCH_JOB_ARRAY_INDEX": String(index), "AWS_BATCH_JOB_ARRAY_SIZE": String(count)])]
    }

    static func sortedLines(_ s: String) -> [String] { s.split(separator: "\n").map(String.init).sorted() }

    @Test func shardsThroughEachEngineEqualOneRun() throws {
        let whole = try CLI.run(["audit"] + Self.corpus + ["--format", "jsonl"])
        #expect(whole.status == 0 || whole.status == 1)
        let wholeCSV = try CLI.run(["audit"] + Self.corpus + ["--format", "csv"])
        let n = 3
        for engine in 0..<3 {
            var jsonl = "", csv = "", name = ""
            for i in 0..<n {
                let (engineName, env) = Self.engines(i, n)[engine]
                name = engineName
                let part = try CLI.run(["audit"] + Self.corpus + ["--format", "jsonl", "--shard", "auto"], environment: env)
                #expect(part.status == whole.status, "\(engineName) shard \(i): \(part.stderr)")
                #expect(!part.stdout.isEmpty, "\(engineName) shard \(i) is empty")
                jsonl += part.stdout
                let partCSV = try CLI.run(["audit"] + Self.corpus + ["--format", "csv", "--shard", "auto"] + (i > 0 ? ["--no-header"] : []), environment: env)
                csv += partCSV.stdout
            }
            #expect(Self.sortedLines(jsonl) == Self.sortedLines(whole.stdout), "\(name): the shards' JSON Lines differ from one run")
            #expect(Self.sortedLines(jsonl).joined(separator: "\n").utf8.count == Self.sortedLines(whole.stdout).joined(separator: "\n").utf8.count)
            #expect(csv.split(separator: "\n").first == wholeCSV.stdout.split(separator: "\n").first, "\(name): CSV header")
            #expect(Self.sortedLines(csv) == Self.sortedLines(wholeCSV.stdout), "\(name): the shards' CSV differs from one run")
        }
    }

    /// The summary rebuilt from the shards' JSON Lines is the summary of one run.
    @Test func summaryFromShardsEqualsOneRun() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try CLI.run(["audit"] + Self.corpus + ["--format", "jsonl", "--summary", dir.appendingPathComponent("whole.json").path])
        var parts: [String] = []
        for i in 0..<4 {
            let env = ["JOB_COMPLETION_INDEX": String(i), "IMR_SHARD_COUNT": "4"]
            let part = try CLI.run(["audit"] + Self.corpus + ["--format", "jsonl", "--shard", "auto"], environment: env)
            let url = dir.appendingPathComponent("part\(i).jsonl")
            try part.stdout.write(to: url, atomically: true, encoding: .utf8)
            parts.append(url.path)
        }
        let rebuilt = try CLI.run(["audit", "--summary-from"] + parts + ["--format", "json"])
        #expect(rebuilt.status == 0)
        var a = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("whole.json"))) as? [String: Any] ?? [:]
        var b = try JSONSerialization.jsonObject(with: Data(rebuilt.stdout.utf8)) as? [String: Any] ?? [:]
        // Unreadable inputs, and letters in which no disputed item was found, are known to the run over
        // the letters only (JSON Lines hold items): the rebuilt summary counts the letters with items.
        a["failed_inputs"] = nil; b["failed_inputs"] = nil
        a["documents"] = nil; b["documents"] = nil
        func canonical(_ v: Any?) -> Data? { v.flatMap { try? JSONSerialization.data(withJSONObject: [$0], options: [.sortedKeys]) } }
        let differing = Set(a.keys).union(b.keys).filter { canonical(a[$0]) != canonical(b[$0]) }
        #expect(differing.isEmpty, "the rebuilt summary differs from the run's in \(differing.sorted())")
        #expect(whole.status == 0 || whole.status == 1)
    }

    @Test func autoWithoutAnEngineOrWithABadOneIsAUsageError() throws {
        let none = try CLI.run(["audit", "examples/letters", "--shard", "auto"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("SLURM_ARRAY_TASK_ID") && none.stderr.contains("JOB_COMPLETION_INDEX") && none.stderr.contains("AWS_BATCH_JOB_ARRAY_INDEX"))
        let noCount = try CLI.run(["audit", "examples/letters", "--shard", "auto"], environment: ["JOB_COMPLETION_INDEX": "2"])
        #expect(noCount.status == 2)
        #expect(noCount.stderr.contains("IMR_SHARD_COUNT"))
        let outside = try CLI.run(["audit", "examples/letters", "--shard", "auto"], environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "5", "AWS_BATCH_JOB_ARRAY_SIZE": "5"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("not within 0..<5"))
        let stepped = try CLI.run(["parse", "examples/letters", "--format", "jsonl", "--shard", "auto"],
                                  environment: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "2"])
        let second = try CLI.run(["parse", "examples/letters", "--format", "jsonl", "--shard", "2/2"])
        #expect(stepped.status == 0 && stepped.stdout == second.stdout, "Slurm --array=1-3:2, task 3 is shard 2/2")
    }
}

/// The Slurm script of docs/scale.md, run as Slurm would run it: N array tasks (their environment
/// only), then the merge; the shards concatenate to one run and the merge writes the three files.
@Suite struct SlurmScriptTests {
    @Test func arrayTasksThenMerge() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = CLI.packageRoot.appendingPathComponent("scripts/scale/slurm-audit.sh").path
        let corpus = CLI.packageRoot.appendingPathComponent("examples/letters").path
        func bash(_ args: [String], _ env: [String: String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = [script] + args
            var e = ProcessInfo.processInfo.environment
            e["IMR_CHECK"] = CLI.binary
            e["NO_COLOR"] = "1"
            for (k, v) in env { e[k] = v }
            p.environment = e
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        for task in 0..<3 {
            #expect(try bash(["shard", corpus, dir.path], ["SLURM_ARRAY_TASK_ID": String(task), "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "3"]) == 0)
        }
        #expect(try bash(["merge", dir.path], [:]) == 0)
        let parts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("part-") }.sorted()
        #expect(parts == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"])
        let joined = try parts.map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }.joined()
        let whole = try CLI.run(["audit", corpus, "--format", "jsonl"])
        #expect(joined.split(separator: "\n").sorted() == whole.stdout.split(separator: "\n").sorted())
        for file in ["summary.json", "summary.csv", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "merge wrote no \(file)")
        }
    }
}
