/// A date as clinical text writes it, possibly without a day or month ("8/2011" → 2011-08): what
/// `ValueScanner` reads. Only a complete one is a day (`calendarDay`).
package struct ClinicalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var year: Int
    package var month: Int?
    package var day: Int?

    package init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601: "2009-12-03", "2011-08" or "2012".
    package var iso: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var s = String(year)
        if let m = month {
            s += "-" + two(m)
            if let d = day { s += "-" + two(d) }
        }
        return s
    }

    package var description: String { iso }

    /// The day, when the date has its month and day.
    package var calendarDay: CalendarDay? {
        guard let month, let day else { return nil }
        return CalendarDay(year: year, month: month, day: day)
    }

    package static func < (a: ClinicalDate, b: ClinicalDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }
}
