/// Kleene's three-valued logic: a fact or condition is true, false, or unknown (undocumented).
///
/// `unknown` is not `false`: IMR denies when the record does not show a criterion is met, but
/// the advice to a physician differs ("document it" rather than "it is not so"), so the third
/// value is kept all the way to the assessment.
package enum Truth: String, Sendable, CaseIterable {
    case yes = "true"
    case no = "false"
    case unknown

    package init(_ b: Bool) { self = b ? .yes : .no }

    package static prefix func ! (t: Truth) -> Truth {
        switch t { case .yes: .no; case .no: .yes; case .unknown: .unknown }
    }
    package static func && (a: Truth, b: Truth) -> Truth {
        if a == .no || b == .no { return .no }
        if a == .yes && b == .yes { return .yes }
        return .unknown
    }
    package static func || (a: Truth, b: Truth) -> Truth {
        if a == .yes || b == .yes { return .yes }
        if a == .no && b == .no { return .no }
        return .unknown
    }
}
