/// The context rules (ConText triggers) as declared in `Rules/context/*.rules`.
package struct ContextDeclarations: Sendable {
    package struct Trigger: Sendable {
        package var category: String
        package var direction: String
        package var phrases: [String]
        package var scope: Int?
    }
    package var triggers: [Trigger] = []
    package var pseudo: [String] = []
    package var terminators: [String] = []
    /// `clause_verb` words: after "and", an item holding one is a clause, not a list item.
    package var clauseVerbs: [String] = []
    package var attributions: [(who: String, phrases: [String])] = []
    /// Note sections: kind, headings, default assertion.
    package var sections: [(kind: String, headings: [String], assertion: String?)] = []

    /// The index of a section kind, as `FactDefinition.sectionLimits` and `NoteSections` use it.
    package func sectionIndex(_ kind: String) -> Int? { sections.firstIndex { $0.kind == kind } }

    /// Where a note's requests are: its plan, and a problem list with each problem's plan.
    package var planSections: PlanSections {
        PlanSections(plan: sectionIndex("plan") ?? -1, problemList: sectionIndex("assessment_plan") ?? -1)
    }
}

/// The section kinds (indices) whose lines ask for what they name: `plan` and `assessment_plan`.
package struct PlanSections: Sendable {
    /// -1 when the context rules name no plan section.
    package let plan: Int
    package let problemList: Int

    package var isEmpty: Bool { plan < 0 && problemList < 0 }
    package func contains(_ section: Int) -> Bool { section >= 0 && (section == plan || section == problemList) }
}
