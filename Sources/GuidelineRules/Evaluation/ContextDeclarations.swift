/// The context rules (ConText triggers) as declared in `Rules/context/*.rules`.
public struct ContextDeclarations: Sendable {
    public struct Trigger: Sendable {
        public var category: String
        public var direction: String
        public var phrases: [String]
        public var scope: Int?
    }
    public var triggers: [Trigger] = []
    public var pseudo: [String] = []
    public var terminators: [String] = []
    public var attributions: [(who: String, phrases: [String])] = []
}
