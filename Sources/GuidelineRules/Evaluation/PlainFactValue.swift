import IMRParse

/// A fact's value as a `FactSet` stores it: a tag and eight bytes, no reference (a text is an index
/// into the set's `FactTexts` or its own extra texts).
///
/// A set is made for every item with a value for each of the book's ~300 facts; stored as
/// `FactValue`s (whose text case holds a String) they were copied and destroyed one by one through
/// the enum's value witnesses, with the set and with each trial of the assessment.
package struct PlainFactValue: Sendable, Equatable {
    package enum Tag: UInt8, Sendable { case unknown, bool, number, text, date }
    package var tag: Tag
    /// bool: 0 or 1; number: the Double's bits; text: the text's index; date: the day number.
    package var bits: UInt64

    package static let unknown = PlainFactValue(tag: .unknown, bits: 0)
    package static func bool(_ b: Bool) -> PlainFactValue { PlainFactValue(tag: .bool, bits: b ? 1 : 0) }
    package static func number(_ d: Double) -> PlainFactValue { PlainFactValue(tag: .number, bits: d.bitPattern) }
    package static func text(_ index: Int) -> PlainFactValue { PlainFactValue(tag: .text, bits: UInt64(index)) }
    package static func date(_ d: CalendarDay) -> PlainFactValue { PlainFactValue(tag: .date, bits: UInt64(bitPattern: Int64(d.dayNumber))) }

    package var isKnown: Bool { tag != .unknown }
    package var bool: Bool? { tag == .bool ? bits != 0 : nil }
    /// A number, or a date as its day number (what comparisons read).
    package var number: Double? {
        switch tag {
        case .number: Double(bitPattern: bits)
        case .date: Double(Int64(bitPattern: bits))
        default: nil
        }
    }
    package var textIndex: Int? { tag == .text ? Int(bits) : nil }
    package var day: CalendarDay? { tag == .date ? CalendarDay(dayNumber: Int(Int64(bitPattern: bits))) : nil }
}

/// The texts a rule book's facts can take (every enum value), shared by every `FactSet` of a run:
/// a text value is stored as its index here. Texts outside it (a string fact's, a hook's unforeseen
/// value) are kept by the set itself.
package final class FactTexts: Sendable {
    package let strings: [String]
    private let indexOf: [String: Int]

    package init(_ strings: [String]) {
        self.strings = strings
        var indexOf: [String: Int] = [:]
        for (i, s) in strings.enumerated() where indexOf[s] == nil { indexOf[s] = i }
        self.indexOf = indexOf
    }

    package func index(of s: String) -> Int? { indexOf[s] }

    /// For sets made without a rule book's texts (tests): every text is the set's own.
    package static let none = FactTexts([])
}
