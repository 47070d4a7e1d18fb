import IMRParse

/// A problem found in a rule file, with its position, a stable code and a hint.
///
/// Rendered like a compiler error: `file:line:column: error[code]: message`, the source line,
/// a caret under the span and `= help:` with the hint. Codes are the typed list `DiagnosticCode`,
/// documented in `docs/diagnostics.md` (generated from it).
public struct Diagnostic: Sendable, Comparable {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    public var length: Int
    public var severity: Severity
    public var code: String
    public var message: String
    public var hint: String?
    /// The source line the span is on, for rendering.
    public var sourceLine: String

    public init(file: String, line: Int, column: Int, length: Int, severity: Severity, code: String,
                message: String, hint: String? = nil, sourceLine: String = "") {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        // Only what rendering shows is kept: a 1 MB line must not be copied into every diagnostic on it.
        self.sourceLine = sourceLine.unicodeScalars.count > 240 ? String(String.UnicodeScalarView(sourceLine.unicodeScalars.prefix(240))) : sourceLine
    }

    /// A diagnostic of one of the codes of the typed list (`DiagnosticCode`), with its severity.
    package init(file: String, line: Int, column: Int, length: Int, code: DiagnosticCode, message: String,
                 hint: String? = nil, sourceLine: String = "") {
        self.init(file: file, line: line, column: column, length: length, severity: code.severity, code: code.rawValue,
                  message: message, hint: hint, sourceLine: sourceLine)
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.code, a.message) < (b.file, b.line, b.column, b.code, b.message)
    }

    /// Where: `file:line:column`, or just `file` for a problem with the file as a whole.
    public var location: String { line > 0 ? "\(file):\(line):\(column)" : file }

    public var headline: String {
        "\(location): \(severity.rawValue)[\(code)]: \(message)"
    }

    /// The diagnostic with its source line and caret, optionally coloured.
    public func rendered(color: Bool = false) -> String {
        let red = color ? (severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m") : ""
        let bold = color ? "\u{1B}[1m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        var out = "\(bold)\(location):\(reset) \(red)\(severity.rawValue)[\(code)]\(reset)\(bold): \(message)\(reset)"
        if line > 0, !sourceLine.isEmpty {
            let gutter = String(line)
            let pad = String(repeating: " ", count: gutter.count)
            // Control characters (binary files) would garble the terminal: show them as U+FFFD.
            let printable = String(String.UnicodeScalarView(sourceLine.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? "\u{FFFD}" : $0 }))
            let shown = printable.count > 160 ? String(printable.prefix(160)) + "…" : printable
            let caretColumn = min(max(column - 1, 0), shown.count)
            let caretLength = max(1, min(length, max(1, shown.count - caretColumn)))
            out += "\n \(gutter) | \(shown)"
            out += "\n \(pad) | " + String(repeating: " ", count: caretColumn) + red + "^" + String(repeating: "~", count: caretLength - 1) + reset
            if let hint { out += "\n \(pad) = help: \(hint)" }
        } else if let hint {
            out += "\n   = help: \(hint)"
        }
        return out
    }

    public var json: JSONValue {
        .object([
            ("file", .string(file)), ("line", .int(line)), ("column", .int(column)),
            ("severity", .string(severity.rawValue)), ("code", .string(code)),
            ("message", .string(message)), ("hint", .optional(hint)),
        ])
    }
}
