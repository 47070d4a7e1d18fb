import Testing
@testable import IMRParse

@Suite struct ValueScannerTests {
    static let scanner = ValueScanner(referenceYear: 2015)

    static func values(_ text: String, scanner: ValueScanner = scanner) -> [ClinicalValue] {
        let bytes = Array(text.utf8)
        let toks = Tokenizer.tokens(bytes, 0..<bytes.count)
        return scanner.scan(tokens: toks, bytes: bytes, range: 0..<toks.count).map(\.value)
    }

    @Test func percentages() {
        #expect(Self.values("at least 50% pain relief") == [.percent(50, upTo: nil)])
        #expect(Self.values("with the improvement (80%).") == [.percent(80, upTo: nil)])
        #expect(Self.values("provided 78-95% relief") == [.percent(78, upTo: 95)])
        #expect(Self.values("relief of 50% to 70%") == [.percent(50, upTo: 70)])
        #expect(Self.values("about fifty percent better") == [.percent(50, upTo: nil)])
        #expect(Self.values("twenty-five per cent") == [.percent(25, upTo: nil)])
    }

    /// A scale is named, not read: "(0-10)" before the scores, unless a unit makes it a range of values.
    @Test func scalesAreNotValues() {
        #expect(Self.values("Pain with meds (0-10): 4/10") == [.scale(from: 0, to: 10), .painScore(4, upTo: nil)])
        #expect(Self.values("rated 0 to 100") == [.scale(from: 0, to: 100)])
        #expect(Self.values("0-10% relief") == [.percent(0, upTo: 10)])
        #expect(Self.values("pain 0-10/10") != [.scale(from: 0, to: 10)])
    }

    /// "an eight", "a two": a score said as a noun; "a two week course" counts weeks.
    @Test func scoresAsNouns() {
        #expect(Self.values("the pain is an eight without the pills") == [.painScore(8, upTo: nil)])
        #expect(Self.values("brings it down to a two, she says") == [.painScore(2, upTo: nil)])
        #expect(Self.values("down to a 3 with Norco") == [.painScore(3, upTo: nil)])
        #expect(Self.values("from an eight down to a four") == [.painScore(8, upTo: nil), .painScore(4, upTo: nil)])
        #expect(Self.values("her pain is a six, which she tolerates") == [.painScore(6, upTo: nil)])
        #expect(Self.values("a two week course") == [.duration(weeks: 2, upTo: nil)])
        #expect(Self.values("lifts a ten pound box").allSatisfy { if case .painScore = $0 { false } else { true } })
    }

    @Test func durationsInWeeks() {
        #expect(Self.values("for six to eight weeks") == [.duration(weeks: 6, upTo: 8)])
        #expect(Self.values("6-8 weeks") == [.duration(weeks: 6, upTo: 8)])
        // A duration as an adjective, and an age, which is not one.
        #expect(Self.values("a 6-week course") == [.duration(weeks: 6, upTo: nil)])
        #expect(Self.values("a three-year history") == Self.values("three years"))
        #expect(Self.values("a 3-year history").count == 1 && Self.values("a 3-year history") == Self.values("3 years"))
        #expect(Self.values("61-year-old") == [.age(61)])
        #expect(Self.values("for three and a half weeks") == [.duration(weeks: 3.5, upTo: nil)])
        #expect(Self.values("for a week and a half") == [.duration(weeks: 1.5, upTo: nil)])
        guard case .duration(let w, nil)? = Self.values("relief for 2 months").first else { Issue.record("no duration"); return }
        #expect(abs(w - 8.69) < 0.01)
        guard case .duration(let d, nil)? = Self.values("lasting 3 days").first else { Issue.record("no duration"); return }
        #expect(abs(d - 3.0 / 7.0) < 0.001)
        #expect(Self.values("improved for a month") == [.duration(weeks: 4.345, upTo: nil)])
        #expect(Self.values("a 61 year old male").contains(.age(61)))
        #expect(!Self.values("a 61 year old male").contains { if case .duration = $0 { return true } else { return false } })
    }

