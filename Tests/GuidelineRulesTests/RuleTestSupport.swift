import Foundation
@testable import GuidelineRules

/// Helpers shared by the rule tests: the package root and small in-memory rule books.
enum RuleTestSupport {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var rulesDirectory: String { packageRoot.appendingPathComponent("Rules").path }
    static var fixtures: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures") }

    static func check(_ text: String, file: String = "test.rules") -> RuleLoader.Result {
        RuleLoader.check(files: [(file, text)])
    }

    /// A book from the given rule text, failing loudly with the diagnostics when it is invalid.
    static func book(_ text: String) throws -> RuleBook {
        let result = check(text)
        guard let book = result.book else {
            throw RuleTestError(message: result.diagnostics.map { $0.rendered() }.joined(separator: "\n"))
        }
        return book
    }

    static let projectBook: RuleBook? = RuleLoader.load(directory: rulesDirectory).book
}

struct RuleTestError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
