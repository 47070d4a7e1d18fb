/// The byte ranges of an item's labelled fields, one slot per `FieldLabel`: three optionals instead of
/// a dictionary, so that an item draft costs no hashing and no allocation.
struct FieldRanges: Sendable {
    private var claimsAdministrator: Range<Int>?
    private var reviewer: Range<Int>?
    private var rationale: Range<Int>?

    subscript(_ label: FieldLabel) -> Range<Int>? {
        get {
            switch label {
            case .claimsAdministrator: claimsAdministrator
            case .reviewer: reviewer
            case .rationale: rationale
            }
        }
        set {
            switch label {
            case .claimsAdministrator: claimsAdministrator = newValue
            case .reviewer: reviewer = newValue
            case .rationale: rationale = newValue
            }
        }
    }

    var isEmpty: Bool { claimsAdministrator == nil && reviewer == nil && rationale == nil }

    /// The last label (in letter order) that has a field.
    var highest: FieldLabel? {
        rationale != nil ? .rationale : reviewer != nil ? .reviewer : claimsAdministrator != nil ? .claimsAdministrator : nil
    }
}
