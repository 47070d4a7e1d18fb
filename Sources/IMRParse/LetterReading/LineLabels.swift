/// The field label that starts each line, read once for the whole letter (by `SectionFinder.read`,
/// which reads every line's start anyway) and looked up by the item scanner: a label costs a trie
/// walk and, when no listed wording matches, a reading of its words (`LabelMeaning`).
struct LineLabels: Sendable {
    /// Per line: the label's raw value, or -1.
    private var kinds: [Int8]
    /// Per line: where the label's value begins.
    private var values: [Int32]

    init(count: Int) {
        kinds = [Int8](repeating: -1, count: count)
        values = [Int32](repeating: 0, count: count)
    }

    mutating func set(_ k: Int, _ label: FieldLabel, valueStart: Int) {
        kinds[k] = Int8(label.rawValue)
        values[k] = Int32(valueStart)
    }

    /// Whether the labels were read (a letter whose listed headings are enough has none read).
    var isRead: Bool { !kinds.isEmpty }

    /// The label that starts line `k` and where its value begins, if any.
    @inline(__always)
    func label(_ k: Int) -> (FieldLabel, Int)? {
        guard k < kinds.count, kinds[k] >= 0, let label = FieldLabel(rawValue: Int(kinds[k])) else { return nil }
        return (label, Int(values[k]))
    }
}
