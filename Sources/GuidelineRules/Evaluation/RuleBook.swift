import IMRParse

/// The checked, compiled rules of a folder: facts, treatments with their criteria and examples,
/// and the context rules for assertion detection. Built once per run by `RuleBook.load`; read-only
/// and shared by every worker thread afterwards.
public final class RuleBook: Sendable {
    public let facts: [FactDefinition]
    public let treatments: [Treatment]
    public let ancillaryPhrases: [String]
    public let context: ContextDeclarations
    public let files: [String]
    private let factIndex: [String: Int]
    private let treatmentIndex: [String: Int]

    init(facts: [FactDefinition], treatments: [Treatment], ancillaryPhrases: [String], context: ContextDeclarations, files: [String]) {
        self.facts = facts
        self.treatments = treatments
        self.ancillaryPhrases = ancillaryPhrases
        self.context = context
        self.files = files
        var fi: [String: Int] = [:]
        for (i, f) in facts.enumerated() { fi[f.name] = i }
        factIndex = fi
        var ti: [String: Int] = [:]
        for (i, t) in treatments.enumerated() { ti[t.id] = i }
        treatmentIndex = ti
        for t in treatments {
            for c in t.criteria { c.prepareJSON(treatment: t.id, factNames: c.allFacts.map { facts[$0].name }) }
        }
    }

    public func factSlot(_ name: String) -> Int? { factIndex[name] }
    public func treatment(_ id: String) -> Treatment? { treatmentIndex[id].map { treatments[$0] } }
    public var criterionCount: Int { treatments.reduce(0) { $0 + $1.criteria.count } }
}

public enum FactKind: String, Sendable {
    case bool, number, count
    case enumeration = "enum"
    case date, string
}

/// Where a fact's value comes from.
public enum FactSource: Sendable, Equatable {
    /// Clinical text (a letter's case summary and rationale, or a draft narrative).
    case narrative
    /// The request as submitted: a phrase present makes the fact true, absent makes it false.
    case request
    /// Computed in Swift (see `FactHooks`), for the few facts that need code.
    case hook(String)
}

/// How a fact is defined in the rule files, and how it is found in text.
public struct FactDefinition: Sendable {
    public var name: String
    public var kind: FactKind
    public var unit: String?
    public var enumValues: [String]
    public var description: String
    public var source: FactSource
    /// Mentions that make a bool fact true (affirmed) or false (negated).
    public var phrases: [String]
    /// Mentions that, when affirmed, make a bool fact false ("bulging discs without compromise").
    public var denials: [String]
    /// Mentions that, when negated, make a bool fact false ("straight leg raise was negative"),
    /// and settle nothing when affirmed ("straight leg raise testing was done").
    public var negatives: [String]
    /// For enum facts: the phrases that select each value.
    public var valuePhrases: [(value: String, phrases: [String])]
    /// For number facts: the number must be within `within` words of one of these phrases…
    public var near: [String]
    /// …and the sentence must mention one of these (what the number is about), if any are given.
    public var anchors: [String]
    public var within: Int
    /// For count facts: the event whose distinct occurrences are counted.
    public var events: [String]
    /// Assertion categories that count as the patient having the fact.
    public var acceptedAssertions: Set<String>
    public var file: String
    public var line: Int
}

/// "MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections, p.46".
public struct RuleCitation: Sendable {
    public let guideline: String
    public let section: String?
    public let pages: [Int]
    /// "MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections p.46": made once
    /// (it is written into every criterion of every prediction).
    public let text: String

    public init(guideline: String, section: String?, pages: [Int]) {
        self.guideline = guideline
        self.section = section
        self.pages = pages
        var s = guideline
        if let section { s += ", " + section }
        if !pages.isEmpty { s += " " + PageList.format(pages) }
        text = s
    }
}

public enum PageList {
    /// "p.46", "pp.98-99", "pp.60, 111-113".
    public static func format(_ pages: [Int]) -> String {
        var runs: [String] = []
        var i = 0
        while i < pages.count {
            var j = i
            while j + 1 < pages.count, pages[j + 1] == pages[j] + 1 { j += 1 }
            runs.append(j > i ? "\(pages[i])-\(pages[j])" : "\(pages[i])")
            i = j + 1
        }
        return (pages.count == 1 ? "p." : "pp.") + runs.joined(separator: ", ")
    }
}

/// A span of dates (day numbers) during which a guideline edition is in force.
public struct DateWindow: Sendable, Equatable {
    public var from: Int?
    public var to: Int?
    public static let always = DateWindow(from: nil, to: nil)
    public func contains(_ day: Int) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }
    public var description: String {
        switch (from, to) {
        case (nil, nil): "all editions"
        case (let f?, nil): "from \(CivilDate.iso(days: f))"
        case (nil, let t?): "until \(CivilDate.iso(days: t))"
        case (let f?, let t?): "\(CivilDate.iso(days: f)) to \(CivilDate.iso(days: t))"
        }
    }
}

