import Testing
@testable import IMRParse

/// The engine's mechanics with small rule sets built in code, then the shipped rules on
/// letter-style sentences.
@Suite struct ContextEngineTests {
    static let small = ContextEngine(rules: ContextRules(
        triggers: [
            ContextTrigger(phrase: "no", category: .negated, direction: .forward, maxScope: 4),
            ContextTrigger(phrase: "there are no", category: .negated, direction: .forward, maxScope: 8),
            ContextTrigger(phrase: "was ruled out", category: .negated, direction: .backward, maxScope: 4),
            ContextTrigger(phrase: "possible", category: .possible, direction: .forward, maxScope: 4),
            ContextTrigger(phrase: "history of", category: .historical, direction: .forward, maxScope: 4),
            ContextTrigger(phrase: "if", category: .hypothetical, direction: .forward, maxScope: 8),
            ContextTrigger(phrase: "his mother", category: .otherPerson, direction: .forward, maxScope: 6),
            ContextTrigger(phrase: "no relief from", category: .negated, direction: .forward, maxScope: 0),
            ContextTrigger(phrase: "guidelines state", category: .guideline, direction: .sentence),
            ContextTrigger(phrase: "in this case", category: .affirmed, direction: .sentence),
        ],
        pseudoTriggers: ["no change in"],
        terminators: ["but", ";"],
        attributionCues: [
            AttributionCue(attribution: .treater, phrase: "the treater states"),
            AttributionCue(attribution: .patient, phrase: "she reports"),
            AttributionCue(attribution: .reviewer, phrase: "in this case"),
            AttributionCue(attribution: .records, phrase: "per the report"),
        ],
        clauseVerbs: ["is", "was", "are", "were", "has", "have", "takes"]))

    /// The context of the `occurrence`-th `target` in `text`.
    static func context(_ text: String, _ target: String, occurrence: Int = 1, engine: ContextEngine = small) -> MentionContext {
        let source = SourceText(path: "t", string: text)
        let clinical = ClinicalText(source: source, engine: engine)
        let hay = source.bytes, needle = Array(target.utf8)
        var seen = 0
        for i in 0...(hay.count - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) {
            seen += 1
            if seen == occurrence {
                let mention = clinical.tokenRange(covering: i..<(i + needle.count))
                return clinical.context(of: mention) ?? MentionContext(assertion: .affirmed)
            }
        }
        Issue.record("'\(target)' not in '\(text)'")
        return MentionContext(assertion: .affirmed)
    }

    static func assertion(_ text: String, _ target: String, occurrence: Int = 1, engine: ContextEngine = small) -> Assertion {
        context(text, target, occurrence: occurrence, engine: engine).assertion
    }

    @Test func forwardScopeCountsWords() {
        #expect(Self.assertion("There is no fever today.", "fever") == .negated)
        #expect(Self.assertion("No sign of any fever today.", "fever") == .negated)
        #expect(Self.assertion("No sign of any real fever today.", "fever") == .affirmed)  // 5th word, scope 4
        #expect(Self.assertion("Fever, no chills.", "Fever") == .affirmed)  // before a forward trigger
    }

    /// A trigger inside brackets reaches no further than its brackets, either way; one outside reaches
    /// through a bracketed aside.
    @Test func bracketsBoundAScope() {
        #expect(Self.assertion("MRI (no contrast): fever and chills.", "fever") == .affirmed)
        #expect(Self.assertion("MRI (no contrast, fever) today.", "fever") == .negated)
        #expect(Self.assertion("Fever [was ruled out] today.", "Fever") == .affirmed)
        #expect(Self.assertion("No sign (today) of fever.", "fever") == .negated)
    }

    /// A `generic` trigger makes a guideline quote of a sentence that names no patient, and only of such a sentence.
    @Test func genericStatements() {
        let engine = ContextEngine(rules: ContextRules(
            triggers: [
                ContextTrigger(phrase: "requires documented", category: .guideline, direction: .generic),
                ContextTrigger(phrase: "the patient", category: .affirmed, direction: .sentence),
            ],
            pseudoTriggers: [], terminators: [], attributionCues: [AttributionCue(attribution: .treater, phrase: "the treater states")],
            clauseVerbs: []))
        #expect(Self.assertion("An injection requires documented trigger points.", "trigger points", engine: engine) == .guideline)
        #expect(Self.assertion("The patient requires documented trigger points.", "trigger points", engine: engine) == .affirmed)
        #expect(Self.assertion("The treater states it requires documented trigger points.", "trigger points", engine: engine) == .affirmed)
        #expect(Self.assertion("Requires documented trigger points.", "trigger points", engine: engine) == .affirmed)  // the first word
    }

