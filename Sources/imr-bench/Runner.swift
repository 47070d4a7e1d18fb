import Foundation
import GuidelineRules
import IMRParse
#if canImport(Glibc)
import Glibc
#endif

/// `imr-bench run`: throughput and memory per stage over a corpus.
///
/// The in-process stages run on one core. Files are read a batch at a time (a folder of 1,000 by
/// default) and only the stage itself is timed, so reading the disk never counts and the bench's own
/// memory stays flat however large the corpus. `parse` times `SourceLoader.decode` +
/// `LetterParser.parse`; `facts` times `Analyzer.facts` over the document's narrative (as
/// `imr-check facts` does), the letters being parsed untimed first; `predict` times the per-item
/// `Analyzer.predict` of `imr-check audit` (case summary scanned once + that item's rationale). `audit` spawns
/// the built CLI (`imr-check audit DIR --format jsonl --jobs N > /dev/null`) and measures its wall
/// time and its peak resident memory (`wait4` rusage, exact for that child).
enum BenchRunner {
    static let help = """
    imr-bench run --corpus DIR [--stages parse,facts,audit] [--jobs N] [--cli PATH] [--repeat R]
                  [--rules DIR] [--batch B] [--limit N] [--root DIR]

    Stages (comma-separated, in this order):
      parse    SourceLoader.decode + LetterParser.parse, one core
      facts    Analyzer.facts over each letter's narrative (as `imr-check facts`), one core
      predict  Analyzer.predict per disputed item (as `imr-check audit`: the case summary scanned
               once, each rationale scanned, predict(_:scans:context:)), without output, one core
      audit    the CLI end to end: CLI audit DIR --format jsonl --jobs N > /dev/null
    --cli      the imr-check binary (default .build/release/imr-check, else the one next to imr-bench)
    --jobs     worker threads for the audit child (default 2)
    --repeat   run each stage R times and report the best (default 1)
    --batch    files read into memory at a time for in-process stages (default 1000)
    Prints a Markdown table: letters, MB, wall seconds, MB/s, letters/s, CPU seconds and MB per
    CPU-second (robust to other load on a shared machine), and peak RSS (the audit child's, and
    this process's own).
    """

    struct Row {
        var stage: String
        var letters: Int
        var bytes: Int
        var seconds: Double
        var rssKB: Int?
        /// CPU seconds (this thread's for in-process stages; the child's user + system for audit).
        var cpuSeconds: Double = 0
        var note: String = ""
    }

