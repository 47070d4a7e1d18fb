public struct Treatment: Sendable {
    public var id: String
    public var name: String
    public var requests: [String]
    /// Words that make a request this treatment whatever else it names ("cream": a gabapentin cream
    /// is a topical, its drugs are ingredients, not a bundle with oral gabapentin).
    package var claims: [String]
    public var citation: RuleCitation
    package var window: DateWindow
    public var criteria: [Criterion]
    public var examples: [RuleExample]
    public var file: String
    public var line: Int
}
