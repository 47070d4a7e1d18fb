/// Which treatment families an edit of the rule files touched, so that `rules test --changed` runs
/// their examples and no others.
///
/// A family is touched when its file changed, when its own declaration (requests, citation,
/// criteria, examples) compiles differently, or when a fact its criteria read compiles differently
/// — and a fact's phrases are compared with their concepts expanded, so an edited concept touches
/// every family whose facts (or requests) use it, through any number of concepts. An edit of what
/// every family shares (context rules, note sections, request words, ancillary words, fillers, the
/// decision weights) touches them all.
package enum RuleChanges {
    package struct Touched: Sendable {
        /// Each touched family of `current`, with why, in book order.
        package var families: [(id: String, why: String)] = []
        /// Whether the edit touched what every family shares.
        package var everything = false
    }

    /// - Parameters:
    ///   - base: the rule book before the edit (nil when it did not load: every family is touched).
    ///   - current: the rule book after it.
    ///   - changedFiles: paths of the files the edit changed, as `Treatment.file` spells them.
    package static func touched(base: RuleBook?, current: RuleBook, changedFiles: Set<String>) -> Touched {
        var out = Touched()
        guard let base else {
            out.everything = true
            out.families = current.treatments.map { ($0.id, "the rules before the edit do not load") }
            return out
        }
        if let what = sharedChange(base, current) {
            out.everything = true
            out.families = current.treatments.map { ($0.id, what) }
            return out
        }
        var changedFacts: Set<String> = []
        for f in current.facts {
            guard let slot = base.factSlot(f.name) else { changedFacts.insert(f.name); continue }
            if signature(f, current) != signature(base.facts[slot], base) { changedFacts.insert(f.name) }
        }
        for t in current.treatments {
            let facts = Set(t.criteria.flatMap { $0.allFacts.map { current.facts[$0].name } })
            var why: String?
            if let old = base.treatment(t.id) {
                if changedFiles.contains(t.file) { why = "its file changed" }
                else if signature(t, current) != signature(old, base) { why = "its declaration changed" }
                else if let f = facts.sorted().first(where: changedFacts.contains) { why = "fact '\(f)' changed" }
            } else { why = "it is new" }
            if let why { out.families.append((t.id, why)) }
        }
        return out
    }

    /// What every family shares, if it changed: named for the report.
    private static func sharedChange(_ a: RuleBook, _ b: RuleBook) -> String? {
        func context(_ c: ContextDeclarations) -> String {
            "\(c.triggers.map { "\($0.category) \($0.direction) \($0.phrases) \($0.scope ?? -1)" }) \(c.pseudo) \(c.terminators) "
                + "\(c.attributions.map { "\($0.who) \($0.phrases)" }) \(c.sections.map { "\($0.kind) \($0.headings) \($0.assertion ?? "")" })"
        }
        if context(a.context) != context(b.context) { return "the context rules changed" }
        if a.requestWords.keys.map(\.rawValue).sorted() != b.requestWords.keys.map(\.rawValue).sorted()
            || a.requestWords.contains(where: { b.requestWords[$0.key] != $0.value }) { return "the request words changed" }
        if a.ancillaryPhrases != b.ancillaryPhrases { return "the ancillary words changed" }
        if a.lexicon.fillers != b.lexicon.fillers { return "the filler words changed" }
        func policy(_ p: DecisionPolicy) -> String {
            "\(p.base) " + p.weights.map { "\($0.key.role.rawValue).\($0.key.status.rawValue)=\($0.value)" }.sorted().joined(separator: " ")
        }
        if policy(a.decisionPolicy) != policy(b.decisionPolicy) { return "the decision weights changed" }
        return nil
    }

    /// A phrase as its concepts expand it: an edited concept changes the phrases that use it.
    private static func expanded(_ phrases: [String], _ book: RuleBook) -> String {
        phrases.map { book.lexicon.parts(of: $0).map { $0.joined(separator: "|") }.joined(separator: " ... ") }.joined(separator: "\u{1F}")
    }

    private static func signature(_ f: FactDefinition, _ book: RuleBook) -> String {
        let sections = f.sectionLimits.map { "\($0.role) \($0.phrases.sorted()) \($0.sections)" }
        return ["\(f.kind) \(f.unit ?? "") \(f.enumValues) \(f.source) \(f.within) \(f.acceptedAssertions.sorted()) \(sections)",
                expanded(f.phrases, book), expanded(f.denials, book), expanded(f.negatives, book), expanded(f.near, book),
                expanded(f.anchors, book), expanded(f.exceptions, book), expanded(f.events, book),
                f.valuePhrases.map { "\($0.value): " + expanded($0.phrases, book) }.joined(separator: "\u{1E}")].joined(separator: "\u{1D}")
    }

    private static func signature(_ t: Treatment, _ book: RuleBook) -> String {
        let criteria = t.criteria.map { c in
            [c.id, c.text, c.whenText ?? "", c.unlessText ?? "", c.requireText, c.citation.text, c.reason ?? "", c.missing ?? "",
             c.role.rawValue, c.window.description].joined(separator: "\u{1F}")
        }
        let examples = t.examples.map { e in
            "\(e.name) \(e.expect.rawValue) \(e.request ?? "") \(e.text ?? "") \(e.date?.iso ?? "") \(e.given.map { "\(book.facts[$0.0].name)=\($0.1)" }) "
                + "\(e.statuses.map { "\($0.0)=\($0.1.rawValue)" }) \(e.todo ?? "")"
        }
        return [t.name, expanded(t.requests, book), expanded(t.claims, book), t.refines ?? "", t.refinementWords.joined(separator: ","),
                t.citation.text, t.window.description, criteria.joined(separator: "\u{1E}"), examples.joined(separator: "\u{1E}")]
            .joined(separator: "\u{1D}")
    }
}
