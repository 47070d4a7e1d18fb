import Foundation
import GuidelineRules
import IMRParse

/// `imr-check predict [--request TEXT]… [PATH…|-]`: the predicted decision for draft requests, as a
/// checklist of criteria with what to document; over files and folders, one report per request in
/// input order, then a summary.
enum PredictCommand {
    static let spec = CommandSpec(
        name: "predict", summary: "Predict the IMR decision for a draft request, with the criteria that are met, unmet or undocumented.",
        usage: "imr-check predict [--request TEXT]... [PATH...|-] [--format text|json|jsonl|csv]",
        valueOptions: [("--request", "One requested treatment (repeat for several), judged against every narrative. Without it, requests are found in the text."),
                       ("--format", "text (default: a checklist per request, then a summary), json (one value), jsonl (one object per request) or csv (one row per request)."),
                       ("--output", "Write the results to FILE instead of standard output ('-': standard output)."),
                       ("--summary", "Also write the summary (requests, predicted outcomes, most common missing documentation) as JSON to FILE."),
                       ("--rules", "Rule folder (default: the project's Rules/)."),
                       ("--date", "Date of the request (YYYY-MM-DD), which picks the guideline edition in force."),
                       ("--shard", "I/N, or 'auto' on a batch engine: only the I-th of N deterministic shares of the inputs."),
                       ("--jobs", "Worker threads (default: the number of cores).")],
        flags: [("--no-header", "csv: omit the header row (for shards after the first).")],
        examples: ["imr-check predict --request \"Lumbar ESI L4-5\" examples/requests/esi-documented.txt",
                   "imr-check predict examples/requests/repeat-esi.txt --format json",
                   "imr-check predict examples/requests --format csv",
                   "cat examples/requests/opioid-refill.txt | imr-check predict --request \"Norco 10/325 #90\" -"],
        details: """
        The narrative (a physician's note or draft, or a letter) is read from each PATH — a file, or a folder
        searched for .txt (and .pdf with pdftotext) — or from standard input with '-'. Without --request,
        requests are found in the text ("requesting …", "request for authorization: …", "plan: …"); in a
        letter, its disputed items are the requests. ✓ met, ✗ unmet, ? undocumented (with what to add),
        – not applicable. Inputs are reported in sorted path order.
        """)

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        guard let start = try CommandStart(args, spec: spec, formats: [.text, .json, .jsonl, .csv]) else { return 0 }
        let options = start.options, format = start.format
        var date: CalendarDay?
        if let d = options.value("--date") {
            guard let day = CalendarDay(iso: d) else { throw UsageError(message: "--date '\(d)' is not a date", hint: "write YYYY-MM-DD") }
            date = day
        }
        let requestDate = date
        let requests = options.all("--request")
        let console = Console.shared
        // The narratives: PATHs or '-'. Standard input is read without a PATH only when no --request
        // is given (a request alone is predicted on an empty record: everything undocumented).
        var start2 = start
        if options.positionals.isEmpty {
            if requests.isEmpty {
                guard isatty(0) == 0 else {
                    throw UsageError(message: "predict needs a narrative or a request", hint: "give a PATH, pipe text in with '-', or pass --request TEXT")
                }
                start2 = start.with(positionals: ["-"])
            }
        }
        try start.redirectOutput()
        let many = start2.options.positionals.count > 1
        if start2.options.positionals.isEmpty {
            // --request without a narrative.
            guard let analyzer = RulesLocator.loadBook(options).map({ RulesLocator.keptToExit(Analyzer(book: $0)) }) else { return 2 }
            let text = SourceText(path: "(no narrative)", bytes: [])
            let out = predict(text, requests: requests, requestDate: requestDate, analyzer: analyzer, format: format, header: false)
            var summary = out.summary
            summary.rules = analyzer.book.origin
            let stream = RecordStream(format: format, csvHeader: options.has("--no-header") ? nil : PredictOutput.csvColumns, oneInput: true)
            stream.emit(out.bytes, count: out.summary.requests)
            stream.end()
            finish(summary, format: format, options: options)
            return 0
        }
        guard let (documents, analyzer) = try start2.documentsAndRules() else { return 2 }
        let inputs = documents.inputs
        var summary = PredictionSummary()
        summary.rules = analyzer.book.origin
        summary.failedInputs = inputs.errors.count
        for e in inputs.errors { console.error(e.description) }
        let header = many || inputs.count(upTo: 2) > 1
        let stream = RecordStream(format: format, csvHeader: options.has("--no-header") ? nil : PredictOutput.csvColumns,
                                  oneInput: !header)
        let progress = Progress(inputs: inputs)
        let workers = OrderedWorkers<String, Result<Predicted, InputError>>(inputs: inputs, jobs: documents.jobs)
        workers.run({ path in
            InputReport.load(path).map { text in
                predict(text, requests: requests, requestDate: requestDate, analyzer: analyzer, format: format, header: header)
            }
        }, emit: { _, result in
            switch result {
            case .failure(let e):
                summary.failedInputs += 1
                console.error(e.description)
            case .success(let o):
                progress.step(bytes: o.size)
                for w in o.warnings { console.warning(w) }
                if let problem = o.problem {
                    summary.failedInputs += 1
                    console.error(problem, hint: "pass --request \"…\" for each treatment, or write 'Requesting: …' in the note")
                    return
                }
                summary.merge(o.summary)
                stream.emit(o.bytes, count: o.summary.requests)
            }
        })
        progress.finish()
        stream.end()
        finish(summary, format: format, options: options)
        if summary.documents == 0, summary.failedInputs == 0 {
            console.warning(inputs.noInputsMessage)
            return 1
        }
        return summary.failedInputs > 0 ? 1 : 0
    }

    /// What a worker gives for one input: its output bytes and its share of the summary, or why it
    /// has no request.
    struct Predicted: Sendable {
        var bytes: OutputBytes
        var summary: PredictionSummary
        var warnings: [String]
        var problem: String?
        var size: Int
    }

    /// Predicts every request of one narrative (`requests`, else those found in it) and writes them in `format`.
    static func predict(_ text: SourceText, requests: [String], requestDate: CalendarDay?, analyzer: Analyzer,
                        format: OutputFormat, header: Bool) -> Predicted {
        let letter = text.bytes.isEmpty ? Determination(source: text.path, layout: .narrative) : LetterParser.parse(text)
        var context = CaseContext(letter: letter, source: text)
        context.requestDate = requestDate
        var jobs: [(request: String, range: Range<Int>?, regions: [Range<Int>])] = []
        let narrative = letter.factRegions(in: text)
        // A note's request given in the note's own words is read as the note reads it (its discipline).
        let inNote = letter.layout == .narrative && !text.bytes.isEmpty
        for r in requests { jobs.append((inNote ? analyzer.requestInContext(r, of: text) : r, nil, text.bytes.isEmpty ? [] : narrative)) }
        if jobs.isEmpty {
            if letter.layout != .narrative, !letter.items.isEmpty {
                for item in letter.items { jobs.append((item.title.value, item.title.range, letter.itemRegions(item))) }
            } else {
                for found in analyzer.findRequests(in: text) { jobs.append((found.text, found.range, narrative)) }
            }
        }
        var result = Predicted(bytes: OutputBytes(ByteBuffer()), summary: PredictionSummary(), warnings: InputReport.warnings(for: text),
                               problem: nil, size: text.bytes.count)
        result.summary.documents = 1
        guard !jobs.isEmpty else {
            result.problem = "\(text.path): no request found in the text"
            return result
        }
        let origin = analyzer.book.origin
        var out = JSONWriter(pretty: format == .json, capacity: 16 << 10)
        if format == .text, header { out.raw(text: Console.shared.paint(text.path, "1")); out.raw("\n") }
        // A note's requests share its narrative: it is scanned once, not once per request (a scan reads
        // only the regions and the case's reference year, the same for every job).
        var scanned: [(regions: [Range<Int>], scan: FactExtractor.NarrativeScan)] = []
        for (n, job) in jobs.enumerated() {
            var c = context
            c.requestRange = job.range
            let scan: FactExtractor.NarrativeScan
            if let known = scanned.first(where: { $0.regions == job.regions }) {
                scan = known.scan
            } else {
                scan = analyzer.extractor.scan(source: text, regions: job.regions, context: c)
                scanned.append((job.regions, scan))
            }
            let p = analyzer.predict(job.request, scans: [scan], context: c)
            result.summary.add(p)
            PredictOutput.write(p, source: text, rules: origin, format: format, number: n, to: &out)
        }
        result.bytes = OutputBytes(out.finish())
        return result
    }

    /// The end of a run: the summary for people (text, when more than one request was judged),
    /// `--summary FILE`, the rules line.
    static func finish(_ summary: PredictionSummary, format: OutputFormat, options: ParsedOptions) {
        let console = Console.shared
        if format == .text, summary.documents > 0 {
            for line in PredictOutput.summaryText(summary) { console.out(line) }
        }
        console.flush()
        if let path = options.value("--summary") {
            do { try (summary.json.pretty + "\n").write(toFile: path, atomically: true, encoding: .utf8) } catch {
                console.error("cannot write the summary to \(path)")
            }
        }
    }
}
