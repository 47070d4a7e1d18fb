/// A field's text and its byte range, the text made only when it is read: a letter's case summary
/// and rationales are most of the letter, and predicting, auditing or reading facts uses only their
/// ranges (making, checking and freeing their strings was a twentieth of parsing a letter). The text
/// is made by the parser's own function over the lines as they stood when the field was read, so it
/// is the text an eager parse made.
package struct LazyText: Sendable {
    package let range: Range<Int>
    private let text: String
    private let make: (@Sendable () -> String)?

    /// A text already made.
    package init(_ located: Located<String>) {
        range = located.range
        text = located.value
        make = nil
    }

    /// A text made by `make` when read.
    package init(range: Range<Int>, make: @escaping @Sendable () -> String) {
        self.range = range
        text = ""
        self.make = make
    }

    /// The same text at another range (a reading of a folded copy mapped back to the letter).
    package func moved(to range: Range<Int>) -> LazyText {
        if let make { return LazyText(range: range, make: make) }
        return LazyText(Located(text, range))
    }

    /// The text with its range (made on every read: outputs read it once).
    package var located: Located<String> { Located(make?() ?? text, range) }
}