    @Test func counts() {
        #expect(Self.values("after three injections") == [.count(3, upTo: nil, unit: "injection")])
        #expect(Self.values("following 3 lumbar ESIs") == [.count(3, upTo: nil, unit: "esi")])
        #expect(Self.values("allows for 8-10 sessions of therapy") == [.count(8, upTo: 10, unit: "session")])
        #expect(Self.values("into L5, S1 (x2)").contains(.count(2, upTo: nil, unit: nil)))
        #expect(Self.values("facet joint injections, L5-S1, times two").contains(.count(2, upTo: nil, unit: nil)))
        #expect(Self.values("series of three (3)") == [.count(3, upTo: nil, unit: "series")])
        // Visits done of those authorised: the first number; other counts keep their total.
        #expect(Self.values("completed 5 of 8 visits").first == .count(5, upTo: nil, unit: "visit"))
        #expect(!Self.values("2 of 3 ESIs helped").contains(.count(2, upTo: nil, unit: "esi")))
        #expect(Self.values("Norco 10/325 #90") == [.dose(mg: 10), .quantity(90)])
    }

    @Test func frequencyTimesDuration() {
        let v = Self.values("post injection physical therapy 3x2")
        #expect(v == [.frequency(perWeek: 3, weeks: 2)])
        #expect(v.first?.visits == 6)
        #expect(Self.values("three times per week for two weeks") == [.frequency(perWeek: 3, weeks: 2)])
        #expect(Self.values("2 times a week for 4 weeks") == [.frequency(perWeek: 2, weeks: 4)])
        #expect(Self.values("PT 2x/week x 6 weeks") == [.frequency(perWeek: 2, weeks: 6)])
        #expect(Self.values("chiropractic twice weekly") == [.frequency(perWeek: 2, weeks: nil)])
        #expect(Self.values("PT 2 x 6") == [.frequency(perWeek: 2, weeks: 6)])
        #expect(Self.values("a 3x2 cm lesion").isEmpty)
    }

    @Test func dosesAndDosing() {
        #expect(Self.values("gabapentin 300 mg three times daily") == [.dose(mg: 300), .dosesPerDay(3, upTo: nil)])
        #expect(Self.values("Norco 10/325 mg") == [.dose(mg: 10)])
        #expect(Self.values("10mg TID") == [.dose(mg: 10), .dosesPerDay(3, upTo: nil)])
        #expect(Self.values("two tablets a day") == [.dosesPerDay(2, upTo: nil)])
        #expect(Self.values("one tablet every six hours") == [.count(1, upTo: nil, unit: "tablet"), .dosesPerDay(4, upTo: nil)])
        #expect(Self.values("q4-6h as needed") == [.dosesPerDay(4, upTo: 6)])
        #expect(Self.values("q8h") == [.dosesPerDay(3, upTo: nil)])
        #expect(Self.values("fentanyl 25 mcg") == [.dose(mg: 0.025)])
        #expect(Self.values("Percocet 7.5/325") == [.dose(mg: 7.5)])
    }

    @Test func painScores() {
        #expect(Self.values("pain rated 6-7/10") == [.painScore(6, upTo: 7)])
        #expect(Self.values("rated as 7-\n\n8/10 with radiation") == [.painScore(7, upTo: 8)])
        #expect(Self.values("pain 8/10 without medication and 4/10 with") == [.painScore(8, upTo: nil), .painScore(4, upTo: nil)])
        #expect(Self.values("8 out of 10") == [.painScore(8, upTo: nil)])
    }

