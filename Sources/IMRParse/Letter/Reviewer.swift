/// The reviewer's qualifications as the letter states them.
public struct Reviewer: Sendable {
    public var specialty: Located<String>?
    public var subspecialty: Located<String>?
    public var licensure: [Located<String>] = []
    public init() {}
}
