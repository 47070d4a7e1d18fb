/// A fact a criterion read, and its value. A struct rather than a `(name:, value:)` tuple: arrays
/// of tuples are copied and destroyed through the runtime's generic tuple witnesses, which was a
/// third of freeing a prediction.
public struct FactReading: Sendable {
    public var name: String
    public var value: FactValue

    public init(name: String, value: FactValue) {
        self.name = name
        self.value = value
    }
}
