// Facts/ — a case's facts: what the case knows besides its narrative (`CaseContext`), the narrative
// scan (`FactExtractor`, `FactPhraseIndex`, `SentenceValues`, the measures' votes in `MeasureVotes`),
// the combination of scans, request and Swift hooks into an item's `FactSet` (`FactCombination`,
// `FactHook`, `FactHooks`). Not here: reading the request (Requests/), judging the facts (Evaluation/).

import IMRParse

/// Finds the facts of a case in clinical text, from the fact definitions of the rule files.
///
/// One pass per text: the text is tokenized and split into sentences with their context
/// (`ClinicalText`), every fact phrase is matched at once through one trie, and each mention's
/// assertion (affirmed, negated, possible, historical, hypothetical, other person, guideline
/// quote) decides what it contributes:
///
/// - bool: affirmed/historical (or the fact's accepted categories) → true; negated → false;
///   anything else leaves it unknown, with the mention kept as uncounted evidence. `deny` phrases
///   affirmed → false. When statements disagree the last in the text wins (the reviewer's reading
///   follows the records in a letter); all are kept as evidence.
/// - number: the value in the fact's unit nearest to a `near` phrase in an affirmed sentence.
/// - count: distinct occurrences of an event about the patient (dates, "x3", "three", "3rd").
/// - enum: the value whose phrase is affirmed last.
/// - measures (`improves`, `measure` clauses): a sentence naming a measure is read for its values
///   with their comparison (`MeasureVotes`).
///
/// Sentences carrying the reviewer's verdict ("… is not medically necessary") are skipped: the
/// verdict is what an audit checks, never evidence for it.
package struct FactExtractor: Sendable {
    let book: RuleBook
    let index: FactPhraseIndex
    package let engine: ContextEngine
    /// The texts the facts' values take: the index's enum values (a vote's text is its index there),
    /// then every fact's enum values.
    let texts: FactTexts

    /// Sentences with these words state the reviewer's verdict. "There is no rationale to support the
    /// medical necessity" is not one (it is a finding), so "medical necessity" alone is not listed.
    static let verdictPhrases = ["medically necessary", "affirm medical necessity", "establish medical necessity",
                                 "establishes medical necessity", "medical necessity cannot", "medical necessity of this request cannot",
                                 "medical necessity has not been established", "medical necessity is not established",
                                 "medical necessity has been established", "is upheld", "is overturned", "is certified",
                                 "is non-certified", "is not certified"]

    /// What the hot loop needs of each fact, without copying whole definitions per mention.
    struct FactInfo: Sendable {
        var kind: FactKind
        var unit: String?
        var within: Int
        /// Accepted assertion categories as bits (a Set would be retained on every copy, by both threads).
        var accepted: UInt8
        /// `combine any`: a present affirmed statement outranks every negated one.
        var combineAny = false
        /// `combine longest`: the largest number any statement gives decides.
        var combineLongest = false
        /// `reach N`: sentences after its anchor's that the anchor still stands for.
        var reach = 0
        /// `past N months`: events dated before the window count none.
        var pastMonths = 0

        func accepts(_ a: Assertion) -> Bool { accepted & a.bit != 0 }
    }
    let info: [FactInfo]
    /// Bool facts read from the request (false unless a phrase is present), and the hooked facts.
    let requestBoolSlots: [Int]
    /// The plan sections' kinds: what a plan names is asked for.
    let planSections: PlanSections
    let hookSlots: [HookSlot]

    /// A hooked fact's slot and what applying the hook needs (not the whole `FactHook`: its strings
    /// would be retained and released per hook per item).
    struct HookSlot: Sendable {
        var slot: Int
        var readsRequest: Bool
        var compute: FactHook.Computation
    }

    static let maximumMentionsPerSentence = 256

    /// Reads measure values with their comparison in sentences that name a measure; nil when no
    /// fact reads a measure.
    let measureReader: MeasureReader?
    /// Each fact clause that reads a measure, flat (see `MeasureClause`).
    let measureUses: [MeasureUse]

    /// A measure clause of a fact, as plain values: the measures as bits (`improves pain, motion`),
    /// whether only comparisons with a medication count, and for a number fact which side it takes.
    struct MeasureUse: Sendable {
        var fact: Int
        var measures: UInt64
        var withMedication: Bool
        var isValue = false
        var with = false
        /// `measure M relief`: the percent fall of a before → after pair where the anchor holds.
        var isRelief = false
    }
    /// For each fact with `reach`, the other reaching facts of its kind and unit: a sentence after
    /// the anchor's is about the rival when the rival was named since ("She had an ESI. Then a
    /// medial branch block gave 80% relief").
    let rivals: [[Int]]

    package init(book: RuleBook) {
        self.book = book
        planSections = book.context.planSections
        info = book.facts.map { f in
            FactInfo(kind: f.kind, unit: f.unit, within: f.within,
                     accepted: f.acceptedAssertions.compactMap(Assertion.init(rawValue:)).reduce(0) { $0 | $1.bit },
                     combineAny: f.combineAny, combineLongest: f.combineLongest, reach: f.reach, pastMonths: f.pastMonths)
        }
        let reaching = book.facts.indices.filter { book.facts[$0].reach > 0 }
        rivals = book.facts.indices.map { i in
            guard book.facts[i].reach > 0 else { return [] }
            return reaching.filter { $0 != i && book.facts[$0].kind == book.facts[i].kind && book.facts[$0].unit == book.facts[i].unit
                && book.facts[$0].reachGroup == book.facts[i].reachGroup }
        }
        requestBoolSlots = book.facts.indices.filter { book.facts[$0].source == .request && book.facts[$0].kind == .bool }
        hookSlots = book.facts.indices.compactMap { i in
            // The checker rejects unknown hook names, so none is dropped here.
            if case .hook(let name) = book.facts[i].source, let hook = FactHooks.named(name) {
                return HookSlot(slot: i, readsRequest: hook.readsRequest, compute: hook.compute)
            }
            return nil
        }
        var uses: [MeasureUse] = []
        for (slot, f) in book.facts.enumerated() {
            for clause in f.measureClauses {
                switch clause {
                case .improves(let measures, let withMedication):
                    uses.append(MeasureUse(fact: slot, measures: measures.reduce(0) { $0 | 1 << UInt64($1) }, withMedication: withMedication))
                case .value(let measure, let with):
                    uses.append(MeasureUse(fact: slot, measures: 1 << UInt64(measure), withMedication: true, isValue: true, with: with))
                case .relief(let measure):
                    uses.append(MeasureUse(fact: slot, measures: 1 << UInt64(measure), withMedication: false, isRelief: true))
                }
            }
        }
        measureUses = uses
        // The reader is made only when some fact reads a measure: a book without measure clauses
        // reads no sentence for them.
        let lexicon = book.lexicon
        measureReader = uses.isEmpty ? nil : MeasureReader(
            measures: book.measures.map { .init(words: $0.words.flatMap(lexicon.alternatives(of:)), units: $0.units, scale: $0.scale) },
            medicationWords: lexicon.concepts["medication"] ?? [])
        index = FactPhraseIndex(book: book, verdictPhrases: Self.verdictPhrases, measureTriggers: measureReader?.triggers ?? [])
        engine = ContextEngine(rules: FactExtractor.contextRules(book.context, lexicon: book.lexicon))
        texts = FactTexts(index.values + book.facts.flatMap(\.enumValues))
    }

    /// The context rules as the engine reads them: a phrase written with concepts ("{relative} helps")
    /// stands for every wording the lexicon gives it, as in fact phrases.
    static func contextRules(_ d: ContextDeclarations, lexicon: ConceptLexicon = ConceptLexicon()) -> ContextRules {
        func wordings(_ phrases: [String]) -> [String] { phrases.flatMap { lexicon.alternatives(of: $0) } }
        var triggers: [ContextTrigger] = []
        for t in d.triggers {
            guard let category = Assertion(rawValue: t.category), let direction = ContextDirection(rawValue: t.direction) else { continue }
            for p in wordings(t.phrases) { triggers.append(ContextTrigger(phrase: p, category: category, direction: direction, maxScope: t.scope ?? 8)) }
        }
        var cues: [AttributionCue] = []
        for (who, phrases) in d.attributions {
            guard let a = Attribution(rawValue: who) else { continue }
            for p in wordings(phrases) { cues.append(AttributionCue(attribution: a, phrase: p)) }
        }
        let sections = d.sections.map { SectionRule(kind: $0.kind, headings: $0.headings, assertion: $0.assertion.flatMap(Assertion.init(rawValue:))) }
        // Pseudo-triggers go as pieces (most wordings written with concepts are theirs: see `PhraseWordings`).
        let pseudo = d.pseudo.map { PhraseWordings(pieces: lexicon.wordingPieces(of: $0)) }
        return ContextRules(triggers: triggers, pseudoWordings: pseudo, terminators: wordings(d.terminators), attributionCues: cues,
                            sections: sections, clauseVerbs: d.clauseVerbs)
    }

    /// A mention's contribution, in text order; the last counted one decides a bool or enum.
    struct Vote: Sendable {
        var position: Int
        var value: VoteValue
        /// Said of the patient now (affirmed, not historical): what `combine any` lets win.
        var present = false
        /// Words in the statement: of two starting at one word, the longer is the closer reading.
        var length: Int32 = 0
    }

    /// What a vote says, as a plain value: an enum value is its index in `FactPhraseIndex.values`, so a
    /// mention holds no String (scans are made, combined and freed for every item: mentions with a
    /// `FactValue` were copied and destroyed one by one). `plainValue(_:)` makes the value a `FactSet` stores.
    enum VoteValue: Sendable {
        case bool(Bool)
        case number(Double)
        case text(Int)
    }

    /// The fact value a vote stands for, as a `FactSet` stores it (`texts` begins with the index's values).
    func plainValue(_ v: VoteValue) -> PlainFactValue {
        switch v {
        case .bool(let b): .bool(b)
        case .number(let d): .number(d)
        case .text(let i): .text(i)
        }
    }

    /// What the narrative of some regions says, before it is combined with other regions, the
    /// request and the hooks: the mentions' votes and evidence, in text order. A letter's case
    /// summary is scanned once and combined with each item's rationale.
    package struct NarrativeScan: Sendable {
        struct Mention: Sendable {
            var fact: Int
            var vote: Vote?
            var evidence: FactEvidence
        }
        var mentions: [Mention] = []
    }

    /// Scans the clinical text of `regions` (see `NarrativeScan`); with `wanted`, only for the mentions
    /// of those facts (see `WantedFacts`: none wanted, nothing is read).
    package func scan(source: SourceText, regions: [Range<Int>], context: CaseContext, wanted: WantedFacts? = nil) -> NarrativeScan {
        var result = NarrativeScan()
        let clean = Self.cleanRegions(regions, within: source.bytes.count)
        guard !clean.isEmpty, wanted?.isEmpty != true else { return result }
        let clinical = ClinicalText(source: source, regions: clean, engine: engine)
        let scanner = ValueScanner(referenceYear: context.referenceYear), windowEnd = context.requestDate ?? context.documentDate
        if let wanted {
            scan(clinical, source: source, scanner: scanner, windowEnd: windowEnd, choice: wanted, into: &result)
        } else {
            scan(clinical, source: source, scanner: scanner, windowEnd: windowEnd, choice: EveryFact(), into: &result)
        }
        return result
    }

    /// Regions in text order, without overlaps, inside the text (a damaged letter can give any).
    static func cleanRegions(_ regions: [Range<Int>], within count: Int) -> [Range<Int>] {
        // One region (an item's rationale, a letter's summary: every scan of an audit) is only clamped:
        // mapping, filtering and sorting made three arrays per scan.
        if regions.count == 1 {
            let r = regions[0].clamped(to: 0..<count)
            return r.isEmpty ? [] : regions[0] == r ? regions : [r]
        }
        var clean: [Range<Int>] = []
        for r in regions.map({ $0.clamped(to: 0..<count) }).filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = clean.last, r.lowerBound < last.upperBound {
                clean[clean.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                clean.append(r)
            }
        }
        return clean
    }

    /// A phrase matched in the sentence being scanned (plain values, reused across sentences).
    /// Twelve bytes: the per-sentence lists are written and read for every match.
    private struct Candidate {
        var start: Int32
        var end: Int32
        /// Index into the index's entries (`ScanTables.entries`).
        var entry: Int32
        /// A pattern's gaps: `gaps[gapStart..<gapStart + gapCount]` of the sentence being scanned.
        var gapStart: Int16 = 0
        var gapCount: Int16 = 0
        // Made from a valid range: no bounds check.
        var tokens: Range<Int> { Range(uncheckedBounds: (Int(start), Int(end))) }
    }

    /// A span that can hide a shorter mention, with the furthest end of it and the spans before it.
    private struct Container {
        var start: Int
        var end: Int
        var reach: Int
        var tokens: Range<Int> { Range(uncheckedBounds: (start, end)) }  // made from a valid range
    }

    private func scan<Choice: FactChoice>(_ clinical: ClinicalText, source: SourceText, scanner: ValueScanner, windowEnd: CalendarDay?,
                                          choice: Choice, into result: inout NarrativeScan) {
        let wanted = choice.wantedSlots
        let tokens = clinical.tokens
        // Room for a typical sentence up front (growing a step at a time cost more than the scan of
        // some letters); mentions run at about two per five tokens (facts sharing a phrase give one
        // each): room for one per two, so that the list is not copied to grow.
        var matches: [PhraseTrie.NodeMatch] = []
        matches.reserveCapacity(128)
        let candidates = BoundedList<Candidate>(capacity: Self.maximumMentionsPerSentence)
        result.mentions.reserveCapacity(tokens.count / 2)
        // By fact: the last sentence holding one of its anchors (a stamp instead of a per-sentence list).
        var anchoredIn = [Int](repeating: -1, count: info.count)
        /// By fact, the last sentence that names another cause (`except`).
        var exceptedIn = [Int](repeating: -1, count: info.count)
        let containers = BoundedList<Container>(capacity: Self.maximumMentionsPerSentence)
        // The gaps of the patterns matched in the sentence (a negation there is not the phrase's own).
        var gaps: [Range<Int>] = []
        gaps.reserveCapacity(64)
        // Measure values: one side of a medication comparison waiting for the other in the next
        // sentences, and the measure a heading line ("Pain:") gives the lines under it.
        var measures = MeasureScan()
        let patterns = PatternScratch(parts: index.partCount)
        let tables = index.tables
        let wantedSlots = wanted ?? []
        // Measure votes are mentions of the facts that read a measure: read when one of them is wanted.
        let reader = wanted == nil || measureUses.contains(where: { wantedSlots[$0.fact] }) ? measureReader : nil
        for (s, sentence) in clinical.sentences.enumerated() {
            let range = sentence.tokenRange
            matches.removeAll(keepingCapacity: true)
            index.narrative.nodeMatches(in: tokens, range, into: &matches)
            let carried = measures.carried(into: s)
            guard !matches.isEmpty || carried != nil else { continue }
            // Which facts have an anchor in this sentence; the other matches are candidate mentions.
            // Real sentences name a handful of findings; a pathological one (a table, repeated text)
            // could name thousands, and the containment check below is quadratic: keep the first few hundred.
            // The distinct spans that can hide a shorter mention (many facts share a phrase) are
            // collected on the way: matches come in (start, end) order, so equal spans are neighbours.
            candidates.removeAll()
            containers.removeAll()
            gaps.removeAll(keepingCapacity: true)
            var verdict = false
            var namesMeasure = false
            // Only the wanted facts' mentions are made, unless the sentence could fill the candidate
            // list (one candidate an entry at most): such a sentence keeps every fact's, so the same
            // first few hundred are kept.
            var skipping = false
            if wanted != nil {
                var most = 0
                for m in matches { most += Int(tables.nodes[Int(m.node)].entryEnd - tables.nodes[Int(m.node)].entryStart) }
                skipping = most < Self.maximumMentionsPerSentence
            }
            for m in matches {
                let node = tables.nodes[Int(m.node)]
                if node.measure { namesMeasure = true }
                // The sentence states the reviewer's verdict: nothing in it counts (what was
                // collected so far is dropped with the sentence).
                if node.verdict { verdict = true; break }
                for k in Int(node.anchorStart)..<Int(node.anchorEnd) { anchoredIn[tables.anchorFacts[k]] = s }
                let first = Int(m.start)..<Int(m.end)
                // An unwanted fact's entry here keeps only its span (`passesOver`); all the entries of a
                // node share the match's span, so it is kept once, after them.
                var hides = false
                for k in Int(node.entryStart)..<Int(node.entryEnd) {
                    if skipping {
                        let pass = tables.passing[k]
                        if pass.fact >= 0, !wantedSlots[Int(pass.fact)] {
                            switch pass.kind {
                            case .ignored: break
                            case .hides: hides = true
                            case .hidesInSections: _ = passesOver(k, first: first, wanted: wantedSlots, clinical, containers)
                            }
                            continue
                        }
                    }
                    // A pattern whose first later part is nowhere after its first part cannot complete:
                    // passed over without reading its entry (six in seven patterns at a match, in letters).
                    let part = tables.firstParts[k]
                    if part >= 0, !patterns.holds(part, first: first, sentence: s, matches: matches, tables: tables) { continue }
                    let entry = tables.entries[k]
                    var whole = first
                    let gapStart = gaps.count
                    if entry.isGapped {
                        guard gapStart < Int(Int16.max) - 8,
                              let w = patterns.complete(entry, first: first, sentence: s, matches: matches, tables: tables, tokens: tokens, index: index,
                                                            gapsOut: &gaps) else { continue }
                        whole = w
                    }
                    if entry.sections != 0, !inSections(entry.sections, clinical, at: whole.lowerBound) { continue }
                    // Matched cases, not `==`: Role's derived equality is a call per entry in the hot loop.
                    switch entry.role {
                    case .anchor: anchoredIn[entry.fact] = s; continue
                    case .except: exceptedIn[entry.fact] = s; continue
                    default: break
                    }
                    guard !candidates.isFull else { continue }
                    candidates.append(Candidate(start: Int32(whole.lowerBound), end: Int32(whole.upperBound), entry: Int32(k),
                                                gapStart: Int16(gapStart), gapCount: Int16(gaps.count - gapStart)))
                    if !entry.role.isNear, !entry.isGapped, containers.last?.tokens != whole {
                        containers.append(Container(start: whole.lowerBound, end: whole.upperBound, reach: max(whole.upperBound, containers.last?.reach ?? 0)))
                    }
                }
                if hides, containers.last?.tokens != first {
                    containers.append(Container(start: first.lowerBound, end: first.upperBound, reach: max(first.upperBound, containers.last?.reach ?? 0)))
                }
            }
            if verdict { continue }
            var values: SentenceValues?
            var evidenceRange: Range<Int>?
            // Containers starting no later than the candidate (candidates come in start order).
            var reachable = 0
            // Facts sharing a phrase give candidates with one span, one after another: one context each span.
            var lastMention = -1..<(-1)
            var lastContext = MentionContext(assertion: .affirmed, trigger: nil, attribution: nil)
            let found = candidates.elements, spans = containers.elements
            for c in found {
                let entry = tables.entries[Int(c.entry)]
                if entry.needsAnchor, !anchorHolds(entry.fact, s, anchoredIn, clinical) { continue }
                if exceptedIn[entry.fact] == s { continue }
                let mention = c.tokens
                while reachable < spans.count, spans[reachable].tokens.lowerBound <= mention.lowerBound { reachable += 1 }
                if !entry.role.isNear, isHidden(mention, of: entry.fact, containers: UnsafeBufferPointer(rebasing: spans[..<reachable]), candidates: found) { continue }
                // The fact's fields read in place: a copy of its `FactInfo` retains its unit per mention.
                let kind = info[entry.fact].kind
                if mention != lastMention {
                    lastContext = clinical.context(of: mention, in: s)
                    lastMention = mention
                }
                var ctx = lastContext
                if c.gapCount > 0 { ctx = negatedInGap(ctx, gaps[Int(c.gapStart)..<Int(c.gapStart + c.gapCount)], clinical, s) }
                let accepted = info[entry.fact].accepts(ctx.assertion)
                // The trigger's bytes; its text is made only when an output shows it.
                var trigger: Range<Int>?
                if let r = ctx.trigger {
                    let lo = Int(tokens[r.lowerBound].start), hi = Int(tokens[r.upperBound - 1].end)
                    if lo <= hi { trigger = lo..<hi }
                }
                if evidenceRange == nil { evidenceRange = sentenceRange(sentence, tokens) }
                var shown = evidenceRange!
                let position = Int(tokens[mention.lowerBound].start)
                var vote: VoteValue?
                switch (kind, entry.role) {
                case (.bool, .affirm):
                    if accepted { vote = .bool(true) } else if ctx.assertion.isNegated { vote = .bool(false) }
                case (.bool, .deny):
                    if accepted { vote = .bool(false) }
                case (.bool, .negative):
                    if ctx.assertion.isNegated { vote = .bool(false) }
                case (.count, .negative):
                    // A wider name denied outright documents none of the events ("no prior spinal injections").
                    if Self.isDeniedOutright(mention, ctx) { vote = .number(0) }
                case (.enumeration, .value(let v)):
                    if accepted { vote = .text(v) }
                case (.number, .near), (.count, .near):
                    // A tally in a plan, not placed in the past, is the course asked for ("Recheck after 8
                    // aquatic sessions"), as an event there is.
                    if kind == .count, accepted, askedInPlan(mention, ctx, clinical),
                       !Self.pastVerb(before: mention.lowerBound, from: range.lowerBound, tokens) { break }
                    guard accepted else {
                        // "no relief at all", "without any relief": an outcome denied outright is a
                        // relief of 0 %, when the sentence gives no figure of its own.
                        if info[entry.fact].unit == "percent", Self.isDeniedOutright(mention, ctx) {
                            if values == nil { values = SentenceValues(clinical: clinical, sentence: sentence, scanner: scanner) }
                            if values!.nearest(unit: "percent", to: mention, within: info[entry.fact].within) == nil { vote = .number(0) }
                        }
                        break
                    }
                    if values == nil { values = SentenceValues(clinical: clinical, sentence: sentence, scanner: scanner) }
                    if let (number, numberRange) = values!.nearest(unit: kind == .count ? "count" : info[entry.fact].unit, to: mention,
                                                                   within: info[entry.fact].within) {
                        vote = .number(number)
                        if numberRange.lowerBound < shown.lowerBound { shown = numberRange }
                    }
                case (.count, .event):
                    // In a plan, an event named without a past cue is what is asked for ("1. Trigger
                    // point injections x4", "stellate ganglion block, one injection"), not one had.
                    if accepted, !askedInPlan(mention, ctx, clinical) {
                        // A dated or counted occurrence counts; a bare mention counts 1 only when it is
                        // placed in the past ("had an ESI", "the previous ESI"): a present-tense mention
                        // is as often a general statement about the treatment as a fact about the patient.
                        if values == nil { values = SentenceValues(clinical: clinical, sentence: sentence, scanner: scanner) }
                        let since = info[entry.fact].pastMonths > 0
                            ? windowEnd.map { (from: Self.monthsBefore($0, info[entry.fact].pastMonths), until: ClinicalDate(year: $0.year, month: $0.month, day: $0.day)) }
                            : nil
                        let past = ctx.assertion.isHistorical || Self.pastVerb(before: mention.lowerBound, from: range.lowerBound, tokens)
                        let n = values!.occurrences(of: mention, schedules: past, since: since)
                        if n > 0 { vote = .number(Double(n)) } else if n < 0 { vote = .number(0) } else if ctx.assertion.isHistorical { vote = .number(1) }
                    } else if Self.isDeniedOutright(mention, ctx) {
                        // "no prior ESI", "has not had an epidural", "acupuncture has never been tried":
                        // a negation right next to the event documents none; one further away is about
                        // something else in the sentence.
                        vote = .number(0)
                    }
                default: break
                }
                result.mentions.append(NarrativeScan.Mention(fact: entry.fact, vote: vote.map { Vote(position: position, value: $0, present: ctx.assertion.isAffirmed, length: Int32(mention.count)) },
                                               evidence: FactEvidence(range: shown, how: .mention(ctx.assertion), trigger: trigger,
                                                                      attributedTo: ctx.attribution, counted: vote != nil)))
            }
            if namesMeasure || carried != nil, let reader {
                readMeasures(reader, clinical, s, scanner: scanner, values: &values, carried: carried, anchoredIn: anchoredIn,
                             state: &measures, into: &result)
            }
        }
    }

    /// In a scan for some facts: whether entry `k`, matched at `first`, is another fact's (not an
    /// anchor, which other facts' mentions read). Its phrase then only keeps its span, which can hide a
    /// shorter mention (`isHidden`). Out of line: a scan of every fact keeps its loop as it was. The
    /// scan reads the common cases from `ScanTables.passing` and calls this for an entry limited to
    /// sections only.
    @inline(never)
    private func passesOver(_ k: Int, first: Range<Int>, wanted: [Bool], _ clinical: ClinicalText, _ containers: BoundedList<Container>) -> Bool {
        let entry = index.tables.entries[k]
        if case .anchor = entry.role { return false }
        guard !wanted[entry.fact] else { return false }
        // Neither hides a mention, as in the full scan: a number's phrase and another cause's.
        if case .near = entry.role { return true }
        if case .except = entry.role { return true }
        if entry.isGapped { return true }
        if entry.sections != 0, !inSections(entry.sections, clinical, at: first.lowerBound) { return true }
        if containers.last?.tokens != first {
            containers.append(Container(start: first.lowerBound, end: first.upperBound, reach: max(first.upperBound, containers.last?.reach ?? 0)))
        }
        return true
    }

    /// A mention in a plan section not placed in the past: what the plan asks for, not what was had.
    private func askedInPlan(_ mention: Range<Int>, _ ctx: MentionContext, _ clinical: ClinicalText) -> Bool {
        !ctx.assertion.isHistorical && !planSections.isEmpty && planSections.contains(clinical.section(ofToken: mention.lowerBound))
    }

    /// Verbs that place a course in the past when they come before it: "she had acupuncture x10",
    /// "completed PT 2x6" (a schedule is then visits had, not visits asked for).
    static let pastVerbs: Set<UInt64> = Set(["had", "completed", "attended", "underwent", "received", "tried", "finished",
                                            "did", "participated", "got"].map { Tokenizer.key(of: $0) })

    static func pastVerb(before start: Int, from sentenceStart: Int, _ tokens: [Token]) -> Bool {
        for k in max(sentenceStart, start - 4)..<start where pastVerbs.contains(tokens[k].key) { return true }
        return false
    }

    /// Whether fact `f`'s anchor stands for sentence `s`: named in it, or named in an earlier one
    /// that still reaches it — the fact has `reach`, the anchor's sentence is at most that many before, in the same section,
    /// and no rival has been anchored since ("She underwent an L5-S1 ESI on 3/2. She reports 60%
    /// relief for 8 weeks.").
    func anchorHolds(_ f: Int, _ s: Int, _ anchoredIn: [Int], _ clinical: ClinicalText) -> Bool {
        anchoredIn[f] == s || anchorReaches(f, s, anchoredIn, clinical)
    }

    /// The earlier-sentence half of `anchorHolds`.
    private func anchorReaches(_ f: Int, _ s: Int, _ anchoredIn: [Int], _ clinical: ClinicalText) -> Bool {
        let a = anchoredIn[f]
        guard a >= 0, a < s, s - a <= info[f].reach else { return false }
        for r in rivals[f] where anchoredIn[r] > a { return false }
        let sentences = clinical.sentences
        return clinical.section(ofToken: sentences[a].tokenRange.lowerBound) == clinical.section(ofToken: sentences[s].tokenRange.lowerBound)
    }

    /// Whether a negation stands right next to the mention (at most 3 words before or after it):
    /// "no prior ESI", "no relief at all", "acupuncture was never tried". A negation further away
    /// is about something else in the sentence.
    static func isDeniedOutright(_ mention: Range<Int>, _ ctx: MentionContext) -> Bool {
        guard ctx.assertion.isNegated, let t = ctx.trigger else { return false }
        if t.lowerBound <= mention.lowerBound, t.upperBound >= mention.upperBound { return true }   // "no relief from"
        if t.upperBound <= mention.lowerBound { return mention.lowerBound - t.upperBound <= 3 }
        return t.lowerBound >= mention.upperBound && t.lowerBound - mention.upperBound <= 3
    }

    /// Whether the token at `token` lies in one of the sections of `mask`.
    private func inSections(_ mask: UInt32, _ clinical: ClinicalText, at token: Int) -> Bool {
        let kind = clinical.section(ofToken: token)
        return mask & (1 << UInt32(kind < 0 ? FactDefinition.noSection : kind)) != 0
    }

    /// A pattern's context when a negation, uncertainty or hypothetical trigger stands in one of its
    /// gaps: such a trigger is not part of the phrase ("pain does not radiate to the leg" is the
    /// pattern "{pain} ... {spread} ... {limb}" negated), though `ClinicalText` takes every trigger
    /// inside a mention for the mention's own words.
    private func negatedInGap(_ ctx: MentionContext, _ gaps: ArraySlice<Range<Int>>, _ clinical: ClinicalText, _ s: Int) -> MentionContext {
        guard !ctx.assertion.isNegated else { return ctx }
        for m in clinical.modifiers(in: s) where m.category.isPhraseOwned {
            // A trigger inside the gap, or opening in it with at least half its words there: "therapy was not
            // completed" negates "{any_therapy} ... completed"; in "screen was negative for" the negation is
            // the phrase's own words ("{drug_screen} ... negative for the prescribed").
            if let gap = gaps.first(where: { $0.lowerBound <= m.trigger.lowerBound && m.trigger.lowerBound < $0.upperBound
                                             && 2 * (min(m.trigger.upperBound, $0.upperBound) - m.trigger.lowerBound) >= m.trigger.count }),
               !Self.bracketed(m.trigger.lowerBound, after: gap.lowerBound, clinical.tokens) {
                // Guideline quotes, hypotheticals and other persons decided by a trigger outside keep
                // their category (they outrank a negation).
                if ctx.assertion.precedence > m.category.precedence { return ctx }
                return MentionContext(assertion: m.category, trigger: m.trigger, attribution: ctx.attribution)
            }
        }
        return ctx
    }

    /// The day `months` months before `day` (the start of a `past N months` window).
    static func monthsBefore(_ day: CalendarDay, _ months: Int) -> ClinicalDate {
        let m = day.year * 12 + (day.month - 1) - months
        return ClinicalDate(year: m / 12, month: m % 12 + 1, day: day.day)
    }

    /// Whether token `t` stands inside brackets opened at or after `start`: an aside inside a phrase's
    /// gap ("dorsiflexion 3/5 (5/5 in May) … weakness") is not the phrase's negation.
    static func bracketed(_ t: Int, after start: Int, _ tokens: [Token]) -> Bool {
        var depth = 0
        for k in start..<t where tokens[k].isPunct {
            let key = tokens[k].key
            if key == openRound || key == openSquare { depth += 1 } else if key == closeRound || key == closeSquare, depth > 0 { depth -= 1 }
        }
        return depth > 0
    }
    // The brackets ConText bounds its scopes by ("(" and "[").
    static let openRound = Tokenizer.key(of: "("), closeRound = Tokenizer.key(of: ")"),
               openSquare = Tokenizer.key(of: "["), closeSquare = Tokenizer.key(of: "]")

    /// A mention inside a longer contiguous mention of the same fact is part of it. Inside another
    /// fact's mention it is hidden only when that phrase is clearly about something else (two or
    /// more words longer: "radiculopathy" in "EMG report confirms radiculopathy"), not when it merely
    /// qualifies it ("improvement" in "documented improvement").
    /// `containers` are those starting no later than the mention, in (start, end) order.
    private func isHidden(_ mention: Range<Int>, of fact: Int, containers: UnsafeBufferPointer<Container>,
                          candidates: UnsafeBufferPointer<Candidate>) -> Bool {
        var j = containers.count
        while j > 0 {
            j -= 1
            // No span from here back ends late enough to hold the mention.
            if containers[j].reach < mention.upperBound { break }
            let o = containers[j].tokens
            guard o != mention, o.upperBound >= mention.upperBound else { continue }
            if o.count - mention.count >= 2 { return true }
            // One word longer: it hides only a mention of its own fact.
            if candidates.contains(where: {
                let e = index.tables.entries[Int($0.entry)]
                return $0.tokens == o && e.fact == fact && !e.role.isNear && !e.isGapped
            }) {
                return true
            }
        }
        return false
    }

    private func sentenceRange(_ s: ClinicalSentence, _ tokens: [Token]) -> Range<Int> {
        guard !s.tokenRange.isEmpty else { return s.range }
        let lo = Int(tokens[s.tokenRange.lowerBound].start), hi = Int(tokens[s.tokenRange.upperBound - 1].end)
        return lo <= hi ? lo..<hi : s.range
    }
}
