import IMRParse

extension Prediction {
    /// The `predict` / `audit` object of the design: request as understood, prediction, every
    /// criterion with status, citation and evidence spans, and the documentation advice.
    public func json(source: SourceText, book: RuleBook, extra: [(String, JSONValue)] = []) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("source", .string(source.path)),
            ("request", .string(request.text)),
            ("treatment", .optional(assessment == nil ? nil : request.treatment)),
            ("components", .array(request.components.map(JSONValue.string))),
            ("predicted", .optional(assessment?.decision.rawValue)),
            ("medically_necessary", assessment.map { .bool($0.decision == .overturned) } ?? .null),
        ]
        fields += extra
        fields.append(("parsed_request", request.json))
        if let a = assessment {
            fields.append(("decision_basis", .string(a.basis.rawValue)))
            fields.append(("criteria", .array(a.results.map { criterionJSON($0, source: source) })))
            fields.append(("missing_documentation", .array(a.missingDocumentation.map(JSONValue.string))))
            fields.append(("documentation_that_would_change_outcome", a.documentationThatWouldChangeOutcome.map { .array($0.map(JSONValue.string)) } ?? .null))
            fields.append(("edition", .string(a.edition)))
        } else {
            fields.append(("criteria", .array([])))
            fields.append(("missing_documentation", .array([])))
            fields.append(("message", .optional(message)))
        }
        return .object(fields)
    }

    func criterionJSON(_ r: CriterionResult, source: SourceText) -> JSONValue {
        // A criterion that does not apply keeps its note; its facts and evidence only repeat others'.
        let applies = r.status != .notApplicable
        return .object([
            ("id", .string(r.criterion.id)),
            ("treatment", .string(r.treatment)),
            ("text", .string(r.criterion.text)),
            ("status", .string(r.status.rawValue)),
            ("citation", .string(r.criterion.citation.text)),
            ("reason", .optional(r.criterion.reason)),
            ("missing", r.status == .undocumented ? .optional(r.criterion.missing) : .null),
            ("note", .optional(r.note)),
            ("facts", applies ? .object(r.facts.map { ($0.name, $0.value.json) }) : .object([])),
            ("evidence", applies ? .array(evidenceJSON(r.evidence, source: source)) : .array([])),
        ])
    }

    /// Evidence spans with scalar offsets; spans from the request text say so (`"in": "request"`).
    public func evidenceJSON(_ evidence: [FactEvidence], source: SourceText) -> [JSONValue] {
        struct Key: Hashable { var lo: Int, hi: Int, assertion: String }
        var seen = Set<Key>()
        var out: [JSONValue] = []
        for e in evidence {
            guard seen.insert(Key(lo: e.range.lowerBound, hi: e.range.upperBound, assertion: e.assertion)).inserted else { continue }
            if e.assertion == "given" { continue }
            if e.assertion == "request", requestRange == nil {
                let bytes = Array(request.text.utf8)
                let t = SourceText(path: "request", bytes: bytes)
                let span = t.span(e.range.clamped(to: 0..<bytes.count))
                out.append(.object([("text", .string(span.text)), ("start", .int(span.start)), ("end", .int(span.end)),
                                    ("in", .string("request")), ("assertion", .string("request"))]))
                continue
            }
            let span = source.span(e.range)
            out.append(.object([("text", .string(span.text)), ("start", .int(span.start)), ("end", .int(span.end)),
                                ("assertion", .string(e.assertion)), ("trigger", .optional(e.trigger)),
                                ("attribution", .optional(e.attribution))]))
        }
        return out
    }
}

extension FactSet {
    /// The `facts` array of the design: every known fact, and every unknown fact that has evidence
    /// (mentioned without being settled), each with its evidence spans.
    public func json(book: RuleBook, source: SourceText) -> JSONValue {
        var out: [JSONValue] = []
        for (slot, f) in book.facts.enumerated() {
            let value = values[slot]
            let ev = evidence[slot]
            guard value.isKnown || !ev.isEmpty else { continue }
            var spans: [JSONValue] = []
            for e in ev where e.assertion != "given" {
                let span = e.assertion == "request" ? TextSpan(text: "", start: 0, end: 0) : source.span(e.range)
                var o: [(String, JSONValue)] = [("text", .string(span.text)), ("start", .int(span.start)), ("end", .int(span.end)),
                                                ("assertion", .string(e.assertion)), ("trigger", .optional(e.trigger)),
                                                ("attribution", .optional(e.attribution))]
                if e.assertion == "request" { o = [("in", .string("request")), ("assertion", .string("request"))] }
                if !e.counted { o.append(("counted", .bool(false))) }
                spans.append(.object(o))
            }
            out.append(.object([("name", .string(f.name)), ("value", value.json), ("evidence", .array(spans))]))
        }
        return .array(out)
    }
}
