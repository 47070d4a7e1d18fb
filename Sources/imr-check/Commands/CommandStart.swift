// Commands/ — one file per subcommand (parse, facts, predict, audit, rules), thin: options,
// `CommandStart` (how the document commands open), option parsing (`CommandLineOptions`) and where
// the rules are (`RulesLocator`). Not here: rendering (Output/), concurrency (Pipeline/), input
// selection (Input/), anything a library user could want (GuidelineRules, IMRParse).

import Foundation
import GuidelineRules
import IMRParse

/// How `parse`, `facts`, `predict` and `audit` begin, written once: the options checked against the
/// command's spec, `--help` answered, `--format` checked; then, for a command that reads letters,
/// the inputs (`--shard`) and the worker count (`--jobs`), with the rules loading on another
/// thread meanwhile (`documentsAndRules`).
struct CommandStart {
    private(set) var options: ParsedOptions
    let format: OutputFormat

    /// The same start with other positional arguments (predict reads standard input without a PATH).
    func with(positionals: [String]) -> CommandStart {
        var copy = self
        copy.options.positionals = positionals
        return copy
    }

    /// The inputs of a run over documents and how many threads work on them.
    struct Documents {
        let inputs: InputSelection
        let jobs: Int
    }

    /// nil when `--help` was asked (the help is printed: exit 0).
    init?(_ args: [String], spec: CommandSpec, formats: [OutputFormat]) throws(UsageError) {
        options = try ParsedOptions.parse(args, spec: spec)
        if options.helpRequested {
            Console.shared.out(spec.help)
            return nil
        }
        format = try OutputFormat.from(options, allowed: formats, command: spec.name)
    }

    /// The inputs (one shard of them with `--shard I/N`) and the worker count (`--jobs`).
    func documents() throws(UsageError) -> Documents {
        let paths = options.positionals
        guard !paths.isEmpty else {
            throw UsageError(message: "no input given", hint: "pass files or directories, or '-' to read standard input")
        }
        var shard: (index: Int, count: Int)?
        if let raw = options.value("--shard") {
            switch Shard.parse(raw, environment: ProcessInfo.processInfo.environment) {
            case .success(let s): shard = (s.index, s.count)
            case .failure(.malformed):
                throw UsageError(message: "--shard takes I/N with 1 ≤ I ≤ N, or auto", hint: "for example --shard 2/8, or --shard auto in an array job")
            case .failure(.noEngine):
                throw UsageError(message: "--shard auto found no array job in the environment",
                                 hint: "it reads \(Shard.engines); elsewhere give --shard I/N")
            case .failure(.engine(let why)):
                throw UsageError(message: "--shard auto: \(why)", hint: "see docs/scale.md")
            }
        }
        return Documents(inputs: InputSelection(paths: paths, shard: shard), jobs: try jobCount())
    }

    /// `--output FILE`: results go to FILE; `-` (or no option) is standard output.
    func redirectOutput() throws(UsageError) {
        guard let output = options.value("--output"), output != "-" else { return }
        do { try Console.shared.redirect(toFile: output) } catch {
            throw UsageError(message: "cannot write \(output)", hint: "check the folder exists and is writable")
        }
    }

    /// The inputs and the analyzer of the rules (loaded while the inputs are listed); nil, after
    /// printing why, when the rules are invalid (exit 2).
    func documentsAndRules() throws(UsageError) -> (Documents, Analyzer)? {
        let rules = RulesLocator.startLoading(options)
        let documents = try documents()
        guard let analyzer = rules.value.analyzerOrReport() else { return nil }
        return (documents, analyzer)
    }

    /// `--jobs`, else the number of cores.
    func jobCount() throws(UsageError) -> Int {
        guard let raw = options.value("--jobs") else { return defaultJobs() }
        guard let n = Int(raw), n >= 1, n <= 256 else { throw UsageError(message: "--jobs takes a number from 1 to 256", hint: nil) }
        return n
    }
}
