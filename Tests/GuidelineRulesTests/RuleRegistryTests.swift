import Foundation
import IMRParse
import Testing
@testable import GuidelineRules

/// The rule files are the registry of treatment families: a new id needs no Swift change, a family
/// can refine a design family and report as its id, and the design's ids stay declared.
@Suite struct RuleRegistryTests {
    /// The treatment ids of the design (../shared/design.md), which outside checks read: none may
    /// disappear or be renamed, and each is reported as itself (it refines nothing). This list is a
    /// check on the rule files, not a whitelist: new ids are welcome.
    static let designIDs = [
        "epidural_steroid_injection", "facet_joint_injection", "medial_branch_block", "radiofrequency_ablation",
        "sacroiliac_joint_injection", "sympathetic_block", "trigger_point_injection",
        "physical_therapy", "occupational_therapy", "chiropractic_manipulation", "acupuncture", "massage_therapy",
        "aquatic_therapy", "work_conditioning", "functional_restoration_program", "biofeedback",
        "opioid", "nsaid", "proton_pump_inhibitor", "muscle_relaxant", "anticonvulsant", "antidepressant",
        "topical_analgesic", "sleep_aid", "benzodiazepine", "medical_food",
        "electrotherapy", "cold_therapy_unit", "durable_medical_equipment",
        "mri", "ct_scan", "xray", "mra", "electrodiagnostic_study", "urine_drug_screen",
        "surgery_spinal_decompression", "surgery_spinal_fusion", "surgery_shoulder", "surgery_knee", "surgery_carpal_tunnel",
        "referral_consult", "office_visit", "psychological_evaluation", "psychotherapy", "home_health_care", "gym_membership",
    ]

    @Test func designIDsAreDeclaredAndReportAsThemselves() throws {
        let book = try #require(RuleTestSupport.projectBook)
        for id in Self.designIDs {
            let t = book.treatment(id)
            #expect(t != nil, "design id '\(id)' is no longer declared in Rules/")
            #expect(t?.refines == nil && t?.reportedID == id, "design id '\(id)' must report as itself")
        }
    }

    /// The requests the design id of a family refined from it always had keep that id as `treatment`.
    @Test func refiningFamiliesKeepTheDesignID() throws {
        let analyzer = Analyzer(book: try #require(RuleTestSupport.projectBook))
        let cases: [(String, String, String)] = [
            ("H-wave unit 30 day trial", "electrotherapy", "h_wave_stimulation"),
            ("Interferential unit rental", "electrotherapy", "interferential_stimulation"),
            ("TENS/H-wave combination unit", "electrotherapy", "electrotherapy"),
            ("Lumbar brace", "durable_medical_equipment", "lumbar_support"),
            ("Hinged knee brace", "durable_medical_equipment", "knee_brace"),
            ("Cervical traction unit", "durable_medical_equipment", "traction_unit"),
            ("Custom orthotics", "durable_medical_equipment", "orthotics"),
            ("Front-wheeled walker", "durable_medical_equipment", "durable_medical_equipment"),
            ("Toradol 60 mg IM injection x1", "nsaid", "ketorolac_injection"),
            ("Toradol 10 mg #20", "nsaid", "nsaid"),
            ("Synvisc-One injection right knee", "hyaluronic_acid_injection", "hyaluronic_acid_injection"),
            ("Spinal cord stimulator trial", "spinal_cord_stimulator", "spinal_cord_stimulator"),
        ]
        for (request, treatment, family) in cases {
            let r = analyzer.parseRequest(request)
            #expect(r.treatment == treatment, "\(request): treatment \(r.treatment ?? "nil")")
            #expect(r.family == family, "\(request): family \(r.family ?? "nil")")
        }
        let source = SourceText(path: "x", string: "")
        let json = analyzer.predict("H-wave unit purchase", source: source, regions: [], context: CaseContext()).json(source: source, book: analyzer.book).compact
        #expect(json.contains("\"treatment\":\"electrotherapy\",\"family\":\"h_wave_stimulation\""), "\(json.prefix(300))")
    }

    static let small = """
    fact a bool "a"
      phrases "alpha"
    fact w bool "w"
      phrases "wide"

    """ + RuleTestSupport.family("device", requests: ["device", "widget unit"], fact: "a")
        + RuleTestSupport.family("widget", requests: ["widget"], fact: "w", clauses: ["refines device"])
        + RuleTestSupport.family("shot", requests: ["device shot"], fact: "a", clauses: ["refines device when \"injection\", \"IM\""])

    @Test func refinementSelectsAndReports() throws {
        let result = RuleTestSupport.check(Self.small)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.headline))")
        let book = try #require(result.book)
        let analyzer = Analyzer(book: book)
        func families(_ text: String) -> [String] { analyzer.parseRequest(text).families }
        #expect(families("device") == ["device"])
        #expect(families("widget unit") == ["widget"])        // the parent's phrase, and the item says "widget"
        #expect(families("widget") == ["widget"])
        #expect(families("device IM") == ["shot"])            // a `when` word in the item
        #expect(families("device shot") == ["shot"])
        #expect(families("device and widget") == ["device", "widget"])
        #expect(analyzer.parseRequest("widget unit").components == ["device"])
        #expect(book.treatment("shot")?.reportedID == "device")
    }

    @Test func newIDsNeedNoSwiftAndRefinementsAreChecked() {
        // A new id: no warning of any kind.
        #expect(RuleTestSupport.check(Self.small).diagnostics.isEmpty)
        let unknown = RuleTestSupport.check(Self.small.replacingOccurrences(of: "refines device when", with: "refines devise when"))
        #expect(unknown.errors.map(\.code) == ["unknown-treatment"])
        #expect(unknown.errors.first?.hint == "did you mean 'device'?")
        let cycle = RuleTestSupport.check(Self.small.replacingOccurrences(of: "treatment device \"device\"",
                                                                          with: "treatment device \"device\"\n  refines widget"))
        #expect(cycle.errors.map(\.code).allSatisfy { $0 == "refines-cycle" } && !cycle.errors.isEmpty)
        // A phrase shared with the refined family is not ambiguous; shared with another family it is.
        let shared = RuleTestSupport.check(Self.small.replacingOccurrences(of: "requests \"widget\"\n", with: "requests \"widget\", \"device\"\n"))
        #expect(shared.diagnostics.isEmpty)
        let siblings = RuleTestSupport.check(Self.small.replacingOccurrences(of: "requests \"device shot\"", with: "requests \"device shot\", \"widget\""))
        #expect(siblings.warnings.map(\.code) == ["ambiguous-request"])
    }
}