    @Test func dates() {
        func iso(_ s: String, _ scanner: ValueScanner = Self.scanner) -> [String] {
            Self.values(s, scanner: scanner).compactMap { if case .date(let d) = $0 { return d.iso } else { return nil } }
        }
        #expect(iso("injury on 12-3-09.") == ["2009-12-03"])
        #expect(iso("date of injury of 2/10/04") == ["2004-02-10"])
        #expect(iso("injury on 5/01/2012") == ["2012-05-01"])
        #expect(iso("performed 8/2011") == ["2011-08"])
        #expect(iso("for DOS 12/17/14") == ["2014-12-17"])
        #expect(iso("dated 01/21/2013 to 06/19/2013") == ["2013-01-21", "2013-06-19"])
        #expect(iso("injury on 12-3-\n\n09. On this date") == ["2009-12-03"])
        #expect(iso("on 2009-12-03") == ["2009-12-03"])
        #expect(iso("December 3, 2009 and August of 2013") == ["2009-12-03", "2013-08"])
        // The day first, as many offices write it; a day without a year is no date.
        #expect(iso("seen 3 August 2015, DOI 11 Feb. 2014") == ["2015-08-03", "2014-02-11"])
        #expect(iso("3 August, 2015") == ["2015-08-03"])
        #expect(iso("on 3 August the pain") == [])
        #expect(iso("surgery in 2011") == ["2011"])
        // Two-digit years: the nearest year not after the reference year.
        #expect(iso("on 3/4/20", ValueScanner(referenceYear: 2015)) == ["1920-03-04"])
        #expect(iso("on 3/4/14", ValueScanner(referenceYear: 2015)) == ["2014-03-04"])
        #expect(ValueScanner.resolve(twoDigitYear: 99, referenceYear: 2015) == 1999)
        // Not dates: invalid days, pain scores, strengths.
        #expect(iso("on 2/30/14").isEmpty)
        #expect(iso("pain 6/10").isEmpty)
        #expect(iso("Norco 10/325").isEmpty)
    }

    @Test func spineLevels() {
        func levels(_ s: String) -> [String] {
            Self.values(s).compactMap { if case .spineLevel(let l) = $0 { return l } else { return nil } }
        }
        #expect(levels("disc protrusion at L2-L3") == ["L2-L3"])
        #expect(levels("Left L2-3 transforaminal") == ["L2-L3"])
        #expect(levels("at right L4-5 and L5-S1") == ["L4-L5", "L5-S1"])
        #expect(levels("injections at L2, L3, L4, L5") == ["L2", "L3", "L4", "L5"])
        #expect(levels("sympathetic injection L2,3,4,5 (x3)") == ["L2", "L3", "L4", "L5"])
        #expect(levels("C5-6 and C6-7") == ["C5-C6", "C6-C7"])
        #expect(levels("injection into L5, S1") == ["L5", "S1"])
        #expect(levels("L4/5 and T12-L1") == ["L4-L5", "T12-L1"])
        #expect(levels("fusion L3-5") == ["L3-L4", "L4-L5"])
        #expect(levels("L5-1 disc") == ["L5-S1"])
        #expect(levels("L9 and C8 are not levels").isEmpty)
    }

    @Test func patientAndBody() {
        #expect(Self.values("is a 61 year old male") == [.age(61), .sex(.male)])
        #expect(Self.values("a 61-year-old woman") == [.age(61), .sex(.female)])
        #expect(Self.values("49 yo female") == [.age(49), .sex(.female)])
        #expect(Self.values("age 52") == [.age(52)])
        #expect(Self.values("left-sided L4-L5 disc herniation").first == .laterality(.left))
        #expect(Self.values("pain in both knees bilaterally") == [.bodyRegion(.knee), .laterality(.bilateral)])
        #expect(Self.values("low back and neck pain") == [.bodyRegion(.lumbar), .bodyRegion(.cervical)])
        #expect(Self.values("right shoulder") == [.laterality(.right), .bodyRegion(.shoulder)])
        #expect(Self.values("left ankle and foot") == [.laterality(.left), .bodyRegion(.ankleFoot), .bodyRegion(.ankleFoot)])
        #expect(Self.values("XR L-spine 4 views") .first == .bodyRegion(.lumbar))
        #expect(Self.values("C-spine MRI") == [.bodyRegion(.cervical)])
        #expect(Self.values("T spine films") == [.bodyRegion(.thoracic)])
    }

    @Test func tokenRangesPointAtTheText() {
        let source = SourceText(path: "t", string: "Café note: relief “80%” for six weeks — L4-5.")
        let clinical = ClinicalText(source: source, engine: ContextEngineTests.small)
        let found = Self.scanner.scan(clinical, tokens: 0..<clinical.tokens.count)
        #expect(found.map { clinical.text(ofTokens: $0.tokenRange) } == ["80%", "six weeks", "L4-5"])
    }
}
