import IMRParse

/// The pipeline for one rule book: request recognition, fact extraction and assessment.
/// Built once per run (it compiles the phrase tries); thread-safe and shared by workers.
public final class Analyzer: Sendable {
    public let book: RuleBook
    public let recognizer: RequestRecognizer

    public init(book: RuleBook) {
        self.book = book
        self.recognizer = RequestRecognizer(book: book)
    }

    public func facts(in source: SourceText, regions: [Range<Int>], context: CaseContext) -> FactSet {
        FactSet(count: book.facts.count)
    }
}

public struct RequestRecognizer: Sendable {
    public struct Recognition: Sendable { public var components: [String] }
    init(book: RuleBook) {}
    public func recognize(_ text: String) -> Recognition { Recognition(components: []) }
}
