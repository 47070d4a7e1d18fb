// Dates/ — the one date type, `CalendarDay`, and reading dates from text: `DateParser` for the dates
// letters state (headers, dates of injury) and `ClinicalDate`, the possibly partial date the value
// scanner reads in clinical prose. Not here: which date plays which role in a case (GuidelineRules
// `CaseContext`, `EditionDate`).

import Foundation

/// A calendar day (proleptic Gregorian): the one date type of the project.
///
/// Every day the project computes with is one: a letter's date, its UR denial date, a date of injury
/// or of service, the request date given with `predict --date`, the bounds of a guideline edition
/// and a date fact's value. (A date as clinical text writes it may lack its day or month, "8/2011":
/// that is a `ClinicalDate`, which gives its `calendarDay` when it is complete.)
///
/// Stored as a day number (days since 1970-01-01), so comparing, hashing and subtracting are integer
/// operations and a value that holds one is a plain word; year, month and day are worked out with
/// Howard Hinnant's algorithms, without Foundation's calendars (fast and time-zone free).
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The day `year`-`month`-`day`; nil when there is no such day ("2014-02-30", month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let number = Self.dayNumber(year: year, month: month, day: day)
        guard Self.civil(number) == (year, month, day) else { return nil }
        dayNumber = number
    }

    /// Reads "YYYY-MM-DD"; nil when malformed or not a real day.
    public init?(iso s: String) {
        let parts = s.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var year: Int { Self.civil(dayNumber).year }
    public var month: Int { Self.civil(dayNumber).month }
    public var day: Int { Self.civil(dayNumber).day }

    /// ISO 8601: "2009-12-03".
    public var iso: String {
        let (y, m, d) = Self.civil(dayNumber)
        guard (1000...9999).contains(y) else {
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            return "\(y)-\(two(m))-\(two(d))"
        }
        // Four-digit years (every real one) digit by digit: interpolation was most of an assessment's edition note.
        return String(unsafeUninitializedCapacity: 10) { b in
            let digits = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10, -1, m / 10, m % 10, -1, d / 10, d % 10]
            for (k, digit) in digits.enumerated() { b[k] = digit < 0 ? UInt8(ascii: "-") : UInt8(48 + digit) }
            return 10
        }
    }

    public var description: String { iso }

    /// Days from `other` to this day (positive when this day is later).
    public func days(since other: CalendarDay) -> Int { dayNumber - other.dayNumber }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.dayNumber < b.dayNumber }

    /// Today in UTC: the reference for two-digit years in a request when nothing else dates the case.
    public static let today = CalendarDay(dayNumber: Int(Date().timeIntervalSince1970 / 86400))

    /// The current calendar year in local time, the reference for two-digit years when a text has no
    /// date of its own. Computed once: building a Calendar per letter was slow, and it serialised
    /// worker threads; the C library's local time gives the same year as a Gregorian `Calendar` in
    /// the current time zone, without the million-odd instructions of setting a Calendar up.
    public static let currentYear: Int = {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return Calendar(identifier: .gregorian).component(.year, from: Date()) }
        return Int(parts.tm_year) + 1900
    }()

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day number (Howard Hinnant's `civil_from_days`).
    static func civil(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