/// One root error per mistake, with the operator meant and did-you-mean hints.
@Suite struct RuleDiagnosticHintTests {
    static func rules(_ require: String, unit: String = "percent") -> String {
        """
        fact relief number \(unit) "relief"
          near "relief"
        treatment gym_membership "Gym"
          requests "gym membership"
          cites "ODG (Non-MTUS) Low Back" section "Gym memberships"
        criterion gym.relief "relief"
          require \(require)
          missing "relief"
        example "yes" expect Overturned
          given relief = 60
          status gym.relief = met
        example "no" expect Upheld
          given relief = 10
          status gym.relief = unmet
        """
    }

    @Test func operatorTyposGetTheOperatorMeant() {
        for (written, meant) in [("relief => 50", ">="), ("relief =< 50", "<="), ("relief <> 50", "!="), ("relief = 50", "==")] {
            let r = RuleTestSupport.check(Self.rules(written))
            #expect(r.errors.count == 1, "\(written): \(r.errors.map(\.headline))")
            #expect(r.errors.first?.code == "syntax")
            #expect(r.errors.first?.hint?.contains("'\(meant)'") == true, "\(written): \(r.errors.first?.hint ?? "")")
        }
    }

    @Test func unknownUnitIsAnErrorWithDidYouMean() {
        let r = RuleTestSupport.check(Self.rules("relief >= 50", unit: "percnt"))
        #expect(r.errors.map(\.code) == ["unknown-unit"])
        #expect(r.errors.first?.hint == "did you mean 'percent'?")
    }

    @Test func aBrokenCriterionDoesNotCascadeIntoItsExamples() {
        let r = RuleTestSupport.check(Self.rules("relief >= 50 and (relif"))
        #expect(r.errors.count == 1, "\(r.errors.map(\.headline))")
        let unknown = RuleTestSupport.check(Self.rules("releif >= 50"))
        #expect(unknown.errors.map(\.code) == ["unknown-fact"])
        #expect(unknown.errors.first?.hint == "did you mean 'relief'?")
        let brokenFact = RuleTestSupport.check(Self.rules("relief >= 50").replacingOccurrences(of: "fact relief number percent", with: "fact relief numbr"))
        #expect(brokenFact.errors.map(\.code) == ["unknown-keyword"], "\(brokenFact.errors.map(\.headline))")
    }
}
