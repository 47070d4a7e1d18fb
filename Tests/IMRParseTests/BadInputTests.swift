import Foundation
import Testing
@testable import IMRParse

/// Inputs that are not clean letters, through `SourceLoader.decode` and `LetterParser.parse`.
@Suite struct BadInputTests {
    static let letter = "HOW THE IMR FINAL DETERMINATION WAS MADE\nThe reviewer is Board Certified in Neurology and is licensed to practice in California.\nCLINICAL CASE SUMMARY\nThe patient is a 44 year old female with a date of injury of 3/3/11.\nIMR ISSUES, DECISIONS AND RATIONALES\nMRI of the lumbar spine: Upheld\nClaims Administrator guideline: Decision based on MTUS Page(s): 303.\nMAXIMUS guideline: Decision based on MTUS Page(s): 303-304.\nDecision rationale: No red flags. The request is not medically necessary.\n"

    @Test func emptyAndBlankInputsAreErrors() {
        #expect(throws: InputError.self) { try SourceLoader.decode(path: "e", data: []) }
        #expect(throws: InputError.self) { try SourceLoader.decode(path: "e", data: Array(" \n\r\n\u{0C}\t".utf8)) }
    }

    @Test func emptyTextParsesToANarrative() {
        let d = LetterParser.parse(SourceText(path: "e", bytes: []))
        #expect(d.layout == .narrative)
        #expect(d.items.isEmpty && d.caseSummary == nil)
        #expect(d.narrativeRanges.isEmpty)
    }

    @Test func binaryIsAnError() {
        var data = [UInt8](repeating: 0, count: 400)
        for i in data.indices where i % 3 == 0 { data[i] = UInt8(truncatingIfNeeded: i &* 37) }
        #expect(throws: InputError.self) { try SourceLoader.decode(path: "b.pdf", data: data) }
    }

    @Test func utf16WithByteOrderMark() throws {
        var data: [UInt8] = [0xFF, 0xFE]
        for unit in Self.letter.utf16 { data.append(UInt8(unit & 0xFF)); data.append(UInt8(unit >> 8)) }
        let text = try SourceLoader.decode(path: "u16", data: data)
        let d = LetterParser.parse(text)
        #expect(d.items.first?.title.value == "MRI of the lumbar spine")
        #expect(d.warnings.contains("decoded from UTF-16"))
    }

    @Test func latin1() throws {
        let s = Self.letter.replacingOccurrences(of: "a 44 year old female", with: "a 44 year old female caf\u{E9} worker")
        let data = s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let text = try SourceLoader.decode(path: "l1", data: data)
        let d = LetterParser.parse(text)
        #expect(d.caseSummary?.value.contains("café worker") == true)
        #expect(d.patient.age?.value == 44)
        #expect(d.warnings.contains { $0.contains("Latin-1") })
        // Offsets still round-trip in the decoded text.
        #expect(text.string(d.caseSummary!.range).contains("café"))
    }

    @Test func nulBytesAreReplaced() throws {
        var data = Array(Self.letter.utf8)
        data.insert(0, at: 50)
        let text = try SourceLoader.decode(path: "nul", data: data)
        #expect(LetterParser.parse(text).items.count == 1)
    }

    @Test func letterCutOffMidItem() throws {
        let cut = String(Self.letter.prefix(Self.letter.count - 30))  // "…The request " (mid-sentence)
        let d = LetterParser.parse(try SourceLoader.decode(path: "cut", data: Array(cut.utf8)))
        #expect(d.items.count == 1)
        #expect(d.items[0].decision?.value == .upheld)
        #expect(d.warnings.contains { $0.contains("ends mid-sentence") })
    }

    @Test func everyPrefixParses() throws {
        let bytes = Array(Self.letter.utf8)
        for n in stride(from: 0, through: bytes.count, by: 7) {
            let d = LetterParser.parse(SourceText(path: "p", bytes: Array(bytes[0..<n])))
            for item in d.items { #expect(item.title.range.upperBound <= n) }
        }
    }

    /// A 3 MB single line must parse in linear time (no quadratic scan over the text).
    @Test func threeMegabyteSingleLine() {
        let unit = Array("The request for physical therapy is not medically necessary and the injury on 3/3/11 was at work; Page(s): 46-47. ".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(3_200_000)
        while bytes.count < 3_000_000 { bytes.append(contentsOf: unit) }
        let start = Date()
        let d = LetterParser.parse(SourceText(path: "big", bytes: bytes))
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < 5, "3 MB single line took \(elapsed) s")
        _ = d.json(in: SourceText(path: "big", bytes: bytes)).compact
    }

    /// Many short lines that all look like item headers.
    @Test func manyHeaderLikeLines() {
        var s = "IMR ISSUES, DECISIONS AND RATIONALES\n"
        for k in 0..<20_000 { s += "Item \(k): Upheld\nDecision rationale: x.\n" }
        let start = Date()
        let d = LetterParser.parse(SourceText(path: "many", string: s))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(d.items.count == 20_000)
    }
}
