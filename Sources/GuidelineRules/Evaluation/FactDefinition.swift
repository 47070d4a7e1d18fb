/// How a fact is defined in the rule files, and how it is found in text.
public struct FactDefinition: Sendable {
    public var name: String
    public var kind: FactKind
    public var unit: String?
    public var enumValues: [String]
    public var description: String
    package var source: FactSource
    /// Mentions that make a bool fact true (affirmed) or false (negated).
    package var phrases: [String]
    /// Mentions that, when affirmed, make a bool fact false ("bulging discs without compromise").
    package var denials: [String]
    /// Mentions that, when negated, make a bool fact false ("straight leg raise was negative"),
    /// and settle nothing when affirmed ("straight leg raise testing was done").
    package var negatives: [String]
    /// For enum facts: the phrases that select each value.
    package var valuePhrases: [(value: String, phrases: [String])]
    /// For number facts: the number must be within `within` words of one of these phrases…
    package var near: [String]
    /// …and the sentence must mention one of these (what the number is about), if any are given.
    package var anchors: [String]
    /// `except`: a sentence holding one of these names another cause, and counts for nothing (thenar
    /// wasting beside "carpal tunnel" is the median nerve's, not a root's).
    package var exceptions: [String] = []
    package var within: Int
    /// For count facts: the event whose distinct occurrences are counted.
    package var events: [String]
    /// Assertion categories that count as the patient having the fact.
    package var acceptedAssertions: Set<String>
    /// Phrases that count only in some note sections, by clause role ("phrases", "deny", …): the
    /// section kinds, as indices into the context rules' sections (`noSection` for text under no heading).
    package var sectionLimits: [(role: String, phrases: Set<String>, sections: [Int])] = []
    /// For a number the requester chooses (the request's visits, levels, quantity), what it counts:
    /// an unmet limit on it gets the advice "a request for N <counts> would meet it".
    package var requesterCounts: String? = nil
    /// The value grows as time passes (weeks since an injection, how long symptoms have lasted):
    /// an unmet minimum on it gets the date on which it would be met.
    package var elapsed = false
    /// `combine any`: findings of which one is enough (a bool fact true when any present statement
    /// affirms it, whatever other findings are normal); otherwise the last statement decides.
    package var combineAny = false
    /// `combine longest`: a number fact takes the largest value any statement gives (how long symptoms
    /// have lasted: "numbness x 7 weeks … melatonin x 3 weeks" has lasted 7); otherwise the last decides.
    package var combineLongest = false
    /// `reach N`: the anchor also stands for the next N sentences of its section, unless a later
    /// sentence anchors a rival (another reaching fact of the same kind, unit and `among` group).
    package var reach = 0
    /// `reach N among NAME`: the rivalry group. A drug's relief ("{medication}") is no rival of an
    /// injection's outcome: "After the ESI she cut her Norco in half" is still the injection's.
    package var reachGroup = ""
    /// `past N months`: a count of events counts only occurrences dated in the N months before the
    /// request's date, else the document's (an undated occurrence counts as before; one dated
    /// earlier counts none).
    package var pastMonths = 0
    /// The section index that stands for text under no heading in `sectionLimits`.
    package static let noSection = 31
    /// What the fact reads of the declared measures (`improves pain with medication`, `measure pain
    /// without medication`); its votes join the phrases' by the last-statement rule.
    package var measureClauses: [MeasureClause] = []
    public var file: String
    public var line: Int
}
