import IMRParse

/// Recognises the treatment families a request names, from the `requests` phrases of the rules.
///
/// A request is recognised by what is requested, not by every word in it: the phrases are
/// matched leftmost-longest; the first family named is the treatment; families named before the
/// request's purpose ("for", "to evaluate", "regarding") are components of a bundle; anything after
/// the purpose ("re-evaluation … for repeat epidural injection") is not requested, even when nothing
/// before it is recognised (then no rule covers the request: better no prediction than a wrong family). Ancillary parts
/// (fluoroscopy, contrast, sedation) never select a family.
package struct RequestRecognizer: Sendable {
    private let trie: PhraseTrie
    /// `claims` words of each treatment (id = treatment index).
    private let claims: PhraseTrie
    private let treatmentIDs: [String]
    private let ancillaryID: Int32
    private let purposeID: Int32
    /// Words that introduce the purpose of a request rather than another requested item.
    static let purposeWords = ["for", "to evaluate", "to determine", "to assess", "regarding", "in preparation for",
                               "prior to", "before", "to rule out", "to consider", "to discuss"]

    package init(book: RuleBook) {
        var trie = PhraseTrie()
        for (i, t) in book.treatments.enumerated() {
            for phrase in t.requests {
                for a in book.lexicon.alternatives(of: phrase) { trie.add(a, id: Int32(i)) }
            }
        }
        treatmentIDs = book.treatments.map(\.id)
        ancillaryID = Int32(book.treatments.count)
        purposeID = ancillaryID + 1
        for phrase in book.ancillaryPhrases { trie.add(phrase, id: ancillaryID) }
        for phrase in Self.purposeWords { trie.add(phrase, id: purposeID) }
        self.trie = trie
        var claims = PhraseTrie()
        for (i, t) in book.treatments.enumerated() {
            for phrase in t.claims {
                for a in book.lexicon.alternatives(of: phrase) { claims.add(a, id: Int32(i)) }
            }
        }
        self.claims = claims
    }

    package struct Recognition: Sendable {
        package var components: [String]
        /// Byte ranges in the request text of the phrase that named each component.
        package var ranges: [Range<Int>]
    }

    package func recognize(_ text: String) -> Recognition {
        let bytes = Array(text.utf8)
        return recognize(tokens: Tokenizer.tokens(bytes, 0..<bytes.count))
    }

    /// Recognises a request already tokenized (offsets into its UTF-8 bytes).
    func recognize(tokens: [Token]) -> Recognition {
        let matches = trie.matches(in: tokens, 0..<tokens.count, nonOverlapping: true)
        var components: [String] = []
        var ranges: [Range<Int>] = []
        var lastStart = -1
        for m in matches {
            // Everything after the purpose is not requested — unless only administrative words come
            // before it ("Retrospective request for …", "Prescription for …").
            if m.id == purposeID {
                let requested = tokens[..<m.tokenRange.lowerBound].contains { !$0.isPunct && !Self.administrativeKeys.contains($0.key) }
                if !requested { continue }
                break
            }
            if m.id == ancillaryID { continue }
            // A phrase shared by several families selects the first declared: lint warns about it.
            if m.tokenRange.lowerBound == lastStart { continue }
            lastStart = m.tokenRange.lowerBound
            let id = treatmentIDs[Int(m.id)]
            if !components.contains(id) {
                components.append(id)
                ranges.append(Int(tokens[m.tokenRange.lowerBound].start)..<Int(tokens[m.tokenRange.upperBound - 1].end))
            }
        }
        // A claiming word ("cream", "compound") decides the family: the others named are its ingredients.
        if let claim = claims.matches(in: tokens, 0..<tokens.count).first {
            let id = treatmentIDs[Int(claim.id)]
            let range = Int(tokens[claim.tokenRange.lowerBound].start)..<Int(tokens[claim.tokenRange.upperBound - 1].end)
            let own = components.firstIndex(of: id).map { ranges[$0] } ?? range
            return Recognition(components: [id], ranges: [own])
        }
        return Recognition(components: components, ranges: ranges)
    }

    /// The treatments named in `tokens[range]`, each with the tokens that name it, in text order: what
    /// a note asks for. As in a request title, nothing after the request's purpose ("for",
    /// "to evaluate") is requested once a treatment has been named before it, and ancillary parts
    /// name nothing.
    package func mentions(in tokens: [Token], _ range: Range<Int>) -> [(treatment: String, tokens: Range<Int>)] {
        var out: [(String, Range<Int>)] = []
        for m in trie.matches(in: tokens, range, nonOverlapping: true) {
            if m.id == purposeID {
                if out.isEmpty { continue }
                break
            }
            if m.id == ancillaryID { continue }
            out.append((treatmentIDs[Int(m.id)], m.tokenRange))
        }
        return out
    }

    /// Words that say how something is requested, not what.
    static let administrativeKeys: Set<UInt64> = Set(["retrospective", "retro", "request", "requested", "prescription", "authorization",
        "of", "the", "a", "an", "one", "purchase", "rental", "dispensed", "refill", "prospective", "concurrent", "urgent", "expedited"].map { Tokenizer.key(of: $0) })
}
