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
/// The probability that the request is certified is a logistic function of how many criteria of
/// each role stand in each status, with weights calibrated on real and blind outcomes
/// (`scripts/calibrate.py`, written into `Rules/decision.rules`). The confidence of a prediction is
/// that probability for Overturned, one minus it for Upheld; below `uncertainBelow` the prediction
/// is labelled uncertain.
package struct DecisionPolicy: Sendable {
    /// Log-odds of certification: a base and one weight per (role, status).
    package var base: Double
    package var weights: [Key: Double]
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
        package static let all: [Key] = [CriterionRole.decisive, .supporting].flatMap { r in
            [CriterionStatus.met, .unmet, .undocumented].map { Key(r, $0) }
        }
    }

    /// A confidence below this is labelled uncertain.
    package static let uncertainBelow = 0.65

    /// The weights used when the rule folder declares none: the decision rule alone, with
    /// confidences of a plain reading (each unmet or undocumented criterion halves the odds…).
    package static let uncalibrated = DecisionPolicy(
        base: 1.0,
        weights: [Key(.decisive, .met): 0.2, Key(.decisive, .unmet): -3.0, Key(.decisive, .undocumented): -1.5,
                  Key(.supporting, .met): 0.2, Key(.supporting, .unmet): -1.0, Key(.supporting, .undocumented): -0.4],
        source: "not calibrated (no 'confidence' declaration in the rules)")

    package init(base: Double, weights: [Key: Double], source: String) {
        self.base = base
        self.weights = weights
        self.source = source
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
        var logit = base
        var decisiveUnmet: [Int] = [], decisiveUndocumented: [Int] = [], decisiveMet: [Int] = []
        var supportingAgainst: [Int] = [], supportingMet: [Int] = []
        for (i, s) in statuses.enumerated() where s != .notApplicable {
            logit += weights[Key(roles[i], s)] ?? 0
            switch (roles[i], s) {
            case (.decisive, .unmet): decisiveUnmet.append(i)
            case (.decisive, .undocumented): decisiveUndocumented.append(i)
            case (.decisive, .met): decisiveMet.append(i)
            case (.supporting, .met): supportingMet.append(i)
            case (.supporting, _): supportingAgainst.append(i)
            default: break
            }
        }
        let p = 1 / (1 + exp(-logit))
        if !decisiveUnmet.isEmpty { return Outcome(decision: .upheld, basis: .unmet, confidence: 1 - p, decidedBy: decisiveUnmet) }
        if !decisiveUndocumented.isEmpty {
            return Outcome(decision: .upheld, basis: .undocumented, confidence: 1 - p, decidedBy: decisiveUndocumented)
        }
        if p >= 0.5 { return Outcome(decision: .overturned, basis: .allMet, confidence: p, decidedBy: decisiveMet.isEmpty ? supportingMet : decisiveMet) }
        return Outcome(decision: .upheld, basis: .supporting, confidence: 1 - p, decidedBy: supportingAgainst)
    }
}
