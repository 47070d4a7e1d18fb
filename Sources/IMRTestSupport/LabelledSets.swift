import Foundation
import GuidelineRules
import IMRParse

// Scoring of the project's labelled sets: assertion context per mention, and fact values per
// sentence. The accuracy tests and `imr-bench accuracy` both call this, so their numbers are the
// same by construction. See docs/accuracy.md for what the sets are and how to read the numbers.

/// Where the labelled sets live in a checkout, relative to its root.
package enum LabelledSets {
    package static let contextFile = "Tests/IMRParseTests/Fixtures/labelled/sentences.tsv"
    package static let factFiles = ["Tests/GuidelineRulesTests/Fixtures/labelled/facts.tsv",
                                   "Tests/GuidelineRulesTests/Fixtures/labelled/facts-heldout.tsv"]

    /// A file's text; the error names the file when it cannot be read.
    static func read(_ path: String) throws(LabelledFileError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LabelledFileError(path: path, line: 0, message: "cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The tab-separated rows of a file with their 1-based line numbers; `#` comments and empty lines skipped.
    static func rows(_ text: String) -> [(line: Int, columns: [String])] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { n, line in
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            return (n + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
        }
    }
}

/// A row of a labelled file: read a whole file with `load(path:)`.
package protocol LabelledRow {
    /// The rows of a file's text; the error names `path` and the line.
    static func parse(_ text: String, path: String) throws(LabelledFileError) -> [Self]
}

extension LabelledRow {
    package static func load(path: String) throws(LabelledFileError) -> [Self] {
        try parse(LabelledSets.read(path), path: path)
    }
}

/// A labelled file that cannot be read, or a row of it that does not follow the format.
package struct LabelledFileError: Error, CustomStringConvertible, Sendable {
    package var path: String
    /// 1-based; 0 when the whole file is the problem.
    package var line: Int
    package var message: String

    package var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}

/// `part / whole`, or 1 when there is nothing to divide (no claim made, nothing to find).
func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }

/// Three decimals, as every accuracy table prints.
func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
