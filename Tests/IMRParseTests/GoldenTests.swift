import IMRTestSupport
import Testing

/// The golden-file comparison the letter and diagnostics goldens use: whole text, the first
/// differing line named.
@Suite struct GoldenTests {
    @Test func equalTextsHaveNoDifference() {
        #expect(Golden.difference(actual: "a\nb\n", expected: "a\nb\n", name: "x") == nil)
    }

    @Test func namesTheFirstDifferingLine() {
        let message = Golden.difference(actual: "a\nb\nc\n", expected: "a\nB\nc\n", name: "x.json")
        #expect(message?.hasPrefix("x.json: output differs from the golden at line 2\n  expected: B\n  actual:   b\n") == true)
    }

    @Test func aShorterOutputEndsEarly() {
        let message = Golden.difference(actual: "a\n", expected: "a\nb\n", name: "x")
        #expect(message?.contains("line 2\n  expected: b\n  actual:   \n") == true)
    }

    @Test func theGeneratorIsSplitMix64() {
        // The reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var g = SplitMix(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
