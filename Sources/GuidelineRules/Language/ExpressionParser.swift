/// Parses a condition: `or` binds loosest, then `and`, then `not`, then comparisons and `in [..]`.
///
/// Nesting is limited (64 levels) so that a hostile file cannot overflow the stack.
struct ExpressionParser {
    let tokens: [RuleToken]
    let end: RuleToken
    var position = 0
    var depth = 0
    var errors: [(RuleToken, String, String?)] = []
    static let maximumDepth = 64

    init(tokens: [RuleToken], end: RuleToken) {
        self.tokens = tokens
        self.end = end
    }

    mutating func parse() -> ExpressionSyntax? {
        guard !tokens.isEmpty else {
            errors.append((end, "'\(end.text)' needs a condition", "for example 'radiculopathy_on_exam and prior_esi_relief_percent >= 50'"))
            return nil
        }
        let e = parseOr()
        if errors.isEmpty, position < tokens.count {
            errors.append((tokens[position], "unexpected '\(tokens[position].text)' in the condition", "join conditions with 'and' or 'or'"))
        }
        return e
    }

    private var current: RuleToken? { position < tokens.count ? tokens[position] : nil }

    private mutating func parseOr() -> ExpressionSyntax? {
        guard var first = parseAnd() else { return nil }
        var parts = [first]
        while let t = current, t.isWord("or") {
            position += 1
            guard let next = parseAnd() else { return nil }
            parts.append(next)
        }
        if parts.count > 1 { first = .or(parts) }
        return first
    }

    private mutating func parseAnd() -> ExpressionSyntax? {
        guard var first = parseUnary() else { return nil }
        var parts = [first]
        while let t = current, t.isWord("and") {
            position += 1
            guard let next = parseUnary() else { return nil }
            parts.append(next)
        }
        if parts.count > 1 { first = .and(parts) }
        return first
    }

    private mutating func parseUnary() -> ExpressionSyntax? {
        if let t = current, t.isWord("not") {
            position += 1
            depth += 1
            defer { depth -= 1 }
            guard depth < Self.maximumDepth else { return tooDeep(t) }
            guard let operand = parseUnary() else { return nil }
            return .not(t, operand)
        }
        return parseComparison()
    }

    private mutating func parseComparison() -> ExpressionSyntax? {
        guard let lhs = parseSum() else { return nil }
        if let op = current, op.kind == .comparison {
            position += 1
            guard let rhs = parseSum() else { return nil }
            return .compare(op, lhs, rhs)
        }
        if let op = current, op.kind == .equals {
            errors.append((op, "'=' assigns; a condition compares with '=='", "write '==' here"))
            return nil
        }
        if let inToken = current, inToken.isWord("in") {
            position += 1
            guard let open = current, open.kind == .lbracket || open.kind == .lparen else {
                errors.append((current ?? inToken, "'in' takes a list", "write 'x in [a, b]'"))
                return nil
            }
            position += 1
            var values: [RuleToken] = []
            while let t = current, t.kind != .rbracket, t.kind != .rparen {
                if t.kind != .comma { values.append(t) }
                position += 1
            }
            guard current != nil else {
                errors.append((open, "this list is not closed", "end it with ']'"))
                return nil
            }
            position += 1
            return .member(lhs, values, inToken)
        }
        return lhs
    }

    /// `a + b + 3`: a sum of numeric facts and numbers (visits used plus visits requested).
    private mutating func parseSum() -> ExpressionSyntax? {
        guard let first = parsePrimary() else { return nil }
        var parts = [first]
        while let t = current, t.kind == .plus {
            position += 1
            guard let next = parsePrimary() else { return nil }
            parts.append(next)
        }
        return parts.count > 1 ? .sum(parts) : first
    }

    private mutating func parsePrimary() -> ExpressionSyntax? {
        guard let t = current else {
            errors.append((tokens.last ?? end, "the condition ends too early", "complete the condition after '\((tokens.last ?? end).text)'"))
            return nil
        }
        switch t.kind {
        case .lparen:
            position += 1
            depth += 1
            defer { depth -= 1 }
            guard depth < Self.maximumDepth else { return tooDeep(t) }
            guard let inner = parseOr() else { return nil }
            guard let close = current, close.kind == .rparen else {
                errors.append((t, "this parenthesis is not closed", "add ')'"))
                return nil
            }
            position += 1
            return inner
        case .identifier:
            if ["and", "or", "in"].contains(t.text) {
                errors.append((t, "'\(t.text)' needs a condition before it", nil))
                return nil
            }
            position += 1
            if t.text == "known", let open = current, open.kind == .lparen {
                position += 1
                guard let name = current, name.kind == .identifier else {
                    errors.append((open, "known(...) takes a fact name", "write 'known(prior_esi_count)'"))
                    return nil
                }
                position += 1
                guard let close = current, close.kind == .rparen else {
                    errors.append((open, "this parenthesis is not closed", "add ')'"))
                    return nil
                }
                position += 1
                return .known(t, name)
            }
            if t.text == "true" || t.text == "false" { return .literal(t) }
            return .name(t)
        case .number, .string, .date:
            position += 1
            return .literal(t)
        default:
            errors.append((t, "unexpected '\(t.text)' in the condition", nil))
            return nil
        }
    }

    private mutating func tooDeep(_ t: RuleToken) -> ExpressionSyntax? {
        errors.append((t, "the condition is nested more than \(Self.maximumDepth) levels deep", "split it into simpler criteria"))
        position = tokens.count
        return nil
    }
}
