import IMRParse

/// The framing of a run's records on the output, written once for every command: `--format json`
/// is one value (an array, or the object alone when the run has one input that gave one record),
/// CSV opens with its header row, JSON Lines and text are the records as they come.
///
/// Records arrive a document at a time, in input order, as bytes a worker wrote: JSON objects
/// separated by ",\n" within a document, lines for the other formats.
final class RecordStream {
    private let format: OutputFormat
    private let oneInput: Bool
    private var emitted = false
    private var array = false

    /// `oneInput`: the run reads exactly one input, so a single record is written as the object alone.
    init(format: OutputFormat, csvHeader: [String]? = nil, oneInput: Bool) {
        self.format = format
        self.oneInput = oneInput
        if format == .csv, let csvHeader { Console.shared.out(CSV.row(csvHeader)) }
    }

    /// Writes one document's records (`count` of them).
    func emit(_ bytes: OutputBytes, count: Int) {
        let console = Console.shared
        guard count > 0, !bytes.isEmpty else { return }
        if format == .json {
            if !emitted, !(oneInput && count == 1) { array = true; console.outRaw("[\n") } else if emitted { console.outRaw(",\n") }
        }
        emitted = true
        console.outRaw(output: bytes)
    }

    /// Writes one document's records given as a JSON value (one record) or lines of text.
    func emit(json: JSONValue, lines: [String]) {
        let console = Console.shared
        switch format {
        case .jsonl: console.out(bytes: json.compactBytes)
        case .json:
            if !emitted, !oneInput { array = true; console.outRaw("[\n") } else if emitted { console.outRaw(",\n") }
            console.outRaw(json.pretty)
        default: for line in lines { console.out(line) }
        }
        emitted = true
    }

    /// Closes the JSON array (`[]` when no record was written).
    func end() {
        guard format == .json else { return }
        let console = Console.shared
        if array { console.out("\n]") } else if emitted { console.out("") } else { console.out("[]") }
    }
}
