/// The wordings of one context phrase written with concepts, kept as pieces: "help from {relative_of}
/// {relative}" is ["help from "], [his, her, the patient's, …], [" "], [wife, son, …], and stands for
/// every text that joins one alternative of each piece, the first piece varying slowest (the order
/// of `ConceptLexicon.alternatives(of:)`). `ContextEngine` adds the wordings to its trie piece by
/// piece, tokenizing each alternative once: the ~8,000 wordings of the pseudo-triggers written with
/// concepts were made, tokenized and measured one by one when every process loaded the rules.
package struct PhraseWordings: Sendable, Hashable, Codable {
    package var pieces: [[String]]

    package init(pieces: [[String]]) {
        self.pieces = pieces
    }

    /// A plain phrase: one wording.
    package init(_ phrase: String) {
        pieces = [[phrase]]
    }

    /// Every wording, in order.
    package var all: [String] {
        var out = [""]
        for piece in pieces {
            var next: [String] = []
            next.reserveCapacity(out.count * piece.count)
            for prefix in out {
                for alternative in piece { next.append(prefix + alternative) }
            }
            out = next
        }
        return pieces.isEmpty ? [] : out
    }
}
