/// A condition in plain words, from the facts' own descriptions: what `rules explain`, the text
/// checklist and the HTML report show instead of fact names and operators ("prior_esi_count >= 1"
/// reads "epidural injections the patient has had: at least 1").
package enum ConditionWords {
    package static func render(_ c: Condition, facts: [FactDefinition], top: Bool = true) -> String {
        func name(_ i: Int) -> String { lowerFirst(facts[i].description) }
        switch c {
        case .constant(let t): return t == .yes ? "always" : t == .no ? "never" : "unknown"
        case .fact(let i): return name(i)
        case .not(let inner):
            if case .fact(let i) = inner { return "no " + name(i) }
            return "not (" + render(inner, facts: facts, top: false) + ")"
        case .and(let parts):
            let s = parts.map { render($0, facts: facts, top: false) }.joined(separator: "; and ")
            return top ? s : "(" + s + ")"
        case .or(let parts):
            let s = parts.map { render($0, facts: facts, top: false) }.joined(separator: "; or ")
            return top ? s : "(" + s + ")"
        case .compareNumber(let i, let op, let v): return name(i) + ": " + phrase(op) + " " + number(v) + unit(facts[i])
        case .compareFacts(let i, let op, let j): return name(i) + ": " + phrase(op) + " " + name(j)
        case .compareDate(let i, let op, let d): return name(i) + ": " + datePhrase(op) + " " + d.iso
        case .equalsText(let i, let v, let negated): return name(i) + ": " + (negated ? "not " : "") + v.replacingUnderscores
        case .memberText(let i, let values): return name(i) + ": " + values.sorted().map(\.replacingUnderscores).joined(separator: " or ")
        case .memberNumber(let i, let values): return name(i) + ": " + values.map(number).joined(separator: " or ")
        case .known(let i): return name(i) + " (documented either way)"
        case .compareSum(let slots, let constant, let op, let v):
            let terms = slots.map(name) + (constant != 0 ? [number(constant)] : [])
            return terms.joined(separator: " plus ") + ": " + phrase(op) + " " + number(v)
        }
    }

    /// A number as people write it; an integer only where one can hold it (a fuzzed "1e20" stays 1e+20).
    static func number(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }

    static func phrase(_ op: Condition.Comparison) -> String {
        switch op { case .lt: "less than"; case .le: "at most"; case .gt: "more than"; case .ge: "at least"; case .eq: "exactly"; case .ne: "not" }
    }

    static func datePhrase(_ op: Condition.Comparison) -> String {
        switch op { case .lt: "before"; case .le: "on or before"; case .gt: "after"; case .ge: "on or after"; case .eq: "on"; case .ne: "not on" }
    }

    static func unit(_ f: FactDefinition) -> String {
        switch f.unit {
        case "percent"?: "%"
        case let u?: " " + u.replacingUnderscores
        case nil: ""
        }
    }

    static func lowerFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        // Keep acronyms and names ("MRI", "TENS", "NSAID") as written.
        let second = s.dropFirst().first
        if let second, second.isUppercase { return s }
        return first.lowercased() + s.dropFirst()
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
