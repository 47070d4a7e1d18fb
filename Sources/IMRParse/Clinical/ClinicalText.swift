// Clinical/ — clinical prose: sentences (`SentenceSplitter`, `ClinicalSentence`), the ConText engine
// (`ContextEngine`, `ContextRules`, `ContextModifier`, `MentionContext`, `Assertion`, `Attribution`),
// `ClinicalText` (a text's narrative regions tokenized, split and analysed) and the values read from it
// (`ValueScanner`, `LooseValues`, `ClinicalValue`, `SpineLevel`, `NumberWords`), with their comparison
// (`MeasureReader`, `MeasureStatement`: a measure with and without a medication, before and after). Not
// here: tokens and phrase tries (Scanning/), which facts the mentions are (GuidelineRules Facts/).

/// Regions of a letter read as clinical text: tokens, sentences, and the context (assertion and
/// attribution) of any mention in them.
///
/// Built once per document region set; `context(of:in:)` then costs a few comparisons per
/// trigger of the sentence, so fact extractors can ask it for every phrase they match.
///
/// ```swift
/// let clinical = ClinicalText(source: text, regions: [rationale], engine: engine)
/// for (i, sentence) in clinical.sentences.enumerated() {
///     for match in trie.matches(in: clinical.tokens, sentence.tokenRange) {
///         let ctx = clinical.context(of: match.tokenRange, in: i)   // .negated, trigger "without", …
///     }
/// }
/// ```
package struct ClinicalText: Sendable {
    package let source: SourceText
    package let engine: ContextEngine
    /// All tokens of the regions, in text order.
    package let tokens: [Token]
    package let sentences: [ClinicalSentence]
    /// Every trigger found, sentence by sentence (see `modifiers(in:)`).
    package let modifiers: [ContextModifier]
    /// Every attribution cue found, sentence by sentence (see `cues(in:)`).
    package let cues: [AttributionMatch]
    /// The note's sections (empty for text without headings).
    package let sections: NoteSections
    /// The check boxes of a form (none in most texts).
    package let checkBoxes: CheckBoxes

    /// Reads `regions` (byte ranges, in order, not overlapping) of `source`.
    package init(source: SourceText, regions: [Range<Int>], engine: ContextEngine) {
        self.source = source
        self.engine = engine
        let bytes = source.bytes
        let toks = Tokenizer.tokens(bytes, regions: regions)
        let spans = SentenceSplitter.split(bytes, regions: regions)

        var sentences: [ClinicalSentence] = []
        sentences.reserveCapacity(spans.count)
        // About one modifier per sentence and fewer cues: room up front instead of growing step by step.
        var modifiers: [ContextModifier] = []
        modifiers.reserveCapacity(spans.count + 8)
        var cues: [AttributionMatch] = []
        cues.reserveCapacity(spans.count / 2 + 8)
        let scratch = ContextEngine.Scratch(tokenCount: toks.count)
        var carry: Attribution? = nil
        toks.withUnsafeBufferPointer { p in
            var t = 0
            for span in spans {
                while t < p.count, Int(p[t].start) < span.range.lowerBound { t += 1 }
                let first = t
                while t < p.count, Int(p[t].end) <= span.range.upperBound { t += 1 }
                let last = t
                if span.startsParagraph { carry = nil }
                let m0 = modifiers.count, c0 = cues.count
                let result = engine.analyze(p, first, last, scratch: scratch, modifiers: &modifiers, cues: &cues)
                let here = cues[c0..<cues.count]
                let quote = result.isGuidelineQuote
                let carried = quote ? nil : carry
                sentences.append(ClinicalSentence(
                    range: span.range, tokenRange: first..<last, startsParagraph: span.startsParagraph,
                    attribution: here.first?.attribution ?? carried, isGuidelineQuote: quote,
                    guidelineTrigger: result.guidelineTrigger, modifierRange: m0..<modifiers.count,
                    cueRange: c0..<cues.count,
                    carriedAttribution: carried))
                carry = quote ? nil : (here.last?.attribution ?? carry)
            }
        }
        self.tokens = toks
        checkBoxes = CheckBoxes(toks)
        self.sentences = sentences
        self.modifiers = modifiers
        self.cues = cues
        sections = toks.withUnsafeBufferPointer { p in
            bytes.withUnsafeBufferPointer { b in
                NoteSections.find(p, bytes: b, sentenceStarts: sentences.map(\.tokenRange.lowerBound),
                                  headings: engine.sectionHeadings, sectionOf: engine.headingSection, oneLetter: engine.headingIsOneLetter)
            }
        }
    }

    /// The kind of the section holding token `i` (an index into the context rules' sections; -1 for none).
    /// Inlinable, as are `modifiers(in:)` and `cues(in:)`: the fact scan asks them per mention, and a
    /// call from another module retained and released the arrays around a few loads.
    @inlinable @inline(__always)
    package func section(ofToken i: Int) -> Int { sections.kind(ofToken: i) }

    /// Reads the whole source.
    package init(source: SourceText, engine: ContextEngine) {
        self.init(source: source, regions: [0..<source.bytes.count], engine: engine)
    }

    /// The triggers found in a sentence, with their scopes.
    @inlinable
    package func modifiers(in sentence: Int) -> ArraySlice<ContextModifier> {
        modifiers[sentences[sentence].modifierRange]
    }

    /// The attribution cues found in a sentence.
    @inlinable
    package func cues(in sentence: Int) -> ArraySlice<AttributionMatch> {
        cues[sentences[sentence].cueRange]
    }

    /// The context of a mention (token indices within sentence `sentence`).
    package func context(of mention: Range<Int>, in sentence: Int) -> MentionContext {
        let sent = sentences[sentence]
        var best = -1  // index of the deciding modifier
        var bestDistance = Int.max
        var bestPrecedence = -1
        // A negation, uncertainty or hypothetical inside the mention is part of what is mentioned
        // ("absent ankle reflex", "no relief with therapy", "reason for the request" as fact phrases):
        // it does not modify it. History, other persons and quotes still do ("prior chiropractic
        // treatment" is historical). Read in place: this runs for every mention a fact extractor finds.
        var generic = false
        let (assertion, trigger, quoteScope) = modifiers.withUnsafeBufferPointer { all -> (Assertion, Range<Int>?, Range<Int>?) in
            for k in sent.modifierRange {
                let category = all[k].category
                guard category != .affirmed, all[k].covers(mention) else { continue }
                let trigger = all[k].trigger
                guard !Self.isPhraseOwned(category) || trigger.lowerBound < mention.lowerBound
                        || trigger.upperBound > mention.upperBound else { continue }
                let d = trigger.upperBound <= mention.lowerBound ? mention.lowerBound - trigger.upperBound
                    : trigger.lowerBound >= mention.upperBound ? trigger.lowerBound - mention.upperBound : 0
                let pm = category.precedence
                if best >= 0, pm < bestPrecedence || (pm == bestPrecedence && d >= bestDistance) { continue }
                best = k
                bestDistance = d
                bestPrecedence = pm
            }
            guard best >= 0 else { return (.affirmed, nil, nil) }
            let category = all[best].category
            generic = all[best].direction == .generic
            return (category, all[best].trigger, category == .guideline ? all[best].scope : nil)
        }
        // A cue inside the mention is part of what is mentioned ("no recent progress reports").
        // Quotes take only a cue in their own clause ("the UR physician cited MTUS, which states …");
        // other mentions the nearest cue before them, else the first after, else the carried one.
        var before: Attribution? = nil, after: Attribution? = nil
        cues.withUnsafeBufferPointer { all in
            for k in sent.cueRange {
                let cue = all[k].tokens
                if let q = quoteScope, !q.contains(cue.lowerBound) { continue }
                if cue.upperBound <= mention.lowerBound {
                    before = all[k].attribution
                } else if cue.lowerBound >= mention.upperBound, after == nil {
                    after = all[k].attribution
                }
            }
        }
        let attribution = before ?? after ?? (quoteScope == nil && assertion != .guideline ? sent.carriedAttribution : nil)
        // A form's check box speaks for what it labels: an empty box, or a ticked "no", denies it
        // ("[ ] locking  [x] stiffness", "Lost Rx [ ]", "Prior MRI: [ ] yes [X] no"; CheckBoxes.swift).
        if assertion == .affirmed || assertion == .historical || assertion == .possible,
           let box = checkBox(for: mention), box.verdict == .empty {
            return MentionContext(assertion: .negated, trigger: box.box, attribution: attribution)
        }
        // No trigger decided it: the section may (a family history is about other persons).
        if trigger == nil, !sections.isEmpty {
            let kind = sections.kind(ofToken: mention.lowerBound)
            if kind >= 0, let a = engine.sectionAssertions[kind] { return MentionContext(assertion: a, trigger: nil, attribution: attribution) }
        }
        return MentionContext(assertion: assertion, trigger: trigger, attribution: attribution, generic: generic)
    }

    static let openBracket = Tokenizer.key(of: "["), closeBracket = Tokenizer.key(of: "]")

    /// Categories whose trigger, when it lies inside a mention, belongs to the mention's own phrase.
    @inline(__always)
    static func isPhraseOwned(_ a: Assertion) -> Bool { a == .negated || a == .possible || a == .hypothetical }

    /// The context of a mention, finding its sentence.
    package func context(of mention: Range<Int>) -> MentionContext? {
        guard let s = sentenceIndex(containingToken: mention.lowerBound) else { return nil }
        return context(of: mention, in: s)
    }

    /// The sentence holding token `index`, if any.
    package func sentenceIndex(containingToken index: Int) -> Int? {
        var lo = 0, hi = sentences.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentences[mid].tokenRange.upperBound <= index { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentences.count && sentences[lo].tokenRange.contains(index) ? lo : nil
    }

    /// The tokens lying inside a byte range (those that start and end within it).
    package func tokenRange(covering bytes: Range<Int>) -> Range<Int> {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].start) < bytes.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < tokens.count, Int(tokens[end].end) <= bytes.upperBound { end += 1 }
        return lo..<end
    }

    /// The byte range from the first to the last of some tokens.
    package func byteRange(ofTokens range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < tokens.count ? Int(tokens[range.lowerBound].start) : source.bytes.count
            return at..<at
        }
        return Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end)
    }

    /// The source text of some tokens, exactly as written.
    package func text(ofTokens range: Range<Int>) -> String {
        source.string(byteRange(ofTokens: range))
    }
}
