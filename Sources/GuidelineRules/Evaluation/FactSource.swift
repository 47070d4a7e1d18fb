/// Where a fact's value comes from.
package enum FactSource: Sendable, Equatable {
    /// Clinical text (a letter's case summary and rationale, or a draft narrative).
    case narrative
    /// The request as submitted: a phrase present makes the fact true, absent makes it false.
    case request
    /// Computed in Swift (see `FactHooks`), for the few facts that need code.
    case hook(String)
}
