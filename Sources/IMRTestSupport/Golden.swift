// IMRTestSupport — what the tests and imr-bench share, never shipped in a product: the `SplitMix`
// generator, golden-file comparison (`Golden`), and the accuracy scoring of the labelled sets
// (`LabelledSets`, `ContextAccuracy`, `FactAccuracy`). Not here: anything the command line needs.

import Foundation

/// Golden files: a whole output compared, as text, with the file that holds the expected one.
///
/// `IMR_RECORD=1 swift test` writes the outputs as the new goldens instead of comparing; review the
/// diff (`git diff Tests/`) before committing: a golden must be right, not merely recorded.
package enum Golden {
    /// Whether this run records goldens (`IMR_RECORD=1`) rather than comparing them.
    package static var recording: Bool { ProcessInfo.processInfo.environment["IMR_RECORD"] == "1" }

    /// Compares `actual` with the golden at `url`, or records it there when `recording`.
    ///
    /// - Returns: nil when they are the same (or it was recorded); otherwise a message that names
    ///   `name`, the first line that differs and both versions of it.
    package static func check(_ actual: String, against url: URL, name: String) throws -> String? {
        if recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        return difference(actual: actual, expected: expected, name: name)
    }

    /// The message for the first line where `actual` and `expected` differ, or nil when they are equal.
    package static func difference(actual: String, expected: String, name: String) -> String? {
        guard actual != expected else { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        let got = line < a.count ? String(a[line]) : "<end>"
        let want = line < e.count ? String(e[line]) : "<end>"
        return "\(name): output differs from the golden at line \(line + 1)\n  expected: \(want)\n  actual:   \(got)\n(re-record with IMR_RECORD=1 and review the diff)"
    }
}
