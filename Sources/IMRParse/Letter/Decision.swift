/// The IMR decision on one disputed item.
public enum Decision: String, Sendable, CaseIterable {
    /// The denial stands: the treatment is not medically necessary.
    case upheld = "Upheld"
    /// The denial is reversed: the treatment is medically necessary.
    case overturned = "Overturned"
}