/// One criterion of a treatment, immutable once the rule book is built.
///
/// A class: every assessment result holds its criterion, and copying a struct of a dozen strings
/// and conditions per result was a measurable share of predicting (one retain now). The checker
/// fills in an inherited citation while building the book, before any other thread sees it.
public final class Criterion: @unchecked Sendable {
    public let id: String
    public let text: String
    /// Applies only when this is shown true (unknown → not applicable).
    public let when: Condition?
    /// Applies unless this is shown true (unknown → applies).
    public let unless: Condition?
    public let require: Condition
    public internal(set) var citation: RuleCitation {
        didSet { citationMember = EncodedMember("citation", citation.text) }
    }
    public let reason: String?
    public let missing: String?
    public let window: DateWindow
    public let file: String
    public let line: Int
    /// Source text of the conditions, for `rules explain`.
    public let whenText: String?
    public let unlessText: String?
    public let requireText: String
    /// The slots `when`, `unless` and `require` read, worked out once.
    public let whenFacts: [Int]
    public let unlessFacts: [Int]
    public let requireFacts: [Int]
    /// `require`'s slots, then the others', each once.
    public let allFacts: [Int]
    /// The note of a result that does not apply, by `NotApplicable.rawValue`, and its JSON: made
    /// once here (building it per result was a fifth of assessing).
    let notes: [String]
    let noteMembers: [EncodedMember]
    /// The JSON members every result of this criterion writes, encoded once.
    let idMember: EncodedMember
    let textMember: EncodedMember
    let reasonMember: EncodedMember
    let missingMember: EncodedMember
    private(set) var citationMember: EncodedMember
    /// The treatment the criterion belongs to, as a member, and the keys of `allFacts` (set once
    /// the book is built: a criterion does not know its treatment or the facts' names before).
    private(set) var owner: (id: String, member: EncodedMember)?
    private(set) var allFactKeys: [EncodedKey] = []

    func prepareJSON(treatment: String, factNames: [String]) {
        owner = (treatment, EncodedMember("treatment", treatment))
        allFactKeys = factNames.map { EncodedKey($0) }
    }

    public init(id: String, text: String, when: Condition?, unless: Condition?, require: Condition, citation: RuleCitation,
                reason: String?, missing: String?, window: DateWindow, file: String, line: Int,
                whenText: String?, unlessText: String?, requireText: String) {
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
        notes = NotApplicable.allCases.map { reason in
            switch reason {
            case .otherEdition: "another guideline edition is in force (\(window.description))"
            case .whenFalse: "applies only when \(whenText ?? "")"
            case .whenUnknown: "applies only when \(whenText ?? ""), which the record does not show"
            case .unlessTrue: "does not apply because \(unlessText ?? "")"
            }
        }
        noteMembers = notes.map { EncodedMember("note", $0) }
        idMember = EncodedMember("id", id)
        textMember = EncodedMember("text", text)
        reasonMember = EncodedMember("reason", reason)
        missingMember = EncodedMember("missing", missing)
        citationMember = EncodedMember("citation", citation.text)
    }
}

/// Why a criterion does not apply to a request (each criterion words its own note for each).
enum NotApplicable: Int, CaseIterable, Sendable {
    /// The request's date falls outside the criterion's or its treatment's edition.
    case otherEdition
    /// Its `when` is false…
    case whenFalse
    /// …or unknown.
    case whenUnknown
    /// Its `unless` is true.
    case unlessTrue
}

public struct Treatment: Sendable {
    public var id: String
    public var name: String
    public var requests: [String]
    /// Words that make a request this treatment whatever else it names ("cream": a gabapentin cream
    /// is a topical, its drugs are ingredients, not a bundle with oral gabapentin).
    public var claims: [String]
    public var citation: RuleCitation
    public var window: DateWindow
    public var criteria: [Criterion]
    public var examples: [RuleExample]
    public var file: String
    public var line: Int
}

public struct RuleExample: Sendable {
    public var name: String
    public var expect: Decision
    public var request: String?
    public var text: String?
    public var date: Int?
    public var given: [(fact: Int, value: FactValue)]
    public var statuses: [(criterion: String, status: CriterionStatus)]
    public var todo: String?
    public var file: String
    public var line: Int
}

/// The context rules (ConText triggers) as declared in `Rules/context/*.rules`.
public struct ContextDeclarations: Sendable {
    public struct Trigger: Sendable {
        public var category: String
        public var direction: String
        public var phrases: [String]
        public var scope: Int?
    }
    public var triggers: [Trigger] = []
    public var pseudo: [String] = []
    public var terminators: [String] = []
    public var attributions: [(who: String, phrases: [String])] = []
}
