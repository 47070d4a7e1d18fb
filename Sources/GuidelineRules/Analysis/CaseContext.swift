import IMRParse

/// What is known about a case besides its narrative: the request text and the letter's header.
public struct CaseContext: Sendable {
    /// The request as submitted (an item's title, or `--request`).
    public var requestText: String?
    /// Where the request text sits in the source, when it is part of it (a letter's item title).
    public var requestRange: Range<Int>?
    /// The letter's date (day number), for the edition in force when the request gives no date.
    public var letterDate: Int?
    public var patientAge: Int?
    public var injuryDate: Int?

    public init(requestText: String? = nil, requestRange: Range<Int>? = nil, letterDate: Int? = nil,
                patientAge: Int? = nil, injuryDate: Int? = nil) {
        self.requestText = requestText
        self.requestRange = requestRange
        self.letterDate = letterDate
        self.patientAge = patientAge
        self.injuryDate = injuryDate
    }
}

extension CaseContext {
    /// What a parsed letter (or narrative) says about the case: its date, the patient's age and injury date.
    public init(letter d: Determination) {
        self.init(letterDate: (d.letterDate ?? d.urDenialDate).flatMap { CivilDate.parseISO($0.value) },
                  patientAge: d.patient.age?.value,
                  injuryDate: d.patient.injuryDate.flatMap { CivilDate.parseISO($0.value) })
    }
}
