/// A lexical token of a rule file.
package struct RuleToken: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case identifier, string, number, date
        case comparison    // >= <= > < == !=
        case equals        // = (in example `given` assignments)
        case comma, semicolon, lparen, rparen, lbracket, rbracket
        case plus          // + (sums of counts and numbers)
        case invalid
    }
    package var kind: Kind
    /// The token's value: the identifier, the string's contents (unescaped), the number's digits.
    package var text: String
    package var line: Int
    /// 1-based column, counted in characters.
    package var column: Int
    /// Length in characters of the token as written (for carets).
    package var length: Int

    package var isKeyword: Bool { kind == .identifier }
    package func isWord(_ word: String) -> Bool { kind == .identifier && text == word }
}

/// One logical line of a rule file: a keyword and its arguments, joined across continuation lines.
package struct RuleLine: Sendable {
    package var keyword: RuleToken
    package var arguments: [RuleToken]
    /// Indentation (in columns) of the line's first physical line; 0 for a declaration head.
    package var indent: Int
    /// Physical line number of the last token, for "expected more" diagnostics.
    package var lastLine: Int
}

/// A declaration (`treatment`, `fact`, `criterion`, `example`, `trigger` …) with its indented clauses.
package struct RuleDeclaration: Sendable {
    package var head: RuleLine
    package var clauses: [RuleLine]
    package var file: String
}
