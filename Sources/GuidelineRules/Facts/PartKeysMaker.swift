import IMRParse

/// Makes a part's `PartKeys` — exactly what `PartKeys(lexicon.alternatives(of: part))` makes —
/// without building and tokenizing the string of every alternative: each concept's words and each
/// literal are tokenized once, and an alternative's keys are its pieces' keys one after another.
///
/// That holds where no token runs across the join of two pieces: the tokenizer starts afresh after
/// white space or a punctuation mark, so two pieces join safely unless the first ends and the next
/// starts with a letter, digit or non-ASCII byte ("{side}-sided", "{level}s"); such an alternative
/// is built and tokenized as before. A part over `ConceptLexicon.maximumAlternatives` is cut short
/// where `alternatives(of:)` cuts it. Rule books hold a hundred thousand alternatives:
/// making their strings and tokenizing them was half of loading the rules.
final class PartKeysMaker {
    private let lexicon: ConceptLexicon

    /// A concept word or a literal, tokenized: its word keys are `store[lo..<hi]`.
    private struct Piece {
        var lo: Int32
        var hi: Int32
        var tokens: Int32
        var first: UInt64
        var isEmpty: Bool
        /// Its first or last byte could continue a word across the join (letter, digit, non-ASCII).
        var startsWord: Bool
        var endsWord: Bool
    }

    private var store: [UInt64] = []
    private var concepts: [String: [Piece]] = [:]

    init(_ lexicon: ConceptLexicon) {
        self.lexicon = lexicon
    }

    private func piece(_ text: String) -> Piece {
        let lo = Int32(store.count)
        let (tokens, first) = Tokenizer.phraseKeys(text, into: &store)
        let u = text.utf8
        func isWord(_ b: UInt8?) -> Bool {
            guard let b else { return false }
            return b >= 0x80 || (b | 0x20) &- 97 < 26 || b &- 48 < 10
        }
        return Piece(lo: lo, hi: Int32(store.count), tokens: Int32(tokens), first: first, isEmpty: u.isEmpty,
                     startsWord: isWord(u.first), endsWord: isWord(u.last))
    }

    private func pieces(ofConcept name: String) -> [Piece] {
        if let known = concepts[name] { return known }
        let made = (lexicon.concepts[name] ?? []).map(piece)
        concepts[name] = made
        return made
    }

    /// The keys of `part`'s alternatives, in `alternatives(of:)` order, then their `same` variants
    /// ("radicular sx" beside "radicular symptoms").
    func keys(of part: String) -> PartKeys {
        let made = alternativesKeys(of: part)
        return lexicon.equivalents.isEmpty ? made : made.withEquivalents(lexicon.equivalents, filter: lexicon.equivalentKeys)
    }

    /// The keys of `part`'s alternatives, in `alternatives(of:)` order.
    func alternativesKeys(of part: String) -> PartKeys {
        let refs = ConceptLexicon.references(in: part)
        guard !refs.isEmpty else { return PartKeys([part]) }
        var literals: [String] = []
        var literalPieces: [Piece] = []
        var lists: [[Piece]] = []
        var total = 1
        var at = part.startIndex
        var tail = ""
        var cut = false
        for ref in refs {
            let literal = String(part[at..<ref.range.lowerBound])
            literals.append(literal)
            literalPieces.append(piece(literal))
            let list = pieces(ofConcept: ref.name)
            lists.append(list)
            total *= list.count
            at = ref.range.upperBound
            // Too many: `alternatives(of:)` keeps the first ones made so far (no later literal, reference
            // or tail), which are the first of the choices in this order.
            if total > ConceptLexicon.maximumAlternatives { cut = true; break }
        }
        if !cut { tail = String(part[at...]) }
        literals.append(tail)
        literalPieces.append(piece(tail))
        var result = PartKeys()
        guard total > 0 else { return result }
        let limit = min(total, ConceptLexicon.maximumAlternatives)
        result.spans.reserveCapacity(limit)
        let n = lists.count
        var choice = [Int](repeating: 0, count: n)
        let store = self.store  // not changed below: read without the class's access checks
        while result.spans.count < limit {
            let lo = Int32(result.keys.count)
            var tokens: Int32 = 0
            var first: UInt64 = 0
            var endsWord = false
            var joined = false
            for k in 0...n {
                for step in 0..<2 {
                    if step == 1, k == n { break }
                    let p = step == 0 ? literalPieces[k] : lists[k][choice[k]]
                    if p.isEmpty { continue }
                    if endsWord, p.startsWord { joined = true; break }
                    if tokens == 0 { first = p.first }
                    tokens += p.tokens
                    for j in Int(p.lo)..<Int(p.hi) { result.keys.append(store[j]) }
                    endsWord = p.endsWord
                }
                if joined { break }
            }
            if joined {
                // A token runs across a join: the alternative's own string, tokenized.
                result.keys.removeSubrange(Int(lo)...)
                var text = ""
                for k in 0..<n { text += literals[k]; text += lexicon.concepts[refs[k].name]![choice[k]] }
                text += tail
                result.append(text)
            } else {
                result.close(from: lo, tokens: Int(tokens), first: first)
            }
            // The next choice, the last reference's word varying fastest (the order of `alternatives(of:)`).
            var k = n - 1
            while k >= 0 {
                choice[k] += 1
                if choice[k] < lists[k].count { break }
                choice[k] = 0
                k -= 1
            }
            if k < 0 { break }
        }
        return result
    }
}
