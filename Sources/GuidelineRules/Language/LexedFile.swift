import Foundation

/// A rule file's declarations as the lexer reads them, before the parser: lexing is two thirds of
/// parsing a rule folder, and each file's is its own, so the files are lexed on every core
/// (`lex(_:)`) and parsed in order after.
package struct LexedFile {
    /// The lexer that read the file (its diagnostics, and the file's lines for the parser's own).
    let lexer: RuleLexer
    let declarations: [RuleDeclaration]

    init(file: String, text: String) {
        var lexer = RuleLexer(file: file, text: text)
        declarations = lexer.declarations()
        self.lexer = lexer
    }

    /// Lexes `files` on every core; the results are in the files' order.
    static func lex(_ files: [(path: String, text: String)]) -> [LexedFile] {
        let slots = Slots(count: files.count)
        defer { slots.free() }
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            (slots.base + i).initialize(to: LexedFile(file: files[i].path, text: files[i].text))
        }
        return Array(UnsafeBufferPointer(start: slots.base, count: files.count))
    }

    /// One slot per file, each initialized by one iteration only (no two threads touch one slot).
    private final class Slots: @unchecked Sendable {
        let base: UnsafeMutablePointer<LexedFile>
        let count: Int
        init(count: Int) {
            self.count = count
            base = .allocate(capacity: max(count, 1))
        }
        func free() {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }
}
