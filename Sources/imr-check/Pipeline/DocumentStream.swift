import IMRParse

/// Runs a per-document job over every input on all cores and writes each result, in input order,
/// as text, one JSON value (an array when there are several inputs) or JSON Lines. Inputs that
/// cannot be read are named on stderr and make the exit status 1; the others are still reported.
enum DocumentStream {
    struct Output: Sendable {
        var json: JSONValue
        var text: [String]
    }

    static func run(_ inputs: InputSelection, jobs: Int, format: OutputFormat, work: @escaping @Sendable (SourceText) -> Output) -> Int32 {
        let console = Console.shared
        var failures = inputs.errors.count
        for e in inputs.errors { console.error(e.description) }
        let asArray = format == .json && inputs.count(upTo: 2) != 1
        if asArray { console.outRaw("[") }
        var first = true
        let progress = Progress(inputs: inputs)
        let workers = OrderedWorkers<String, Result<(SourceText, Output), InputError>>(inputs: inputs, jobs: jobs)
        workers.run({ path in
            InputReport.load(path).map { text in (text, work(text)) }
        }, emit: { _, result in
            switch result {
            case .failure(let e):
                failures += 1
                console.error(e.description)
            case .success(let (text, output)):
                progress.step(bytes: text.bytes.count)
                for w in InputReport.warnings(for: text) { console.warning(w) }
                switch format {
                case .jsonl: console.out(bytes: output.json.compactBytes)
                case .json:
                    if asArray { console.outRaw(first ? "\n" : ",\n") }
                    console.outRaw(output.json.pretty)
                    if !asArray { console.outRaw("\n") }
                default: for line in output.text { console.out(line) }
                }
                first = false
            }
        })
        progress.finish()
        if asArray { console.out(first ? "]" : "\n]") }
        return failures > 0 ? 1 : 0
    }
}
