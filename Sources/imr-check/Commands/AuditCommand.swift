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

    static let csvHeader = ["source", "item", "request", "treatment", "components", "recorded", "predicted", "agrees",
                            "unmet", "undocumented", "reasons", "year", "reviewer_specialty", "guideline_sources", "imr_pages"]

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        let options = try ParsedOptions.parse(args, spec: spec)
        if options.helpRequested { Console.shared.out(spec.help); return 0 }
        let format = try OutputFormat.from(options, allowed: [.text, .json, .jsonl, .csv, .html], command: "audit")
        let console = Console.shared
        if let output = options.value("--output") {
            do { try console.redirect(toFile: output) } catch {
                throw UsageError(message: "cannot write \(output)", hint: "check the folder exists and is writable")
            }
        }
        let summaryFiles = options.all("--summary-from")
        if !summaryFiles.isEmpty { return rebuild(from: summaryFiles + options.positionals, format: format, options: options) }

        let rules = RulesLocator.startLoading(options)
        let inputs = try InputSelection.from(options.positionals, shard: options.value("--shard"))
        let jobs = try jobCount(options)
        guard let analyzer = rules.value.analyzerOrReport() else { return 2 }
        var summary = AuditSummary()
        summary.failedInputs = inputs.errors.count
        for e in inputs.errors { console.error(e.description) }
        if format == .csv, !options.has("--no-header") { console.out(CSV.row(csvHeader)) }
        if format == .json { console.outRaw("[") }
        var firstJSON = true
        let progress = Progress(inputs: inputs)

        // One buffer of output per letter: JSON Lines and CSV / text lines end with a line break;
        // --format json objects are separated by ",\n" and the array's punctuation added on emit.
        struct Output: Sendable { var text: OutputBytes; var records: [AuditRecord]; var warnings: [String]; var bytes: Int }
        let workers = OrderedWorkers<String, Result<Output, InputError>>(inputs: inputs, jobs: jobs)
        workers.run({ path in
            InputReport.load(path).map { text in
                let letter = LetterParser.parse(text)
                var out = JSONWriter(pretty: format == .json, capacity: 32 << 10)
                var records: [AuditRecord] = []
                let predictions = analyzer.predictItems(of: letter, source: text, context: LetterCase.context(letter))
                for (n, (item, p)) in zip(letter.items, predictions).enumerated() {
                    let record = makeRecord(letter, item: item, number: n + 1, prediction: p, text: text)
                    records.append(record)
                    switch format {
                    case .jsonl:
                        p.writeJSON(to: &out, source: text) { writeExtraFields(record, item: item, to: &$0) }
                        out.raw("\n")
                    case .json:
                        if n > 0 { out.raw(",\n") }
                        p.writeJSON(to: &out, source: text) { writeExtraFields(record, item: item, to: &$0) }
                    case .csv: out.raw(text: csvRow(record, prediction: p, item: item)); out.raw("\n")
                    case .text: for line in textLines(record, prediction: p) { out.raw(text: line); out.raw("\n") }
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

    static func makeRecord(_ d: Determination, item: DisputedItem, number: Int, prediction p: Prediction, text: SourceText) -> AuditRecord {
        // Statuses are read in place and only drivers copied: filter-then-map copied every result.
        var drivers: [AuditRecord.Driver] = []
        let results = p.assessment?.results ?? []
        // A driver's evidence is shown only for an item that does not agree (text lines, the report's
        // disagreements); most items agree, and normalizing their evidence text was wasted.
        let recorded = item.decision?.value.rawValue, predicted = p.decision?.rawValue
        let agrees = AuditRecord.agrees(recorded: recorded, predicted: predicted) == true
        for i in results.indices where results[i].status == .unmet || results[i].status == .undocumented {
            let r = results[i]
            let evidence = agrees ? nil : r.evidence.first(where: { $0.how != .request && $0.how != .given }).map { text.normalized($0.range) }
            drivers.append(AuditRecord.Driver(criterion: r.criterion.id, status: r.status.rawValue, reason: r.criterion.reason,
                                              citation: r.criterion.citation.text, evidence: evidence))
        }
        return AuditRecord(source: d.source, item: number, request: item.title.value,
                           treatment: p.assessment == nil ? nil : p.request.treatment,
                           recorded: recorded, predicted: predicted,
                           year: LetterCase.year(d, p), specialty: d.reviewer.specialty?.value,
                           guidelineSources: item.imrGuideline?.sources ?? [], drivers: drivers)
    }

    /// The audit's fields of an item's object, between the prediction and its parsed request.
    static func writeExtraFields(_ r: AuditRecord, item: DisputedItem, to w: inout JSONWriter) {
        w.key("item"); w.int(r.item)
        w.key("recorded"); w.string(r.recorded)
        w.key("agrees"); w.bool(r.agrees)
        w.key("year"); w.int(r.year)
        w.key("reviewer_specialty"); w.string(r.specialty)
        w.key("guideline_sources")
        w.beginArray()
        for s in r.guidelineSources { w.string(s) }
        w.endArray()
        w.key("imr_pages")
        w.beginArray()
        for page in item.imrGuideline?.pages ?? [] { w.int(page) }
        w.endArray()
    }

    static func csvRow(_ r: AuditRecord, prediction p: Prediction, item: DisputedItem) -> String {
        let results = p.assessment?.results ?? []
        let unmet = results.filter { $0.status == .unmet }.map(\.criterion.id)
        let undocumented = results.filter { $0.status == .undocumented }.map(\.criterion.id)
        let reasons = Array(Set(results.filter { $0.status == .unmet }.compactMap(\.criterion.reason))).sorted()
        return CSV.row([r.source, String(r.item), r.request, r.treatment ?? "", p.request.components.joined(separator: ";"),
                        r.recorded ?? "", r.predicted ?? "", r.agrees.map { $0 ? "true" : "false" } ?? "",
                        unmet.joined(separator: ";"), undocumented.joined(separator: ";"), reasons.joined(separator: ";"),
                        r.year.map(String.init) ?? "", r.specialty ?? "", r.guidelineSources.joined(separator: ";"),
                        (item.imrGuideline?.pages ?? []).map(String.init).joined(separator: ";")])
    }

    static func textLines(_ r: AuditRecord, prediction p: Prediction) -> [String] {
        let c = Console.shared
        let mark: String
        switch r.agrees {
        case true?: mark = c.paint("agree   ", "32")
        case false?: mark = c.paint("DISAGREE", "1;31")
        case nil: mark = c.paint("no rule ", "33")
        }
        var out = ["\(mark) \(r.source) #\(r.item): recorded \(r.recorded ?? "–"), predicted \(r.predicted ?? "–")  [\(r.treatment ?? "no rule")] \(r.request)"]
        if r.agrees != true {
            for d in r.drivers.prefix(6) {
                out.append("           \(d.status == "unmet" ? "✗" : "?") \(d.criterion) (\(d.citation))" + (d.evidence.map { ": “\(String($0.prefix(120)))”" } ?? ""))
            }
            if r.drivers.isEmpty, p.assessment != nil { out.append("           every applicable criterion is met") }
            if let m = p.message { out.append("           \(m)") }
        }
        return out
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
