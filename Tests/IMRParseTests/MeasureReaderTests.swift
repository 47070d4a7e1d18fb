import Testing
@testable import IMRParse

/// `MeasureReader`: values of a measure with their comparison, in every wording of the brief and
/// their opposites, with the offsets of each value.
@Suite struct MeasureReaderTests {
    static let pain = 0, motion = 1, disability = 2, tolerance = 3
    static let reader = MeasureReader(measures: [
        .init(words: ["pain", "VAS", "NRS", "pain score", "pain level", "rated"], units: [.score], scale: 10),
        .init(words: ["flexion", "extension", "abduction", "rotation", "range of motion", "ROM"], units: [.degrees]),
        .init(words: ["Oswestry", "ODI", "NDI", "QuickDASH", "DASH", "disability index"], units: [.score, .percent]),
        .init(words: ["walk", "walking", "sit", "sitting", "stand", "standing", "lift", "lifting", "carry", "grip"],
              units: [.time, .weight, .distance]),
    ], medicationWords: ["medication", "medications", "meds", "medicine", "dose", "Norco", "Percocet", "tramadol", "Tylenol"])

    /// (measure, comparison, first, second) of each statement.
    static func read(_ text: String) -> [(Int, MeasureComparison, Double?, Double?)] {
        reader.read(text).statements.map { ($0.measure, $0.comparison, $0.first?.number, $0.second?.number) }
    }

    static func pairs(_ text: String) -> [(Int, MeasureComparison, Double, Double)] {
        reader.read(text).statements.compactMap { s in
            guard let a = s.first, let b = s.second else { return nil }
            return (s.measure, s.comparison, a.number, b.number)
        }
    }

    static func expectPair(_ text: String, _ measure: Int, _ comparison: MeasureComparison, _ first: Double, _ second: Double,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let found = pairs(text)
        #expect(found.count == 1, "\(text): \(found)", sourceLocation: sourceLocation)
        guard let p = found.first else { return }
        #expect(p.0 == measure && p.1 == comparison && p.2 == first && p.3 == second, "\(text): \(p)", sourceLocation: sourceLocation)
    }

    // MARK: With and without the medication

    @Test func withAndWithout() {
        Self.expectPair("Pain 9/10 without Norco and 4/10 with it.", Self.pain, .medication, 9, 4)
        Self.expectPair("9/10 without Norco and 4/10 with it.", Self.pain, .medication, 9, 4)
        Self.expectPair("Pain: 8/10 w/o meds, 3/10 w/ meds.", Self.pain, .medication, 8, 3)
        Self.expectPair("Pain: 8/10 without, 4/10 with", Self.pain, .medication, 8, 4)
        Self.expectPair("Pt reports the Norco 'takes the edge off' - VAS 8 without, 5 with.", Self.pain, .medication, 8, 5)
        Self.expectPair("The most recent PR-2 indicates pain of 8/10 without medications and 5/10 with medications.", Self.pain, .medication, 8, 5)
        Self.expectPair("Without medication, pain is 9/10, and with medication it is 4/10.", Self.pain, .medication, 9, 4)
        Self.expectPair("Pain 4/10 with meds, 8/10 without.", Self.pain, .medication, 8, 4)
        Self.expectPair("Walking 10 minutes without medication and 30 minutes with it.", Self.tolerance, .medication, 10, 30)
        Self.expectPair("Pain is 3/10 when medicated versus 8/10 unmedicated.", Self.pain, .medication, 8, 3)
        Self.expectPair("Pain levels: with meds 3/10, without meds 8/10.", Self.pain, .medication, 8, 3)
        Self.expectPair("VAS 8/10 pre-medication and 3/10 post-medication.", Self.pain, .medication, 8, 3)
        Self.expectPair("Pain is a 3/10 with Norco, compared to 8/10 without.", Self.pain, .medication, 8, 3)
        Self.expectPair("Pain 8/10 without the medication, 4/10 about 40 minutes after a dose.", Self.pain, .medication, 8, 4)
        Self.expectPair("On it his back pain is 3/10; on weekends when he has tried skipping it the pain climbs to 7/10 by afternoon.",
                        Self.pain, .medication, 7, 3)
        Self.expectPair("Her pain with the medication is four out of ten and without it, for example on the morning before her first dose, it is eight out of ten.",
                        Self.pain, .medication, 8, 4)
    }

