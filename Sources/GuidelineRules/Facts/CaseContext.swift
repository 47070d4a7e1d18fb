import IMRParse

/// What is known about a case besides its narrative: the request text, the dates and the patient.
///
/// Dates have named roles. `documentDate` is the document's own date and `requestDate` the date a
/// caller gives for the request (`predict --date`); the request is judged on `caseDate`, the request
/// date else the document's date. From it follow the edition in force (`editionDate(for:)`, a
/// request's own date of service first) and the year that two-digit years count back from
/// (`referenceYear`, `requestReferenceDay`).
public struct CaseContext: Sendable {
    /// The request as submitted (an item's title, or `--request`).
    public var requestText: String?
    /// Where the request text sits in the source, when it is part of it (a letter's item title).
    public var requestRange: Range<Int>?
    /// The document's own date: a letter's date, else its UR denial date (`Determination.documentDate`);
    /// a note's "Date of visit:" line.
    public var documentDate: CalendarDay?
    /// The date of the request as the caller gives it (`predict --date`, an example's `date`):
    /// the request is judged on it rather than on the document's date.
    public var requestDate: CalendarDay?
    public var patientAge: Int?
    public var injuryDate: CalendarDay?

    public init(requestText: String? = nil, requestRange: Range<Int>? = nil, documentDate: CalendarDay? = nil,
                requestDate: CalendarDay? = nil, patientAge: Int? = nil, injuryDate: CalendarDay? = nil) {
        self.requestText = requestText
        self.requestRange = requestRange
        self.documentDate = documentDate
        self.requestDate = requestDate
        self.patientAge = patientAge
        self.injuryDate = injuryDate
    }

    /// The day the request is judged on when it names no date of service: the request date, else
    /// the document's date.
    public var caseDate: EditionDate? {
        if let requestDate { return EditionDate(day: requestDate, source: .requestDate) }
        return documentDate.map { EditionDate(day: $0, source: .documentDate) }
    }

    /// The day that picks the guideline edition for `request`: its date of service, else `caseDate`.
    public func editionDate(for request: ParsedRequest?) -> EditionDate? {
        if let service = request?.serviceDate { return EditionDate(day: service, source: .serviceDate) }
        return caseDate
    }

    /// The day two-digit years in the request count back from: `caseDate`, else today.
    public var requestReferenceDay: CalendarDay { caseDate?.day ?? .today }

    /// The year two-digit years in the narrative count back from: of `caseDate`, else of the date of
    /// injury, else the current year (never more than a century back).
    public var referenceYear: Int {
        let year = (caseDate?.day ?? injuryDate)?.year ?? CalendarDay.currentYear
        return max(year, CalendarDay.currentYear - 100)
    }
}

extension CaseContext {
    /// What a parsed letter (or narrative) says about the case: its date, the patient's age and injury
    /// date. A narrative (a progress note) is dated by its "Date of visit:" / "Date of service:" /
    /// "Date:" line when it has one.
    public init(letter d: Determination, source: SourceText? = nil) {
        var date = d.documentDate
        if date == nil, d.layout == .narrative, let source { date = Self.visitDate(in: source) }
        self.init(documentDate: date, patientAge: d.patient.age?.value, injuryDate: d.patient.injuryDate?.value)
    }

    static let dateCues = ["date of visit", "visit date", "date of service", "date of exam", "date of examination",
                           "date of report", "report date", "date seen", "encounter date", "today's date", "seen today",
                           "seen on", "examined on", "evaluated on", "DOS", "date"].map(\.scanNeedle)
    /// Words after a bare "date" that make it some other date ("date of injury", "date of birth").
    static let otherDates = ["of", "injury", "birth", "DOI", "DOB"].map(\.scanNeedle)

    /// The date written right after a dating cue ("Date of visit: 02/10/2015", "seen today October 27
    /// 2014") — of the first cue in `dateCues` the text has, its latest occurrence: a file holding
    /// several visits (an urgent-care note, then the specialist's consultation) is dated by the last,
    /// where its requests are. A bare "Date" counts only as a header's field label. Else the latest full date of
    /// the text, since a note is written after what it records (a date of injury is never the visit's date).
    static func visitDate(in source: SourceText) -> CalendarDay? {
        let bytes = source.bytes
        let scanner = ValueScanner(referenceYear: CalendarDay.currentYear)
        let bareDate = dateCues.count - 1  // "date", the last and loosest cue
        for (k, cue) in dateCues.enumerated() {
            var from = 0
            var found: CalendarDay?
            while from < bytes.count, let hit = TextScan.find(cue, in: bytes, from..<bytes.count) {
                from = hit.upperBound
                // Whole words only, followed by ':' or a space, and the date within a few bytes.
                guard hit.lowerBound == 0 || !TextScan.isAlnum(bytes[hit.lowerBound - 1]),
                      hit.upperBound == bytes.count || !TextScan.isAlnum(bytes[hit.upperBound]) else { continue }
                if k == bareDate, !Self.opensField(hit.lowerBound, bytes) { continue }
                let window = hit.upperBound..<min(bytes.count, hit.upperBound + 24)
                let tokens = Tokenizer.tokens(bytes, window)
                if let first = tokens.first, otherDates.contains(where: { TextScan.match($0, in: bytes, at: Int(first.start), end: Int(first.end)) == Int(first.end) }) { continue }
                for v in scanner.scan(tokens: tokens, bytes: bytes, range: 0..<min(tokens.count, 8)) {
                    if case .date(let d) = v.value, let day = d.calendarDay {
                        if found.map({ day > $0 }) ?? true { found = day }
                        break
                    }
                }
            }
            if let found { return found }
        }
        let tokens = Tokenizer.tokens(bytes, 0..<bytes.count)
        var latest: CalendarDay?
        for v in scanner.scan(tokens: tokens, bytes: bytes, range: 0..<tokens.count) {
            if case .date(let d) = v.value, let day = d.calendarDay, day <= .today, latest.map({ day > $0 }) ?? true { latest = day }
        }
        return latest
    }

    /// Whether byte `at` opens a field of a header: at a line's start, or after a tab, two spaces or a "|".
    private static func opensField(_ at: Int, _ bytes: [UInt8]) -> Bool {
        var k = at - 1, spaces = 0
        while k >= 0, bytes[k] == 32 || bytes[k] == 9 { spaces += bytes[k] == 9 ? 2 : 1; k -= 1 }
        return k < 0 || bytes[k] == 10 || bytes[k] == 13 || bytes[k] == 124 || spaces >= 2
    }
}
