import Testing
import IMRParse
@testable import GuidelineRules

/// Advice for unmet criteria: the nearest request that would meet a limit, the date a wait is over,
/// and plain words instead of fact names where a criterion does not apply.
@Suite struct AdviceTests {
    static let rules = """
    treatment physical_therapy "PT"
      requests "physical therapy", "PT"
      cites "MTUS" page 99
    fact prior_pt_visits count "Physical therapy visits already had"
      events "physical therapy visit"
    fact requested_visits count "Visits requested" hook requested_visits
    fact weeks_since_surgery number weeks "Weeks since the surgery"
      near "weeks since surgery"
      elapsed
    criterion pt.visits "At most 10 visits in all"
      require prior_pt_visits + requested_visits <= 10
      missing "the visits already had"
    criterion pt.wait "Six weeks after surgery"
      when prior_pt_visits >= 1 "a course after earlier therapy"
      require weeks_since_surgery >= 6
      missing "the date of surgery"
    example "a" expect Overturned
      given prior_pt_visits = 2, requested_visits = 4, weeks_since_surgery = 8
    example "b" expect Upheld
      given prior_pt_visits = 8, requested_visits = 12, weeks_since_surgery = 8
    """

    func assess(prior: Double, requested: Double, weeks: Double) throws -> Assessment {
        let book = try RuleTestSupport.book(Self.rules)
        var facts = FactSet(count: book.facts.count)
        facts.values[book.factSlot("prior_pt_visits")!] = .number(prior)
        facts.values[book.factSlot("requested_visits")!] = .number(requested)
        facts.values[book.factSlot("weeks_since_surgery")!] = .number(weeks)
        return Assessor.assess(book.treatments, facts: facts, book: book, edition: EditionDate(day: CalendarDay(year: 2015, month: 3, day: 2)!, source: .documentDate))
    }

    @Test func aLimitExceededSaysWhatWouldMeetIt() throws {
        let a = try assess(prior: 8, requested: 12, weeks: 8)
        #expect(a.results[0].status == .unmet)
        #expect(a.results[0].advice == "a request for 2 visits would meet it (12 requested)")
    }

    /// An absurd request (a fuzzed "10000000000000 visits", or one too large for an integer) gets its
    /// advice from a bounded search, not a walk down from the request (which hung for minutes).
    @Test func anAbsurdRequestIsAdvisedAtOnce() throws {
        let a = try assess(prior: 8, requested: 1e13, weeks: 8)
        #expect(a.results[0].advice == "a request for 2 visits would meet it (10000000000000 requested)")
        let b = try assess(prior: 8, requested: 1e20, weeks: 8)
        #expect(b.results[0].advice == "a request for 2 visits would meet it (1e+20 requested)")
    }

    @Test func aWaitSaysWhenItIsOver() throws {
        let a = try assess(prior: 2, requested: 4, weeks: 4)
        #expect(a.results[1].status == .unmet)
        #expect(a.results[1].advice == "it would be met 2 weeks later, on 2015-03-16, when weeks since the surgery reaches 6")
    }

    @Test func notApplicableInPlainWords() throws {
        let a = try assess(prior: 0, requested: 4, weeks: 4)
        #expect(a.results[1].note == "applies only to a course after earlier therapy")
        #expect(a.results[0].advice == nil)
    }
}