    @Test func withAndWithoutOpposites() {
        // The same value both ways.
        Self.expectPair("Pain unchanged at 8/10 with or without medication.", Self.pain, .medication, 8, 8)
        // Worse with than without is still a pair (the rules judge the direction).
        Self.expectPair("Pain 6/10 without medication and 7/10 with it.", Self.pain, .medication, 6, 7)
    }

    @Test func oneSideAlone() {
        #expect(Self.read("Without medication, pain is 9/10.").map { "\($0.2 as Any)|\($0.3 as Any)" } == ["Optional(9.0)|nil"])
        #expect(Self.read("Reports pain of 3/10 with the medication.").map { "\($0.2 as Any)|\($0.3 as Any)" } == ["nil|Optional(3.0)"])
        #expect(Self.read("Unmedicated pain 9/10 per pt.").map(\.2) == [9])
        #expect(Self.read("When he skips a dose the pain climbs back to 7/10 within a few hours.").map(\.2) == [7])
        #expect(Self.read("When she runs out of the Percocet early her pain is 8-9/10.").map(\.2) == [8])
        #expect(Self.read("Pain after taking his tramadol is about 2/10; onset of relief in 30 minutes.").map(\.3) == [2])
        // "with" before something else than a medication is no side.
        #expect(Self.read("Pain 7/10 with prolonged sitting.").isEmpty)
        #expect(Self.read("Pain 5/10, worse with stairs and standing.").isEmpty)
        #expect(Self.read("She rates her pain 6/10 on average and 8/10 at worst.").isEmpty)
        // The edge "off" is no medication.
        #expect(Self.read("The Norco takes the edge off, pain 6/10.").isEmpty)
        // A table's cell border ends a clause: a header cell's cue reaches no other cell.
        #expect(Self.read("Pain (NRS): current 5 | best 3 | worst 9 | without meds 7.").allSatisfy { $0.2 != 9 })
    }

    // MARK: Before and after

