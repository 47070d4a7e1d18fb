/// Fixed vocabularies the checker validates against: treatment ids read by outside checks,
/// reason codes, units, assertion categories, and the Swift fact hooks.
package enum Vocabulary {
    /// The treatment ids of the design (outside checks read them: add freely, rename none).
    package static let treatmentIDs: [String] = [
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

    /// Reason codes (the digest's cross-cutting denial reasons, plus `no_indication` and
    /// `monitoring_not_documented` for ongoing-treatment monitoring such as the opioid 4 A's).
    package static let reasonCodes: [String] = [
        "no_functional_improvement", "insufficient_prior_response", "request_incomplete", "quantity_exceeds_guideline",
        "not_recommended", "no_objective_findings", "first_line_not_tried", "no_rationale", "duration_exceeded",
        "component_not_recommended", "no_indication", "monitoring_not_documented",
    ]

    package static let units: [String] = [
        "percent", "weeks", "months", "days", "hours", "years", "mg", "mg_per_day", "per_week", "per_day", "score", "bmi", "grams",
    ]

    package static let assertions: [String] = ["affirmed", "negated", "possible", "historical", "hypothetical", "other_person", "guideline"]
    package static let attributions: [String] = ["treater", "reviewer", "utilization_review", "patient", "records"]
    package static let directions: [String] = ["forward", "backward", "both", "sentence"]
}
