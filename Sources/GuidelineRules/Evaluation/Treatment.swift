public struct Treatment: Sendable {
    public var id: String
    public var name: String
    public var requests: [String]
    /// Words that make a request this treatment whatever else it names ("cream": a gabapentin cream
    /// is a topical, its drugs are ingredients, not a bundle with oral gabapentin).
    package var claims: [String]
    /// The family this one refines (`refines ID`): a more specific family of a design id, such as
    /// `h_wave_stimulation` of `electrotherapy`. Selected in its place where the refined family is
    /// named and the request also says one of this family's phrases (or, with `when`, one of
    /// `refinementWords`); outputs keep the refined family's id as `treatment` (`reportedID`) and
    /// name this one as `family`. Nil for a family that refines nothing.
    public var refines: String?
    /// `refines ID when "…"`: the words that make an item of the refined family this one.
    package var refinementWords: [String] = []
    /// The id outputs give as `treatment`: the root of the `refines` chain, else `id`.
    public var reportedID: String
    public var citation: RuleCitation
    package var window: DateWindow
    public var criteria: [Criterion]
    public var examples: [RuleExample]
    public var file: String
    public var line: Int
}