    /// On a form, an empty check box before a finding denies it; a ticked one does not.
    @Test func checkBoxes() {
        #expect(Self.assertion("Knee ROS: [ ] locking [ ] catching [x] stiffness [X] pain.", "locking") == .negated)
        #expect(Self.assertion("Knee ROS: [ ] locking [ ] catching [x] stiffness [X] pain.", "catching") == .negated)
        #expect(Self.assertion("Knee ROS: [ ] locking [ ] catching [x] stiffness [X] pain.", "stiffness") == .affirmed)
    }

    /// Boxes after their labels: a mention's own box follows it; words after a box detail it.
    @Test func trailingCheckBoxes() {
        let s = "Prior treatment: PT [X]  Chiro [ ]  Acupuncture [ ]  Meds [X] NSAIDs  Injections [ ]"
        #expect(Self.assertion(s, "Chiro") == .negated)
        #expect(Self.assertion(s, "Acupuncture") == .negated)   // not the box before it, Chiro's
        #expect(Self.assertion(s, "NSAIDs") == .affirmed)       // details Meds [X]
        #expect(Self.assertion(s, "Injections") == .negated)
        #expect(Self.assertion("Early refills [X]  Lost Rx [ ]", "Early refills") == .affirmed)
    }

    /// Boxes before their labels label every word up to the next box, within the sentence.
    @Test func leadingCheckBoxesLabelTheirWords() {
        #expect(Self.assertion("[ ] PT/OT", "OT") == .negated)
        #expect(Self.assertion("[X] Modified: no gripping  [ ] Full duty", "Full duty") == .negated)
        #expect(Self.assertion("ROS: [x] numbness [ ] weakness. Neuro: + paresthesias R foot.", "paresthesias") == .affirmed)
    }

    /// A question answered by yes/no boxes: the ticked answer decides; none ticked says nothing.
    @Test func yesNoCheckBoxes() {
        #expect(Self.assertion("Radicular symptoms: [ ] yes [X] no", "Radicular symptoms") == .negated)
        #expect(Self.assertion("Radicular symptoms: [X] yes [ ] no", "Radicular symptoms") == .affirmed)
        #expect(Self.assertion("Prior MRI of this body part: [ ] Yes [X] No", "MRI") == .negated)
        #expect(Self.assertion("Radicular symptoms: [ ] yes [ ] no", "Radicular symptoms") == .affirmed)
        #expect(Self.assertion("Fever? [x] N", "Fever") == .negated)
    }

    @Test func terminatorsAndPseudoTriggers() {
        #expect(Self.assertion("No fever but chills.", "chills") == .affirmed)
        #expect(Self.assertion("No fever; chills.", "chills") == .affirmed)
        #expect(Self.assertion("There was no change in pain.", "pain") == .affirmed)
    }

    @Test func backwardScope() {
        #expect(Self.assertion("Fracture was ruled out.", "Fracture") == .negated)
        #expect(Self.assertion("Back pain is present and fracture was ruled out.", "Back pain") == .affirmed)
    }

    /// A table cell's answer speaks of its row's label (the first cell), not of a cell in mid-row.
    @Test func backwardScopeAcrossTableCells() {
        #expect(Self.assertion("| Fracture | was ruled out |", "Fracture") == .negated)
        #expect(Self.assertion("Fracture | was ruled out", "Fracture") == .negated)
        #expect(Self.assertion("| Naproxen | 500 mg | fracture | was ruled out |", "fracture") == .affirmed)
    }

    @Test func listContinuation() {
        let s = "There are no red flags noted in the reports reviewed to indicate claudication, vasculopathy, dependent rubor, venous insufficiency, delayed capillary refill, etc."
        for item in ["claudication", "vasculopathy", "dependent rubor", "venous insufficiency", "delayed capillary refill"] {
            #expect(Self.assertion(s, item) == .negated, "\(item)")
        }
        // A long item is a new clause, not part of the list.
        #expect(Self.assertion("There are no red flags noted, and the MRI shows a large herniation.", "herniation") == .affirmed)
        #expect(Self.assertion("No fever, and urine drug screens have been consistent.", "urine drug screens") == .affirmed)
        #expect(Self.assertion("No fever, chills, or night sweats.", "night sweats") == .negated)
    }

    @Test func clauseBreakAtNewSubject() {
        #expect(Self.assertion("No numbness, she has pain.", "pain") == .affirmed)
    }

