import GuidelineRules
import IMRParse

/// `facts` for people (each fact with its value and up to four pieces of evidence, the trigger
/// marked) and for programs (the design's `facts` object, with `rules`).
enum FactsOutput {
    static func textLines(_ facts: FactSet, _ text: SourceText, _ book: RuleBook) -> [String] {
        let c = Console.shared
        var out = [c.paint(text.path, "1")]
        var any = false
        for (slot, f) in book.facts.enumerated() {
            let value = facts[slot]
            let evidence = facts.evidence[slot].filter { $0.how != .given }
            guard value.isKnown || !evidence.isEmpty else { continue }
            any = true
            let shown: String
            switch value {
            case .unknown: shown = c.paint("unknown", "33")
            case .bool(true): shown = c.paint("true", "32")
            case .bool(false): shown = c.paint("false", "31")
            default: shown = value.json.compact
            }
            out.append("  \(f.name) = \(shown)")
            for e in evidence.prefix(4) {
                if e.how == .request { out.append("      [request] \(c.paint("from the request text", "2"))"); continue }
                var snippet = text.normalized(e.range)
                if snippet.count > 160 { snippet = String(snippet.prefix(157)) + "…" }
                let trigger = e.trigger(in: text)
                if let trigger, let r = snippet.range(of: trigger, options: .caseInsensitive) {
                    snippet.replaceSubrange(r, with: c.paint("[\(snippet[r])]", "1;35"))
                } else if let trigger {
                    snippet += "  (trigger: \(trigger))"
                }
                let who = e.attribution.map { ", \($0)" } ?? ""
                let counted = e.counted ? "" : ", not counted"
                out.append("      [\(e.assertion)\(who)\(counted)] \(snippet)")
            }
            if evidence.count > 4 { out.append("      … \(evidence.count - 4) more") }
        }
        if !any { out.append("  (no facts found)") }
        return out
    }

    /// The `facts` object of the design, with the rules that found them.
    static func json(_ facts: FactSet, _ text: SourceText, _ book: RuleBook) -> JSONValue {
        .object([("source", .string(text.path)), ("facts", facts.json(book: book, source: text)), ("rules", book.origin?.json ?? .null)])
    }
}
