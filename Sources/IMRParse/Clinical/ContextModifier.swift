/// A context trigger found in a sentence, with the tokens its scope reaches.
public struct ContextModifier: Sendable, Hashable {
    public var category: Assertion
    public var direction: ContextDirection
    /// Token indices of the trigger phrase.
    public var trigger: Range<Int>
    /// Token indices the trigger reaches, the trigger itself included (the whole sentence or
    /// clause for `sentence` triggers).
    public var scope: Range<Int>
    /// Index of the trigger in `ContextRules.triggers`.
    public var rule: Int

    public init(category: Assertion, direction: ContextDirection, trigger: Range<Int>, scope: Range<Int>, rule: Int) {
        self.category = category
        self.direction = direction
        self.trigger = trigger
        self.scope = scope
        self.rule = rule
    }

    /// True when a mention (token indices) lies in the scope or overlaps the trigger.
    @inlinable public func covers(_ mention: Range<Int>) -> Bool {
        mention.lowerBound < scope.upperBound && mention.upperBound > scope.lowerBound
    }
}

/// An attribution cue found in a sentence.
public struct AttributionMatch: Sendable, Hashable {
    public var attribution: Attribution
    /// Token indices of the cue.
    public var tokens: Range<Int>

    public init(attribution: Attribution, tokens: Range<Int>) {
        self.attribution = attribution
        self.tokens = tokens
    }
}
