import Foundation
import IMRTestSupport
import Testing
@testable import IMRParse

/// Whole-letter golden tests: every `Fixtures/letters/X.txt` (synthetic letters written for this
/// project, one or more per layout, with the PDF artefacts the parser must survive) is parsed and its
/// `parse` JSON compared, as text, with `X.json`.
///
/// To re-record after an intended change, run `IMR_RECORD=1 swift test --filter LetterParserGoldenTests`
/// and review the diff of every golden (`git diff Tests/IMRParseTests/Fixtures/letters`) before
/// committing: a golden must be right, not merely recorded.
@Suite struct LetterParserGoldenTests {
    static let lettersDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/letters")

    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lettersDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted()
    }

    /// Parses a fixture as the command line would, with 2025 as the year two-digit years count back
    /// from when a letter has no date (so goldens do not change with the calendar).
    static func parse(_ name: String) throws -> (SourceText, Determination) {
        let data = try Data(contentsOf: lettersDirectory.appendingPathComponent(name))
        let text = try SourceLoader.decode(path: name, data: Array(data))
        return (text, LetterParser.parse(text, referenceYear: 2025))
    }

    @Test func thereAreFixturesForEveryLayout() throws {
        var count: [LetterLayout: Int] = [:]
        for name in Self.fixtureNames { count[try Self.parse(name).1.layout, default: 0] += 1 }
        // Every registered layout but the fallback for unrecognised letters.
        for layout in LayoutRegistry.readers.map({ $0.layout }) where layout != .unknown {
            #expect((count[layout] ?? 0) >= 3, "fewer than 3 fixtures for \(layout.rawValue)")
        }
        #expect((count[.unknown] ?? 0) >= 1)
        #expect((count[.narrative] ?? 0) >= 1)
        #expect(Self.fixtureNames.count >= 15)
    }

    @Test(arguments: fixtureNames)
    func golden(_ name: String) throws {
        let (text, determination) = try Self.parse(name)
        let actual = determination.json(in: text).pretty + "\n"
        let goldenURL = Self.lettersDirectory.appendingPathComponent(name.replacingOccurrences(of: ".txt", with: ".json"))
        if let difference = try Golden.check(actual, against: goldenURL, name: name) { Issue.record(Comment(rawValue: difference)) }
    }

    /// Text as the reader reads a letter from a PDF (`PrintedForms`): ligatures as their letters,
    /// no-break and other fixed spaces as a space, zero-width spaces left out, a soft hyphen at a
    /// line's end joining the word's halves. The identity on text without them.
    static func plain(_ s: String) -> String {
        let ligatures: [Unicode.Scalar: String] = ["\u{FB00}": "ff", "\u{FB01}": "fi", "\u{FB02}": "fl", "\u{FB03}": "ffi",
                                                    "\u{FB04}": "ffl", "\u{FB05}": "st", "\u{FB06}": "st"]
        var out = ""
        var scalars = Array(s.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if let l = ligatures[c] { out += l }
            else if c == "\u{00A0}" || c == "\u{202F}" || (c.value >= 0x2000 && c.value <= 0x200A) { out += " " }
            else if c == "\u{200B}" { continue }
            else if c == "\u{00AD}" { if scalars.first == " " { scalars.removeFirst() } }
            else { out.unicodeScalars.append(c) }
        }
        return out.split(separator: " ").joined(separator: " ")
    }

    /// Every span in the output points at the text it names: read back from the input by
    /// Unicode-scalar offsets it gives the same text as the byte range, and the value is that text
    /// with white space folded and page furniture left out.
    @Test(arguments: fixtureNames)
    func spansRoundTrip(_ name: String) throws {
        let (text, d) = try Self.parse(name)
        var lines = LetterLines(text.bytes)
        PageNoise.mark(&lines, caseNumber: d.caseNumber?.value)
        let scalars = Array(String(decoding: text.bytes, as: UTF8.self).unicodeScalars)
        func slice(_ r: Range<Int>) -> String {
            let s = text.span(r)
            return String(String.UnicodeScalarView(scalars[s.start..<s.end]))
        }
        var located = d.items.flatMap { [$0.title, $0.rationale].compactMap { $0 } }
        if let summary = d.caseSummary { located.append(summary) }
        for value in located {
            #expect(!value.value.isEmpty)
            #expect(slice(value.range) == text.string(value.range))
            #expect(Self.plain(lines.clean(value.range)) == value.value)
        }
        // Reviewer and patient values point at the words they were read from.
        for value in [d.reviewer.specialty, d.reviewer.subspecialty].compactMap({ $0 }) + d.reviewer.licensure {
            #expect(Self.plain(lines.clean(value.range)) == value.value)
        }
        if let age = d.patient.age { #expect(Int(text.string(age.range)) == age.value) }
        if let sex = d.patient.sex {
            let word = text.string(sex.range).lowercased()
            #expect(sex.value == "female" ? ["female", "woman", "lady", "f"].contains(word) : ["male", "man", "gentleman", "m"].contains(word))
        }
        for date in [d.patient.injuryDate, d.letterDate, d.urDenialDate].compactMap({ $0 }) {
            // The same day and month; the year as written (two digits resolve against the letter's year).
            let read = DateParser.parse(text.string(date.range), referenceYear: date.value.year)
            #expect(read == date.value, "\(name): \"\(text.string(date.range))\" read as \(date.value)")
        }
        if let number = d.caseNumber { #expect(text.string(number.range) == number.value) }
        for item in d.items {
            guard let decision = item.decision else { continue }
            #expect(slice(decision.range) == text.string(decision.range))
            let words = text.normalized(decision.range).lowercased()
            let states = words.contains("uph") || words.contains("overturn") || words.contains("medically necessary")
            #expect(states, "\(name): the decision span \"\(words)\" does not state a decision")
            if words.contains("medically necessary") {
                #expect(words.contains("not") == (decision.value == .upheld), "\(name): \"\(words)\" read as \(decision.value)")
            }
        }
    }
}
