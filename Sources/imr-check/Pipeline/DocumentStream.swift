import IMRParse

/// Runs a per-document job over every input on all cores and writes each result, in input order,
/// through a `RecordStream` (text, one JSON value, JSON Lines). Inputs that cannot be read are
/// named on stderr and make the exit status 1; the others are still reported. A run that finds no
/// input at all says so and exits 1.
enum DocumentStream {
    struct Output: Sendable {
        var json: JSONValue
        var text: [String]
    }

    /// `closing`: text lines written after the last document (the rules line), text format only.
    static func run(_ inputs: InputSelection, jobs: Int, format: OutputFormat, closing: [String] = [],
                    work: @escaping @Sendable (SourceText) -> Output) -> Int32 {
        let console = Console.shared
        var failures = inputs.errors.count
        for e in inputs.errors { console.error(e.description) }
        let stream = RecordStream(format: format, oneInput: inputs.count(upTo: 2) == 1)
        var documents = 0
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
                documents += 1
                stream.emit(json: output.json, lines: output.text)
            }
        })
        progress.finish()
        stream.end()
        if format == .text, documents > 0 { for line in closing { console.out(line) } }
        if documents == 0, failures == 0 {
            console.warning(inputs.noInputsMessage)
            return 1
        }
        return failures > 0 ? 1 : 0
    }
}
