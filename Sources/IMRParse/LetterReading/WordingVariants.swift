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
enum WordingVariants {
    /// Every phrase `pattern` stands for, in the order its choices are written (duplicates removed).
    static func expand(_ pattern: String) -> [String] {
        var text = pattern.replacingOccurrences(of: "~", with: "{s|(s)|}")
        text = text.replacingOccurrences(of: "'s", with: "{'s|’s|s'|}")
        var chars = Array(text)
        var i = 0
        var seen = Set<String>()
        return sequence(&chars, &i).map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The phrases of a sequence of literal text and `{…|…}` groups (which may nest), up to a `|` or
    /// `}` that closes the group it is in.
    private static func sequence(_ chars: inout [Character], _ i: inout Int) -> [String] {
        var out = [""]
        var literal = ""
        while i < chars.count, chars[i] != "|", chars[i] != "}" {
            if chars[i] == "{" {
                i += 1
                var choices: [String] = []
                while true {
                    choices += sequence(&chars, &i)
                    guard i < chars.count else { break }
                    let c = chars[i]
                    i += 1
                    if c == "}" { break }
                }
                out = out.flatMap { prefix in choices.map { prefix + literal + $0 } }
                literal = ""
            } else {
                literal.append(chars[i])
                i += 1
            }
        }
        return out.map { $0 + literal }
    }

    /// Every phrase of every pattern, in order.
    static func expand(_ patterns: [String]) -> [String] {
        var seen = Set<String>()
        return patterns.flatMap(expand).filter { seen.insert($0).inserted }
    }
}
