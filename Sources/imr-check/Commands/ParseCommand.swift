import Foundation
import GuidelineRules
import IMRParse

/// `imr-check parse PATH…`: the structure of each determination letter.
enum ParseCommand {
    static let spec = CommandSpec(
        name: "parse", summary: "Show the structure of IMR determination letters: items, decisions, citations, reviewer, patient.",
        usage: "imr-check parse PATH... [--format text|json|jsonl]",
        valueOptions: [("--format", "text (default), json (one value; an array for several inputs) or jsonl (one object per letter)."),
                       ("--shard", "I/N, or 'auto' on a batch engine: process only the I-th of N deterministic shares of the inputs."),
                       ("--jobs", "Worker threads (default: the number of cores).")],
        flags: [],
        examples: ["imr-check parse examples/letters", "imr-check parse examples/letters --format jsonl",
                   "imr-check parse Tests/IMRCheckTests/Fixtures/letter.pdf --format json",
                   "cat examples/letters/mpr_single_upheld.txt | imr-check parse - --format json"],
        details: "PATH is a file, a directory (searched recursively for .txt, and .pdf when pdftotext from poppler-utils is installed) or - for standard input. parse uses no rules.")

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        guard let start = try CommandStart(args, spec: spec, formats: [.text, .json, .jsonl]) else { return 0 }
        let format = start.format
        let documents = try start.documents()
        return DocumentStream.run(documents.inputs, jobs: documents.jobs, format: format) { text in
            let letter = LetterParser.parse(text)
            return DocumentStream.Output(json: format == .text ? .null : letter.json(in: text),
                                         text: format == .text ? ParseOutput.textLines(letter, text) : [])
        }
    }
}
