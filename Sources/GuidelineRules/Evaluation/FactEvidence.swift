import IMRParse

/// Where a fact's value came from: a span of the source text and how the text asserts it.
///
/// A plain value without references (codes and offsets, no Strings): evidence is made for every
/// mention and copied into every criterion result, and the Strings it held made each copy and
/// release a round of reference counting. The names are made when an output asks for them.
public struct FactEvidence: Sendable {
    /// Byte range in the source text.
    public var range: Range<Int>
    /// How the text asserts the fact (see `assertion` for its name).
    package var how: EvidenceAssertion
    /// Who states it, if known (see `attribution` for its name).
    package var attributedTo: Attribution?
    /// Whether this evidence counted towards the value (false for hypothetical or quoted mentions
    /// that are shown only to explain why the fact stayed unknown).
    public var counted: Bool
    /// The trigger's byte range in the source text; `triggerStart` < 0: no trigger.
    private var triggerStart: Int32
    private var triggerEnd: Int32

    package init(range: Range<Int>, how: EvidenceAssertion, trigger: Range<Int>? = nil, attributedTo: Attribution? = nil,
                counted: Bool = true) {
        self.range = range
        self.how = how
        self.attributedTo = attributedTo
        self.counted = counted
        triggerStart = trigger.map { Int32($0.lowerBound) } ?? -1
        triggerEnd = trigger.map { Int32($0.upperBound) } ?? -1
    }

    /// Evidence with its assertion and attribution named as in the outputs (an unknown name traps).
    package init(range: Range<Int>, assertion: String, trigger: Range<Int>? = nil, attribution: String? = nil, counted: Bool = true) {
        guard let how = EvidenceAssertion(name: assertion) else { preconditionFailure("unknown evidence assertion \(assertion)") }
        let who = attribution.map { name in
            guard let a = Attribution(rawValue: name) else { preconditionFailure("unknown attribution \(name)") }
            return a
        }
        self.init(range: range, how: how, trigger: trigger, attributedTo: who, counted: counted)
    }

    /// affirmed, negated, possible, historical, hypothetical, other_person, guideline — or
    /// `request` for a fact read from the request text, `given` for an example's stated value.
    public var assertion: String { how.name }

    /// treater, reviewer, utilization_review, patient or records, if known.
    public var attribution: String? { attributedTo?.rawValue }

    /// The byte range of the words that decided the assertion, if any.
    public var triggerRange: Range<Int>? { triggerStart < 0 ? nil : Int(triggerStart)..<Int(triggerEnd) }

    /// The words that decided the assertion ("without", "no documentation of"), white space
    /// collapsed, if any; `source` is the text the evidence was found in.
    public func trigger(in source: SourceText) -> String? {
        triggerRange.map { source.normalized($0) }
    }
}
