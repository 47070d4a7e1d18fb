/// Adding the pseudo-triggers to the engine's trie piece by piece (see `PhraseWordings`): each
/// alternative of a piece is tokenized and read once, and the wordings that share a beginning share
/// the trie walk to it, instead of making, tokenizing and measuring every wording (~8,000, 140 M
/// instructions in every process). The wordings get the same keys, ids and entries in the same
/// order: a wording's tokens are its pieces' tokens one after the other, since `Tokenizer` ends
/// every token at white space and punctuation and no piece joins a word of the next
/// (`joinsWords`); a phrase that would is added wording by wording, as are plain ones.
extension ContextEngine {
    /// What a wording needs of one alternative of a piece.
    struct PieceText {
        var keys: [UInt64]
        /// Index in `keys` of the last negation word (`negationWords`), -1 for none.
        var lastNegation: Int
        /// `spaceSeparatedWords` of the text, and whether it starts and ends with a space.
        var spaceWords: Int
        var startsWithSpace: Bool
        var endsWithSpace: Bool
        /// Whether its first (last) byte can belong to a word: a letter, digit or non-ASCII byte.
        var startsInWord: Bool
        var endsInWord: Bool

        /// Nil for an empty text or one whose words are not counted from the bytes.
        init?(_ text: String) {
            guard let words = ContextEngine.bytewiseSpaceSeparatedWords(text) else { return nil }
            var text = text
            let edges = text.withUTF8 { b -> (first: UInt8, last: UInt8)? in b.isEmpty ? nil : (b[0], b[b.count - 1]) }
            guard let edges else { return nil }
            keys = Tokenizer.keys(ofPhrase: text)
            lastNegation = keys.lastIndex { ContextEngine.negationWords.contains($0) } ?? -1
            spaceWords = words
            startsWithSpace = edges.first == UInt8(ascii: " ")
            endsWithSpace = edges.last == UInt8(ascii: " ")
            startsInWord = TextScan.isWordByte(edges.first)
            endsInWord = TextScan.isWordByte(edges.last)
        }
    }

    /// Whether some alternative of `left` followed by some alternative of `right` runs one word into
    /// the next ("{side}sided"): then the wording's tokens are not its pieces' tokens.
    private static func joinsWords(_ left: [PieceText], _ right: [PieceText]) -> Bool {
        left.contains(where: \.endsInWord) && right.contains(where: \.startsInWord)
    }

    /// Adds every wording of `pseudoTriggers` to `trie`, with its `.pseudo` entry appended to
    /// `entries` (its id is the entry's index). Returns whether a wording has no word (a punctuation
    /// mark or nothing), as `Tokenizer.keys(ofPhrase:)` would find.
    static func addPseudoTriggers(_ pseudoTriggers: [PhraseWordings], to trie: inout PhraseTrie,
                                  entries: inout [Entry]) -> Bool {
        var keyless = false
        func addWording(_ phrase: String) {
            let keys = PhraseTrie.keys(of: phrase)
            if case .words = keys {} else { keyless = true }
            let (negation, words) = ownNegation(phrase, keys)
            trie.add(keys, id: Int32(entries.count))
            entries.append(.pseudo(negation: negation, words: words))
        }
        var read: [String: PieceText?] = [:]
        func pieceText(_ text: String) -> PieceText? {
            if let known = read[text] { return known }
            let made = PieceText(text)
            read[text] = made
            return made
        }
        for wordings in pseudoTriggers {
            var pieces: [[PieceText]] = []
            if wordings.pieces.count > 1 {
                for piece in wordings.pieces {
                    let texts = piece.compactMap(pieceText)
                    guard texts.count == piece.count else { break }
                    if let last = pieces.last, joinsWords(last, texts) { break }
                    pieces.append(texts)
                }
            }
            guard pieces.count == wordings.pieces.count, pieces.count > 1 else {
                for phrase in wordings.all { addWording(phrase) }
                continue
            }
            // Depth first, the first piece slowest: the wordings' order. `keys` holds the words so
            // far; `chosen` the alternatives, for a wording without words (added as text).
            var keys: [UInt64] = [], chosen: [Int] = []
            func walk(_ k: Int, node: Int32, words: Int, lastNegation: Int) {
                guard k < pieces.count else {
                    guard let first = keys.first else {
                        addWording(chosen.indices.map { wordings.pieces[$0][chosen[$0]] }.joined())
                        return
                    }
                    var own: (Int8, Int8) = (0, 0)
                    // `ownNegation`'s test, on the joined keys and words.
                    if keys.count == words, keys.count < Int8.max, lastNegation >= 0, lastNegation + 1 < keys.count,
                       keys[lastNegation + 1] != longer {
                        own = (Int8(lastNegation + 1), Int8(keys.count))
                    }
                    trie.end(node, id: Int32(entries.count), firstKey: first)
                    entries.append(.pseudo(negation: own.0, words: own.1))
                    return
                }
                let before = keys.count
                for (a, text) in pieces[k].enumerated() {
                    // The words of the two texts run together when neither side of the join is a space.
                    let joined = k > 0 && !text.startsWithSpace && text.spaceWords > 0
                        && !pieces[k - 1][chosen[k - 1]].endsWithSpace && pieces[k - 1][chosen[k - 1]].spaceWords > 0
                    chosen.append(a)
                    keys.append(contentsOf: text.keys)
                    walk(k + 1, node: trie.extend(node, by: text.keys[...]), words: words + text.spaceWords - (joined ? 1 : 0),
                         lastNegation: text.lastNegation >= 0 ? before + text.lastNegation : lastNegation)
                    keys.removeSubrange(before...)
                    chosen.removeLast()
                }
            }
            walk(0, node: 0, words: 0, lastNegation: -1)
        }
        return keyless
    }
}
