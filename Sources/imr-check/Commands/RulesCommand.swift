import Foundation
import GuidelineRules
import IMRParse

/// `imr-check rules lint | test | list | explain | impact | new`: check, test, read and extend the
/// rule files. Each subcommand has its own options and help (`rules explain --help`); `--rules DIR`
/// (or a DIR argument, or `IMR_RULES`) picks the folder wherever it stands on the line.
enum RulesCommand {
    static let rulesOption = ("--rules", "Rule folder (same as DIR; default: $IMR_RULES, else the project's Rules/).")
    static let formatOption = ("--format", "text or json.")

    static let lintSpec = CommandSpec(
        name: "rules lint", summary: "Parse and check every .rules file of a folder; report every problem in one run.",
        usage: "imr-check rules lint [DIR] [--strict] [--format text|json]",
        valueOptions: [rulesOption, formatOption],
        flags: [("--strict", "Treat warnings as errors (CI runs this).")],
        examples: ["imr-check rules lint", "imr-check rules lint Rules --strict", "cp -R Rules my-rules", "imr-check rules lint my-rules/ --format json"],
        details: "Exit 0 clean, 2 on errors (with --strict, on warnings too). Each code is explained in docs/diagnostics.md.")
    static let testSpec = CommandSpec(
        name: "rules test", summary: "Run the examples of the rule files: each must predict its expected outcome and criterion statuses.",
        usage: "imr-check rules test [DIR] [--run REGEX] [--changed [BASE]] [--coverage] [--format text|json]",
        valueOptions: [rulesOption, formatOption,
                       ("--run", "Only examples whose 'treatment: name' matches this regular expression."),
                       ("--changed", "Only the examples of the families an edit touched since BASE (a git revision; default HEAD).")],
        flags: [("--coverage", "List criteria that no example drives to each status.")],
        examples: ["imr-check rules test", "imr-check rules test --run esi --coverage", "imr-check rules test --changed",
                   "imr-check rules test --changed main"],
        details: """
        Prints PASS/FAIL per example and a last line 'N passed, N failed'; exit 1 on a failure.
        --changed: a family is touched when its file changed, its declaration compiles differently, or a
        fact or concept its criteria or requests use changed; an edit of the context rules, request words
        or decision weights touches every family. The edit is the working tree against BASE (git diff,
        plus files git does not track yet).
        """)
    static let listSpec = CommandSpec(
        name: "rules list", summary: "List the treatment families with their citation, criteria and examples.",
        usage: "imr-check rules list [DIR] [--format text|json]",
        valueOptions: [rulesOption, formatOption], flags: [],
        examples: ["imr-check rules list", "imr-check rules list --format json"])
    static let explainSpec = CommandSpec(
        name: "rules explain", summary: "A treatment family's criteria in plain words, with citations, roles and what to document.",
        usage: "imr-check rules explain [DIR] ID",
        valueOptions: [rulesOption], flags: [],
        examples: ["imr-check rules explain epidural_steroid_injection", "imr-check rules explain Rules spinal_cord_stimulator",
                   "cp -R Rules my-rules", "imr-check rules explain --rules my-rules/ knee_brace"],
        details: """
        ID is a family id or its name. Anything else gets a "did you mean": the closest id, or the family
        a request phrased so would select ('rules explain esi' → epidural_steroid_injection).
        """)
    static let impactSpec = CommandSpec(
        name: "rules impact", summary: "Audit a corpus with two rule folders and list every item whose prediction changes.",
        usage: "imr-check rules impact OLD NEW CORPUS... [--format text|json]",
        valueOptions: [formatOption], flags: [],
        examples: ["cp -R Rules my-rules", "imr-check rules impact Rules my-rules examples/", "imr-check rules impact Rules my-rules examples/letters --format json"],
        details: """
        CORPUS is files or folders: IMR letters (each disputed item is predicted as 'audit' does) and notes
        (each request found in them is predicted as 'predict' does). Every item whose predicted outcome or
        criterion statuses differ is listed with the criteria that changed it, then counts by family.
        The safety net for an edit: run it before committing a rule change.
        """)
    static let newSpec = CommandSpec(
        name: "rules new", summary: "Write a skeleton family file that lints and tests clean, to fill in.",
        usage: "imr-check rules new FAMILY [--dir DIR] [--name \"Name\"] [--rules DIR]",
        valueOptions: [("--dir", "Folder to write into (default: <rules>/mtus/other)."),
                       ("--name", "The family's name (default: from FAMILY)."), rulesOption],
        flags: [],
        examples: ["imr-check rules new bone_growth_stimulator", "cp -R Rules my-rules", "imr-check rules new traction_table --rules my-rules --dir my-rules/mtus/devices"],
        details: """
        FAMILY is the new id (lower case, words joined by '_'). The file has the treatment with a request
        phrasing and a citation, one fact, one decisive criterion with its reason and missing advice, and an
        example of each outcome; every line to replace says TODO. It is linted and its examples run at once.
        """)

