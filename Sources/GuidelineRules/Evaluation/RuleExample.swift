import IMRParse

public struct RuleExample: Sendable {
    public var name: String
    public var expect: Decision
    public var request: String?
    public var text: String?
    public var date: CalendarDay?
    public var given: [(fact: Int, value: FactValue)]
    public var statuses: [(criterion: String, status: CriterionStatus)]
    public var todo: String?
    public var file: String
    public var line: Int
}