    static func run(_ args: ArraySlice<String>) throws(UsageFailure) -> Int32 {
        let options = try Options(args, valueNames: ["--corpus", "--stages", "--jobs", "--cli", "--repeat", "--rules", "--batch", "--limit", "--root"])
        if options.flags.contains("--help") { say(help); return 0 }
        guard let corpus = options.values["--corpus"] ?? options.positionals.first else { throw UsageFailure("run needs --corpus DIR") }
        let stages = (options.values["--stages"] ?? "parse,facts,audit").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        for s in stages where !["parse", "facts", "predict", "audit"].contains(s) { throw UsageFailure("unknown stage '\(s)' (parse, facts, predict, audit)") }
        let jobs = max(1, try options.int("--jobs", default: 2))
        let repeats = max(1, try options.int("--repeat", default: 1))
        let batch = max(1, try options.int("--batch", default: 1000))
        let limit = try options.int("--limit", default: Int.max)
        let root = projectRoot(options.values["--root"])

        var files = InputFinder.expand([corpus]).files
        guard !files.isEmpty else { throw UsageFailure("no .txt letters under \(corpus); make some with `imr-bench generate`") }
        if files.count > limit { files = Array(files.prefix(limit)) }
        say("corpus: \(corpus), \(files.count) letters; load average before: \(loadAverage())")

        var rows: [Row] = []
        let inProcess = stages.filter { $0 != "audit" }
        if !inProcess.isEmpty {
            let rulesDir = options.values["--rules"] ?? root.map { $0 + "/Rules" } ?? "Rules"
            let loaded = RuleLoader.load(directory: rulesDir)
            guard let book = loaded.book else {
                for d in loaded.errors { note(d.rendered()) }
                throw UsageFailure("the rules in \(rulesDir) do not load; pass --rules DIR")
            }
            let analyzer = Analyzer(book: book)
            var best: [Row?] = Array(repeating: nil, count: inProcess.count)
            for r in 0..<repeats {
                for (k, row) in measureInProcess(files: files, stages: inProcess, analyzer: analyzer, batch: batch).enumerated() {
                    if let b = best[k], b.seconds <= row.seconds { continue }
                    best[k] = row
                }
                if repeats > 1 { note("run: in-process pass \(r + 1) of \(repeats) done; load \(loadAverage())") }
            }
            rows += best.compactMap { $0 }
        }
        if stages.contains("audit") {
            let cli = try locateCLI(options.values["--cli"])
            var extra: [String] = []
            if let rules = options.values["--rules"] { extra = ["--rules", rules] }
            var bestRow: Row?
            for r in 0..<repeats {
                let row = try audit(cli: cli, corpus: corpus, files: files, jobs: jobs, extra: extra)
                if bestRow == nil || row.seconds < bestRow!.seconds { bestRow = row }
                if repeats > 1 { note("run: audit pass \(r + 1) of \(repeats): \(fixed(row.seconds, 2)) s; load \(loadAverage())") }
            }
            rows.append(bestRow!)
        }

        say("")
        say("| stage | letters | MB | seconds | MB/s | letters/s | CPU s | MB per CPU-s | peak RSS (MB) |")
        say("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for row in rows {
            let mb = Double(row.bytes) / 1e6
            let rss = row.rssKB.map { fixed(Double($0) / 1024, 1) } ?? "–"
            say("| \(row.stage) | \(row.letters) | \(fixed(mb, 1)) | \(fixed(row.seconds, 3)) | \(fixed(mb / max(row.seconds, 1e-9), 1)) | \(fixed(Double(row.letters) / max(row.seconds, 1e-9), 0)) | \(fixed(row.cpuSeconds, 2)) | \(fixed(mb / max(row.cpuSeconds, 1e-9), 1)) | \(rss) |")
        }
        say("")
        say("imr-bench process peak RSS: \(fixed(Double(peakRSSKB()) / 1024, 1)) MB; load average after: \(loadAverage())" + (repeats > 1 ? "; best of \(repeats) runs" : ""))
        for row in rows where !row.note.isEmpty { say("\(row.stage): \(row.note)") }
        return 0
    }

    /// One pass of the in-process stages over the corpus, a batch at a time.
    static func measureInProcess(files: [String], stages: [String], analyzer: Analyzer, batch: Int) -> [Row] {
        var rows: [String: Row] = [:]
        for s in stages { rows[s] = Row(stage: label(s), letters: 0, bytes: 0, seconds: 0, rssKB: nil) }
        var checksum = 0
        var start = 0
        var raw: [[UInt8]] = []
        var texts: [SourceText] = []
        var letters: [Determination] = []
        while start < files.count {
            let end = min(files.count, start + batch)
            raw.removeAll(keepingCapacity: true)
            for i in start..<end { raw.append(readFile(files[i]) ?? []) }
            let bytes = raw.reduce(0) { $0 + $1.count }
            // parse (timed only when asked; needed by the later stages anyway)
            texts.removeAll(keepingCapacity: true)
            letters.removeAll(keepingCapacity: true)
            let t0 = nowNanos(), c0 = threadCPUNanos()
            for (k, data) in raw.enumerated() {
                guard let text = try? SourceLoader.decode(path: files[start + k], data: data) else { continue }
                let d = LetterParser.parse(text)
                checksum &+= d.items.count
                texts.append(text)
                letters.append(d)
            }
            let t1 = nowNanos(), c1 = threadCPUNanos()
            if rows["parse"] != nil { rows["parse"]!.add(letters: end - start, bytes: bytes, nanos: t1 - t0, cpu: c1 - c0) }
            if rows["facts"] != nil {
                let regions = zip(letters, texts).map { $0.factRegions(in: $1) }
                let contexts = zip(letters, texts).map { CaseContext(letter: $0, source: $1) }
                let t2 = nowNanos(), c2 = threadCPUNanos()
                for k in texts.indices {
                    let facts = analyzer.facts(in: texts[k], regions: regions[k], context: contexts[k])
                    checksum &+= facts.count
                }
                rows["facts"]!.add(letters: end - start, bytes: bytes, nanos: nowNanos() - t2, cpu: threadCPUNanos() - c2)
            }
            if rows["predict"] != nil {
                let t2 = nowNanos(), c2 = threadCPUNanos()
                for k in texts.indices {
                    // As `imr-check audit` does (`Analyzer.predictItems`).
                    for p in analyzer.predictItems(of: letters[k], source: texts[k], context: CaseContext(letter: letters[k], source: texts[k])) {
                        checksum &+= p.decision == nil ? 0 : 1
                    }
                }
                rows["predict"]!.add(letters: end - start, bytes: bytes, nanos: nowNanos() - t2, cpu: threadCPUNanos() - c2)
            }
            start = end
        }
        if checksum == 42 { note("") }  // keeps the work observable to the optimiser
        return stages.compactMap { rows[$0] }
    }

