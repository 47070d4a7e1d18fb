/// How far a context trigger reaches from where it is found.
package enum ContextDirection: String, Sendable, Codable {
    /// Over the tokens after the trigger ("no [fever]").
    case forward
    /// Over the tokens before the trigger ("[fever] was ruled out").
    case backward
    /// Both ways.
    case both
    /// The whole sentence (for guideline quotes: the sentence's clauses, see `ContextEngine`).
    case sentence
    /// The whole sentence when it says nothing of this patient: no anchor or attribution cue, and the
    /// trigger is not its first word. For the guideline's kind of statement made without naming it
    /// ("Trigger point injections require documented twitch responses", "Zolpidem is approved only
    /// for short-term use"), which the same words about the patient are not ("Leaving home requires
    /// two people's help" names no patient either, so such verbs are listed with their object).
    case generic
}

/// One phrase that changes the assertion of the mentions in its scope.
package struct ContextTrigger: Sendable, Hashable, Codable {
    package var phrase: String
    package var category: Assertion
    package var direction: ContextDirection
    /// Words (numbers included, punctuation not) the scope reaches before list continuation.
    package var maxScope: Int

    package init(phrase: String, category: Assertion, direction: ContextDirection, maxScope: Int = 8) {
        self.phrase = phrase
        self.category = category
        self.direction = direction
        self.maxScope = maxScope
    }
}

/// A phrase that says who asserts a sentence ("the treater states" → treater).
package struct AttributionCue: Sendable, Hashable, Codable {
    package var attribution: Attribution
    package var phrase: String

    package init(attribution: Attribution, phrase: String) {
        self.attribution = attribution
        self.phrase = phrase
    }
}

/// A kind of section of a clinical note and the headings that open it ("Plan", "P:", "Treatment
/// plan"); text under a heading belongs to its section until the next heading. A section may give
/// its text a default assertion (a family history is about other persons).
package struct SectionRule: Sendable, Hashable, Codable {
    /// The section's kind as the rules name it ("plan", "exam", "family_history").
    package var kind: String
    package var headings: [String]
    /// The assertion of mentions in the section that no trigger decides (nil: affirmed).
    package var assertion: Assertion?

    package init(kind: String, headings: [String], assertion: Assertion? = nil) {
        self.kind = kind
        self.headings = headings
        self.assertion = assertion
    }
}

/// The content of a context rule file (`Rules/context/*.rules`): triggers, pseudo-triggers,
/// terminators and attribution cues, as `ContextEngine` compiles them.
///
/// A `trigger affirmed …` phrase is an **anchor**: it changes no mention by itself, but marks its
/// clause as a statement about this patient ("in this case", "the patient"), so that a guideline
/// trigger elsewhere in the sentence does not turn that clause into a quote.
package struct ContextRules: Sendable, Hashable, Codable {
    package var triggers: [ContextTrigger]
    /// Phrases that contain a trigger but do not act as one ("no change in", "not only"), each with
    /// its wordings as pieces (see `PhraseWordings`).
    package var pseudoWordings: [PhraseWordings]
    /// The pseudo-triggers' wordings, one by one.
    package var pseudoTriggers: [String] {
        get { pseudoWordings.flatMap(\.all) }
        set { pseudoWordings = newValue.map(PhraseWordings.init) }
    }
    /// Phrases that end every trigger's scope ("but", "however", ";").
    package var terminators: [String]
    package var attributionCues: [AttributionCue]
    /// The kinds of note sections and their headings.
    package var sections: [SectionRule]
    /// Verbs that make a list item after "and" a clause of its own ("denies nausea, and takes
    /// cyclobenzaprine daily"): a negation's scope stops there.
    package var clauseVerbs: [String]

    /// `pseudoWordings` follow the plain `pseudoTriggers`.
    package init(triggers: [ContextTrigger] = [], pseudoTriggers: [String] = [], pseudoWordings: [PhraseWordings] = [],
                terminators: [String] = [], attributionCues: [AttributionCue] = [], sections: [SectionRule] = [],
                clauseVerbs: [String] = []) {
        self.triggers = triggers
        self.pseudoWordings = pseudoTriggers.map(PhraseWordings.init) + pseudoWordings
        self.terminators = terminators
        self.attributionCues = attributionCues
        self.sections = sections
        self.clauseVerbs = clauseVerbs
    }

    /// These rules followed by `other`'s (for layering a project file over defaults).
    package func merged(with other: ContextRules) -> ContextRules {
        ContextRules(triggers: triggers + other.triggers, pseudoWordings: pseudoWordings + other.pseudoWordings,
                     terminators: terminators + other.terminators, attributionCues: attributionCues + other.attributionCues,
                     sections: sections + other.sections, clauseVerbs: clauseVerbs + other.clauseVerbs)
    }
}
