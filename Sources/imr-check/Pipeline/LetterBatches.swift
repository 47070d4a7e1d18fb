import IMRParse

/// A batch of letters read and parsed: the part of an audit that needs no rules.
struct ParsedLetters: Sendable {
    let texts: [Result<SourceText, InputError>]
    /// By text: its letter, nil for a text that could not be read.
    let letters: [Determination?]

    init(_ paths: [String]) {
        texts = paths.map { InputReport.load($0) }
        letters = texts.map { (try? $0.get()).map { LetterParser.parse($0) } }
    }
}

/// The audit's batches of letters: first those parsed while the rules were loading (`parseAhead`),
/// then the rest as paths, for the workers to read and parse.
///
/// Loading the rules takes one core for about a third of a second (ten thousand letters take two
/// seconds), and the workers need the rules: the waiting thread parses the first batches meanwhile.
struct LetterBatches: IteratorProtocol {
    enum Batch: Sendable {
        case parsed(ParsedLetters)
        case paths([String])

        /// The batch's letters, parsed here when they were not yet.
        var parsed: ParsedLetters {
            switch self {
            case .parsed(let p): p
            case .paths(let paths): ParsedLetters(paths)
            }
        }
    }

    /// At most this many batches are parsed ahead (memory stays small however slowly the rules load).
    static let maximumAhead = 16

    private var ahead: [ParsedLetters] = []
    private var aheadTaken = 0
    private var rest: Batches

    init(_ batches: Batches) { rest = batches }

    /// Parses batches until `ready()` says the rules are loaded (or `maximumAhead` are parsed).
    mutating func parseAhead(until ready: () -> Bool) {
        while ahead.count < Self.maximumAhead, !ready(), let paths = rest.next() { ahead.append(ParsedLetters(paths)) }
    }

    mutating func next() -> Batch? {
        if aheadTaken < ahead.count {
            defer { aheadTaken += 1 }
            return .parsed(ahead[aheadTaken])
        }
        ahead = []
        aheadTaken = 0
        return rest.next().map { .paths($0) }
    }
}
