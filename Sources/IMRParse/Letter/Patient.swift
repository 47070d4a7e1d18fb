/// What the letter says about the injured worker.
public struct Patient: Sendable {
    public var age: Located<Int>?
    /// "male" or "female".
    public var sex: Located<String>?
    /// ISO 8601 date of injury.
    public var injuryDate: Located<String>?
    public init() {}
}
