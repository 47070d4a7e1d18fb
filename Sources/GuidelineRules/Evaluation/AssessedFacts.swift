/// The facts an assessment judged, shared by all its criterion results: a result keeps which of its
/// criterion's fact lists its status rests on (`RecordedFacts`) and reads names, values and evidence
/// from here when asked. Making a `[FactReading]` and a `[FactEvidence]` for every result (and freeing
/// them with the prediction) was a third of assessing an item, for outputs that mostly never read them.
final class AssessedFacts: Sendable {
    let book: RuleBook
    let facts: FactSet

    init(book: RuleBook, facts: FactSet) {
        self.book = book
        self.facts = facts
    }

    /// The facts of `slots` with their values, in order.
    func readings(_ slots: [Int]) -> [FactReading] {
        slots.map { FactReading(name: book.facts[$0].name, value: facts[$0]) }
    }

    /// The counted evidence of `slots`, fact by fact in order.
    func countedEvidence(_ slots: [Int]) -> [FactEvidence] {
        guard !slots.isEmpty else { return [] }
        var evidence: [FactEvidence] = []
        evidence.reserveCapacity(slots.reduce(0) { $0 + facts.evidence.count(of: $1) })
        for slot in slots {
            facts.evidence.forEach(of: slot) { e in if e.counted { evidence.append(copy e) } }
        }
        return evidence
    }
}

/// Which of a criterion's fact lists a result's status rests on.
enum RecordedFacts: UInt8, Sendable {
    /// None: another edition is in force.
    case none
    /// `whenFacts`: its `when` is not shown true.
    case when
    /// `unlessFacts`: its `unless` is true.
    case unless
    /// `allFacts`: it applies.
    case all

    func slots(of c: Criterion) -> [Int] {
        switch self {
        case .none: []
        case .when: c.whenFacts
        case .unless: c.unlessFacts
        case .all: c.allFacts
        }
    }
}
