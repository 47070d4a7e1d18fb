import Foundation
import GuidelineRules
import IMRParse

/// `imr-check predict [--request TEXT]… [PATH|-]`: the predicted decision for a draft request,
/// as a checklist of criteria with what to document.
enum PredictCommand {
    static let spec = CommandSpec(
        name: "predict", summary: "Predict the IMR decision for a draft request, with the criteria that are met, unmet or undocumented.",
        usage: "imr-check predict [--request TEXT]... [PATH|-] [--format text|json|jsonl]",
        valueOptions: [("--request", "One requested treatment (repeat for several). Without it, requests are found in the text."),
                       ("--format", "text (default: a checklist), json or jsonl (one object per request)."),
                       ("--rules", "Rule folder (default: the project's Rules/)."),
                       ("--date", "Date of the request (YYYY-MM-DD), which picks the guideline edition in force.")],
        flags: [],
        examples: ["imr-check predict --request \"Lumbar ESI L4-5\" examples/requests/esi-documented.txt",
                   "imr-check predict examples/requests/pt-draft.txt --format json",
                   "cat note.txt | imr-check predict --request \"Norco 10/325 #90\" -"],
        details: """
        The narrative (a physician's note or draft) is read from PATH, or from standard input with '-'.
        Without --request, requests are found in the text ("requesting …", "request for authorization: …",
        "plan: …"). ✓ met, ✗ unmet, ? undocumented (with what to add), – not applicable.
        """)

    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        guard let start = try CommandStart(args, spec: spec, formats: [.text, .json, .jsonl]) else { return 0 }
        let options = start.options, format = start.format
        guard options.positionals.count <= 1 else {
            throw UsageError(message: "predict reads one narrative", hint: "give one PATH (or '-'), and one --request per treatment")
        }
        var requestDate: CalendarDay?
        if let d = options.value("--date") {
            guard let day = CalendarDay(iso: d) else { throw UsageError(message: "--date '\(d)' is not a date", hint: "write YYYY-MM-DD") }
            requestDate = day
        }
        let console = Console.shared
        // The narrative: PATH or '-'. Standard input is read without '-' only when no --request is
        // given (a request alone is predicted on an empty record: everything undocumented).
        let path: String
        if let p = options.positionals.first { path = p } else if options.all("--request").isEmpty {
            guard isatty(0) == 0 else {
                throw UsageError(message: "predict needs a narrative or a request", hint: "give a PATH, pipe text in with '-', or pass --request TEXT")
            }
            path = "-"
        } else {
            path = ""
        }
        guard let book = RulesLocator.loadBook(options) else { return 2 }
        let analyzer = Analyzer(book: book)
        let text: SourceText
        if path.isEmpty {
            text = SourceText(path: "(no narrative)", bytes: [])
        } else {
            switch InputReport.load(path) {
            case .failure(let e):
                console.error(e.description)
                return 1
            case .success(let t): text = t
            }
        }
        for w in InputReport.warnings(for: text) { console.warning(w) }
        let letter = text.bytes.isEmpty ? Determination(source: text.path, layout: .narrative) : LetterParser.parse(text)
        var context = CaseContext(letter: letter, source: text)
        context.requestDate = requestDate
        var jobs: [(request: String, range: Range<Int>?, regions: [Range<Int>])] = []
        let narrative = letter.factRegions(in: text)
        for r in options.all("--request") { jobs.append((r, nil, text.bytes.isEmpty ? [] : narrative)) }
        if jobs.isEmpty {
            if letter.layout != .narrative, !letter.items.isEmpty {
                for item in letter.items { jobs.append((item.title.value, item.title.range, letter.itemRegions(item))) }
            } else {
                for found in analyzer.findRequests(in: text) { jobs.append((found.text, found.range, narrative)) }
            }
        }
        guard !jobs.isEmpty else {
            console.error("\(text.path): no request found in the text",
                          hint: "pass --request \"…\" for each treatment, or write 'Requesting: …' in the note")
            return 1
        }
        var out = JSONWriter(pretty: format == .json)
        // Several requests make a JSON array; one is the object alone.
        if format == .json, jobs.count > 1 { out.beginArray() }
        for job in jobs {
            var c = context
            c.requestRange = job.range
            let p = analyzer.predict(job.request, source: text, regions: job.regions, context: c)
            switch format {
            case .jsonl: p.writeJSON(to: &out, source: text); out.raw("\n")
            case .json: p.writeJSON(to: &out, source: text)
            default: for line in Checklist.lines(p, text: text) { console.out(line) }
            }
        }
        if format == .json {
            if jobs.count > 1 { out.endArray() }
            out.raw("\n")
        }
        console.outRaw(bytes: out.bytes)
        return 0
    }
}
