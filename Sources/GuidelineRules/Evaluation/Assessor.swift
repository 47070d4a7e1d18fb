import IMRParse

/// Evaluates criteria against facts under the decision policy (see `DecisionPolicy`).
package enum Assessor {
    /// - Parameters:
    ///   - treatments: the treatment, or every component of a bundle (any failing component fails it).
    ///   - edition: the day that picks the edition in force, and its source; nil: the newest criteria.
    package static func assess(_ treatments: [Treatment], facts: FactSet, book: RuleBook, edition: EditionDate?) -> Assessment {
        var facts = facts
        return assess(treatments, facts: &facts, book: book, edition: edition)
    }

    /// `assess`, trying values in `facts` in place for the smallest documentation (each trial puts
    /// the values back): copying every fact's value for it was a tenth of assessing.
    static func assess(_ treatments: [Treatment], facts: inout FactSet, book: RuleBook, edition editionDate: EditionDate?) -> Assessment {
        let requestDate = editionDate?.day
        // Results are read in place by index below: iterating them by value copied every field.
        var results: [CriterionResult] = []
        results.reserveCapacity(treatments.reduce(0) { $0 + $1.criteria.count })
        var statuses: [CriterionStatus] = []
        statuses.reserveCapacity(results.capacity)
        var roles: [CriterionRole] = []
        roles.reserveCapacity(results.capacity)
        // By index: a `Treatment` taken out of the array is copied, a dozen references retained and released.
        for t in treatments.indices {
            let treatmentInForce = inForce(treatments[t].window, requestDate)
            let id = treatments[t].id
            for criterion in treatments[t].criteria {
                results.append(evaluate(criterion, treatment: id, treatmentInForce: treatmentInForce, facts: facts, book: book, requestDate: requestDate))
                statuses.append(results[results.count - 1].status)
                roles.append(criterion.role)
            }
        }
        let outcome = book.decisionPolicy.decide(statuses, roles: roles)
        let basis = outcome.basis
        var missing: [String] = []
        for i in results.indices where statuses[i] == .undocumented {
            let advice = results[i].criterion.missing ?? results[i].criterion.text
            if !missing.contains(advice) { missing.append(advice) }
        }
        let change = basis == .undocumented || basis == .supporting ? smallestDocumentation(results, facts: &facts, book: book) : nil
        for i in results.indices where statuses[i] == .unmet {
            results[i].advice = adviceForUnmet(results[i].criterion, facts: &facts, book: book, date: requestDate)
        }
        // The results read their facts from the values as assessed (the trials above put theirs back).
        let assessed = AssessedFacts(book: book, facts: facts)
        for i in results.indices { results[i].assessed = assessed }
        return Assessment(treatments: treatments, results: results, decision: outcome.decision, basis: basis,
                          confidence: outcome.confidence, decidedBy: outcome.decidedBy.map { results[$0].criterion.id },
                          missingDocumentation: missing, documentationThatWouldChangeOutcome: change?.names,
                          documentationThatWouldChangeOutcomeInWords: change?.words, editionDate: editionDate)
    }

    /// What would meet an unmet criterion: the nearest value of a number the requester chooses (the
    /// visits, levels or quantity requested) that meets it, or, for a minimum on a time that passes
    /// (weeks since an injection), the date it is met. Each trial puts the value back.
    static func adviceForUnmet(_ c: Criterion, facts: inout FactSet, book: RuleBook, date: CalendarDay?) -> String? {
        for slot in c.requireFacts {
            // The value first, the definition's fields in place: a copy of the `FactDefinition` per
            // fact retained and released its strings and arrays.
            guard facts.plain[slot].tag == .number, let current = facts.plain[slot].number else { continue }
            let requesterCounts = book.facts[slot].requesterCounts, elapsed = book.facts[slot].elapsed
            guard requesterCounts != nil || elapsed else { continue }
            func meets(_ v: Double) -> Bool {
                facts.plain[slot] = .number(v)
                defer { facts.plain[slot] = .number(current) }
                return c.require.evaluate(facts) == .yes
            }
            if let counts = requesterCounts {
                // Fewer first (a limit exceeded), then more (a minimum not reached), up to a year's worth.
                // The guideline's limits are small numbers: fewer is looked for from 1,000 down, so that
                // an absurd request ("10000000 visits") costs a thousand checks, not ten million.
                let below = current.rounded(.down) - (current == current.rounded(.down) ? 1 : 0)
                let asked = ConditionWords.number(current)
                if let v = stride(from: min(below, Self.largestAdvisedCount), through: 0, by: -1).first(where: meets) {
                    return "a request for \(ConditionWords.number(v)) \(counts) would meet it (\(asked) requested)"
                }
                if let v = stride(from: current.rounded(.up) + 1, through: current + 52, by: 1).first(where: meets) {
                    return "a request for \(ConditionWords.number(v)) \(counts) would meet it (\(asked) requested)"
                }
            } else if elapsed, let v = stride(from: current.rounded(.up) + 1, through: current + 520, by: 1).first(where: meets) {
                let wait = v - current
                let unit = book.facts[slot].unit ?? "days"
                let days: Double = switch unit { case "weeks": 7; case "months": 30.44; case "years": 365.25; default: 1 }
                let when = date.map { ", on " + CalendarDay(dayNumber: $0.dayNumber + Int((wait * days).rounded(.up))).iso } ?? ""
                return "it would be met \(ConditionWords.number(wait)) \(unit) later\(when), when \(book.factsInWords[slot]) reaches \(ConditionWords.number(v))"
            }
        }
        return nil
    }

    /// The most of anything a counter-proposal names ("a request for 1000 visits would meet it").
    static let largestAdvisedCount = 1000.0

    static func inForce(_ window: DateWindow, _ date: CalendarDay?) -> Bool {
        if let date { return window.contains(date) }
        return window.to == nil  // no date: the edition in force now
    }

    static func evaluate(_ c: Criterion, treatment: String, treatmentInForce: Bool, facts: FactSet, book: RuleBook, requestDate: CalendarDay?) -> CriterionResult {
        var result = CriterionResult(criterion: c, treatment: treatment, status: .notApplicable)
        guard treatmentInForce, inForce(c.window, requestDate) else {
            result.whyNotApplicable = .otherEdition
            return result
        }
        if let when = c.when {
            let applies = when.evaluate(facts)
            if applies != .yes {
                result.whyNotApplicable = applies == .no ? .whenFalse : .whenUnknown
                result.recorded = .when
                return result
            }
        }
        if let unless = c.unless, unless.evaluate(facts) == .yes {
            result.whyNotApplicable = .unlessTrue
            result.recorded = .unless
            return result
        }
        let truth = c.require.evaluate(facts)
        result.status = truth == .yes ? .met : truth == .no ? .unmet : .undocumented
        result.recorded = .all
        return result
    }

    /// For each undocumented criterion, the fewest unknown facts that, documented with a favourable
    /// value, would make it met; their union (the outcome then turns Overturned, as nothing is unmet).
    /// Each as the fact's name and value (for programs) and in words (for people).
    static func smallestDocumentation(_ results: [CriterionResult], facts: inout FactSet, book: RuleBook) -> (names: [String], words: [String]) {
        var out: [String] = []
        var words: [String] = []
        for i in results.indices where results[i].status == .undocumented {
            let criterion = results[i].criterion
            let unknown = criterion.requireFacts.filter { !facts.plain[$0].isKnown }
            guard !unknown.isEmpty, unknown.count <= 10 else { continue }
            let candidates = unknown.map { slot in (slot, favourableValues(slot, in: criterion.require, book: book)) }
            // The same values as stored, for the trials.
            let stored = candidates.map { _, options in options.map { facts.stored($0) } }
            var found: [(Int, FactValue)]?
            // The subsets of each size in lexicographic order, made in place (one index list and one
            // assignment list for the whole search instead of arrays per subset).
            var subset: [Int] = []
            var assignment: [Int] = []
            subset.reserveCapacity(candidates.count)
            assignment.reserveCapacity(candidates.count)
            search: for size in 1...candidates.count {
                subset.removeAll(keepingCapacity: true)
                subset.append(contentsOf: 0..<size)
                while true {
                    assignment.removeAll(keepingCapacity: true)
                    assignment.append(contentsOf: repeatElement(0, count: size))
                    while true {
                        for (k, index) in subset.enumerated() {
                            facts.plain[candidates[index].0] = stored[index][assignment[k]]
                        }
                        let holds = criterion.require.evaluate(facts) == .yes
                        // Put back the value every candidate had: unknown.
                        for index in subset { facts.plain[candidates[index].0] = .unknown }
                        if holds {
                            found = subset.enumerated().map { k, index in (candidates[index].0, candidates[index].1[assignment[k]]) }
                            break search
                        }
                        var k = 0
                        while k < size {
                            assignment[k] += 1
                            if assignment[k] < candidates[subset[k]].1.count { break }
                            assignment[k] = 0
                            k += 1
                        }
                        if k == size { break }
                    }
                    guard nextSubset(&subset, of: candidates.count) else { break }
                }
            }
            for (slot, value) in found ?? [] {
                let name = book.facts[slot].name
                let described = book.factsInWords[slot]
                let text: String, said: String
                switch value {
                case .bool(true): (text, said) = (name, described)
                case .bool(false): (text, said) = ("\(name) = false", "no " + described)
                case .number(let d):
                    let hint = comparisonHint(slot, criterion.require) ?? "="
                    text = "\(name) \(hint) \(formatNumber(d))"
                    said = "\(described): \(hint == "≥" ? "at least " : hint == "≤" ? "at most " : "")\(formatNumber(d))"
                default: (text, said) = ("\(name) = \(value.json.compact)", "\(described): \(value.json.compact)")
                }
                if !out.contains(text) { out.append(text); words.append(said) }
            }
        }
        return (out, words)
    }

    private static func favourableValues(_ slot: Int, in c: Condition, book: RuleBook) -> [FactValue] {
        switch book.facts[slot].kind {
        case .bool: return [.bool(true), .bool(false)]
        case .number, .count:
            var numbers: [Double] = []
            func walk(_ c: Condition) {
                switch c {
                case .compareNumber(let i, _, let v) where i == slot: numbers += [v, v + 1, v - 1]
                case .compareSum(let slots, _, _, let v) where slots.contains(slot): numbers += [0, v, v - 1]
                case .memberNumber(let i, let vs) where i == slot: numbers += vs
                case .not(let inner): walk(inner)
                case .and(let parts), .or(let parts): parts.forEach(walk)
                default: break
                }
            }
            walk(c)
            return (numbers.isEmpty ? [1] : numbers).map { .number($0) }
        case .enumeration: return book.facts[slot].enumValues.map { .text($0) }
        default: return []
        }
    }

    private static func comparisonHint(_ slot: Int, _ c: Condition) -> String? {
        switch c {
        case .compareNumber(let i, let op, _) where i == slot: return op.rawValue == ">=" ? "≥" : op.rawValue == "<=" ? "≤" : op.rawValue
        case .not(let inner): return comparisonHint(slot, inner)
        case .and(let parts), .or(let parts): return parts.lazy.compactMap { comparisonHint(slot, $0) }.first
        default: return nil
        }
    }

    static func formatNumber(_ d: Double) -> String { ConditionWords.number(d) }

    /// The next `subset.count`-subset of `0..<n` after `subset` in lexicographic order (increasing
    /// indices), in place; false after the last.
    private static func nextSubset(_ subset: inout [Int], of n: Int) -> Bool {
        let k = subset.count
        var i = k - 1
        while i >= 0, subset[i] == n - k + i { i -= 1 }
        guard i >= 0 else { return false }
        subset[i] += 1
        for j in (i + 1)..<k { subset[j] = subset[j - 1] + 1 }
        return true
    }
}
