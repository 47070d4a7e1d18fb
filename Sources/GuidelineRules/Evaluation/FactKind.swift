public enum FactKind: String, Sendable {
    case bool, number, count
    case enumeration = "enum"
    case date, string
}
