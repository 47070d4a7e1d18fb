import Foundation
import IMRTestSupport
import Testing
@testable import IMRParse

/// The layout-variation check (`imr-bench vary`) on a fixed sample: every fixture letter with items,
/// each transformation alone and a few drawn together, each variant parsed as the original is.
/// The benchmark runs thousands (`imr-bench vary --variants 200`); this is the sample `swift test`
/// keeps, so that a change that breaks one form of a letter fails here.
@Suite struct LayoutVariationTests {
    static var letters: [(name: String, text: String)] {
        LetterParserGoldenTests.fixtureNames.compactMap { name in
            guard let data = try? Data(contentsOf: LetterParserGoldenTests.lettersDirectory.appendingPathComponent(name)) else { return nil }
            let text = String(decoding: data, as: UTF8.self)
            return LayoutVariations.isVariable(text) ? (name, text) : nil
        }
    }

    /// Each transformation alone, two variants per letter.
    @Test(arguments: LayoutVariations.transforms)
    func eachTransformation(_ transform: String) {
        for (j, letter) in Self.letters.enumerated() {
            for i in 0..<2 {
                var rng = SplitMix(seed: 7, index: UInt64(j) << 32 | UInt64(i))
                let (text, recipe) = LayoutVariations.variant(of: letter.text, rng: &rng, only: [transform])
                let differences = LayoutVariations.check(original: letter.text, variant: text)
                #expect(differences.isEmpty, "\(letter.name) v\(i) [\(recipe.joined(separator: ", "))]: \(differences.prefix(3).joined(separator: "; "))")
            }
        }
    }

    /// Transformations drawn together (each with probability one half), four variants per letter.
    @Test func mixed() {
        for (j, letter) in Self.letters.enumerated() {
            for i in 0..<4 {
                var rng = SplitMix(seed: 11, index: UInt64(j) << 32 | UInt64(i))
                let (text, recipe) = LayoutVariations.variant(of: letter.text, rng: &rng)
                let differences = LayoutVariations.check(original: letter.text, variant: text)
                #expect(differences.isEmpty, "\(letter.name) v\(i) [\(recipe.joined(separator: ", "))]: \(differences.prefix(3).joined(separator: "; "))")
            }
        }
    }

    /// The new forms are made as described: a table's header row and a row with a guideline cell;
    /// singular, plural and "(S)" headings; a cover page before the letter.
    @Test func transformationsChangeTheForm() throws {
        let letter = try #require(Self.letters.first { $0.name == "case_header_two_items.txt" })
        var seen: Set<String> = []
        for i in 0..<40 {
            for t in ["decision-table", "plural-forms", "cover-page", "numbering"] {
                var rng = SplitMix(seed: 3, index: UInt64(i))
                let (text, recipe) = LayoutVariations.variant(of: letter.text, rng: &rng, only: [t])
                guard recipe == [t], text != letter.text else { continue }
                seen.insert(t)
            }
        }
        #expect(seen == ["decision-table", "plural-forms", "cover-page", "numbering"])
    }
}
