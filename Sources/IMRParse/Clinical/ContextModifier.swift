/// A context trigger found in a sentence, with the tokens its scope reaches.
package struct ContextModifier: Sendable, Hashable {
    package var category: Assertion
    package var direction: ContextDirection
    /// Token indices of the trigger phrase.
    package var trigger: Range<Int>
    /// Token indices the trigger reaches, the trigger itself included (the whole sentence or
    /// clause for `sentence` triggers).
    package var scope: Range<Int>
    /// Index of the trigger in `ContextRules.triggers`.
    package var rule: Int

    package init(category: Assertion, direction: ContextDirection, trigger: Range<Int>, scope: Range<Int>, rule: Int) {
        self.category = category
        self.direction = direction
        self.trigger = trigger
        self.scope = scope
        self.rule = rule
    }

    /// True when a mention (token indices) lies in the scope or overlaps the trigger.
    @inlinable package func covers(_ mention: Range<Int>) -> Bool {
        mention.lowerBound < scope.upperBound && mention.upperBound > scope.lowerBound
    }
}

/// An attribution cue found in a sentence.
package struct AttributionMatch: Sendable, Hashable {
    package var attribution: Attribution
    /// Token indices of the cue.
    package var tokens: Range<Int>

    package init(attribution: Attribution, tokens: Range<Int>) {
        self.attribution = attribution
        self.tokens = tokens
    }
}
