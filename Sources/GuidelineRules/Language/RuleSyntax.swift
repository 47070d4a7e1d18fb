/// The syntax tree of rule files: what each declaration says, with the tokens it was read from.
///
/// Names are still names here; `RuleChecker` resolves them and turns the tree into a `RuleBook`.

/// A condition as written: `radiculopathy_on_exam and (prior_esi_relief_percent >= 50 or x in [a, b])`.
package indirect enum ExpressionSyntax: Sendable {
    case name(RuleToken)
    case literal(RuleToken)          // number, string, date, true/false
    case not(RuleToken, ExpressionSyntax)
    case and([ExpressionSyntax])
    case or([ExpressionSyntax])
    case compare(RuleToken, ExpressionSyntax, ExpressionSyntax)
    case member(ExpressionSyntax, [RuleToken], RuleToken)   // value in [a, b]; last token is `in`
    case known(RuleToken, RuleToken)  // known(fact): true when the fact is documented either way
    case sum([ExpressionSyntax])      // a + b (+ c): numbers and counts, compared as a whole

    /// The first token, for diagnostics about the whole expression.
    package var anchor: RuleToken {
        switch self {
        case .name(let t), .literal(let t), .not(let t, _), .known(let t, _): return t
        case .and(let parts), .or(let parts), .sum(let parts): return parts[0].anchor
        case .compare(_, let lhs, _): return lhs.anchor
        case .member(let lhs, _, _): return lhs.anchor
        }
    }
}

/// "MTUS Chronic Pain Medical Treatment Guidelines" section "Epidural steroid injections" page 46.
package struct CitationSyntax: Sendable {
    package var guideline: String
    package var section: String?
    package var pages: [Int]
    package var token: RuleToken
}

package struct TreatmentSyntax: Sendable {
    package var id: RuleToken
    package var name: String
    package var requests: [RuleToken] = []
    package var claims: [RuleToken] = []
    /// `refines ID [when "word", …]`: the family whose id this one reports as (see `Treatment.refines`).
    package var refines: RuleToken?
    package var refinesWhen: [RuleToken] = []
    package var citation: CitationSyntax?
    package var appliesFrom: RuleToken?
    package var appliesTo: RuleToken?
    package var file: String
}

package struct FactSyntax: Sendable {
    package var name: RuleToken
    package var type: RuleToken
    package var unit: RuleToken?
    package var enumValues: [RuleToken] = []
    package var description: String
    package var source: RuleToken?         // `from request`
    package var hook: RuleToken?
    package var phrases: [RuleToken] = []
    package var denials: [RuleToken] = []
    package var negatives: [RuleToken] = []
    package var valuePhrases: [(value: RuleToken, phrases: [RuleToken])] = []
    package var near: [RuleToken] = []
    package var anchors: [RuleToken] = []
    package var exceptions: [RuleToken] = []
    package var within: Int?
    package var events: [RuleToken] = []
    package var assertions: [RuleToken] = []
    /// Clauses limited to sections: `phrases "{opioid}" in medications` (the clause's role —
    /// "phrases", "deny", … — its phrases and the section names).
    package var sectionLimits: [(role: String, phrases: [RuleToken], sections: [RuleToken])] = []
    /// `elapsed`: the value grows as time passes.
    package var elapsed = false
    /// `combine any|last`: how a bool fact's statements are combined.
    package var combine: RuleToken?
    /// `reach N`: the anchor also stands for the next N sentences.
    package var reach: Int?
    /// `reach N among NAME`: the rivalry group of a reaching anchor (default: none).
    package var reachGroup: String?
    /// `past N months`: events counted only in the N months before the request's (else the document's) date.
    package var pastMonths: RuleToken?
    package var pastMonthsValue = 0
    /// `improves pain, motion [with medication]`: the measures, and the word after `with`.
    package var improves: [(keyword: RuleToken, measures: [RuleToken], medication: RuleToken?)] = []
    /// `measure pain with|without medication`: the measure, `with`/`without`, and the word after it;
    /// `measure pain relief`: the measure and `relief` (no word after it).
    package var measureValues: [(keyword: RuleToken, measure: RuleToken, side: RuleToken?, medication: RuleToken?)] = []
    package var file: String
}