    @Test func beforeAndAfter() {
        Self.expectPair("With the medication her pain drops from 9/10 to 4/10.", Self.pain, .time, 9, 4)
        Self.expectPair("VAS 8 → 3", Self.pain, .time, 8, 3)
        Self.expectPair("VAS 8->3 after the injection", Self.pain, .time, 8, 3)
        Self.expectPair("Pain reduced to 4/10 from 8/10.", Self.pain, .time, 8, 4)
        Self.expectPair("Pain was 8/10, now 4/10.", Self.pain, .time, 8, 4)
        Self.expectPair("Pain 8/10, down to 4/10 with medication.", Self.pain, .time, 8, 4)
        Self.expectPair("Pain reduces from 6/10 to 2/10 after his Tylenol #3.", Self.pain, .time, 6, 2)
        Self.expectPair("Shoulder flexion 100 → 150°", Self.motion, .time, 100, 150)
        Self.expectPair("Shoulder flexion 100→150°", Self.motion, .time, 100, 150)
        Self.expectPair("Flexion improved from 100 to 150 degrees.", Self.motion, .time, 100, 150)
        Self.expectPair("QuickDASH 61 → 38", Self.disability, .time, 61, 38)
        Self.expectPair("Oswestry improved from 48% to 26% after six PT visits.", Self.disability, .time, 48, 26)
        Self.expectPair("Lifting 5 → 15 lb", Self.tolerance, .time, 5, 15)
        Self.expectPair("Walking tolerance increased from 10 to 30 minutes.", Self.tolerance, .time, 10, 30)
        Self.expectPair("Sitting 20 min, previously 10 min.", Self.tolerance, .time, 10, 20)
        Self.expectPair("He has a 25 lb lifting limit, up from 10 lb.", Self.tolerance, .time, 10, 25)
        Self.expectPair("Baseline ODI 48, now 30.", Self.disability, .time, 48, 30)
        Self.expectPair("ODI 40% two months ago, 30% today.", Self.disability, .time, 40, 30)
        Self.expectPair("NDI 24/50, initially 30/50.", Self.disability, .time, 30, 24)
        Self.expectPair("She is able to sit for 45 minutes (was 15 minutes).", Self.tolerance, .time, 15, 45)
        Self.expectPair("He can now stand for 30 minutes versus 10 minutes previously.", Self.tolerance, .time, 10, 30)
        Self.expectPair("Shoulder abduction 90 degrees at initial evaluation, now 160 degrees.", Self.motion, .time, 90, 160)
        Self.expectPair("Knee flexion 95° → 120°", Self.motion, .time, 95, 120)
        Self.expectPair("QuickDASH score improved to 25 from 48.", Self.disability, .time, 48, 25)
        Self.expectPair("Norco brings pain down to a 4/10 from an 8/10.", Self.pain, .time, 8, 4)
        Self.expectPair("ODI 52% at intake and 30% today.", Self.disability, .time, 52, 30)
        Self.expectPair("Grip strength 20 kg on the right, up from 12 kg.", Self.tolerance, .time, 12, 20)
        Self.expectPair("Range of motion improved from 10-75 degrees in February to 0-110 degrees by mid-April.", Self.motion, .time, 65, 110)
        Self.expectPair("Her PHQ-9 score decreased from 19 before starting duloxetine to 9, and her pain decreased from 8/10 to 5/10.",
                        Self.pain, .time, 8, 5)
        Self.expectPair("She sits 60 minutes instead of 20.", Self.tolerance, .time, 20, 60)
    }

    @Test func beforeAndAfterOpposites() {
        Self.expectPair("Oswestry 48% (38% at intake)", Self.disability, .time, 38, 48)
        Self.expectPair("ODI 40 → 44", Self.disability, .time, 40, 44)
        Self.expectPair("Pain went from 4/10 to 7/10.", Self.pain, .time, 4, 7)
        Self.expectPair("Flexion decreased from 150 to 120 degrees.", Self.motion, .time, 150, 120)
    }

    @Test func valuesThatDoNotMove() {
        Self.expectPair("Shoulder flexion unchanged at 110 degrees.", Self.motion, .steady, 110, 110)
        Self.expectPair("The last eight notes record range of motion of 0-110 degrees at every visit.", Self.motion, .steady, 110, 110)
        Self.expectPair("Oswestry has plateaued at 30%.", Self.disability, .steady, 30, 30)
        Self.expectPair("No change in walking tolerance, still 10 minutes.", Self.tolerance, .steady, 10, 10)
        #expect(Self.pairs("Walks 30 minutes each morning.").isEmpty)
    }

    /// Ranges, descriptions and lists of values are not comparisons.
    @Test func notComparisons() {
        #expect(Self.pairs("She can sit 20 to 30 minutes.").isEmpty)
        #expect(Self.pairs("Walks between 10 and 15 minutes.").isEmpty)
        #expect(Self.pairs("Pain 6-7/10, radiating to 2 toes.").isEmpty)
        #expect(Self.pairs("Pain is 8/10 at worst and 5/10 now.").isEmpty)
        #expect(Self.pairs("Lumbar flexion 60 degrees, extension 15 degrees with mild pain.").isEmpty)
        #expect(Self.pairs("Low back pain, 4/10, and right leg pain, 7/10.").isEmpty)
        #expect(Self.pairs("Pain 7/10 on 3/2/14; Norco 10/325 mg TID #90.").isEmpty)
        #expect(Self.pairs("Pain 7/10 since December 3, 2009, now 4/10.").count == 1)
        #expect(Self.pairs("Pain 7/10 since December 3, 2009.").isEmpty)
        #expect(Self.pairs("Plantar flexion 5/5, dorsiflexion 4/5 → 5/5.").isEmpty)
        #expect(Self.pairs("L4-5 and L5-S1 discs, pain 7/10 since 2014 to 2016.").isEmpty)
        // Values of two measures do not pair.
        #expect(Self.pairs("Pain 8/10; walking 10 minutes previously.").isEmpty)
        // Goals are not results.
        #expect(Self.pairs("Goal: increase walking from 10 to 30 minutes.").count <= 1)
    }