    @Test func outcomeTriggerWithNoScope() {
        #expect(Self.assertion("He had no relief from the medial branch blocks.", "relief") == .negated)
        #expect(Self.assertion("He had no relief from the medial branch blocks.", "medial branch blocks") == .affirmed)
    }

    @Test func precedence() {
        // hypothetical over negated
        #expect(Self.assertion("If there is no fever, stop.", "fever") == .hypothetical)
        // other person over historical
        #expect(Self.assertion("His mother has a history of diabetes.", "diabetes") == .otherPerson)
        // negated over historical
        #expect(Self.assertion("There is no history of diabetes.", "diabetes") == .negated)
        // negation and uncertainty end each other's scope
        #expect(Self.assertion("No fracture, possible disc bulge.", "disc bulge") == .possible)
        #expect(Self.assertion("Possible sprain, no fracture.", "sprain") == .possible)
    }

    @Test func triggerInsideTheMention() {
        // A negation inside the mention is part of the phrase the caller looks for.
        #expect(Self.assertion("There was no fever.", "no fever") == .affirmed)
        #expect(Self.assertion("There was no fever.", "fever") == .negated)
        #expect(Self.assertion("If it hurts, rest.", "If it hurts") == .affirmed)
        // History, other persons and quotes inside still apply.
        #expect(Self.assertion("He has a history of diabetes.", "history of diabetes") == .historical)
        #expect(Self.assertion("His mother has asthma.", "His mother has asthma") == .otherPerson)
    }

    @Test func guidelineSentencesAndClauses() {
        let quote = "The guidelines state, There is limited evidence for this procedure in radiculopathy."
        #expect(Self.assertion(quote, "radiculopathy") == .guideline)
        let ctx = Self.context(quote, "radiculopathy")
        #expect(ctx.trigger != nil)
        let source = SourceText(path: "t", string: quote)
        let clinical = ClinicalText(source: source, engine: Self.small)
        #expect(clinical.sentences[0].isGuidelineQuote)
        #expect(clinical.text(ofTokens: clinical.sentences[0].guidelineTrigger!) == "guidelines state")
        // A clause about this patient is not a quote.
        let mixed = "The guidelines state that ESI needs radiculopathy, but in this case there is no radiculopathy."
        #expect(Self.assertion(mixed, "radiculopathy", occurrence: 1) == .guideline)
        #expect(Self.assertion(mixed, "radiculopathy", occurrence: 2) == .negated)
        let mixedSentence = ClinicalText(source: SourceText(path: "t", string: mixed), engine: Self.small).sentences[0]
        #expect(!mixedSentence.isGuidelineQuote)
        #expect(mixedSentence.guidelineTrigger != nil)
        // No guideline trigger, no quote.
        #expect(Self.assertion("In this case, there is no documentation of radiculopathy.", "radiculopathy") == .negated)
        // A guideline's list of conditions after "when" stays the guideline's, whoever its subject;
        // "but" speaks of the patient again.
        let conditions = "The guidelines state ESI is supported when pain radiates, she reports numbness, and imaging agrees."
        #expect(Self.assertion(conditions, "numbness") == .guideline)
        #expect(Self.assertion(conditions, "imaging") == .guideline)
        let back = "The guidelines state ESI is supported when pain radiates, but in this case the patient has numbness."
        #expect(Self.assertion(back, "numbness") == .affirmed)
    }

    @Test func attribution() {
        #expect(Self.context("The treater states she has pain.", "pain").attribution == .treater)
        #expect(Self.context("Pain is severe, she reports.", "Pain").attribution == .patient)  // a cue after the mention
        #expect(Self.context("The treater states, Pain is worse. He sleeps poorly.", "sleeps").attribution == .treater)  // carried
        #expect(Self.context("The treater states, Pain is worse.\n\nHe sleeps poorly.", "sleeps").attribution == nil)  // new paragraph
        #expect(Self.context("The treater states, Pain is worse. The guidelines state, Rest helps. He sleeps poorly.", "sleeps").attribution == nil)
        #expect(Self.context("Per the report, she has pain. In this case, there is no fever.", "fever").attribution == .reviewer)
        #expect(Self.context("He walks daily.", "walks").attribution == nil)
        let source = SourceText(path: "t", string: "The treater states, Pain is worse. He sleeps poorly.")
        let clinical = ClinicalText(source: source, engine: Self.small)
        #expect(clinical.sentences.map(\.attribution) == [.treater, .treater])
        #expect(clinical.cues(in: 0).count == 1)
    }

