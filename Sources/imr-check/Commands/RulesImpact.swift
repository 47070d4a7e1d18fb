import Foundation
import GuidelineRules
import IMRParse

/// `imr-check rules impact OLD NEW CORPUS…`: every item of a corpus predicted with two rule
/// folders, and each one whose predicted outcome or criterion statuses change (`RuleImpact`).
enum RulesImpact {
    static func run(_ options: ParsedOptions, format: OutputFormat) throws(UsageError) -> Int32 {
        let args = options.positionals
        guard args.count >= 3 else {
            throw UsageError(message: "'rules impact' needs OLD NEW CORPUS", hint: "for example 'imr-check rules impact Rules my-rules examples/'")
        }
        let console = Console.shared
        guard let old = RulesLocator.loadBook(folder: args[0]), let new = RulesLocator.loadBook(folder: args[1]) else { return 2 }
        let before = Analyzer(book: old), after = Analyzer(book: new)
        let inputs = InputSelection(paths: Array(args[2...]), shard: nil)
        for e in inputs.errors { console.error(e.description) }
        var impact = RuleImpact()
        var failed = inputs.errors.count
        while let path = inputs.next() {
            switch InputReport.load(path) {
            case .failure(let e): console.error(e.description); failed += 1
            case .success(let text): impact.add(text, old: before, new: after)
            }
        }
        if format == .json {
            var json = impact.json
            if case .object(var members) = json {
                members.insert(("old", origin(old, args[0])), at: 0)
                members.insert(("new", origin(new, args[1])), at: 1)
                json = .object(members)
            }
            console.out(json.pretty)
        } else {
            console.out("rules impact: \(old.origin?.description ?? args[0]) → \(new.origin?.description ?? args[1])")
            for c in impact.changes {
                let decision = c.outcomeChanged ? "\(c.oldDecision?.rawValue ?? "no prediction") → \(c.newDecision?.rawValue ?? "no prediction")"
                                                 : "still \(c.newDecision?.rawValue ?? "no prediction")"
                let family = c.oldFamily == c.newFamily ? c.family : "\(c.oldFamily ?? "no rule") → \(c.newFamily ?? "no rule")"
                console.out("\(c.outcomeChanged ? "FLIP" : "    ") \(c.source) \(c.item) [\(family)] \(decision): \(c.request)")
                for s in c.statusChanges {
                    let mark = c.changedBy.contains(s.criterion) && c.outcomeChanged ? " ← changed it" : ""
                    console.out("       \(s.criterion): \(s.old?.rawValue ?? "—") → \(s.new?.rawValue ?? "—")\(mark)")
                }
            }
            let flips = impact.changes.filter(\.outcomeChanged).count
            console.out("")
            console.out("\(counted(impact.items, "item")) in \(counted(impact.documents, "document")): \(counted(flips, "outcome")) changed, \(impact.changes.count - flips) with criteria changed only")
            let width = (impact.byFamily.keys.map(\.count).max() ?? 10) + 2
            for (family, t) in impact.byFamily.sorted(by: { $0.key < $1.key }) where t.outcomeChanges + t.statusOnlyChanges > 0 {
                console.out("  " + family.padding(toLength: width, withPad: " ", startingAt: 0)
                            + "\(counted(t.items, "item")), \(counted(t.outcomeChanges, "outcome")) changed, \(t.statusOnlyChanges) criteria-only")
            }
        }
        return failed > 0 ? 1 : 0
    }

    private static func origin(_ book: RuleBook, _ dir: String) -> JSONValue {
        .object([("rules", .string(book.origin?.folder ?? dir)), ("fingerprint", .optional(book.origin?.fingerprint))])
    }
}
