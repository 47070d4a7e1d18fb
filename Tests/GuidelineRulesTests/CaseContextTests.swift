import Testing
import IMRParse
@testable import GuidelineRules

/// The dates of a case in their roles: the edition is picked by a request's date of service, else
/// the request date the caller gives (`predict --date`), else the document's date — and the
/// assessment's edition note names which one it was.
@Suite struct CaseContextTests {
    static let document = CalendarDay(iso: "2015-02-10")!
    static let request = CalendarDay(iso: "2015-03-02")!

    @Test func editionDateRoles() {
        var context = CaseContext(documentDate: Self.document)
        #expect(context.editionDate(for: nil) == EditionDate(day: Self.document, source: .documentDate))
        context.requestDate = Self.request
        #expect(context.editionDate(for: nil) == EditionDate(day: Self.request, source: .requestDate))
        var parsed = ParsedRequest(text: "retro")
        parsed.serviceDate = CalendarDay(iso: "2014-12-17")
        #expect(context.editionDate(for: parsed)?.source == .serviceDate)
        #expect(CaseContext().editionDate(for: nil) == nil)
    }

    @Test func referenceYearFollowsTheCaseDate() {
        #expect(CaseContext(documentDate: Self.document).referenceYear == 2015)
        #expect(CaseContext(documentDate: Self.document, requestDate: CalendarDay(iso: "2013-01-01")).referenceYear == 2013)
        #expect(CaseContext(injuryDate: CalendarDay(iso: "2011-06-01")).referenceYear == 2011)
        #expect(CaseContext().referenceYear == CalendarDay.currentYear)
        #expect(CaseContext(documentDate: Self.document).requestReferenceDay == Self.document)
    }

    /// A note's date: the date after a dating cue, never a date of injury or birth that a bare "date"
    /// introduces; without a cue, the latest date of the note (a note is written after what it records).
    @Test func aNoteIsDatedByItsVisitNotByItsInjury() {
        func date(_ text: String) -> String? { CaseContext.visitDate(in: SourceText(path: "note", string: text)).map(\.description) }
        #expect(date("date of injury June 3 2013, seen today October 27 2014 for follow up") == "2014-10-27")
        #expect(date("Patient: J. C., DOI 11 February 2014\nDate: 3 August 2015\nHistory: back pain") == "2015-08-03")
        #expect(date("Injured 03/04/2012. MRI 05/06/2013 showed a protrusion. Seen again 01/15/2014.") == "2014-01-15")
        #expect(date("Low back pain, no dates at all.") == nil)
    }

    /// The bug fixed with the date roles: with `--date` the edition note said "the document's date".
    @Test func theEditionNoteNamesTheRequestDate() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let analyzer = Analyzer(book: book)
        let note = SourceText(path: "note", string: "Date of visit: 02/10/2015\nLow back pain radiating to the left leg.")
        var context = CaseContext(letter: LetterParser.parse(note), source: note)
        #expect(context.documentDate == Self.document)
        let byDocument = analyzer.predict("Lumbar ESI L4-5", source: note, regions: [0..<note.bytes.count], context: context)
        #expect(byDocument.assessment?.edition == "criteria in force on 2015-02-10 (the document's date)")
        context.requestDate = Self.request
        let byRequest = analyzer.predict("Lumbar ESI L4-5", source: note, regions: [0..<note.bytes.count], context: context)
        #expect(byRequest.assessment?.edition == "criteria in force on 2015-03-02 (the request date given with --date)")
    }
}
