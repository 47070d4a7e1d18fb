/// What a sentence says about a mention: that the patient has it, does not, might, had it, might
/// later, that someone else has it, or that it is only a guideline's words.
///
/// When several triggers reach one mention, the category earliest in this order wins (see
/// `precedence`):
/// `guideline` > `hypothetical` > `otherPerson` > `negated` > `possible` > `historical` > `affirmed`.
/// - A guideline quote is not about this patient at all, whatever else it says ("radiculopathy must
///   be documented" states no fact), so it overrides everything.
/// - A hypothetical (conditional, planned, requested, recommended, future) mention has not
///   happened, so its negation or history does not matter: "if there is no relief" states no
///   relief, "the request for ESI is not medically necessary" states no ESI.
/// - Another person's condition is not the patient's, negated or not.
/// - Negation beats uncertainty and history: "no history of ulcers", "no possible fracture" deny.
/// - Uncertainty beats history: "may have had therapy in the past" does not establish therapy.
/// - Historical is still a positive statement about the patient, dated before now: "had an ESI on
///   8/2/13" is evidence for a `prior_*` fact, and `historical` only tells the fact extractor that
///   it is not current.
package enum Assertion: String, Sendable, CaseIterable, Codable {
    case affirmed
    case negated
    case possible
    case historical
    case hypothetical
    case otherPerson = "other_person"
    case guideline

    /// Higher wins when several triggers apply to one mention.
    package var precedence: Int {
        switch self {
        case .guideline: return 6
        case .hypothetical: return 5
        case .otherPerson: return 4
        case .negated: return 3
        case .possible: return 2
        case .historical: return 1
        case .affirmed: return 0
        }
    }
}

/// Who asserts a statement in a letter.
package enum Attribution: String, Sendable, CaseIterable, Codable {
    /// The treating or requesting physician (or their report).
    case treater
    /// The IMR reviewer writing the letter ("I disagree", "in this case").
    case reviewer
    /// The utilization review physician or decision being appealed.
    case utilizationReview = "utilization_review"
    /// The patient's own report ("she reports", "he complains of").
    case patient
    /// The medical records in general ("the documentation", "per the report").
    case records
}
