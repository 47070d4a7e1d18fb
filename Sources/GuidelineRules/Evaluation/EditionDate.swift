import IMRParse

/// The day that picks the guideline edition in force for a request, and where it came from (shown
/// in the assessment's edition note: "criteria in force on 2015-03-02 (date of service)").
public struct EditionDate: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// The date of service a (retrospective) request states.
        case serviceDate
        /// The request date the caller gave (`predict --date`, an example's `date`).
        case requestDate
        /// The document's own date: a letter's date or UR denial date, a note's visit date.
        case documentDate

        /// How the edition note names it.
        public var description: String {
            switch self {
            case .serviceDate: "date of service"
            case .requestDate: "the request date given with --date"
            case .documentDate: "the document's date"
            }
        }
    }

    public var day: CalendarDay
    public var source: Source

    public init(day: CalendarDay, source: Source) {
        self.day = day
        self.source = source
    }
}
