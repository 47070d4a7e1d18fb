/// Splits a rule file into logical lines of tokens and groups them into declarations.
///
/// The language is line-oriented: a declaration starts in column 1; clauses are indented lines
/// below it. A line continues on the next physical line when it ends with `,`, `and`, `or`,
/// `not`, a comparison, or inside unclosed parentheses or brackets — or when the next line
/// starts with a string, `and`, `or` or `)`. `#` starts a comment outside strings.
package struct RuleLexer {
    package let file: String
    /// The file's UTF-8 bytes and where each physical line starts: a line becomes a `String` only
    /// when a diagnostic shows it (making one per line was a tenth of loading the rules).
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    package private(set) var diagnostics: [Diagnostic] = []

    package init(file: String, text: String) {
        self.file = file
        bytes = Array(text.utf8)
        var starts = [0]
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
    }

    package var lineCount: Int { lineStarts.count }
    package var lines: [String] { (1...lineCount).map(line) }

    /// Physical line `number` (1-based), without its newline.
    func line(_ number: Int) -> String {
        String(decoding: bytes[lineRange(number)], as: UTF8.self)
    }

    private func lineRange(_ number: Int) -> Range<Int> {
        let start = lineStarts[number - 1]
        let end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        return start..<end
    }

    /// Lines split on bytes: splitting a String by Character walks grapheme clusters.
    static func lines(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "\n") {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return lines
        }
    }

    /// Line `number`'s scalars; ASCII lines (nearly all) are widened byte by byte in one pass.
    private func scalars(ofLine number: Int) -> [Unicode.Scalar] {
        let range = lineRange(number)
        return bytes.withUnsafeBufferPointer { all in
            let line = UnsafeBufferPointer(rebasing: all[range])
            guard line.allSatisfy({ $0 < 0x80 }) else { return Array(String(decoding: line, as: UTF8.self).unicodeScalars) }
            return Array(unsafeUninitializedCapacity: line.count) { buffer, count in
                for k in line.indices { buffer[k] = Unicode.Scalar(line[k]) }
                count = line.count
            }
        }
    }

    package func sourceLine(_ number: Int) -> String {
        guard number >= 1, number <= lineCount else { return "" }
        // Only the start of a line is ever shown; a 2 MB line is not copied per diagnostic.
        var line = String(line(number).unicodeScalars.prefix(240))
        if line.hasSuffix("\r") { line.removeLast() }
        return line.replacingOccurrences(of: "\t", with: " ")
    }

    mutating func error(_ line: Int, _ column: Int, _ length: Int, _ code: DiagnosticCode, _ message: String, hint: String? = nil) {
        // Random bytes would give one error per character: the first 200 say enough.
        guard diagnostics.count < RuleParser.maximumErrorsPerFile else { return }
        diagnostics.append(Diagnostic(file: file, line: line, column: column, length: length,
                                      code: code, message: message, hint: hint, sourceLine: sourceLine(line)))
    }

    /// Tokenizes one physical line; returns its indentation and tokens.
    mutating func tokenize(lineNumber: Int) -> (indent: Int, tokens: [RuleToken]) {
        let scalars = self.scalars(ofLine: lineNumber)
        var tokens: [RuleToken] = []
        var i = 0
        var indent = 0
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { indent += scalars[i] == "\t" ? 4 : 1; i += 1 }
        func token(_ kind: RuleToken.Kind, _ text: String, _ start: Int, _ end: Int) -> RuleToken {
            RuleToken(kind: kind, text: text, line: lineNumber, column: start + 1, length: max(1, end - start))
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if c == "#" { break }
            let start = i
            if c == "\"" || c == "\u{201C}" {
                i += 1
                // The usual string, ASCII without escapes, is cut out in one piece.
                var end = i
                while end < scalars.count, scalars[end].value < 0x80, scalars[end] != "\"", scalars[end] != "\\" { end += 1 }
                if end < scalars.count, scalars[end] == "\"" {
                    tokens.append(token(.string, RuleLexer.text(scalars[i..<end]), start, end + 1))
                    i = end + 1
                    continue
                }
                var value: [UInt8] = []
                var closed = false
                while i < scalars.count {
                    let d = scalars[i]
                    if d == "\"" || d == "\u{201D}" {
                        closed = true
                        i += 1
                        break
                    }
                    if d == "\\", i + 1 < scalars.count {
                        let e = scalars[i + 1]
                        RuleLexer.appendUTF8(e == "n" ? "\n" : e == "t" ? "\t" : e, to: &value)
                        i += 2
                        continue
                    }
                    RuleLexer.appendUTF8(d, to: &value)
                    i += 1
                }
                if !closed {
                    error(lineNumber, start + 1, i - start, .unterminatedString, "this string has no closing quote",
                          hint: "end the string with \" on the same line")
                }
                tokens.append(token(.string, String(decoding: value, as: UTF8.self), start, i))
                continue
            }
            if isDigit(c) || (c == "-" && i + 1 < scalars.count && isDigit(scalars[i + 1]) && (tokens.last.map { $0.kind != .identifier && $0.kind != .number && $0.kind != .rparen } ?? true)) {
                i += 1
                while i < scalars.count, isDigit(scalars[i]) || scalars[i] == "." { i += 1 }
                // A date literal: 2016-07-29.
                if i - start == 4, i + 6 <= scalars.count, scalars[i] == "-", scalars[i + 3] == "-",
                   isDigit(scalars[i + 1]), isDigit(scalars[i + 2]), isDigit(scalars[i + 4]), isDigit(scalars[i + 5]) {
                    i += 6
                    tokens.append(token(.date, RuleLexer.text(scalars[start..<i]), start, i))
                    continue
                }
                // A page range: 111-113.
                if i + 1 < scalars.count, scalars[i] == "-", isDigit(scalars[i + 1]), scalars[start] != "-" {
                    i += 1
                    while i < scalars.count, isDigit(scalars[i]) { i += 1 }
                }
                let text = RuleLexer.text(scalars[start..<i])
                if text.filter({ $0 == "." }).count > 1 {
                    error(lineNumber, start + 1, i - start, .syntax, "'\(text)' is not a number")
                }
                tokens.append(token(.number, text, start, i))
                continue
            }
            if isIdentifierStart(c) {
                i += 1
                while i < scalars.count, isIdentifierPart(scalars[i]) { i += 1 }
                // Identifiers may contain dots between parts (criterion ids such as esi.repeat_response).
                while i + 1 < scalars.count, scalars[i] == ".", isIdentifierStart(scalars[i + 1]) {
                    i += 1
                    while i < scalars.count, isIdentifierPart(scalars[i]) { i += 1 }
                }
                tokens.append(token(.identifier, RuleLexer.text(scalars[start..<i]), start, i))
                continue
            }
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            switch c {
            case "<" where next == ">":
                // `<>` (SQL, Pascal) means "not equal": one error with the operator meant, then read as `!=`.
                error(lineNumber, start + 1, 2, .syntax, "'<>' is not an operator here", hint: "write '!=' (not equal)")
                tokens.append(token(.comparison, "!=", start, i + 2)); i += 2
            case "=" where next == ">" || next == "<":
                // `=>` and `=<` are `>=` and `<=` typed in the order they are spoken.
                let meant = next == ">" ? ">=" : "<="
                error(lineNumber, start + 1, 2, .syntax, "'=\(next!)' is not an operator",
                      hint: "write '\(meant)' (\(meant == ">=" ? "greater" : "less") than or equal)")
                tokens.append(token(.comparison, meant, start, i + 2)); i += 2
            case "≠": tokens.append(token(.comparison, "!=", start, i + 1)); i += 1
            case ">", "<", "!":
                if next == "=" { tokens.append(token(.comparison, String(c) + "=", start, i + 2)); i += 2 }
                else if c == "!" { error(lineNumber, start + 1, 1, .syntax, "unexpected '!'", hint: "write 'not' for negation and '!=' for inequality"); tokens.append(token(.invalid, "!", start, i + 1)); i += 1 }
                else { tokens.append(token(.comparison, String(c), start, i + 1)); i += 1 }
            case "≥": tokens.append(token(.comparison, ">=", start, i + 1)); i += 1
            case "≤": tokens.append(token(.comparison, "<=", start, i + 1)); i += 1
            case "=":
                if next == "=" { tokens.append(token(.comparison, "==", start, i + 2)); i += 2 }
                else { tokens.append(token(.equals, "=", start, i + 1)); i += 1 }
            case ",": tokens.append(token(.comma, ",", start, i + 1)); i += 1
            case "+": tokens.append(token(.plus, "+", start, i + 1)); i += 1
            case ";": tokens.append(token(.semicolon, ";", start, i + 1)); i += 1
            case "(": tokens.append(token(.lparen, "(", start, i + 1)); i += 1
            case ")": tokens.append(token(.rparen, ")", start, i + 1)); i += 1
            case "[": tokens.append(token(.lbracket, "[", start, i + 1)); i += 1
            case "]": tokens.append(token(.rbracket, "]", start, i + 1)); i += 1
            default:
                var j = i + 1
                while j < scalars.count, !isSeparator(scalars[j]) { j += 1 }
                let text = RuleLexer.text(scalars[start..<j])
                error(lineNumber, start + 1, j - start, .syntax, "unexpected '\(text)'",
                      hint: "names are letters, digits and '_'; text goes in double quotes")
                tokens.append(token(.invalid, text, start, j))
                i = j
            }
        }
        return (indent, tokens)
    }

    /// The file as declarations. Lexical and layout errors are collected in `diagnostics`.
    package mutating func declarations() -> [RuleDeclaration] {
        var logical: [RuleLine] = []
        var pending: [RuleToken] = []
        var pendingIndent = 0
        var depth = 0
        func flush(into logical: inout [RuleLine]) {
            guard let first = pending.first else { return }
            logical.append(RuleLine(keyword: first, arguments: Array(pending.dropFirst()), indent: pendingIndent,
                                    lastLine: pending.last?.line ?? first.line))
            pending = []
            depth = 0
        }
        for number in 1...lineCount {
            let (indent, tokens) = tokenize(lineNumber: number)
            guard let first = tokens.first else { continue }
            let continues: Bool = {
                guard let last = pending.last else { return false }
                if first.kind == .identifier, !Self.isOperatorWord(first.text), RuleParser.allKeywords.contains(first.text) { return false }
                if depth > 0 { return true }
                switch last.kind {
                case .comma, .comparison, .equals, .lparen, .lbracket, .plus: return true
                case .identifier where Self.isOperatorWord(last.text) || last.text == "in": return true
                default: break
                }
                if indent > 0, first.kind == .string || first.kind == .rparen { return true }
                if indent > 0, first.kind == .identifier, first.text == "and" || first.text == "or" { return true }
                return false
            }()
            if !continues {
                flush(into: &logical)
                pendingIndent = indent
            }
            for t in tokens {
                if t.kind == .lparen || t.kind == .lbracket { depth += 1 }
                if t.kind == .rparen || t.kind == .rbracket { depth = max(0, depth - 1) }
            }
            pending.append(contentsOf: tokens)
        }
        flush(into: &logical)

        var result: [RuleDeclaration] = []
        for line in logical {
            if line.indent == 0 {
                result.append(RuleDeclaration(head: line, clauses: [], file: file))
            } else if result.isEmpty {
                error(line.keyword.line, line.keyword.column, line.keyword.length, .syntax,
                      "an indented clause must follow a declaration",
                      hint: "start the file with a declaration such as 'treatment', 'fact' or 'criterion' in column 1")
            } else {
                result[result.count - 1].clauses.append(line)
            }
        }
        return result
    }

    /// Token text straight from UTF-8 bytes: building a `String.UnicodeScalarView` scalar by scalar
    /// was most of the cost of loading the rules.
    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        if scalars.allSatisfy({ $0.value < 0x80 }) {
            return String(unsafeUninitializedCapacity: scalars.count) { buffer in
                var k = 0
                for c in scalars { buffer[k] = UInt8(truncatingIfNeeded: c.value); k += 1 }
                return k
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for c in scalars { appendUTF8(c, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendUTF8(_ c: Unicode.Scalar, to bytes: inout [UInt8]) {
        if c.value < 0x80 { bytes.append(UInt8(c.value)) } else { bytes.append(contentsOf: c.utf8) }
    }

    /// `and`, `or`, `not`: a line may start or end with them and still continue.
    private static func isOperatorWord(_ text: String) -> Bool { text == "and" || text == "or" || text == "not" }

    private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
    private func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
    private func isSeparator(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "," || c == "(" || c == ")" || c == "\"" }
}
