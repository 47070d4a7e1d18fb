import Foundation
import Testing
@testable import IMRParse

/// A minimal reader of `Rules/context/context.rules` for the IMRParse tests, which cannot use the
/// project's rule loader (it is in GuidelineRules, which this test target does not depend on). It
/// understands exactly the documented syntax: `trigger CATEGORY DIRECTION "phrase", … [scope N]`,
/// `pseudo …`, `terminator …`, `attribution WHO …`, `#` comments, declarations continued on
/// indented lines.
enum ContextRulesFixture {
    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "context.rules:\(line): \(message)" }
    }

    static var rulesURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules/context/context.rules")
    }

    static let shared: ContextEngine = {
        let text = (try? String(contentsOf: rulesURL, encoding: .utf8)) ?? ""
        return ContextEngine(rules: (try? parse(text, concepts: lexicon)) ?? ContextRules())
    }()

    /// The words of the lexicon's concepts (Rules/lexicon/*.rules), for the context phrases that use them
    /// ("{relative_of} {relative}"); the library's loader expands them the same way.
    static let lexicon: [String: [String]] = {
        let folder = rulesURL.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lexicon")
        var concepts: [String: [String]] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where file.hasSuffix(".rules") {
            let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
            var name: String?
            for raw in text.split(separator: "\n") {
                let line = stripComment(String(raw))
                if line.hasPrefix("concept ") { name = line.split(separator: " ").dropFirst().first.map(String.init); continue }
                if let first = line.first, first != " " { name = nil; continue }
                guard let n = name else { continue }
                concepts[n, default: []] += line.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            }
        }
        return concepts
    }()

    /// A phrase's wordings: each `{name}` replaced by each of its concept's words.
    static func wordings(_ phrase: String, _ concepts: [String: [String]]) -> [String] {
        guard let open = phrase.firstIndex(of: "{"), let close = phrase[open...].firstIndex(of: "}") else { return [phrase] }
        let name = String(phrase[phrase.index(after: open)..<close])
        let head = String(phrase[..<open]), tail = String(phrase[phrase.index(after: close)...])
        return (concepts[name] ?? []).flatMap { wordings(head + $0 + tail, concepts) }
    }

    static func parse(_ text: String, concepts: [String: [String]] = [:]) throws -> ContextRules {
        // Join continuation lines to their declaration.
        var decls: [(line: Int, text: String)] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(raw))
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.first == " " || line.first == "\t" {
                guard !decls.isEmpty else { throw ParseError(line: n + 1, message: "continuation without a declaration") }
                decls[decls.count - 1].text += " " + line
            } else {
                decls.append((n + 1, line))
            }
        }
        var rules = ContextRules()
        for (line, decl) in decls {
            var words: [String] = []
            var phrases: [String] = []
            var scope: Int? = nil
            var rest = Substring(decl)
            // Leading bare words, then quoted phrases, then an optional `scope N`.
            while let c = rest.first {
                if c == " " || c == "\t" || c == "," { rest = rest.dropFirst(); continue }
                if c == "\"" {
                    let body = rest.dropFirst()
                    guard let close = body.firstIndex(of: "\"") else { throw ParseError(line: line, message: "unterminated string") }
                    phrases.append(String(body[..<close]))
                    rest = body[body.index(after: close)...]
                    continue
                }
                let word = rest.prefix { $0 != " " && $0 != "\t" && $0 != "," }
                rest = rest.dropFirst(word.count)
                if !phrases.isEmpty {
                    guard word == "scope" else { throw ParseError(line: line, message: "unexpected '\(word)'") }
                    let number = rest.drop { $0 == " " }.prefix { $0.isNumber }
                    guard let n = Int(number) else { throw ParseError(line: line, message: "scope needs a number") }
                    scope = n
                    rest = rest.drop { $0 == " " }.dropFirst(number.count)
                } else {
                    words.append(String(word))
                }
            }
            guard let keyword = words.first, !phrases.isEmpty else { throw ParseError(line: line, message: "no phrases") }
            phrases = phrases.flatMap { wordings($0, concepts) }
            switch keyword {
            case "trigger":
                guard words.count == 3, let cat = Assertion(rawValue: words[1]), let dir = ContextDirection(rawValue: words[2]) else {
                    throw ParseError(line: line, message: "expected trigger CATEGORY DIRECTION")
                }
                for p in phrases {
                    rules.triggers.append(ContextTrigger(phrase: p, category: cat, direction: dir, maxScope: scope ?? 8))
                }
            case "pseudo": rules.pseudoTriggers += phrases
            case "terminator": rules.terminators += phrases
            case "clause_verb": rules.clauseVerbs += phrases
            case "attribution":
                guard words.count == 2, let who = Attribution(rawValue: words[1]) else {
                    throw ParseError(line: line, message: "expected attribution WHO")
                }
                rules.attributionCues += phrases.map { AttributionCue(attribution: who, phrase: $0) }
            default:
                throw ParseError(line: line, message: "unknown declaration '\(keyword)'")
            }
        }
        return rules
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        for (i, c) in line.enumerated() {
            if c == "\"" { inString.toggle() }
            if c == "#", !inString { return String(line.prefix(i)) }
        }
        return line
    }
}

/// The fixture parser above, which ContextEngineTests use. The accuracy on the labelled sentences
/// (Fixtures/labelled/sentences.tsv) is measured in GuidelineRulesTests (ContextAccuracyTests in
/// FactAccuracyTests.swift), with the rules as the library's loader reads them, by the scorer that
/// `imr-bench accuracy` uses.
@Suite struct ContextRulesFixtureTests {
    @Test func rulesFileParses() throws {
        let text = try String(contentsOf: ContextRulesFixture.rulesURL, encoding: .utf8)
        let rules = try ContextRulesFixture.parse(text, concepts: ContextRulesFixture.lexicon)
        #expect(rules.triggers.count > 100)
        #expect(rules.pseudoTriggers.contains("help from the patient's daughter"))
        #expect(!rules.pseudoTriggers.isEmpty)
        #expect(rules.terminators.contains(";"))
        #expect(Set(rules.attributionCues.map(\.attribution)) == Set(Attribution.allCases))
        #expect(Set(rules.triggers.map(\.category)) == Set(Assertion.allCases))
    }
}
