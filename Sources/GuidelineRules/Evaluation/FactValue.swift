import IMRParse

/// The value of one fact for one case: unknown, or a boolean, number, enum value, text or date.
public enum FactValue: Sendable, Equatable {
    case unknown
    case bool(Bool)
    case number(Double)
    /// An enum value's name, or a string fact's text.
    case text(String)
    case date(CalendarDay)

    public var isKnown: Bool { self != .unknown }

    public var json: JSONValue {
        switch self {
        case .unknown: .null
        case .bool(let b): .bool(b)
        case .number(let d): .double(d)
        case .text(let s): .string(s)
        case .date(let d): .string(d.iso)
        }
    }
}
