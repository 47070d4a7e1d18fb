import Foundation

/// Reads dates as letters write them: "12-3-09", "2/10/04", "5/01/2012", "2014-03-17",
/// "March 17, 2014", "17 March 2014" — including a date broken over a line ("12-3-\n\n09").
///
/// A two-digit year resolves to the nearest year not after `referenceYear` (the letter's own year
/// when it gives one, otherwise the current year): with 2015, "09" is 2009 and "98" is 1998.
/// Impossible dates ("2/30/14", "13/1/12") are not dates.
package enum DateParser {
    /// The day, when it is a real one of a year a letter can mean (1900–2199).
    static func day(year: Int, month: Int, day: Int) -> CalendarDay? {
        guard year >= 1900, year <= 2199 else { return nil }
        return CalendarDay(year: year, month: month, day: day)
    }

    /// Resolves a two-digit year to the nearest year not after `referenceYear`.
    package static func resolve(twoDigitYear yy: Int, referenceYear: Int) -> Int {
        var year = (referenceYear / 100) * 100 + yy
        if year > referenceYear { year -= 100 }
        return year
    }

    /// The date written at `start`, if one starts there, and the end of its text.
    package static func date(in bytes: [UInt8], at start: Int, end: Int, referenceYear: Int) -> (date: CalendarDay, end: Int)? {
        guard start < end else { return nil }
        if start > 0 {
            let p = bytes[start - 1]
            if TextScan.isAlnum(p) || p == 47 || p == 46 || (p == 45 && start > 1 && TextScan.isAlnum(bytes[start - 2])) { return nil }
        }
        let b = bytes[start]
        if TextScan.isDigit(b) {
            return numeric(bytes, at: start, end: end, referenceYear: referenceYear) ?? dayMonthYear(bytes, at: start, end: end)
        }
        if TextScan.isAlpha(b) { return monthDayYear(bytes, at: start, end: end) }
        return nil
    }

    /// The first date in `bytes[range]`, with the range of its text.
    package static func firstDate(in bytes: [UInt8], _ range: Range<Int>, referenceYear: Int) -> (date: CalendarDay, range: Range<Int>)? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = bytes[i]
            if TextScan.isAlnum(b), i == 0 || !TextScan.isAlnum(bytes[i - 1]) {
                if let (d, e) = date(in: bytes, at: i, end: end, referenceYear: referenceYear) { return (d, i..<e) }
            }
            i += 1
        }
        return nil
    }

    /// The date that a whole string holds (surrounding white space allowed).
    package static func parse(_ text: String, referenceYear: Int = CalendarDay.currentYear) -> CalendarDay? {
        let bytes = Array(text.utf8)
        let r = TextScan.trim(bytes, 0..<bytes.count)
        guard let (d, e) = date(in: bytes, at: r.lowerBound, end: r.upperBound, referenceYear: referenceYear),
              TextScan.trim(bytes, e..<r.upperBound).isEmpty else { return nil }
        return d
    }

    // MARK: Forms

    /// Reads up to `maxDigits` digits.
    private static func number(_ bytes: [UInt8], _ i: inout Int, _ end: Int, maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0, digits = 0
        while i < end, TextScan.isDigit(bytes[i]), digits < maxDigits + 1 {
            value = value * 10 + Int(bytes[i] - 48)
            digits += 1
            i += 1
        }
        guard digits > 0, digits <= maxDigits else { return nil }
        return (value, digits)
    }

    /// After a separator, white space is allowed only when it breaks the line (PDF wrapping).
    private static func skipLineBreak(_ bytes: [UInt8], _ i: inout Int, _ end: Int) {
        var j = i
        var sawBreak = false
        while j < end, TextScan.isSpace(bytes[j]) {
            if bytes[j] == 10 || bytes[j] == 13 || bytes[j] == 12 { sawBreak = true }
            j += 1
        }
        if sawBreak { i = j }
    }

    /// "12/3/09", "12-3-2009", "2009-12-03".
    private static func numeric(_ bytes: [UInt8], at start: Int, end: Int, referenceYear: Int) -> (CalendarDay, Int)? {
        var i = start
        guard let first = number(bytes, &i, end, maxDigits: 4), i < end else { return nil }
        let sep = bytes[i]
        guard sep == 47 || sep == 45 else { return nil }
        i += 1
        skipLineBreak(bytes, &i, end)
        guard let second = number(bytes, &i, end, maxDigits: 2), i < end, bytes[i] == sep else { return nil }
        i += 1
        skipLineBreak(bytes, &i, end)
        let third: (value: Int, digits: Int)
        if first.digits == 4 {
            guard let d = number(bytes, &i, end, maxDigits: 2) else { return nil }
            third = d
        } else {
            guard first.digits <= 2, let y = number(bytes, &i, end, maxDigits: 4), y.digits == 2 || y.digits == 4 else { return nil }
            third = y
        }
        // Not part of a longer run ("1/2/3/4", "12-3-09-5", "1/2/2012.5").
        if i < end, TextScan.isAlnum(bytes[i]) { return nil }
        if i + 1 < end, bytes[i] == sep || (bytes[i] == 46 && TextScan.isDigit(bytes[i + 1])), TextScan.isDigit(bytes[i + 1]) { return nil }
        let date: CalendarDay?
        if first.digits == 4 {
            date = day(year: first.value, month: second.value, day: third.value)
        } else {
            let year = third.digits == 2 ? resolve(twoDigitYear: third.value, referenceYear: referenceYear) : third.value
            // Month first, as American letters write; a first number above 12 with a four-digit year
            // is a day ("14/05/2015" in a British or Australian note; "13/1/12" stays no date).
            date = first.value > 12 && second.value <= 12 && third.digits == 4
                ? day(year: year, month: second.value, day: first.value)
                : day(year: year, month: first.value, day: second.value)
        }
        return date.map { ($0, i) }
    }

    private static let months: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
        ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("sept", 9), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
        ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ].map { ($0.0, $0.1) }
    private static let monthNeedles: [([UInt8], Int)] = months.map { (Array($0.0.utf8), $0.1) }

    /// A month name at `i` (whole word, optional "." after an abbreviation).
    private static func month(_ bytes: [UInt8], _ i: inout Int, _ end: Int) -> Int? {
        for (needle, value) in monthNeedles {
            guard i + needle.count <= end else { continue }
            var ok = true
            for (k, c) in needle.enumerated() where TextScan.lower(bytes[i + k]) != c { ok = false; break }
            guard ok else { continue }
            var j = i + needle.count
            if j < end, TextScan.isAlpha(bytes[j]) { continue }
            if needle.count <= 4, j < end, bytes[j] == 46 { j += 1 }
            i = j
            return value
        }
        return nil
    }

    private static func skipSpaces(_ bytes: [UInt8], _ i: inout Int, _ end: Int) -> Bool {
        let s = i
        while i < end, TextScan.isSpace(bytes[i]) { i += 1 }
        return i > s
    }

    /// "March 17, 2014", "Mar. 17 2014", "March 17th, 2014".
    private static func monthDayYear(_ bytes: [UInt8], at start: Int, end: Int) -> (CalendarDay, Int)? {
        var i = start
        guard let m = month(bytes, &i, end), skipSpaces(bytes, &i, end),
              let d = number(bytes, &i, end, maxDigits: 2) else { return nil }
        skipOrdinal(bytes, &i, end)
        if i < end, bytes[i] == 44 { i += 1 }
        guard skipSpaces(bytes, &i, end), let y = number(bytes, &i, end, maxDigits: 4), y.digits == 4 else { return nil }
        if i < end, TextScan.isAlnum(bytes[i]) { return nil }
        return day(year: y.value, month: m, day: d.value).map { ($0, i) }
    }

    /// "17 March 2014".
    private static func dayMonthYear(_ bytes: [UInt8], at start: Int, end: Int) -> (CalendarDay, Int)? {
        var i = start
        guard let d = number(bytes, &i, end, maxDigits: 2) else { return nil }
        skipOrdinal(bytes, &i, end)
        guard skipSpaces(bytes, &i, end), let m = month(bytes, &i, end) else { return nil }
        if i < end, bytes[i] == 44 { i += 1 }
        guard skipSpaces(bytes, &i, end), let y = number(bytes, &i, end, maxDigits: 4), y.digits == 4 else { return nil }
        if i < end, TextScan.isAlnum(bytes[i]) { return nil }
        return day(year: y.value, month: m, day: d.value).map { ($0, i) }
    }

    private static func skipOrdinal(_ bytes: [UInt8], _ i: inout Int, _ end: Int) {
        guard i + 1 < end else { return }
        let a = TextScan.lower(bytes[i]), b = TextScan.lower(bytes[i + 1])
        if (a == 115 && b == 116) || (a == 110 && b == 100) || (a == 114 && b == 100) || (a == 116 && b == 104) {
            if i + 2 >= end || !TextScan.isAlpha(bytes[i + 2]) { i += 2 }
        }
    }
}
