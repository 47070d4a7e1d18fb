import IMRParse

public struct RuleExample: Sendable {
    public var name: String
    public var expect: Decision
    public var request: String?
    public var text: String?
    public var date: CalendarDay?
    package var given: [(fact: Int, value: FactValue)]
    package var statuses: [(criterion: String, status: CriterionStatus)]
    public var todo: String?
    public var file: String
    public var line: Int
}