    @Test func modifiersExposeScopes() {
        let source = SourceText(path: "t", string: "No fever or chills today.")
        let clinical = ClinicalText(source: source, engine: Self.small)
        let mods = Array(clinical.modifiers(in: 0))
        #expect(mods.count == 1)
        #expect(mods[0].category == .negated)
        #expect(clinical.text(ofTokens: mods[0].trigger) == "No")
        #expect(clinical.text(ofTokens: mods[0].scope) == "No fever or chills today")
    }

    // MARK: - The shipped rules

    static let shipped = ContextRulesFixture.shared

    @Test(arguments: [
        ("There is no documentation of pain down the leg(s).", "pain down the leg", Assertion.negated),
        ("MRI showed mild disc bulges measuring 1-2mm without compromise of the nerve roots.", "compromise of the nerve roots", .negated),
        ("MRI showed mild disc bulges measuring 1-2mm without compromise of the nerve roots.", "mild disc bulges", .affirmed),
        ("Guidelines note that to perform an ESI, radiculopathy must be documented by physical examination and corroborated by imaging.", "radiculopathy", .guideline),
        ("The MTUS guidelines state, There is limited evidence to support this procedure.", "procedure", .guideline),
        ("In this case, there is no documentation of dermatomal symptoms.", "dermatomal symptoms", .negated),
        ("The treater is requesting post injection physical therapy 3x2.", "physical therapy", .hypothetical),
        ("The request for lumbar ESI is not medically necessary.", "lumbar ESI", .hypothetical),
        ("The patient had a selective nerve root block on 8-2-13.", "selective nerve root block", .historical),
        ("The patient may have had therapy in the past although the records do not show it.", "therapy", .possible),
        ("Her father has a history of lumbar stenosis.", "lumbar stenosis", .otherPerson),
        ("There is no change in the neurologic examination.", "neurologic examination", .affirmed),
        ("He has previously been treated with an epidural steroid injection, physical therapy, and medication.", "medication", .historical),
        ("Straight leg raise was negative bilaterally.", "Straight leg raise", .negated),
        ("MRI right shoulder (arthrogram not needed): full-thickness tear of the supraspinatus tendon.", "full-thickness tear", .affirmed),
        ("The procedure, its risks (infection, stiffness, re-tear, nerve injury) were explained.", "nerve injury", .hypothetical),
        ("Risk factors for delayed recovery: depression.", "depression", .affirmed),
        ("Goal: return to work as a bus driver within eight weeks.", "return to work", .hypothetical),
        ("She needs her daughter's help with bathing.", "bathing", .affirmed),
        ("Given locking that has not settled after 3 months and a concordant tear, he wants to proceed.", "concordant tear", .affirmed),
        ("Her daughter has lupus.", "lupus", .otherPerson),
        ("PT 2x6 completed in 2014 for the neck.", "PT", .historical),
        // How a study is done is no finding: "without contrast" negates nothing after it.
        ("CT lumbar spine without contrast to assess fusion status and hardware.", "fusion status", .affirmed),
        // What a deficit stops is not done: "keep him from … returning to his job".
        ("Remaining deficits keep him from returning to his job.", "returning to his job", .negated),
        // A praised item ends a list of denials.
        ("No surgical option, and good motivation.", "good motivation", .affirmed),
        ("History of present illness: low back pain radiating to the left calf.", "low back pain", .affirmed),
        // Going back, an item with its own result ends the scope at its comma.
        ("Good response in pain and mood, activities restored, side effects resolved.", "pain", .affirmed),
        ("Good response in pain and mood, activities restored, side effects resolved.", "side effects", .negated),
        // Any relative, with any determiner (concepts in context rules); their help is still the patient's need.
        ("The daughter works full time.", "works full time", .otherPerson),
        ("The patient's son had a lumbar fusion.", "lumbar fusion", .otherPerson),
        ("She needs help from her granddaughter with bathing.", "bathing", .affirmed),
        // A state that ended at a past time; one that ends at a time to come is still now.
        ("He worked light duty until last spring.", "light duty", .historical),
        ("He is off work until the program starts.", "off work", .affirmed),
    ])
    func shippedRules(_ text: String, _ target: String, _ expected: Assertion) {
        #expect(Self.assertion(text, target, engine: Self.shipped) == expected)
    }

