/// A value found in a source text, with the byte range it was read from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var range: Range<Int>
    public init(_ value: Value, _ range: Range<Int>) {
        self.value = value
        self.range = range
    }
}
