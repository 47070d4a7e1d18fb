// Audit/ — auditing letters: the `AuditRecord` of an item (recorded against predicted, the criteria
// that drove it; its JSON fields and CSV row) and the running `AuditSummary`. Not here: the report
// and the text lines for people (imr-check Output/).

import Foundation
import IMRParse

/// The compact record of one audited item: what the summary and the HTML report need, and no
/// more, so a million items fit in running totals and a capped list of disagreements.
public struct AuditRecord: Sendable {
    /// An unmet or undocumented criterion that drove the prediction.
    public struct Driver: Sendable {
        public var criterion: String
        /// "unmet" or "undocumented".
        public var status: String
        public var reason: String?
        public var citation: String
        /// The first evidence's text, kept only for an item that does not agree.
        public var evidence: String?

        public init(criterion: String, status: String, reason: String?, citation: String, evidence: String?) {
            self.criterion = criterion
            self.status = status
            self.reason = reason
            self.citation = citation
            self.evidence = evidence
        }
    }

    public var source: String
    /// The item's number in its letter, from 1.
    public var item: Int
    public var request: String
    public var treatment: String?
    public var recorded: String?
    public var predicted: String?
    /// The year the audit files the item under (see `init(letter:item:number:prediction:source:)`).
    public var year: Int?
    public var specialty: String?
    public var guidelineSources: [String]
    /// Unmet and undocumented criteria that drove the prediction.
    public var drivers: [Driver]
    /// The probability of the predicted decision (nil without a prediction): for a disagreement, how
    /// strongly the criteria point the other way from the recorded decision.
    public var confidence: Double?
    /// The criteria that drove the prediction (ids).
    public var decidedBy: [String] = []

    public var agrees: Bool? { Self.agrees(recorded: recorded, predicted: predicted) }

    /// Whether the recorded and predicted decisions are the same; nil when either is missing.
    public static func agrees(recorded: String?, predicted: String?) -> Bool? {
        guard let recorded, let predicted else { return nil }
        return recorded == predicted
    }

    public init(source: String, item: Int, request: String, treatment: String?, recorded: String?, predicted: String?,
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

    /// The record of item `number` (from 1) of `letter`, predicted as `prediction`; `source` is the
    /// letter's text (a disagreeing item's drivers quote their first evidence from it).
    ///
    /// The year is the letter's own date (`Determination.documentDate`), else the item's date of service.
    public init(letter d: Determination, item: DisputedItem, number: Int, prediction p: Prediction, source text: SourceText) {
        // Statuses are read in place and only drivers copied: filter-then-map copied every result.
        var drivers: [Driver] = []
        let results = p.assessment?.results ?? []
        // A driver's evidence is shown only for an item that does not agree (text lines, the report's
        // disagreements); most items agree, and normalizing their evidence text was wasted.
        let recorded = item.decision?.value.rawValue, predicted = p.decision?.rawValue
        let agrees = Self.agrees(recorded: recorded, predicted: predicted) == true
        for i in results.indices where results[i].status == .unmet || results[i].status == .undocumented {
            let r = results[i]
            let evidence = agrees ? nil : r.evidence.first(where: { $0.how != .request && $0.how != .given }).map { text.normalized($0.range) }
            drivers.append(Driver(criterion: r.criterion.id, status: r.status.rawValue, reason: r.criterion.reason,
                                  citation: r.criterion.citation.text, evidence: evidence))
        }
        self.init(source: d.source, item: number, request: item.title.value,
                  treatment: p.assessment == nil ? nil : p.request.treatment,
                  recorded: recorded, predicted: predicted,
                  year: (d.documentDate ?? p.request.serviceDate)?.year, specialty: d.reviewer.specialty?.value,
                  guidelineSources: item.imrGuideline?.sources ?? [], drivers: drivers)
        confidence = p.assessment?.confidence
        decidedBy = p.assessment?.decidedBy ?? []
    }

    /// Rebuilds a record from an audit JSON Lines object (for `audit --summary-from`).
    public init?(json: [String: Any]) {
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
        confidence = (json["confidence"] as? NSNumber)?.doubleValue
        decidedBy = json["decided_by"] as? [String] ?? []
        drivers = (json["criteria"] as? [[String: Any]] ?? []).compactMap { c in
            guard let status = c["status"] as? String, status == "unmet" || status == "undocumented" else { return nil }
            let evidence = (c["evidence"] as? [[String: Any]])?.first?["text"] as? String
            return Driver(criterion: c["id"] as? String ?? "", status: status, reason: c["reason"] as? String,
                          citation: c["citation"] as? String ?? "", evidence: evidence)
        }
    }
}
