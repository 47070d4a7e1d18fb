import Foundation
import GuidelineRules
import IMRParse

/// `imr-check audit PATH…`: recorded vs predicted decision for every disputed item, with a summary.
enum AuditCommand {
    static let spec = CommandSpec(
        name: "audit", summary: "Compare each recorded IMR decision with the decision the guideline criteria predict.",
        usage: "imr-check audit PATH... [--format text|json|jsonl|csv|html] [--output FILE]",
        valueOptions: [("--format", "text (default), json (an array of items), jsonl (one object per item), csv (one row per item) or html (report)."),
                       ("--output", "Write the results to FILE instead of standard output."),
                       ("--summary", "Also write the summary as JSON to FILE."),
                       ("--summary-from", "Rebuild the summary (text, json or html) from audit JSON Lines files instead of letters; repeatable."),
                       ("--rules", "Rule folder (default: the project's Rules/)."),
                       ("--shard", "I/N: audit only the I-th of N deterministic shares of the inputs (outputs concatenate)."),
                       ("--jobs", "Worker threads (default: the number of cores).")],
        flags: [("--no-header", "csv: omit the header row (for shards after the first).")],
        examples: ["imr-check audit examples/letters", "imr-check audit letters/ --format html --output report.html",
                   "imr-check audit letters/ --format jsonl --shard 1/4 > part1.jsonl",
                   "imr-check audit --summary-from part1.jsonl part2.jsonl --format html --output report.html"],
        details: """
        Each item is predicted from the letter's case summary and that item's own rationale (facts only:
        guideline quotations and the reviewer's verdict words are not evidence). Progress shows on stderr
        when it is a terminal.
        """)

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        guard let start = try CommandStart(args, spec: spec, formats: [.text, .json, .jsonl, .csv, .html]) else { return 0 }
        let options = start.options, format = start.format
        let console = Console.shared
        if let output = options.value("--output") {
            do { try console.redirect(toFile: output) } catch {
                throw UsageError(message: "cannot write \(output)", hint: "check the folder exists and is writable")
            }
        }
        let summaryFiles = options.all("--summary-from")
        if !summaryFiles.isEmpty { return rebuild(from: summaryFiles + options.positionals, format: format, options: options) }

        guard let (documents, analyzer) = try start.documentsAndRules() else { return 2 }
        let inputs = documents.inputs
        var summary = AuditSummary()
        summary.failedInputs = inputs.errors.count
        for e in inputs.errors { console.error(e.description) }
        if format == .csv, !options.has("--no-header") { console.out(CSV.row(AuditRecord.csvColumns)) }
        if format == .json { console.outRaw("[") }
        var firstJSON = true
        let progress = Progress(inputs: inputs)

        // One buffer of output per letter: JSON Lines and CSV / text lines end with a line break;
        // --format json objects are separated by ",\n" and the array's punctuation added on emit.
        struct Output: Sendable { var text: OutputBytes; var records: [AuditRecord]; var warnings: [String]; var bytes: Int }
        let workers = OrderedWorkers<String, Result<Output, InputError>>(inputs: inputs, jobs: documents.jobs)
        workers.run({ path in
            InputReport.load(path).map { text in
                let letter = LetterParser.parse(text)
                var out = JSONWriter(pretty: format == .json, capacity: 32 << 10)
                var records: [AuditRecord] = []
                let predictions = analyzer.predictItems(of: letter, source: text, context: CaseContext(letter: letter))
                for (n, (item, p)) in zip(letter.items, predictions).enumerated() {
                    let record = AuditRecord(letter: letter, item: item, number: n + 1, prediction: p, source: text)
                    records.append(record)
                    switch format {
                    case .jsonl:
                        p.writeJSON(to: &out, source: text) { record.writeJSONFields(item: item, to: &$0) }
                        out.raw("\n")
                    case .json:
                        if n > 0 { out.raw(",\n") }
                        p.writeJSON(to: &out, source: text) { record.writeJSONFields(item: item, to: &$0) }
                    case .csv: out.raw(text: CSV.row(record.csvFields(prediction: p, item: item))); out.raw("\n")
                    case .text: for line in AuditText.lines(record, prediction: p) { out.raw(text: line); out.raw("\n") }
                    default: break
                    }
                }
                var warnings = InputReport.warnings(for: text)
                if letter.items.isEmpty { warnings.append("\(text.path): no disputed items found (\(letter.layout.rawValue)); is it an IMR letter?") }
                return Output(text: OutputBytes(out.finish()), records: records, warnings: warnings, bytes: text.bytes.count)
            }
        }, emit: { _, result in
            switch result {
            case .failure(let e):
                summary.failedInputs += 1
                console.error(e.description)
            case .success(let o):
                progress.step(bytes: o.bytes)
                summary.documents += 1
                for w in o.warnings { console.warning(w) }
                for r in o.records { summary.add(r) }
                guard !o.text.isEmpty else { return }
                if format == .json { console.outRaw(firstJSON ? "\n" : ",\n"); firstJSON = false }
                console.outRaw(output: o.text)
            }
        })
        progress.finish()
        if format == .json { console.out(firstJSON ? "]" : "\n]") }
        finish(summary, format: format, options: options)
        return summary.failedInputs > 0 ? 1 : 0
    }

    static func finish(_ summary: AuditSummary, format: OutputFormat, options: ParsedOptions) {
        let console = Console.shared
        switch format {
        case .text:
            console.out("")
            for line in summary.textLines() { console.out(line) }
        case .html:
            let formatter = ISO8601DateFormatter()
            console.outRaw(AuditReportHTML(summary: summary, title: "IMR audit report", generated: formatter.string(from: Date())).render())
        default: break
        }
        console.flush()
        if let path = options.value("--summary") {
            do { try (summary.json.pretty + "\n").write(toFile: path, atomically: true, encoding: .utf8) } catch {
                console.error("cannot write the summary to \(path)")
            }
        }
        if format != .text, format != .html, options.value("--output") != nil {
            console.err("audit: \(summary.total.items) items in \(summary.documents) letters; agreement \(AuditSummary.percent(summary.total.rate))")
        }
    }

    /// `--summary-from`: reads audit JSON Lines (merged shards) and prints the summary or report.
    static func rebuild(from files: [String], format: OutputFormat, options: ParsedOptions) -> Int32 {
        let console = Console.shared
        var summary = AuditSummary()
        var sources = Set<String>()
        var failures = 0
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                console.error("\(path): cannot be read")
                failures += 1
                continue
            }
            var lineNumber = 0
            for line in data.split(separator: 10) {
                lineNumber += 1
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      let record = AuditRecord(json: object) else {
                    console.error("\(path):\(lineNumber): not an audit JSON Lines object; produce it with 'imr-check audit … --format jsonl'")
                    failures += 1
                    continue
                }
                sources.insert(record.source)
                summary.add(record)
            }
        }
        summary.documents = sources.count
        switch format {
        case .json, .jsonl: console.out(format == .json ? summary.json.pretty : summary.json.compact)
        default: finish(summary, format: format == .html ? .html : .text, options: options)
        }
        return failures > 0 ? 1 : 0
    }
}
