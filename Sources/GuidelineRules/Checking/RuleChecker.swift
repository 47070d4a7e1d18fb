import IMRParse

/// Resolves names, checks types and consistency across all rule files, and compiles the
/// syntax tree into a `RuleBook`. Every problem becomes a `Diagnostic`; the book is built only
/// when there is no error.
struct RuleChecker {
    let tree: RuleSyntaxTree
    let sourceLines: (String, Int) -> String
    var diagnostics: [Diagnostic] = []
    private var factByName: [String: Int] = [:]
    private var facts: [FactDefinition] = []
    private var measures: [MeasureDefinition] = []
    private var measureByName: [String: Int] = [:]
    private var lexicon = ConceptLexicon()

    init(tree: RuleSyntaxTree, sourceLines: @escaping (String, Int) -> String) {
        self.tree = tree
        self.sourceLines = sourceLines
    }

    mutating func check() -> RuleBook? {
        let lexicon = checkConcepts()
        self.lexicon = lexicon
        let context = checkContext()
        checkMeasures()
        checkFacts(sections: context)
        checkConceptReferences(lexicon)
        checkStemCollisions()
        var criteriaByTreatment: [String: [Criterion]] = [:]
        // Every criterion a treatment declares, compiled or not: an example that checks a broken
        // criterion is not reported again (one root error per mistake).
        var declaredCriteria: [String: Set<String>] = [:]
        var criterionIDs: [String: RuleToken] = [:]
        let treatmentIDs = Set(tree.treatments.map(\.id.text))
        for c in tree.criteria {
            guard isFirst(c.id, c.file, in: &criterionIDs, what: "criterion",
                          hint: "give each criterion its own id, e.g. '<treatment>.<what it checks>'") else { continue }
            guard let owner = c.treatment else { continue }
            if !treatmentIDs.contains(owner.text) {
                report(owner, c.file, .unknownTreatment, "no treatment named '\(owner.text)'",
                       hint: suggestion(owner.text, among: treatmentIDs))
                continue
            }
            declaredCriteria[owner.text, default: []].insert(c.id.text)
            if let compiled = compile(c) { criteriaByTreatment[owner.text, default: []].append(compiled) }
        }
        let reported = checkRefinements()

        var treatments: [Treatment] = []
        var seen: [String: RuleToken] = [:]
        for t in tree.treatments {
            guard isFirst(t.id, t.file, in: &seen, what: "treatment", hint: "keep one declaration per treatment id") else { continue }
            if t.requests.isEmpty {
                report(t.id, t.file, .missingRequests, "treatment '\(t.id.text)' lists no request phrasings",
                       hint: "add 'requests \"…\", \"…\"' with the words requests use for it")
            }
            if t.citation == nil {
                report(t.id, t.file, .missingCitation, "treatment '\(t.id.text)' cites no guideline",
                       hint: "add 'cites \"MTUS Chronic Pain Medical Treatment Guidelines\" section \"…\" page N'")
            }
            let citation = t.citation ?? CitationSyntax(guideline: "", section: nil, pages: [], token: t.id)
            let window = self.window(t.appliesFrom, t.appliesTo, file: t.file)
            let criteria = criteriaByTreatment[t.id.text] ?? []
            for i in criteria.indices {
                if criteria[i].citation.guideline.isEmpty { criteria[i].citation = convert(citation) }
                let w = criteria[i].window
                if let f = w.from ?? window.from, let to = window.to ?? w.to, f > to,
                   let token = tree.criteria.first(where: { $0.id.text == criteria[i].id })?.id {
                    report(token, criteria[i].file, .unreachableCriterion,
                           "criterion '\(criteria[i].id)' applies only outside its treatment's edition window (\(window.description))",
                           hint: "check applies_from / applies_to against the treatment's")
                }
            }
            let (examples, brokenExamples) = compileExamples(for: t, criteria: criteria, declared: declaredCriteria[t.id.text] ?? [])
            let outcomes = Set(examples.filter { $0.todo == nil }.map(\.expect))
            // An example whose expectation is misspelled is reported there, not again as a missing outcome.
            if outcomes.count < 2, !brokenExamples {
                let missing = Decision.allCases.filter { !outcomes.contains($0) }.map(\.rawValue).joined(separator: " and ")
                report(t.id, t.file, .missingExamples, "treatment '\(t.id.text)' has no \(missing) example",
                     hint: "add an example of each outcome (or a 'todo' example saying why the guideline allows none)")
            }
            treatments.append(Treatment(id: t.id.text, name: t.name, requests: t.requests.map(\.text), claims: t.claims.map(\.text),
                                        refines: reported[t.id.text] == nil ? nil : t.refines?.text,
                                        refinementWords: t.refinesWhen.map(\.text), reportedID: reported[t.id.text] ?? t.id.text,
                                        citation: convert(citation), window: window, criteria: criteria, examples: examples, file: t.file, line: t.id.line))
        }
        checkAmbiguousRequests()
        for e in tree.examples where e.treatment == nil {
            report(e.name, e.file, .orphanExample, "example '\(e.name.text)' does not belong to a treatment",
                   hint: "put it below the treatment it tests")
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        return RuleBook(facts: facts, treatments: treatments, ancillaryPhrases: tree.ancillary.map(\.text), context: context,
                        lexicon: lexicon, requestWords: checkRequestWords(), decisionPolicy: decisionPolicy(), measures: measures, files: tree.files)
    }

    /// `refines ID`: the refined family exists and the chain ends (no cycle). Returns, for each
    /// refining family, the root of its chain: the id its outputs report as `treatment`.
    private mutating func checkRefinements() -> [String: String] {
        var parent: [String: String] = [:]
        let ids = Set(tree.treatments.map(\.id.text))
        for t in tree.treatments {
            guard let r = t.refines, parent[t.id.text] == nil else { continue }
            guard ids.contains(r.text) else {
                report(r, t.file, .unknownTreatment, "'\(t.id.text)' refines '\(r.text)', which is no treatment",
                       hint: suggestion(r.text, among: ids) ?? "name the family whose id this one reports as (e.g. electrotherapy)")
                continue
            }
            parent[t.id.text] = r.text
        }
        var root: [String: String] = [:]
        for t in tree.treatments where parent[t.id.text] != nil && root[t.id.text] == nil {
            var at = t.id.text
            var path: [String] = []
            while let p = parent[at] {
                path.append(at)
                if p == t.id.text || path.count > parent.count {
                    report(t.refines!, t.file, .refinesCycle, "'\(t.id.text)' refines itself through \(path.joined(separator: " → ")) → \(p)",
                           hint: "the family it reports as refines nothing: remove one 'refines'")
                    break
                }
                at = p
            }
            if parent[at] == nil { root[t.id.text] = at }
        }
        return root
    }

    /// Whether one family refines the other (at any distance): their shared phrases are meant.
    private func related(_ a: String, _ b: String) -> Bool {
        func chain(_ id: String) -> [String] {
            var out = [id], at = id
            while let p = tree.treatments.first(where: { $0.id.text == at })?.refines?.text, !out.contains(p) { out.append(p); at = p }
            return out
        }
        return chain(a).contains(b) || chain(b).contains(a)
    }

    /// A request phrase that selects two families is ambiguous: the first declared would win.
    /// A phrase shared by a family and the one it refines is not: the refining family wins there.
    private mutating func checkAmbiguousRequests() {
        var owner: [[UInt64]: String] = [:]
        for t in tree.treatments {
            for phrase in t.requests {
                let keys = Tokenizer.keys(ofPhrase: phrase.text)
                guard !keys.isEmpty else { continue }
                if let other = owner[keys], other != t.id.text, !related(other, t.id.text) {
                    report(phrase, t.file, .ambiguousRequest, "\"\(phrase.text)\" also selects '\(other)'",
                         hint: "keep the phrase in one family, or make it more specific")
                } else {
                    owner[keys] = t.id.text
                }
            }
        }
    }

    // MARK: Concepts

    /// The concept lexicon: names unique, references known, no cycles, no explosion.
    /// `same "symptoms", "sx"`: one word each (a token the tokenizer keeps whole), in one group only.
    private mutating func checkSameWords() -> [UInt64: [UInt64]] {
        var groupOf: [UInt64: Int] = [:]
        var groups: [[UInt64]] = []
        for (words, file) in tree.sameWords {
            var group: [UInt64] = []
            for w in words {
                let (keys, count, _) = Tokenizer.phraseKeys(w.text)
                guard count == 1, keys.count == 1 else {
                    report(w, file, .syntax, "'same' lists single words, and '\(w.text)' is \(count) tokens",
                           hint: "write a phrase of several words as a concept ('concept … words …')")
                    continue
                }
                if let other = groupOf[keys[0]], other != groups.count {
                    report(w, file, .duplicateID, "'\(w.text)' is already in another 'same' group", hint: "merge the two groups")
                    continue
                }
                if !group.contains(keys[0]) { group.append(keys[0]) }
                groupOf[keys[0]] = groups.count
            }
            if group.count < 2, let first = words.first {
                report(first, file, .syntax, "'same' needs at least two different words", hint: "write 'same \"symptoms\", \"sx\"'")
            }
            groups.append(group)
        }
        var out: [UInt64: [UInt64]] = [:]
        for group in groups where group.count >= 2 {
            for k in group { out[k] = group.filter { $0 != k } }
        }
        return out
    }

    private mutating func checkConcepts() -> ConceptLexicon {
        var first: [String: ConceptSyntax] = [:]
        for c in tree.concepts {
            if let previous = first[c.name.text] {
                report(c.name, c.file, .duplicateID, "concept '\(c.name.text)' is declared twice (first in \(previous.file):\(previous.name.line))",
                       hint: "keep one declaration and list all its words there")
                continue
            }
            first[c.name.text] = c
        }
        let declared = tree.concepts.filter { first[$0.name.text]?.name.line == $0.name.line && first[$0.name.text]?.file == $0.file }
        var (lexicon, problems) = ConceptLexicon.build(declared.map { ($0.name.text, $0.description, $0.words.map(\.text)) },
                                                       fillers: tree.fillers.map(\.text))
        lexicon.equivalents = checkSameWords()
        for p in problems {
            guard let c = first[p.concept] else { continue }
            let token = c.words.first(where: { $0.text == p.word }) ?? c.name
            let unknown = p.message.hasPrefix("no concept")
            report(token, c.file, unknown ? .unknownConcept : .conceptCycle, p.message,
                   hint: unknown ? suggestion(ConceptLexicon.references(in: p.word).first?.name ?? "", among: first.keys)
                                 : "a concept may use others, but not itself through them")
        }
        return lexicon
    }

    /// Every `{name}` in a fact phrase, a request phrasing or a context rule names a concept.
    private mutating func checkConceptReferences(_ lexicon: ConceptLexicon) {
        func check(_ tokens: [RuleToken], _ file: String) {
            for t in tokens {
                for ref in ConceptLexicon.references(in: t.text) where lexicon.concepts[ref.name] == nil {
                    report(t, file, .unknownConcept, "no concept named '\(ref.name)' (in \"\(t.text)\")",
                           hint: suggestion(ref.name, among: lexicon.concepts.keys) ?? "declare it with 'concept \(ref.name) \"…\"' in Rules/lexicon/")
                }
            }
        }
        for f in tree.facts {
            check(f.phrases + f.denials + f.negatives + f.near + f.anchors + f.exceptions + f.events + f.valuePhrases.flatMap(\.phrases), f.file)
        }
        for t in tree.treatments { check(t.requests + t.claims, t.file) }
        for m in tree.measures { check(m.words, m.file) }
        for t in tree.triggers { check(t.phrases, t.file) }
    }

    /// Words every sentence has, which a one-word phrase must not match by stem.
    static let commonWords = ["will", "be", "do", "can", "may", "must", "shall", "is", "was", "are", "were", "has", "had",
                              "have", "as", "in", "on", "at", "to", "of", "or", "an", "and", "the", "for", "not", "no"]
    static let commonKeys: [UInt64: String] = Dictionary(commonWords.map { (Tokenizer.key(of: $0), $0) }, uniquingKeysWith: { a, _ in a })

    /// A one-word phrase or concept word whose stem is a word every sentence has ("willing" is matched
    /// as "will"): it would match far more than it means.
    private mutating func checkStemCollisions() {
        func check(_ tokens: [RuleToken], _ file: String) {
            for t in tokens {
                guard let word = Self.oneWord(t.text), let common = Self.commonKeys[Tokenizer.key(of: word)],
                      word.lowercased() != common else { continue }
                report(t, file, .stemCollision, "'\(word)' matches every '\(common)' (words match by stem)",
                       hint: "write it with the word that follows it, e.g. '\(word) to'")
            }
        }
        for c in tree.concepts { check(c.words, c.file) }
        for f in tree.facts { check(f.phrases + f.denials + f.negatives + f.near + f.anchors + f.exceptions + f.events, f.file) }
    }

    /// `text` without the spaces and tabs around it, when what is left holds neither a space nor a brace
    /// (one word, not a pattern); nil otherwise. ASCII text (every rule word in practice) is read as bytes:
    /// Foundation's trimming and search made this check most of the rule checker's time.
    static func oneWord(_ text: String) -> String? {
        let ascii: String?? = text.utf8.withContiguousStorageIfAvailable { b -> String? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            var lo = 0, hi = b.count
            while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
            while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
        }
        if let ascii, let word = ascii {
            return word.utf8.contains(where: { $0 == 0x20 || $0 == 0x7B }) ? nil : word
        }
        // Other text as Foundation reads it (Unicode spaces).
        let word = text.trimmingCharacters(in: .whitespaces)
        return word.contains(" ") || word.contains("{") ? nil : word
    }

    // MARK: Measures

    /// `measure NAME "…" better lower|higher` with `words`, `units`, `scale`, `meaningful`.
    private mutating func checkMeasures() {
        for m in tree.measures {
            if let previous = measureByName[m.name.text] {
                let first = measures[previous]
                report(m.name, m.file, .duplicateID, "measure '\(m.name.text)' is declared twice (first in \(first.file):\(first.line))",
                       hint: "keep one declaration and list all its words there")
                continue
            }
            var lowerIsBetter = true
            if let b = m.better {
                if b.text == "higher" { lowerIsBetter = false }
                else if b.text != "lower" { unknown(b, m.file, "direction", among: ["lower", "higher"]) }
            }
            for w in m.words where ConceptLexicon.gapParts(w.text) != nil {
                report(w, m.file, .syntax, "a measure's word is a word or a phrase, not a pattern with '...'",
                       hint: "list the words that name the measure (\"pain score\", \"VAS\")")
            }
            var units: [MeasureUnit]?
            if !m.units.isEmpty {
                units = []
                for u in m.units {
                    if let unit = MeasureUnit(name: u.text), unit != .none { units!.append(unit) }
                    else { unknown(u, m.file, "unit", among: MeasureUnit.allCases.filter { $0 != .none }.map(\.name)) }
                }
            }
            var amount: Double?, percent: Double?
            for (token, word) in m.meaningful {
                guard let v = Double(token.text), v > 0 else {
                    report(token, m.file, .syntax, "a meaningful change is more than 0", hint: "write 'meaningful 2 points or 30 percent'")
                    continue
                }
                if word?.text == "percent" { percent = v } else { amount = v }
            }
            if let p = percent, p > 100 {
                report(m.meaningful.first!.amount, m.file, .outOfRange, "a change of more than 100 percent is rarely meaningful as a minimum", hint: nil)
            }
            if measures.count == MeasureDefinition.maximumCount {
                report(m.name, m.file, .syntax, "more than \(MeasureDefinition.maximumCount) measures", hint: "merge measures that mean the same")
                continue
            }
            measureByName[m.name.text] = measures.count
            measures.append(MeasureDefinition(name: m.name.text, description: m.description, lowerIsBetter: lowerIsBetter,
                                              words: m.words.map(\.text), units: units, scale: m.scale.flatMap { Int($0.text) },
                                              meaningfulAmount: amount, meaningfulPercent: percent, file: m.file, line: m.name.line))
        }
    }

    /// The measure clauses of a fact (`improves …`, `measure … with|without medication`).
    private mutating func measureClauses(_ f: FactSyntax, kind: FactKind) -> [MeasureClause] {
        var out: [MeasureClause] = []
        for (keyword, names, medication) in f.improves {
            if kind != .bool {
                report(keyword, f.file, .typeMismatch, "'improves' gives yes or no; '\(f.name.text)' is \(kind.rawValue)",
                       hint: "use 'measure NAME with medication' for a number")
                continue
            }
            let slots = names.compactMap { measure($0, f.file) }
            guard slots.count == names.count else { continue }
            let withMedication = medication.map { medicationWord($0, f.file) } ?? false
            out.append(.improves(measures: slots, withMedication: withMedication))
        }
        for (keyword, name, side, medication) in f.measureValues {
            if kind != .number {
                report(keyword, f.file, .typeMismatch, "'measure' gives a number; '\(f.name.text)' is \(kind.rawValue)",
                       hint: "use 'improves \(name.text)' for yes or no")
                continue
            }
            guard let slot = measure(name, f.file), let side else { continue }
            if side.text == "relief" {
                // The percent a score falls after a treatment: only a measure where lower is better,
                // a percent fact, and an anchor that says which treatment the sentence is about.
                if f.unit?.text != "percent" {
                    report(side, f.file, .typeMismatch, "'measure \(name.text) relief' gives a percent; '\(f.name.text)' is in \(f.unit?.text ?? "no unit")",
                           hint: "declare the fact as 'number percent'")
                } else if !measures[slot].lowerIsBetter {
                    report(name, f.file, .typeMismatch, "relief is a fall of the measure, and '\(name.text)' is better higher",
                           hint: "read relief from a measure declared 'better lower' (pain)")
                } else if f.anchors.isEmpty {
                    report(side, f.file, .missingPhrases, "'measure \(name.text) relief' needs an anchor: the treatment the relief follows",
                           hint: "add e.g. 'anchor \"{esi_word}\"'")
                } else {
                    out.append(.relief(measure: slot))
                }
                continue
            }
            guard side.text == "with" || side.text == "without" else {
                unknown(side, f.file, "side of a measure", among: ["with", "without"])
                continue
            }
            guard let medication, medicationWord(medication, f.file) else { continue }
            out.append(.value(measure: slot, with: side.text == "with"))
        }
        return out
    }

    private mutating func measure(_ t: RuleToken, _ file: String) -> Int? {
        if let i = measureByName[t.text] { return i }
        report(t, file, .unknownMeasure, "no measure named '\(t.text)'",
               hint: suggestion(t.text, among: measureByName.keys) ?? "declare it with 'measure \(t.text) \"…\" better lower' in Rules/lexicon/measures.rules")
        return nil
    }

    /// The word after `with`/`without` is `medication`, whose words are the concept of that name.
    private mutating func medicationWord(_ t: RuleToken, _ file: String) -> Bool {
        guard t.text == "medication" else {
            unknown(t, file, "comparison", among: ["medication"])
            return false
        }
        guard lexicon.concepts["medication"] != nil else {
            report(t, file, .unknownConcept, "'with medication' reads the words of a concept 'medication', and none is declared",
                   hint: suggestion("medication", among: lexicon.concepts.keys).map { $0 + " (the concept must be named 'medication')" }
                       ?? "declare it with 'concept medication \"…\"' and its words in Rules/lexicon/")
            return false
        }
        return true
    }

    private mutating func unknown(_ t: RuleToken, _ file: String, _ what: String, among known: [String]) {
        report(t, file, .unknownKeyword, "unknown \(what) '\(t.text)'",
               hint: suggestion(t.text, among: known) ?? "expected one of: \(known.joined(separator: ", "))")
    }

    /// The decision model's weights (`confidence` in Rules/decision.rules), or the uncalibrated ones.
    private func decisionPolicy() -> DecisionPolicy {
        guard let c = tree.confidence else { return .uncalibrated }
        var policy = DecisionPolicy.uncalibrated
        policy.source = c.source.text
        for (name, value) in c.weights {
            if name.text == "base" { policy.base = value; continue }
            if let key = DecisionPolicy.Key.all.first(where: { $0.name == name.text }) { policy.weights[key] = value }
        }
        return policy
    }

    /// `request_words ask|order|not_now|condition|about "…"`.
    private mutating func checkRequestWords() -> [RequestWordKind: [String]] {
        var out: [RequestWordKind: [String]] = [:]
        for (kind, phrases, file) in tree.requestWords {
            guard let k = RequestWordKind(rawValue: kind.text) else {
                report(kind, file, .unknownKeyword, "unknown kind of request words '\(kind.text)'",
                       hint: suggestion(kind.text, among: RequestWordKind.allCases.map(\.rawValue)) ?? "kinds: ask, order, not_now, condition, about, diagnosis, credential")
                continue
            }
            out[k, default: []] += phrases.map(\.text)
        }
        return out
    }

    // MARK: Facts

    private mutating func checkFacts(sections context: ContextDeclarations) {
        for f in tree.facts {
            if let previous = factByName[f.name.text] {
                let first = facts[previous]
                report(f.name, f.file, .duplicateID, "fact '\(f.name.text)' is declared twice (first in \(first.file):\(first.line))",
                       hint: "keep one definition; shared facts live in Rules/facts/")
                continue
            }
            let kind = FactKind(rawValue: f.type.text) ?? .bool
            var source = FactSource.narrative
            if let hook = f.hook {
                if let known = FactHooks.named(hook.text) {
                    if known.kind != kind {
                        report(f.type, f.file, .typeMismatch, "hook '\(hook.text)' gives a \(known.kind.rawValue), but the fact is declared \(kind.rawValue)",
                               hint: "declare it as \(known.kind.rawValue)")
                    }
                    source = .hook(hook.text)
                } else {
                    report(hook, f.file, .unknownHook, "no Swift hook named '\(hook.text)'",
                           hint: suggestion(hook.text, among: FactHooks.all.map(\.name)) ?? "hooks are listed in Rules/README.md")
                }
            } else if f.source?.text == "request" {
                source = .request
                if kind != .bool && kind != .enumeration {
                    report(f.source!, f.file, .typeMismatch, "a fact read from the request by phrases must be bool or enum",
                           hint: "use a hook for numbers (e.g. 'hook requested_quantity')")
                }
            }
            if let unit = f.unit, !Vocabulary.units.contains(unit.text) {
                report(unit, f.file, .unknownUnit, "unknown unit '\(unit.text)' for number fact '\(f.name.text)'",
                       hint: suggestion(unit.text, among: Vocabulary.units) ?? "known units: \(Vocabulary.units.joined(separator: ", "))")
            }
            if kind == .number, f.unit == nil {
                report(f.type, f.file, .missingUnit, "number fact '\(f.name.text)' has no unit", hint: "write e.g. 'number percent' or 'number weeks'")
            }
            let measureClauses = measureClauses(f, kind: kind)
            if f.hook == nil {
                switch kind {
                case .bool where f.phrases.isEmpty && f.improves.isEmpty:
                    report(f.name, f.file, .missingPhrases, "bool fact '\(f.name.text)' has no phrases to find it by",
                           hint: "add 'phrases \"…\"', or 'hook NAME' for a Swift hook")
                case .number where f.near.isEmpty && f.measureValues.isEmpty:
                    report(f.name, f.file, .missingPhrases, "number fact '\(f.name.text)' has no 'near' phrases",
                           hint: "add 'near \"relief\", \"improvement\"' (the number is read next to them)")
                case .count where f.events.isEmpty && f.near.isEmpty:
                    report(f.name, f.file, .missingPhrases, "count fact '\(f.name.text)' has no 'events' to count",
                           hint: "add 'events \"epidural steroid injection\", \"ESI\"'")
                case .enumeration where f.valuePhrases.isEmpty:
                    report(f.name, f.file, .missingPhrases, "enum fact '\(f.name.text)' has no 'value' lines",
                           hint: "add 'value left \"left\", \"left-sided\"' for each value")
                case .date, .string:
                    report(f.name, f.file, .missingPhrases, "\(kind.rawValue) facts are read by Swift hooks only",
                           hint: "add 'hook NAME' (see Rules/README.md)")
                default: break
                }
            }
            var enumValues = f.enumValues.map(\.text)
            if case .hook(let h) = source, let known = FactHooks.named(h), kind == .enumeration, enumValues.isEmpty {
                enumValues = known.enumValues
            }
            for (value, _) in f.valuePhrases where !enumValues.contains(value.text) {
                report(value, f.file, .typeMismatch, "'\(value.text)' is not a value of enum fact '\(f.name.text)'",
                       hint: suggestion(value.text, among: enumValues) ?? "declared values: \(enumValues.joined(separator: ", "))")
            }
            var accepted: Set<String> = ["affirmed", "historical"]
            if !f.assertions.isEmpty {
                accepted = []
                for a in f.assertions {
                    if Vocabulary.assertions.contains(a.text) { accepted.insert(a.text) }
                    else { report(a, f.file, .unknownKeyword, "unknown assertion category '\(a.text)'", hint: suggestion(a.text, among: Vocabulary.assertions)) }
                }
            }
            var combineAny = false, combineLongest = false
            if let how = f.combine {
                if how.text == "any", kind != .bool {
                    report(how, f.file, .typeMismatch, "'combine any' is for yes-or-no facts; '\(f.name.text)' is \(kind.rawValue)", hint: "remove 'combine' or declare the fact bool")
                } else if how.text == "longest", kind != .number {
                    report(how, f.file, .typeMismatch, "'combine longest' is for number facts; '\(f.name.text)' is \(kind.rawValue)", hint: "remove 'combine' or declare the fact a number")
                } else if how.text == "any" {
                    combineAny = true

                } else if how.text == "longest" {
                    combineLongest = true
                } else if how.text != "last" {
                    unknown(how, f.file, "way to combine statements", among: ["any", "longest", "last"])
                }
            }
            if let past = f.pastMonths, kind != .count || f.events.isEmpty {
                report(past, f.file, .typeMismatch, "'past' limits the events a count fact counts; '\(f.name.text)' counts no events",
                       hint: "use 'past' on a count fact with an 'events' clause")
            }
            if f.reach != nil, f.anchors.isEmpty {
                report(f.name, f.file, .syntax, "'reach' carries the anchor to the next sentences, and '\(f.name.text)' has no anchor",
                       hint: "add an 'anchor' clause or remove 'reach'")
            }
            factByName[f.name.text] = facts.count
            facts.append(FactDefinition(
                name: f.name.text, kind: kind, unit: f.unit?.text, enumValues: enumValues, description: f.description,
                source: source, phrases: f.phrases.map(\.text), denials: f.denials.map(\.text), negatives: f.negatives.map(\.text),
                valuePhrases: f.valuePhrases.map { ($0.value.text, $0.phrases.map(\.text)) },
                near: f.near.map(\.text), anchors: f.anchors.map(\.text), exceptions: f.exceptions.map(\.text), within: f.within ?? 8,
                events: f.events.map(\.text), acceptedAssertions: accepted,
                sectionLimits: sectionLimits(f, context),
                requesterCounts: f.hook.flatMap { FactHooks.named($0.text)?.counts }, elapsed: f.elapsed,
                combineAny: combineAny, combineLongest: combineLongest, reach: f.anchors.isEmpty ? 0 : f.reach ?? 0, reachGroup: f.reachGroup ?? "",
                pastMonths: f.pastMonthsValue,
                measureClauses: measureClauses, file: f.file, line: f.name.line))
        }
    }

    /// A fact's `… in SECTION` clauses, with section names resolved ("no_section": text under no heading).
    private mutating func sectionLimits(_ f: FactSyntax, _ context: ContextDeclarations) -> [(role: String, phrases: Set<String>, sections: [Int])] {
        var out: [(String, Set<String>, [Int])] = []
        for limit in f.sectionLimits {
            var indices: [Int] = []
            for name in limit.sections {
                if name.text == "no_section" { indices.append(FactDefinition.noSection); continue }
                guard let i = context.sectionIndex(name.text) else {
                    report(name, f.file, .unknownSection, "no section kind '\(name.text)'",
                           hint: suggestion(name.text, among: context.sections.map(\.kind) + ["no_section"])
                               ?? "section kinds are declared in Rules/context/ with 'section KIND \"heading\"'")
                    continue
                }
                indices.append(i)
            }
            out.append((limit.role, Set(limit.phrases.map(\.text)), indices))
        }
        return out
    }

    private mutating func checkContext() -> ContextDeclarations {
        var c = ContextDeclarations()
        var kinds: Set<String> = []
        for s in tree.sections {
            guard kinds.insert(s.kind.text).inserted else {
                report(s.kind, s.file, .duplicateID, "section kind '\(s.kind.text)' is declared twice", hint: "list all its headings in one declaration")
                continue
            }
            if let a = s.assertion, !Vocabulary.assertions.contains(a.text) {
                report(a, s.file, .unknownKeyword, "unknown assertion category '\(a.text)'", hint: suggestion(a.text, among: Vocabulary.assertions))
                continue
            }
            c.sections.append((s.kind.text, s.headings.map(\.text), s.assertion?.text))
        }
        if c.sections.count > FactDefinition.noSection {
            report(tree.sections[FactDefinition.noSection].kind, tree.sections[FactDefinition.noSection].file, .syntax,
                   "more than \(FactDefinition.noSection) section kinds", hint: "merge kinds that mean the same")
        }
        for t in tree.triggers {
            let phrases = t.phrases.map(\.text)
            switch t.keyword.text {
            case "trigger":
                guard let category = t.category, let direction = t.direction else { continue }
                // `trigger affirmed …` marks a clause as about this patient (an anchor against guideline quotes).
                if !Vocabulary.assertions.contains(category.text) {
                    report(category, t.file, .unknownKeyword, "unknown assertion category '\(category.text)'",
                           hint: suggestion(category.text, among: Vocabulary.assertions))
                    continue
                }
                if !Vocabulary.directions.contains(direction.text) {
                    report(direction, t.file, .unknownKeyword, "unknown direction '\(direction.text)'",
                           hint: suggestion(direction.text, among: Vocabulary.directions) ?? "use forward, backward, both, sentence or generic")
                    continue
                }
                c.triggers.append(.init(category: category.text, direction: direction.text, phrases: phrases, scope: t.scope))
            case "pseudo": c.pseudo += phrases
            case "terminator": c.terminators += phrases
            case "clause_verb": c.clauseVerbs += phrases
            case "attribution":
                guard let who = t.category else { continue }
                if !Vocabulary.attributions.contains(who.text) {
                    report(who, t.file, .unknownKeyword, "unknown attribution '\(who.text)'",
                           hint: suggestion(who.text, among: Vocabulary.attributions))
                    continue
                }
                c.attributions.append((who.text, phrases))
            default: break
            }
        }
        return c
    }

    // MARK: Criteria

    private mutating func compile(_ c: CriterionSyntax) -> Criterion? {
        var ok = true
        if let reason = c.reason, !Vocabulary.reasonCodes.contains(reason.text) {
            report(reason, c.file, .unknownReason, "unknown reason code '\(reason.text)'",
                   hint: suggestion(reason.text, among: Vocabulary.reasonCodes) ?? "codes: \(Vocabulary.reasonCodes.joined(separator: ", "))")
        }

        var when: Condition?
        if let w = c.when {
            when = condition(w, file: c.file)
            if when == nil { ok = false }
        }
        var unless: Condition?
        if let u = c.unless {
            unless = condition(u, file: c.file)
            if unless == nil { ok = false }
        }
        guard let r = c.require, let require = condition(r, file: c.file) else { return nil }
        if c.missing == nil {
            report(c.id, c.file, .missingAdvice, "criterion '\(c.id.text)' gives no advice for when it is undocumented",
                 hint: "add 'missing \"…\"': what the physician should document")
        }
        let window = self.window(c.appliesFrom, c.appliesTo, file: c.file)
        if let f = window.from, let t = window.to, f > t {
            report(c.appliesFrom!, c.file, .unreachableCriterion, "criterion '\(c.id.text)' applies from after it stops applying",
                   hint: "swap applies_from and applies_to")
        }
        if let when, Self.neverTrue(when) {
            report(c.when!.anchor, c.file, .unreachableCriterion, "the 'when' condition of '\(c.id.text)' can never be true, so the criterion never applies",
                   hint: "check the comparisons: they contradict each other")
        }
        if let cite = c.citation, cite.pages.isEmpty {
            // ODG is published by section, not by page: a section is enough there.
            let odg = cite.guideline.contains("ODG") || cite.guideline.contains("Official Disability")
            if !odg || cite.section == nil {
                report(cite.token, c.file, .missingPage, "the citation of '\(c.id.text)' gives no \(odg ? "section" : "page")",
                     hint: odg ? "add 'section \"…\"' (ODG is cited by section)" : "add 'page N' so a reader can check it")
            }
        }
        guard ok else { return nil }
        let citation = c.citation.map(convert) ?? RuleCitation(guideline: "", section: nil, pages: [])
        return Criterion(id: c.id.text, text: c.text, when: when, unless: unless, require: require, citation: citation, reason: c.reason?.text,
                         missing: c.missing, window: window, file: c.file, line: c.id.line,
                         whenText: c.when.map { Self.render($0) }, unlessText: c.unless.map { Self.render($0) }, requireText: c.require.map { Self.render($0) } ?? "",
                         whenLabel: c.whenLabel, whenWords: when.map { ConditionWords.render($0, facts: facts) },
                         unlessLabel: c.unlessLabel, unlessWords: unless.map { ConditionWords.render($0, facts: facts) },
                         role: c.role.flatMap { CriterionRole(rawValue: $0.text) } ?? .decisive, roleWhy: c.roleWhy)
    }

    /// Whether a condition is false in every case: a constant false, or an `and` whose numeric
    /// comparisons on one fact leave no possible value (`x >= 5 and x < 3`).
    static func neverTrue(_ c: Condition) -> Bool {
        switch c {
        case .constant(let t): return t == .no
        case .and(let parts):
            if parts.contains(where: neverTrue) { return true }
            var bounds: [Int: (lo: Double, loStrict: Bool, hi: Double, hiStrict: Bool)] = [:]
            for p in parts {
                guard case .compareNumber(let f, let op, let v) = p else { continue }
                var b = bounds[f] ?? (-Double.infinity, false, Double.infinity, false)
                switch op {
                case .gt: if v >= b.lo { b.lo = v; b.loStrict = true }
                case .ge: if v > b.lo { b.lo = v; b.loStrict = false }
                case .lt: if v <= b.hi { b.hi = v; b.hiStrict = true }
                case .le: if v < b.hi { b.hi = v; b.hiStrict = false }
                case .eq: if v > b.lo { b.lo = v; b.loStrict = false }; if v < b.hi { b.hi = v; b.hiStrict = false }
                case .ne: break
                }
                bounds[f] = b
            }
            return bounds.values.contains { $0.lo > $0.hi || ($0.lo == $0.hi && ($0.loStrict || $0.hiStrict)) }
        case .or(let parts): return parts.allSatisfy(neverTrue)
        default: return false
        }
    }

    private mutating func condition(_ e: ExpressionSyntax, file: String) -> Condition? {
        switch e {
        case .literal(let t):
            if t.isWord("true") { return .constant(.yes) }
            if t.isWord("false") { return .constant(.no) }
            report(t, file, .typeMismatch, "'\(t.text)' is a value, not a condition", hint: "compare it with a fact, e.g. 'fact >= \(t.text)'")
            return nil
        case .name(let t):
            guard let i = fact(t, file: file) else { return nil }
            guard facts[i].kind == .bool else {
                report(t, file, .typeMismatch, "'\(t.text)' is \(describe(facts[i])), not a yes/no fact",
                       hint: facts[i].kind == .enumeration ? "compare it: '\(t.text) == \(facts[i].enumValues.first ?? "value")'"
                                                           : "compare it: '\(t.text) >= 1'")
                return nil
            }
            return .fact(i)
        case .not(_, let inner):
            return condition(inner, file: file).map { .not($0) }
        case .and(let parts):
            let compiled = parts.map { condition($0, file: file) }
            return compiled.contains(where: { $0 == nil }) ? nil : .and(compiled.map { $0! })
        case .or(let parts):
            let compiled = parts.map { condition($0, file: file) }
            return compiled.contains(where: { $0 == nil }) ? nil : .or(compiled.map { $0! })
        case .known(_, let name):
            return fact(name, file: file).map { .known($0) }
        case .member(let lhs, let values, let inToken):
            guard case .name(let t) = lhs, let i = fact(t, file: file) else {
                report(inToken, file, .typeMismatch, "'in' needs a fact on its left", hint: "write 'fact in [a, b]'")
                return nil
            }
            let f = facts[i]
            if f.kind == .enumeration || f.kind == .string {
                var set = Set<String>()
                for v in values {
                    if f.kind == .enumeration, !(v.kind == .identifier && f.enumValues.contains(v.text)) {
                        report(v, file, .typeMismatch, "'\(v.text)' is not a value of '\(f.name)'",
                               hint: suggestion(v.text, among: f.enumValues) ?? "values: \(f.enumValues.joined(separator: ", "))")
                        return nil
                    }
                    set.insert(v.text)
                }
                return .memberText(i, set)
            }
            if f.kind == .number || f.kind == .count {
                var numbers: [Double] = []
                for v in values {
                    guard v.kind == .number, let d = Double(v.text) else {
                        report(v, file, .typeMismatch, "'\(f.name)' is a number; '\(v.text)' is not", hint: nil)
                        return nil
                    }
                    numbers.append(d)
                }
                return .memberNumber(i, numbers)
            }
            report(t, file, .typeMismatch, "'in' does not apply to \(describe(f)) '\(f.name)'", hint: nil)
            return nil
        case .compare(let op, let lhs, let rhs):
            if case .sum = lhs { return sumComparison(op, lhs, rhs, file: file) }
            if case .sum = rhs { return sumComparison(op, lhs, rhs, file: file) }
            return comparison(op, lhs, rhs, file: file)
        case .sum(let parts):
            report(parts[0].anchor, file, .typeMismatch, "a sum is a number, not a condition", hint: "compare it: 'a + b <= 10'")
            return nil
        }
    }

    private mutating func comparison(_ opToken: RuleToken, _ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax, file: String) -> Condition? {
        guard var op = Condition.Comparison(rawValue: opToken.text) else { return nil }
        var factSide = lhs, valueSide = rhs
        if case .literal = lhs, case .name = rhs { factSide = rhs; valueSide = lhs; op = op.flipped }
        guard case .name(let ft) = factSide, let i = fact(ft, file: file) else {
            if case .name = factSide { return nil }
            report(opToken, file, .typeMismatch, "a comparison needs a fact on one side", hint: "write e.g. 'prior_esi_relief_percent >= 50'")
            return nil
        }
        let f = facts[i]
        if case .name(let other) = valueSide {
            if f.kind == .enumeration {
                guard f.enumValues.contains(other.text) else {
                    // A fact on both sides, or an unknown enum value.
                    if let j = factByName[other.text] { return .compareFacts(i, op, j) }
                    report(other, file, .typeMismatch, "'\(other.text)' is not a value of enum fact '\(f.name)'",
                           hint: suggestion(other.text, among: f.enumValues) ?? "values: \(f.enumValues.joined(separator: ", "))")
                    return nil
                }
                guard op == .eq || op == .ne else {
                    report(opToken, file, .typeMismatch, "enum values compare only with == and !=", hint: nil)
                    return nil
                }
                return .equalsText(i, other.text, op == .ne)
            }
            guard let j = fact(other, file: file) else { return nil }
            let g = facts[j]
            let numeric: Set<FactKind> = [.number, .count]
            guard (numeric.contains(f.kind) && numeric.contains(g.kind)) || (f.kind == .date && g.kind == .date) else {
                report(other, file, .typeMismatch, "cannot compare \(describe(f)) '\(f.name)' with \(describe(g)) '\(g.name)'", hint: nil)
                return nil
            }
            return .compareFacts(i, op, j)
        }
        guard case .literal(let v) = valueSide else {
            report(opToken, file, .typeMismatch, "compare a fact with a value", hint: nil)
            return nil
        }
        switch f.kind {
        case .number, .count:
            guard v.kind == .number, let d = Double(v.text) else {
                report(v, file, .typeMismatch, "'\(f.name)' is \(describe(f)); compare it with a number, not '\(v.text)'", hint: nil)
                return nil
            }
            if f.unit == "percent", d < 0 || d > 100 {
                report(v, file, .outOfRange, "\(v.text) is outside 0-100 for a percentage", hint: nil)
            }
            return .compareNumber(i, op, d)
        case .date:
            guard v.kind == .date, let d = CalendarDay(iso: v.text) else {
                report(v, file, .typeMismatch, "'\(f.name)' is a date; compare it with a date such as 2016-07-29", hint: nil)
                return nil
            }
            return .compareDate(i, op, d)
        case .bool:
            guard v.isWord("true") || v.isWord("false"), op == .eq || op == .ne else {
                report(v, file, .typeMismatch, "'\(f.name)' is yes/no; use it directly or with 'not'",
                       hint: "write '\(f.name)' or 'not \(f.name)'")
                return nil
            }
            let positive = v.isWord("true") == (op == .eq)
            return positive ? .fact(i) : .not(.fact(i))
        case .string:
            guard v.kind == .string, op == .eq || op == .ne else {
                report(v, file, .typeMismatch, "'\(f.name)' is text; compare it with == and a quoted string", hint: nil)
                return nil
            }
            return .equalsText(i, v.text, op == .ne)
        case .enumeration:
            report(v, file, .typeMismatch, "'\(f.name)' is an enum; compare it with one of its values: \(f.enumValues.joined(separator: ", "))", hint: nil)
            return nil
        }
    }

    /// `prior_pt_visits + requested_visits <= 10`: sums of number/count facts and numbers, one side constant.
    private mutating func sumComparison(_ opToken: RuleToken, _ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax, file: String) -> Condition? {
        guard var op = Condition.Comparison(rawValue: opToken.text) else { return nil }
        var sumSide = lhs, other = rhs
        if case .sum = rhs { sumSide = rhs; other = lhs; op = op.flipped }
        guard case .sum(let parts) = sumSide else { return nil }
        var slots: [Int] = []
        var constant = 0.0
        for p in parts {
            switch p {
            case .name(let t):
                guard let i = fact(t, file: file) else { return nil }
                guard facts[i].kind == .number || facts[i].kind == .count else {
                    report(t, file, .typeMismatch, "'\(t.text)' is \(describe(facts[i])); only numbers and counts can be added", hint: nil)
                    return nil
                }
                slots.append(i)
            case .literal(let t) where t.kind == .number:
                constant += Double(t.text) ?? 0
            default:
                report(p.anchor, file, .typeMismatch, "only numbers and counts can be added", hint: nil)
                return nil
            }
        }
        guard case .literal(let v) = other, v.kind == .number, let value = Double(v.text) else {
            report(opToken, file, .typeMismatch, "compare a sum with a number", hint: "write e.g. 'prior_pt_visits + requested_visits <= 10'")
            return nil
        }
        return .compareSum(slots, constant, op, value)
    }

    private mutating func fact(_ t: RuleToken, file: String) -> Int? {
        if let i = factByName[t.text] { return i }
        if tree.brokenFacts.contains(t.text) { return nil }
        report(t, file, .unknownFact, "no fact named '\(t.text)'",
               hint: suggestion(t.text, among: factByName.keys) ?? "declare it with 'fact \(t.text) bool \"…\"' in Rules/facts/")
        return nil
    }

    // MARK: Examples

    /// The treatment's examples, and whether any was too broken to compile (its expectation misspelled).
    private mutating func compileExamples(for t: TreatmentSyntax, criteria: [Criterion], declared: Set<String>) -> ([RuleExample], Bool) {
        var out: [RuleExample] = []
        var broken = false
        var names: Set<String> = []
        for e in tree.examples where e.treatment?.text == t.id.text {
            if !names.insert(e.name.text).inserted {
                report(e.name, e.file, .duplicateID, "treatment '\(t.id.text)' has two examples named '\(e.name.text)'", hint: "rename one")
            }
            guard let expectToken = e.expect else { broken = true; continue }
            guard let expect = Decision(rawValue: expectToken.text) else {
                broken = true
                report(expectToken, e.file, .unknownKeyword, "an example expects Upheld or Overturned, not '\(expectToken.text)'",
                       hint: Suggestions.closest(to: expectToken.text, among: ["Upheld", "Overturned"]).map { "did you mean '\($0)'?" })
                continue
            }
            var given: [(Int, FactValue)] = []
            for (name, value) in e.given {
                guard let i = factByName[name.text] else {
                    if tree.brokenFacts.contains(name.text) { continue }
                    report(name, e.file, .exampleUnknownFact, "example '\(e.name.text)' sets an unknown fact '\(name.text)'",
                           hint: suggestion(name.text, among: factByName.keys))
                    continue
                }
                if let v = literal(value, for: facts[i], file: e.file) { given.append((i, v)) }
            }
            var statuses: [(String, CriterionStatus)] = []
            for (cid, status) in e.statuses {
                guard criteria.contains(where: { $0.id == cid.text }) else {
                    if declared.contains(cid.text) { continue }
                    report(cid, e.file, .unknownCriterion, "treatment '\(t.id.text)' has no criterion '\(cid.text)'",
                           hint: suggestion(cid.text, among: criteria.map(\.id)))
                    continue
                }
                guard let s = CriterionStatus(rawValue: status.text) else {
                    report(status, e.file, .unknownKeyword, "unknown status '\(status.text)'",
                           hint: suggestion(status.text, among: CriterionStatus.allCases.map(\.rawValue)))
                    continue
                }
                statuses.append((cid.text, s))
            }
            if e.given.isEmpty && e.text == nil && e.request == nil {
                report(e.name, e.file, .emptyExample, "example '\(e.name.text)' gives no facts, text or request", hint: nil)
            }
            out.append(RuleExample(name: e.name.text, expect: expect, request: e.request, text: e.text,
                                   date: e.date.flatMap { CalendarDay(iso: $0.text) }, given: given, statuses: statuses,
                                   todo: e.todo, file: e.file, line: e.name.line))
        }
        return (out, broken)
    }

    private mutating func literal(_ v: RuleToken, for f: FactDefinition, file: String) -> FactValue? {
        if v.isWord("unknown") { return .unknown }
        switch f.kind {
        case .bool:
            if v.isWord("true") { return .bool(true) }
            if v.isWord("false") { return .bool(false) }
        case .number, .count:
            if v.kind == .number, let d = Double(v.text) { return .number(d) }
        case .enumeration:
            if v.kind == .identifier, f.enumValues.contains(v.text) { return .text(v.text) }
        case .string:
            if v.kind == .string { return .text(v.text) }
        case .date:
            if v.kind == .date, let d = CalendarDay(iso: v.text) { return .date(d) }
        }
        report(v, file, .typeMismatch, "'\(v.text)' is not a valid value for \(describe(f)) '\(f.name)'",
               hint: f.kind == .enumeration ? "values: \(f.enumValues.joined(separator: ", ")), or unknown" : "or write 'unknown'")
        return nil
    }

    // MARK: Helpers

    private func convert(_ c: CitationSyntax) -> RuleCitation {
        RuleCitation(guideline: c.guideline, section: c.section, pages: c.pages)
    }

    private mutating func window(_ from: RuleToken?, _ to: RuleToken?, file: String) -> DateWindow {
        var w = DateWindow.always
        for (token, isFrom) in [(from, true), (to, false)] {
            guard let token else { continue }
            guard let d = CalendarDay(iso: token.text) else {
                report(token, file, .syntax, "'\(token.text)' is not a valid date", hint: "write YYYY-MM-DD")
                continue
            }
            if isFrom { w.from = d } else { w.to = d }
        }
        return w
    }

    private func describe(_ f: FactDefinition) -> String {
        switch f.kind {
        case .number: "a number" + (f.unit.map { " (\($0))" } ?? "")
        case .count: "a count"
        case .enumeration: "an enum"
        case .bool: "a yes/no fact"
        case .date: "a date"
        case .string: "text"
        }
    }

    /// Whether `id` is declared here for the first time (it is recorded in `seen`); a second
    /// declaration is reported as a duplicate naming the first.
    private mutating func isFirst(_ id: RuleToken, _ file: String, in seen: inout [String: RuleToken], what: String, hint: String) -> Bool {
        if let previous = seen[id.text] {
            report(id, file, .duplicateID, "\(what) '\(id.text)' is declared twice (first at \(previous.line):\(previous.column))", hint: hint)
            return false
        }
        seen[id.text] = id
        return true
    }

    private func suggestion(_ word: String, among known: some Sequence<String>) -> String? {
        Suggestions.closest(to: word, among: known).map { "did you mean '\($0)'?" }
    }

    /// A diagnostic at `t`, with the severity its code has (`DiagnosticCode.severity`).
    private mutating func report(_ t: RuleToken, _ file: String, _ code: DiagnosticCode, _ message: String, hint: String?) {
        diagnostics.append(Diagnostic(file: file, line: t.line, column: t.column, length: t.length,
                                      code: code, message: message, hint: hint, sourceLine: sourceLines(file, t.line)))
    }

    /// The condition as text, for `rules explain`.
    static func render(_ e: ExpressionSyntax, top: Bool = true) -> String {
        switch e {
        case .name(let t), .literal(let t): return t.kind == .string ? "\"\(t.text)\"" : t.text
        case .not(_, let inner): return "not " + render(inner, top: false)
        case .and(let parts): let s = parts.map { render($0, top: false) }.joined(separator: " and "); return top ? s : "(\(s))"
        case .or(let parts): let s = parts.map { render($0, top: false) }.joined(separator: " or "); return top ? s : "(\(s))"
        case .compare(let op, let l, let r): return "\(render(l, top: false)) \(op.text) \(render(r, top: false))"
        case .member(let l, let values, _): return "\(render(l, top: false)) in [\(values.map(\.text).joined(separator: ", "))]"
        case .known(_, let n): return "known(\(n.text))"
        case .sum(let parts): return parts.map { render($0, top: false) }.joined(separator: " + ")
        }
    }
}
