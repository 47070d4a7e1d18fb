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
                       ("--shard", "I/N, or 'auto' on a batch engine: process only the I-th of N shares of the inputs."),
                       ("--jobs", "Worker threads (default: the number of cores).")],
        flags: [],
        examples: ["imr-check facts examples/requests/esi-documented.txt", "imr-check facts examples/letters/mpr_single_upheld.txt --format json"],
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
        let closing = book.origin.map { [$0.textLine] } ?? []
        return DocumentStream.run(documents.inputs, jobs: documents.jobs, format: format, closing: closing) { text in
            let letter = LetterParser.parse(text)
            let facts = analyzer.facts(in: text, regions: letter.factRegions(in: text), context: CaseContext(letter: letter, source: text))
            return DocumentStream.Output(json: format == .text ? .null : FactsOutput.json(facts, text, book),
                                         text: format == .text ? FactsOutput.textLines(facts, text, book) : [])
        }
    }
}