    static func label(_ stage: String) -> String {
        switch stage {
        case "parse": return "parse (decode + LetterParser.parse), 1 core"
        case "facts": return "facts (Analyzer.facts), 1 core"
        case "predict": return "predict (Analyzer.predict per item), 1 core"
        default: return stage
        }
    }



    // MARK: audit through the CLI

    static func locateCLI(_ explicit: String?) throws(UsageFailure) -> String {
        let fm = FileManager.default
        if let explicit {
            guard fm.isExecutableFile(atPath: explicit) else { throw UsageFailure("--cli \(explicit) is not an executable") }
            return explicit
        }
        let candidates = [".build/release/imr-check",
                          URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("imr-check").path]
        for c in candidates where fm.isExecutableFile(atPath: c) {
            if c != candidates[0] { note("run: using \(c) (no .build/release/imr-check here; pass --cli to choose)") }
            return c
        }
        throw UsageFailure("no imr-check binary: build it with `swift build -c release` or pass --cli PATH")
    }

    /// Runs the CLI once and measures its wall time and peak RSS.
    ///
    /// Linux carries a process's peak RSS over an exec (`exec_mmap` folds the old address space's high
    /// water mark into `ru_maxrss`), and `posix_spawn` execs from the parent's address space: a child
    /// spawned straight from this process would report at least this process's own peak. So the CLI is
    /// started through `/usr/bin/time -f %M` (a 2 MB process) when it exists, which reports the
    /// child's own peak (from wait4); otherwise it is spawned directly and the note says so.
    static func audit(cli: String, corpus: String, files: [String], jobs: Int, extra: [String]) throws(UsageFailure) -> Row {
        let command = [cli, "audit", corpus, "--format", "jsonl", "--jobs", String(jobs)] + extra
        let bytes = files.reduce(0) { total, path in
            var st = stat()
            return total + (stat(path, &st) == 0 ? Int(st.st_size) : 0)
        }
        let tmp = NSTemporaryDirectory() + "imr-bench-\(getpid())"
        let errPath = tmp + ".stderr", timePath = tmp + ".time"
        let timeTool = "/usr/bin/time"
        let viaTime = FileManager.default.isExecutableFile(atPath: timeTool)
        let args = viaTime ? [timeTool, "-f", "%M", "-o", timePath] + command : command
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = nowNanos()
        let rc = posix_spawn(&pid, args[0], &actions, nil, &argv, environ)
        guard rc == 0 else { throw UsageFailure("cannot start \(args[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(nowNanos() - start) / 1e9
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -(status & 0x7f)
        let stderrLines = (try? String(contentsOfFile: errPath, encoding: .utf8))?.split(separator: "\n").count ?? 0
        var rss = usage.ru_maxrss
        var how = "wait4 of the direct child (includes this process's inherited peak, see --help)"
        if viaTime, let t = try? String(contentsOfFile: timePath, encoding: .utf8),
           let kb = t.split(whereSeparator: \.isNewline).last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            rss = kb
            how = "/usr/bin/time %M"
        }
        try? FileManager.default.removeItem(atPath: errPath)
        try? FileManager.default.removeItem(atPath: timePath)
        var row = Row(stage: "audit (`imr-check audit --format jsonl --jobs \(jobs)`), end to end", letters: files.count, bytes: bytes,
                      seconds: seconds, rssKB: rss)
        row.cpuSeconds = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        row.note = "exit \(exitCode), \(stderrLines) lines on stderr, user \(fixed(Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6, 2)) s, sys \(fixed(Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6, 2)) s; peak RSS from \(how)"
        return row
    }

    static func loadAverage() -> String {
        guard let s = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return s.split(separator: " ").prefix(3).joined(separator: " ")
    }
}

extension BenchRunner.Row {
    mutating func add(letters n: Int, bytes b: Int, nanos: UInt64, cpu: UInt64) {
        letters += n
        bytes += b
        seconds += Double(nanos) / 1e9
        cpuSeconds += Double(cpu) / 1e9
    }
}
