import IMRParse

/// The concept lexicon of the rule files: named sets of words and phrases that mean the same thing
/// ("radiate", "shoot", "travel", "go down" are one `{spread}`), so that a fact written once with
/// concepts is found in every office's wording.
///
/// A phrase of a fact or a request may hold `{name}` references; a phrase with "..." gaps is a
/// pattern of parts ("{symptom} ... {spread} ... {limb}"). The lexicon expands each *part* into its
/// alternatives (a part "{side} leg" is "left leg", "right leg", …) but never the product of parts:
/// a pattern of three concepts of twenty words stays three small sets, matched part by part, not
/// eight thousand phrases. Inflections need no listing: words match by stem (`WordStem`).
package struct ConceptLexicon: Sendable {
    /// Each concept's words, with references to other concepts expanded.
    package let concepts: [String: [String]]
    /// Each concept's meaning, for `rules explain`.
    package let descriptions: [String: String]
    /// Words a "..." gap passes over without counting them (articles, sides, prepositions).
    package let fillers: [String]
    /// `same` words: each word's key and the keys of the words that stand for it ("symptom" and
    /// "sx"). Applied to every phrase when it is compiled (`PartKeysMaker`), not to the text.
    package var equivalents: [UInt64: [UInt64]] = [:] { didSet { equivalentKeys = KeyFilter(equivalents.keys) } }
    /// A quick "no" for keys that are no `same` word (most of them): a hash lookup per key of every
    /// alternative was a third of loading the rules.
    package private(set) var equivalentKeys = KeyFilter([UInt64]())

    /// Most alternatives one part may expand to: beyond it a phrase is a mistake (a concept inside a
    /// concept inside a concept), reported by the checker.
    package static let maximumAlternatives = 4096

    package init(concepts: [String: [String]] = [:], descriptions: [String: String] = [:], fillers: [String] = []) {
        self.concepts = concepts
        self.descriptions = descriptions
        self.fillers = fillers
    }

    /// The parts of a phrase (split at "..."), each as its alternatives, in order.
    package func parts(of phrase: String) -> [[String]] {
        (Self.gapParts(phrase) ?? [phrase]).map { alternatives(of: $0) }.filter { !$0.isEmpty }
    }

    /// A phrase's alternatives when it has no gap; every part's alternatives joined by " ... " otherwise
    /// is not meaningful, so a gapped phrase gives its parts' first alternatives only (for display).
    package func alternatives(of part: String) -> [String] {
        let refs = Self.references(in: part)
        guard !refs.isEmpty else { return [part] }
        // A part that is one concept ("{limb}"): its words as they are (what the loop below makes of it).
        if refs.count == 1, refs[0].range == part.startIndex..<part.endIndex {
            let words = concepts[refs[0].name] ?? []
            return words.count > Self.maximumAlternatives ? Array(words.prefix(Self.maximumAlternatives)) : words
        }
        var out = [""]
        var at = part.startIndex
        for ref in refs {
            let literal = String(part[at..<ref.range.lowerBound])
            let words = concepts[ref.name] ?? []
            var next: [String] = []
            next.reserveCapacity(out.count * max(1, words.count))
            for prefix in out {
                for w in words { next.append(prefix + literal + w) }
            }
            out = next
            at = ref.range.upperBound
            if out.count > Self.maximumAlternatives { return Array(out.prefix(Self.maximumAlternatives)) }
        }
        let tail = String(part[at...])
        return tail.isEmpty ? out : out.map { $0 + tail }
    }

    /// `alternatives(of:)` as pieces to join, one alternative of each, the first varying slowest: the
    /// literal texts between references and each reference's words (empty literals left out). A
    /// part whose alternatives are capped (more than `maximumAlternatives`) is one piece, its capped list.
    package func wordingPieces(of part: String) -> [[String]] {
        let refs = Self.references(in: part)
        guard refs.count > 1 || refs.count == 1 && refs[0].range != part.startIndex..<part.endIndex else {
            return [alternatives(of: part)]
        }
        var pieces: [[String]] = []
        var at = part.startIndex, product = 1
        for ref in refs {
            if at < ref.range.lowerBound { pieces.append([String(part[at..<ref.range.lowerBound])]) }
            let words = concepts[ref.name] ?? []
            pieces.append(words)
            product *= words.count
            if product > Self.maximumAlternatives { return [alternatives(of: part)] }
            at = ref.range.upperBound
        }
        if at < part.endIndex { pieces.append([String(part[at...])]) }
        return pieces
    }

    /// The `{name}` references of a text, with where each stands (braces included).
    package static func references(in text: String) -> [(name: String, range: Range<String.Index>)] {
        // ASCII text (every rule file so far) is read as bytes: the same braces and names as the
        // Characters below, without breaking graphemes (this runs for every phrase when rules load).
        let utf8 = text.utf8
        if let fast = utf8.withContiguousStorageIfAvailable({ b -> [(name: String, range: Range<String.Index>)]? in
            var out: [(name: String, range: Range<String.Index>)] = []
            var i = 0
            while i < b.count, b[i] < 0x80 { i += 1 }
            guard i == b.count else { return nil }
            i = 0
            while i < b.count {
                guard b[i] == UInt8(ascii: "{") else { i += 1; continue }
                var close = i + 1
                while close < b.count, b[close] != UInt8(ascii: "}") { close += 1 }
                guard close < b.count else { break }
                var name: [UInt8] = []
                for k in (i + 1)..<close where b[k] != UInt8(ascii: " ") { name.append(b[k]) }
                out.append((String(decoding: name, as: UTF8.self),
                            utf8.index(utf8.startIndex, offsetBy: i)..<utf8.index(utf8.startIndex, offsetBy: close + 1)))
                i = close + 1
            }
            return out
        }), let fast {
            return fast
        }
        var out: [(String, Range<String.Index>)] = []
        var i = text.startIndex
        while let open = text[i...].firstIndex(of: "{") {
            guard let close = text[open...].firstIndex(of: "}") else { break }
            let name = String(text[text.index(after: open)..<close].filter { $0 != " " })
            out.append((name, open..<text.index(after: close)))
            i = text.index(after: close)
        }
        return out
    }

    /// Builds the lexicon from declarations (name, words), expanding references between concepts.
    /// Returns the problems found: an unknown reference, a cycle, or too many alternatives, each with
    /// the concept and word it stands in.
    package static func build(_ declared: [(name: String, description: String, words: [String])], fillers: [String])
        -> (lexicon: ConceptLexicon, problems: [(concept: String, word: String, message: String)]) {
        var raw: [String: [String]] = [:]
        var descriptions: [String: String] = [:]
        for d in declared where raw[d.name] == nil {
            raw[d.name] = d.words
            descriptions[d.name] = d.description
        }
        var done: [String: [String]] = [:]
        var problems: [(String, String, String)] = []
        var visiting: Set<String> = []
        func expand(_ name: String) -> [String] {
            if let d = done[name] { return d }
            guard let words = raw[name] else { return [] }
            visiting.insert(name)
            var out: [String] = []
            var seen: Set<String> = []
            for w in words {
                var ok = true
                for ref in references(in: w) {
                    if raw[ref.name] == nil {
                        problems.append((name, w, "no concept named '\(ref.name)'")); ok = false
                    } else if visiting.contains(ref.name) {
                        problems.append((name, w, "'\(ref.name)' refers back to '\(name)'")); ok = false
                    } else {
                        _ = expand(ref.name)
                    }
                }
                guard ok else { continue }
                let partial = ConceptLexicon(concepts: done, fillers: [])
                for a in partial.alternatives(of: w) where seen.insert(a).inserted { out.append(a) }
            }
            if out.count > maximumAlternatives {
                problems.append((name, words.first ?? "", "expands to more than \(maximumAlternatives) phrases"))
                out = Array(out.prefix(maximumAlternatives))
            }
            visiting.remove(name)
            done[name] = out
            return out
        }
        for d in declared { _ = expand(d.name) }
        return (ConceptLexicon(concepts: done, descriptions: descriptions, fillers: fillers), problems)
    }

    /// A gapped phrase's parts, as `components(separatedBy: "...")` gives them; nil for a phrase
    /// without "...". Read from the bytes: the generic `utf8.contains` and Foundation's search
    /// were a tenth of indexing the phrases, which the rule book does at every start.
    package static func gapParts(_ phrase: String) -> [String]? {
        var phrase = phrase
        return phrase.withUTF8 { b -> [String]? in
            let dot = UInt8(ascii: ".")
            var parts: [String] = []
            var start = 0, i = 0
            while i + 3 <= b.count {
                if b[i] == dot, b[i + 1] == dot, b[i + 2] == dot {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                    i += 3
                    start = i
                } else {
                    i += 1
                }
            }
            guard !parts.isEmpty else { return nil }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self))
            return parts
        }
    }

}
