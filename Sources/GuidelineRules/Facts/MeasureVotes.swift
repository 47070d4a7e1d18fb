import IMRParse

/// The measure part of the narrative scan: in a sentence that names a measure (a word of a
/// `measure` declaration, or its scale number), `MeasureReader` reads the measure's values with
/// their comparison, and each fact clause that reads the measure votes:
///
/// - `improves M[, M…] [with medication]` (bool): a pair of values of one of the measures is true
///   when it moves in the measure's better direction by its meaningful amount
///   (`MeasureDefinition.judge`), false when it does not move or moves the other way; a smaller
///   gain in the better direction decides nothing (it is kept as uncounted evidence). With
///   `with medication` only with/without pairs count, or before → after pairs in a sentence that
///   names a medication (a word of the concept `medication`).
/// - `measure M with|without medication` (number): the value with or without the medication (a
///   before → after pair in a sentence that names a medication gives its later and earlier value).
/// - `measure M relief` (number percent): how far a before → after pair (or a without → with pair)
///   falls, in percent of the earlier value, in a sentence where the fact's anchor holds ("pain went
///   from 8/10 before the block to 2/10 after it" is 75 % relief from the block).
///
/// Votes stand at the first value's position and join the phrase votes by the last-statement rule.
/// A negation that is the comparison's own word ("without medication") does not negate the
/// statement. One side read in a sentence ("Pain without medication: 8/10.") waits two sentences
/// for the other ("With medication: 4/10."); a heading line naming a measure ("Pain:") lends it to
/// the next three lines.
extension FactExtractor {
    /// What the measure reading of one scan carries from sentence to sentence.
    struct MeasureScan {
        struct Pending {
            var sentence: Int
            var statement: MeasureStatement
            var accepted: Bool
            var shown: Range<Int>
        }
        var pending: [Pending] = []
        /// A heading's measure and the last sentence it reaches.
        var heading: (measure: Int, until: Int)?

        func carried(into s: Int) -> Int? {
            guard let h = heading, s <= h.until else { return nil }
            return h.measure
        }
    }

