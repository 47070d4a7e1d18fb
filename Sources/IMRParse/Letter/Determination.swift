/// One IMR final determination letter, parsed: who reviewed it, about whom, and each disputed item.
///
/// Every field remembers the byte range of the source it came from (`range`), so evidence found
/// later in the case summary or a rationale points into the letter itself.
public struct Determination: Sendable {
    public var source: String
    public var layout: LetterLayout
    public var reviewer = Reviewer()
    public var patient = Patient()
    /// Case number ("CM13-0012345"), when the letter gives one.
    public var caseNumber: Located<String>?
    /// Date the letter or the decision was issued (ISO 8601), when given.
    public var letterDate: Located<String>?
    /// Date of the utilization-review denial (ISO 8601), when given.
    public var urDenialDate: Located<String>?
    public var caseSummary: Located<String>?
    /// The case summary's byte range in pieces, without the page furniture inside it (see `narrativeRanges`).
    public var caseSummaryRanges: [Range<Int>] = []
    public var items: [DisputedItem] = []
    public var warnings: [String] = []

    public init(source: String, layout: LetterLayout) {
        self.source = source
        self.layout = layout
    }
}

/// A value found in a source text, with the byte range it was read from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var range: Range<Int>
    public init(_ value: Value, _ range: Range<Int>) {
        self.value = value
        self.range = range
    }
}

/// The letter layouts the parser knows, named as in the `format` field of `parse` output.
public enum LetterLayout: String, Sendable, CaseIterable {
    /// 2013 "Notice of Independent Medical Review Determination" with a numbered list of decisions.
    case notice2013 = "notice_2013"
    /// 2014–2015 "HOW THE IMR FINAL DETERMINATION WAS MADE … IMR ISSUES, DECISIONS AND RATIONALES".
    case finalDetermination = "final_determination"
    /// The same with a "Case Number: / Date Assigned: …" header and a credentials block.
    case finalDeterminationCaseHeader = "final_determination_case_header"
    /// "Final Determination Letter" with "UR Denial Date:", "DOCUMENTS REVIEWED", "IMR DECISION(S) AND RATIONALE(S)".
    case finalDeterminationLetter = "final_determination_letter"
    /// "MEDICAL PROFESSIONAL REVIEW" with "ISSUE AT DISPUTE:" and "RATIONALE FOR WHY …".
    case medicalProfessionalReview = "medical_professional_review"
    /// Not a recognised letter layout: read as whatever can be found, with a warning.
    case unknown = "unknown"
    /// Not a letter at all (a physician's draft, a progress note): read whole as one narrative.
    case narrative = "narrative"
}

/// The reviewer's qualifications as the letter states them.
public struct Reviewer: Sendable {
    public var specialty: Located<String>?
    public var subspecialty: Located<String>?
    public var licensure: [Located<String>] = []
    public init() {}
}

/// What the letter says about the injured worker.
public struct Patient: Sendable {
    public var age: Located<Int>?
    /// "male" or "female".
    public var sex: Located<String>?
    /// ISO 8601 date of injury.
    public var injuryDate: Located<String>?
    public init() {}
}

/// The IMR decision on one disputed item.
public enum Decision: String, Sendable, CaseIterable {
    /// The denial stands: the treatment is not medically necessary.
    case upheld = "Upheld"
    /// The denial is reversed: the treatment is medically necessary.
    case overturned = "Overturned"
}

/// One disputed treatment or service and the reviewer's decision on it.
public struct DisputedItem: Sendable {
    public var title: Located<String>
    public var decision: Located<Decision>?
    public var claimsAdministratorGuideline: GuidelineCitation?
    public var imrGuideline: GuidelineCitation?
    public var rationale: Located<String>?
    /// The rationale's byte range in pieces, without the page furniture inside it.
    public var rationaleRanges: [Range<Int>] = []
    public init(title: Located<String>) { self.title = title }
}

/// A guideline citation line: "Decision based on MTUS Chronic Pain … Page(s): 60, 111-113."
public struct GuidelineCitation: Sendable {
    public var text: String
    public var range: Range<Int>
    /// MTUS, ACOEM, ODG, Non-MTUS … in order of first mention.
    public var sources: [String]
    /// Pages expanded and sorted: "60, 111-113" → 60, 111, 112, 113.
    public var pages: [Int]
    public init(text: String, range: Range<Int>, sources: [String], pages: [Int]) {
        self.text = text
        self.range = range
        self.sources = sources
        self.pages = pages
    }
}
