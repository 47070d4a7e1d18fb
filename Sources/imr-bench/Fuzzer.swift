import Foundation
import GuidelineRules
import IMRParse
import Synchronization
#if canImport(Glibc)
import Glibc
import IMRTestSupport
#endif

/// `imr-bench fuzz`: mutated letters and rule files through the library, watching for crashes and hangs.
///
/// Letters go through `SourceLoader.decode` → `LetterParser.parse` → parse JSON → `Analyzer.facts`
/// (+ facts JSON) → `Analyzer.predict` per item as `imr-check audit` calls it (case summary scanned
/// once, each rationale scanned, `predict(_:scans:context:)`, + prediction JSON) and, for about one
/// item in four, the one-call `predict(_:source:regions:context:)` with both regions; one `Analyzer`
/// built from the project's Rules. Rule mutants go through `RuleLoader.check(files:)` alone and every diagnostic is
/// rendered (plain and coloured) and turned into JSON; one in 100 is also checked in place of its
/// original among all the project's rule files and, when that still yields a book, an `Analyzer` is
/// built from it and a fixture letter predicted.
///
/// Nothing is caught. The current input is kept in a plain buffer; a handler for SIGSEGV, SIGBUS,
/// SIGILL, SIGTRAP, SIGABRT and SIGFPE (on an alternate stack, so stack overflows are caught too)
/// writes it to `fuzz-failures/crash-…` with write(2) and lets the process die. A watchdog on the
/// main thread writes an input that runs longer than the time limit to `fuzz-failures/hang-…` and
/// exits with status 3. Input `i` of seed `s` depends only on `s` and `i`: `--start i --iterations 1`
/// regenerates it, and `--replay FILE` runs a saved one.
enum Fuzzer {
    static let help = """
    imr-bench fuzz [--iterations N] [--seed S] [--time-limit-ms T] [--out DIR] [--start I]
                   [--mix both|letters|rules] [--huge-every K] [--keep-going] [--replay FILE]
                   [--exclude NAME,...] [--max-line BYTES] [--max-rule-line BYTES]
                   [--progress-every N] [--supervise] [--root DIR]

    Mutates the fixture letters (Tests/IMRParseTests/Fixtures/letters, examples/letters) and the
    project's rule files (Rules/**/*.rules) and runs every mutant through the library (see
    docs/benchmarks.md). Defaults: 100000 iterations, seed 1, 2000 ms per input, failures written
    to ./fuzz-failures, one input in 5000 with a 1-3 MB line. Progress every 10,000 inputs; the
    last line is `fuzz: N inputs, C crashes, H hangs, max T ms`. Times are CPU time of the fuzz
    thread, so a busy machine does not turn a slow input into a hang.

    Exit status: 0 clean. A crash writes the input to DIR/crash-s<seed>-i<index>.<txt|rules> and
    kills the process by its signal (the Swift runtime prints the backtrace). An input over the
    time limit is written to DIR/hang-…; the fuzz thread then gets SIGABRT so that the runtime
    prints where it was stuck (status 3 if the backtracer is off).
      --keep-going     record slow inputs and continue (a true hang still ends after 20x the limit)
      --replay FILE    run one saved input (.rules = a rule file, anything else a letter)
      --start I --iterations 1   regenerate input I of the seed
      --supervise      run in child processes, restart after each crash or hang at the next input,
                       keep each failure's backtrace as <failure>.log, list the distinct failures
      --exclude        turn mutations off by name: truncate, flip, nul, invalid-utf8, token,
                       delete-lines, duplicate-line, swap-lines, splice, line-ends, whitespace,
                       repeat-section, nest, digits, utf16, random-bytes, many-lines, long-token,
                       huge-line, and huge-numbers (no inserted numbers of 10+ digits)
      --max-line B     skip (and count) mutants with a line longer than B bytes;
      --max-rule-line B  the same for rule mutants only
    """

