import GuidelineRules

/// A usage error: printed with a hint, exit status 2.
struct UsageError: Error {
    var message: String
    var hint: String?
}

/// The options one subcommand accepts, and its help text.
struct CommandSpec {
    var name: String
    var summary: String
    var usage: String
    /// Options taking a value ("--format"), with their help line.
    var valueOptions: [(String, String)]
    /// Flags ("--strict"), with their help line.
    var flags: [(String, String)]
    var examples: [String]
    var details: String = ""

    var help: String {
        var s = "\(summary)\n\nUSAGE: \(usage)\n"
        if !details.isEmpty { s += "\n\(details)\n" }
        let all = valueOptions.map { ("\($0.0) VALUE", $0.1) } + flags + [("-h, --help", "Show this help.")]
        s += "\nOPTIONS:\n"
        let width = (all.map { $0.0.count }.max() ?? 10) + 2
        for (name, text) in all { s += "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + text + "\n" }
        if !examples.isEmpty {
            s += "\nEXAMPLES:\n" + examples.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return s
    }
}

/// Parsed arguments of one subcommand.
struct ParsedOptions {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    var helpRequested = false

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    static func parse(_ args: [String], spec: CommandSpec) throws(UsageError) -> ParsedOptions {
        var out = ParsedOptions()
        var i = 0
        let valueNames = Set(spec.valueOptions.map(\.0))
        let flagNames = Set(spec.flags.map(\.0))
        while i < args.count {
            let arg = args[i]
            if arg == "--" { out.positionals += args[(i + 1)...]; break }
            if arg == "-h" || arg == "--help" { out.helpRequested = true; i += 1; continue }
            if arg.hasPrefix("--") {
                var name = arg
                var inline: String?
                if let eq = arg.firstIndex(of: "=") { name = String(arg[..<eq]); inline = String(arg[arg.index(after: eq)...]) }
                if valueNames.contains(name) {
                    guard let v = inline ?? (i + 1 < args.count ? args[i + 1] : nil) else {
                        throw UsageError(message: "\(name) needs a value", hint: "see 'imr-check \(spec.name) --help'")
                    }
                    out.values[name, default: []].append(v)
                    i += inline == nil ? 2 : 1
                    continue
                }
                if flagNames.contains(name), inline == nil { out.flags.insert(name); i += 1; continue }
                let known = Array(valueNames) + Array(flagNames) + ["--help"]
                let suggestion = Suggestions.closest(to: name, among: known)
                throw UsageError(message: "unknown option '\(name)' for '\(spec.name)'",
                                 hint: suggestion.map { "did you mean '\($0)'?" } ?? "see 'imr-check \(spec.name) --help'")
            }
            out.positionals.append(arg)
            i += 1
        }
        return out
    }
}

extension OutputFormat {
    /// `--format`, checked against the formats a command accepts (with a helpful message).
    static func from(_ options: ParsedOptions, allowed: [OutputFormat], command: String) throws(UsageError) -> OutputFormat {
        guard let raw = options.value("--format") else { return .text }
        guard let f = OutputFormat(rawValue: raw.lowercased()), allowed.contains(f) else {
            let names = allowed.map(\.rawValue)
            throw UsageError(message: "'\(raw)' is not a format of '\(command)'",
                             hint: (Suggestions.closest(to: raw, among: names).map { "did you mean '\($0)'? " } ?? "") + "formats: \(names.joined(separator: ", "))")
        }
        return f
    }
}
