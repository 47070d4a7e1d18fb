import IMRParse

/// One criterion of a treatment, immutable once the rule book is built.
///
/// A class: every assessment result holds its criterion, and copying a struct of a dozen strings
/// and conditions per result was a measurable share of predicting (one retain now). The checker
/// fills in an inherited citation while building the book, before any other thread sees it.
public final class Criterion: @unchecked Sendable {
    public let id: String
    public let text: String
    /// Applies only when this is shown true (unknown → not applicable).
    package let when: Condition?
    /// Applies unless this is shown true (unknown → applies).
    package let unless: Condition?
    package let require: Condition
    public internal(set) var citation: RuleCitation {
        didSet { citationMember = EncodedMember("citation", citation.text) }
    }
    public let reason: String?
    public let missing: String?
    /// Whether the criterion decides the case or supports it, and why (the guideline's words).
    public let role: CriterionRole
    public let roleWhy: String?
    package let window: DateWindow
    public let file: String
    public let line: Int
    /// Source text of the conditions, for `rules explain`.
    public let whenText: String?
    public let unlessText: String?
    public let requireText: String
    /// The slots `when`, `unless` and `require` read, worked out once.
    package let whenFacts: [Int]
    package let unlessFacts: [Int]
    package let requireFacts: [Int]
    /// `require`'s slots, then the others', each once.
    package let allFacts: [Int]
    /// The note of a result that does not apply, by `NotApplicable.rawValue`, and its JSON: made
    /// once here (building it per result was a fifth of assessing).
    let notes: [String]
    let noteMembers: [EncodedMember]
    /// The JSON members every result of this criterion writes, encoded once.
    let idMember: EncodedMember
    let textMember: EncodedMember
    let reasonMember: EncodedMember
    let missingMember: EncodedMember
    let roleMember: EncodedMember
    private(set) var citationMember: EncodedMember
    /// The treatment the criterion belongs to, as a member, and the keys of `allFacts` (set once
    /// the book is built: a criterion does not know its treatment or the facts' names before).
    private(set) var owner: (id: String, member: EncodedMember)?
    private(set) var allFactKeys: [EncodedKey] = []
    /// By status, a compact result object's members from `{` to `missing` (see `PredictionJSON`).
    private(set) var compactHeads: [EncodedBytes] = []

    func prepareJSON(treatment: String, factNames: [String]) {
        owner = (treatment, EncodedMember("treatment", treatment))
        allFactKeys = factNames.map { EncodedKey($0) }
        compactHeads = CriterionStatus.allCases.map { compactHead($0) }
    }

    package init(id: String, text: String, when: Condition?, unless: Condition?, require: Condition, citation: RuleCitation,
                reason: String?, missing: String?, window: DateWindow, file: String, line: Int,
                whenText: String?, unlessText: String?, requireText: String,
                whenLabel: String? = nil, whenWords: String? = nil, unlessLabel: String? = nil, unlessWords: String? = nil,
                role: CriterionRole = .decisive, roleWhy: String? = nil) {
        self.role = role
        self.roleWhy = roleWhy
        self.id = id
        self.text = text
        self.when = when
        self.unless = unless
        self.require = require
        self.citation = citation
        self.reason = reason
        self.missing = missing
        self.window = window
        self.file = file
        self.line = line
        self.whenText = whenText
        self.unlessText = unlessText
        self.requireText = requireText
        whenFacts = when?.factsUsed ?? []
        unlessFacts = unless?.factsUsed ?? []
        requireFacts = require.factsUsed
        var all = requireFacts
        for slot in whenFacts + unlessFacts where !all.contains(slot) { all.append(slot) }
        allFacts = all
        // In plain words: the label the rule gives the situation, else its condition in the facts' own words.
        let when = whenWords ?? whenText ?? "", unless = unlessWords ?? unlessText ?? ""
        notes = NotApplicable.allCases.map { reason in
            switch reason {
            case .otherEdition: "another guideline edition is in force (\(window.description))"
            case .whenFalse: whenLabel.map { "applies only to \($0)" } ?? "applies only when the record shows \(when)"
            case .whenUnknown: whenLabel.map { "applies only to \($0), which the record does not show" }
                ?? "applies only when the record shows \(when), and it does not"
            case .unlessTrue: unlessLabel.map { "does not apply to \($0)" } ?? "does not apply: the record shows \(unless)"
            }
        }
        noteMembers = notes.map { EncodedMember("note", $0) }
        idMember = EncodedMember("id", id)
        textMember = EncodedMember("text", text)
        reasonMember = EncodedMember("reason", reason)
        missingMember = EncodedMember("missing", missing)
        roleMember = EncodedMember("role", role.rawValue)
        citationMember = EncodedMember("citation", citation.text)
    }
}
