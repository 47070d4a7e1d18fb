/// The context rules (ConText triggers) as declared in `Rules/context/*.rules`.
package struct ContextDeclarations: Sendable {
    package struct Trigger: Sendable {
        package var category: String
        package var direction: String
        package var phrases: [String]
        package var scope: Int?
    }
    package var triggers: [Trigger] = []
    package var pseudo: [String] = []
    package var terminators: [String] = []
    package var attributions: [(who: String, phrases: [String])] = []
}
