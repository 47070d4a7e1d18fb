import IMRParse

// Tests on IMRParse values that the fact extractor makes per token and per mention, written in this
// module: `package` declarations are not optimised across modules as `public` ones are (the
// synthesized `==` of a package enum, or a computed property of a package type, is called into the
// other module instead of inlined), while a pattern match on a stored enum reads its tag in place.
extension Token {
    var isWord: Bool { if case .word = kind { true } else { false } }
    var isNumber: Bool { if case .number = kind { true } else { false } }
    var isPunct: Bool { if case .punct = kind { true } else { false } }
    /// `range`, computed here.
    var byteRange: Range<Int> { Int(start)..<Int(end) }
}

extension Assertion {
    // Matched by case: `==` on this raw-value enum ran through the generic Equatable witness per mention.
    var isAffirmed: Bool { if case .affirmed = self { true } else { false } }
    var isNegated: Bool { if case .negated = self { true } else { false } }
    var isHistorical: Bool { if case .historical = self { true } else { false } }
    /// Categories whose trigger, inside a phrase, belongs to the phrase ("absent ankle reflex").
    var isPhraseOwned: Bool {
        switch self {
        case .negated, .possible, .hypothetical: true
        default: false
        }
    }

    /// One bit per category, at the category's `precedence` (the extractor's sets of accepted categories).
    var bit: UInt8 {
        switch self {
        case .affirmed: 1 << 0
        case .historical: 1 << 1
        case .possible: 1 << 2
        case .negated: 1 << 3
        case .otherPerson: 1 << 4
        case .hypothetical: 1 << 5
        case .guideline: 1 << 6
        }
    }
}
