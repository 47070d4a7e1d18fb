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
