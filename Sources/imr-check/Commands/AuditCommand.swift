import Foundation
import GuidelineRules
import IMRParse

/// `imr-check audit PATH…`: recorded vs predicted decision for every disputed item, with a summary.
enum AuditCommand {
    static let spec = CommandSpec(
        name: "audit", summary: "Compare each recorded IMR decision with the decision the guideline criteria predict.",
        usage: "imr-check audit PATH... [--format text|json|jsonl|csv|html] [--output FILE]",
        valueOptions: [("--format", "text (default), json (an array of items), jsonl (one object per item), csv (one row per item) or html (report)."),
                       ("--output", "Write the results to FILE instead of standard output ('-': standard output)."),
                       ("--summary", "Also write the summary as JSON to FILE."),
                       ("--summary-from", "Rebuild the summary (text, json, jsonl, csv or html) from audit JSON Lines files instead of letters; repeatable."),
                       ("--rules", "Rule folder (default: the project's Rules/)."),
                       ("--shard", "I/N, or 'auto' on a batch engine: audit only the I-th of N deterministic shares of the inputs (outputs concatenate)."),
                       ("--jobs", "Worker threads (default: the number of cores).")],
        flags: [("--no-header", "csv: omit the header row (for shards after the first).")],
        examples: ["imr-check audit examples/letters", "imr-check audit examples/letters --format html --output report.html",
                   "imr-check audit examples/letters --format jsonl --shard 1/2 > part1.jsonl",
                   "imr-check audit examples/letters --format jsonl --shard 2/2 > part2.jsonl",
                   "imr-check audit --summary-from part1.jsonl part2.jsonl --format html --output report.html"],
        details: """
        Each item is predicted from the letter's case summary and that item's own rationale (facts only:
        guideline quotations and the reviewer's verdict words are not evidence). Progress shows on stderr
        when it is a terminal. --shard auto reads the array index and count of a Slurm array job
        (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT), a Kubernetes Indexed Job
        (JOB_COMPLETION_INDEX with IMR_SHARD_COUNT) or an AWS Batch array job (AWS_BATCH_JOB_ARRAY_INDEX
        and AWS_BATCH_JOB_ARRAY_SIZE); see docs/scale.md. The HTML report holds every item (about 300 bytes each;
        up to about half a million items in one report) and is dated now, or IMR_REPORT_DATE.
        """)

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        guard let start = try CommandStart(args, spec: spec, formats: [.text, .json, .jsonl, .csv, .html]) else { return 0 }
        let options = start.options, format = start.format
        let console = Console.shared
        try start.redirectOutput()
        let summaryFiles = options.all("--summary-from")
        if !summaryFiles.isEmpty { return rebuild(from: summaryFiles + options.positionals, format: format, options: options) }

        // The first letters are read and parsed while the rules load (see `LetterBatches`).
        let rules = RulesLocator.startLoading(options)
        let documents = try start.documents()
        let inputs = documents.inputs
        var batches = LetterBatches(Batches(inputs, size: 64, jobs: documents.jobs))
        batches.parseAhead(until: { rules.isReady })
        guard let analyzer = rules.value.analyzerOrReport() else { return 2 }
        let origin = analyzer.book.origin
        var summary = AuditSummary()
        summary.rules = origin
        summary.failedInputs = inputs.errors.count
        for e in inputs.errors { console.error(e.description) }
        let report: AuditReportHTML?
        if format == .html {
            do { report = try AuditReportHTML(book: analyzer.book) } catch { console.error("cannot write a temporary file for the report", hint: "set TMPDIR to a writable folder"); return 1 }
        } else {
            report = nil
        }
        let stream = RecordStream(format: format == .html ? .jsonl : format,
                                  csvHeader: options.has("--no-header") ? nil : AuditRecord.csvColumns, oneInput: false)
        let progress = Progress(inputs: inputs)
        let detail: AuditRecord.Detail = format == .html ? .all : .disagreements
        let codes = report?.codes  // read-only in the workers: numbered up front from the rule book

