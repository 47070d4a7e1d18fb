/// CSV cells and rows (RFC 4180), safe to open in a spreadsheet.
///
/// Letter text is untrusted: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return is prefixed with `'` so that a spreadsheet shows it as text instead of running it as a
/// formula (CSV injection).
enum CSV {
    static func cell(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    static func row(_ values: [String]) -> String { values.map(cell).joined(separator: ",") }
}
