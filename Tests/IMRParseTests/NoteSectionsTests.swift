import Testing
@testable import IMRParse

/// Headings open note sections: at a line start with ":" / "-" or alone on the line, at a sentence
/// start with ":"; a one-letter heading needs its ":"; a family history gives its text to others.
@Suite struct NoteSectionsTests {
    static let rules = ContextRules(
        triggers: [ContextTrigger(phrase: "no", category: .negated, direction: .forward)],
        sections: [SectionRule(kind: "exam", headings: ["physical examination", "exam", "O"]),
                   SectionRule(kind: "plan", headings: ["plan", "P"]),
                   SectionRule(kind: "family_history", headings: ["family history", "FH"], assertion: .otherPerson)])
    static let engine = ContextEngine(rules: rules)

    static func sections(_ text: String) -> (ClinicalText, [String]) {
        let source = SourceText(path: "t", bytes: Array(text.utf8))
        let clinical = ClinicalText(source: source, engine: engine)
        let names = clinical.sections.kinds.map { rules.sections[Int($0)].kind }
        return (clinical, names)
    }

    @Test func headingsInEveryForm() {
        #expect(Self.sections("PHYSICAL EXAMINATION\nSLR positive.\nPlan: ESI.").1 == ["exam", "plan"])
        #expect(Self.sections("O: SLR positive\nP: ESI L4-5").1 == ["exam", "plan"])
        #expect(Self.sections("Exam - SLR positive on the left.").1 == ["exam"])
        #expect(Self.sections("She is better. Plan: continue therapy.").1 == ["plan"])
        #expect(Self.sections("Plan, we will request an ESI.").1 == ["plan"])
        // A report in prose: run-in headings closed by a full stop, and a short heading line.
        #expect(Self.sections("Exam. SLR positive on the left.\nPlan. Request ESI.").1 == ["exam", "plan"])
        #expect(Self.sections("She is better.\nPlan / requests.\n1. ESI L5-S1.").1 == ["plan"])
    }

    @Test func wordsThatAreNotHeadings() {
        #expect(Self.sections("The plan is to request an ESI.").1 == [])
        #expect(Self.sections("Exam shows a positive SLR.").1 == [])
        #expect(Self.sections("P\nO box 12").1 == [])   // one letter without its colon
        // The text's first line, its parts joined by a dash, is a title: "PLAN" there opens nothing.
        #expect(Self.sections("TREATMENT PLAN - POST-OPERATIVE\nShe is better.\nPlan: ESI.").1 == ["plan"])
        #expect(Self.sections("Exam - SLR positive.\nPlan: ESI.").1 == ["exam", "plan"])   // a heading after all
    }

    @Test func sectionOfATokenAndItsDefaultAssertion() {
        let (clinical, _) = Self.sections("History: back pain.\nFH: diabetes and arthritis.\nPlan: PT.")
        let diabetes = clinical.tokens.firstIndex { clinical.source.string(Int($0.start)..<Int($0.end)) == "diabetes" }!
        #expect(Self.rules.sections[clinical.section(ofToken: diabetes)].kind == "family_history")
        #expect(clinical.context(of: diabetes..<(diabetes + 1))?.assertion == .otherPerson)
        #expect(clinical.section(ofToken: 0) == -1)   // "History" is not a declared heading here
    }
}
