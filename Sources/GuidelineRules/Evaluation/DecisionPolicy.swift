import Foundation
import IMRParse

/// How the criteria's statuses and roles become a decision with a confidence, as a reviewer
/// weighs them (the model, in plain words, is in docs/prediction.md):
///
/// 1. A **decisive** criterion unmet → Upheld: the guideline makes it a condition and the record
///    shows it is not fulfilled.
/// 2. Else a decisive criterion undocumented → Upheld: the record does not show the condition, and
///    the burden of documentation is on the requester.
/// 3. Else (every decisive criterion met or not applicable) the **supporting** criteria are weighed
///    with the rest: Overturned when the probability below is at least one half, else Upheld.
///
/// The probability that the request is certified is a logistic function of what stands against it:
/// whether a decisive criterion is unmet (once, however many), how many decisive criteria are
/// undocumented, and how many supporting criteria are unmet and undocumented (each count capped at
/// three), with weights calibrated on real and blind outcomes (`scripts/calibrate.py`, written into
/// `Rules/decision.rules`). The confidence of a prediction is that probability for Overturned, one
/// minus it for Upheld, and never below one half: where the decision rule and the weights disagree
/// the prediction is uncertain, not confidently wrong. Below `uncertainBelow` it is labelled uncertain.
package struct DecisionPolicy: Sendable {
    /// Log-odds of certification: a base and one weight per (role, status).
    package var base: Double
    package var weights: [Key: Double] { didSet { against = Self.weightsAgainst(weights) } }
    /// The four weights of `Key.all`, read by every decision without hashing a key (an enum with
    /// String raw values hashes its raw value: four dictionary lookups were most of deciding).
    private var against: (decisiveUnmet: Double, decisiveUndocumented: Double, supportingUnmet: Double, supportingUndocumented: Double)
    /// Where the calibration comes from, for `rules explain` and the docs.
    package var source: String

    package struct Key: Hashable, Sendable {
        package var role: CriterionRole
        package var status: CriterionStatus
        package init(_ role: CriterionRole, _ status: CriterionStatus) {
            self.role = role
            self.status = status
        }
        /// "decisive_unmet": the name of the weight in `Rules/decision.rules`.
        package var name: String { role.rawValue + "_" + status.rawValue }
        /// What stands against a certification; met criteria add nothing beyond the base.
        package static let all: [Key] = [Key(.decisive, .unmet), Key(.decisive, .undocumented),
                                         Key(.supporting, .unmet), Key(.supporting, .undocumented)]
    }

    /// A confidence below this is labelled uncertain.
    package static let uncertainBelow = 0.65

    /// The weights used when the rule folder declares none: the decision rule alone, with
    /// confidences of a plain reading (each unmet or undocumented criterion halves the odds…).
    package static let uncalibrated = DecisionPolicy(
        base: 1.5,
        weights: [Key(.decisive, .unmet): -3.5, Key(.decisive, .undocumented): -1.5,
                  Key(.supporting, .unmet): -1.0, Key(.supporting, .undocumented): -0.4],
        source: "not calibrated (no 'confidence' declaration in the rules)")

    package init(base: Double, weights: [Key: Double], source: String) {
        self.base = base
        self.weights = weights
        self.source = source
        against = Self.weightsAgainst(weights)
    }

    private static func weightsAgainst(_ weights: [Key: Double]) -> (Double, Double, Double, Double) {
        (weights[Key(.decisive, .unmet)] ?? 0, weights[Key(.decisive, .undocumented)] ?? 0,
         weights[Key(.supporting, .unmet)] ?? 0, weights[Key(.supporting, .undocumented)] ?? 0)
    }

    package enum Basis: String, Sendable {
        case unmet = "a decisive criterion is unmet"
        case undocumented = "a decisive criterion is undocumented (the burden of documentation is on the requester)"
        case supporting = "the supporting criteria weigh against it"
        case allMet = "every decisive criterion is met"
    }

    package struct Outcome: Sendable {
        package var decision: Decision
        package var basis: Basis
        /// The probability of the predicted decision.
        package var confidence: Double
        /// The criteria that drove it (indices into the results).
        package var decidedBy: [Int]
    }

    /// The decision for criteria with these statuses and roles.
    package func decide(_ statuses: [CriterionStatus], roles: [CriterionRole]) -> Outcome {
        var decisiveUnmet: [Int] = [], decisiveUndocumented: [Int] = [], decisiveMet: [Int] = []
        var supportingUnmet: [Int] = [], supportingUndocumented: [Int] = [], supportingMet: [Int] = []
        for (i, s) in statuses.enumerated() {
            switch (roles[i], s) {
            case (.decisive, .unmet): decisiveUnmet.append(i)
            case (.decisive, .undocumented): decisiveUndocumented.append(i)
            case (.decisive, .met): decisiveMet.append(i)
            case (.supporting, .unmet): supportingUnmet.append(i)
            case (.supporting, .undocumented): supportingUndocumented.append(i)
            case (.supporting, .met): supportingMet.append(i)
            default: break
            }
        }
        let p = probability(decisiveUnmet: decisiveUnmet.count, decisiveUndocumented: decisiveUndocumented.count,
                            supportingUnmet: supportingUnmet.count, supportingUndocumented: supportingUndocumented.count)
        if !decisiveUnmet.isEmpty { return Outcome(decision: .upheld, basis: .unmet, confidence: max(0.5, 1 - p), decidedBy: decisiveUnmet) }
        if !decisiveUndocumented.isEmpty {
            return Outcome(decision: .upheld, basis: .undocumented, confidence: max(0.5, 1 - p), decidedBy: decisiveUndocumented)
        }
        if p >= 0.5 { return Outcome(decision: .overturned, basis: .allMet, confidence: p, decidedBy: decisiveMet.isEmpty ? supportingMet : decisiveMet) }
        return Outcome(decision: .upheld, basis: .supporting, confidence: 1 - p, decidedBy: supportingUnmet + supportingUndocumented)
    }

    /// P(certified) from the counts of what stands against it (see the type's comment).
    package func probability(decisiveUnmet: Int, decisiveUndocumented: Int, supportingUnmet: Int, supportingUndocumented: Int) -> Double {
        var logit = base
        logit += against.decisiveUnmet * Double(min(1, decisiveUnmet))
        logit += against.decisiveUndocumented * Double(min(3, decisiveUndocumented))
        logit += against.supportingUnmet * Double(min(3, supportingUnmet))
        logit += against.supportingUndocumented * Double(min(3, supportingUndocumented))
        return 1 / (1 + exp(-logit))
    }
}
