/// The context of one mention: its assertion, the trigger that decided it, and who asserts it.
public struct MentionContext: Sendable, Hashable {
    public var assertion: Assertion
    /// Token indices of the deciding trigger; nil for `affirmed` with no trigger.
    public var trigger: Range<Int>?
    public var attribution: Attribution?

    public init(assertion: Assertion, trigger: Range<Int>? = nil, attribution: Attribution? = nil) {
        self.assertion = assertion
        self.trigger = trigger
        self.attribution = attribution
    }
}
