/// The wordings a heading or a label may take, written once as a pattern and expanded into every
/// phrase a `LabelTrie` or `PhraseSet` matches.
///
/// Letters name the same thing many ways: "IMR DECISION(S) AND RATIONALE(S)", "IMR Decisions and
/// Rationales", "IMR Decision and Rationale"; "Guideline(s) Used by the Claims Administrator",
/// "Claims Administrator's Guidelines". A pattern lists the choices in braces, separated by `|`,
/// an empty choice meaning "nothing": `"imr decision{s|(s)|} {and|&} rationale{s|(s)|}"` gives nine
/// phrases. Two shorthands cover what nearly every heading word allows: `~` after a word is
/// `{s|(s)|}` (plural, "(S)" or singular) and `'s` after a word is `{'s|’s|s'|}`. Case and the
/// amount of white space never need a choice: phrases match them loosely (see `Phrase`).
///
/// The patterns are expanded as UTF-8 bytes (braces, bars, spaces and the shorthands are ASCII, so
/// a multibyte character is literal text like any other): the tables are built once per process,
/// and expanding them as Characters and Strings was a tenth of parsing 200 letters.
enum WordingVariants {
    /// Every phrase `pattern` stands for, in the order its choices are written (duplicates removed).
    static func expand(_ pattern: String) -> [String] {
        // Duplicates found as Strings: a String hashes its bytes in bulk, an array of bytes one
        // `Hasher.combine` per byte.
        var seen = Set<String>()
        return phrases(pattern).compactMap { let s = String(decoding: $0, as: UTF8.self); return seen.insert(s).inserted ? s : nil }
    }

    /// The phrases of `pattern` as bytes, white space folded, empty ones left out (duplicates kept).
    private static func phrases(_ pattern: String) -> [[UInt8]] {
        var bytes: [UInt8] = []
        let source = Array(pattern.utf8)
        bytes.reserveCapacity(source.count * 2)
        var k = 0
        while k < source.count {
            if source[k] == tilde {
                bytes += plural
            } else if source[k] == apostrophe, k + 1 < source.count, source[k + 1] == UInt8(ascii: "s") {
                bytes += possessive
                k += 1
            } else {
                bytes.append(source[k])
            }
            k += 1
        }
        var i = 0
        let nodes = parse(bytes, &i)
        var out: [[UInt8]] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(bytes.count)
        walk(nodes, 0, &buffer) { phrase in if let f = folded(phrase) { out.append(f) } }
        return out
    }

    /// A pattern read once: literal text and groups of choices (each a sequence that may nest).
    private indirect enum Node {
        case text([UInt8])
        case choice([[Node]])
    }

    /// The nodes of a sequence, up to a `|` or `}` that closes the group it is in.
    private static func parse(_ bytes: [UInt8], _ i: inout Int) -> [Node] {
        var nodes: [Node] = []
        var literal: [UInt8] = []
        while i < bytes.count, bytes[i] != bar, bytes[i] != close {
            if bytes[i] == open {
                if !literal.isEmpty { nodes.append(.text(literal)); literal = [] }
                i += 1
                var choices: [[Node]] = []
                while true {
                    choices.append(parse(bytes, &i))
                    guard i < bytes.count else { break }
                    let c = bytes[i]
                    i += 1
                    if c == close { break }
                }
                nodes.append(.choice(choices))
            } else {
                literal.append(bytes[i])
                i += 1
            }
        }
        if !literal.isEmpty { nodes.append(.text(literal)) }
        return nodes
    }

    /// Every phrase of `nodes` from node `k` on, written after what `buffer` holds, handed to
    /// `done` in the order the choices are written (earlier groups vary slowest): one buffer, no
    /// product of partial lists (what expanding the tables cost when each step built new arrays).
    private static func walk(_ nodes: [Node], _ k: Int, _ buffer: inout [UInt8], _ done: (inout [UInt8]) -> Void) {
        guard k < nodes.count else { done(&buffer); return }
        switch nodes[k] {
        case .text(let t):
            let n = buffer.count
            buffer += t
            walk(nodes, k + 1, &buffer, done)
            buffer.removeLast(buffer.count - n)
        case .choice(let alternatives):
            for a in alternatives {
                walk(a, 0, &buffer) { b in walk(nodes, k + 1, &b, done) }
            }
        }
    }

    private static let tilde = UInt8(ascii: "~"), apostrophe = UInt8(ascii: "'")
    private static let plural = Array("{s|(s)|}".utf8), possessive = Array("{'s|’s|s'|}".utf8)
    private static let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), bar = UInt8(ascii: "|"), space = UInt8(ascii: " ")

    /// The words of `phrase` joined by single spaces; nil when it has none.
    private static func folded(_ phrase: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(phrase.count)
        for b in phrase {
            if b == space {
                if let last = out.last, last != space { out.append(space) }
            } else {
                out.append(b)
            }
        }
        if out.last == space { out.removeLast() }
        return out.isEmpty ? nil : out
    }

    /// Every phrase of every pattern, in order.
    static func expand(_ patterns: [String]) -> [String] {
        var seen = Set<String>()
        return patterns.flatMap(phrases).compactMap { let s = String(decoding: $0, as: UTF8.self); return seen.insert(s).inserted ? s : nil }
    }
}
