/// The context of one mention: its assertion, the trigger that decided it, and who asserts it.
package struct MentionContext: Sendable, Hashable {
    package var assertion: Assertion
    /// Token indices of the deciding trigger; nil for `affirmed` with no trigger.
    package var trigger: Range<Int>?
    package var attribution: Attribution?
    /// A `guideline` assertion decided by a `generic` trigger: a statement that names no patient, not
    /// the guideline named ("Acupuncture is approved for …"). It hides facts; a request stays a request.
    package var generic = false

    package init(assertion: Assertion, trigger: Range<Int>? = nil, attribution: Attribution? = nil, generic: Bool = false) {
        self.assertion = assertion
        self.trigger = trigger
        self.attribution = attribution
        self.generic = generic
    }
}
