import Foundation
import GuidelineRules
import IMRParse
import IMRTestSupport
import Testing

/// A short, deterministic fuzz of the whole library pipeline, as `imr-check` drives it: a few hundred
/// mutated fixture letters through `SourceLoader.decode` → `LetterParser.parse` → parse JSON →
/// `Analyzer.facts` → `Analyzer.predict` per item (case summary + that item's rationale), and mutated
/// rule files through `RuleLoader.check(files:)` with every diagnostic rendered. Nothing may crash and
/// no input may take long. `imr-bench fuzz` is the long version (a million inputs, bigger shapes);
/// this compact mutator is a copy on purpose (a test cannot import an executable target).
///
/// The inputs run in a child process (an exit test), so a crash is reported as this test's failure —
/// with the input that caused it — instead of taking the whole test run down.
@Suite struct FuzzSmokeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let letterCount = 240
    static let ruleCount = 60
    /// Per input, in a debug build on a busy machine; a release build is 10-50x faster. A hang shows as
    /// minutes; the slowest input (an 850 KB narrative on one line, repeated 50 times) takes 2.7 s
    /// alone and went past 5 s while the rest of the suite ran beside it on two cores.
    static let limitSeconds = 15.0

    @Test func mutatedLettersAndRuleFilesNeitherCrashNorHang() async throws {
        let result = await #expect(processExitsWith: .success) {
            FuzzSmokeTests.runAll()
        }
        let log = Self.logPath(parent: getpid())
        defer { try? FileManager.default.removeItem(atPath: log) }
        guard result == nil else { return }
        // Which input: the last one the child logged before it died or gave up.
        let lines = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
        Issue.record("fuzz smoke failed at: \(lines.suffix(2).joined(separator: "; "))")
    }

    /// Where the child logs each input before running it (its parent is the test process).
    static func logPath(parent: pid_t) -> String {
        NSTemporaryDirectory() + "imr-fuzz-smoke-\(parent).log"
    }

    /// Runs every input; exits 1 after the first one over the time limit (a crash ends the process itself).
    static func runAll() {
        let letters = fixtureFiles("Tests/IMRParseTests/Fixtures/letters", suffix: ".txt") + fixtureFiles("examples/letters", suffix: ".txt")
        let rules = fixtureFiles("Rules", suffix: ".rules")
        guard !letters.isEmpty, !rules.isEmpty, let book = RuleLoader.load(directory: root.appendingPathComponent("Rules").path).book else {
            say("no fixtures, or the project's rules do not load")
            exit(1)
        }
        let analyzer = Analyzer(book: book)
        var rng = SplitMix(seed: 0x1D2C_3B4A_5968_7F00)
        for n in 0..<(letterCount + ruleCount) {
            let isRule = n >= letterCount
            let pool = isRule ? rules : letters
            let seed = pool[rng.below(pool.count)]
            var bytes = seed.bytes
            var recipe: [String] = []
            for _ in 0..<(1 + rng.below(3)) { recipe.append(mutate(&bytes, isRule: isRule, others: pool.map(\.bytes), rng: &rng)) }
            say("input \(n): \(seed.name) + \(recipe.joined(separator: " + ")) (\(bytes.count) bytes)")
            let start = Date()
            if isRule { checkRules(bytes) } else { runLetter(bytes, analyzer: analyzer) }
            let seconds = Date().timeIntervalSince(start)
            if seconds > limitSeconds {
                say("input \(n) took \(String(format: "%.1f", seconds)) s (limit \(limitSeconds) s)")
                exit(1)
            }
        }
        exit(0)
    }

    nonisolated(unsafe) static var log: FileHandle?

    /// Appends a line to the log, unbuffered, so the last line survives a crash.
    static func say(_ s: String) {
        if log == nil {
            let path = logPath(parent: getppid())
            FileManager.default.createFile(atPath: path, contents: nil)
            log = FileHandle(forWritingAtPath: path)
        }
        log?.write(Data((s + "\n").utf8))
    }

    static func runLetter(_ bytes: [UInt8], analyzer: Analyzer) {
        guard let text = try? SourceLoader.decode(path: "fuzz.txt", data: bytes) else { return }
        let d = LetterParser.parse(text)
        _ = d.json(in: text).compact
        let context = CaseContext(letter: d, source: text)
        let facts = analyzer.facts(in: text, regions: d.factRegions(in: text), context: context)
        _ = facts.json(book: analyzer.book, source: text).compact
        // As `imr-check audit`.
        for p in analyzer.predictItems(of: d, source: text, context: context) {
            _ = p.json(source: text, book: analyzer.book).compact
        }
    }

    static func checkRules(_ bytes: [UInt8]) {
        let result = RuleLoader.check(files: [(path: "fuzz.rules", text: String(decoding: bytes, as: UTF8.self))])
        for (k, d) in result.diagnostics.enumerated() {
            _ = d.rendered(color: k % 2 == 1)
            _ = d.json.compact
        }
    }

    // MARK: the compact mutator

    static let letterTokens = ["Upheld", "Overturned", "ISSUE AT DISPUTE:", "DETERMINATION: UPHELD", "Decision rationale:",
                               "IMR ISSUES, DECISIONS AND RATIONALES", "CLINICAL CASE SUMMARY", "Page 2 of 4", "Page(s): 46, 111-113",
                               "1) Regarding the request for", "L5-S1", "x2", "3x2", "50%", "#60", "12/31/99", "13/45/2014", "no", "not",
                               "without", "(", ")", ":", "\u{0C}", "\r", "é", "\u{FFFD}"]
    static let ruleTokens = ["criterion", "fact", "treatment", "example", "require", "when", "unless", "and", "or", "not", ">=",
                             "==", "(", ")", "\"", ";", "#", "Upheld", "no_such_fact", "prior_esi_count", "\t", "\r", "é"]
    static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]]

    static func mutate(_ b: inout [UInt8], isRule: Bool, others: [[UInt8]], rng: inout SplitMix) -> String {
        switch rng.below(11) {
        case 0:
            if !b.isEmpty { b.removeSubrange(rng.below(b.count)...) }
            return "truncate"
        case 1:
            for _ in 0..<(1 + rng.below(8)) where !b.isEmpty { b[rng.below(b.count)] ^= UInt8(1 + rng.below(255)) }
            return "flip"
        case 2:
            for _ in 0..<(1 + rng.below(4)) { b.insert(0, at: rng.below(b.count + 1)) }
            return "nul"
        case 3:
            for _ in 0..<(1 + rng.below(4)) { b.insert(contentsOf: invalidUTF8[rng.below(invalidUTF8.count)], at: rng.below(b.count + 1)) }
            return "invalid-utf8"
        case 4:
            switch rng.below(3) {
            case 0: b = b.flatMap { $0 == 10 ? [13, 10] as [UInt8] : [$0] }
            case 1: b = b.map { $0 == 10 ? 13 : $0 }
            default: for _ in 0..<4 { b.insert(12, at: lineStart(b, rng: &rng)) }
            }
            return "line-ends"
        case 5:
            let other = others[rng.below(others.count)]
            b = Array(b[..<rng.below(b.count + 1)]) + Array(other[rng.below(other.count + 1)...])
            return "splice"
        case 6:
            // A section repeated 50 times.
            let at = lineStart(b, rng: &rng)
            var end = at
            var lines = 0
            while end < b.count, lines < 3 + rng.below(10) { if b[end] == 10 { lines += 1 }; end += 1 }
            let block = Array(b[at..<end])
            for _ in 0..<50 { b.insert(contentsOf: block, at: end) }
            return "repeat-50"
        case 7:
            // Deep nesting: parentheses around a condition (the parser stops at 64 levels) or in prose.
            let depth = 1 + rng.below(300)
            let at = isRule ? (find(b, "require ").map { $0 + 8 } ?? lineStart(b, rng: &rng)) : lineStart(b, rng: &rng)
            b.insert(contentsOf: repeatElement(40, count: depth), at: at)
            if rng.below(2) == 0 {
                var eol = at + depth
                while eol < b.count, b[eol] != 10 { eol += 1 }
                b.insert(contentsOf: repeatElement(41, count: depth), at: eol)
            }
            return "nest-\(depth)"
        case 8:
            // A 16 KB line (imr-bench fuzz goes to 3 MB; this is a debug build).
            let units = isRule ? ["(", "a and ", "\"x\", "] : ["no pain ", "L5-S1 ", "Upheld ", "a", "The patient denies pain. "]
            let unit = Array(units[rng.below(units.count)].utf8)
            var line: [UInt8] = []
            while line.count < 16 << 10 { line += unit }
            b.insert(contentsOf: line + [10], at: lineStart(b, rng: &rng))
            return "long-line"
        default:
            let tokens = isRule ? ruleTokens : letterTokens
            for _ in 0..<(1 + rng.below(4)) { b.insert(contentsOf: Array(tokens[rng.below(tokens.count)].utf8), at: rng.below(b.count + 1)) }
            return "token"
        }
    }

    static func lineStart(_ b: [UInt8], rng: inout SplitMix) -> Int {
        guard !b.isEmpty else { return 0 }
        var at = rng.below(b.count)
        while at > 0, b[at - 1] != 10 { at -= 1 }
        return at
    }

    static func find(_ b: [UInt8], _ needle: String) -> Int? {
        let n = Array(needle.utf8)
        guard b.count >= n.count else { return nil }
        for i in 0...(b.count - n.count) where b[i] == n[0] && Array(b[i..<(i + n.count)]) == n { return i }
        return nil
    }

    static func fixtureFiles(_ folder: String, suffix: String) -> [(name: String, bytes: [UInt8])] {
        let dir = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var out: [(name: String, bytes: [UInt8])] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(suffix), let data = FileManager.default.contents(atPath: dir.appendingPathComponent(relative).path) else { continue }
            out.append((name: relative, bytes: Array(data)))
        }
        return out.sorted { $0.name < $1.name }
    }
}
