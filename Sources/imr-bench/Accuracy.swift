import Foundation
import GuidelineRules
import IMRParse
import IMRTestSupport

/// `imr-bench accuracy`: precision and recall on the project's labelled sets, per assertion
/// category and per fact. The scoring is IMRTestSupport's (`ContextAccuracy`, `FactAccuracy`), the
/// same code the accuracy tests call, so this prints the tests' numbers.
enum AccuracyBench {
    static let help = """
    imr-bench accuracy [--labelled-context FILE] [--labelled-facts FILE[,FILE…]] [--rules DIR]
                       [--misses] [--format text|json] [--root DIR]

    Scores the labelled sets with the project's rules, each sentence alone:
      assertion context  per split of the file (heldout, dev, fresh, …, then all): precision,
                         recall, F1 and support per category, accuracy, attribution accuracy, and
                         negation against NegEx's published PPV 0.845 / sensitivity 0.778
      facts              per fact of each file: count, accuracy, precision, recall; then totals
    --labelled-context   default Tests/IMRParseTests/Fixtures/labelled/sentences.tsv in the checkout
    --labelled-facts     default Tests/GuidelineRulesTests/Fixtures/labelled/facts.tsv and
                         facts-heldout.tsv; several files comma-separated or the option repeated
    --rules              default Rules/ in the checkout
    --misses             also list every mention and sentence scored wrong
    --format             text (Markdown tables, to paste into docs/accuracy.md; default) or json
    The checkout is found from the current directory (or --root). The sentences were written by
    the project, so the numbers are optimistic; see docs/accuracy.md.

    Exit status: 0 scored; 1 a labelled file cannot be read or has a malformed row (named);
    2 usage errors or rules that do not load.

    Examples:
      imr-bench accuracy
      imr-bench accuracy --misses
      imr-bench accuracy --format json > accuracy.json
      imr-bench accuracy --labelled-facts Tests/GuidelineRulesTests/Fixtures/labelled/facts-heldout.tsv
    """

    static func run(_ args: ArraySlice<String>) throws(UsageFailure) -> Int32 {
        let options = try Options(args, valueNames: ["--labelled-context", "--labelled-facts", "--rules", "--format", "--root"])
        if options.flags.contains("--help") { say(help); return 0 }
        for f in options.flags where f != "--misses" { throw UsageFailure("unknown flag \(f)") }
        if let extra = options.positionals.first { throw UsageFailure("accuracy takes no argument '\(extra)'") }
        let format = options.values["--format"] ?? "text"
        guard format == "text" || format == "json" else { throw UsageFailure("--format is text or json, not '\(format)'") }
        let withMisses = options.flags.contains("--misses")

        // Defaults come from the checkout; explicit paths are used as given.
        let root = projectRoot(options.values["--root"])
        func path(_ option: String, default relative: String) throws(UsageFailure) -> String {
            if let given = options.values[option] { return given }
            guard let root else { throw UsageFailure("cannot find the project checkout; run from it, or pass --root or \(option)") }
            return root + "/" + relative
        }
        let contextFile = try path("--labelled-context", default: LabelledSets.contextFile)
        var factFiles = options.all("--labelled-facts").flatMap { $0.split(separator: ",").map(String.init) }
        if factFiles.isEmpty {
            for relative in LabelledSets.factFiles { factFiles.append(try path("--labelled-facts", default: relative)) }
        }
        let rulesDir = try path("--rules", default: "Rules")

        let loaded = RuleLoader.load(directory: rulesDir)
        guard let book = loaded.book else {
            for d in loaded.errors { note(d.rendered()) }
            throw UsageFailure("the rules in \(rulesDir) do not load; pass --rules DIR")
        }
        let analyzer = Analyzer(book: book)

        let context: ContextAccuracy
        var facts: [FactAccuracy] = []
        do {
            context = ContextAccuracy(mentions: try LabelledMention.load(path: contextFile), analyzer: analyzer)
            for file in factFiles {
                let name = URL(fileURLWithPath: file).lastPathComponent
                facts.append(FactAccuracy(name: name, rows: try LabelledFact.load(path: file), analyzer: analyzer))
            }
        } catch {
            note("imr-bench accuracy: \(error)")
            return 1
        }
        // Rows that cannot be scored are faults of the file: said on stderr, left out of the numbers.
        for m in context.unlocated { note("\(contextFile):\(m.line): target '\(m.target)' is not in the sentence; not scored") }
        for (file, set) in zip(factFiles, facts) {
            for row in set.undefined { note("\(file):\(row.line): fact '\(row.fact)' is not defined in the rules; not scored") }
        }

        if format == "json" {
            say(json(context: context, contextFile: contextFile, facts: facts, factFiles: factFiles, rules: rulesDir, misses: withMisses).pretty)
        } else {
            say("## Assertion context: \(shown(contextFile, root: root))\n")
            say(context.markdown(misses: withMisses))
            say("## Facts\n")
            for set in facts { say(set.markdown(misses: withMisses)) }
            say("### Fact totals\n")
            say(FactAccuracy.totalsMarkdown(facts))
        }
        return 0
    }

