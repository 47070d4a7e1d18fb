import IMRParse

/// A checked, compiled condition over fact slots, evaluated in three-valued logic.
///
/// Names are resolved to fact indices and literals to typed constants once, by `RuleChecker`;
/// evaluating a case walks this small tree without allocating.
package indirect enum Condition: Sendable {
    case constant(Truth)
    case fact(Int)                              // a bool fact
    case not(Condition)
    case and([Condition])
    case or([Condition])
    case compareNumber(Int, Comparison, Double) // fact op number
    case compareFacts(Int, Comparison, Int)     // fact op fact (numbers or dates)
    case compareDate(Int, Comparison, CalendarDay)      // fact op day
    case equalsText(Int, String, Bool)          // enum/string fact == value (Bool: negated, i.e. !=)
    case memberText(Int, Set<String>)
    case memberNumber(Int, [Double])
    case known(Int)
    /// (sum of the facts + constant) op value; unknown when any fact is unknown.
    case compareSum([Int], Double, Comparison, Double)

    package enum Comparison: String, Sendable {
        case lt = "<", le = "<=", gt = ">", ge = ">=", eq = "==", ne = "!="

        package var flipped: Comparison {
            switch self { case .lt: .gt; case .le: .ge; case .gt: .lt; case .ge: .le; case .eq: .eq; case .ne: .ne }
        }

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self { case .lt: a < b; case .le: a <= b; case .gt: a > b; case .ge: a >= b; case .eq: a == b; case .ne: a != b }
        }
    }

    /// The condition over some values (tests and tools; assessing reads a `FactSet` in place).
    package func evaluate(_ values: [FactValue]) -> Truth {
        var facts = FactSet(count: 0)
        facts.values = values
        return evaluate(facts)
    }

    package func evaluate(_ facts: FactSet) -> Truth {
        facts.plain.withUnsafeBufferPointer { evaluate($0, facts) }
    }

    /// `evaluate` with the values read in place (`texts` only for a text value's words).
    private func evaluate(_ values: UnsafeBufferPointer<PlainFactValue>, _ texts: borrowing FactSet) -> Truth {
        switch self {
        case .constant(let t): return t
        case .fact(let i):
            if let b = values[i].bool { return Truth(b) }
            return .unknown
        case .not(let c): return !c.evaluate(values, texts)
        case .and(let parts):
            var result = Truth.yes
            for p in parts {
                result = result && p.evaluate(values, texts)
                if result == .no { return .no }
            }
            return result
        case .or(let parts):
            var result = Truth.no
            for p in parts {
                result = result || p.evaluate(values, texts)
                if result == .yes { return .yes }
            }
            return result
        case .compareNumber(let i, let op, let v):
            guard let a = values[i].number else { return .unknown }
            return Truth(op.holds(a, v))
        case .compareFacts(let i, let op, let j):
            guard let a = values[i].number, let b = values[j].number else { return .unknown }
            return Truth(op.holds(a, b))
        case .compareDate(let i, let op, let d):
            guard let a = values[i].day else { return .unknown }
            return Truth(op.holds(Double(a.dayNumber), Double(d.dayNumber)))
        case .equalsText(let i, let v, let negated):
            guard let t = values[i].textIndex else { return .unknown }
            return Truth((texts.text(t) == v) != negated)
        case .memberText(let i, let set):
            guard let t = values[i].textIndex else { return .unknown }
            return Truth(set.contains(texts.text(t)))
        case .memberNumber(let i, let numbers):
            guard let a = values[i].number else { return .unknown }
            return Truth(numbers.contains(a))
        case .known(let i):
            return Truth(values[i].isKnown)
        case .compareSum(let slots, let constant, let op, let v):
            var total = constant
            for i in slots {
                guard let a = values[i].number else { return .unknown }
                total += a
            }
            return Truth(op.holds(total, v))
        }
    }

    /// The fact slots this condition reads, in order of first use.
    package var factsUsed: [Int] {
        var out: [Int] = []
        collect(&out)
        return out
    }

    private func collect(_ out: inout [Int]) {
        func add(_ i: Int) { if !out.contains(i) { out.append(i) } }
        switch self {
        case .constant: break
        case .fact(let i), .compareNumber(let i, _, _), .compareDate(let i, _, _), .equalsText(let i, _, _),
             .memberText(let i, _), .memberNumber(let i, _), .known(let i): add(i)
        case .compareFacts(let i, _, let j): add(i); add(j)
        case .compareSum(let slots, _, _, _): slots.forEach(add)
        case .not(let c): c.collect(&out)
        case .and(let parts), .or(let parts): for p in parts { p.collect(&out) }
        }
    }
}
