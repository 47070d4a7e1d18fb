import IMRTestSupport

/// The mutation engine of `imr-bench fuzz`.
///
/// Seeds are the project's fixture letters and rule files. A mutant applies one to four mutations,
/// chosen from a weighted list, to a seed; each mutation takes the random generator, so a mutant
/// depends only on the seed and the input's index. Mutants stay small on average (a few KB): the
/// expensive shapes — a 1–3 MB line, a section repeated 50 times, 100,000-deep parentheses — are
/// rare, so a million inputs run in minutes.
struct Mutator: Sendable {
    enum Kind: String, Sendable { case letter, rules }

    struct Mutant {
        var kind: Kind
        var bytes: [UInt8]
        /// The seed's name and the mutations applied, for the failure report.
        var recipe: String
        /// For rule mutants: which rule file the seed was (to check it in place of the original).
        var ruleSeed: Int?
    }

    let letters: [(name: String, bytes: [UInt8])]
    let rules: [(name: String, bytes: [UInt8])]
    /// One input in `hugeEvery` gets a 1–3 MB line (0: never).
    var hugeEvery = 5_000
    var hugeBytes: ClosedRange<Int> = (1 << 20)...(3 << 20)
    /// How often a section is repeated 50 times (per mutation step).
    var repeatWeight = 3
    /// Mutations turned off by name (`--exclude`), and "huge-numbers": no token or digit insertion
    /// with ten digits or more (for running past a known overflow).
    var excluded: Set<String> = []

    static let mutationNames = ["truncate", "flip", "nul", "invalid-utf8", "token", "delete-lines", "duplicate-line", "swap-lines",
                                "splice", "line-ends", "whitespace", "repeat-section", "nest", "digits", "utf16", "random-bytes",
                                "many-lines", "long-token", "huge-line", "huge-numbers"]

    static func isHugeNumber(_ s: String) -> Bool {
        var run = 0
        for c in s.utf8 {
            if c >= 48 && c <= 57 { run += 1; if run >= 10 { return true } } else { run = 0 }
        }
        return false
    }

