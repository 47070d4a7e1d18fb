import Foundation
import IMRParse
import IMRTestSupport

/// `imr-bench vary`: the layout-variation check. From each letter of a folder (the project's
/// fixture letters by default), variants that keep the meaning and change the form (heading
/// synonyms and case, reordered sections and fields, other numbering, the decision as a label or as
/// a sentence, lines rewrapped, hyphenation at line ends, page headers and footers, PDF noise; see
/// `LayoutVariations`), each parsed and compared with the original's parse: items, titles,
/// decisions, citations with pages, reviewer, patient, summary start.
enum VariationBench {
    static let help = """
    imr-bench vary [--letters DIR] [--variants N] [--seed S] [--only T,…] [--misses] [--out DIR] [--root DIR]

      --letters   folder of letters (default: Tests/IMRParseTests/Fixtures/letters); narratives and
                  letters without items are left out
      --variants  variants per letter (default 200)
      --seed      the run's seed (default 1); variant i of letter j depends only on the seed, i and j
      --only      transformations to draw from (default all): \(LayoutVariations.transforms.joined(separator: ","))
      --misses    print each failing variant's recipe and its differences
      --out DIR   write each failing variant there (LETTER.vN.txt) to reproduce it
    Prints the pass rate, the number of variants run, and failures per transformation.
    """

    static func run(_ args: ArraySlice<String>) throws(UsageFailure) -> Int32 {
        let options = try Options(args, valueNames: ["--letters", "--variants", "--seed", "--only", "--out", "--root"])
        if options.flags.contains("--help") { say(help); return 0 }
        let root = projectRoot(options.values["--root"])
        guard let dir = options.values["--letters"] ?? root.map({ $0 + "/Tests/IMRParseTests/Fixtures/letters" }) else {
            throw UsageFailure("vary needs --letters DIR (or run it from the checkout)")
        }
        let perLetter = max(1, try options.int("--variants", default: 200))
        let seed = UInt64(max(0, try options.int("--seed", default: 1)))
        let only = options.values["--only"].map { Set($0.split(separator: ",").map(String.init)) }
        if let only { for t in only where !LayoutVariations.transforms.contains(t) { throw UsageFailure("unknown transformation '\(t)'") } }
        let out = options.values["--out"]
        if let out { makeDirectory(out) }

        let files = listFiles(dir, suffix: ".txt", recursive: false)
        var letters: [(name: String, text: String)] = []
        for f in files {
            guard let bytes = readFile(f) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            if LayoutVariations.isVariable(text) { letters.append((URL(fileURLWithPath: f).lastPathComponent, text)) }
        }
        guard !letters.isEmpty else { throw UsageFailure("no letters with items under \(dir)") }
        say("letters: \(letters.count) from \(dir); \(perLetter) variants each; seed \(seed)")

        var run = 0, passed = 0
        var byTransform: [String: (run: Int, failed: Int)] = [:]
        var byLetter: [String: Int] = [:]
        let start = nowNanos()
        for (j, letter) in letters.enumerated() {
            for i in 0..<perLetter {
                var rng = SplitMix(seed: seed, index: UInt64(j) << 32 | UInt64(i))
                let (text, recipe) = LayoutVariations.variant(of: letter.text, rng: &rng, only: only)
                let differences = LayoutVariations.check(original: letter.text, variant: text)
                run += 1
                for t in recipe { byTransform[t, default: (0, 0)].run += 1 }
                if differences.isEmpty { passed += 1; continue }
                byLetter[letter.name, default: 0] += 1
                for t in recipe { byTransform[t, default: (0, 0)].failed += 1 }
                if options.flags.contains("--misses") {
                    say("- \(letter.name) v\(i) [\(recipe.joined(separator: ", "))]: \(differences.prefix(3).joined(separator: "; "))")
                }
                if let out { writeFile(out + "/\(letter.name.replacingOccurrences(of: ".txt", with: "")).v\(i).txt", Array(text.utf8)) }
            }
        }
        let seconds = Double(nowNanos() - start) / 1e9
        say("")
        say("| variants run | passed | pass rate |")
        say("|---:|---:|---:|")
        say("| \(run) | \(passed) | \(fixed(Double(passed) / Double(max(1, run)), 4)) |")
        say("")
        say("| transformation | variants with it | failed |")
        say("|---|---:|---:|")
        for t in LayoutVariations.transforms { let c = byTransform[t] ?? (0, 0); say("| \(t) | \(c.run) | \(c.failed) |") }
        if !byLetter.isEmpty {
            say("")
            say("failing variants per letter: " + byLetter.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        note("vary: \(run) variants in \(fixed(seconds, 1)) s")
        return passed == run ? 0 : 1
    }
}
