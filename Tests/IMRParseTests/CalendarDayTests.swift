import Testing
@testable import IMRParse

/// The one date type: day numbers and civil dates agree, impossible days are not days, ISO text
/// round-trips, and a letter's dates keep their roles (`documentDate` is the letter's date, else
/// its UR denial date).
@Suite struct CalendarDayTests {
    @Test func dayNumbersAndCivilDatesAgree() {
        #expect(CalendarDay(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CalendarDay(year: 1969, month: 12, day: 31)?.dayNumber == -1)
        #expect(CalendarDay(year: 2000, month: 3, day: 1)?.dayNumber == 11_017)
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            let d = CalendarDay(dayNumber: n)
            #expect(CalendarDay(year: d.year, month: d.month, day: d.day) == d)
        }
    }

    @Test func impossibleDaysAreNotDays() {
        #expect(CalendarDay(year: 2014, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 2016, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 2015, month: 4, day: 31) == nil)
        #expect(CalendarDay(year: 2015, month: 13, day: 1) == nil)
        #expect(CalendarDay(year: 2015, month: 1, day: 0) == nil)
    }

    @Test func isoRoundTrips() {
        #expect(CalendarDay(iso: "2009-12-03")?.iso == "2009-12-03")
        #expect(CalendarDay(iso: "2015-02-30") == nil)
        #expect(CalendarDay(iso: "2015-02") == nil)
        #expect(CalendarDay(iso: "yesterday") == nil)
        #expect(CalendarDay(dayNumber: CalendarDay(iso: "0999-01-05")!.dayNumber).iso == "999-01-05")
    }

    @Test func daysBetween() throws {
        let injury = try #require(CalendarDay(iso: "2012-05-01"))
        let service = try #require(CalendarDay(iso: "2015-05-01"))
        #expect(service.days(since: injury) == 1095)
        #expect(injury < service)
    }

    @Test func aClinicalDateIsADayOnlyWhenComplete() {
        #expect(ClinicalDate(year: 2011, month: 8).calendarDay == nil)
        #expect(ClinicalDate(year: 2011, month: 8, day: 2).calendarDay == CalendarDay(iso: "2011-08-02"))
    }

    @Test func theDocumentDateIsTheLetterDateElseTheDenialDate() throws {
        var d = Determination(source: "x", layout: .finalDetermination)
        #expect(d.documentDate == nil)
        d.urDenialDate = Located(try #require(CalendarDay(iso: "2014-01-02")), 0..<1)
        #expect(d.documentDate?.iso == "2014-01-02")
        d.letterDate = Located(try #require(CalendarDay(iso: "2014-03-04")), 0..<1)
        #expect(d.documentDate?.iso == "2014-03-04")
    }
}
