// Language/ — the rule language as text: tokens (`RuleToken`, `RuleLexer`), the recovering parser
// (`RuleParser`, `ExpressionParser`), the syntax tree (`RuleSyntax`), `Diagnostic` and "did you
// mean" `Suggestions`. Not here: what the names mean and whether they fit (Checking/).

import Foundation

/// Reads the declarations of rule files into a `RuleSyntaxTree`, reporting every error it meets
/// and going on with the next clause or declaration (recovery), so one run names every problem.
package struct RuleParser {
    package private(set) var tree = RuleSyntaxTree()
    package private(set) var diagnostics: [Diagnostic] = []
    private var lexer: RuleLexer

    /// Every keyword that can open a line; such a line never continues the previous one.
    static let allKeywords: Set<String> = Set(declarationKeywords + clauseKeywords.values.flatMap { $0 })
    static let declarationKeywords = ["treatment", "fact", "criterion", "example", "ancillary", "concept", "filler", "same", "section", "request_words", "confidence",
                                      "trigger", "pseudo", "terminator", "clause_verb", "attribution", "measure"]
    static let clauseKeywords: [String: [String]] = [
        "treatment": ["requests", "claims", "refines", "cites", "applies_from", "applies_to"],
        "fact": ["from", "hook", "phrases", "deny", "negative", "value", "near", "anchor", "except", "within", "events", "assertions", "elapsed",
                 "improves", "measure", "combine", "reach", "past"],
        "criterion": ["when", "unless", "require", "cites", "reason", "missing", "applies_from", "applies_to", "treatment", "role"],
        "example": ["request", "text", "date", "given", "status", "todo", "treatment"],
        "concept": ["words"],
        "confidence": ["base", "decisive_unmet", "decisive_undocumented", "supporting_unmet", "supporting_undocumented"],
        "measure": ["words", "units", "scale", "meaningful"],
    ]
    static let maximumErrorsPerFile = 200
    /// Diagnostics of the file being parsed (the lexer's and the parser's), for the cap.
    private var errorsInFile = 0
    package static let factTypes = ["bool", "number", "count", "enum", "date", "string"]

    package init() { lexer = RuleLexer(file: "", text: "") }

    /// Parses one file's text and adds what it declares to `tree`.
    package mutating func parse(file: String, text: String) {
        parse(LexedFile(file: file, text: text))
    }

    /// Adds what a lexed file declares to `tree` (files are lexed apart, see `LexedFile.lex`).
    package mutating func parse(_ lexed: LexedFile) {
        lexer = lexed.lexer
        let declarations = lexed.declarations
        diagnostics.append(contentsOf: lexer.diagnostics)
        errorsInFile = lexer.diagnostics.count
        tree.files.append(lexer.file)
        var currentTreatment: RuleToken?
        for declaration in declarations {
            // Past the cap nothing more is reported: stop rather than build a message (and a
            // did-you-mean) for each of a million broken lines.
            if errorsInFile > Self.maximumErrorsPerFile { break }
            let keyword = declaration.head.keyword
            switch keyword.kind == .identifier ? keyword.text : "" {
            case "treatment":
                if let t = parseTreatment(declaration) { tree.treatments.append(t); currentTreatment = t.id }
            case "fact": if let f = parseFact(declaration) { tree.facts.append(f) }
            case "criterion":
                if var c = parseCriterion(declaration) {
                    if c.treatment == nil { c.treatment = currentTreatment }
                    if c.treatment == nil {
                        error(c.id, .orphanCriterion, "criterion '\(c.id.text)' does not belong to a treatment",
                              hint: "declare it below a 'treatment' in the same file, or add a clause 'treatment ID'")
                    }
                    tree.criteria.append(c)
                }
            case "example":
                if var e = parseExample(declaration) {
                    if e.treatment == nil { e.treatment = currentTreatment }
                    tree.examples.append(e)
                }
            case "ancillary":
                tree.ancillary.append(contentsOf: strings(declaration.head.arguments, after: keyword))
                rejectClauses(declaration)
            case "concept": if let c = parseConcept(declaration) { tree.concepts.append(c) }
            case "measure": if let m = parseMeasure(declaration) { tree.measures.append(m) }
            case "section":
                if let s = parseSection(declaration) { tree.sections.append(s) }
                rejectClauses(declaration)
            case "confidence":
                let args = declaration.head.arguments
                guard let source = args.first, source.kind == .string else {
                    error(args.first ?? keyword, .syntax, "'confidence' starts with where its weights come from, in quotes",
                          hint: "write 'confidence \"calibrated by scripts/calibrate.py on …\"'")
                    break
                }
                var weights: [(RuleToken, Double)] = []
                for clause in declaration.clauses {
                    guard Self.clauseKeywords["confidence"]!.contains(clause.keyword.text) else {
                        unknownKeyword(clause.keyword, among: Self.clauseKeywords["confidence"]!, what: "weight"); continue
                    }
                    let a = clause.arguments
                    if a.count == 2, a[0].kind == .equals, a[1].kind == .number, let v = Double(a[1].text) { weights.append((clause.keyword, v)) }
                    else { error(clause.keyword, .syntax, "a weight is 'NAME = number'", hint: "write '\(clause.keyword.text) = -1.5'") }
                }
                if tree.confidence != nil { error(keyword, .duplicateID, "the decision weights are declared twice", hint: "keep one 'confidence' declaration") }
                tree.confidence = (source, weights, declaration.file)
            case "request_words":
                let args = declaration.head.arguments
                if let kind = identifier(args, 0, after: keyword, what: "a kind of request words (ask, order, not_now, condition, about)") {
                    tree.requestWords.append((kind, strings(Array(args.dropFirst()), after: kind), declaration.file))
                }
                rejectClauses(declaration)
            case "filler":
                tree.fillers.append(contentsOf: strings(declaration.head.arguments, after: keyword))
                rejectClauses(declaration)
            case "same":
                tree.sameWords.append((strings(declaration.head.arguments, after: keyword), declaration.file))
                rejectClauses(declaration)
            case "trigger", "pseudo", "terminator", "clause_verb", "attribution":
                tree.triggers.append(parseTrigger(declaration))
                rejectClauses(declaration)
            default:
                unknownKeyword(keyword, among: Self.declarationKeywords, what: "declaration")
            }
        }
    }

    // MARK: Declarations

    private mutating func parseTreatment(_ d: RuleDeclaration) -> TreatmentSyntax? {
        let args = d.head.arguments
        guard let id = identifier(args, 0, after: d.head.keyword, what: "a treatment id") else { return nil }
        var t = TreatmentSyntax(id: id, name: string(args, 1, after: id, what: "the treatment's name") ?? id.text, file: d.file)
        extra(args, from: 2)
        for clause in d.clauses {
            switch clause.keyword.text {
            case "requests": t.requests += strings(clause.arguments, after: clause.keyword)
            case "claims": t.claims += strings(clause.arguments, after: clause.keyword)
            case "refines":
                let a = clause.arguments
                t.refines = identifier(a, 0, after: clause.keyword, what: "the id of the family this one refines")
                if a.count > 1 {
                    if a[1].isWord("when") { t.refinesWhen = strings(Array(a.dropFirst(2)), after: a[1]) }
                    else { error(a[1], .syntax, "unexpected '\(a[1].text)' after the refined family", hint: "write 'refines nsaid when \"injection\", \"IM\"'") }
                }
            case "cites": t.citation = citation(clause)
            case "applies_from": t.appliesFrom = date(clause)
            case "applies_to": t.appliesTo = date(clause)
            default: unknownKeyword(clause.keyword, among: Self.clauseKeywords["treatment"]!, what: "treatment clause")
            }
        }
        return t
    }

    private mutating func parseFact(_ d: RuleDeclaration) -> FactSyntax? {
        let args = d.head.arguments
        guard let name = identifier(args, 0, after: d.head.keyword, what: "a fact name") else { return nil }
        guard let type = identifier(args, 1, after: name, what: "a type (\(Self.factTypes.joined(separator: ", ")))") else {
            tree.brokenFacts.insert(name.text)
            return nil
        }
        if !Self.factTypes.contains(type.text) {
            unknownKeyword(type, among: Self.factTypes, what: "fact type")
            tree.brokenFacts.insert(name.text)
            return nil
        }
        var index = 2
        var unit: RuleToken?
        var values: [RuleToken] = []
        if type.text == "number", index < args.count, args[index].kind == .identifier {
            unit = args[index]
            index += 1
        }
        if type.text == "enum" {
            if index < args.count, args[index].kind == .lparen || args[index].kind == .lbracket {
                index += 1
                while index < args.count, args[index].kind != .rparen, args[index].kind != .rbracket {
                    if args[index].kind == .identifier { values.append(args[index]) }
                    else if args[index].kind != .comma { error(args[index], .syntax, "expected an enum value name, found '\(args[index].text)'") }
                    index += 1
                }
                index += 1
            } else {
                error(type, .syntax, "an enum fact lists its values", hint: "write 'enum (left, right, bilateral)'")
            }
        }
        let description = string(args, index, after: args[min(index, args.count) - 1], what: "a description in quotes") ?? name.text
        var f = FactSyntax(name: name, type: type, unit: unit, enumValues: values, description: description, file: d.file)
        // `hook NAME` may close the header line: fact age_years number years "Age" hook age_years
        if index + 2 < args.count, args[index + 1].isWord("hook"), args[index + 2].kind == .identifier {
            f.hook = args[index + 2]
            extra(args, from: index + 3)
        } else {
            extra(args, from: index + 1)
        }
        for clause in d.clauses {
            var a = clause.arguments
            // `… in exam, assessment`: the clause's phrases count only in those sections.
            if let at = a.firstIndex(where: { $0.isWord("in") }), ["phrases", "deny", "negative", "near", "anchor", "events", "value"].contains(clause.keyword.text) {
                let names = a[(at + 1)...].filter { $0.kind != .comma }
                for n in names where n.kind != .identifier { error(n, .syntax, "expected a section name after 'in', found '\(n.text)'", hint: "write 'in exam, assessment'") }
                if names.isEmpty { error(a[at], .syntax, "'in' needs the sections the phrases count in", hint: "write 'in exam, assessment'") }
                let phrases = a[..<at].filter { $0.kind == .string }
                f.sectionLimits.append((clause.keyword.text, Array(phrases), names.filter { $0.kind == .identifier }))
                a = Array(a[..<at])
            }
            switch clause.keyword.text {
            case "from":
                if let s = identifier(a, 0, after: clause.keyword, what: "'request' or 'narrative'") {
                    if s.text == "request" || s.text == "narrative" { f.source = s }
                    else { unknownKeyword(s, among: ["request", "narrative"], what: "fact source") }
                }
            case "hook": f.hook = identifier(a, 0, after: clause.keyword, what: "a hook name")
            case "phrases": f.phrases += strings(a, after: clause.keyword)
            case "deny": f.denials += strings(a, after: clause.keyword)
            case "negative": f.negatives += strings(a, after: clause.keyword)
            case "value":
                if let v = identifier(a, 0, after: clause.keyword, what: "an enum value") {
                    f.valuePhrases.append((v, strings(Array(a.dropFirst()), after: v)))
                }
            case "near": f.near += strings(a, after: clause.keyword)
            case "anchor": f.anchors += strings(a, after: clause.keyword)
            case "except": f.exceptions += strings(a, after: clause.keyword)
            case "within":
                if let n = a.first, n.kind == .number, let v = Int(n.text) { f.within = v }
                else { error(clause.keyword, .syntax, "'within' takes a number of words", hint: "write 'within 8'") }
            case "events": f.events += strings(a, after: clause.keyword)
            case "elapsed":
                f.elapsed = true
                extra(a, from: 0)
            case "assertions": f.assertions += a.filter { $0.kind == .identifier }
            case "combine":
                // combine any | last
                if let how = identifier(a, 0, after: clause.keyword, what: "'any' or 'last'") {
                    f.combine = how
                    extra(a, from: 1)
                }
            case "past":
                // past 12 months: events counted in the year before the document's date
                if a.count == 2, a[0].kind == .number, let v = Int(a[0].text), v > 0, v <= 120, a[1].isWord("months") {
                    f.pastMonths = clause.keyword
                    f.pastMonthsValue = v
                } else {
                    error(a.first ?? clause.keyword, .syntax, "'past' takes a number of months", hint: "write 'past 12 months'")
                }
            case "reach":
                // reach 1: the anchor also stands for the next sentence
                if let n = a.first, n.kind == .number, let v = Int(n.text), v >= 0, v <= 3 {
                    f.reach = v
                    // reach 1 among medication: only facts of the same group are rivals
                    if a.count >= 3, a[1].isWord("among"), a[2].kind == .identifier {
                        f.reachGroup = a[2].text
                        extra(a, from: 3)
                    } else {
                        extra(a, from: 1)
                    }
                } else {
                    error(a.first ?? clause.keyword, .syntax, "'reach' takes a number of sentences from 0 to 3", hint: "write 'reach 1'")
                }
            case "improves":
                // improves pain, motion [with medication]
                var names: [RuleToken] = []
                var medication: RuleToken?
                var i = 0
                while i < a.count {
                    if a[i].isWord("with") {
                        medication = identifier(a, i + 1, after: a[i], what: "'medication' after 'with'")
                        extra(a, from: i + 2)
                        break
                    }
                    if a[i].kind == .identifier { names.append(a[i]) }
                    else if a[i].kind != .comma { error(a[i], .syntax, "expected a measure name, found '\(a[i].text)'", hint: "write 'improves pain, motion'") }
                    i += 1
                }
                if names.isEmpty { error(clause.keyword, .syntax, "'improves' needs the measures it reads", hint: "write 'improves pain with medication'") }
                f.improves.append((clause.keyword, names, medication))
            case "measure":
                // measure pain with|without medication; measure pain relief
                guard let m = identifier(a, 0, after: clause.keyword, what: "a measure name") else { break }
                let side = identifier(a, 1, after: m, what: "'with medication', 'without medication' or 'relief'")
                if side?.text == "relief" {
                    f.measureValues.append((clause.keyword, m, side, nil))
                    extra(a, from: 2)
                    break
                }
                let medication = side.flatMap { identifier(a, 2, after: $0, what: "'medication' after '\($0.text)'") }
                extra(a, from: 3)
                f.measureValues.append((clause.keyword, m, side, medication))
            default: unknownKeyword(clause.keyword, among: Self.clauseKeywords["fact"]!, what: "fact clause")
            }
        }
        return f
    }

    private mutating func parseCriterion(_ d: RuleDeclaration) -> CriterionSyntax? {
        let args = d.head.arguments
        guard let id = identifier(args, 0, after: d.head.keyword, what: "a criterion id") else { return nil }
        var c = CriterionSyntax(id: id, text: string(args, 1, after: id, what: "the guideline's words in short") ?? "", file: d.file)
        extra(args, from: 2)
        var given: Set<String> = []
        for clause in d.clauses {
            // Every criterion clause holds one value: a second would silently replace the first.
            if !given.insert(clause.keyword.text).inserted, Self.clauseKeywords["criterion"]!.contains(clause.keyword.text) {
                error(clause.keyword, .repeatedClause, "'\(clause.keyword.text)' is given twice in criterion '\(id.text)'",
                      hint: "join the conditions in one clause with 'or' or 'and'")
                continue
            }
            switch clause.keyword.text {
            case "when": (c.when, c.whenLabel) = labelledExpression(clause)
            case "unless": (c.unless, c.unlessLabel) = labelledExpression(clause)
            case "role":
                let a = clause.arguments
                if let r = identifier(a, 0, after: clause.keyword, what: "'decisive' or 'supporting'") {
                    if r.text == "decisive" || r.text == "supporting" { c.role = r }
                    else { unknownKeyword(r, among: ["decisive", "supporting"], what: "criterion role") }
                }
                c.roleWhy = string(a, 1, after: a.first ?? clause.keyword, what: "why, in the guideline's words (\"…\", p.N)")
                extra(a, from: 2)
            case "require": c.require = expression(clause)
            case "cites": c.citation = citation(clause)
            case "reason": c.reason = identifier(clause.arguments, 0, after: clause.keyword, what: "a reason code")
            case "missing": c.missing = string(clause.arguments, 0, after: clause.keyword, what: "the advice shown when undocumented")
            case "applies_from": c.appliesFrom = date(clause)
            case "applies_to": c.appliesTo = date(clause)
            case "treatment": c.treatment = identifier(clause.arguments, 0, after: clause.keyword, what: "a treatment id")
            default: unknownKeyword(clause.keyword, among: Self.clauseKeywords["criterion"]!, what: "criterion clause")
            }
        }
        if !d.clauses.contains(where: { $0.keyword.text == "require" }) {
            error(id, .missingRequire, "criterion '\(id.text)' has no 'require' condition",
                  hint: "add an indented line 'require <condition on facts>'")
        }
        return c
    }

    private mutating func parseExample(_ d: RuleDeclaration) -> ExampleSyntax? {
        let args = d.head.arguments
        guard args.first?.kind == .string else {
            error(args.first ?? d.head.keyword, .syntax, "an example starts with its name in quotes",
                  hint: "write 'example \"repeat block without relief\" expect Upheld'")
            return nil
        }
        var e = ExampleSyntax(name: args[0], file: d.file)
        if args.count >= 3, args[1].isWord("expect") {
            e.expect = args[2]
            extra(args, from: 3)
        } else {
            error(args[0], .syntax, "example '\(args[0].text)' does not say what it expects",
                  hint: "add 'expect Upheld' or 'expect Overturned' after the name")
        }
        for clause in d.clauses {
            let a = clause.arguments
            switch clause.keyword.text {
            case "request": e.request = string(a, 0, after: clause.keyword, what: "the request text")
            case "text": e.text = (e.text.map { $0 + " " } ?? "") + strings(a, after: clause.keyword).map(\.text).joined(separator: " ")
            case "date": e.date = date(clause)
            case "todo": e.todo = string(a, 0, after: clause.keyword, what: "why this example is a known gap")
            case "treatment": e.treatment = identifier(a, 0, after: clause.keyword, what: "a treatment id")
            case "given", "status":
                for (lhs, rhs) in assignments(a, after: clause.keyword) {
                    if clause.keyword.text == "given" { e.given.append((lhs, rhs)) } else { e.statuses.append((lhs, rhs)) }
                }
            default: unknownKeyword(clause.keyword, among: Self.clauseKeywords["example"]!, what: "example clause")
            }
        }
        return e
    }

    private mutating func parseConcept(_ d: RuleDeclaration) -> ConceptSyntax? {
        let args = d.head.arguments
        guard let name = identifier(args, 0, after: d.head.keyword, what: "a concept name") else { return nil }
        var c = ConceptSyntax(name: name, description: string(args, 1, after: name, what: "what the concept means, in quotes") ?? name.text, file: d.file)
        extra(args, from: 2)
        for clause in d.clauses {
            switch clause.keyword.text {
            case "words": c.words += strings(clause.arguments, after: clause.keyword)
            default: unknownKeyword(clause.keyword, among: Self.clauseKeywords["concept"]!, what: "concept clause")
            }
        }
        if c.words.isEmpty, !d.clauses.contains(where: { $0.keyword.text == "words" }) {
            error(name, .missingPhrases, "concept '\(name.text)' lists no words",
                  hint: "add an indented line 'words \"…\", \"…\"'")
        }
        return c
    }

    private mutating func parseMeasure(_ d: RuleDeclaration) -> MeasureSyntax? {
        let args = d.head.arguments
        guard let name = identifier(args, 0, after: d.head.keyword, what: "a measure name") else { return nil }
        var m = MeasureSyntax(name: name, description: string(args, 1, after: name, what: "what the measure is, in quotes") ?? name.text, file: d.file)
        if args.count > 2, args[2].isWord("better") {
            m.better = identifier(args, 3, after: args[2], what: "'lower' or 'higher' (which values are better)")
            extra(args, from: 4)
        } else {
            error(args.count > 2 ? args[2] : name, .syntax, "a measure says which values are better",
                  hint: "write 'measure \(name.text) \"…\" better lower' (or 'better higher')")
        }
        for clause in d.clauses {
            let a = clause.arguments
            switch clause.keyword.text {
            case "words": m.words += strings(a, after: clause.keyword)
            case "units":
                for t in a where t.kind != .comma {
                    if t.kind == .identifier { m.units.append(t) }
                    else { error(t, .syntax, "expected a unit name, found '\(t.text)'", hint: "write 'units score, percent'") }
                }
                if a.isEmpty { error(clause.keyword, .syntax, "'units' needs at least one unit", hint: "write 'units degrees'") }
            case "scale":
                if let n = a.first, n.kind == .number, let v = Int(n.text), v > 0 { m.scale = n; extra(a, from: 1) }
                else { error(a.first ?? clause.keyword, .syntax, "'scale' takes the top of the scale", hint: "write 'scale 10' for scores such as 8/10") }
            case "meaningful":
                // meaningful 2 points or 30 percent
                var i = 0
                while i < a.count {
                    guard a[i].kind == .number, Double(a[i].text) != nil else {
                        error(a[i], .syntax, "expected an amount, found '\(a[i].text)'", hint: "write 'meaningful 2 points or 30 percent'")
                        break
                    }
                    var word: RuleToken?
                    if i + 1 < a.count, a[i + 1].kind == .identifier, !a[i + 1].isWord("or") { word = a[i + 1]; i += 1 }
                    m.meaningful.append((a[i - (word == nil ? 0 : 1)], word))
                    i += 1
                    if i < a.count {
                        guard a[i].isWord("or") else { extra(a, from: i); break }
                        i += 1
                        if i == a.count { error(a[i - 1], .syntax, "'or' needs another amount", hint: "write 'meaningful 2 points or 30 percent'") }
                    }
                }
                if a.isEmpty { error(clause.keyword, .syntax, "'meaningful' needs an amount", hint: "write 'meaningful 30 percent'") }
            default: unknownKeyword(clause.keyword, among: Self.clauseKeywords["measure"]!, what: "measure clause")
            }
        }
        if m.words.isEmpty, !d.clauses.contains(where: { $0.keyword.text == "words" }) {
            error(name, .missingPhrases, "measure '\(name.text)' lists no words",
                  hint: "add an indented line 'words \"…\", \"…\"' with the words that name it")
        }
        return m
    }

    private mutating func parseSection(_ d: RuleDeclaration) -> SectionSyntax? {
        var args = d.head.arguments
        guard let kind = identifier(args, 0, after: d.head.keyword, what: "a section kind (plan, exam, …)") else { return nil }
        var s = SectionSyntax(kind: kind, headings: [], file: d.file)
        args.removeFirst()
        if let at = args.firstIndex(where: { $0.isWord("assertion") }) {
            s.assertion = identifier(args, at + 1, after: args[at], what: "an assertion category (other_person, historical, …)")
            extra(args, from: at + 2)
            args = Array(args[..<at])
        }
        s.headings = strings(args, after: kind)
        return s
    }

    private mutating func parseTrigger(_ d: RuleDeclaration) -> TriggerSyntax {
        let keyword = d.head.keyword
        var args = d.head.arguments
        var t = TriggerSyntax(keyword: keyword, phrases: [], file: d.file)
        if keyword.text == "trigger" {
            t.category = identifier(args, 0, after: keyword, what: "an assertion category")
            t.direction = identifier(args, 1, after: args.first ?? keyword, what: "a direction (forward, backward, both, sentence)")
            args = Array(args.dropFirst(2))
        } else if keyword.text == "attribution" {
            t.category = identifier(args, 0, after: keyword, what: "who asserts (treater, reviewer, utilization_review, patient, records)")
            args = Array(args.dropFirst(1))
        }
        if let s = args.firstIndex(where: { $0.isWord("scope") }) {
            if s + 1 < args.count, args[s + 1].kind == .number, let v = Int(args[s + 1].text) { t.scope = v }
            else { error(args[s], .syntax, "'scope' takes a number of words", hint: "write 'scope 8'") }
            extra(args, from: s + 2)
            args = Array(args[..<s])
        }
        t.phrases = strings(args, after: keyword)
        return t
    }

    // MARK: Pieces

    /// A condition followed by an optional plain-words label: `when prior_esi_count >= 1 "a repeat injection"`.
    private mutating func labelledExpression(_ clause: RuleLine) -> (ExpressionSyntax?, String?) {
        var line = clause
        var label: String?
        if let last = line.arguments.last, last.kind == .string {
            label = last.text
            line.arguments.removeLast()
        }
        return (expression(line), label)
    }

    private mutating func expression(_ clause: RuleLine) -> ExpressionSyntax? {
        var p = ExpressionParser(tokens: clause.arguments, end: clause.keyword)
        let e = p.parse()
        for (token, message, hint) in p.errors { error(token, .syntax, message, hint: hint) }
        return p.errors.isEmpty ? e : nil
    }

    private mutating func citation(_ clause: RuleLine) -> CitationSyntax? {
        let a = clause.arguments
        guard let guideline = string(a, 0, after: clause.keyword, what: "the guideline's name in quotes") else { return nil }
        var c = CitationSyntax(guideline: guideline, section: nil, pages: [], token: a[0])
        var i = 1
        while i < a.count {
            let word = a[i]
            if word.isWord("section") || word.isWord("chapter") {
                if let s = string(a, i + 1, after: word, what: "the section's name in quotes") {
                    c.section = (c.section.map { $0 + ", " } ?? "") + (word.text == "chapter" ? "Chapter " : "") + s
                }
                i += 2
            } else if word.isWord("page") || word.isWord("pages") {
                i += 1
                var any = false
                while i < a.count, a[i].kind == .number || a[i].kind == .comma {
                    if a[i].kind == .number {
                        let parts = a[i].text.split(separator: "-").compactMap { Int($0) }
                        if parts.count == 2, parts[0] <= parts[1], parts[1] - parts[0] < 200 { c.pages += Array(parts[0]...parts[1]) }
                        else if parts.count == 1 { c.pages.append(parts[0]) }
                        else { error(a[i], .syntax, "'\(a[i].text)' is not a page or a page range") }
                        any = true
                    }
                    i += 1
                }
                if !any { error(word, .syntax, "'\(word.text)' takes page numbers", hint: "write 'page 46' or 'pages 98-99'") }
            } else {
                error(word, .syntax, "unexpected '\(word.text)' in a citation",
                      hint: "a citation is \"Guideline\" [section \"Name\"] [page N | pages N-M, K]")
                i += 1
            }
        }
        c.pages = Array(Set(c.pages)).sorted()
        return c
    }

    private mutating func date(_ clause: RuleLine) -> RuleToken? {
        guard let t = clause.arguments.first, t.kind == .date else {
            error(clause.arguments.first ?? clause.keyword, .syntax, "'\(clause.keyword.text)' takes a date",
                  hint: "write a date as YYYY-MM-DD, e.g. 2016-07-29")
            return nil
        }
        extra(clause.arguments, from: 1)
        return t
    }

    private mutating func assignments(_ a: [RuleToken], after keyword: RuleToken) -> [(RuleToken, RuleToken)] {
        var out: [(RuleToken, RuleToken)] = []
        var i = 0
        while i < a.count {
            if a[i].kind == .comma || a[i].kind == .semicolon { i += 1; continue }
            guard a[i].kind == .identifier, i + 2 < a.count,
                  a[i + 1].kind == .equals || (a[i + 1].kind == .comparison && a[i + 1].text == "==") else {
                error(a[i], .syntax, "expected 'name = value'", hint: "separate several with commas: 'a = true, b = 50'")
                while i < a.count, a[i].kind != .comma, a[i].kind != .semicolon { i += 1 }
                continue
            }
            out.append((a[i], a[i + 2]))
            i += 3
        }
        if a.isEmpty { error(keyword, .syntax, "'\(keyword.text)' needs at least one 'name = value'") }
        return out
    }

    private mutating func strings(_ a: [RuleToken], after keyword: RuleToken) -> [RuleToken] {
        var out: [RuleToken] = []
        for t in a {
            switch t.kind {
            case .string:
                if t.text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { error(t, .emptyPhrase, "an empty phrase matches nothing") }
                else { out.append(t) }
            case .comma: continue
            default:
                error(t, .syntax, "expected a phrase in double quotes, found '\(t.text)'",
                      hint: "write phrases as \"text\", separated by commas")
            }
        }
        if out.isEmpty, a.isEmpty { error(keyword, .syntax, "'\(keyword.text)' needs at least one phrase in double quotes") }
        return out
    }

    private mutating func identifier(_ a: [RuleToken], _ i: Int, after: RuleToken, what: String) -> RuleToken? {
        guard i < a.count, a[i].kind == .identifier else {
            let at = i < a.count ? a[i] : after
            error(at, .syntax, "expected \(what)" + (i < a.count ? ", found '\(a[i].text)'" : ""))
            return nil
        }
        return a[i]
    }

    private mutating func string(_ a: [RuleToken], _ i: Int, after: RuleToken, what: String) -> String? {
        guard i < a.count, a[i].kind == .string else {
            let at = i < a.count ? a[i] : after
            error(at, .syntax, "expected \(what)" + (i < a.count ? ", found '\(a[i].text)'" : ""))
            return nil
        }
        return a[i].text
    }

    private mutating func extra(_ a: [RuleToken], from i: Int) {
        if i < a.count { error(a[i], .syntax, "unexpected '\(a[i].text)' at the end of the line") }
    }

    private mutating func rejectClauses(_ d: RuleDeclaration) {
        for c in d.clauses { error(c.keyword, .syntax, "'\(d.head.keyword.text)' takes no indented clauses") }
    }

    private mutating func unknownKeyword(_ t: RuleToken, among known: [String], what: String) {
        let suggestion = Suggestions.closest(to: t.text, among: known)
        error(t, .unknownKeyword, "unknown \(what) '\(t.text)'",
              hint: suggestion.map { "did you mean '\($0)'?" } ?? "expected one of: \(known.joined(separator: ", "))")
    }

    mutating func error(_ t: RuleToken, _ code: DiagnosticCode, _ message: String, hint: String? = nil) {
        // One root cause, one message: a token the lexer rejected is not reported again.
        if t.kind == .invalid, code != .unterminatedString { return }
        // A file that is not rules at all (random bytes) would give one error per token: stop at 200.
        let inFile = errorsInFile
        errorsInFile += 1
        if inFile >= Self.maximumErrorsPerFile {
            if inFile == Self.maximumErrorsPerFile {
                diagnostics.append(Diagnostic(file: lexer.file, line: t.line, column: t.column, length: t.length,
                                              code: .tooManyErrors, message: "too many errors in this file; the rest are not reported",
                                              hint: "fix the errors above, or check that this is a rule file"))
            }
            return
        }
        diagnostics.append(Diagnostic(file: lexer.file, line: t.line, column: t.column, length: t.length,
                                      code: code, message: message, hint: hint, sourceLine: lexer.sourceLine(t.line)))
    }
}
