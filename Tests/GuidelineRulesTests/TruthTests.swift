import Testing
import IMRParse
@testable import GuidelineRules

/// Kleene's strong three-valued logic, checked against its truth tables (as CQL ships conformance
/// tables): the operators must agree with the reference on every combination.
@Suite struct TruthTests {
    static let all: [Truth] = [.yes, .no, .unknown]

    /// Reference semantics: true = 1, unknown = ½, false = 0; and = min, or = max, not = 1 - x.
    static func rank(_ t: Truth) -> Int { t == .yes ? 2 : t == .unknown ? 1 : 0 }
    static func truth(_ r: Int) -> Truth { r == 2 ? .yes : r == 1 ? .unknown : .no }

    @Test(arguments: all, all) func andIsMinimum(a: Truth, b: Truth) {
        #expect((a && b) == Self.truth(min(Self.rank(a), Self.rank(b))))
    }

    @Test(arguments: all, all) func orIsMaximum(a: Truth, b: Truth) {
        #expect((a || b) == Self.truth(max(Self.rank(a), Self.rank(b))))
    }

    @Test(arguments: all) func notIsComplement(a: Truth) {
        #expect(!a == Self.truth(2 - Self.rank(a)))
    }

    @Test func explicitTable() {
        #expect((Truth.no && .unknown) == .no)
        #expect((Truth.yes && .unknown) == .unknown)
        #expect((Truth.yes || .unknown) == .yes)
        #expect((Truth.no || .unknown) == .unknown)
        #expect(!Truth.unknown == .unknown)
    }

    @Test func deMorganAndDistribution() {
        for a in Self.all { for b in Self.all { for c in Self.all {
            #expect(!(a && b) == (!a || !b))
            #expect((a && (b || c)) == ((a && b) || (a && c)))
        } } }
    }

    @Test func comparisonsWithUnknownAreUnknown() {
        let c = Condition.compareNumber(0, .ge, 50)
        #expect(c.evaluate([.unknown]) == .unknown)
        #expect(c.evaluate([.number(50)]) == .yes)
        #expect(c.evaluate([.number(49.9)]) == .no)
        #expect(Condition.fact(0).evaluate([.number(3)]) == .unknown)
        #expect(Condition.known(0).evaluate([.unknown]) == .no)
        #expect(Condition.memberText(0, ["left", "right"]).evaluate([.text("left")]) == .yes)
        #expect(Condition.equalsText(0, "left", true).evaluate([.text("left")]) == .no)
    }
}

/// The decision policy as a truth table over criterion statuses and roles.
@Suite struct DecisionPolicyTests {
    let policy = DecisionPolicy.uncalibrated

    @Test func decisiveCriteriaDecide() {
        let d = CriterionRole.decisive
        let cases: [([CriterionStatus], Decision, DecisionPolicy.Basis)] = [
            ([], .overturned, .allMet),
            ([.met], .overturned, .allMet),
            ([.met, .notApplicable], .overturned, .allMet),
            ([.notApplicable], .overturned, .allMet),
            ([.unmet], .upheld, .unmet),
            ([.met, .unmet], .upheld, .unmet),
            ([.undocumented, .unmet], .upheld, .unmet),
            ([.undocumented], .upheld, .undocumented),
            ([.met, .undocumented, .notApplicable], .upheld, .undocumented),
        ]
        for (statuses, decision, basis) in cases {
            let result = policy.decide(statuses, roles: statuses.map { _ in d })
            #expect(result.decision == decision, "\(statuses)")
            #expect(result.basis == basis, "\(statuses)")
        }
    }

    /// With every criterion decisive (no role written), the policy is the old one: unmet dominates,
    /// then undocumented; every combination of three statuses.
    @Test func allDecisiveIsThePlainPolicy() {
        let all = CriterionStatus.allCases
        for a in all { for b in all { for c in all {
            let s = [a, b, c]
            let expected: Decision = s.contains(.unmet) || s.contains(.undocumented) ? .upheld : .overturned
            #expect(policy.decide(s, roles: [.decisive, .decisive, .decisive]).decision == expected)
        } } }
    }

    /// A supporting criterion undocumented lowers the confidence of a certification, it does not decide.
    @Test func supportingCriteriaAreWeighed() {
        let met = policy.decide([.met, .met], roles: [.decisive, .supporting])
        let weaker = policy.decide([.met, .undocumented], roles: [.decisive, .supporting])
        #expect(met.decision == .overturned && weaker.decision == .overturned)
        #expect(weaker.confidence < met.confidence)
        #expect(weaker.decidedBy == [0])
        // Enough supporting criteria against it turn it.
        let many = policy.decide([.met, .unmet, .unmet, .unmet], roles: [.decisive, .supporting, .supporting, .supporting])
        #expect(many.decision == .upheld && many.basis == .supporting)
    }

    /// Confidence is a probability and the uncertain band sits in the middle.
    @Test func confidenceIsAProbability() {
        for s in CriterionStatus.allCases {
            for r in CriterionRole.allCases {
                let o = policy.decide([s], roles: [r])
                #expect(o.confidence >= 0.5 && o.confidence <= 1 || o.basis != .allMet, "\(s) \(r) \(o.confidence)")
                #expect(o.confidence > 0 && o.confidence < 1)
            }
        }
    }
}
