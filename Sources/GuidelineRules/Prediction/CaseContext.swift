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
    /// What a parsed letter (or narrative) says about the case: its date, the patient's age and injury
    /// date. A narrative (a progress note) is dated by its "Date of visit:" / "Date of service:" /
    /// "Date:" line when it has one.
    public init(letter d: Determination, source: SourceText? = nil) {
        var date = (d.letterDate ?? d.urDenialDate).flatMap { CivilDate.parseISO($0.value) }
        if date == nil, d.layout == .narrative, let source { date = Self.visitDate(in: source) }
        self.init(letterDate: date,
                  patientAge: d.patient.age?.value,
                  injuryDate: d.patient.injuryDate.flatMap { CivilDate.parseISO($0.value) })
    }

    static let dateCues = ["date of visit", "visit date", "date of service", "date of exam", "date of examination",
                           "date of report", "report date", "date"].map(\.scanNeedle)

    /// The first full date written right after a dating cue ("Date of visit: 02/10/2015").
    static func visitDate(in source: SourceText) -> Int? {
        let bytes = source.bytes
        for cue in dateCues {
            var from = 0
            while from < bytes.count, let hit = TextScan.find(cue, in: bytes, from..<bytes.count) {
                from = hit.upperBound
                // Whole words only, followed by ':' or a space, and the date within a few bytes.
                guard hit.lowerBound == 0 || !TextScan.isAlnum(bytes[hit.lowerBound - 1]) else { continue }
                let window = hit.upperBound..<min(bytes.count, hit.upperBound + 24)
                let tokens = Tokenizer.tokens(bytes, window)
                for v in ValueScanner(referenceYear: ValueScanner.currentYear).scan(tokens: tokens, bytes: bytes, range: 0..<min(tokens.count, 8)) {
                    if case .date(let d) = v.value, let m = d.month, let day = d.day { return CivilDate.days(year: d.year, month: m, day: day) }
                }
            }
        }
        return nil
    }
}
