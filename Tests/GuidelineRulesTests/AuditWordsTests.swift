import Foundation
import IMRParse
import Testing
@testable import GuidelineRules

/// What the audit's outputs say in words, without a subprocess: reviewer specialties counted under
/// one name, reason codes in words, the detail the HTML report keeps, the summary of a predict run.
@Suite struct AuditWordsTests {
    @Test func specialtiesSpelledSeveralWaysAreOne() {
        let pmr = ["Physical Medicine & Rehab", "Physical Medicine & Rehabilitation", "Physical Medicine and Rehabilitation",
                   "Physical Medicine  &  Rehabilitation.", "physical medicine & rehab"]
        #expect(Set(pmr.map { ReviewerSpecialty.normalized($0).lowercased() }) == ["physical medicine and rehabilitation"])
        #expect(ReviewerSpecialty.normalized("Physical Medicine & Rehab") == "Physical Medicine and Rehabilitation")
        #expect(ReviewerSpecialty.normalized("Orthopedic Surgery") == ReviewerSpecialty.normalized("Orthopaedic Surgery"))
        #expect(ReviewerSpecialty.normalized("Family Practice") == "Family Medicine")
        #expect(ReviewerSpecialty.normalized("Psychiatry & Neurology, Pain Medicine") == "Psychiatry and Neurology, Pain Medicine")
        #expect(ReviewerSpecialty.normalized("Anesthesiology") == "Anesthesiology")
    }

    @Test func summaryCountsSpecialtiesUnderOneName() {
        var summary = AuditSummary()
        for s in ["Physical Medicine & Rehab", "Physical Medicine and Rehabilitation"] {
            summary.add(AuditRecord(source: "a", item: 1, request: "PT", treatment: "physical_therapy", recorded: "Upheld", predicted: "Upheld",
                                    year: 2015, specialty: s, guidelineSources: [], drivers: []))
        }
        #expect(summary.bySpecialty.keys.sorted() == ["Physical Medicine and Rehabilitation"])
        #expect(summary.bySpecialty["Physical Medicine and Rehabilitation"]?.items == 2)
    }

    @Test func everyReasonCodeHasWords() {
        for code in Vocabulary.reasonCodes {
            #expect(ReasonWords.table[code] != nil, "no words for reason '\(code)'")
            #expect(!ReasonWords.words(for: code).contains("_"))
        }
        #expect(ReasonWords.words(for: "some_new_code") == "some new code")
    }

    /// The report's records keep every item's evidence and the met criteria that decided it.
    @Test func detailAllKeepsEvidenceOfAgreeingItems() throws {
        let (letter, text, predictions, _) = try AuditRecordTests.audit("final_determination_three_items.txt")
        for (k, p) in predictions.enumerated() {
            let r = AuditRecord(letter: letter, item: letter.items[k], number: k + 1, prediction: p, source: text, detail: .all)
            #expect(r.drivers.allSatisfy { !$0.text.isEmpty && $0.role != nil })
            if r.predicted == "Overturned" {
                #expect(!r.metDeciders.isEmpty, "an Overturned prediction names the met criteria that decided it")
                #expect(r.metDeciders.allSatisfy { $0.status == "met" && r.decidedBy.contains($0.criterion) })
            }
            let streaming = AuditRecord(letter: letter, item: letter.items[k], number: k + 1, prediction: p, source: text)
            #expect(streaming.metDeciders.isEmpty)
        }
    }

    @Test func predictionSummaryCountsOutcomesAndMissingDocumentation() throws {
        let book = try #require(RuleTestSupport.projectBook)
        let analyzer = Analyzer(book: book)
        var summary = PredictionSummary()
        for name in ["esi-undocumented.txt", "esi-documented.txt"] {
            let text = try SourceLoader.load(path: RuleTestSupport.packageRoot.appendingPathComponent("examples/requests/\(name)").path)
            let p = analyzer.predict("Lumbar ESI L4-5", source: text, regions: [0..<text.bytes.count], context: CaseContext(letter: LetterParser.parse(text), source: text))
            var one = PredictionSummary()
            one.documents = 1
            one.add(p)
            summary.merge(one)
        }
        #expect(summary.requests == 2 && summary.documents == 2)
        #expect(summary.outcomes["Upheld"] == 1 && summary.outcomes["Overturned"] == 1)
        #expect(summary.mostCommonMissing().first?.requests == 1)
        #expect(summary.json.compact.hasPrefix("{\"summary\":true,"))
    }
}