    static func run(_ args: ArraySlice<String>) throws(UsageFailure) -> Int32 {
        let options = try Options(args, valueNames: ["--iterations", "--seed", "--time-limit-ms", "--out", "--start", "--mix",
                                                     "--huge-every", "--replay", "--root", "--progress-every", "--max-rule-line", "--max-line", "--exclude",
                                                     "--base-done", "--base-crashes", "--base-hangs", "--base-max"])
        if options.flags.contains("--help") { say(help); return 0 }
        for f in options.flags where !["--keep-going", "--supervise"].contains(f) { throw UsageFailure("unknown flag \(f)") }
        // Totals carried over from earlier child processes under --supervise.
        let baseDone = try options.int("--base-done", default: 0)
        let baseCrashes = try options.int("--base-crashes", default: 0)
        let baseHangs = try options.int("--base-hangs", default: 0)
        let baseMax = try options.int("--base-max", default: 0)
        let iterations = try options.int("--iterations", default: 100_000)
        let seed = UInt64(try options.int("--seed", default: 1))
        let limitMs = max(1, try options.int("--time-limit-ms", default: 2000))
        let start = try options.int("--start", default: 0)
        let progressEvery = max(1, try options.int("--progress-every", default: 10_000))
        let out = options.values["--out"] ?? "fuzz-failures"
        let mix = options.values["--mix"] ?? "both"
        guard ["both", "letters", "rules"].contains(mix) else { throw UsageFailure("--mix is both, letters or rules") }
        guard let root = projectRoot(options.values["--root"]) else {
            throw UsageFailure("cannot find the project checkout (Package.swift, Rules/, fixture letters); run from it or pass --root")
        }
        let letterFiles = listFiles(root + "/Tests/IMRParseTests/Fixtures/letters", suffix: ".txt", recursive: false)
            + listFiles(root + "/examples/letters", suffix: ".txt", recursive: false)
        let ruleFiles = listFiles(root + "/Rules", suffix: ".rules", recursive: true)
        var mutator = Mutator(letters: letterFiles.compactMap { p in readFile(p).map { (name: URL(fileURLWithPath: p).lastPathComponent, bytes: $0) } },
                              rules: ruleFiles.compactMap { p in readFile(p).map { (name: String(p.dropFirst(root.count + 1)), bytes: $0) } })
        mutator.hugeEvery = try options.int("--huge-every", default: 5_000)
        if let list = options.values["--exclude"] {
            mutator.excluded = Set(list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
            for name in mutator.excluded where !Mutator.mutationNames.contains(name) {
                throw UsageFailure("--exclude: no mutation named '\(name)' (\(Mutator.mutationNames.joined(separator: ", ")))")
            }
        }
        guard !mutator.letters.isEmpty, !mutator.rules.isEmpty else { throw UsageFailure("no fixture letters or rule files under \(root)") }
        let loaded = RuleLoader.load(directory: root + "/Rules")
        guard let book = loaded.book else { throw UsageFailure("the project's rules do not load (run `imr-check rules lint`)") }
        let harness = Harness(analyzer: Analyzer(book: book), mutator: mutator, ruleTexts: mutator.rules.map { (path: "Rules/" + $0.name, text: String(decoding: $0.bytes, as: UTF8.self)) })
        guard makeDirectory(out) else { throw UsageFailure("cannot create \(out)") }
        if options.flags.contains("--supervise") {
            return Supervisor.run(args: Array(args), start: start, iterations: iterations, seed: seed, out: out)
        }
        FailureState.prepare(outDirectory: out, seed: seed)
        let keepGoing = options.flags.contains("--keep-going")
        let maxRuleLine = try options.int("--max-rule-line", default: 0)
        let maxLine = try options.int("--max-line", default: 0)

        if let replay = options.values["--replay"] {
            guard let bytes = readFile(replay) else { throw UsageFailure("cannot read \(replay)") }
            let kind: Mutator.Kind = replay.hasSuffix(".rules") ? .rules : .letter
            let t0 = nowNanos()
            let size = harness.run(Mutator.Mutant(kind: kind, bytes: bytes, recipe: replay, ruleSeed: nil), deep: true)
            say("replay \(replay) (\(kind.rawValue), \(bytes.count) bytes): \(fixed(Double(nowNanos() - t0) / 1e6, 1)) ms, \(size) bytes of output")
            return 0
        }

        let state = RunState()
        let worker = Thread {
            FailureState.workerThread = pthread_self()
            var clock = clockid_t()
            pthread_getcpuclockid(pthread_self(), &clock)
            FailureState.workerClock.store(clock, ordering: .releasing)
            FailureState.installHandlers()
            var maxNanos: UInt64 = 0
            var maxIndex = start
            var letters = 0, rules = 0, skipped = 0
            var bytesIn = 0
            let began = nowNanos()
            for i in start..<(start + iterations) {
                var rng = SplitMix(seed: seed, index: UInt64(i))
                let kind: Mutator.Kind = mix == "letters" ? .letter : mix == "rules" ? .rules : (rng.chance(0.25) ? .rules : .letter)
                let m = harness.mutator.mutant(kind: kind, rng: &rng)
                let deep = rng.below(100) == 0
                var t1 = nowNanos()
                let cap = kind == .rules && maxRuleLine > 0 ? maxRuleLine : maxLine
                if cap > 0, Fuzzer.longestLine(m.bytes) > cap {
                    skipped += 1
                } else {
                    if kind == .letter { letters += 1 } else { rules += 1 }
                    FailureState.recipe.withLock { $0 = m.recipe }
                    bytesIn += m.bytes.count
                    FailureState.setCurrent(m.bytes, index: i, kind: kind)
                    let c0 = cpuNanos(clock)
                    FailureState.started.store(c0 + 1, ordering: .releasing)
                    _ = harness.run(m, deep: deep)
                    let c1 = cpuNanos(clock)
                    t1 = nowNanos()
                    FailureState.started.store(0, ordering: .releasing)
                    if c1 - c0 > maxNanos { maxNanos = c1 - c0; maxIndex = i }
                }
                let done = i - start + 1
                if (baseDone + done) % progressEvery == 0 || done == iterations {
                    let seconds = Double(t1 - began) / 1e9
                    let hangs = baseHangs + FailureState.hangs.load(ordering: .relaxed)
                    let maxMs = max(baseMax, Int(maxNanos / 1_000_000))
                    let line = "fuzz: \(baseDone + done) inputs (\(letters) letters, \(rules) rule files\(skipped > 0 ? ", \(skipped) skipped for a long line" : ""), \(fixed(Double(bytesIn) / 1e6, 1)) MB), \(baseCrashes) crashes, \(hangs) hangs, max \(maxMs) ms (input \(maxIndex)), \(fixed(Double(done) / max(seconds, 1e-9), 0)) inputs/s"
                    Supervisor.writeProgress(out: out, done: baseDone + done, maxMs: maxMs, hangs: hangs)
                    if done == iterations { state.finish(summary: line, maxMs: maxMs, maxIndex: maxIndex) } else { say(line) }
                }
            }
            if iterations == 0 { state.finish(summary: "", maxMs: 0, maxIndex: 0) }
        }
        worker.stackSize = 8 << 20  // as imr-check's worker threads
        worker.start()

        // Watchdog. Time is the fuzz thread's CPU time: other work on a shared machine (or stopping
        // the process with SIGSTOP) does not make an input look slow.
        let limitNanos = UInt64(limitMs) * 1_000_000
        var reportedStart: UInt64 = 0
        while !state.isFinished {
            usleep(20_000)
            let s = FailureState.started.load(ordering: .acquiring)
            guard s != 0 else { continue }
            let elapsed = cpuNanos(FailureState.workerClock.load(ordering: .acquiring)) &- (s - 1)
            if elapsed > limitNanos && s != reportedStart {
                reportedStart = s
                let path = FailureState.writeCurrent(prefix: "hang")
                note("fuzz: input \(FailureState.index) (\(FailureState.kind == 1 ? "rule file" : "letter"), \(FailureState.recipe.withLock { $0 })) ran over \(limitMs) ms; written to \(path)")
                FailureState.hangs.add(1, ordering: .relaxed)
                if !keepGoing {
                    say("fuzz: \(baseDone + FailureState.index - start + 1) inputs, \(baseCrashes) crashes, \(baseHangs + 1) hangs, max >\(limitMs) ms")
                    // SIGABRT to the fuzz thread, with the Swift runtime's own handler put back: its
                    // backtracer prints where the thread is stuck and ends the process. (Not SIGQUIT:
                    // a shell ignores it in background jobs.) Should the backtracer be off, exit anyway.
                    note("fuzz: where the input was stuck (backtrace of the fuzz thread, sent SIGABRT):")
                    sigaction(SIGABRT, FailureState.previous + Int(SIGABRT), nil)
                    pthread_kill(FailureState.workerThread!, SIGABRT)
                    sleep(60)
                    exit(3)
                }
            }
            if keepGoing && elapsed > limitNanos * 20 {
                note("fuzz: input \(FailureState.index) still running after \(20 * limitMs) ms; giving up")
                exit(3)
            }
        }
        let hangs = FailureState.hangs.load(ordering: .relaxed)
        say(state.summary)
        say("fuzz: \(baseDone + iterations) inputs, \(baseCrashes) crashes, \(baseHangs + hangs) hangs, max \(state.maxMs) ms")
        return hangs > 0 ? 3 : 0
    }
}

/// CPU time of a thread's clock, in nanoseconds.
@inline(__always) func cpuNanos(_ clock: clockid_t) -> UInt64 {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

extension Fuzzer {
    static func longestLine(_ b: [UInt8]) -> Int {
        var longest = 0, current = 0
        for c in b {
            if c == 10 { longest = max(longest, current); current = 0 } else { current += 1 }
        }
        return max(longest, current)
    }
}

/// What one input goes through.
struct Harness: Sendable {
    let analyzer: Analyzer
    let mutator: Mutator
    let ruleTexts: [(path: String, text: String)]

    /// Runs one input; returns the size of everything produced (so nothing is optimised away).
    /// `deep`: rule mutants are also checked among all the project's rules (and used when valid).
    func run(_ m: Mutator.Mutant, deep: Bool) -> Int {
        switch m.kind {
        case .letter: return letter(m.bytes, analyzer: analyzer)
        case .rules:
            let text = String(decoding: m.bytes, as: UTF8.self)
            var produced = diagnose(RuleLoader.check(files: [(path: "fuzz.rules", text: text)]))
            if deep {
                var files = ruleTexts
                if let k = m.ruleSeed { files[k].text = text } else { files.append((path: "fuzz.rules", text: text)) }
                let result = RuleLoader.check(files: files)
                produced += diagnose(result)
                if let book = result.book {
                    let analyzer = Analyzer(book: book)
                    produced += letter(mutator.letters[m.bytes.count % mutator.letters.count].bytes, analyzer: analyzer)
                }
            }
            return produced
        }
    }

    func diagnose(_ r: RuleLoader.Result) -> Int {
        var n = 0
        for (k, d) in r.diagnostics.enumerated() {
            n += d.rendered(color: k % 2 == 1).utf8.count
            n += d.json.compact.utf8.count
        }
        return n
    }

    func letter(_ bytes: [UInt8], analyzer: Analyzer) -> Int {
        guard let text = try? SourceLoader.decode(path: "fuzz.txt", data: bytes) else { return 0 }
        let d = LetterParser.parse(text)
        var n = d.json(in: text).compact.utf8.count
        let context = CaseContext(letter: d, source: text)
        let facts = analyzer.facts(in: text, regions: d.factRegions(in: text), context: context)
        n += facts.json(book: analyzer.book, source: text).compact.utf8.count
        // As `imr-check audit`: the case summary scanned once, each item's rationale on its own.
        for p in analyzer.predictItems(of: d, source: text, context: context) {
            n += p.json(source: text, book: analyzer.book).compact.utf8.count
        }
        // The public one-call form with both regions together (they may overlap in a damaged letter),
        // for the first item: it rescans the case summary on every call, so calling it for many items
        // of a letter whose summary is a 3 MB line measured the harness, not the library.
        if let item = d.items.first {
            var c = context
            c.requestRange = item.title.range
            n += analyzer.predict(item.title.value, source: text, regions: d.itemRegions(item), context: c).facts.values.count
        }
        return n
    }
}

/// Completion of the fuzz thread, for the main thread's watchdog loop.
final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private(set) var summary = ""
    private(set) var maxMs = 0
    private(set) var maxIndex = 0

    func finish(summary: String, maxMs: Int, maxIndex: Int) {
        lock.lock(); defer { lock.unlock() }
        self.summary = summary; self.maxMs = maxMs; self.maxIndex = maxIndex; finished = true
    }

    var isFinished: Bool { lock.lock(); defer { lock.unlock() }; return finished }
}

/// The current input, kept where a signal handler can write it with nothing but write(2).
enum FailureState {
    /// Start time (ns) of the input being run; 0 between inputs.
    static let started = Atomic<UInt64>(0)
    /// The fuzz thread's CPU-time clock.
    static let workerClock = Atomic<clockid_t>(0)
    static let hangs = Atomic<Int>(0)
    nonisolated(unsafe) static var workerThread: pthread_t?
    /// How the current input was made (for the watchdog's report).
    static let recipe = Mutex<String>("")

