/// A ConText-style assertion engine (Harkema et al. 2009; medspaCy), compiled once from
/// `ContextRules` and shared by every `ClinicalText`.
///
/// Per sentence, the engine finds trigger, pseudo-trigger and terminator phrases (leftmost-longest,
/// so a pseudo-trigger such as "no change in" hides the trigger "no" inside it), then attribution
/// cues and anchors in a second, independent pass (so "she denies" can be both a patient cue and a
/// negation) that keeps the longest phrase at every position, overlaps included ("the patient" is
/// an anchor and "patient reports" a cue). Each trigger gets a scope:
///
/// - **forward / backward / both**: up to `maxScope` words (punctuation not counted) after / before
///   the trigger. The scope stops early at a terminator, at the sentence edge, where negation meets
///   uncertainty (a `negated` scope ends at a `possible` trigger and the other way round; other
///   categories combine by precedence instead), and at a **clause break**: a comma, "and", ";" or ":" followed by a new subject
///   (the, this, these, those, his, her, their, he, she, they, I, we, it, there, patient,
///   claimant), an anchor, an attribution cue or a guideline trigger ("no radiculopathy, the MRI
///   shows a herniation" negates radiculopathy only).
/// - **List continuation**: a scope runs on over a list joined by commas, "and", "or", "nor", "/",
///   "&" as long as each further item has at most `listItemMax` (3) words; when the word budget
///   runs out inside an item of at most that many remaining words that a separator follows, the
///   item is finished. So one "there are no red flags … to indicate" covers every item of a long
///   comma list, while "no fever, and MRI shows a large herniation" stops (a 5-word item). An item
///   after "and" that holds an auxiliary or reporting verb ("and urine drug screens have been
///   consistent") is a clause and ends the scope; going backwards, a comma before a stretch longer
///   than a list item ends it too ("Given that …, further sessions are not supported").
/// - **sentence** triggers cover the sentence. For `guideline` triggers the sentence is cut into
///   clauses at terminators and clause breaks (but not right after the trigger: "guidelines state,
///   There is …"); if no clause holds an anchor or attribution cue (a statement about this patient:
///   "in this case", "the patient", "the treater states") the whole sentence is a guideline quote;
///   otherwise only the clauses holding a guideline trigger, and neutral clauses next to them, are.
///
/// A mention takes the category of the highest-precedence trigger whose scope it overlaps (see
/// `Assertion`), the nearest such trigger on ties; a negation, uncertainty or hypothetical trigger
/// lying inside the mention belongs to the mention's own phrase and is ignored (see
/// `ClinicalText.context(of:in:)`). A trigger with `scope 0` reaches only its own words ("no relief
/// from" negates the relief, not the treatment after it). Several negations do not cancel ("no evidence
/// of pain without medication" stays negated): letters rarely use real double negatives, and a
/// pseudo-trigger ("not without") is the place for the few that exist.
package final class ContextEngine: Sendable {
    package let rules: ContextRules
    /// Longest further list item (words) that list continuation accepts.
    package let listItemMax = 3

    enum Entry: Sendable {
        case trigger(Int)
        /// A pseudo-trigger; `negation` > 0 when its words end in a negated part of its own
        /// ("not helped", "no change in", "without assistance"): its first `negation` words hold the
        /// negation, and the words after it, inside the phrase, are negated (see `ownNegation`).
        case pseudo(negation: Int8, words: Int8)
        case terminator
        case cue(Attribution)
        case anchor
    }

    /// Every phrase of the rules in one trie, walked once per token: modifiers (triggers,
    /// pseudo-triggers, terminators) and anchors (attribution cues, `affirmed` triggers).
    let trie: PhraseTrie
    /// The trie's tables for `analyze`'s walk, made once (see `PhraseTrie.ViewCopy`).
    let walkTables: PhraseTrie.ViewCopy
    let entries: [Entry]
    /// Per trie node: 1 when a modifier phrase ends there, 2 when an anchor phrase does.
    let nodeKinds: [UInt8]
    /// Ids of one-mark modifier phrases (";"), handled apart from the walk.
    let hasPunctuationPhrases: Bool
    /// By trie node: its entries, `nodeEntries[entryStart[n]..<entryStart[n + 1]]` (flat: no array
    /// retained per phrase found).
    let entryStart: [Int32]
    let nodeEntries: [Entry]

    /// What the scopes need of a trigger rule, without its phrase (a `String` retained per use).
    struct RuleKind: Sendable {
        var category: Assertion
        var direction: ContextDirection
        var maxScope: Int
    }
    let ruleKinds: [RuleKind]
    /// A negation rule, named by the modifiers a pseudo-trigger's own negation makes (nil: no negation rules).
    let negationRule: Int?

    static let longer = Tokenizer.key(of: "longer")

    /// Words between a negation and a hypothetical trigger it denies ("not ready to | consider").
    static let deniedHypotheticalReach = 3

    /// Words that make a pseudo-trigger's later words negated.
    static let negationWords: Set<UInt64> = Set(["no", "not", "never", "without", "cannot", "nor", "none", "nothing",
                                                 "neither"].map { Tokenizer.key(of: $0) })

    /// A pseudo-trigger hides its negation from the words after it, but not from its own: "not
    /// helped" leaves "back pain" in "PT has not helped her back pain" alone, and still negates
    /// "helping" in "Norco is not helping her pain" (a mention that starts inside it). Returns the
    /// words up to the last negation word and the phrase's length, (0, 0) when none is followed by a
    /// word or the phrase has a punctuation mark. `phraseKeys` is the phrase as the trie stores it
    /// (`PhraseTrie.keys(of:)`): each pseudo-trigger is tokenized once, for both.
    static func ownNegation(_ phrase: String, _ phraseKeys: PhraseTrie.PhraseKeys) -> (Int8, Int8) {
        guard case .words(let keys) = phraseKeys, keys.count == spaceSeparatedWords(phrase), keys.count < Int8.max,
              let last = keys.lastIndex(where: { negationWords.contains($0) }), last + 1 < keys.count,
              // "no longer needs" tells of a change, and the rules read what follows as a gain.
              keys[last + 1] != longer else { return (0, 0) }
        return (Int8(last + 1), Int8(keys.count))
    }

    /// `phrase.split(separator: " ").count`, read from the bytes where that is exact: the Character
    /// split cost 12,000 instructions a phrase, at every load.
    static func spaceSeparatedWords(_ phrase: String) -> Int {
        bytewiseSpaceSeparatedWords(phrase) ?? phrase.split(separator: " ").count
    }

    /// `spaceSeparatedWords` for text of ASCII and Latin-1 letters (U+00C0–U+00FF, "fiancé"), where
    /// every space byte is a Character of its own (no combining mark follows it); nil for other text.
    static func bytewiseSpaceSeparatedWords(_ phrase: String) -> Int? {
        var phrase = phrase
        return phrase.withUTF8 { b -> Int? in
            var words = 0, inWord = false, i = 0
            while i < b.count {
                let byte = b[i]
                if byte >= 0x80 {
                    // A two-byte Latin-1 letter: lead byte C3, then a continuation byte.
                    guard byte == 0xC3, i + 1 < b.count, b[i + 1] & 0xC0 == 0x80 else { return nil }
                    i += 1
                }
                if byte == UInt8(ascii: " ") { inWord = false } else if !inWord { inWord = true; words += 1 }
                i += 1
            }
            return words
        }
    }

    /// Separator, "and", subject and verb flags by word key (see `Flags`).
    let wordFlags: KeyTable

    /// Whether `key` is a `clause_verb` of the rules ("is", "has", "wants", "reports").
    package func isClauseVerb(_ key: UInt64) -> Bool { wordFlags.flags(key) & Flags.verb != 0 }

    /// The headings of note sections: by heading id, the section (index into `rules.sections`) and
    /// whether it is a single letter ("P:", which needs its colon); and each section's default assertion.
    let sectionHeadings: PhraseTrie
    let headingSection: [Int16]
    let headingIsOneLetter: [Bool]
    let sectionAssertions: [Assertion?]

    package init(rules: ContextRules) {
        self.rules = rules
        var trie = PhraseTrie()
        var entries: [Entry] = []
        func add(_ phrase: String, _ entry: Entry) {
            trie.add(phrase, id: Int32(entries.count))
            entries.append(entry)
        }
        for (i, t) in rules.triggers.enumerated() { add(t.phrase, t.category == .affirmed ? .anchor : .trigger(i)) }
        let keylessPseudoTrigger = Self.addPseudoTriggers(rules.pseudoWordings, to: &trie, entries: &entries)
        for p in rules.terminators { add(p, .terminator) }
        for cue in rules.attributionCues { add(cue.phrase, .cue(cue.attribution)) }
        var kinds = [UInt8](repeating: 0, count: trie.nodeCount)
        for n in 0..<trie.nodeCount {
            for id in trie.ids(at: Int32(n)) {
                switch entries[Int(id)] {
                case .cue, .anchor: kinds[n] |= 2
                default: kinds[n] |= 1
                }
            }
        }
        self.trie = trie
        walkTables = PhraseTrie.ViewCopy(trie)
        self.entries = entries
        nodeKinds = kinds
        var starts: [Int32] = []
        var flat: [Entry] = []
        for n in 0..<trie.nodeCount {
            starts.append(Int32(flat.count))
            for id in trie.ids(at: Int32(n)) { flat.append(entries[Int(id)]) }
        }
        starts.append(Int32(flat.count))
        entryStart = starts
        nodeEntries = flat
        ruleKinds = rules.triggers.map { RuleKind(category: $0.category, direction: $0.direction, maxScope: $0.maxScope) }
        negationRule = rules.triggers.firstIndex { $0.category == .negated }
        hasPunctuationPhrases = rules.terminators.contains { Tokenizer.keys(ofPhrase: $0).isEmpty }
            || keylessPseudoTrigger
            || rules.triggers.contains { Tokenizer.keys(ofPhrase: $0.phrase).isEmpty }
        var table: [(UInt64, UInt16)] = []
        for w in [",", "and", "or", "nor", "/", "&"] { table.append((Tokenizer.key(of: w), Flags.listSeparator)) }
        for w in [",", "and", ";", ":"] { table.append((Tokenizer.key(of: w), Flags.clauseSeparator)) }
        table.append((Tokenizer.key(of: "and"), Flags.and))
        for w in ContextEngine.subjectWords { table.append((Tokenizer.key(of: w), Flags.subject)) }
        // Verbs after "and" open a clause (the rules' `clause_verb` words).
        for w in rules.clauseVerbs { table.append((Tokenizer.key(of: w), Flags.verb)) }
        for w in ContextEngine.conditionWords { table.append((Tokenizer.key(of: w), Flags.condition)) }
        for w in ["(", "["] { table.append((Tokenizer.key(of: w), Flags.openBracket)) }
        for w in [")", "]"] { table.append((Tokenizer.key(of: w), Flags.closeBracket)) }
        wordFlags = KeyTable(table)
        var headings = PhraseTrie()
        var headingSection: [Int16] = [], oneLetter: [Bool] = []
        for (k, section) in rules.sections.enumerated() {
            for h in section.headings {
                headings.add(h, id: Int32(headingSection.count))
                headingSection.append(Int16(k))
                oneLetter.append(h.count == 1)
            }
        }
        sectionHeadings = headings
        self.headingSection = headingSection
        headingIsOneLetter = oneLetter
        sectionAssertions = rules.sections.map(\.assertion)
    }

    /// Words that start a new clause after a comma or "and" (the subject of a new statement).
    package static let subjectWords = ["the", "this", "these", "those", "his", "her", "their", "he", "she", "they", "i",
                                      "we", "it", "there", "patient", "claimant"]

    // MARK: - Sentence analysis

    /// Token flags used while analysing one sentence.
    struct Flags {
        static let terminator: UInt16 = 1
        static let listSeparator: UInt16 = 2
        static let clauseSeparator: UInt16 = 4
        static let subject: UInt16 = 8
        static let anchor: UInt16 = 16
        static let guidelineStart: UInt16 = 32
        static let guidelineEnd: UInt16 = 64
        static let terminatorStart: UInt16 = 128
        static let and: UInt16 = 256
        static let verb: UInt16 = 512
        /// A word that opens a guideline's list of conditions (`conditionWords`).
        static let condition: UInt16 = 1024
        /// Brackets: a trigger inside "( … )" reaches no further than its brackets.
        static let openBracket: UInt16 = 2048
        static let closeBracket: UInt16 = 4096
    }

    /// Buffers for `analyze`, one per text: token flags and trigger categories for every token
    /// (each sentence uses its own tokens' slots), and small lists reused from sentence to sentence.
    final class Scratch {
        let flags: UnsafeMutablePointer<UInt16>
        let category: UnsafeMutablePointer<Int8>
        // Used by one thread at a time, in `analyze`: no dynamic exclusivity checks on every access.
        @exclusivity(unchecked) var triggers: [(rule: Int, range: Range<Int>, generic: Bool)] = []
        @exclusivity(unchecked) var clauseStarts: [Int] = []
        // Per clause of a sentence with guideline triggers (see `guidelineClauses`).
        @exclusivity(unchecked) var clauseKinds: [Int8] = []
        @exclusivity(unchecked) var clauseTriggers: [Range<Int>?] = []
        @exclusivity(unchecked) var resolvedKinds: [Int8] = []
        @exclusivity(unchecked) var inheritedTriggers: [Range<Int>?] = []

        init(tokenCount: Int) {
            // A letter's sentences hold up to a dozen triggers: room up front, not grown 1, 2, 4, 8 per text.
            triggers.reserveCapacity(16)
            flags = .allocate(capacity: tokenCount + 1)
            flags.initialize(repeating: 0, count: tokenCount + 1)
            category = .allocate(capacity: tokenCount + 1)
            category.initialize(repeating: 0, count: tokenCount + 1)
        }

        deinit {
            flags.deallocate()
            category.deallocate()
        }
    }

    /// The result of analysing one sentence (modifiers and cues are appended to the caller's arrays).
    struct SentenceResult {
        var isGuidelineQuote = false
        var guidelineTrigger: Range<Int>?
    }

    func analyze(_ p: UnsafeBufferPointer<Token>, _ s: Int, _ e: Int, scratch: Scratch,
                 modifiers: inout [ContextModifier], cues: inout [AttributionMatch]) -> SentenceResult {
        var result = SentenceResult()
        let n = e - s
        guard n > 0 else { return result }
        let firstModifier = modifiers.count
        // Local copies: one retain per sentence instead of one per access through `self`.
        let trie = self.trie, entries = self.entries, nodeKinds = self.nodeKinds, triggerRules = ruleKinds
        let entryStart = self.entryStart, nodeEntries = self.nodeEntries
        // This sentence's slots, indexed from its first token.
        let flags = UnsafeMutableBufferPointer(start: scratch.flags + s, count: n)
        let cat = UnsafeMutableBufferPointer(start: scratch.category + s, count: n)
        flags.update(repeating: 0)
        cat.update(repeating: 0)
        scratch.triggers.removeAll(keepingCapacity: true)
        do {
            // One walk of the trie per token finds the longest modifier (leftmost-longest: a
            // pseudo-trigger hides the triggers inside it) and the longest anchor (overlaps kept:
            // "the patient" is an anchor and "patient reports" a cue).
            let firstCue = cues.count
            var nextModifier = s
            var next = s
            // The trie's tables through raw pointers for the walk (`PhraseTrie.View`): no bounds
            // checks on a probe, and no re-reading of the arrays after each store into `flags`.
            let view = walkTables.view
            do {
                while next < e {
                    // Most tokens start no phrase: they are passed over in a loop of their own (one
                    // filter probe each), which keeps the walk's state in registers.
                    while next < e, p[next].kind == .punct ? !hasPunctuationPhrases : !view.mayStart(p[next].key) { next += 1 }
                    guard next < e else { break }
                    let i = next
                    next += 1
                    let tok = p[i]
                    var modEnd = -1, modNode: Int32 = 0, anchorEnd = -1, anchorNode: Int32 = 0
                    if tok.kind == .punct {
                        if hasPunctuationPhrases, i >= nextModifier, trie.punctuationIDs(tok.key) != nil { modEnd = i + 1; modNode = -1 }
                    } else if view.mayStart(tok.key), var node = view.step(0, tok.key),
                              tok.kind != .number || !PhraseTrie.startsInsideNumberRun(p, i) {
                        var j = i + 1
                        while true {
                            // A node's kinds are not 0 exactly where a phrase ends (`isTerminal`).
                            let k = nodeKinds[Int(node)]
                            if k != 0, p[j - 1].kind != .number || !PhraseTrie.endsInsideNumberRun(p, j) {
                                if k & 1 != 0 { modEnd = j; modNode = node }
                                if k & 2 != 0 { anchorEnd = j; anchorNode = node }
                            }
                            // Skip punctuation inside a phrase, but not sentence punctuation before a space.
                            while j < e, p[j].kind == .punct {
                                if PhraseTrie.isHardPunct(p[j].key), j + 1 >= e || p[j + 1].start > p[j].end { j = e; break }
                                j += 1
                            }
                            guard j < e, let next = view.step(node, p[j].key) else { break }
                            node = next
                            j += 1
                        }
                    }
                    if modEnd > i, i >= nextModifier {
                        func apply(_ entry: Entry) {
                            switch entry {
                            case .trigger(let r):
                                scratch.triggers.append((r, i..<modEnd, false))
                            case .terminator:
                                flags[i - s] |= Flags.terminatorStart
                                for k in i..<modEnd { flags[k - s] |= Flags.terminator }
                            case .pseudo(let negation, let words):
                                // Only a phrase matched word for word (no mark skipped inside it).
                                if negation > 0, modEnd - i == Int(words), let rule = negationRule {
                                    let cut = i + Int(negation)
                                    modifiers.append(ContextModifier(category: .negated, direction: .forward,
                                                                     trigger: (cut - 1)..<cut, scope: (cut - 1)..<modEnd, rule: rule))
                                }
                            default:
                                break
                            }
                        }
                        if modNode >= 0 {
                            for k in Int(entryStart[Int(modNode)])..<Int(entryStart[Int(modNode) + 1]) { apply(nodeEntries[k]) }
                        } else {
                            for id in trie.punctuationIDs(tok.key) ?? [] { apply(entries[Int(id)]) }
                        }
                        nextModifier = modEnd
                    }
                    if anchorEnd > i {
                        for k in Int(entryStart[Int(anchorNode)])..<Int(entryStart[Int(anchorNode) + 1]) {
                            // A cue inside a longer one found earlier ("report dated" in "treating
                            // physician's report dated") adds nothing.
                            if case .cue(let who) = nodeEntries[k], cues.count == firstCue || cues[cues.count - 1].tokens.upperBound <= i {
                                cues.append(AttributionMatch(attribution: who, tokens: i..<anchorEnd))
                            }
                        }
                        flags[i - s] |= Flags.anchor | Flags.subject
                    }
                }
            }
            guard !scratch.triggers.isEmpty else { return result }
            // Separators, subjects and verbs: needed only where a trigger's scope is computed.
            let wordFlags = self.wordFlags
            for k in 0..<n {
                let t = p[s &+ k]
                let f = wordFlags.flags(t.key)
                if f != 0 { flags[k] |= t.kind == .word ? f : f & ~(Flags.subject | Flags.verb) }
            }
            do {
                // A `generic` trigger stands only in a sentence that names no patient.
                var unanchored: Bool?
                func standsAsGeneric(_ t: Range<Int>) -> Bool {
                    guard t.lowerBound > s else { return false }
                    if unanchored == nil { unanchored = !(0..<n).contains { flags[$0] & Flags.anchor != 0 } }
                    return unanchored!
                }
                for i in scratch.triggers.indices {
                    let t = scratch.triggers[i]
                    if triggerRules[t.rule].direction == .generic { scratch.triggers[i].generic = standsAsGeneric(t.range) }
                }
                for t in scratch.triggers {
                    let trigger = triggerRules[t.rule]
                    if trigger.direction == .sentence || trigger.direction == .generic {
                        if trigger.direction == .generic, !t.generic { continue }
                        if trigger.category == .guideline {
                            flags[t.range.lowerBound - s] |= Flags.guidelineStart | Flags.subject
                            flags[t.range.upperBound - 1 - s] |= Flags.guidelineEnd
                        }
                    } else {
                        let c = Int8(trigger.category.precedence + 1)
                        for k in t.range { cat[k - s] = c }
                    }
                }
                // Scopes of the directional and sentence triggers.
                for t in scratch.triggers {
                    let trigger = triggerRules[t.rule]
                    let c = Int8(trigger.category.precedence + 1)
                    var lo = t.range.lowerBound, hi = t.range.upperBound
                    if trigger.direction == .generic, !t.generic { continue }
                    // A modal right before a negation ("would not want surgery", "will not need") says
                    // no: the negation decides, though a hypothetical outranks a negation elsewhere.
                    if trigger.category == .hypothetical, scratch.triggers.contains(where: {
                        $0.range.lowerBound == t.range.upperBound && triggerRules[$0.rule].category == .negated }) { continue }
                    // A hypothetical a few words into a negation's reach is what is denied ("not willing
                    // to consider surgery"): the negation decides. (Farther, it starts a clause of its
                    // own: "CT without contrast, thin cuts …, to confirm non-union".)
                    if trigger.category == .hypothetical, modifiers[firstModifier...].contains(where: {
                        $0.category == .negated && $0.trigger.upperBound <= t.range.lowerBound
                            && t.range.lowerBound - $0.trigger.upperBound <= Self.deniedHypotheticalReach
                            && $0.scope.upperBound > t.range.lowerBound }) { continue }
                    switch trigger.maxScope <= 0 && trigger.direction != .sentence && trigger.direction != .generic ? .both : trigger.direction {
                    case .both where trigger.maxScope <= 0:
                        break  // the trigger phrase only ("no relief from": the relief, not what follows)
                    case .forward:
                        hi = forwardEnd(p, flags, cat, s, e, from: t.range.upperBound, category: c, budget: trigger.maxScope)
                    case .backward:
                        lo = backwardStart(p, flags, cat, s, e, from: t.range.lowerBound, category: c, budget: trigger.maxScope)
                    case .both:
                        hi = forwardEnd(p, flags, cat, s, e, from: t.range.upperBound, category: c, budget: trigger.maxScope)
                        lo = backwardStart(p, flags, cat, s, e, from: t.range.lowerBound, category: c, budget: trigger.maxScope)
                    case .sentence, .generic:
                        if trigger.category == .guideline { continue }  // see guidelineClauses
                        lo = s
                        hi = e
                    }
                    modifiers.append(ContextModifier(category: trigger.category, direction: trigger.direction,
                                                     trigger: t.range, scope: lo..<hi, rule: t.rule))
                }
            }
            result = guidelineClauses(p, flags, s, e, scratch: scratch, modifiers: &modifiers)
        }
        return result
    }

    /// Words that open a guideline's list of conditions ("is supported when …", "only if …").
    /// Read from the token flags (`Flags.condition`): a set looked up per token hashed every word
    /// of a guideline clause.
    static let conditionWords = ["when", "if", "where", "unless", "provided", "once"]

    /// Category codes (`precedence + 1`) of the two categories whose triggers end each other's scope.
    static let negatedCode = Int8(Assertion.negated.precedence + 1)
    static let possibleCode = Int8(Assertion.possible.precedence + 1)

    @inline(__always)
    private func stops(_ flags: UnsafeMutableBufferPointer<UInt16>, _ cat: UnsafeMutableBufferPointer<Int8>,
                       _ k: Int, _ category: Int8) -> Bool {
        if flags[k] & Flags.terminator != 0 { return true }
        // "no fracture, possible disc bulge": negation and uncertainty end each other's scope. Framing
        // categories (hypothetical, other person) and history neither end nor are ended by others:
        // "if there is no improvement" stays hypothetical, "his sister has a history of" other person.
        let c = cat[k]
        guard c != 0, c != category else { return false }
        return (c == Self.negatedCode || c == Self.possibleCode) && (category == Self.negatedCode || category == Self.possibleCode)
    }

    /// Words of the list item starting at `from` going by `step`, and whether a separator ends it.
    private func item(_ p: UnsafeBufferPointer<Token>, _ flags: UnsafeMutableBufferPointer<UInt16>,
                      _ cat: UnsafeMutableBufferPointer<Int8>, _ s: Int, _ e: Int, from: Int, step: Int,
                      category: Int8) -> (words: Int, separated: Bool) {
        var k = from, words = 0
        while k >= s, k < e {
            let f = flags[k - s]
            if f & Flags.listSeparator != 0 { return (words, true) }
            if stops(flags, cat, k - s, category) { return (words, false) }
            if p[k].kind != .punct {
                words += 1
                if words > listItemMax { return (words, false) }
            }
            k += step
        }
        return (words, false)
    }

    /// True when the item beyond an "and" holds a verb: "no X, and urine drug screens have been
    /// consistent" joins a clause, not a list item.
    private func clauseFollows(_ p: UnsafeBufferPointer<Token>, _ flags: UnsafeMutableBufferPointer<UInt16>,
                               _ cat: UnsafeMutableBufferPointer<Int8>, _ s: Int, _ e: Int, from: Int, step: Int,
                               category: Int8) -> Bool {
        var k = from, words = 0
        while k >= s, k < e, words < 8 {
            let f = flags[k - s]
            if f & Flags.listSeparator != 0 || stops(flags, cat, k - s, category) { return false }
            if f & Flags.verb != 0 { return true }
            if p[k].kind != .punct { words += 1 }
            k += step
        }
        return false
    }

    private func forwardEnd(_ p: UnsafeBufferPointer<Token>, _ flags: UnsafeMutableBufferPointer<UInt16>,
                            _ cat: UnsafeMutableBufferPointer<Int8>, _ s: Int, _ e: Int, from: Int,
                            category: Int8, budget maxWords: Int) -> Int {
        var pos = from, end = from, budget = maxWords, brackets = 0
        while pos < e {
            let f = flags[pos - s]
            if stops(flags, cat, pos - s, category) { break }
            // "MRI (arthrogram not needed): full-thickness tear": a trigger inside brackets stays there.
            if f & Flags.closeBracket != 0 { if brackets == 0 { break }; brackets -= 1 }
            if f & Flags.openBracket != 0 { brackets += 1 }
            if f & (Flags.listSeparator | Flags.clauseSeparator) != 0 {
                if f & Flags.clauseSeparator != 0, pos + 1 < e, flags[pos + 1 - s] & Flags.subject != 0 { break }
                if f & Flags.and != 0, clauseFollows(p, flags, cat, s, e, from: pos + 1, step: 1, category: category) { break }
                if f & Flags.listSeparator != 0 {
                    let next = item(p, flags, cat, s, e, from: pos + 1, step: 1, category: category)
                    if next.words <= listItemMax { budget = max(budget, next.words) }
                }
                pos += 1
                continue
            }
            if p[pos].kind != .punct {
                if budget <= 0 {
                    let rest = item(p, flags, cat, s, e, from: pos, step: 1, category: category)
                    guard rest.separated, rest.words <= listItemMax else { break }
                    budget = rest.words
                }
                budget -= 1
                end = pos + 1  // scopes end at a word, not at trailing punctuation
            }
            pos += 1
        }
        return end
    }

    /// Whether the words up to `last` end in a value: a number, or a number with its mark ("4/5",
    /// "2+", "40°", "60%").
    static func endsInValue(_ p: UnsafeBufferPointer<Token>, _ last: Int, from s: Int) -> Bool {
        guard last >= s else { return false }
        if p[last].kind == .number { return true }
        return p[last].kind == .punct && last > s && p[last - 1].kind == .number
            && valueMarks.contains(p[last].key)
    }

    private static let valueMarks: Set<UInt64> = Set(["+", "-", "%", "°"].map { Tokenizer.key(of: $0) })

    /// Words that state an item's result at its end ("activities restored", "sensation intact").
    static let resultWords: Set<UInt64> = Set(["restored", "improved", "resolved", "intact", "normal", "decreased",
                                               "increased", "better", "worse", "unchanged", "reduced", "stable",
                                               "diminished"].map { Tokenizer.key(of: $0) })

    private static let cellBar = Tokenizer.key(of: "|")

    /// Whether the cell that ends at the bar at `bar` is its row's first: nothing but bars before it in the sentence.
    private static func isFirstCell(_ p: UnsafeBufferPointer<Token>, before bar: Int, from s: Int) -> Bool {
        var pos = bar - 1
        while pos >= s, p[pos].key != cellBar { pos -= 1 }
        while pos >= s {
            if p[pos].key != cellBar { return false }
            pos -= 1
        }
        return true
    }

    private func backwardStart(_ p: UnsafeBufferPointer<Token>, _ flags: UnsafeMutableBufferPointer<UInt16>,
                               _ cat: UnsafeMutableBufferPointer<Int8>, _ s: Int, _ e: Int, from: Int,
                               category: Int8, budget maxWords: Int) -> Int {
        var pos = from - 1, start = from, budget = maxWords, brackets = 0
        while pos >= s {
            let f = flags[pos - s]
            if stops(flags, cat, pos - s, category) { break }
            if f & Flags.openBracket != 0 { if brackets == 0 { break }; brackets -= 1 }
            if f & Flags.closeBracket != 0 { brackets += 1 }
            // A table cell's answer ("| Red flags | none |") speaks of its row's label, the first cell;
            // it says nothing of a cell in the middle of the row ("| Naproxen | … | climbs stairs | none |":
            // "none" is the side-effects column).
            if p[pos].key == Self.cellBar, !Self.isFirstCell(p, before: pos, from: s) { break }
            if f & (Flags.listSeparator | Flags.clauseSeparator) != 0 {
                if f & Flags.clauseSeparator != 0, pos + 1 < e, flags[pos + 1 - s] & Flags.subject != 0 { break }
                if f & Flags.and != 0, clauseFollows(p, flags, cat, s, e, from: pos - 1, step: -1, category: category) { break }
                // Going back, a comma or ";" after a value ends the scope: the item before it has a
                // result of its own ("supraspinatus 3+/5, external rotation 4/5, belly press normal":
                // only the belly press is normal).
                // So does one after a result word ("Good response in pain and mood, activities restored, side
                // effects resolved": only the side effects are gone).
                if f & Flags.clauseSeparator != 0, f & Flags.and == 0,
                   Self.endsInValue(p, pos - 1, from: s) || (pos - 1 >= s && Self.resultWords.contains(p[pos - 1].key)) { break }
                if f & Flags.listSeparator != 0 {
                    let next = item(p, flags, cat, s, e, from: pos - 1, step: -1, category: category)
                    if next.words <= listItemMax { budget = max(budget, next.words) }
                    // Going back, a comma before a longer stretch ends an introductory clause
                    // ("Given that …, further sessions are not supported"), not a list.
                    else if f & Flags.clauseSeparator != 0, f & Flags.and == 0 { break }
                }
                pos -= 1
                continue
            }
            if p[pos].kind != .punct {
                if budget <= 0 {
                    let rest = item(p, flags, cat, s, e, from: pos, step: -1, category: category)
                    guard rest.separated, rest.words <= listItemMax else { break }
                    budget = rest.words
                }
                budget -= 1
                start = pos
            }
            pos -= 1
        }
        return start
    }

    /// Cuts a sentence with guideline triggers into clauses and appends a guideline modifier for
    /// each clause that is quoted (see the type's documentation).
    private func guidelineClauses(_ p: UnsafeBufferPointer<Token>, _ flags: UnsafeMutableBufferPointer<UInt16>,
                                  _ s: Int, _ e: Int, scratch: Scratch,
                                  modifiers: inout [ContextModifier]) -> SentenceResult {
        var result = SentenceResult()
        var firstRule = -1
        var firstRange: Range<Int>? = nil
        for t in scratch.triggers {
            let r = ruleKinds[t.rule]
            if r.category == .guideline, r.direction == .sentence || r.direction == .generic && t.generic {
                if firstRange == nil || t.range.lowerBound < firstRange!.lowerBound {
                    firstRange = t.range
                    firstRule = t.rule
                }
            }
        }
        guard let first = firstRange else { return result }
        result.guidelineTrigger = first

        // Clause starts.
        scratch.clauseStarts.removeAll(keepingCapacity: true)
        scratch.clauseStarts.append(s)
        for k in s..<e {
            let f = flags[k - s]
            if f & Flags.terminatorStart != 0, k > s, scratch.clauseStarts.last! < k {
                scratch.clauseStarts.append(k)
            }
            if f & Flags.clauseSeparator != 0, k + 1 < e, flags[k + 1 - s] & Flags.subject != 0,
               !(k > s && flags[k - 1 - s] & Flags.guidelineEnd != 0), scratch.clauseStarts.last! < k + 1 {
                scratch.clauseStarts.append(k + 1)
            }
        }
        let count = scratch.clauseStarts.count
        // Classify: 2 guideline, 1 patient, 0 neutral; with each guideline clause's trigger. The
        // lists are the scratch's, taken for this call and handed back (no arrays per sentence).
        var kinds = scratch.clauseKinds, triggerOf = scratch.clauseTriggers
        var resolved = scratch.resolvedKinds, inherited = scratch.inheritedTriggers
        scratch.clauseKinds = []; scratch.clauseTriggers = []; scratch.resolvedKinds = []; scratch.inheritedTriggers = []
        defer {
            scratch.clauseKinds = kinds; scratch.clauseTriggers = triggerOf
            scratch.resolvedKinds = resolved; scratch.inheritedTriggers = inherited
        }
        kinds.removeAll(keepingCapacity: true)
        triggerOf.removeAll(keepingCapacity: true)
        // Appended one by one: `append(contentsOf: repeatElement(…))` ran unspecialized, a call per list.
        for _ in 0..<count { kinds.append(0); triggerOf.append(nil) }
        var anyPatient = false
        // "The guidelines support X when A, B, the patient has C, and D": the clauses after a guideline
        // clause's "when"/"if" are its list of conditions, whoever their subject, until a clause opens
        // with a terminator ("but", "however").
        var conditions: Range<Int>? = nil
        for c in 0..<count {
            let lo = scratch.clauseStarts[c], hi = c + 1 < count ? scratch.clauseStarts[c + 1] : e
            var g = false, a = false, conditional = false
            for k in lo..<hi {
                let f = flags[k - s]
                if f & Flags.guidelineStart != 0 {
                    g = true
                    if triggerOf[c] == nil {
                        triggerOf[c] = scratch.triggers.first(where: { $0.range.lowerBound == k })?.range
                    }
                }
                if f & Flags.anchor != 0 { a = true }
                if g, f & Flags.condition != 0 { conditional = true }  // after the trigger
            }
            // "In this case …" (an `affirmed` trigger) speaks of the patient again and ends the list too.
            let turns = flags[lo - s] & Flags.terminatorStart != 0
                || scratch.triggers.contains { $0.range.lowerBound >= lo && $0.range.lowerBound < hi && ruleKinds[$0.rule].category == .affirmed }
            if turns {
                conditions = nil
            } else if !g, let list = conditions {
                g = true
                triggerOf[c] = list
            }
            if g, conditional, conditions == nil { conditions = triggerOf[c] ?? first }
            kinds[c] = g ? 2 : a ? 1 : 0
            if !g && a { anyPatient = true }
        }
        let rule = ruleKinds[firstRule]
        if !anyPatient {
            result.isGuidelineQuote = true
            // `generic` only when no trigger naming the guideline stands in the sentence.
            let named = scratch.triggers.contains { ruleKinds[$0.rule].category == .guideline && ruleKinds[$0.rule].direction == .sentence }
            modifiers.append(ContextModifier(category: .guideline, direction: named ? .sentence : .generic, trigger: first,
                                             scope: s..<e, rule: firstRule))
            return result
        }
        // Neutral clauses follow the nearest classified clause before them, else after them.
        resolved.removeAll(keepingCapacity: true)
        resolved.append(contentsOf: kinds)
        inherited.removeAll(keepingCapacity: true)
        inherited.append(contentsOf: triggerOf)
        var last: Int8 = 0
        var lastTrigger: Range<Int>? = nil
        for c in 0..<count {
            if kinds[c] != 0 { last = kinds[c]; lastTrigger = triggerOf[c] }
            else if last != 0 { resolved[c] = last; inherited[c] = lastTrigger }
        }
        var next: Int8 = 0
        var nextTrigger: Range<Int>? = nil
        for c in stride(from: count - 1, through: 0, by: -1) {
            if kinds[c] != 0 { next = kinds[c]; nextTrigger = triggerOf[c] }
            else if resolved[c] == 0 { resolved[c] = next; inherited[c] = nextTrigger }
        }
        for c in 0..<count where resolved[c] == 2 {
            let lo = scratch.clauseStarts[c], hi = c + 1 < count ? scratch.clauseStarts[c + 1] : e
            let trigger = inherited[c] ?? first
            let ruleIndex = scratch.triggers.first(where: { $0.range == trigger })?.rule ?? firstRule
            modifiers.append(ContextModifier(category: .guideline, direction: rule.direction, trigger: trigger,
                                             scope: lo..<hi, rule: ruleIndex))
        }
        return result
    }
}
