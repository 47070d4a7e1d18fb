/// Every code a rule diagnostic can carry: the one list. Its severity, what it means, and a wrong
/// and a right example of each are written here once; `docs/diagnostics.md` is generated from it
/// (`DiagnosticCodeTests` fails when the page is stale; `IMR_RECORD=1 swift test --filter
/// DiagnosticCodeTests` rewrites it).
package enum DiagnosticCode: String, CaseIterable, Sendable {
    // Errors
    case syntax
    case unterminatedString = "unterminated-string"
    case unknownKeyword = "unknown-keyword"
    case unknownFact = "unknown-fact"
    case unknownUnit = "unknown-unit"
    case typeMismatch = "type-mismatch"
    case duplicateID = "duplicate-id"
    case repeatedClause = "repeated-clause"
    case missingCitation = "missing-citation"
    case missingRequire = "missing-require"
    case missingRequests = "missing-requests"
    case missingPhrases = "missing-phrases"
    case unknownHook = "unknown-hook"
    case unknownReason = "unknown-reason"
    case unknownConcept = "unknown-concept"
    case unknownMeasure = "unknown-measure"
    case conceptCycle = "concept-cycle"
    case unknownSection = "unknown-section"
    case unreachableCriterion = "unreachable-criterion"
    case unknownTreatment = "unknown-treatment"
    case refinesCycle = "refines-cycle"
    case orphanCriterion = "orphan-criterion"
    case orphanExample = "orphan-example"
    case exampleUnknownFact = "example-unknown-fact"
    case unknownCriterion = "unknown-criterion"
    case emptyPhrase = "empty-phrase"
    case noRules = "no-rules"
    case unreadable
    case tooManyErrors = "too-many-errors"
    // Warnings
    case missingExamples = "missing-examples"
    case missingAdvice = "missing-advice"
    case missingPage = "missing-page"
    case missingUnit = "missing-unit"
    case ambiguousRequest = "ambiguous-request"
    case emptyExample = "empty-example"
    case outOfRange = "out-of-range"
    case stemCollision = "stem-collision"

    package var severity: Diagnostic.Severity {
        switch self {
        case .missingExamples, .missingAdvice, .missingPage, .missingUnit, .ambiguousRequest, .emptyExample, .outOfRange, .stemCollision: .warning
        default: .error
        }
    }

    /// What the code means and what to do, in a sentence or two (the doc's paragraph).
    package var explanation: String {
        switch self {
        case .syntax:
            "The line does not follow the grammar: a stray character, a missing name, an unclosed parenthesis, or an operator mistyped. Every operator typo gets the operator meant: `=>` is `>=`, `=<` is `<=`, `<>` is `!=`, and `=` in a condition is `==`."
        case .unterminatedString:
            "A string has no closing quote on its line. Long texts are written as one string per line."
        case .unknownKeyword:
            "A declaration, clause, type, category, role or expected decision that does not exist; the hint names the closest one."
        case .unknownFact:
            "A condition names a fact nobody declared; the hint names the closest declared fact. A fact whose own declaration is broken is not reported again where it is used."
        case .unknownUnit:
            "A number fact's unit is not one of the units listed in `Rules/README.md` (`fact`); the hint names the closest."
        case .typeMismatch:
            "A fact used as the wrong type: a number as yes/no, an unknown enum value, a date compared with a number."
        case .repeatedClause:
            "A criterion gives a clause that holds one value twice (`when`, `unless`, `require`, `role`, `reason`, `missing`, `cites`, `applies_from`, `applies_to`, `treatment`): the second would silently replace the first. Join the conditions with `or` or `and` in one clause."
        case .duplicateID:
            "Two treatments, facts, criteria, concepts or section kinds, or two examples of one treatment, share an id."
        case .missingCitation:
            "A treatment cites no guideline (criteria inherit the treatment's citation)."
        case .missingRequire:
            "A criterion without a condition."
        case .missingRequests:
            "A treatment with no request phrasings: nothing could select it."
        case .missingPhrases:
            "A fact with nothing to find it by (bool without `phrases`, number without `near`, count without `events`, enum without `value` lines, date or string without a hook), or a concept without words."
        case .unknownHook:
            "`hook NAME` names no Swift hook (the list is in `Rules/README.md`)."
        case .unknownReason:
            "A reason code outside the list in `Rules/README.md`."
        case .unknownConcept:
            "A `{name}` in a phrase names no concept of `Rules/lexicon/`."
        case .unknownMeasure:
            "An `improves` or `measure` clause names no declared `measure` (Rules/lexicon/measures.rules); the hint names the closest."
        case .conceptCycle:
            "A concept refers back to itself through other concepts, or grows past 4,096 phrases."
        case .unknownSection:
            "A fact clause limited to sections (`… in exam`) names a section kind that `Rules/context/` does not declare."
        case .unreachableCriterion:
            "The criterion can never apply: its `when` contradicts itself, or its edition window is empty or outside its treatment's."
        case .unknownTreatment:
            "A criterion's or example's `treatment ID`, or a treatment's `refines ID`, names no treatment."
        case .refinesCycle:
            "A treatment refines itself, directly or through others. A family refines the family whose id it reports as; that family refines nothing."
        case .orphanCriterion:
            "A criterion that belongs to no treatment: declare it below its treatment, or add `treatment ID`."
        case .orphanExample:
            "An example that belongs to no treatment: declare it below the treatment it tests."
        case .exampleUnknownFact:
            "An example sets a fact that does not exist."
        case .unknownCriterion:
            "An example checks the status of a criterion its treatment does not have. A criterion whose own declaration is broken is not reported again here."
        case .emptyPhrase:
            "`\"\"` matches nothing. Remove it."
        case .noRules:
            "The rules folder is missing or has no `.rules` files."
        case .unreadable:
            "A rule file cannot be read (permissions)."
        case .tooManyErrors:
            "More than 200 errors in one file: the rest are not reported (is it a rule file at all?)."
        case .missingExamples:
            "A treatment lacks an Upheld or an Overturned example. Add one, or a `todo` example saying why the guideline allows none."
        case .missingAdvice:
            "A criterion has no `missing \"…\"` advice: say what the physician should document."
        case .missingPage:
            "A citation gives no page (ODG: no section)."
        case .missingUnit:
            "A number fact has no unit."
        case .ambiguousRequest:
            "One request phrase selects two families (the first declared would win). Keep it in one family, or let the specific family `refines` the other."
        case .emptyExample:
            "An example gives no facts, text or request: it tests nothing."
        case .outOfRange:
            "A percentage compared with a number outside 0–100."
        case .stemCollision:
            "A one-word phrase or concept word shares its stem with a word every sentence has (\"willing\" is matched as \"will\", so every \"will not\" read as a refusal). Write it with the word that follows it."
        }
    }

    /// A wrong and a right line (or lines) for the doc.
    package var example: (wrong: String, right: String) {
        switch self {
        case .syntax:
            ("require prior_esi_relief_percent => 50", "require prior_esi_relief_percent >= 50")
        case .unterminatedString:
            ("text \"Pain radiates", "text \"Pain radiates down the left leg.\"\n     \"Straight leg raise is positive.\"")
        case .unknownKeyword:
            ("treatmnt facet_joint_injection \"Facet\"\nexample \"x\" expect Approved",
             "treatment facet_joint_injection \"Facet\"\nexample \"x\" expect Overturned")
        case .unknownFact:
            ("require radiculopathy_on_exm", "require radiculopathy_on_exam")
        case .unknownUnit:
            ("fact prior_tpi_relief_weeks number wekes \"Weeks of relief\"", "fact prior_tpi_relief_weeks number weeks \"Weeks of relief\"")
        case .typeMismatch:
            ("require prior_esi_relief_percent\nrequire laterality == up", "require prior_esi_relief_percent >= 50\nrequire laterality == left")
        case .repeatedClause:
            ("criterion pt.repeat \"…\"\n  unless request_is_postoperative\n  unless therapy_course_interrupted",
             "criterion pt.repeat \"…\"\n  unless request_is_postoperative or therapy_course_interrupted")
        case .duplicateID:
            ("criterion esi.exam \"…\"   …   criterion esi.exam \"…\"", "criterion esi.exam \"…\"   …   criterion esi.imaging \"…\"")
        case .missingCitation:
            ("treatment gym_membership \"Gym membership\"\n  requests \"gym membership\"",
             "treatment gym_membership \"Gym membership\"\n  requests \"gym membership\"\n  cites \"ODG (Non-MTUS) Low Back\" section \"Gym memberships\"")
        case .missingRequire:
            ("criterion esi.exam \"Radiculopathy on exam\"\n  missing \"exam findings\"",
             "criterion esi.exam \"Radiculopathy on exam\"\n  require radiculopathy_on_exam\n  missing \"exam findings\"")
        case .missingRequests:
            ("treatment gym_membership \"Gym membership\"\n  cites \"ODG (Non-MTUS) Low Back\" section \"Gym memberships\"",
             "treatment gym_membership \"Gym membership\"\n  requests \"gym membership\", \"YMCA membership\"\n  cites \"ODG (Non-MTUS) Low Back\" section \"Gym memberships\"")
        case .missingPhrases:
            ("fact facet_tenderness bool \"Facet tenderness\"", "fact facet_tenderness bool \"Facet tenderness\"\n  phrases \"facet tenderness\", \"tenderness over the facet joints\"")
        case .unknownHook:
            ("fact age_years number years \"Age\" hook patient_age", "fact age_years number years \"Age\" hook age_years")
        case .unknownReason:
            ("reason not_recomended", "reason not_recommended")
        case .unknownConcept:
            ("phrases \"{pain} ... {spred} ... {limb}\"", "phrases \"{pain} ... {spread} ... {limb}\"")
        case .unknownMeasure:
            ("  improves pian with medication", "  improves pain with medication")
        case .conceptCycle:
            ("concept limb \"…\"\n  words \"{limb} pain\"", "concept limb \"…\"\n  words \"leg\", \"arm\"")
        case .unknownSection:
            ("phrases \"radiculopathy\" in exams", "phrases \"radiculopathy\" in exam")
        case .unreachableCriterion:
            ("when prior_esi_relief_percent >= 80 and prior_esi_relief_percent < 50", "when prior_esi_count >= 1")
        case .unknownTreatment:
            ("treatment h_wave_stimulation \"H-wave\"\n  refines electrotherapie", "treatment h_wave_stimulation \"H-wave\"\n  refines electrotherapy")
        case .refinesCycle:
            ("treatment a \"A\"\n  refines b\ntreatment b \"B\"\n  refines a", "treatment a \"A\"\n  refines b\ntreatment b \"B\"")
        case .orphanCriterion:
            ("criterion esi.exam \"…\"        (first in a file, above any treatment)",
             "treatment epidural_steroid_injection \"…\"\ncriterion esi.exam \"…\"")
        case .orphanExample:
            ("example \"x\" expect Upheld    (first in a file, above any treatment)",
             "treatment epidural_steroid_injection \"…\"\nexample \"x\" expect Upheld")
        case .exampleUnknownFact:
            ("given radiculopathy_on_exm = true", "given radiculopathy_on_exam = true")
        case .unknownCriterion:
            ("status esi.repeat = unmet", "status esi.repeat_response = unmet")
        case .emptyPhrase:
            ("phrases \"radiculopathy\", \"\"", "phrases \"radiculopathy\"")
        case .noRules:
            ("imr-check rules lint Rulez", "imr-check rules lint Rules")
        case .unreadable:
            ("chmod 000 Rules/mtus/devices/knee-brace.rules", "chmod 644 Rules/mtus/devices/knee-brace.rules")
        case .tooManyErrors:
            ("imr-check rules lint --rules photos/", "imr-check rules lint --rules Rules/")
        case .missingExamples:
            ("treatment gym_membership …   (one example, expect Upheld)", "… and an example that expects Overturned")
        case .missingAdvice:
            ("criterion esi.exam \"…\"\n  require radiculopathy_on_exam", "criterion esi.exam \"…\"\n  require radiculopathy_on_exam\n  missing \"exam findings of radiculopathy (reflexes, strength, sensation, straight leg raise)\"")
        case .missingPage:
            ("cites \"MTUS Chronic Pain Medical Treatment Guidelines\"", "cites \"MTUS Chronic Pain Medical Treatment Guidelines\" section \"Epidural steroid injections (ESIs)\" page 46")
        case .missingUnit:
            ("fact prior_esi_relief_percent number \"Relief\"", "fact prior_esi_relief_percent number percent \"Relief\"")
        case .ambiguousRequest:
            ("two families both list requests \"knee brace\"", "one lists it; the other says 'refines durable_medical_equipment'")
        case .emptyExample:
            ("example \"x\" expect Upheld", "example \"x\" expect Upheld\n  given radiculopathy_on_exam = false")
        case .outOfRange:
            ("require prior_esi_relief_percent >= 500", "require prior_esi_relief_percent >= 50")
        case .stemCollision:
            ("concept motivated \"…\"\n  words \"willing\"", "concept motivated \"…\"\n  words \"willing to\"")
        }
    }

    /// The generated part of `docs/diagnostics.md`: every code, its meaning, a wrong and a right example.
    package static var markdown: String {
        var s = ""
        for severity in [Diagnostic.Severity.error, .warning] {
            s += severity == .error ? "## Errors\n\n" : "## Warnings\n\nWarnings do not make the rules invalid, unless `--strict`.\n\n"
            for code in allCases where code.severity == severity {
                s += "### `\(code.rawValue)`\n\(code.explanation)\n```\n"
                s += indent("wrong: ", code.example.wrong) + indent("right: ", code.example.right)
                s += "```\n\n"
            }
        }
        return s
    }

    private static func indent(_ label: String, _ text: String) -> String {
        let pad = String(repeating: " ", count: label.count)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset == 0 ? label : pad) + $0.element + "\n" }.joined()
    }
}