    nonisolated(unsafe) static var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    nonisolated(unsafe) static var capacity = 1 << 16
    nonisolated(unsafe) static var length = 0
    nonisolated(unsafe) static var index = 0
    /// 0 letter, 1 rule file.
    nonisolated(unsafe) static var kind = 0
    /// "<out>/" and "-s<seed>-i" as C bytes, and scratch space for the path and message.
    nonisolated(unsafe) static var directory: [UInt8] = []
    nonisolated(unsafe) static var seedPart: [UInt8] = []
    nonisolated(unsafe) static let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 8192)
    nonisolated(unsafe) static let message = UnsafeMutablePointer<UInt8>.allocate(capacity: 8192)
    nonisolated(unsafe) static var directoryPointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
    nonisolated(unsafe) static var directoryLength = 0
    nonisolated(unsafe) static var seedPointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    nonisolated(unsafe) static var seedLength = 0

    static func prepare(outDirectory: String, seed: UInt64) {
        let dir = Array((outDirectory.hasSuffix("/") ? outDirectory : outDirectory + "/").utf8.prefix(4000))
        dir.withUnsafeBufferPointer { directoryPointer.update(from: $0.baseAddress!, count: dir.count) }
        directoryLength = dir.count
        let s = Array("-s\(seed)-i".utf8)
        s.withUnsafeBufferPointer { seedPointer.update(from: $0.baseAddress!, count: s.count) }
        seedLength = s.count
    }

