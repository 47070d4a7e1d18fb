import GuidelineRules
import IMRParse

/// How a parsed letter becomes cases for the rules: what the header says (letter date, patient)
/// and the year an audit files it under. Which regions are narrative is the letter's own
/// (`Determination.factRegions(in:)`, `itemRegions(_:)`).
enum LetterCase {
    static func context(_ d: Determination, _ text: SourceText? = nil) -> CaseContext { CaseContext(letter: d, source: text) }

    /// Year of the determination for the audit breakdown: the letter date, else the UR denial date,
    /// else the item's date of service.
    static func year(_ d: Determination, _ p: Prediction) -> Int? {
        (d.documentDate ?? p.request.serviceDate)?.year
    }
}
