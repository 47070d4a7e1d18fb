/// What the letter says about the injured worker.
public struct Patient: Sendable {
    public var age: Located<Int>?
    /// "male" or "female".
    public var sex: Located<String>?
    /// The date of injury.
    public var injuryDate: Located<CalendarDay>?
    public init() {}
}
