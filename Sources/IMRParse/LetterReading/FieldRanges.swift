/// The byte ranges of an item's labelled fields, one slot per `FieldLabel`: optionals instead of a
/// dictionary, so that an item draft costs no hashing and no allocation.
struct FieldRanges: Sendable {
    private var claimsAdministrator: Range<Int>?
    private var reviewer: Range<Int>?
    private var rationale: Range<Int>?
    private var decision: Range<Int>?
    private var title: Range<Int>?

    subscript(_ label: FieldLabel) -> Range<Int>? {
        get {
            switch label {
            case .claimsAdministrator: claimsAdministrator
            case .reviewer: reviewer
            case .rationale: rationale
            case .decision: decision
            case .title: title
            // The UR's own decision is read past, never kept: no slot (a draft is copied often).
            case .urDecision: nil
            }
        }
        set {
            switch label {
            case .claimsAdministrator: claimsAdministrator = newValue
            case .reviewer: reviewer = newValue
            case .rationale: rationale = newValue
            case .decision: decision = newValue
            case .title: title = newValue
            case .urDecision: break
            }
        }
    }

    /// No guideline, rationale or decision field.
    var isEmpty: Bool { claimsAdministrator == nil && reviewer == nil && rationale == nil && decision == nil }

    /// The last of the guideline and rationale labels (in letter order) that has a field.
    var highest: FieldLabel? {
        rationale != nil ? .rationale : reviewer != nil ? .reviewer : claimsAdministrator != nil ? .claimsAdministrator : nil
    }
}
