import Testing
@testable import IMRParse

@Suite struct DateParserTests {
    func iso(_ s: String, _ year: Int = 2015) -> String? { DateParser.parse(s, referenceYear: year)?.iso }

    @Test func numericForms() {
        #expect(iso("2/10/04") == "2004-02-10")
        #expect(iso("5/01/2012") == "2012-05-01")
        #expect(iso("12-3-09") == "2009-12-03")
        #expect(iso("2014-03-17") == "2014-03-17")
        #expect(iso("03/14/2011") == "2011-03-14")
    }
    @Test func splitOverLines() {
        #expect(iso("12-3-\n\n09") == "2009-12-03")
        #expect(iso("12/17/\r\n2014") == "2014-12-17")
        // A space that is not a line break does not join a date.
        #expect(iso("12- 3-09") == nil)
    }
    @Test func monthNames() {
        #expect(iso("March 3, 2011") == "2011-03-03")
        #expect(iso("Dec. 19 2013") == "2013-12-19")
        #expect(iso("June 2nd, 2021") == "2021-06-02")
        #expect(iso("17 March 2014") == "2014-03-17")
        #expect(iso("March 2014") == nil)
    }
    @Test func twoDigitYearsResolveToTheNearestPastYear() {
        #expect(iso("11/02/98", 2015) == "1998-11-02")
        #expect(iso("11/02/15", 2015) == "2015-11-02")
        #expect(iso("11/02/16", 2015) == "1916-11-02")
        #expect(DateParser.resolve(twoDigitYear: 9, referenceYear: 2026) == 2009)
        #expect(DateParser.resolve(twoDigitYear: 27, referenceYear: 2026) == 1927)
    }
    @Test func impossibleDatesAreNotDates() {
        #expect(iso("2/30/14") == nil)
        #expect(iso("13/1/12") == nil)
        #expect(iso("2/29/2015") == nil)
        #expect(iso("2/29/2016") == "2016-02-29")
        #expect(iso("0/12/2014") == nil)
    }
    @Test func notPartOfSomethingElse() {
        #expect(iso("6-7/10") == nil)
        #expect(iso("1/2/3/4") == nil)
        #expect(iso("L4-5-12") == nil)
        let bytes = Array("pain rated 7-8/10 on 3/4/12 and L4-5".utf8)
        let found = DateParser.firstDate(in: bytes, 0..<bytes.count, referenceYear: 2015)
        #expect(found?.date.iso == "2012-03-04")
        #expect(found.map { String(decoding: bytes[$0.range], as: UTF8.self) } == "3/4/12")
    }
    @Test func firstDateSkipsNonDates() {
        let bytes = Array("MRI dated 3-25-12 showed a 3 mm protrusion".utf8)
        #expect(DateParser.firstDate(in: bytes, 0..<bytes.count, referenceYear: 2014)?.date.iso == "2012-03-25")
    }

    @Test func aFirstNumberAboveTwelveIsTheDay() {
        // British and Australian notes write the day first ("Date of injury 14/05/2015").
        #expect(iso("14/05/2015") == "2015-05-14")
        #expect(iso("05/14/2015") == "2015-05-14")
        #expect(iso("04/07/2015") == "2015-04-07")
    }
}
