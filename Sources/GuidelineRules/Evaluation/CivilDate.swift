/// Proleptic Gregorian dates as day numbers, without Foundation's calendars (fast and time-zone free).
public enum CivilDate {
    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
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

    public static func iso(days: Int) -> String {
        let (y, m, d) = civil(days: days)
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

    /// Parses "YYYY-MM-DD"; nil when malformed or not a real date.
    public static func parseISO(_ s: String) -> Int? {
        let parts = s.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let days = days(year: y, month: m, day: d)
        return civil(days: days) == (y, m, d) ? days : nil
    }
}
