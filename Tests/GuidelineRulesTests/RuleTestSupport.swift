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

    /// A small family in rule text: its treatment (with `clauses` such as "refines x"), one criterion
    /// requiring `fact`, and an example of each outcome.
    static func family(_ id: String, requests: [String], fact: String, clauses: [String] = []) -> String {
        (["treatment \(id) \"\(id)\""] + clauses.map { "  " + $0 } + [
            "  requests " + requests.map { "\"\($0)\"" }.joined(separator: ", "),
            "  cites \"ODG (Non-MTUS) Knee & Leg\" section \"\(id)\"",
            "criterion \(id).x \"x\"", "  require \(fact)", "  missing \"x\"",
            "example \"yes\" expect Overturned", "  given \(fact) = true",
            "example \"no\" expect Upheld", "  given \(fact) = false",
        ]).joined(separator: "\n") + "\n"
    }
}

struct RuleTestError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
