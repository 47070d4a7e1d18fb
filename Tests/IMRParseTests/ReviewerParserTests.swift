import Testing
@testable import IMRParse

@Suite struct ReviewerParserTests {
    func reviewer(_ s: String) -> Reviewer {
        let lines = LetterLines(Array(s.utf8))
        return ReviewerParser.parse(lines, in: 0..<lines.bytes.count)
    }

    @Test func proseWithSubspecialty() {
        let r = reviewer("The physician reviewer is Board Certified in Physical Medicine and Rehabilitation, has a subspecialty in Pain \n\nManagement, and is licensed to practice in California. He/she has been in active clinical practice")
        #expect(r.specialty?.value == "Physical Medicine and Rehabilitation")
        #expect(r.subspecialty?.value == "Pain Management")
        #expect(r.licensure.map(\.value) == ["California"])
    }
    @Test func subspecialtyWithAnd() {
        let r = reviewer("reviewer is Board Certified in Anesthesia, has a subspecialty in Acupuncture and Pain Medicine \nand is licensed to practice in California.")
        #expect(r.specialty?.value == "Anesthesia")
        #expect(r.subspecialty?.value == "Acupuncture and Pain Medicine")
    }
    @Test func lettersOwnWordsAreKept() {
        let r = reviewer("The expert reviewer is Board Certified in Physical Medicine & Rehab and is licensed to practice in \n\nTexas. He/she")
        #expect(r.specialty?.value == "Physical Medicine & Rehab")
        #expect(r.subspecialty == nil)
        #expect(r.licensure.map(\.value) == ["Texas"])
    }
    @Test func severalStates() {
        #expect(reviewer("is licensed to practice in California, Oregon and Washington.").licensure.map(\.value) == ["California", "Oregon", "Washington"])
        #expect(reviewer("and is licensed in the State of California and Nevada.").licensure.map(\.value) == ["California", "Nevada"])
    }
    @Test func credentialsBlock() {
        let r = reviewer("The Expert Reviewer has the following credentials:\nState(s) of Licensure: California, Arizona\nCertification(s)/Specialty: Family Practice\n")
        #expect(r.specialty?.value == "Family Practice")
        #expect(r.licensure.map(\.value) == ["California", "Arizona"])
    }
    @Test func reviewerLabelsAtLineStarts() {
        // "Reviewer Specialty:" is a label of the block: its value ends with its line, and a ";" parts
        // the specialty from its subspecialty.
        let r = reviewer("Reviewer Specialty: Orthopaedic Surgery; Sports Medicine\nReviewer Licensure: California\n\nThe reviewer named above has no material affiliation.")
        #expect(r.specialty?.value == "Orthopaedic Surgery")
        #expect(r.subspecialty?.value == "Sports Medicine")
        #expect(r.licensure.map(\.value) == ["California"])
    }
    @Test func blockWinsOverProse() {
        let r = reviewer("Board Certified in Surgery and is licensed in Texas.\nSpecialty: Orthopaedic Surgery\nSubspecialty: Spine\nLicensure: California\n")
        #expect(r.specialty?.value == "Orthopaedic Surgery")
        #expect(r.subspecialty?.value == "Spine")
        #expect(r.licensure.map(\.value) == ["California"])
    }
    @Test func withSubspecialtyWording() {
        let r = reviewer("The reviewer is board certified in Anesthesiology with a subspecialty in Pain Medicine and is licensed in California.")
        #expect(r.specialty?.value == "Anesthesiology")
        #expect(r.subspecialty?.value == "Pain Medicine")
        #expect(r.licensure.map(\.value) == ["California"])
    }
    @Test func nothingStatedIsNil() {
        let r = reviewer("MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation.")
        #expect(r.specialty == nil && r.subspecialty == nil && r.licensure.isEmpty)
    }
    @Test func rangesPointAtTheWords() {
        let s = "is Board Certified in Internal Medicine and is licensed to practice in California."
        let r = reviewer(s)
        let text = SourceText(path: "t", string: s)
        #expect(text.string(r.specialty!.range) == "Internal Medicine")
        #expect(text.string(r.licensure[0].range) == "California")
    }
}
