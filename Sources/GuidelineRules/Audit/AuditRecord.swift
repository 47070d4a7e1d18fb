// Audit/ — auditing letters: the `AuditRecord` of an item (recorded against predicted, the criteria
// that drove it; its JSON fields and CSV row) and the running `AuditSummary`. Not here: the report
// and the text lines for people (imr-check Output/).

import Foundation
import IMRParse

/// The compact record of one audited item: what the summary and the HTML report need, and no
/// more, so a million items fit in running totals and a capped list of disagreements.
public struct AuditRecord: Sendable {
    /// A criterion that drove the prediction: unmet or undocumented (`drivers`), or met and deciding
    /// an Overturned prediction (`metDeciders`), with the words a report shows for it.
    public struct Driver: Sendable {
        public var criterion: String
        /// "unmet", "undocumented" or "met".
        public var status: String
        public var reason: String?
        public var citation: String
        /// The first evidence's text: kept for an item that does not agree, and for every item when
        /// the record was built with `Detail.all` (the HTML report).
        public var evidence: String?
        /// The criterion in the guideline's words (its `text`).
        public var text: String
        /// What to document when the criterion is undocumented.
        public var missing: String?
        /// "decisive" or "supporting".
        public var role: String?

        public init(criterion: String, status: String, reason: String?, citation: String, evidence: String?,
                    text: String = "", missing: String? = nil, role: String? = nil) {
            self.criterion = criterion
            self.status = status
            self.reason = reason
            self.citation = citation
            self.evidence = evidence
            self.text = text
            self.missing = missing
            self.role = role
        }
    }

    /// How much of an item a record keeps: the evidence of disagreements only (text lines, JSON
    /// Lines, CSV: what streams), or the evidence of every item and the met criteria that decided an
    /// Overturned prediction (the HTML report, which shows every item).
    public enum Detail: Sendable {
        case disagreements, all
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
    /// The met criteria among `decidedBy` (an Overturned prediction's), with their evidence; only
    /// with `Detail.all`.
    public var metDeciders: [Driver] = []
    /// Whether the confidence falls in the uncertain band (nil without a prediction).
    public var uncertain: Bool?
    /// The rules that predicted the item (nil when unknown, as in JSON Lines written before rules were named).
    public var rules: RuleBook.Origin?

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
    ///
    /// The letter, item, prediction and text are borrowed: an initializer's parameters are otherwise
    /// passed owned, and the audit copied all four for every item only to read a few fields.
    public init(letter d: borrowing Determination, item: borrowing DisputedItem, number: Int, prediction p: borrowing Prediction,
                source text: borrowing SourceText, detail: Detail = .disagreements) {
        // Statuses are read in place and only drivers copied: filter-then-map copied every result.
        var drivers: [Driver] = []
        let results = p.assessment?.results ?? []
        // A driver's evidence is shown only for an item that does not agree (text lines, the report's
        // disagreements); most items agree, and normalizing their evidence text was wasted.
        let recorded = item.decision?.value.rawValue, predicted = p.decision?.rawValue
        let keepEvidence = detail == .all || Self.agrees(recorded: recorded, predicted: predicted) != true
        var metDeciders: [Driver] = []
        for i in results.indices {
            switch results[i].status {
            case .unmet, .undocumented: drivers.append(Self.driver(results[i], quoting: keepEvidence, from: text))
            case .met where detail == .all && (p.assessment?.decidedBy.contains(results[i].criterion.id) ?? false):
                metDeciders.append(Self.driver(results[i], quoting: keepEvidence, from: text))
            default: break
            }
        }
        self.init(source: d.source, item: number, request: item.title.value,
                  treatment: p.assessment == nil ? nil : p.request.treatment,
                  recorded: recorded, predicted: predicted,
                  year: (d.documentDate ?? p.request.serviceDate)?.year, specialty: d.reviewer.specialty?.value,
                  guidelineSources: item.imrGuideline?.sources ?? [], drivers: drivers)
        confidence = p.assessment?.confidence
        decidedBy = p.assessment?.decidedBy ?? []
        uncertain = p.assessment?.isUncertain
        self.metDeciders = metDeciders
    }

    /// A result as a driver, its first evidence quoted from `text` when `quote` says so.
    private static func driver(_ r: CriterionResult, quoting quote: Bool, from text: borrowing SourceText) -> Driver {
        var evidence: String? = nil
        // The first counted evidence from the letter (`r.evidence`'s first), read in place.
        if quote, let assessed = r.assessed {
            for slot in r.recorded.slots(of: r.criterion) {
                var first: Range<Int>?
                _ = assessed.facts.evidence.contains(of: slot) { e in
                    guard e.counted, e.how != .request, e.how != .given else { return false }
                    first = e.range
                    return true
                }
                if let first { evidence = text.normalized(first); break }
            }
        }
        let c = r.criterion
        return Driver(criterion: c.id, status: r.status.rawValue, reason: c.reason, citation: c.citation.text, evidence: evidence,
                      text: c.text, missing: c.missing, role: c.role.rawValue)
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
        let decidedBy = json["decided_by"] as? [String] ?? []
        self.decidedBy = decidedBy
        uncertain = json["uncertain"] as? Bool
        if let r = json["rules"] as? [String: Any], let folder = r["folder"] as? String, let fingerprint = r["fingerprint"] as? String {
            rules = RuleBook.Origin(folder: folder, fingerprint: fingerprint)
        }
        var drivers: [Driver] = [], metDeciders: [Driver] = []
        for c in json["criteria"] as? [[String: Any]] ?? [] {
            guard let status = c["status"] as? String else { continue }
            let id = c["id"] as? String ?? ""
            guard status == "unmet" || status == "undocumented" || (status == "met" && decidedBy.contains(id)) else { continue }
            let evidence = (c["evidence"] as? [[String: Any]])?.first?["text"] as? String
            let d = Driver(criterion: id, status: status, reason: c["reason"] as? String, citation: c["citation"] as? String ?? "",
                           evidence: evidence, text: c["text"] as? String ?? "", missing: c["missing"] as? String, role: c["role"] as? String)
            if status == "met" { metDeciders.append(d) } else { drivers.append(d) }
        }
        self.drivers = drivers
        self.metDeciders = metDeciders
    }
}
