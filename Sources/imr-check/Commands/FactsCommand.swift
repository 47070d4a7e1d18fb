import Foundation
import GuidelineRules
import IMRParse

/// `imr-check facts PATH…`: the case facts found in clinical text, with evidence spans.
enum FactsCommand {
    static let spec = CommandSpec(
        name: "facts", summary: "Show the case facts found in clinical text, negation-aware, each with its evidence spans.",
        usage: "imr-check facts PATH... [--format text|json|jsonl]",
        valueOptions: [("--format", "text (default), json or jsonl (one object per document)."),
                       ("--rules", "Rule folder with the fact definitions (default: the project's Rules/)."),
                       ("--shard", "I/N: process only the I-th of N shares of the inputs."),
                       ("--jobs", "Worker threads (default: the number of cores).")],
        flags: [],
        examples: ["imr-check facts examples/requests/esi-documented.txt", "imr-check facts ../shared/seeds/001_95767a46bf993051.txt --format json"],
        details: """
        In an IMR letter, facts come from the case summary and the rationales only (never from guideline
        citation lines or the reviewer's verdict words); any other file is read whole as one narrative.
        A fact absent from the output is unknown. Offsets count Unicode scalars of the decoded text.
        """)

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        guard let start = try CommandStart(args, spec: spec, formats: [.text, .json, .jsonl]) else { return 0 }
        let format = start.format
        guard let (documents, analyzer) = try start.documentsAndRules() else { return 2 }
        let book = analyzer.book
        return DocumentStream.run(documents.inputs, jobs: documents.jobs, format: format) { text in
            let letter = LetterParser.parse(text)
            let facts = analyzer.facts(in: text, regions: letter.factRegions(in: text), context: CaseContext(letter: letter, source: text))
            return DocumentStream.Output(json: .object([("source", .string(text.path)), ("facts", facts.json(book: book, source: text))]),
                                         text: format == .text ? textLines(facts, text, book) : [])
        }
    }

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
}
