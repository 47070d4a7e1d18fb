// Checking/ — from syntax to a rule book: `RuleLoader` (a folder's files), `RuleChecker` (names,
// types, lint checks, compiling conditions) and the shared `Vocabulary`. Not here: the syntax
// (Language/), the compiled rules themselves (Evaluation/).

import Foundation
import IMRParse

/// Loads every `*.rules` file under a folder (recursively, in sorted order), parses and checks
/// them, and returns the rule book with all diagnostics, sorted and de-duplicated.
public enum RuleLoader {
    public struct Result: Sendable {
        /// Nil when there is any error.
        public var book: RuleBook?
        public var diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    }

    public static func load(directory: String) -> Result {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return Result(book: nil, diagnostics: [Diagnostic(file: directory, line: 0, column: 0, length: 0, 
                code: .noRules, message: "rules folder not found",
                hint: "pass --rules DIR or set IMR_RULES to the folder that holds the .rules files")])
        }
        var files: [(String, String)] = []
        var problems: [Diagnostic] = []
        let walker = FileManager.default.enumerator(atPath: directory)
        var paths: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".rules") { paths.append(relative) }
        }
        for relative in paths.sorted() {
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + relative
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(Diagnostic(file: path, line: 0, column: 0, length: 0, code: .unreadable,
                                           message: "the file cannot be read", hint: "check its permissions"))
                continue
            }
            files.append((path, String(decoding: data, as: UTF8.self)))
        }
        if files.isEmpty && problems.isEmpty {
            problems.append(Diagnostic(file: directory, line: 0, column: 0, length: 0, code: .noRules,
                                       message: "no .rules files in this folder", hint: "point --rules at the project's Rules/ folder"))
        }
        let result = check(files: files, extra: problems)
        result.book?.origin = RuleBook.Origin(folder: directory, files: files.map { (String($0.0.dropFirst(directory.count).drop(while: { $0 == "/" })), $0.1) })
        return result
    }

    /// Parses and checks rule texts given in memory (for tests and tools).
    public static func check(files: [(path: String, text: String)], extra: [Diagnostic] = []) -> Result {
        var parser = RuleParser()
        for lexed in LexedFile.lex(files) { parser.parse(lexed) }
        let lines = SourceLineCache(files: files)
        let sourceLine: (String, Int) -> String = { file, n in
            guard let l = lines.lines(of: file), n >= 1, n <= l.count else { return "" }
            return String(l[n - 1].unicodeScalars.prefix(240)).replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\t", with: " ")
        }
        var checker = RuleChecker(tree: parser.tree, sourceLines: sourceLine)
        // Syntax errors first; the checker still runs so every problem is reported in one pass,
        // but a file with syntax errors yields no book.
        let book = checker.check()
        var all = extra + parser.diagnostics + checker.diagnostics
        all = Array(Set(all.map(\.headline)).count == all.count ? all : dedupe(all))
        all.sort()
        let hasError = all.contains { $0.severity == .error }
        return Result(book: hasError ? nil : book, diagnostics: all)
    }

    private static func dedupe(_ ds: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<String>()
        return ds.filter { seen.insert($0.headline).inserted }
    }
}

/// The lines of each rule file, split only when a diagnostic first needs one (valid rules need none).
private final class SourceLineCache {
    private var texts: [String: String] = [:]
    private var split: [String: [String]] = [:]

    init(files: [(path: String, text: String)]) {
        for (path, text) in files { texts[path] = text }
    }

    func lines(of file: String) -> [String]? {
        if let l = split[file] { return l }
        guard let text = texts[file] else { return nil }
        let l = RuleLexer.lines(of: text)
        split[file] = l
        return l
    }
}