        // One buffer of output per letter, written by the worker that predicted it (see AuditOutput).
        struct Output: Sendable { var bytes: OutputBytes; var records: [AuditRecord]; var warnings: [String]; var size: Int }
        @Sendable func output(_ text: SourceText, letter: Determination, predictions: [Prediction]) -> Output {
            var out = JSONWriter(pretty: format == .json, capacity: 32 << 10)
            var records: [AuditRecord] = []
            // By index, and AuditRecord borrows the letter, the item, the prediction and the text.
            for n in 0..<min(letter.items.count, predictions.count) {
                // One copy of the item for both (each subscript read copied its strings and citations).
                let item = letter.items[n]
                var record = AuditRecord(letter: letter, item: item, number: n + 1, prediction: predictions[n], source: text, detail: detail)
                record.rules = origin
                AuditOutput.write(record, prediction: predictions[n], item: item, number: n, source: text, format: format, to: &out)
                records.append(record)
            }
            if let codes { AuditReportHTML.writeLetter(records, codes: codes, to: &out) }
            var warnings = InputReport.warnings(for: text)
            if letter.items.isEmpty { warnings.append("\(text.path): no disputed items found (\(letter.layout.rawValue)); is it an IMR letter?") }
            return Output(bytes: OutputBytes(out.finish()), records: records, warnings: warnings, size: text.bytes.count)
        }
        // A batch of letters per worker, one stage at a time over the batch (see `Batches`).
        let workers = OrderedWorkers<LetterBatches.Batch, [Result<Output, InputError>]>(inputs: batches, jobs: documents.jobs, window: 2 * documents.jobs)
        workers.run({ batch in
            let parsed = batch.parsed
            let texts = parsed.texts, letters = parsed.letters
            // Each letter's predictions are written and freed before the next letter is predicted:
            // kept for the whole batch they made the allocator's slow paths twice as costly.
            return texts.indices.map { k in
                texts[k].map { text in
                    let letter = letters[k]!
                    return output(text, letter: letter, predictions: analyzer.predictItems(of: letter, source: text, context: CaseContext(letter: letter)))
                }
            }
        }, emit: { _, results in
            for result in results {
                switch result {
                case .failure(let e):
                    summary.failedInputs += 1
                    console.error(e.description)
                case .success(let o):
                    progress.step(bytes: o.size)
                    summary.documents += 1
                    for w in o.warnings { console.warning(w) }
                    for r in o.records { summary.add(r) }
                    if let report { report.add(o.bytes, records: o.records) } else { stream.emit(o.bytes, count: o.records.count) }
                }
            }
        })
        progress.finish()
        stream.end()
        finish(summary, format: format, options: options, report: report, book: analyzer.book)
        if summary.documents == 0, summary.failedInputs == 0 {
            console.warning(inputs.noInputsMessage)
            return 1
        }
        return summary.failedInputs > 0 ? 1 : 0
    }

    /// The end of a run: the text summary, the HTML page, `--summary FILE`, the one-line note on stderr.
    static func finish(_ summary: AuditSummary, format: OutputFormat, options: ParsedOptions, report: AuditReportHTML?, book: RuleBook?) {
        let treatmentNames = Dictionary((book?.treatments ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let console = Console.shared
        switch format {
        case .text:
            guard summary.documents > 0 || summary.failedInputs > 0 else { break }
            console.out("")
            for line in AuditOutput.summaryText(summary) { console.out(line) }
        case .html:
            let formatter = ISO8601DateFormatter()
            let generated = ProcessInfo.processInfo.environment["IMR_REPORT_DATE"] ?? formatter.string(from: Date())
            report?.finish(summary: summary, treatmentNames: treatmentNames, title: "IMR audit report", generated: generated)
        default: break
        }
        console.flush()
        if let path = options.value("--summary") {
            do { try (summary.json.pretty + "\n").write(toFile: path, atomically: true, encoding: .utf8) } catch {
                console.error("cannot write the summary to \(path)")
            }
        }
        if format != .text, let output = options.value("--output"), output != "-" {
            console.err("audit: \(counted(summary.total.items, "item")) in \(counted(summary.documents, "letter")); agreement \(percent(summary.total.rate)); written to \(output)")
        }
    }

    /// `--summary-from`: reads audit JSON Lines (merged shards) and writes the summary (text, JSON,
    /// JSON Lines, CSV) or the HTML report, as the run over the letters would have.
    static func rebuild(from files: [String], format: OutputFormat, options: ParsedOptions) -> Int32 {
        let console = Console.shared
        var summary = AuditSummary()
        var letters = Set<String>()
        var failures = 0
        // The report names treatments in words when the rules are at hand (ids otherwise); the rows'
        // numbers are given as they come (the shards' rules may not be these).
        let book = format == .html ? RuleLoader.load(directory: RulesLocator.locate(options)).book : nil
        let report: AuditReportHTML?
        if format == .html {
            do { report = try AuditReportHTML(book: nil) } catch { console.error("cannot write a temporary file for the report", hint: "set TMPDIR to a writable folder"); return 1 }
        } else {
            report = nil
        }
        // The report's rows group the items of one letter, as they come (consecutive in JSON Lines).
        var pending: [AuditRecord] = []
        func flushLetter() {
            guard let report, !pending.isEmpty else { return }
            var w = JSONWriter()
            AuditReportHTML.writeLetter(pending, codes: report.codes, to: &w)
            report.add(OutputBytes(w.finish()), records: pending)
            pending.removeAll(keepingCapacity: true)
        }
        for path in files {
            // Read a megabyte at a time, a line at a time: merged shards of a large corpus are gigabytes.
            let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
            guard let handle else {
                let exists = FileManager.default.fileExists(atPath: path)
                console.error("\(path): \(exists ? "cannot be read (check its permissions)" : "no such file or directory")")
                failures += 1
                continue
            }
            var lineNumber = 0
            var rest = Data()
            func take(_ line: Data) {
                lineNumber += 1
                if line.isEmpty { return }
                guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                      let record = AuditRecord(json: object) else {
                    console.error("\(path):\(lineNumber): not an audit JSON Lines object; produce it with 'imr-check audit … --format jsonl'")
                    failures += 1
                    return
                }
                letters.insert(record.source)
                summary.add(record)
                if report != nil {
                    if let last = pending.last, last.source != record.source { flushLetter() }
                    pending.append(record)
                }
            }
            while true {
                let chunk = handle.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                rest.append(chunk)
                var start = rest.startIndex
                while let newline = rest[start...].firstIndex(of: 10) {
                    take(Data(rest[start..<newline]))
                    start = newline + 1
                }
                rest = Data(rest[start...])
            }
            take(rest)
            if path != "-" { try? handle.close() }
        }
        flushLetter()
        summary.documents = letters.count
        switch format {
        case .json: console.out(summary.json.pretty)
        case .jsonl: console.out(summary.json.compact)
        case .csv: for line in AuditOutput.summaryCSV(summary) { console.out(line) }
        default: finish(summary, format: format, options: options, report: report, book: book)
        }
        if !summary.otherRules.isEmpty {
            console.warning("the items were predicted with different rules: \(([summary.rules!] + summary.otherRules).map(\.description).joined(separator: ", "))")
        }
        return failures > 0 ? 1 : 0
    }
}
