import Foundation
import GuidelineRules
import IMRParse

/// `imr-check parse PATH…`: the structure of each determination letter.
enum ParseCommand {
    static let spec = CommandSpec(
        name: "parse", summary: "Show the structure of IMR determination letters: items, decisions, citations, reviewer, patient.",
        usage: "imr-check parse PATH... [--format text|json|jsonl]",
        valueOptions: [("--format", "text (default), json (one value; an array for several inputs) or jsonl (one object per letter)."),
                       ("--shard", "I/N: process only the I-th of N deterministic shares of the inputs."),
                       ("--jobs", "Worker threads (default: the number of cores).")],
        flags: [],
        examples: ["imr-check parse examples/letters", "imr-check parse ../shared/seeds --format jsonl",
                   "pdftotext -layout letter.pdf - | imr-check parse - --format json"],
        details: "PATH is a file, a directory (searched recursively for .txt, and .pdf when pdftotext is installed) or - for standard input.")

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        guard let start = try CommandStart(args, spec: spec, formats: [.text, .json, .jsonl]) else { return 0 }
        let format = start.format
        let documents = try start.documents()
        return DocumentStream.run(documents.inputs, jobs: documents.jobs, format: format) { text in
            let letter = LetterParser.parse(text)
            return DocumentStream.Output(json: format == .text ? .null : letter.json(in: text),
                                         text: format == .text ? textLines(letter, text) : [])
        }
    }

    static func textLines(_ d: Determination, _ text: SourceText) -> [String] {
        let c = Console.shared
        var out = [c.paint(d.source, "1") + "  (\(d.layout.rawValue))"]
        var reviewer: [String] = []
        if let s = d.reviewer.specialty { reviewer.append(s.value) }
        if let s = d.reviewer.subspecialty { reviewer.append("subspecialty \(s.value)") }
        if !d.reviewer.licensure.isEmpty { reviewer.append("licensed in " + d.reviewer.licensure.map(\.value).joined(separator: ", ")) }
        if !reviewer.isEmpty { out.append("  Reviewer: " + reviewer.joined(separator: "; ")) }
        var patient: [String] = []
        if let a = d.patient.age { patient.append("\(a.value) years") }
        if let s = d.patient.sex { patient.append(s.value) }
        if let i = d.patient.injuryDate { patient.append("injured \(i.value.iso)") }
        if !patient.isEmpty { out.append("  Patient: " + patient.joined(separator: ", ")) }
        if let n = d.caseNumber { out.append("  Case: \(n.value)") }
        if let l = d.letterDate { out.append("  Letter date: \(l.value.iso)") }
        for (n, item) in d.items.enumerated() {
            let decision = item.decision?.value.rawValue ?? "no decision"
            let painted = item.decision?.value == .overturned ? c.paint(decision, "32") : c.paint(decision, "31")
            out.append("  \(n + 1). \(painted)  \(item.title.value)")
            if let g = item.imrGuideline {
                out.append("     IMR guideline: " + (g.sources.isEmpty ? "" : g.sources.joined(separator: ", ") + " ")
                           + (g.pages.isEmpty ? "" : PageList.format(g.pages)))
            }
        }
        if d.items.isEmpty, d.layout == .narrative { out.append("  (not a letter: read as one narrative)") }
        for w in d.warnings { out.append("  " + c.paint("warning:", "33") + " " + w) }
        return out
    }
}