    @Test func shippedAttribution() {
        #expect(Self.context("The claimant reports low back pain with left leg radiation.", "low back pain", engine: Self.shipped).attribution == .patient)
        #expect(Self.context("The UR physician noted no instability.", "instability", engine: Self.shipped).attribution == .utilizationReview)
        #expect(Self.context("I disagree with this assertion because the pain is refractory.", "pain", engine: Self.shipped).attribution == .reviewer)
        #expect(Self.context("The documentation submitted for review does not indicate a failed trial.", "failed trial", engine: Self.shipped).attribution == .records)
        #expect(Self.context("The treating physician report dated 3/17/14 states the pain is severe.", "pain", engine: Self.shipped).attribution == .treater)
    }

    /// The mechanisms that keep a negation where it belongs: a pseudo-trigger's own words, a modal
    /// before a negation, a hypothetical a negation denies, and a grade inside a date.
    static let negations = ContextEngine(rules: ContextRules(
        triggers: [
            ContextTrigger(phrase: "not", category: .negated, direction: .forward, maxScope: 6),
            ContextTrigger(phrase: "without", category: .negated, direction: .forward, maxScope: 8),
            ContextTrigger(phrase: "5/5", category: .negated, direction: .backward, maxScope: 3),
            ContextTrigger(phrase: "normal", category: .negated, direction: .backward, maxScope: 6),
            ContextTrigger(phrase: "would", category: .hypothetical, direction: .forward, maxScope: 6),
            ContextTrigger(phrase: "consider", category: .hypothetical, direction: .forward, maxScope: 6),
            ContextTrigger(phrase: "to confirm", category: .hypothetical, direction: .forward, maxScope: 6),
        ],
        pseudoTriggers: ["not helped", "no longer needs"]))

    @Test func aPseudoTriggerNegatesItsOwnLaterWords() {
        // "not helped" spares what follows it, and still negates the word it says no to.
        #expect(Self.assertion("PT has not helped her back pain.", "back pain", engine: Self.negations) == .affirmed)
        #expect(Self.assertion("Norco is not helping her pain.", "helping her pain", engine: Self.negations) == .negated)
        // "no longer needs" tells of a change: the rules read what follows as a gain.
        #expect(Self.assertion("He no longer needs help dressing.", "needs help", engine: Self.negations) == .affirmed)
    }

    @Test func aNegationNextToAHypotheticalDecides() {
        // A modal right before a negation says no.
        #expect(Self.assertion("She said she would not want surgery.", "want surgery", engine: Self.negations) == .negated)
        // A hypothetical a few words into a negation's reach is what is denied.
        #expect(Self.assertion("She is not willing to consider surgery.", "consider surgery", engine: Self.negations) == .negated)
        // Farther away the hypothetical opens a clause of its own.
        #expect(Self.assertion("CT without contrast, thin cuts with sagittal views, to confirm union.", "confirm union",
                               engine: Self.negations) == .hypothetical)
        // A hypothetical alone stays one.
        #expect(Self.assertion("She would consider surgery.", "surgery", engine: Self.negations) == .hypothetical)
    }

    @Test func aValueEndsABackwardScopeAtItsComma() {
        // Each item with a grade of its own keeps it: only the belly press is normal.
        #expect(Self.assertion("Supraspinatus 3+/5, external rotation 4/5, belly press normal.", "Supraspinatus",
                               engine: Self.negations) == .affirmed)
        #expect(Self.assertion("Supraspinatus 3+/5, external rotation 4/5, belly press normal.", "belly press",
                               engine: Self.negations) == .negated)
        // A list of names without values shares the result.
        #expect(Self.assertion("Sensation, reflexes and strength normal.", "Sensation", engine: Self.negations) == .negated)
    }

    @Test func aTriggerAfterALongerFailedStart() {
        let engine = ContextEngine(rules: ContextRules(triggers: [
            ContextTrigger(phrase: "negative", category: .negated, direction: .forward, maxScope: 4),
            ContextTrigger(phrase: "negative predictors include", category: .guideline, direction: .sentence, maxScope: 0),
            ContextTrigger(phrase: "predictors of success include", category: .guideline, direction: .sentence, maxScope: 0),
        ]))
        #expect(Self.assertion("Negative predictors of success include poor motivation.", "poor motivation", engine: engine) == .guideline)
    }

    @Test func aGradeInsideADateIsNoGrade() {
        #expect(Self.assertion("The 5/5/15 drug screen was inconsistent.", "drug screen", engine: Self.negations) == .affirmed)
        #expect(Self.assertion("Seen 4/5/5 for strength 5/5.", "strength", engine: Self.negations) == .negated)
    }
}
