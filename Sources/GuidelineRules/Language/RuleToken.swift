/// A lexical token of a rule file.
public struct RuleToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case identifier, string, number, date
        case comparison    // >= <= > < == !=
        case equals        // = (in example `given` assignments)
        case comma, semicolon, lparen, rparen, lbracket, rbracket
        case plus          // + (sums of counts and numbers)
        case invalid
    }
    public var kind: Kind
    /// The token's value: the identifier, the string's contents (unescaped), the number's digits.
    public var text: String
    public var line: Int
    /// 1-based column, counted in characters.
    public var column: Int
    /// Length in characters of the token as written (for carets).
    public var length: Int

    public var isKeyword: Bool { kind == .identifier }
    public func isWord(_ word: String) -> Bool { kind == .identifier && text == word }
}

/// One logical line of a rule file: a keyword and its arguments, joined across continuation lines.
public struct RuleLine: Sendable {
    public var keyword: RuleToken
    public var arguments: [RuleToken]
    /// Indentation (in columns) of the line's first physical line; 0 for a declaration head.
    public var indent: Int
    /// Physical line number of the last token, for "expected more" diagnostics.
    public var lastLine: Int
}

/// A declaration (`treatment`, `fact`, `criterion`, `example`, `trigger` …) with its indented clauses.
public struct RuleDeclaration: Sendable {
    public var head: RuleLine
    public var clauses: [RuleLine]
    public var file: String
}
