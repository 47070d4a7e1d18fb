/// The context of one mention: its assertion, the trigger that decided it, and who asserts it.
package struct MentionContext: Sendable, Hashable {
    package var assertion: Assertion
    /// Token indices of the deciding trigger; nil for `affirmed` with no trigger.
    package var trigger: Range<Int>?
    package var attribution: Attribution?

    package init(assertion: Assertion, trigger: Range<Int>? = nil, attribution: Attribution? = nil) {
        self.assertion = assertion
        self.trigger = trigger
        self.attribution = attribution
    }
}
