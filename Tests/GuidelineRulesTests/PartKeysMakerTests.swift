import Testing
import IMRParse
@testable import GuidelineRules

/// `PartKeysMaker` composes an alternative's keys from its pieces' keys: the same keys, spans and
/// order as tokenizing every alternative's string (`PartKeys(lexicon.alternatives(of:))`).
@Suite struct PartKeysMakerTests {
    static func same(_ a: PartKeys, _ b: PartKeys) -> Bool {
        a.keys == b.keys && a.spans.count == b.spans.count && zip(a.spans, b.spans).allSatisfy { $0.lo == $1.lo && $0.hi == $1.hi }
    }

    @Test func joinsThatRunATokenAcrossAreTokenizedWhole() {
        let lexicon = ConceptLexicon(concepts: ["side": ["left", "right", "", "-", "bi lateral", "café"],
                                                "level": ["L4", "5", "L5-S1", "  ", "."],
                                                "none": []])
        let maker = PartKeysMaker(lexicon)
        for part in ["{side}", "{side} leg", "{side}-sided", "{level}s", "{side}{level}", "at {level}, {side} side",
                     "x{side}y", "{level}", "{none} leg", "{side} {none}", "plain words", "", "-", "{side}.{level}",
                     "{ side } and {level}-{level}"] {
            #expect(Self.same(maker.keys(of: part), PartKeys(lexicon.alternatives(of: part))), "\(part)")
        }
    }

    @Test func partsOverTheLimitAreCutWhereAlternativesCutsThem() {
        let many = (0..<70).map { "w\($0)" } + ["x-", "-y"]
        let lexicon = ConceptLexicon(concepts: ["many": many, "two": ["a", "b"]])
        let maker = PartKeysMaker(lexicon)
        for part in ["{many} and {many} {two} tail", "{two}{many}s {many}", "{many} {two} {many} end", "{two} {many} {two}"] {
            #expect(Self.same(maker.keys(of: part), PartKeys(lexicon.alternatives(of: part))), "\(part)")
        }
    }

    @Test func everyPartOfTheProjectRules() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let maker = PartKeysMaker(book.lexicon)
        var parts: Set<String> = []
        for f in book.facts {
            for p in f.phrases + f.denials + f.negatives + f.near + f.events + f.anchors + f.valuePhrases.flatMap(\.1) {
                for part in ConceptLexicon.gapParts(p) ?? [p] { parts.insert(part) }
            }
        }
        for t in book.treatments { for p in t.requests + t.claims + t.refinementWords { parts.insert(p) } }
        #expect(parts.count > 100)
        for part in parts.sorted() {
            #expect(Self.same(maker.alternativesKeys(of: part), PartKeys(book.lexicon.alternatives(of: part))), "\(part)")
        }
    }

    @Test func sameWordsAddVariantsAfterTheAlternatives() {
        var lexicon = ConceptLexicon(concepts: ["side": ["left", "right"]])
        let symptom = Tokenizer.key(of: "symptoms"), sx = Tokenizer.key(of: "sx")
        let hours = Tokenizer.key(of: "hours"), hrs = Tokenizer.key(of: "hrs"), hr = Tokenizer.key(of: "hr")
        lexicon.equivalents = [symptom: [sx], sx: [symptom], hours: [hrs, hr], hrs: [hours, hr], hr: [hours, hrs]]
        let keys = PartKeysMaker(lexicon).keys(of: "{side} symptoms for hours")
        let phrases = keys.spans.map { Array(keys.keys[Int($0.lo)..<Int($0.hi)]) }
        let left = Tokenizer.key(of: "left"), right = Tokenizer.key(of: "right"), f = Tokenizer.key(of: "for")
        // The alternatives first, in their order; each one's variants after them.
        #expect(Array(phrases.prefix(2)) == [[left, symptom, f, hours], [right, symptom, f, hours]])
        #expect(Set(phrases.dropFirst(2)) == Set([[left, sx, f, hours], [left, symptom, f, hrs], [left, symptom, f, hr], [left, sx, f, hrs],
                                                  [left, sx, f, hr], [right, sx, f, hours], [right, symptom, f, hrs], [right, symptom, f, hr],
                                                  [right, sx, f, hrs], [right, sx, f, hr]]))
    }
}