    /// Reads the measure values of sentence `s` and appends the votes of the facts that read them.
    func readMeasures(_ reader: MeasureReader, _ clinical: ClinicalText, _ s: Int, scanner: ValueScanner,
                      values: inout SentenceValues?, carried: Int?, anchoredIn: [Int], state: inout MeasureScan,
                      into result: inout NarrativeScan) {
        let sentence = clinical.sentences[s]
        let tokens = clinical.tokens
        let range = sentence.tokenRange
        // A guideline's numbers ("at least 50% pain relief", "pages 76-80") are nobody's values.
        guard !range.isEmpty, !sentence.isGuidelineQuote else { return }
        // "Pain:" alone on its line: the lines under it are about pain.
        if carried == nil, range.count <= 6, tokens[range.upperBound - 1].kind == .punct,
           clinical.source.bytes[Int(tokens[range.upperBound - 1].start)] == UInt8(ascii: ":"),
           let m = reader.lastMeasure(in: tokens, range) {
            state.heading = (m, s + 3)
            return
        }
        guard MeasureReader.isWorthReading(tokens, clinical.source.bytes, range) else { return }
        if values == nil { values = SentenceValues(clinical: clinical, sentence: sentence, scanner: scanner) }
        var statements = reader.read(tokens: tokens, bytes: clinical.source.bytes, range: range, values: values!.values, inherited: carried)
        guard !statements.isEmpty else { return }
        // A before → after pair told right after the sentence that names the drug, on the same line (one
        // item of a medication list: "1) Gabapentin 300 mg TID, started 09/2014. He says the burning is cut
        // in half (NRS 8 -> 4).") is the drug's.
        if s > 0, !sentence.startsParagraph,
           statements.contains(where: { $0.comparison == .time && !$0.namesMedication }),
           !clinical.sentences[s - 1].tokenRange.isEmpty,
           !clinical.source.bytes.withUnsafeBufferPointer({
               NoteSections.newline(between: tokens[clinical.sentences[s - 1].tokenRange.upperBound - 1], and: tokens[range.lowerBound], in: $0)
           }),
           reader.namesMedication(tokens, clinical.sentences[s - 1].tokenRange) {
            for k in statements.indices where statements[k].comparison == .time { statements[k].namesMedication = true }
        }
        state.pending.removeAll { $0.sentence < s - 2 }
        let shown = Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end)
        for st in statements {
            var ctx = clinical.context(of: st.tokens, in: s)
            // "without medication" negates nothing: it is the comparison's own word.
            if ctx.assertion.isNegated, let t = ctx.trigger, st.cues.contains(where: { $0.overlaps(t) }) {
                ctx = MentionContext(assertion: .affirmed, trigger: nil, attribution: ctx.attribution)
            }
            vote(st, ctx, shown: shown, tokens: tokens, values: true, anchored: { self.anchorHolds($0, s, anchoredIn, clinical) }, into: &result)
            guard !st.isPair, st.comparison == .medication else { continue }
            // One side here, the other in a sentence before: a pair across lines.
            if let k = state.pending.lastIndex(where: { $0.sentence < s && MeasureStatement.joined($0.statement, st) != nil }),
               let joined = MeasureStatement.joined(state.pending[k].statement, st) {
                let span = state.pending[k].shown.lowerBound..<shown.upperBound
                let both = state.pending[k].accepted ? ctx : MentionContext(assertion: .possible, trigger: nil, attribution: ctx.attribution)
                vote(joined, both, shown: span, tokens: tokens, values: false, anchored: { _ in false }, into: &result)
                state.pending.remove(at: k)
            } else {
                state.pending.append(MeasureScan.Pending(sentence: s, statement: st, accepted: ctx.assertion.isAffirmed || ctx.assertion.isHistorical,
                                                         shown: shown))
            }
        }
    }

    /// Takes back the votes that fact `fact` got earlier in the sentence spanning `shown` (its `near`
    /// readings, appended just before the sentence's measures are read).
    static func uncountNearVotes(of fact: Int, in shown: Range<Int>, _ result: inout NarrativeScan) {
        var k = result.mentions.count
        while k > 0 {
            k -= 1
            if result.mentions[k].evidence.range.lowerBound < shown.lowerBound { break }
            guard result.mentions[k].fact == fact, let v = result.mentions[k].vote, shown.contains(v.position) else { continue }
            result.mentions[k].vote = nil
            result.mentions[k].evidence.counted = false
        }
    }

    /// The votes of one statement for every fact clause reading its measure (`values`: number
    /// clauses too; a pair joined across sentences gave its values as single statements already).
    private func vote(_ st: MeasureStatement, _ ctx: MentionContext, shown: Range<Int>, tokens: [Token], values: Bool,
                      anchored: (Int) -> Bool, into result: inout NarrativeScan) {
        let bit: UInt64 = 1 << UInt64(st.measure)
        var trigger: Range<Int>?
        if let r = ctx.trigger {
            let lo = Int(tokens[r.lowerBound].start), hi = Int(tokens[r.upperBound - 1].end)
            if lo <= hi { trigger = lo..<hi }
        }
        let position = Int(st.first.map { $0.bytes.lowerBound } ?? st.second!.bytes.lowerBound)
        for use in measureUses where use.measures & bit != 0 {
            let fact = info[use.fact]
            let accepted = fact.accepts(ctx.assertion)
            var vote: VoteValue?
            if use.isRelief {
                // A fall from the earlier value to the later one (or from without to with the drug), on a
                // 0-10 scale, where the anchor's treatment is named.
                guard values, st.comparison == .time || st.comparison == .medication, let a = st.first?.outOfTen, let b = st.second?.outOfTen,
                      a > 0, b <= a, anchored(use.fact) else { continue }
                if accepted { vote = .number(((a - b) / a * 100).rounded()) }
            } else if use.isValue {
                guard values else { continue }
                // A before → after pair is with and without the medication only where a medication is named.
                guard st.comparison == .medication || (st.comparison == .time && st.namesMedication),
                      let v = use.with ? st.second : st.first else { continue }
                let number = fact.unit == "score" ? v.outOfTen : v.number
                guard let number else { continue }
                if accepted {
                    vote = .number(number)
                    // The comparison read whole outranks a number read near a cue of the same sentence: in
                    // "without it 8/10 and with it the pain is 4/10" the 8 is nearest to "with it".
                    Self.uncountNearVotes(of: use.fact, in: shown, &result)
                }
            } else {
                // A steady value is no comparison with a medication: "pain stable at 4/10 on Norco" is relief kept.
                guard let (a, b) = st.comparable,
                      !use.withMedication || st.comparison == .medication || (st.comparison == .time && st.namesMedication) else { continue }
                if accepted, let better = book.measures[st.measure].judge(from: a, to: b) { vote = .bool(better) }
            }
            result.mentions.append(NarrativeScan.Mention(fact: use.fact, vote: vote.map { Vote(position: position, value: $0) },
                                                         evidence: FactEvidence(range: shown, how: .mention(ctx.assertion), trigger: trigger,
                                                                                attributedTo: ctx.attribution, counted: vote != nil)))
        }
    }
}