    /// A path inside the checkout as the docs write it (relative); any other as given.
    static func shown(_ path: String, root: String?) -> String {
        guard let root, path.hasPrefix(root + "/") else { return path }
        return String(path.dropFirst(root.count + 1))
    }

    // MARK: JSON

    static func json(context: ContextAccuracy, contextFile: String, facts: [FactAccuracy], factFiles: [String],
                     rules: String, misses: Bool) -> JSONValue {
        func split(_ name: String, _ x: AssertionScores) -> JSONValue {
            .object([
                ("split", .string(name)), ("mentions", .int(x.mentions)), ("accuracy", .double(x.accuracy)),
                ("attribution_accuracy", .double(x.attributionAccuracy)),
                ("categories", .array(ContextAccuracy.categories.map { a in
                    .object([("category", .string(a.rawValue)), ("support", .int(x.support(a))), ("precision", .double(x.precision(a))),
                             ("recall", .double(x.recall(a))), ("f1", .double(x.f1(a)))])
                })),
            ])
        }
        func tally(_ t: FactTally) -> [(String, JSONValue)] {
            [("count", .int(t.total)), ("accuracy", .double(t.accuracy)), ("precision", .double(t.precision)), ("recall", .double(t.recall))]
        }
        var contextFields: [(String, JSONValue)] = [
            ("file", .string(contextFile)),
            ("splits", .array((context.splits + [("all", context.all)]).map { split($0.name, $0.scores) })),
            ("negex", .object([("ppv", .double(ContextAccuracy.negExPPV)), ("sensitivity", .double(ContextAccuracy.negExSensitivity)),
                               ("caveat", .string("NegEx was measured on discharge summaries; these sentences were written by the project, by the rule authors, so the comparison flatters this engine"))])),
        ]
        if misses {
            contextFields.append(("misses", .array(context.misses.map { m in
                .object([("line", .int(m.mention.line)), ("split", .string(m.mention.split)), ("sentence", .string(m.mention.text)),
                         ("target", .string(m.mention.target)),
                         ("expected", .object([("assertion", .string(m.mention.assertion.rawValue)), ("attribution", .optional(m.mention.attribution?.rawValue))])),
                         ("got", .object([("assertion", .string(m.assertion.rawValue)), ("attribution", .optional(m.attribution?.rawValue))])),
                         ("trigger", .optional(m.trigger))])
            })))
        }
        var total = FactTally()
        let sets: [JSONValue] = zip(factFiles, facts).map { file, set in
            total.add(set.all)
            var fields: [(String, JSONValue)] = [("file", .string(file)), ("name", .string(set.name))] + tally(set.all)
            fields.append(("facts", .array(set.byFact.map { .object([("fact", .string($0.fact))] + tally($0.tally)) })))
            if misses {
                fields.append(("misses", .array(set.misses.map { m in
                    .object([("line", .int(m.row.line)), ("fact", .string(m.row.fact)), ("sentence", .string(m.row.text)),
                             ("expected", .string(m.row.expected)), ("got", .string(m.got))])
                })))
            }
            return .object(fields)
        }
        return .object([
            ("rules", .string(rules)),
            ("context", .object(contextFields)),
            ("facts", .object([("sets", .array(sets)), ("total", .object(tally(total)))])),
        ])
    }
}
