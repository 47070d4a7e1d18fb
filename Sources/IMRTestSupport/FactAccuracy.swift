import Foundation
import GuidelineRules
import IMRParse

/// One labelled fact sentence (a row of `facts.tsv`): the sentence, a fact name, and the value the
/// sentence alone gives it (`true`, `false`, a number, or `unknown`).
package struct LabelledFact: LabelledRow, Sendable {
    package var text: String
    package var fact: String
    package var expected: String
    package var line: Int

    package static func parse(_ text: String, path: String) throws(LabelledFileError) -> [LabelledFact] {
        var rows: [LabelledFact] = []
        for (line, cols) in LabelledSets.rows(text) {
            guard cols.count == 3 else { throw LabelledFileError(path: path, line: line, message: "expected sentence, fact, value") }
            rows.append(LabelledFact(text: cols[0], fact: cols[1], expected: cols[2], line: line))
        }
        return rows
    }
}

/// Counts for one fact (or a whole set): a prediction is any value other than `unknown`.
package struct FactTally: Sendable {
    package var total = 0, correct = 0
    /// Sentences given a value, those whose value was right, and those labelled with a value.
    package var predicted = 0, truePositives = 0, expected = 0

    package init() {}

    package mutating func add(expected: String, got: String, correct ok: Bool) {
        total += 1
        if ok { correct += 1 }
        if got != "unknown" {
            predicted += 1
            if ok { truePositives += 1 }
        }
        if expected != "unknown" { self.expected += 1 }
    }

    package mutating func add(_ other: FactTally) {
        total += other.total; correct += other.correct
        predicted += other.predicted; truePositives += other.truePositives; expected += other.expected
    }

    package var accuracy: Double { Double(correct) / Double(max(total, 1)) }
    /// Of the values the extractor gave, the share that were right (1 when it gave none).
    package var precision: Double { ratio(truePositives, predicted) }
    /// Of the known expected values, the share found (1 when none was expected).
    package var recall: Double { ratio(truePositives, expected) }
}

/// A sentence whose extracted value differs from its label.
package struct FactMiss: Sendable, CustomStringConvertible {
    package var row: LabelledFact
    package var got: String
    package var description: String { "\(row.fact): expected \(row.expected), got \(got) — \(row.text)" }
}

/// The fact extractor scored on one labelled file: each sentence alone, through `Analyzer.facts`.
package struct FactAccuracy: Sendable {
    /// A name for the set (the file's name).
    package var name: String
    /// Per fact, sorted by name.
    package var byFact: [(fact: String, tally: FactTally)] = []
    package var all = FactTally()
    package var misses: [FactMiss] = []
    /// Rows naming a fact the rules do not define: not scored, and a fault of the file.
    package var undefined: [LabelledFact] = []

    package init(name: String, rows: [LabelledFact], analyzer: Analyzer) {
        self.name = name
        var tallies: [String: FactTally] = [:]
        for row in rows {
            guard let slot = analyzer.book.factSlot(row.fact) else {
                undefined.append(row)
                continue
            }
            let source = SourceText(path: "labelled:\(row.line)", string: row.text)
            let facts = analyzer.facts(in: source, regions: [0..<source.bytes.count], context: CaseContext())
            let got = Self.label(facts[slot])
            let ok = Self.matches(got, row.expected)
            tallies[row.fact, default: FactTally()].add(expected: row.expected, got: got, correct: ok)
            all.add(expected: row.expected, got: got, correct: ok)
            if !ok { misses.append(FactMiss(row: row, got: got)) }
        }
        byFact = tallies.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A value as the labelled files write it.
    package static func label(_ v: FactValue) -> String {
        switch v {
        case .unknown: return "unknown"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return d == d.rounded() ? String(Int(d)) : String(format: "%.1f", d)
        case .text(let s): return s
        case .date(let d): return d.iso
        }
    }

    /// Equal labels, or numbers within 0.2 (the files write one decimal).
    package static func matches(_ got: String, _ expected: String) -> Bool {
        if got == expected { return true }
        guard let g = Double(got), let e = Double(expected) else { return false }
        return abs(g - e) <= 0.2
    }

    /// The per-fact table as Markdown, with the set's totals as the last row, then (when asked) the misses.
    package func markdown(misses withMisses: Bool = false) -> String {
        var s = "### \(name): \(all.total) sentences, accuracy \(fmt(all.accuracy)), precision \(fmt(all.precision)), recall \(fmt(all.recall))\n\n"
        s += "| fact | count | accuracy | precision | recall |\n|---|---:|---:|---:|---:|\n"
        for (fact, t) in byFact + [("**all**", all)] {
            s += "| \(fact) | \(t.total) | \(fmt(t.accuracy)) | \(fmt(t.precision)) | \(fmt(t.recall)) |\n"
        }
        if withMisses {
            s += "\nMisses in \(name) (\(misses.count)):\n\n"
            s += misses.isEmpty ? "none\n" : misses.map { "- \($0)\n" }.joined()
        }
        return s
    }

    /// Totals of several sets, one row each and one for all of them together.
    package static func totalsMarkdown(_ sets: [FactAccuracy]) -> String {
        var s = "| set | sentences | accuracy | precision | recall |\n|---|---:|---:|---:|---:|\n"
        var sum = FactTally()
        for set in sets {
            sum.add(set.all)
            s += "| \(set.name) | \(set.all.total) | \(fmt(set.all.accuracy)) | \(fmt(set.all.precision)) | \(fmt(set.all.recall)) |\n"
        }
        s += "| all | \(sum.total) | \(fmt(sum.accuracy)) | \(fmt(sum.precision)) | \(fmt(sum.recall)) |\n"
        return s
    }
}
