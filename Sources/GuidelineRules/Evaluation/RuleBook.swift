// Evaluation/ — the compiled rules and their evaluation: the `RuleBook` (treatments, criteria,
// fact definitions, examples, citations, edition windows), fact values (`FactValue`, `FactSet`,
// `EvidenceLists`, `FactEvidence`), three-valued `Truth` and `Condition`, and the assessment of a
// request (`Assessor`, `Assessment`, `CriterionResult`, `CriterionStatus`, `DecisionPolicy`,
// `EditionDate`). Not here: finding facts in text (Facts/), the per-run pipeline (Prediction/).

import IMRParse

/// The checked, compiled rules of a folder: facts, treatments with their criteria and examples,
/// and the context rules for assertion detection. Built once per run by `RuleBook.load`; read-only
/// and shared by every worker thread afterwards.
public final class RuleBook: @unchecked Sendable {
    public let facts: [FactDefinition]
    public let treatments: [Treatment]
    package let ancillaryPhrases: [String]
    package let context: ContextDeclarations
    /// The concepts that phrases name as `{name}`, and the words gaps pass over.
    package let lexicon: ConceptLexicon
    /// How notes ask for treatments, by kind (see `RequestFinder`).
    package let requestWords: [RequestWordKind: [String]]
    /// How statuses and roles become a decision and a confidence (`Rules/decision.rules`).
    package let decisionPolicy: DecisionPolicy
    /// The measures whose changes facts judge (`measure pain "pain intensity" better lower`).
    package let measures: [MeasureDefinition]
    public let files: [String]
    /// Which rules these are: the folder and a short hash of the files' names and contents, so that a
    /// run can be reproduced (every command says it). Set by `RuleLoader.load(directory:)`.
    public internal(set) var origin: Origin?
    private let factIndex: [String: Int]
    /// Each fact's description as it reads inside a sentence (`ConditionWords.lowerFirst`), made once:
    /// the assessment's advice names facts for every item.
    package let factsInWords: [String]
    private let treatmentIndex: [String: Int]

    init(facts: [FactDefinition], treatments: [Treatment], ancillaryPhrases: [String], context: ContextDeclarations,
         lexicon: ConceptLexicon = ConceptLexicon(), requestWords: [RequestWordKind: [String]] = [:],
         decisionPolicy: DecisionPolicy = .uncalibrated, measures: [MeasureDefinition] = [], files: [String]) {
        self.decisionPolicy = decisionPolicy
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
        factsInWords = facts.map { ConditionWords.lowerFirst($0.description) }
        var ti: [String: Int] = [:]
        for (i, t) in treatments.enumerated() { ti[t.id] = i }
        treatmentIndex = ti
        for t in treatments {
            for c in t.criteria { c.prepareJSON(treatment: t.id, factNames: c.allFacts.map { facts[$0].name }) }
        }
    }

    /// The rules a run used: their folder and a fingerprint of their content.
    public struct Origin: Sendable, Equatable {
        public var folder: String
        /// The first 12 hex digits of the FNV-1a 64 hash of every file's path (relative to the folder)
        /// and content, in sorted order: equal fingerprints, equal rules.
        public var fingerprint: String

        init(folder: String, files: [(relative: String, text: String)]) {
            self.folder = folder
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            // Over the bytes in place (the UTF-8 view's iterator was 20 instructions a byte).
            func fold(_ s: String) {
                var s = s
                s.withUTF8 { for b in $0 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
                h = (h ^ 0) &* 0x100_0000_01b3
            }
            for (path, text) in files.sorted(by: { $0.relative < $1.relative }) {
                fold(path)
                fold(text)
            }
            let hex = String(h, radix: 16)
            fingerprint = String((String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(12))
        }

        /// "Rules (3f9a1c0b7d2e)".
        public var description: String { "\(folder) (\(fingerprint))" }
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
    /// Makes what follows it in its sentence not a request now ("discussed", "pending", "declined"),
    /// until an ask word opens a new request ("we discussed the options and I will submit an RFA for …").
    case notNow = "not_now"
    /// Right after a treatment's name, makes the name a condition's: "sacroiliac joint dysfunction",
    /// "facet joint syndrome" (a problem list names what is treated, not what is asked for).
    case diagnosis
    /// Puts what follows it in its sentence on a condition, ask words included: "if she fails therapy
    /// we will request an ESI", "consider", "in the future".
    case condition
    /// Without an ask word, a treatment after it is what a plan's line talks about: "despite PT",
    /// "with the EMG results", "since the ESI".
    case about
    /// A credential after a name and a comma: the line is a signature, not a request ("Lena Matsuda, PT,
    /// DPT", "J. Ruiz, DC").
    case credential
}
