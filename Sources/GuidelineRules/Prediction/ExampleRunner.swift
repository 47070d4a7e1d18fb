import IMRParse

/// Runs the examples that rule files carry (`imr-check rules test`, and `swift test`).
///
/// An example passes when the predicted decision, and every criterion status it names, match.
/// Facts come from the example's narrative `text` and `request` (through the same extractor as
/// real letters) and then from `given`, which overrides; `todo` examples report but never fail.
public struct ExampleRunner: Sendable {
    public struct Outcome: Sendable {
        public var treatment: String
        public var example: RuleExample
        public var passed: Bool
        public var predicted: Decision
        /// What differed, one line each.
        public var differences: [String]
        public var statuses: [String: CriterionStatus]
        public var isTodo: Bool { example.todo != nil }
    }

    public let analyzer: Analyzer
    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    public func run(_ example: RuleExample, of treatment: Treatment) -> Outcome {
        let source = SourceText(path: "\(example.file):\(example.line)", string: example.text ?? "")
        // The narrative's own header facts (age, date of injury) count, as in a real note.
        var context = example.text == nil ? CaseContext() : CaseContext(letter: LetterParser.parse(source), source: source)
        context.requestText = example.request
        context.requestDate = example.date
        var facts = analyzer.facts(in: source, regions: example.text == nil ? [] : [0..<source.bytes.count], context: context)
        for (slot, value) in example.given {
            facts.values[slot] = value
            facts.evidence[slot] = [FactEvidence(range: 0..<0, how: .given)]
        }
        let components = example.request.map { analyzer.recognizer.recognize($0).components.compactMap { analyzer.book.treatment($0) } } ?? []
        let treatments = components.first?.id == treatment.id ? components : [treatment]
        let assessment = Assessor.assess(treatments, facts: facts, book: analyzer.book,
                                         edition: example.date.map { EditionDate(day: $0, source: .requestDate) })
        var statuses: [String: CriterionStatus] = [:]
        for r in assessment.results { statuses[r.criterion.id] = r.status }
        var differences: [String] = []
        if assessment.decision != example.expect {
            let reasons = assessment.results.filter { $0.status == .unmet || $0.status == .undocumented }
                .map { "\($0.criterion.id) \($0.status.rawValue)" }
            differences.append("expected \(example.expect.rawValue), predicted \(assessment.decision.rawValue)"
                               + (reasons.isEmpty ? " (every applicable criterion met)" : " (\(reasons.joined(separator: ", ")))"))
        }
        for (id, expected) in example.statuses where statuses[id] != expected {
            differences.append("\(id): expected \(expected.rawValue), got \(statuses[id]?.rawValue ?? "absent")")
        }
        return Outcome(treatment: treatment.id, example: example, passed: differences.isEmpty, predicted: assessment.decision,
                       differences: differences, statuses: statuses)
    }

    public func runAll(matching filter: ((Treatment, RuleExample) -> Bool)? = nil) -> [Outcome] {
        var out: [Outcome] = []
        for t in analyzer.book.treatments {
            for e in t.examples where filter?(t, e) ?? true { out.append(run(e, of: t)) }
        }
        return out
    }

    /// Criteria that no (non-todo) example drives into a given status, per status.
    public func coverage(_ outcomes: [Outcome]) -> [(treatment: String, criterion: String, missing: [CriterionStatus])] {
        var out: [(String, String, [CriterionStatus])] = []
        // Only treatments whose examples ran (a `--run` filter narrows the report too).
        for t in analyzer.book.treatments where outcomes.contains(where: { $0.treatment == t.id }) {
            let mine = outcomes.filter { $0.treatment == t.id && !$0.isTodo }
            for c in t.criteria {
                let seen = Set(mine.compactMap { $0.statuses[c.id] })
                let wanted: [CriterionStatus] = c.when == nil && c.unless == nil ? [.met, .unmet] : [.met, .unmet, .notApplicable]
                let missing = wanted.filter { !seen.contains($0) }
                if !missing.isEmpty { out.append((t.id, c.id, missing)) }
            }
        }
        return out
    }
}
