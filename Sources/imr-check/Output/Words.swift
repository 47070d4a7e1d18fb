import Foundation
import GuidelineRules

/// "1 item", "2 items": a count with its noun in the right number, the one way every output counts.
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
}

/// "92.9%", or "–" without a rate.
func percent(_ rate: Double?) -> String {
    guard let rate else { return "–" }
    return String(format: "%.1f%%", rate * 100)
}

/// A table of text with columns aligned: the first column (and those in `left`) left-aligned, the
/// others right-aligned under their headers (numbers line up with the header's last letter).
func alignedTable(_ rows: [[String]], indent: String = "  ", gap: Int = 3, left: Set<Int> = []) -> [String] {
    guard let columns = rows.map(\.count).max() else { return [] }
    var widths = Array(repeating: 0, count: columns)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    return rows.map { row in
        var line = indent
        for (i, cell) in row.enumerated() {
            let pad = String(repeating: " ", count: widths[i] - cell.count)
            if i == 0 { line += cell + pad } else if left.contains(i) { line += " " + cell + pad } else { line += String(repeating: " ", count: gap) + pad + cell }
        }
        while line.last == " " { line.removeLast() }
        return line
    }
}

extension RuleBook.Origin {
    /// The line every text output ends with: which rules it used.
    var textLine: String { "Rules: \(folder) (fingerprint \(fingerprint))" }
}
