import Foundation
import GuidelineRules
import IMRParse

/// One labelled mention (a row of `sentences.tsv`): the sentence, the target phrase in it, and the
/// assertion and attribution a reader gives that phrase.
///
/// Columns: sentence, target, assertion, attribution or `-`, split (default `dev`). `\n` in the
/// sentence or target is a line break (PDF text); a target `phrase#2` means its second occurrence.
package struct LabelledMention: LabelledRow, Sendable {
    package var text: String
    package var target: String
    package var occurrence: Int
    package var assertion: Assertion
    package var attribution: Attribution?
    package var split: String
    package var line: Int

    package static func parse(_ text: String, path: String) throws(LabelledFileError) -> [LabelledMention] {
        var mentions: [LabelledMention] = []
        for (line, cols) in LabelledSets.rows(text) {
            guard cols.count >= 4, let assertion = Assertion(rawValue: cols[2]) else {
                throw LabelledFileError(path: path, line: line, message: "expected sentence, target, assertion, attribution[, split]")
            }
            var attribution: Attribution?
            if cols[3] != "-" {
                guard let who = Attribution(rawValue: cols[3]) else {
                    throw LabelledFileError(path: path, line: line, message: "unknown attribution '\(cols[3])'")
                }
                attribution = who
            }
            var target = cols[1].replacingOccurrences(of: "\\n", with: "\n")
            var occurrence = 1
            if let hash = target.lastIndex(of: "#"), let k = Int(target[target.index(after: hash)...]) {
                occurrence = k
                target = String(target[..<hash])
            }
            mentions.append(LabelledMention(
                text: cols[0].replacingOccurrences(of: "\\n", with: "\n"), target: target, occurrence: occurrence,
                assertion: assertion, attribution: attribution,
                split: cols.count > 4 && !cols[4].isEmpty ? cols[4] : "dev", line: line))
        }
        return mentions
    }

    /// Byte range of the target's n-th occurrence in the sentence; nil when it is not there.
    package func targetRange() -> Range<Int>? {
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

/// Precision, recall and F1 per assertion category, with overall and attribution accuracy.
///
/// Each mention is one decision among the categories: a wrong answer is a false positive of the
/// predicted category and a false negative of the expected one. A category never predicted has
/// precision 1 (nothing claimed wrongly); one never expected has recall 1.
package struct AssertionScores: Sendable {
    package private(set) var truePositives: [Assertion: Int] = [:]
    package private(set) var falsePositives: [Assertion: Int] = [:]
    package private(set) var falseNegatives: [Assertion: Int] = [:]
    package private(set) var mentions = 0
    package private(set) var correct = 0
    package private(set) var attributionCorrect = 0

    package init() {}

    package mutating func add(expected: Assertion, predicted: Assertion, attributionCorrect attributionOK: Bool) {
        mentions += 1
        if attributionOK { attributionCorrect += 1 }
        if expected == predicted {
            correct += 1
            truePositives[expected, default: 0] += 1
        } else {
            falsePositives[predicted, default: 0] += 1
            falseNegatives[expected, default: 0] += 1
        }
    }

    package var accuracy: Double { Double(correct) / Double(max(mentions, 1)) }
    package var attributionAccuracy: Double { Double(attributionCorrect) / Double(max(mentions, 1)) }

    package func precision(_ a: Assertion) -> Double {
        ratio(truePositives[a, default: 0], truePositives[a, default: 0] + falsePositives[a, default: 0])
    }
    package func recall(_ a: Assertion) -> Double { ratio(truePositives[a, default: 0], support(a)) }
    package func f1(_ a: Assertion) -> Double {
        let p = precision(a), r = recall(a)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    /// Mentions labelled with this category.
    package func support(_ a: Assertion) -> Int { truePositives[a, default: 0] + falseNegatives[a, default: 0] }
}

/// A mention whose predicted assertion or attribution differs from its label.
package struct ContextMiss: Sendable, CustomStringConvertible {
    package var mention: LabelledMention
    package var assertion: Assertion
    package var attribution: Attribution?
    /// The words of the trigger that decided the assertion, if any.
    package var trigger: String?

    package var description: String {
        "\(mention.split) :\(mention.line) [\(mention.target)] expected \(mention.assertion.rawValue)/\(mention.attribution?.rawValue ?? "-")"
            + " got \(assertion.rawValue)/\(attribution?.rawValue ?? "-") (trigger \(trigger ?? "-"))"
    }
}

/// The context engine of a rule book scored on labelled mentions, per split and over all of them.
package struct ContextAccuracy: Sendable {
    /// NegEx's published negation figures (Chapman et al. 2001, discharge summaries).
    package static let negExPPV = 0.845
    package static let negExSensitivity = 0.778

    /// Report order: the categories a trigger gives, then the default.
    package static let categories: [Assertion] = [.negated, .possible, .historical, .hypothetical, .otherPerson, .guideline, .affirmed]

    /// Splits in report order (the known ones first, then any others by name); `all` is separate.
    package var splits: [(name: String, scores: AssertionScores)] = []
    package var all = AssertionScores()
    package var misses: [ContextMiss] = []
    /// Mentions whose target phrase is not in their sentence: not scored, and a fault of the file.
    package var unlocated: [LabelledMention] = []

    /// Scores each mention with the analyzer's own context engine (the rule book's `context`
    /// declarations, as the fact extractor uses them). A sentence is scored alone.
    package init(mentions: [LabelledMention], analyzer: Analyzer) {
        let engine = analyzer.extractor.engine
        var bySplit: [String: AssertionScores] = [:]
        for mention in mentions {
            guard let range = mention.targetRange() else {
                unlocated.append(mention)
                continue
            }
            let source = SourceText(path: "labelled:\(mention.line)", string: mention.text)
            let clinical = ClinicalText(source: source, engine: engine)
            let tokens = clinical.tokenRange(covering: range)
            let context = clinical.context(of: tokens) ?? MentionContext(assertion: .affirmed)
            let attributionOK = context.attribution == mention.attribution
            all.add(expected: mention.assertion, predicted: context.assertion, attributionCorrect: attributionOK)
            bySplit[mention.split, default: AssertionScores()].add(expected: mention.assertion, predicted: context.assertion,
                                                                    attributionCorrect: attributionOK)
            if context.assertion != mention.assertion || !attributionOK {
                misses.append(ContextMiss(mention: mention, assertion: context.assertion, attribution: context.attribution,
                                          trigger: context.trigger.map { clinical.text(ofTokens: $0) }))
            }
        }
        let known = ["heldout", "dev", "fresh"]
        let names = known.filter { bySplit[$0] != nil } + bySplit.keys.filter { !known.contains($0) }.sorted()
        splits = names.map { ($0, bySplit[$0]!) }
    }

    /// The scores of one split (`all` for every mention).
    package func scores(_ split: String) -> AssertionScores? {
        split == "all" ? all : splits.first { $0.name == split }?.scores
    }

    /// What a split means, for headings.
    package static func title(ofSplit split: String) -> String {
        switch split {
        case "heldout": return "held-out (written before any tuning, never tuned on)"
        case "dev": return "dev (used for tuning)"
        case "fresh": return "fresh (written after tuning, evaluated once, never tuned on)"
        case "all": return "all"
        default: return split
        }
    }

    /// The report as Markdown: a summary per split with negation against NegEx, then a table per
    /// split, then (when asked) the misses.
    package func markdown(misses withMisses: Bool = false) -> String {
        let rows = splits + [("all", all)]
        var s = "| split | mentions | accuracy | attribution accuracy | negated precision | negated recall | negated F1 |\n"
        s += "|---|---:|---:|---:|---:|---:|---:|\n"
        for (name, x) in rows {
            s += "| \(name) | \(x.mentions) | \(fmt(x.accuracy)) | \(fmt(x.attributionAccuracy)) | \(fmt(x.precision(.negated))) | \(fmt(x.recall(.negated))) | \(fmt(x.f1(.negated))) |\n"
        }
        s += "| NegEx (published) | | | | \(fmt(Self.negExPPV)) | \(fmt(Self.negExSensitivity)) | \(fmt(2 * Self.negExPPV * Self.negExSensitivity / (Self.negExPPV + Self.negExSensitivity))) |\n\n"
        s += "NegEx's PPV \(fmt(Self.negExPPV)) and sensitivity \(fmt(Self.negExSensitivity)) were measured on discharge summaries;"
        s += " these sentences were written by the project, in the letters' style, by the people who wrote the rules,"
        s += " so the comparison flatters this engine. The held-out and fresh splits are the honest estimates.\n"
        for (name, x) in rows {
            s += "\n### \(Self.title(ofSplit: name)): \(x.mentions) mentions, accuracy \(fmt(x.accuracy)), attribution accuracy \(fmt(x.attributionAccuracy))\n\n"
            s += "| category | support | precision | recall | F1 |\n|---|---:|---:|---:|---:|\n"
            for a in Self.categories {
                s += "| \(a.rawValue) | \(x.support(a)) | \(fmt(x.precision(a))) | \(fmt(x.recall(a))) | \(fmt(x.f1(a))) |\n"
            }
            s += "\nNegation vs NegEx: precision \(fmt(x.precision(.negated))) (NegEx PPV \(fmt(Self.negExPPV))),"
            s += " recall \(fmt(x.recall(.negated))) (NegEx sensitivity \(fmt(Self.negExSensitivity))).\n"
        }
        if withMisses {
            s += "\n### Misses (\(misses.count))\n\n"
            s += misses.isEmpty ? "none\n" : misses.map { "- \($0)\n" }.joined()
        }
        return s
    }
}
