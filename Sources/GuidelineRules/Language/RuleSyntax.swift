/// The syntax tree of rule files: what each declaration says, with the tokens it was read from.
///
/// Names are still names here; `RuleChecker` resolves them and turns the tree into a `RuleBook`.

/// A condition as written: `radiculopathy_on_exam and (prior_esi_relief_percent >= 50 or x in [a, b])`.
public indirect enum ExpressionSyntax: Sendable {
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
    public var anchor: RuleToken {
        switch self {
        case .name(let t), .literal(let t), .not(let t, _), .known(let t, _): return t
        case .and(let parts), .or(let parts), .sum(let parts): return parts[0].anchor
        case .compare(_, let lhs, _): return lhs.anchor
        case .member(let lhs, _, _): return lhs.anchor
        }
    }
}

/// "MTUS Chronic Pain Medical Treatment Guidelines" section "Epidural steroid injections" page 46.
public struct CitationSyntax: Sendable {
    public var guideline: String
    public var section: String?
    public var pages: [Int]
    public var token: RuleToken
}

public struct TreatmentSyntax: Sendable {
    public var id: RuleToken
    public var name: String
    public var requests: [RuleToken] = []
    public var claims: [RuleToken] = []
    public var citation: CitationSyntax?
    public var appliesFrom: RuleToken?
    public var appliesTo: RuleToken?
    public var file: String
}

public struct FactSyntax: Sendable {
    public var name: RuleToken
    public var type: RuleToken
    public var unit: RuleToken?
    public var enumValues: [RuleToken] = []
    public var description: String
    public var source: RuleToken?         // `from request`
    public var hook: RuleToken?
    public var phrases: [RuleToken] = []
    public var denials: [RuleToken] = []
    public var negatives: [RuleToken] = []
    public var valuePhrases: [(value: RuleToken, phrases: [RuleToken])] = []
    public var near: [RuleToken] = []
    public var anchors: [RuleToken] = []
    public var within: Int?
    public var events: [RuleToken] = []
    public var assertions: [RuleToken] = []
    public var file: String
}

public struct CriterionSyntax: Sendable {
    public var id: RuleToken
    public var text: String
    public var treatment: RuleToken?
    public var when: ExpressionSyntax?
    public var unless: ExpressionSyntax?
    public var require: ExpressionSyntax?
    public var citation: CitationSyntax?
    public var reason: RuleToken?
    public var missing: String?
    public var appliesFrom: RuleToken?
    public var appliesTo: RuleToken?
    public var file: String
}

public struct ExampleSyntax: Sendable {
    public var name: RuleToken
    public var expect: RuleToken?
    public var treatment: RuleToken?
    public var request: String?
    public var text: String?
    public var date: RuleToken?
    public var given: [(fact: RuleToken, value: RuleToken)] = []
    public var statuses: [(criterion: RuleToken, status: RuleToken)] = []
    public var todo: String?
    public var file: String
}

/// A context trigger line of `Rules/context/*.rules`.
public struct TriggerSyntax: Sendable {
    public var keyword: RuleToken
    public var category: RuleToken?
    public var direction: RuleToken?
    public var phrases: [RuleToken]
    public var scope: Int?
    public var file: String
}

/// Everything read from a rules folder, before checking.
public struct RuleSyntaxTree: Sendable {
    public var treatments: [TreatmentSyntax] = []
    public var facts: [FactSyntax] = []
    public var criteria: [CriterionSyntax] = []
    public var examples: [ExampleSyntax] = []
    public var triggers: [TriggerSyntax] = []
    public var ancillary: [RuleToken] = []
    public var files: [String] = []
    public init() {}
}
