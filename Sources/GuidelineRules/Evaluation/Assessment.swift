import IMRParse

/// The outcome predicted for one request (one treatment, or a bundle decided as one).
public struct Assessment: Sendable {
    public var treatments: [Treatment]
    public var results: [CriterionResult]
    public var decision: Decision
    package var basis: DecisionPolicy.Basis
    /// The probability of `decision` under the decision model (see `DecisionPolicy`), 0–1.
    public var confidence: Double
    /// The criteria that drove the decision (ids), e.g. the decisive criterion left undocumented.
    public var decidedBy: [String]
    /// Whether the confidence falls in the uncertain middle band.
    public var isUncertain: Bool { confidence < DecisionPolicy.uncertainBelow }
    /// The advice of every undocumented criterion, in criterion order.
    public var missingDocumentation: [String]
    /// The smallest set of undocumented facts whose documentation (with the values shown) would
    /// change the outcome to Overturned; nil when an unmet criterion decides the outcome anyway.
    public var documentationThatWouldChangeOutcome: [String]?
    /// The same, in the facts' own words, for people.
    public var documentationThatWouldChangeOutcomeInWords: [String]?
    /// The day that picked the edition in force, and its source (nil: the newest criteria).
    package var editionDate: EditionDate?
    /// Which guideline edition was applied and why (made when asked: most predictions are never
    /// shown one by one, and the words were built for every item).
    public var edition: String {
        var words = ""
        editionPieces { words += $0 }
        return words
    }

    /// `edition`'s words piece by piece, in order (the JSON writes them without joining them).
    package func editionPieces(_ body: (String) -> Void) {
        guard let editionDate else { body("no request or letter date found: the newest criteria were applied"); return }
        body("criteria in force on "); body(editionDate.day.iso); body(" ("); body(editionDate.source.description); body(")")
    }
}
