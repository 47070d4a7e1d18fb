import Foundation
import IMRTestSupport
import Testing
@testable import IMRParse

/// A small deterministic fuzz: about 2,000 mutations of the fixture letters (truncation, byte flips,
/// NUL bytes, duplicated and deleted sections, inserted page furniture, labels and headings). Parsing must not crash, must
/// finish quickly, and every range it reports must lie inside the text.
@Suite struct ParserFuzzTests {
    /// Fragments that stress the parser's structure: furniture, labels, headings, headers, joins.
    static let fragments: [[UInt8]] = [
        "\nPage 2 of 9\n\u{0C}CM13-0000001\n", "\nDecision rationale:\n: Upheld\nMAXIMUS guideline: Page(s): 1-99999\n",
        "\nIMR ISSUES, DECISIONS AND RATIONALES\n", "\nISSUE AT DISPUTE:\n1. x\nDETERMINATION: UPHELD\n",
        "\nRegarding the request for ", "\n1. A is not medically necessary and appropriate.\n", "\nCLINICAL CASE SUMMARY\n",
        "http://www.odg-twc.com/odgtwc/knee.htm)\n", "\u{0C}", "\r", ":", "-\n", "é", "\u{FFFD}", "\nDecision\n\n",
    ].map { Array($0.utf8) }

    static func mutate(_ input: [UInt8], _ g: inout SplitMix) -> [UInt8] {
        var b = input
        guard !b.isEmpty else { return b }
        let kind = Int.random(in: 0..<10, using: &g)
        let at = Int.random(in: 0..<b.count, using: &g)
        let len = Int.random(in: 1...min(600, b.count), using: &g)
        let end = min(b.count, at + len)
        switch kind {
        case 0: b = Array(b[0..<at])                                                     // truncation
        case 1: for _ in 0..<8 { b[Int.random(in: 0..<b.count, using: &g)] ^= UInt8.random(in: 1...255, using: &g) }
        case 2: for _ in 0..<4 { b.insert(0, at: Int.random(in: 0...b.count, using: &g)) }
        case 3: b.insert(contentsOf: b[at..<end], at: end)                               // duplicated section
        case 4: b.removeSubrange(at..<end)                                              // deleted section
        case 5: b.insert(contentsOf: Array("\nPage 2 of 9\n\u{0C}CM13-0000001\n".utf8), at: at)
        case 6: b.insert(contentsOf: Array("\nDecision rationale:\n: Upheld\nMAXIMUS guideline: Page(s): 1-99999\n".utf8), at: at)
        case 7: for i in at..<end where b[i] == 10 { b[i] = 32 }                         // lines joined
        case 8: b.insert(contentsOf: fragments[Int.random(in: 0..<fragments.count, using: &g)], at: at)
        default: b = Array(b[at..<end])                                                  // a piece on its own
        }
        return b
    }

    static func check(_ d: Determination, _ n: Int) {
        func inside(_ r: Range<Int>) -> Bool { r.lowerBound >= 0 && r.upperBound <= n }
        for item in d.items {
            #expect(inside(item.title.range))
            if let r = item.rationale?.range { #expect(inside(r)) }
            if let r = item.decision?.range { #expect(inside(r)) }
            for p in item.imrGuideline?.pages ?? [] { #expect(p >= 1 && p <= 3000) }
        }
        for r in d.narrativeRanges { #expect(inside(r)) }
    }

    @Test func mutatedFixturesParse() throws {
        let dir = LetterParserGoldenTests.lettersDirectory
        let inputs = try LetterParserGoldenTests.fixtureNames.map { Array(try Data(contentsOf: dir.appendingPathComponent($0))) }
        try #require(!inputs.isEmpty)
        var g = SplitMix(seed: 20_240_601)
        var slowest = 0.0
        for round in 0..<2_000 {
            var bytes = inputs[round % inputs.count]
            for _ in 0..<Int.random(in: 1...3, using: &g) { bytes = Self.mutate(bytes, &g) }
            guard let text = try? SourceLoader.decode(path: "fuzz-\(round)", data: bytes) else { continue }
            let start = Date()
            let d = LetterParser.parse(text)
            _ = d.json(in: text).compact
            slowest = max(slowest, Date().timeIntervalSince(start))
            Self.check(d, text.bytes.count)
        }
        #expect(slowest < 1, "slowest mutated input took \(slowest) s")
    }

    @Test func randomBytesParse() {
        var g = SplitMix(seed: 7)
        for _ in 0..<200 {
            let n = Int.random(in: 0..<4000, using: &g)
            let bytes = (0..<n).map { _ in UInt8.random(in: 9...126, using: &g) }
            let d = LetterParser.parse(SourceText(path: "r", bytes: bytes))
            Self.check(d, n)
        }
    }
}
