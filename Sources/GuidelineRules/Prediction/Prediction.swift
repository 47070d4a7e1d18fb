import IMRParse

/// The prediction for one request: how it was understood, the facts, and the assessment
/// (nil when no rule covers the request).
public struct Prediction: Sendable {
    public var request: ParsedRequest
    /// Where the request text sits in the source (a letter's item title), if it does.
    public var requestRange: Range<Int>?
    public var facts: FactSet
    public var assessment: Assessment?
    public var message: String?

    public var decision: Decision? { assessment?.decision }
}
