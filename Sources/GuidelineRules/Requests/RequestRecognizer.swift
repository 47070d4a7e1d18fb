import IMRParse

/// Recognises the treatment families a request names, from the `requests` phrases of the rules.
///
/// A request is recognised by what is requested, not by every word in it: the phrases are
/// matched leftmost-longest; the first family named is the treatment; families named before the
/// request's purpose ("for", "to evaluate", "regarding") are components of a bundle; anything after
/// the purpose ("re-evaluation … for repeat epidural injection") is not requested, even when nothing
/// before it is recognised (then no rule covers the request: better no prediction than a wrong family). Ancillary parts
/// (fluoroscopy, contrast, sedation) never select a family.
///
/// A family that `refines` another is chosen in its place for an item the other names (the words
/// from its phrase to the next family named, the purpose or the end) when the item also holds one
/// of the refining family's phrases ("hinged knee brace": durable medical equipment names it, and
/// "knee brace" makes it `knee_brace`), or, with `refines … when "…"`, one of those words ("Toradol
/// 60 mg IM": an NSAID, and "IM" makes it `ketorolac_injection`). A refining family named side by side
/// with the family it refines, joined only by punctuation ("Interferential/NMES", "TENS/H-wave"), is part
/// of a combination unit: the refined family's.
package struct RequestRecognizer: Sendable {
    private let trie: PhraseTrie
    /// `claims` words of each treatment (id = treatment index).
    private let claims: PhraseTrie
    private let treatmentIDs: [String]
    /// For each family, the families that refine it (indices, in declaration order).
    private let refiners: [[Int32]]
    /// For each family, the family it refines (-1: none).
    private let parent: [Int32]
    /// Each refining family's request phrases, and its `when` words (id = its index).
    private let refinerPhrases: PhraseTrie
    private let refinerWords: PhraseTrie
    private let hasWords: [Bool]
    private let ancillaryID: Int32
    private let purposeID: Int32
    /// The context rules' clause verbs (`clause_verb`): after "pt" they make it the patient.
    private let clauseVerbKeys: Set<UInt64>
    /// How notes ask (the `request_words ask` and `order` phrases of Rules/requests.rules): before a
    /// request's purpose they say how it is asked, not what ("Authorization is requested for MRI …",
    /// "We will submit a request for …"), as the administrative words do.
    private let askWords: PhraseTrie
    /// Words that introduce the purpose or the time of a request rather than another requested item
    /// ("work hardening, to begin after chiropractic care ends": the care is a time, not a component).
    static let purposeWords = ["for", "to evaluate", "to determine", "to assess", "regarding", "in preparation for",
                               "prior to", "before", "to rule out", "to consider", "to discuss", "after", "following",
                               "once", "until", "upon completion of",
                               // What goes on beside the request is no part of it: "massage x4, adjunct to his
                               // exercise program, coordinated with his remaining PT visits"; "a stellate ganglion
                               // block, timed to allow her hand therapist to work with her".
                               "to allow", "adjunct to", "alongside", "coordinated with", "in conjunction with",
                               "together with", "concurrent with", "concurrently with"]

    package init(book: RuleBook) {
        let maker = PartKeysMaker(book.lexicon)
        var trie = PhraseTrie()
        for (i, t) in book.treatments.enumerated() {
            for phrase in t.requests {
                maker.keys(of: phrase).add(to: &trie, id: Int32(i))
            }
        }
        treatmentIDs = book.treatments.map(\.id)
        clauseVerbKeys = Set(book.context.clauseVerbs.map { Tokenizer.key(of: $0) })
        var refiners = [[Int32]](repeating: [], count: book.treatments.count)
        var refinerPhrases = PhraseTrie(), refinerWords = PhraseTrie()
        for (i, t) in book.treatments.enumerated() {
            guard let parent = t.refines, let p = book.treatments.firstIndex(where: { $0.id == parent }) else { continue }
            refiners[p].append(Int32(i))
            for phrase in t.requests {
                maker.keys(of: phrase).add(to: &refinerPhrases, id: Int32(i))
            }
            for word in t.refinementWords {
                maker.keys(of: word).add(to: &refinerWords, id: Int32(i))
            }
        }
        self.refiners = refiners
        var parent = [Int32](repeating: -1, count: book.treatments.count)
        for (p, children) in refiners.enumerated() { for c in children { parent[Int(c)] = Int32(p) } }
        self.parent = parent
        self.refinerPhrases = refinerPhrases
        self.refinerWords = refinerWords
        hasWords = book.treatments.map { !$0.refinementWords.isEmpty }
        ancillaryID = Int32(book.treatments.count)
        purposeID = ancillaryID + 1
        for phrase in book.ancillaryPhrases { trie.add(phrase, id: ancillaryID) }
        for phrase in Self.purposeWords { trie.add(phrase, id: purposeID) }
        self.trie = trie
        var claims = PhraseTrie()
        for (i, t) in book.treatments.enumerated() {
            for phrase in t.claims {
                maker.keys(of: phrase).add(to: &claims, id: Int32(i))
            }
        }
        self.claims = claims
        var askWords = PhraseTrie()
        for kind in [RequestWordKind.ask, .order] {
            for phrase in book.requestWords[kind] ?? [] { maker.keys(of: phrase).add(to: &askWords, id: 0) }
        }
        self.askWords = askWords
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
        var places: [(tokens: Range<Int>, ids: [Int32])] = []
        var end = tokens.count
        // Tokens of ancillary parts seen so far ("IV sedation", "fluoroscopic guidance").
        var ancillary: [Range<Int>] = []
        for m in matches {
            // Everything after the purpose is not requested — unless only administrative words or
            // ancillary parts come before it ("Retrospective request for …", "Prescription for …",
            // "IV sedation for the medial branch blocks": the part serves the procedure it is for).
            if m.id == purposeID {
                // An ask phrase may end in the purpose word itself ("ask for authorization to repeat …").
                let asking = askWords.matches(in: tokens, 0..<m.tokenRange.upperBound, nonOverlapping: true).map(\.tokenRange)
                // A treatment named before the purpose is requested even when its word is also an office's
                // ("referral" may be a family's phrase and the wrapping of another's request).
                let requested = !places.isEmpty || tokens[..<m.tokenRange.lowerBound].indices.contains { k in
                    !tokens[k].isPunct && !Self.administrativeKeys.contains(tokens[k].key) && !ancillary.contains { $0.contains(k) }
                        && !asking.contains { $0.contains(k) }
                }
                if !requested { continue }
                end = m.tokenRange.lowerBound
                break
            }
            if m.id == ancillaryID { ancillary.append(m.tokenRange); continue }
            if !places.isEmpty, Self.namesProvider(m.tokenRange, tokens) { continue }
            if namesThePatient(m.tokenRange, tokens) { continue }
            if let last = places.last, last.tokens.lowerBound == m.tokenRange.lowerBound { places[places.count - 1].ids.append(m.id) }
            else { places.append((m.tokenRange, [m.id])) }
        }
        var components: [String] = []
        var ranges: [Range<Int>] = []
        let chosen = resolveAll(places, end: end, tokens)
        for (k, place) in places.enumerated() {
            let id = treatmentIDs[Int(chosen[k])]
            if !components.contains(id) {
                components.append(id)
                ranges.append(Int(tokens[place.tokens.lowerBound].start)..<Int(tokens[place.tokens.upperBound - 1].end))
            }
        }
        // A claiming word ("cream", "compound") decides the family: the others named are its ingredients.
        // Only in what is requested: "office visit in 4 weeks to assess patch response" asks for no patch.
        if let claim = claims.matches(in: tokens, 0..<end).first {
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
        var places: [(tokens: Range<Int>, ids: [Int32])] = []
        var end = range.upperBound
        for m in trie.matches(in: tokens, range, nonOverlapping: true) {
            if m.id == purposeID {
                // Visits asked for with no treatment named ("12 additional visits … for progressive cuff
                // strengthening, with transition to a gym-based program") are what is requested: the
                // purpose names nothing more (the finder reads whose visits they are).
                if places.isEmpty, !tokens[range.lowerBound..<m.tokenRange.lowerBound].contains(where: { RequestFinder.sessionNouns.contains($0.key) }) { continue }
                end = m.tokenRange.lowerBound
                break
            }
            if m.id == ancillaryID { continue }
            if !places.isEmpty, Self.namesProvider(m.tokenRange, tokens) { continue }
            if namesThePatient(m.tokenRange, tokens) { continue }
            if let last = places.last, last.tokens.lowerBound == m.tokenRange.lowerBound { places[places.count - 1].ids.append(m.id) }
            else { places.append((m.tokenRange, [m.id])) }
        }
        let chosen = resolveAll(places, end: end, tokens)
        return places.enumerated().map { k, place in (treatmentIDs[Int(chosen[k])], place.tokens) }
    }

    /// The family chosen at each place; each place's item runs to the next place (or `end`). A refining
    /// family beside its root family, joined only by punctuation, is a combination unit: the root's.
    private func resolveAll(_ places: [(tokens: Range<Int>, ids: [Int32])], end: Int, _ tokens: [Token]) -> [Int32] {
        var chosen = places.enumerated().map { k, place in
            resolve(place.ids, item: place.tokens.lowerBound..<(k + 1 < places.count ? places[k + 1].tokens.lowerBound : end), tokens)
        }
        func root(_ id: Int32) -> Int32 {
            var at = id, steps = 0
            while parent[Int(at)] >= 0, steps < parent.count { at = parent[Int(at)]; steps += 1 }
            return at
        }
        for k in chosen.indices.dropLast() where chosen[k] != chosen[k + 1] && root(chosen[k]) == root(chosen[k + 1])
            && (chosen[k] == root(chosen[k]) || chosen[k + 1] == root(chosen[k + 1])) {
            let between = places[k].tokens.upperBound..<places[k + 1].tokens.lowerBound
            guard between.allSatisfy({ tokens[$0].isPunct }) else { continue }
            chosen[k] = root(chosen[k])
            chosen[k + 1] = root(chosen[k + 1])
        }
        return chosen
    }

    /// The family chosen at one place of a request: of the families whose phrase matched there, a
    /// refining one over the family it refines (they share the phrase), else the first declared
    /// (lint warns about phrases shared otherwise); then, as long as a family refining the choice
    /// finds its phrases (or its `when` words) in the item, that family.
    private func resolve(_ ids: [Int32], item: Range<Int>, _ tokens: [Token]) -> Int32 {
        var chosen = ids[0]
        if let refining = ids.first(where: { id in ids.contains { refiners[Int($0)].contains(id) } }) { chosen = refining }
        guard refiners.contains(where: { !$0.isEmpty }) else { return chosen }
        var phrasesHere: Set<Int32>?, wordsHere: Set<Int32>?
        var depth = 0
        descend: while depth < refiners.count, !refiners[Int(chosen)].isEmpty {
            depth += 1
            for r in refiners[Int(chosen)] {
                let found: Bool
                if hasWords[Int(r)] {
                    if wordsHere == nil { wordsHere = Set(refinerWords.matches(in: tokens, item).map(\.id)) }
                    found = wordsHere!.contains(r)
                } else {
                    if phrasesHere == nil { phrasesHere = Set(refinerPhrases.matches(in: tokens, item).map(\.id)) }
                    found = phrasesHere!.contains(r)
                }
                if found { chosen = r; continue descend }
            }
            break
        }
        return chosen
    }

    /// Whether a phrase after a named treatment says who gives it: "with" or "by" (and an article)
    /// before a phrase ending in a provider ("Psychological evaluation and testing with a pain
    /// psychologist" is one evaluation, not also psychotherapy).
    /// "Pt" before a clause verb is the patient, not physical therapy ("- pt understands risks", "Pt wants to proceed").
    func namesThePatient(_ phrase: Range<Int>, _ tokens: [Token]) -> Bool {
        phrase.count == 1 && tokens[phrase.lowerBound].key == Self.ptKey && phrase.upperBound < tokens.count
            && clauseVerbKeys.contains(tokens[phrase.upperBound].key)
    }

    static func namesProvider(_ phrase: Range<Int>, _ tokens: [Token]) -> Bool {
        guard providerKeys.contains(tokens[phrase.upperBound - 1].key) else { return false }
        var j = phrase.lowerBound - 1
        // "her hand therapist", "his physiotherapist": the patient's own provider is a person.
        if j >= 0, possessiveKeys.contains(tokens[j].key) { return true }
        if j >= 0, articleKeys.contains(tokens[j].key) { j -= 1 }
        return j >= 0 && (tokens[j].key == withKey || tokens[j].key == byKey)
    }
    static let providerKeys: Set<UInt64> = Set(["psychologist", "psychiatrist", "therapist", "physiotherapist", "chiropractor",
                                                "acupuncturist", "physician", "surgeon", "doctor", "specialist", "neurologist",
                                                "physiatrist", "orthopedist", "counselor"].map { Tokenizer.key(of: $0) })
    static let possessiveKeys: Set<UInt64> = Set(["her", "his", "their"].map { Tokenizer.key(of: $0) })
    static let articleKeys: Set<UInt64> = Set(["a", "an", "the", "his", "her"].map { Tokenizer.key(of: $0) })
    static let withKey = Tokenizer.key(of: "with"), byKey = Tokenizer.key(of: "by"), ptKey = Tokenizer.key(of: "pt")

    /// Words that say how something is requested, not what.
    static let administrativeKeys: Set<UInt64> = Set(["retrospective", "retro", "request", "requested", "prescription", "authorization",
        "of", "the", "a", "an", "one", "purchase", "rental", "dispensed", "refill", "prospective", "concurrent", "urgent", "expedited",
        // The sentence an office wraps an ask in: "Authorization is hereby requested for", "RFA sent for", "Referral for".
        "is", "are", "was", "be", "been", "being", "we", "i", "will", "would", "am", "hereby", "please", "kindly", "also",
        "sent", "submitted", "made", "placed", "referral", "for", "and"].map { Tokenizer.key(of: $0) })
}
