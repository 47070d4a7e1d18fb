/// The facts a prediction reads: those the criteria of its treatments use (`Criterion.allFacts`).
///
/// No criterion judges another fact and no output of a prediction shows one (`predict` and `audit`
/// print each criterion's facts and evidence), so a scan made for predictions skips their mentions
/// (`FactExtractor.scan(source:regions:context:wanted:)`): it still lets their phrases hide a
/// shorter mention, so what it finds of the wanted facts is what a full scan finds.
package struct WantedFacts: Sendable {
    /// By fact slot.
    private(set) var slots: [Bool]
    /// Whether some fact is wanted (a request no rule covers wants none).
    private(set) var isEmpty = true

    init(count: Int) { slots = [Bool](repeating: false, count: count) }

    /// Adds some facts (a treatment's: see `byTreatment`).
    mutating func add(_ facts: [Int]) {
        for slot in facts {
            slots[slot] = true
            isEmpty = false
        }
    }

    /// By treatment id, the facts its criteria use, each once: made with the analyzer (a treatment
    /// taken out of the book per request retained its dozen arrays and strings).
    static func byTreatment(_ book: RuleBook) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for t in book.treatments {
            var facts: [Int] = []
            for c in t.criteria {
                for slot in c.allFacts where !facts.contains(slot) { facts.append(slot) }
            }
            out[t.id] = facts
        }
        return out
    }
}

/// What a scan reads: every fact, or the wanted ones. A protocol so that the scan of every fact is
/// compiled on its own (`FactExtractor.scan` is generic over it), its loop without the wanted test.
protocol FactChoice {
    /// By fact slot; nil for every fact.
    var wantedSlots: [Bool]? { get }
}

struct EveryFact: FactChoice {
    var wantedSlots: [Bool]? { nil }
}

extension WantedFacts: FactChoice {
    var wantedSlots: [Bool]? { slots }
}

extension Analyzer {
    /// The facts the criteria of `requests`' treatments use.
    func wantedFacts(_ requests: [ParsedRequest]) -> WantedFacts {
        var wanted = WantedFacts(count: book.facts.count)
        for r in requests {
            for f in r.families { if let facts = factsByTreatment[f] { wanted.add(facts) } }
        }
        return wanted
    }
}
