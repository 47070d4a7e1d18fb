import Foundation
import GuidelineRules
import IMRParse

/// `imr-check rules lint | test | list | explain`: check, test and read the rule files.
enum RulesCommand {
    static let subcommands = ["lint", "test", "list", "explain"]

    static let spec = CommandSpec(
        name: "rules", summary: "Check, test and read the rule files.",
        usage: "imr-check rules <lint|test|list|explain> [DIR] [options]",
        valueOptions: [("--rules", "Rule folder (same as DIR)."), ("--format", "text or json."),
                       ("--run", "rules test: only examples whose 'treatment: name' matches this regular expression.")],
        flags: [("--strict", "rules lint: treat warnings as errors."),
                ("--coverage", "rules test: list criteria that no example drives to each status.")],
        examples: ["imr-check rules lint", "imr-check rules lint Rules --strict", "imr-check rules test --run esi --coverage",
                   "imr-check rules list --format json", "imr-check rules explain epidural_steroid_injection"],
        details: """
        lint     parse and check every .rules file; exit 0 clean, 2 on errors (with --strict, on warnings too)
        test     run every example; prints PASS/FAIL and a last line 'N passed, N failed'; exit 1 on a failure
        list     treatments with their citation, criteria and examples
        explain  a treatment's criteria in plain words, with citations and documentation advice
        """)

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        let options = try ParsedOptions.parse(args, spec: spec)
        if options.helpRequested { Console.shared.out(spec.help); return 0 }
        guard let sub = options.positionals.first else {
            throw UsageError(message: "'rules' needs a subcommand", hint: "one of: \(subcommands.joined(separator: ", "))")
        }
        var rest = options
        rest.positionals.removeFirst()
        switch sub {
        case "lint":
            try directoryArgument(&rest)
            let format = try OutputFormat.from(rest, allowed: [.text, .json], command: "rules lint")
            return lint(rest, format: format)
        case "test":
            try directoryArgument(&rest)
            let format = try OutputFormat.from(rest, allowed: [.text, .json], command: "rules test")
            return try test(rest, format: format)
        case "list":
            try directoryArgument(&rest)
            let format = try OutputFormat.from(rest, allowed: [.text, .json], command: "rules list")
            return list(rest, format: format)
        case "explain":
            guard let id = rest.positionals.first else {
                throw UsageError(message: "'rules explain' needs a treatment id", hint: "see 'imr-check rules list'")
            }
            rest.positionals.removeFirst()
            return try explain(id, rest)
        default:
            throw UsageError(message: "unknown rules subcommand '\(sub)'",
                             hint: Suggestions.closest(to: sub, among: subcommands).map { "did you mean '\($0)'?" } ?? "one of: \(subcommands.joined(separator: ", "))")
        }
    }

    private static func directoryArgument(_ options: inout ParsedOptions) throws(UsageError) {
        if let dir = options.positionals.first {
            if options.positionals.count > 1 {
                throw UsageError(message: "unexpected argument '\(options.positionals[1])'", hint: "give one rules folder")
            }
            options.values["--rules"] = [dir]
        }
    }

    static func lint(_ options: ParsedOptions, format: OutputFormat) -> Int32 {
        let console = Console.shared
        let dir = RulesLocator.locate(options)
        let result = RuleLoader.load(directory: dir)
        let strict = options.has("--strict")
        let failed = !result.errors.isEmpty || (strict && !result.warnings.isEmpty)
        if format == .json {
            console.out(JSONValue.object([
                ("rules", .string(dir)), ("ok", .bool(!failed)),
                ("errors", .int(result.errors.count)), ("warnings", .int(result.warnings.count)),
                ("diagnostics", .array(result.diagnostics.map(\.json))),
            ]).pretty)
        } else {
            for d in result.diagnostics { console.err(d.rendered(color: console.colorErr)) }
            let files = result.book?.files.count ?? 0
            let summary = result.book.map { "\(counted($0.treatments.count, "treatment")), \(counted($0.criterionCount, "criterion", "criteria")), \(counted($0.facts.count, "fact")) in \(counted(files, "file"))" } ?? dir
            console.err("\(failed ? "failed" : "ok"): \(summary); \(counted(result.errors.count, "error")), \(counted(result.warnings.count, "warning"))"
                        + (strict ? " (--strict)" : ""))
        }
        return failed ? 2 : 0
    }

    static func test(_ options: ParsedOptions, format: OutputFormat) throws(UsageError) -> Int32 {
        let console = Console.shared
        guard let book = RulesLocator.loadBook(options) else { return 2 }
        var filter: NSRegularExpression?
        if let pattern = options.value("--run") {
            do { filter = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) } catch {
                throw UsageError(message: "--run '\(pattern)' is not a valid regular expression", hint: nil)
            }
        }
        let runner = ExampleRunner(analyzer: Analyzer(book: book))
        let outcomes = runner.runAll { t, e in
            guard let filter else { return true }
            let s = "\(t.id): \(e.name)"
            return filter.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }
        let failed = outcomes.filter { !$0.passed && !$0.isTodo }
        let todo = outcomes.filter(\.isTodo)
        if format == .json {
            console.out(JSONValue.object([
                ("passed", .int(outcomes.count - failed.count - todo.count)), ("failed", .int(failed.count)), ("todo", .int(todo.count)),
                ("examples", .array(outcomes.map { o in
                    .object([("treatment", .string(o.treatment)), ("example", .string(o.example.name)),
                             ("file", .string("\(o.example.file):\(o.example.line)")),
                             ("result", .string(o.isTodo ? "todo" : o.passed ? "pass" : "fail")),
                             ("expected", .string(o.example.expect.rawValue)), ("predicted", .string(o.predicted.rawValue)),
                             ("differences", .array(o.differences.map(JSONValue.string)))])
                })),
            ]).pretty)
        } else {
            for o in outcomes {
                let tag = o.isTodo ? console.paint("TODO", "33") : o.passed ? console.paint("PASS", "32") : console.paint("FAIL", "1;31")
                console.out("\(tag) \(o.treatment): \(o.example.name)")
                if !o.passed || o.isTodo {
                    console.out("     \(o.example.file):\(o.example.line)")
                    for d in o.differences { console.out("     \(d)") }
                    if let why = o.example.todo { console.out("     todo: \(why)") }
                }
            }
            if options.has("--coverage") {
                let gaps = runner.coverage(outcomes)
                console.out("")
                console.out(gaps.isEmpty ? "coverage: every criterion is exercised in each status"
                                         : "coverage: \(counted(gaps.count, "criterion", "criteria")) not exercised in every status:")
                for g in gaps { console.out("  \(g.treatment) \(g.criterion): no example \(g.missing.map(\.rawValue).joined(separator: ", "))") }
            }
            console.out("\(outcomes.count - failed.count - todo.count) passed, \(failed.count) failed" + (todo.isEmpty ? "" : ", \(todo.count) skipped"))
        }
        return failed.isEmpty ? 0 : 1
    }

    static func list(_ options: ParsedOptions, format: OutputFormat) -> Int32 {
        let console = Console.shared
        guard let book = RulesLocator.loadBook(options) else { return 2 }
        if format == .json {
            console.out(JSONValue.array(book.treatments.map { t in
                .object([("id", .string(t.id)), ("name", .string(t.name)), ("citation", .string(t.citation.text)),
                         ("criteria", .int(t.criteria.count)), ("examples", .int(t.examples.count)), ("file", .string(t.file)),
                         ("criterion_ids", .array(t.criteria.map { .string($0.id) })),
                         ("requests", .array(t.requests.map(JSONValue.string)))])
            }).pretty)
        } else {
            let width = (book.treatments.map(\.id.count).max() ?? 10) + 2
            for t in book.treatments {
                console.out(t.id.padding(toLength: width, withPad: " ", startingAt: 0)
                            + "\(counted(t.criteria.count, "criterion", "criteria")), \(counted(t.examples.count, "example")) — \(t.citation.text)")
            }
            console.out("\(counted(book.treatments.count, "treatment")), \(counted(book.criterionCount, "criterion", "criteria")), \(counted(book.facts.count, "fact"))")
        }
        return 0
    }

    static func explain(_ id: String, _ options: ParsedOptions) throws(UsageError) -> Int32 {
        let console = Console.shared
        guard let book = RulesLocator.loadBook(options) else { return 2 }
        guard let t = book.treatment(id) ?? book.treatments.first(where: { $0.name.lowercased() == id.lowercased() }) else {
            throw UsageError(message: "no treatment '\(id)'",
                             hint: Suggestions.closest(to: id, among: book.treatments.map(\.id)).map { "did you mean '\($0)'?" } ?? "see 'imr-check rules list'")
        }
        console.out(console.paint("\(t.name) (\(t.id))", "1"))
        console.out("Guideline: \(t.citation.text)")
        console.out("Recognised in requests as: \(t.requests.prefix(12).map { "\"\($0)\"" }.joined(separator: ", "))\(t.requests.count > 12 ? ", …" : "")")
        console.out("")
        for (n, c) in t.criteria.enumerated() {
            console.out(console.paint("\(n + 1). \(c.text)", "1") + "  [\(c.id)]")
            if let w = c.whenText { console.out("   Applies only when: \(w)") }
            if let u = c.unlessText { console.out("   Does not apply when: \(u)") }
            console.out("   Requires: \(c.requireText)")
            console.out("   Source: \(c.citation.text)")
            if c.window != .always { console.out("   Edition: \(c.window.description)") }
            if let r = c.reason { console.out("   Reason when unmet: \(r)") }
            if let m = c.missing { console.out("   If undocumented, document: \(m)") }
            console.out("")
        }
        console.out("Decision: any unmet criterion → Upheld; all applicable met → Overturned; otherwise Upheld as undocumented.")
        console.out("Examples: \(t.examples.count) (run them with 'imr-check rules test --run \(t.id)')")
        return 0
    }
}