    // MARK: Evidence

    @Test func offsetsOfEachValue() throws {
        let text = "Pain 9/10 without Norco and 4/10 with it."
        let (tokens, statements) = Self.reader.read(text)
        let s = try #require(statements.first)
        let bytes = Array(text.utf8)
        func slice(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
        #expect(slice(try #require(s.first).bytes) == "9/10")
        #expect(slice(try #require(s.second).bytes) == "4/10")
        #expect(s.word.map { slice(Int(tokens[$0.lowerBound].start)..<Int(tokens[$0.upperBound - 1].end)) } == "Pain")
        #expect(s.cues.map { slice(Int(tokens[$0.lowerBound].start)..<Int(tokens[$0.upperBound - 1].end)) } == ["without Norco", "with it"])
        #expect(s.namesMedication)

        let arrow = "Shoulder flexion 100→150° and lifting 5 -> 15 lb"
        let (_, two) = Self.reader.read(arrow)
        let ab = Array(arrow.utf8)
        #expect(two.count == 2)
        #expect(two.map { String(decoding: ab[$0.first!.bytes], as: UTF8.self) + "|" + String(decoding: ab[$0.second!.bytes], as: UTF8.self) }
                == ["100|150°", "5|15 lb"])
        #expect(two[0].comparable! == (100, 150))
    }

    @Test func worthReading() {
        func worth(_ text: String) -> Bool {
            let tokens = Tokenizer.tokens(text)
            return MeasureReader.isWorthReading(tokens, Array(text.utf8), 0..<tokens.count)
        }
        #expect(worth("Pain 9/10 without Norco and 4/10 with it."))
        #expect(worth("VAS 8 without."))
        #expect(worth("Flexion 100→150°"))
        #expect(worth("Oswestry 48% (38% at intake)"))
        #expect(worth("Pain four out of ten, eight out of ten."))
        #expect(!worth("Pain 7/10 today."))
        #expect(!worth("Pain began 3/2/14 at work."))
        #expect(!worth("L4-5 disc protrusion, back pain."))
        #expect(!worth("Pain since 2014, seen 6/10/14 and 7/1/14."))
        #expect(worth("Pain unchanged at 8/10."))
        #expect(!worth("Pain 7/10; Norco 10/325 mg #90 for 30 days."))
        #expect(worth("Lifting 5 -> 15lb."))
        #expect(worth("When she runs out of the Percocet early her pain is 8-9/10."))
        #expect(!worth("MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80, p. 78."))
        #expect(worth("Pain level 7 without medication."))
        #expect(!worth("She is a 55-year-old with pain for 3 years, 10mg daily."))
    }

    @Test func unitsAreComparedInOneUnit() throws {
        let s = try #require(Self.reader.read("Sitting tolerance increased from 30 minutes to 2 hours.").statements.first)
        #expect(s.comparable! == (30, 120))
        let t = try #require(Self.reader.read("Walking increased from 1 to 2 hours.").statements.first)
        #expect(t.comparable! == (60, 120))
    }

    @Test func joinedAcrossLines() throws {
        let a = try #require(Self.reader.read("Pain without medication: 8/10.").statements.first)
        let b = try #require(Self.reader.read("Pain with medication: 4/10.").statements.first)
        let j = try #require(MeasureStatement.joined(a, b))
        #expect(j.first?.number == 8 && j.second?.number == 4)
        #expect(MeasureStatement.joined(a, a) == nil)
    }
}
