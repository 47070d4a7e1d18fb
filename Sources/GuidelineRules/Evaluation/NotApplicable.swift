/// Why a criterion does not apply to a request (each criterion words its own note for each).
enum NotApplicable: Int, CaseIterable, Sendable {
    /// The request's date falls outside the criterion's or its treatment's edition.
    case otherEdition
    /// Its `when` is false…
    case whenFalse
    /// …or unknown.
    case whenUnknown
    /// Its `unless` is true.
    case unlessTrue
}