/// `measure NAME "what it is" better lower|higher` with its `words`, `units`, `scale` and
/// `meaningful` clauses: a clinical number whose change facts judge.
package struct MeasureSyntax: Sendable {
    package var name: RuleToken
    package var description: String
    /// `lower` or `higher`.
    package var better: RuleToken?
    package var words: [RuleToken] = []
    package var units: [RuleToken] = []
    package var scale: RuleToken?
    /// `meaningful 2 points or 30 percent`: each amount with the word after it.
    package var meaningful: [(amount: RuleToken, word: RuleToken?)] = []
    package var file: String
}

package struct CriterionSyntax: Sendable {
    package var id: RuleToken
    package var text: String
    package var treatment: RuleToken?
    package var when: ExpressionSyntax?
    package var unless: ExpressionSyntax?
    /// The situation `when` / `unless` describe, in plain words ("a repeat injection").
    package var whenLabel: String?
    package var unlessLabel: String?
    /// `role decisive|supporting "why"`: whether the criterion decides the case (see `CriterionRole`).
    package var role: RuleToken?
    package var roleWhy: String?
    package var require: ExpressionSyntax?
    package var citation: CitationSyntax?
    package var reason: RuleToken?
    package var missing: String?
    package var appliesFrom: RuleToken?
    package var appliesTo: RuleToken?
    package var file: String
}

package struct ExampleSyntax: Sendable {
    package var name: RuleToken
    package var expect: RuleToken?
    package var treatment: RuleToken?
    package var request: String?
    package var text: String?
    package var date: RuleToken?
    package var given: [(fact: RuleToken, value: RuleToken)] = []
    package var statuses: [(criterion: RuleToken, status: RuleToken)] = []
    package var todo: String?
    package var file: String
}

/// A context trigger line of `Rules/context/*.rules`.
package struct TriggerSyntax: Sendable {
    package var keyword: RuleToken
    package var category: RuleToken?
    package var direction: RuleToken?
    package var phrases: [RuleToken]
    package var scope: Int?
    package var file: String
}

/// `section KIND "heading", … [assertion CATEGORY]`: the headings that open a kind of note section.
package struct SectionSyntax: Sendable {
    package var kind: RuleToken
    package var headings: [RuleToken]
    package var assertion: RuleToken?
    package var file: String
}

/// `concept NAME "what it means"` with its `words`: a named set of words and phrases that mean the
/// same thing, used inside any phrase as `{NAME}`.
package struct ConceptSyntax: Sendable {
    package var name: RuleToken
    package var description: String
    package var words: [RuleToken] = []
    package var file: String
}

/// Everything read from a rules folder, before checking.
package struct RuleSyntaxTree: Sendable {
    package var treatments: [TreatmentSyntax] = []
    package var facts: [FactSyntax] = []
    package var criteria: [CriterionSyntax] = []
    package var examples: [ExampleSyntax] = []
    package var triggers: [TriggerSyntax] = []
    package var ancillary: [RuleToken] = []
    package var concepts: [ConceptSyntax] = []
    package var measures: [MeasureSyntax] = []
    package var sections: [SectionSyntax] = []
    /// `confidence "source"` with `NAME = number` lines: the decision model's weights.
    package var confidence: (source: RuleToken, weights: [(name: RuleToken, value: Double)], file: String)?
    /// `request_words KIND "…"`: how notes ask for treatments (see `RequestFinder`).
    package var requestWords: [(kind: RuleToken, phrases: [RuleToken], file: String)] = []
    /// Words a "..." gap passes over without counting them (`filler "the", "of"`).
    package var fillers: [RuleToken] = []
    /// Words that stand for each other in every phrase (`same "symptoms", "sx"`).
    package var sameWords: [(words: [RuleToken], file: String)] = []
    /// Names of facts whose declaration is too broken to compile (an unknown type): already
    /// reported there, so a use elsewhere is not reported again as an unknown fact.
    package var brokenFacts: Set<String> = []
    package var files: [String] = []
    package init() {}
}