    @inline(__always) static func setCurrent(_ bytes: [UInt8], index i: Int, kind k: Mutator.Kind) {
        if bytes.count > capacity {
            let bigger = max(bytes.count, capacity * 2)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
            let old = buffer
            buffer = fresh
            capacity = bigger
            old.deallocate()
        }
        bytes.withUnsafeBufferPointer { p in if let base = p.baseAddress { buffer.update(from: base, count: p.count) } }
        length = bytes.count
        index = i
        kind = k == .rules ? 1 : 0
    }

    /// Builds "<out>/<prefix>-s<seed>-i<index>.<txt|rules>" in `scratch` (NUL-terminated) without allocating.
    static func path(prefix: StaticString) -> Int {
        var n = 0
        func put(_ b: UInt8) { if n < 8190 { scratch[n] = b; n += 1 } }
        for k in 0..<directoryLength { put(directoryPointer[k]) }
        prefix.withUTF8Buffer { for b in $0 { put(b) } }
        for k in 0..<seedLength { put(seedPointer[k]) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = index, count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[count] = UInt8(48 + v % 10); v /= 10; count += 1 } while v > 0 && count < 20
            for k in stride(from: count - 1, through: 0, by: -1) { put(d[k]) }
        }
        let ext: StaticString = kind == 1 ? ".rules" : ".txt"
        ext.withUTF8Buffer { for b in $0 { put(b) } }
        scratch[n] = 0
        return n
    }

    /// Writes the current input to the path made from `prefix` (left in `scratch`); returns the
    /// path's length. Safe in a signal handler (open/write/close only).
    static func writeInput(prefix: StaticString) -> Int {
        let n = path(prefix: prefix)
        let fd = open(UnsafeRawPointer(scratch).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd >= 0 {
            var done = 0
            while done < length {
                let w = write(fd, buffer + done, length - done)
                if w <= 0 { break }
                done += w
            }
            close(fd)
        }
        return n
    }

    /// Writes the current input; returns the path.
    @discardableResult
    static func writeCurrent(prefix: StaticString) -> String {
        let n = writeInput(prefix: prefix)
        return String(decoding: UnsafeBufferPointer(start: scratch, count: n), as: UTF8.self)
    }

    /// The handlers that were there before ours (the Swift runtime's backtracer), by signal number.
    nonisolated(unsafe) static var previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    static func installHandlers() {
        // An alternate stack for this thread, so a stack overflow can still run the handler.
        let size = 256 << 10
        var alt = stack_t()
        alt.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        alt.ss_size = size
        alt.ss_flags = 0
        sigaltstack(&alt, nil)
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in FailureState.crashed(sig) }
            action.sa_flags = Int32(truncatingIfNeeded: Int(SA_ONSTACK)) | Int32(truncatingIfNeeded: Int(SA_NODEFER))
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, previous + Int(sig))
        }
    }

    /// The signal handler: write the input, say where, and die by the same signal.
    static func crashed(_ sig: Int32) {
        let n = writeInput(prefix: "crash")
        var m = 0
        func put(_ s: StaticString) { s.withUTF8Buffer { for b in $0 where m < 8190 { message[m] = b; m += 1 } } }
        put("\nimr-bench fuzz: CRASH (signal ")
        if sig >= 10 { message[m] = UInt8(48 + sig / 10); m += 1 }
        message[m] = UInt8(48 + sig % 10); m += 1
        put(") — input written to ")
        for k in 0..<n where m < 8190 { message[m] = scratch[k]; m += 1 }
        put("\n")
        _ = write(2, message, m)
        // Hand over to the previous handler (the Swift runtime prints a backtrace) or the default
        // action: a fault re-executes the faulting instruction on return; abort and trap are re-raised.
        sigaction(sig, previous + Int(sig), nil)
        if sig == SIGABRT || sig == SIGTRAP { raise(sig) }
        if sig != SIGSEGV && sig != SIGBUS && sig != SIGILL && sig != SIGFPE {
            signal(sig, SIG_DFL); raise(sig); _exit(128 + sig)
        }
    }
}
