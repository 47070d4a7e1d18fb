import Foundation
import GuidelineRules

/// Finds the rules folder: `--rules DIR` (wherever it stands on the line), else `IMR_RULES`, else
/// `IMR_CHECK_RULES` (its older name), else a `Rules/` folder beside the working directory or one of
/// its parents, else the project's `Rules/` found from the binary's location
/// (`.build/release/imr-check` → `Rules/`), so commands work from anywhere.
enum RulesLocator {
    /// The environment variables that name the rules folder, in order.
    static let environment = ["IMR_RULES", "IMR_CHECK_RULES"]

    /// `imr-check --rules DIR predict …`: a `--rules DIR` (or `--rules=DIR`) before the command is
    /// moved after it, where every command reads it (`parse`, `--help` and `--version` read no rules:
    /// there it is dropped).
    static func hoistingRulesOption(_ arguments: [String]) -> [String] {
        var args = arguments
        var hoisted: [String] = []
        while let first = args.first, first == "--rules" || first.hasPrefix("--rules=") {
            if first == "--rules" {
                guard args.count >= 2 else { break }
                hoisted += args.prefix(2)
                args.removeFirst(2)
            } else {
                hoisted.append(first)
                args.removeFirst()
            }
        }
        guard !hoisted.isEmpty, let command = args.first else { return arguments }
        if ["parse", "-h", "--help", "help", "--version"].contains(command) { return args }
        return [command] + hoisted + args.dropFirst()
    }

    static func locate(_ options: ParsedOptions) -> String {
        if let dir = options.value("--rules") { return dir }
        for name in environment {
            if let env = ProcessInfo.processInfo.environment[name], !env.isEmpty { return env }
        }
        let fm = FileManager.default
        var candidates: [URL] = []
        var dir = URL(fileURLWithPath: fm.currentDirectoryPath)
        for _ in 0..<6 { candidates.append(dir); dir.deleteLastPathComponent() }
        var exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if !CommandLine.arguments[0].contains("/") {
            for p in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") where fm.isExecutableFile(atPath: "\(p)/\(CommandLine.arguments[0])") {
                exe = URL(fileURLWithPath: "\(p)/\(CommandLine.arguments[0])").resolvingSymlinksInPath()
                break
            }
        }
        var up = exe.deletingLastPathComponent()
        for _ in 0..<6 { candidates.append(up); up.deleteLastPathComponent() }
        for c in candidates {
            let rules = c.appendingPathComponent("Rules")
            if fm.fileExists(atPath: rules.appendingPathComponent("README.md").path) || fm.fileExists(atPath: rules.appendingPathComponent("mtus").path) {
                // Relative to the working directory when inside it, so diagnostics stay short.
                let cwd = fm.currentDirectoryPath + "/"
                return rules.path.hasPrefix(cwd) ? String(rules.path.dropFirst(cwd.count)) : rules.path
            }
        }
        return "Rules"
    }

    /// Loads the rules, printing diagnostics; nil (exit 2) on errors.
    static func loadBook(_ options: ParsedOptions, strict: Bool = false, quietWarnings: Bool = true) -> RuleBook? {
        loadBook(folder: locate(options), strict: strict, quietWarnings: quietWarnings)
    }

    /// Loads the rules of a given folder, printing diagnostics; nil (exit 2) on errors.
    static func loadBook(folder dir: String, strict: Bool = false, quietWarnings: Bool = true) -> RuleBook? {
        book(from: RuleLoader.load(directory: dir), dir: dir, strict: strict, quietWarnings: quietWarnings)
    }

    /// Starts loading the rules and building the analyzer on another thread: loading takes as
    /// long as listing ten thousand inputs, and neither needs the other.
    static func startLoading(_ options: ParsedOptions) -> Background<PendingRules> {
        let dir = locate(options)
        return Background {
            let result = RuleLoader.load(directory: dir)
            return PendingRules(dir: dir, result: result, analyzer: result.book.map { keptToExit(Analyzer(book: $0)) })
        }
    }

    /// A run ends with its command: the analyzer (tries of a hundred thousand phrases) and its book
    /// are left to the process's exit instead of being taken apart (50 M instructions, every run).
    static func keptToExit(_ analyzer: Analyzer) -> Analyzer {
        _ = Unmanaged.passRetained(analyzer)
        return analyzer
    }

    struct PendingRules: Sendable {
        var dir: String
        var result: RuleLoader.Result
        var analyzer: Analyzer?

        /// The analyzer, or nil (exit 2) after printing why the rules are invalid.
        func analyzerOrReport() -> Analyzer? {
            book(from: result, dir: dir, strict: false, quietWarnings: true) == nil ? nil : analyzer
        }
    }

    private static func book(from result: RuleLoader.Result, dir: String, strict: Bool, quietWarnings: Bool) -> RuleBook? {
        let console = Console.shared
        let failing = result.diagnostics.filter { $0.severity == .error || strict }
        if !failing.isEmpty || result.book == nil {
            for d in result.diagnostics where d.severity == .error || strict || !quietWarnings {
                console.err(d.rendered(color: console.colorErr))
            }
            console.error("the rules in \(dir) are invalid (\(counted(result.errors.count, "error"))); run 'imr-check rules lint \(dir)' for details")
            return nil
        }
        return result.book
    }
}
