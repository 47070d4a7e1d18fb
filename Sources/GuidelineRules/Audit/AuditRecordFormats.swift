import IMRParse

/// The audit's fields in the JSON and CSV outputs (see `design.md`): the JSON object of an item is
/// its prediction's (`Prediction.writeJSON`) with these fields added; a CSV row is `csvFields`.
///
/// The rules that predicted the item are named in both: a `rules` object in JSON, and two columns
/// (`rules_folder`, `rules_fingerprint`) at the end of every CSV row rather than a comment line above
/// the header — spreadsheets and `read.csv`/pandas take the first line as the header and have no
/// comment syntax by default, and a column survives sorting, filtering and concatenating shards.
extension AuditRecord {
    /// The audit's fields of an item's JSON object, written between the prediction and its parsed request.
    package func writeJSONFields(item: DisputedItem, to w: inout JSONWriter) {
        w.key("item"); w.int(self.item)
        w.key("recorded"); w.string(recorded)
        w.key("agrees"); w.bool(agrees)
        w.key("year"); w.int(year)
        w.key("reviewer_specialty"); w.string(specialty)
        w.key("guideline_sources")
        w.beginArray()
        for s in guidelineSources { w.string(s) }
        w.endArray()
        w.key("imr_pages")
        w.beginArray()
        for page in item.imrGuideline?.pages ?? [] { w.int(page) }
        w.endArray()
        if let rules {
            w.key("rules")
            rules.writeJSON(to: &w)
        }
    }

    /// The columns of the audit's CSV output, in order.
    public static let csvColumns = ["source", "item", "request", "treatment", "components", "recorded", "predicted", "agrees",
                                    "unmet", "undocumented", "reasons", "year", "reviewer_specialty", "guideline_sources", "imr_pages",
                                    "confidence", "decided_by", "uncertain", "rules_folder", "rules_fingerprint"]

    /// The values of one CSV row (`csvColumns`), not yet escaped; lists are joined with ";".
    public func csvFields(prediction p: Prediction, item: DisputedItem) -> [String] {
        let results = p.assessment?.results ?? []
        let unmet = results.filter { $0.status == .unmet }.map(\.criterion.id)
        let undocumented = results.filter { $0.status == .undocumented }.map(\.criterion.id)
        let reasons = Array(Set(results.filter { $0.status == .unmet }.compactMap(\.criterion.reason))).sorted()
        return [source, String(self.item), request, treatment ?? "", p.request.components.joined(separator: ";"),
                recorded ?? "", predicted ?? "", agrees.map { $0 ? "true" : "false" } ?? "",
                unmet.joined(separator: ";"), undocumented.joined(separator: ";"), reasons.joined(separator: ";"),
                year.map(String.init) ?? "", specialty ?? "", guidelineSources.joined(separator: ";"),
                (item.imrGuideline?.pages ?? []).map(String.init).joined(separator: ";"),
                confidence.map { String((($0 * 100).rounded() / 100)) } ?? "", decidedBy.joined(separator: ";"),
                uncertain.map { $0 ? "true" : "false" } ?? "", rules?.folder ?? "", rules?.fingerprint ?? ""]
    }
}
