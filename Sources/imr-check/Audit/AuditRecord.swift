import Foundation
import IMRParse

/// The compact record of one audited item: what the summary and the HTML report need, and no
/// more, so a million items fit in running totals and a capped list of disagreements.
struct AuditRecord: Sendable {
    struct Driver: Sendable {
        var criterion: String
        var status: String
        var reason: String?
        var citation: String
        var evidence: String?
    }

    var source: String
    var item: Int
    var request: String
    var treatment: String?
    var recorded: String?
    var predicted: String?
    var year: Int?
    var specialty: String?
    var guidelineSources: [String]
    /// Unmet and undocumented criteria that drove the prediction.
    var drivers: [Driver]

    var agrees: Bool? { Self.agrees(recorded: recorded, predicted: predicted) }

    /// Whether the recorded and predicted decisions are the same; nil when either is missing.
    static func agrees(recorded: String?, predicted: String?) -> Bool? {
        guard let recorded, let predicted else { return nil }
        return recorded == predicted
    }

    /// Rebuilds a record from an audit JSON Lines object (for `audit --summary-from`).
    init?(json: [String: Any]) {
        guard let source = json["source"] as? String else { return nil }
        self.source = source
        item = json["item"] as? Int ?? 0
        request = json["request"] as? String ?? ""
        treatment = json["treatment"] as? String
        recorded = json["recorded"] as? String
        predicted = json["predicted"] as? String
        year = json["year"] as? Int
        specialty = json["reviewer_specialty"] as? String
        guidelineSources = json["guideline_sources"] as? [String] ?? []
        drivers = (json["criteria"] as? [[String: Any]] ?? []).compactMap { c in
            guard let status = c["status"] as? String, status == "unmet" || status == "undocumented" else { return nil }
            let evidence = (c["evidence"] as? [[String: Any]])?.first?["text"] as? String
            return Driver(criterion: c["id"] as? String ?? "", status: status, reason: c["reason"] as? String,
                          citation: c["citation"] as? String ?? "", evidence: evidence)
        }
    }

    init(source: String, item: Int, request: String, treatment: String?, recorded: String?, predicted: String?,
         year: Int?, specialty: String?, guidelineSources: [String], drivers: [Driver]) {
        self.source = source
        self.item = item
        self.request = request
        self.treatment = treatment
        self.recorded = recorded
        self.predicted = predicted
        self.year = year
        self.specialty = specialty
        self.guidelineSources = guidelineSources
        self.drivers = drivers
    }
}