    /// Words the parsers look for: splicing them in reaches branches random bytes never would.
    static let letterTokens: [String] = [
        "Upheld", "Overturned", "UPHELD", "OVERTURNED", "is not medically necessary", "is medically necessary",
        "not", "no", "without", "denies", "negative for", "possible", "history of", "if", "should", "must be documented",
        "ISSUE AT DISPUTE:", "DETERMINATION:", "CASE SUMMARY:", "CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES",
        "IMR DECISION(S) AND RATIONALE(S)", "HOW THE IMR FINAL DETERMINATION WAS MADE", "Decision rationale:", "Rationale for the Decision:",
        "MAXIMUS guideline:", "Claims Administrator guideline:", "Page(s): 46, 111-113", "Page(s): 999999999999-1",
        "pages 303 to 305", "1) Regarding the request for", "Case Number: CM13-0012345", "Date of Injury: 02/30/2014",
        "Dated: February 30, 2013", "Page 2 of 4", "Page 99999999999999999999 of 1", "L5-S1", "L4-5", "C5-6", "L2, L3, L4, L5",
        "x2", "times two", "3x2", "2 times a week for 4 weeks", "series of three (3)", "#60", "50%", "100%", "-5%",
        "99999999999999999999", "-1", "0/0/0000", "13/45/2014", "12/31/99", "year-old", "0 year old", "200 year old male",
        "retrospective", "DOS 12/17/14", "left", "right", "bilateral", "radiculopathy", "straight leg raise",
        "epidural steroid injection", "ESI", "physical therapy", "Norco 10/325mg", "MRI", "EMG/NCV", "TENS unit",
        "(", ")", ":", ";", ".", ",", "\"", "\t", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{FEFF}", "é", "—", "…", "\u{FFFD}",
        "\u{1F600}", "https://www.dir.ca.gov/dwc/IMR.htm", "He/she", "The injured worker is a", "The request for",
    ]
    static let ruleTokens: [String] = [
        "treatment", "fact", "criterion", "example", "expect", "requests", "cites", "page", "section", "require", "when",
        "unless", "missing", "reason", "phrases", "deny", "near", "within", "anchor", "events", "value", "from request",
        "bool", "number", "count", "enum", "date", "percent", "weeks", "and", "or", "not", ">=", "<=", "==", "!=", ">", "<",
        "=", ";", "(", ")", "\"", "\"unterminated", "#", "Upheld", "Overturned", "true", "false", "unknown",
        "999999999999999999999", "-1", "0.5", "1e308", "prior_esi_count", "radiculopathy_on_exam", "no_such_fact",
        "esi.repeat_response", "epidural_steroid_injection", "  ", "\t", "\r", "\u{0C}", "\u{FEFF}", "é", "\u{FFFD}",
    ]
    static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xFE], [0xC0, 0x80], [0xC1, 0xBF], [0x80], [0xBF], [0xE2, 0x82], [0xE2, 0x28, 0xA1], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3], [0xE0, 0x80, 0xAF],
    ]

    func mutant(kind: Kind, rng: inout SplitMix) -> Mutant {
        let pool = kind == .letter ? letters : rules
        let seedIndex = rng.below(pool.count)
        var bytes = pool[seedIndex].bytes
        var recipe = [pool[seedIndex].name]
        var steps = 1
        while steps < 4 && rng.chance(0.45) { steps += 1 }
        if hugeEvery > 0 && rng.below(hugeEvery) == 0 && !excluded.contains("huge-line") {
            hugeLine(&bytes, rng: &rng, kind: kind)
            recipe.append("huge-line")
        }
        for _ in 0..<steps {
            recipe.append(mutate(&bytes, kind: kind, rng: &rng))
        }
        return Mutant(kind: kind, bytes: bytes, recipe: recipe.joined(separator: " + "), ruleSeed: kind == .rules ? seedIndex : nil)
    }

    /// Applies one mutation and names it.
    func mutate(_ b: inout [UInt8], kind: Kind, rng: inout SplitMix) -> String {
        // Weights: cheap byte-level damage most of the time, structural changes often, costly shapes rarely.
        let fullTable: [(String, Int)] = [
            ("truncate", 8), ("flip", 10), ("nul", 5), ("invalid-utf8", 6), ("token", 16), ("delete-lines", 6),
            ("duplicate-line", 5), ("swap-lines", 4), ("splice", 8), ("line-ends", 6), ("whitespace", 5),
            ("repeat-section", repeatWeight), ("nest", kind == .rules ? 10 : 2), ("digits", 4), ("utf16", 1), ("random-bytes", 1),
            ("many-lines", 1), ("long-token", 1),
        ]
        let table = excluded.isEmpty ? fullTable : fullTable.map { ($0.0, excluded.contains($0.0) ? 0 : $0.1) }
        var total = 0
        for (_, w) in table { total += w }
        var r = rng.below(total)
        var name = table[0].0
        for (n, w) in table { if r < w { name = n; break }; r -= w }
        switch name {
        case "truncate":
            if !b.isEmpty {
                let cut = rng.below(b.count)
                if rng.chance(0.7) { b.removeSubrange(cut...) } else { b.removeSubrange(..<cut) }
            }
        case "flip":
            for _ in 0..<rng.int(1...8) where !b.isEmpty {
                let at = rng.below(b.count)
                b[at] = rng.chance(0.5) ? b[at] ^ UInt8(1 << rng.below(8)) : UInt8(truncatingIfNeeded: rng.next())
            }
        case "nul":
            for _ in 0..<rng.int(1...6) {
                b.insert(contentsOf: repeatElement(0, count: rng.chance(0.8) ? 1 : rng.int(2...64)), at: rng.below(b.count + 1))
            }
        case "invalid-utf8":
            for _ in 0..<rng.int(1...5) { b.insert(contentsOf: rng.pick(Self.invalidUTF8), at: rng.below(b.count + 1)) }
        case "token":
            var tokens = kind == .rules ? Self.ruleTokens : Self.letterTokens
            if excluded.contains("huge-numbers") { tokens = tokens.filter { !Self.isHugeNumber($0) } }
            for _ in 0..<rng.int(1...4) {
                var t = Array(rng.pick(tokens).utf8)
                if rng.chance(0.3) { t = [32] + t + [32] }
                if rng.chance(0.2) { t.append(10) }
                let at = rng.chance(0.5) ? lineStart(b, rng: &rng) : rng.below(b.count + 1)
                b.insert(contentsOf: t, at: at)
            }
        case "delete-lines":
            let lines = lineRanges(b)
            if lines.count > 1 {
                let a = rng.below(lines.count), n = rng.int(1...min(12, lines.count - a))
                b.removeSubrange(lines[a].lowerBound..<lines[a + n - 1].upperBound)
            }
        case "duplicate-line":
            let lines = lineRanges(b)
            if let l = lines.isEmpty ? nil : rng.pick(lines) {
                let copy = Array(b[l])
                for _ in 0..<rng.int(1...3) { b.insert(contentsOf: copy, at: l.upperBound) }
            }
        case "swap-lines":
            var lines = lineRanges(b).map { Array(b[$0]) }
            if lines.count > 1 {
                lines.swapAt(rng.below(lines.count), rng.below(lines.count))
                b = lines.flatMap { $0 }
            }
        case "splice":
            // The other input: usually the same kind, now and then the other kind.
            let other = (kind == .letter) != rng.chance(0.15) ? rng.pick(letters).bytes : rng.pick(rules).bytes
            let cutA = rng.below(b.count + 1), cutB = rng.below(other.count + 1)
            b = Array(b[..<cutA]) + Array(other[cutB...])
        case "line-ends":
            switch rng.below(5) {
            case 0: b = crlf(b)
            case 1: b = b.map { $0 == 10 ? 13 : $0 }  // lone CR
            case 2: for _ in 0..<rng.int(1...6) { b.insert(12, at: lineStart(b, rng: &rng)) }  // form feeds
            case 3: b = b.filter { $0 != 10 && $0 != 13 }  // one line
            default: for _ in 0..<rng.int(1...6) { b.insert(contentsOf: [0xE2, 0x80, 0xA8], at: rng.below(b.count + 1)) }  // U+2028
            }
        case "whitespace":
            switch rng.below(3) {
            case 0: b = b.flatMap { $0 == 10 ? [10, 10] as [UInt8] : [$0] }  // blank line between lines
            case 1: b = b.flatMap { $0 == 32 && rng.chance(0.3) ? [32, 32] as [UInt8] : [$0] }
            default: b = b.map { $0 == 32 && rng.chance(0.1) ? 9 : $0 }
            }
        case "repeat-section":
            repeatSection(&b, rng: &rng, kind: kind)
        case "nest":
            nest(&b, rng: &rng, kind: kind)
        case "digits":
            // Numbers: huge, zero, negative, many digits.
            for _ in 0..<rng.int(1...4) {
                var choices = ["0", "-1", "99999999999999999999999", "1.5", "00", "4294967296", "9223372036854775808"]
                if excluded.contains("huge-numbers") { choices = choices.filter { !Self.isHugeNumber($0) } }
                if let at = b.indices.filter({ b[$0] >= 48 && b[$0] <= 57 }).randomElementIndex(&rng) {
                    b.insert(contentsOf: rng.pick(choices).utf8, at: at)
                }
            }
        case "utf16":
            let s = String(decoding: b, as: UTF8.self)
            var out: [UInt8] = rng.chance(0.5) ? [0xFF, 0xFE] : [0xFE, 0xFF]
            let little = out[0] == 0xFF
            for u in s.utf16 { out += little ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)] }
            if rng.chance(0.3) { out.append(0x41) }  // odd length
            b = out
        case "random-bytes":
            b = (0..<rng.int(0...512)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case "many-lines":
            // Tens of thousands of tiny lines (per-line overhead, page-noise and heading scans).
            let unit: [UInt8] = Array(rng.pick(["a\n", "\n", " \n", "1)\n", "Page 1 of 2\n", "Upheld\n", "(\n", "no\n"]).utf8)
            let n = rng.int(10_000...60_000)
            var block: [UInt8] = []
            block.reserveCapacity(unit.count * n)
            for _ in 0..<n { block += unit }
            b.insert(contentsOf: block, at: lineStart(b, rng: &rng))
        default:  // long-token: one word of 20-200 KB
            let n = rng.int(20_000...200_000)
            let c: UInt8 = rng.pick([97, 49, 40, 34, 45, 47, 37, 35])
            b.insert(contentsOf: repeatElement(c, count: n), at: rng.below(b.count + 1))
        }
        return name
    }

    /// A 1-3 MB line: a repeated character or phrase, without a line break.
    func hugeLine(_ b: inout [UInt8], rng: inout SplitMix, kind: Kind) {
        let size = rng.int(hugeBytes)
        let units: [String] = kind == .rules
            ? ["(", "a and ", "not ", "\"x\", ", "x", " ", "require ", "((a or b) and "]
            : ["a", " ", "no pain ", "L5-S1 ", "50% relief for 6 weeks ", "1/2/13 ", "Upheld ", "(", "The patient denies radiating pain. ", "é"]
        let unit = Array(rng.pick(units).utf8)
        var line: [UInt8] = []
        line.reserveCapacity(size + unit.count + 1)
        while line.count < size { line += unit }
        line.append(10)
        b.insert(contentsOf: line, at: lineStart(b, rng: &rng))
    }

    /// Duplicates a section 50 times: an item block of a letter (from a line with an item marker to the
    /// next one), a criterion of a rule file, or any few lines.
    func repeatSection(_ b: inout [UInt8], rng: inout SplitMix, kind: Kind) {
        let lines = lineRanges(b)
        guard !lines.isEmpty else { return }
        let markers: [String] = kind == .rules ? ["criterion ", "fact ", "treatment ", "example "]
            : ["ISSUE AT DISPUTE", "Decision rationale", "Regarding the request", "Upheld", "Overturned", "medically necessary", "RATIONALE"]
        let starts = lines.indices.filter { n in markers.contains { m in contains(b[lines[n]], m) } }
        var a = rng.below(lines.count)
        var e = min(lines.count, a + rng.int(2...12))
        if starts.count > 1, rng.chance(0.7) {
            let k = rng.below(starts.count - 1)
            a = starts[k]
            e = starts[k + 1]
        }
        let block = Array(b[lines[a].lowerBound..<lines[e - 1].upperBound])
        guard block.count < 64 << 10 else { return }
        let times = rng.chance(0.8) ? 50 : rng.int(2...10)
        var copies: [UInt8] = []
        copies.reserveCapacity(block.count * times)
        for _ in 0..<times { copies += block }
        b.insert(contentsOf: copies, at: lines[e - 1].upperBound)
    }

    /// Deep nesting: parentheses around a rule condition (balanced or not), `not not not …`, or a
    /// right-nested `a and (b or (c and …))`; in letters, nested parentheses in prose.
    func nest(_ b: inout [UInt8], rng: inout SplitMix, kind: Kind) {
        let r = rng.below(100)
        let depth = r < 80 ? rng.int(1...200) : r < 97 ? rng.int(200...5_000) : rng.int(5_000...100_000)
        let lines = lineRanges(b)
        var target: Range<Int>? = nil
        if kind == .rules {
            let conditions = lines.filter { l in ["require ", "when ", "unless "].contains { contains(b[l], $0) } }
            target = conditions.isEmpty ? nil : rng.pick(conditions)
        }
        guard let line = target ?? (lines.isEmpty ? nil : rng.pick(lines)) else { return }
        // The expression starts after the keyword (or anywhere in a line that has none).
        var exprStart = line.lowerBound
        for kw in ["require ", "when ", "unless "] {
            if let at = find(b[line], kw) { exprStart = at + kw.utf8.count; break }
        }
        var exprEnd = line.upperBound
        while exprEnd > exprStart, b[exprEnd - 1] == 10 || b[exprEnd - 1] == 13 { exprEnd -= 1 }
        let expr = Array(b[exprStart..<exprEnd])
        var out: [UInt8] = []
        switch rng.below(4) {
        case 0:  // balanced
            out = Array(repeatElement(40, count: depth)) + expr + Array(repeatElement(41, count: depth))
        case 1:  // unbalanced: opens only, or closes only
            out = rng.chance(0.5) ? Array(repeatElement(40, count: depth)) + expr : expr + Array(repeatElement(41, count: depth))
        case 2:  // not not not …
            out.reserveCapacity(depth * 4 + expr.count)
            for _ in 0..<depth { out += Array("not ".utf8) }
            out += expr
        default:  // a and (b or (c and (…)))
            let names = ["radiculopathy_on_exam", "prior_esi_count >= 1", "x", "age_years > 65"]
            for k in 0..<depth { out += Array((names[k % names.count] + (k % 2 == 0 ? " and (" : " or (")).utf8) }
            out += expr.isEmpty ? Array("x".utf8) : expr
            out += Array(repeatElement(41, count: depth))
        }
        b.replaceSubrange(exprStart..<exprEnd, with: out)
    }

    // MARK: helpers

    func lineRanges(_ b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, c) in b.enumerated() where c == 10 {
            out.append(start..<(i + 1))
            start = i + 1
        }
        if start < b.count { out.append(start..<b.count) }
        return out
    }

    func lineStart(_ b: [UInt8], rng: inout SplitMix) -> Int {
        guard !b.isEmpty else { return 0 }
        var at = rng.below(b.count)
        while at > 0 && b[at - 1] != 10 { at -= 1 }
        return at
    }

    func crlf(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 40)
        for c in b {
            if c == 10 { out.append(13) }
            out.append(c)
        }
        return out
    }

    func find(_ hay: ArraySlice<UInt8>, _ needle: String) -> Int? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, hay.count >= n.count else { return nil }
        var i = hay.startIndex
        while i + n.count <= hay.endIndex {
            if hay[i] == n[0], hay[i..<(i + n.count)].elementsEqual(n) { return i }
            i += 1
        }
        return nil
    }

    func contains(_ hay: ArraySlice<UInt8>, _ needle: String) -> Bool { find(hay, needle) != nil }
}

extension Array where Element == Int {
    /// A random element, or nil when empty.
    func randomElementIndex(_ rng: inout SplitMix) -> Int? { isEmpty ? nil : self[rng.below(count)] }
}
