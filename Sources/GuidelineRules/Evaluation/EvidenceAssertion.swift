import IMRParse

/// How a piece of evidence states its fact: what a mention in the narrative asserts, or that the
/// value was read from the request text (`request`) or stated by a rule example (`given`).
///
/// A one-byte value rather than its name: evidence is made for every mention and copied into every
/// result, and three Strings per evidence cost reference counting on each copy.
package enum EvidenceAssertion: Sendable, Hashable {
    case mention(Assertion)
    case request
    case given

    /// The name written in the outputs: the assertion's name, `request` or `given`.
    package var name: String {
        switch self {
        case .mention(let a): a.rawValue
        case .request: "request"
        case .given: "given"
        }
    }

    /// The evidence assertion named `name`, nil for an unknown name.
    package init?(name: String) {
        switch name {
        case "request": self = .request
        case "given": self = .given
        default:
            guard let a = Assertion(rawValue: name) else { return nil }
            self = .mention(a)
        }
    }
}
