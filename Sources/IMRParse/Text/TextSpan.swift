/// A piece of a source text, with Unicode-scalar offsets into it (see `SourceText`).
public struct TextSpan: Sendable, Hashable, Codable {
    public var text: String
    public var start: Int
    public var end: Int
    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}
