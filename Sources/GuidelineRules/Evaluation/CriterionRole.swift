/// Whether a criterion decides a case or supports it, as the guideline words it.
///
/// A **decisive** criterion is one the guideline makes a condition ("must", "required", "only if",
/// "not recommended"): unmet, the request is not medically necessary; undocumented, it is not shown
/// to be, and the request is upheld for want of the documentation. A **supporting** criterion is one
/// the guideline asks to be considered or monitored ("should be assessed", "is recommended to",
/// one of several things weighed): reviewers weigh it with the rest, so unmet or undocumented it
/// lowers the confidence of a certification instead of deciding it (see `DecisionModel`).
public enum CriterionRole: String, Sendable, CaseIterable {
    case decisive
    case supporting
}
