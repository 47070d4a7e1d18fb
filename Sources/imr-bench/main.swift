// imr-bench — the measuring tool (corpus generator, throughput and memory runs, fuzzer, accuracy
// tables): a program, not timed tests; shares its generator and scoring with the tests through
// IMRTestSupport. See docs/benchmarks.md.

import Foundation

/// imr-bench: corpus generation, throughput and memory measurements, fuzzing, and accuracy on the
/// labelled sets for imr-check.
/// See docs/benchmarks.md for how the numbers in the docs were produced.
let usage = """
imr-bench — benchmarks, fuzzing and accuracy for imr-check

USAGE
  imr-bench generate --letters N --out DIR [--seed S] [--jobs J]
  imr-bench run --corpus DIR [--stages parse,facts,predict,audit] [--jobs N] [--cli PATH] [--repeat R]
  imr-bench fuzz [--iterations N] [--seed S] [--time-limit-ms T] [--out DIR] [--supervise]
  imr-bench accuracy [--labelled-context FILE] [--labelled-facts FILE,…] [--rules DIR] [--misses] [--format text|json]
  imr-bench vary [--letters DIR] [--variants N] [--seed S] [--only T,…] [--misses] [--out DIR]

Each subcommand takes --help. Build with `swift build -c release` and run the release binary:
debug builds are 10-50x slower and their numbers mean nothing.
"""

var arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.first else {
    FileHandle.standardError.write(usage.data(using: .utf8)!)
    exit(2)
}
arguments = arguments.dropFirst()
do {
    let status: Int32
    switch command {
    case "generate": status = try CorpusGenerator.run(arguments)
    case "run": status = try BenchRunner.run(arguments)
    case "fuzz": status = try Fuzzer.run(arguments)
    case "accuracy": status = try AccuracyBench.run(arguments)
    case "vary": status = try VariationBench.run(arguments)
    case "--help", "-h", "help": say(usage); status = 0
    default: throw UsageFailure("unknown subcommand '\(command)'")
    }
    exit(status)
} catch let failure as UsageFailure {
    note("imr-bench: \(failure.message)\n\n\(usage)")
    exit(2)
} catch {
    note("imr-bench: \(error)")
    exit(2)
}
