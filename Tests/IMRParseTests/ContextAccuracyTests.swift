import Foundation
import Testing
@testable import IMRParse

/// A minimal reader of `Rules/context/context.rules` for these tests, until the project's own rule
/// parser reads context files. It understands exactly the documented syntax: `trigger CATEGORY
/// DIRECTION "phrase", … [scope N]`, `pseudo …`, `terminator …`, `attribution WHO …`, `#` comments,
/// declarations continued on indented lines.
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
        return ContextEngine(rules: (try? parse(text)) ?? ContextRules())
    }()

    static func parse(_ text: String) throws -> ContextRules {
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

/// One row of `Fixtures/labelled/sentences.tsv`.
struct LabelledSentence {
    var text: String
    var target: String
    var occurrence: Int
    var assertion: Assertion
    var attribution: Attribution?
    var split: String
    var line: Int

    static var fileURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/labelled/sentences.tsv")
    }

    static func load() throws -> [LabelledSentence] {
        let text = try String(contentsOf: fileURL, encoding: .utf8)
        var rows: [LabelledSentence] = []
        for (n, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 4, let a = Assertion(rawValue: cols[2]) else {
                Issue.record("sentences.tsv:\(n + 1): malformed row")
                continue
            }
            var target = cols[1].replacingOccurrences(of: "\\n", with: "\n")
            var occurrence = 1
            if let hash = target.lastIndex(of: "#"), let k = Int(target[target.index(after: hash)...]) {
                occurrence = k
                target = String(target[..<hash])
            }
            rows.append(LabelledSentence(
                text: cols[0].replacingOccurrences(of: "\\n", with: "\n"), target: target, occurrence: occurrence,
                assertion: a, attribution: cols[3] == "-" ? nil : Attribution(rawValue: cols[3]),
                split: cols.count > 4 ? cols[4] : "dev", line: n + 1))
        }
        return rows
    }

    /// Byte range of the target's n-th occurrence.
    func targetRange() -> Range<Int>? {
        let hay = Array(text.utf8), needle = Array(target.utf8)
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var seen = 0
        for i in 0...(hay.count - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) {
            seen += 1
            if seen == occurrence { return i..<(i + needle.count) }
        }
        return nil
    }
}

/// Precision, recall and F1 per assertion category over the labelled sentences.
struct ContextScores {
    var tp: [Assertion: Int] = [:], fp: [Assertion: Int] = [:], fn: [Assertion: Int] = [:]
    var rows = 0, correct = 0, attributionCorrect = 0

    mutating func add(expected: Assertion, predicted: Assertion) {
        rows += 1
        if expected == predicted {
            correct += 1
            tp[expected, default: 0] += 1
        } else {
            fp[predicted, default: 0] += 1
            fn[expected, default: 0] += 1
        }
    }

    func precision(_ a: Assertion) -> Double {
        let d = tp[a, default: 0] + fp[a, default: 0]
        return d == 0 ? 1 : Double(tp[a, default: 0]) / Double(d)
    }
    func recall(_ a: Assertion) -> Double {
        let d = tp[a, default: 0] + fn[a, default: 0]
        return d == 0 ? 1 : Double(tp[a, default: 0]) / Double(d)
    }
    func f1(_ a: Assertion) -> Double {
        let p = precision(a), r = recall(a)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    func support(_ a: Assertion) -> Int { tp[a, default: 0] + fn[a, default: 0] }

    func table(_ title: String) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var s = "\(title): \(rows) mentions, accuracy \(f(Double(correct) / Double(max(rows, 1)))), "
        s += "attribution accuracy \(f(Double(attributionCorrect) / Double(max(rows, 1))))\n"
        s += "category        support  precision  recall  F1\n"
        for a in Assertion.allCases {
            s += a.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
            s += String(support(a)).padding(toLength: 9, withPad: " ", startingAt: 0)
            s += f(precision(a)).padding(toLength: 11, withPad: " ", startingAt: 0)
            s += f(recall(a)).padding(toLength: 8, withPad: " ", startingAt: 0) + f(f1(a)) + "\n"
        }
        return s
    }
}

@Suite struct ContextAccuracyTests {
    @Test func rulesFileParses() throws {
        let text = try String(contentsOf: ContextRulesFixture.rulesURL, encoding: .utf8)
        let rules = try ContextRulesFixture.parse(text)
        #expect(rules.triggers.count > 100)
        #expect(!rules.pseudoTriggers.isEmpty)
        #expect(rules.terminators.contains(";"))
        #expect(Set(rules.attributionCues.map(\.attribution)) == Set(Attribution.allCases))
        #expect(Set(rules.triggers.map(\.category)) == Set(Assertion.allCases))
    }

    @Test func labelledSetIsLargeAndSplit() throws {
        let rows = try LabelledSentence.load()
        #expect(rows.count >= 200)
        #expect(Set(rows.map(\.text)).count >= 200)
        let heldOut = rows.filter { $0.split == "heldout" }.count
        #expect(heldOut * 3 >= rows.count, "at least a third of the set is held out")
        for row in rows { #expect(row.targetRange() != nil, "sentences.tsv:\(row.line): target '\(row.target)' not in sentence") }
    }

    @Test func accuracyOnLabelledSentences() throws {
        let engine = ContextRulesFixture.shared
        let rows = try LabelledSentence.load()
        var all = ContextScores()
        var bySplit: [String: ContextScores] = [:]
        var misses: [String] = []
        for row in rows {
            guard let range = row.targetRange() else { continue }
            let source = SourceText(path: "sentences.tsv:\(row.line)", string: row.text)
            let clinical = ClinicalText(source: source, engine: engine)
            let mention = clinical.tokenRange(covering: range)
            let ctx = clinical.context(of: mention) ?? MentionContext(assertion: .affirmed)
            all.add(expected: row.assertion, predicted: ctx.assertion)
            bySplit[row.split, default: ContextScores()].add(expected: row.assertion, predicted: ctx.assertion)
            if ctx.attribution == row.attribution {
                all.attributionCorrect += 1
                bySplit[row.split]!.attributionCorrect += 1
            }
            if ctx.assertion != row.assertion || ctx.attribution != row.attribution {
                let trigger = ctx.trigger.map { clinical.text(ofTokens: $0) } ?? "-"
                misses.append("  \(row.split) :\(row.line) [\(row.target)] expected \(row.assertion.rawValue)/\(row.attribution?.rawValue ?? "-")"
                              + " got \(ctx.assertion.rawValue)/\(ctx.attribution?.rawValue ?? "-") (trigger \(trigger))")
            }
        }
        print(all.table("ALL"))
        let titles = ["heldout": "HELD-OUT (written before any tuning, never tuned on)", "dev": "DEV (used for tuning)",
                      "fresh": "FRESH (written after tuning, evaluated once, never tuned on)"]
        for split in ["heldout", "dev", "fresh"] where bySplit[split] != nil {
            print(bySplit[split]!.table(titles[split]!))
        }
        if ProcessInfo.processInfo.environment["IMR_CONTEXT_MISSES"] != nil { print(misses.joined(separator: "\n")) }
        let held = bySplit["heldout"] ?? ContextScores()
        #expect(all.f1(.negated) >= 0.90)
        #expect(all.f1(.guideline) >= 0.90)
        #expect(held.f1(.negated) >= 0.85)
    }
}