    static let subcommands: [(name: String, spec: CommandSpec)] = [
        ("lint", lintSpec), ("test", testSpec), ("list", listSpec), ("explain", explainSpec), ("impact", impactSpec), ("new", newSpec),
    ]

    static let spec = CommandSpec(
        name: "rules", summary: "Check, test, read and extend the rule files.",
        usage: "imr-check rules <lint|test|list|explain|impact|new> [DIR] [options]",
        valueOptions: [rulesOption, formatOption],
        flags: [],
        examples: ["imr-check rules lint Rules --strict", "imr-check rules test --changed", "imr-check rules explain epidural_steroid_injection",
                   "cp -R Rules my-rules", "imr-check rules impact Rules my-rules examples/", "imr-check rules new bone_growth_stimulator --rules my-rules",
                   "imr-check rules lint --help"],
        details: """
        lint     parse and check every .rules file; exit 0 clean, 2 on errors (with --strict, on warnings too)
        test     run every example (or, with --changed, those of the families an edit touched)
        list     treatment families with their citation, criteria and examples
        explain  a family's criteria in plain words, with citations and documentation advice
        impact   audit a corpus with two rule folders; list every item whose prediction changes
        new      write a skeleton family file that lints and tests clean
        'imr-check rules <subcommand> --help' shows each one's options.
        """)

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        // The subcommand is the first argument that is neither an option nor an option's value, so
        // `rules --rules DIR lint` and `rules lint --rules DIR` are the same.
        let valueNames = Set(subcommands.flatMap { $0.spec.valueOptions.map(\.0) })
        var rest = args
        var sub: String?
        var i = 0
        while i < rest.count {
            let a = rest[i]
            if a == "--" { break }
            if valueNames.contains(a) { i += 2; continue }
            if a.hasPrefix("-") { i += 1; continue }
            sub = a
            rest.remove(at: i)
            break
        }
        guard let sub else {
            if rest.contains("-h") || rest.contains("--help") { Console.shared.out(spec.help); return 0 }
            throw UsageError(message: "'rules' needs a subcommand", hint: "one of: \(subcommands.map(\.name).joined(separator: ", "))")
        }
        guard let subSpec = subcommands.first(where: { $0.name == sub })?.spec else {
            throw UsageError(message: "unknown rules subcommand '\(sub)'",
                             hint: Suggestions.closest(to: sub, among: subcommands.map(\.name)).map { "did you mean '\($0)'?" }
                                 ?? "one of: \(subcommands.map(\.name).joined(separator: ", "))")
        }
        if sub == "test" { rest = changedWithOptionalBase(rest) }
        var options = try ParsedOptions.parse(rest, spec: subSpec)
        if options.helpRequested { Console.shared.out(subSpec.help); return 0 }
        switch sub {
        case "lint":
            try directoryArgument(&options)
            return lint(options, format: try OutputFormat.from(options, allowed: [.text, .json], command: "rules lint"))
        case "test":
            try directoryArgument(&options)
            return try test(options, format: try OutputFormat.from(options, allowed: [.text, .json], command: "rules test"))
        case "list":
            try directoryArgument(&options)
            return list(options, format: try OutputFormat.from(options, allowed: [.text, .json], command: "rules list"))
        case "explain":
            return try explain(&options)
        case "impact":
            return try RulesImpact.run(options, format: try OutputFormat.from(options, allowed: [.text, .json], command: "rules impact"))
        default:
            return try RulesNew.run(options)
        }
    }

    /// `--changed` takes an optional revision: `--changed main`, `--changed=main`, or `--changed`
    /// alone (HEAD). A following argument that is a folder is the rules folder, not a revision.
    private static func changedWithOptionalBase(_ args: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < args.count {
            if args[i] == "--changed" {
                var isDirectory: ObjCBool = false
                if i + 1 < args.count, !args[i + 1].hasPrefix("-"),
                   !(FileManager.default.fileExists(atPath: args[i + 1], isDirectory: &isDirectory) && isDirectory.boolValue) {
                    out.append("--changed=\(args[i + 1])")
                    i += 2
                    continue
                }
                out.append("--changed=HEAD")
            } else {
                out.append(args[i])
            }
            i += 1
        }
        return out
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
                ("rules", .string(dir)), ("fingerprint", .optional(result.book?.origin?.fingerprint)), ("ok", .bool(!failed)),
                ("errors", .int(result.errors.count)), ("warnings", .int(result.warnings.count)),
                ("diagnostics", .array(result.diagnostics.map(\.json))),
            ]).pretty)
        } else {
            for d in result.diagnostics { console.err(d.rendered(color: console.colorErr)) }
            let files = result.book?.files.count ?? 0
            let summary = result.book.map { "\(counted($0.treatments.count, "treatment")), \(counted($0.criterionCount, "criterion", "criteria")), \(counted($0.facts.count, "fact")) in \(counted(files, "file")) of \($0.origin?.description ?? dir)" } ?? dir
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
        var touched: Set<String>?
        if let base = options.value("--changed") {
            let changes = try RulesGit.touched(book: book, dir: RulesLocator.locate(options), base: base)
            touched = Set(changes.families.map(\.id))
            if format == .text {
                console.out("changed since \(base): \(changes.families.count) of \(book.treatments.count) families"
                            + (changes.everything ? " (\(changes.families.first?.why ?? "a shared rule changed"))" : ""))
                if !changes.everything { for f in changes.families { console.out("  \(f.id): \(f.why)") } }
            }
        }
        let runner = ExampleRunner(analyzer: Analyzer(book: book))
        let outcomes = runner.runAll { t, e in
            if let touched, !touched.contains(t.id) { return false }
            guard let filter else { return true }
            let s = "\(t.id): \(e.name)"
            return filter.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }
        let failed = outcomes.filter { !$0.passed && !$0.isTodo }
        let todo = outcomes.filter(\.isTodo)
        if format == .json {
            console.out(JSONValue.object([
                ("rules", .optional(book.origin?.folder)), ("fingerprint", .optional(book.origin?.fingerprint)),
                ("passed", .int(outcomes.count - failed.count - todo.count)), ("failed", .int(failed.count)), ("todo", .int(todo.count)),
                ("families", touched.map { t in .array(book.treatments.filter { t.contains($0.id) }.map { .string($0.id) }) } ?? .null),
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
                .object([("id", .string(t.id)), ("name", .string(t.name)), ("reports_as", .string(t.reportedID)),
                         ("refines", .optional(t.refines)), ("citation", .string(t.citation.text)),
                         ("criteria", .int(t.criteria.count)), ("examples", .int(t.examples.count)), ("file", .string(t.file)),
                         ("criterion_ids", .array(t.criteria.map { .string($0.id) })),
                         ("requests", .array(t.requests.map(JSONValue.string)))])
            }).pretty)
        } else {
            let width = (book.treatments.map(\.id.count).max() ?? 10) + 2
            for t in book.treatments {
                console.out(t.id.padding(toLength: width, withPad: " ", startingAt: 0)
                            + "\(counted(t.criteria.count, "criterion", "criteria")), \(counted(t.examples.count, "example")) — \(t.citation.text)"
                            + (t.refines.map { " (refines \($0))" } ?? ""))
            }
            console.out("\(counted(book.treatments.count, "treatment")), \(counted(book.criterionCount, "criterion", "criteria")), \(counted(book.facts.count, "fact"))"
                        + (book.origin.map { " in \($0.description)" } ?? ""))
        }
        return 0
    }

    /// `rules explain [DIR] ID`: with two arguments, the one that is a folder is DIR.
    static func explain(_ options: inout ParsedOptions) throws(UsageError) -> Int32 {
        var args = options.positionals
        if args.count == 2 {
            var isDirectory: ObjCBool = false
            let k = FileManager.default.fileExists(atPath: args[1], isDirectory: &isDirectory) && isDirectory.boolValue ? 1 : 0
            options.values["--rules"] = [args.remove(at: k)]
        }
        guard args.count == 1, let id = args.first else {
            throw UsageError(message: args.isEmpty ? "'rules explain' needs a treatment id" : "'rules explain' takes [DIR] ID",
                             hint: "see 'imr-check rules list' for the ids, 'imr-check rules explain --help' for the usage")
        }
        let console = Console.shared
        guard let book = RulesLocator.loadBook(options) else { return 2 }
        guard let t = book.treatment(id) ?? book.treatments.first(where: { $0.name.lowercased() == id.lowercased() }) else {
            throw UsageError(message: "no treatment '\(id)'" + (book.origin.map { " in \($0.folder)" } ?? ""), hint: didYouMean(id, book))
        }
        console.out(console.paint("\(t.name) (\(t.id))", "1"))
        if let parent = t.refines {
            let words = t.refinementWords.flatMap { book.lexicon.alternatives(of: $0) }
            console.out("Refines: \(parent) — selected in its place when the request also says "
                        + (words.isEmpty ? "one of the phrasings below" : words.prefix(8).map { "\"\($0)\"" }.joined(separator: ", ") + (words.count > 8 ? ", …" : ""))
                        + "; outputs report it as '\(t.reportedID)', with family '\(t.id)'")
        }
        let refiners = book.treatments.filter { $0.refines == t.id }
        if !refiners.isEmpty { console.out("Refined by: \(refiners.map(\.id).joined(separator: ", ")) (their requests are decided by their own criteria)") }
        console.out("Guideline: \(t.citation.text)")
        console.out("Recognised in requests as: \(t.requests.prefix(12).map { "\"\($0)\"" }.joined(separator: ", "))\(t.requests.count > 12 ? ", …" : "")")
        console.out("")
        for (n, c) in t.criteria.enumerated() {
            console.out(console.paint("\(n + 1). \(c.text)", "1") + "  [\(c.id)]")
            if let w = c.whenText { console.out("   Applies only when: \(w)") }
            if let u = c.unlessText { console.out("   Does not apply when: \(u)") }
            console.out("   Requires: \(c.requireText)")
            console.out("   Role: \(c.role.rawValue)" + (c.roleWhy.map { " — \($0)" } ?? ""))
            console.out("   Source: \(c.citation.text)")
            if c.window != .always { console.out("   Edition: \(c.window.description)") }
            if let r = c.reason { console.out("   Reason when unmet: \(r)") }
            if let m = c.missing { console.out("   If undocumented, document: \(m)") }
            console.out("")
        }
        console.out("Decision: a decisive criterion unmet, or undocumented, → Upheld; otherwise the supporting criteria are weighed (docs/prediction.md).")
        console.out("Examples: \(t.examples.count) (run them with 'imr-check rules test --run \(t.id)')")
        if let origin = book.origin { console.out("Rules: \(origin.description)") }
        return 0
    }

    /// "did you mean": the closest id or name, else the family a request phrased so would select ("esi").
    static func didYouMean(_ word: String, _ book: RuleBook) -> String {
        if let close = Suggestions.closest(to: word, among: book.treatments.map(\.id) + book.treatments.map(\.name)) {
            let t = book.treatments.first { $0.id == close || $0.name == close }
            return "did you mean '\(t?.id ?? close)'?"
        }
        if let family = Analyzer(book: book).parseRequest(word).family {
            return "did you mean '\(family)'? (a request for \"\(word)\" selects it)"
        }
        return "see 'imr-check rules list' for the ids"
    }
}
