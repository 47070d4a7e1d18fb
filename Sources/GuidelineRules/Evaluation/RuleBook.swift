// Evaluation/ — the compiled rules and their evaluation: the `RuleBook` (treatments, criteria,
// fact definitions, examples, citations, edition windows), fact values (`FactValue`, `FactSet`,
// `EvidenceLists`, `FactEvidence`), three-valued `Truth` and `Condition`, and the assessment of a
// request (`Assessor`, `Assessment`, `CriterionResult`, `CriterionStatus`, `DecisionPolicy`,
// `EditionDate`). Not here: finding facts in text (Facts/), the per-run pipeline (Prediction/).

import IMRParse

/// The checked, compiled rules of a folder: facts, treatments with their criteria and examples,
/// and the context rules for assertion detection. Built once per run by `RuleBook.load`; read-only
/// and shared by every worker thread afterwards.
public final class RuleBook: Sendable {
    public let facts: [FactDefinition]
    public let treatments: [Treatment]
    package let ancillaryPhrases: [String]
    package let context: ContextDeclarations
    /// The concepts that phrases name as `{name}`, and the words gaps pass over.
    package let lexicon: ConceptLexicon
    /// How notes ask for treatments, by kind (see `RequestFinder`).
    package let requestWords: [RequestWordKind: [String]]
    /// The measures whose changes facts judge (`measure pain "pain intensity" better lower`).
    package let measures: [MeasureDefinition]
    public let files: [String]
    private let factIndex: [String: Int]
    private let treatmentIndex: [String: Int]

    init(facts: [FactDefinition], treatments: [Treatment], ancillaryPhrases: [String], context: ContextDeclarations,
         lexicon: ConceptLexicon = ConceptLexicon(), requestWords: [RequestWordKind: [String]] = [:],
         measures: [MeasureDefinition] = [], files: [String]) {
        self.lexicon = lexicon
        self.measures = measures
        self.requestWords = requestWords
        self.facts = facts
        self.treatments = treatments
        self.ancillaryPhrases = ancillaryPhrases
        self.context = context
        self.files = files
        var fi: [String: Int] = [:]
        for (i, f) in facts.enumerated() { fi[f.name] = i }
        factIndex = fi
        var ti: [String: Int] = [:]
        for (i, t) in treatments.enumerated() { ti[t.id] = i }
        treatmentIndex = ti
        for t in treatments {
            for c in t.criteria { c.prepareJSON(treatment: t.id, factNames: c.allFacts.map { facts[$0].name }) }
        }
    }

    public func factSlot(_ name: String) -> Int? { factIndex[name] }
    public func treatment(_ id: String) -> Treatment? { treatmentIndex[id].map { treatments[$0] } }
    public var criterionCount: Int { treatments.reduce(0) { $0 + $1.criteria.count } }
}

/// The kinds of words by which a note asks for a treatment (`request_words KIND` in the rules).
package enum RequestWordKind: String, Sendable, CaseIterable {
    /// Asks wherever it stands: "request", "authorization", "RFA", "we will order".
    case ask
    /// Orders when it opens a line or a sentence, or stands in a plan: "continue", "refill", "start".
    case order
    /// Makes what follows it in its sentence not a request now: "if", "consider", "in the future".
    case notNow = "not_now"
}
