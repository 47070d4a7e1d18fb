import IMRParse

extension Prediction {
    /// Writes the `predict` / `audit` object of the design: request as understood, prediction,
    /// every criterion with status, citation and evidence spans, and the documentation advice.
    /// `extra` writes the caller's own fields (the audit's item number, recorded decision…) after
    /// `medically_necessary`.
    package func writeJSON(to w: inout JSONWriter, source: SourceText, extra: (inout JSONWriter) -> Void = { _ in }) {
        w.beginObject()
        w.key("source"); w.string(source.path)
        w.key("request"); w.string(request.text)
        w.key("treatment"); w.string(assessment == nil ? nil : request.treatment)
        // The rule family whose criteria decided it: `treatment` unless a more specific family refines it.
        w.key("family"); w.string(assessment == nil ? nil : request.family)
        w.key("components"); strings(request.components, to: &w)
        w.key("predicted"); w.string(assessment?.decision.rawValue)
        w.key("medically_necessary"); w.bool(assessment.map { $0.decision == .overturned })
        w.key("confidence")
        // Two decimals: more would claim a precision the calibration does not have.
        if let a = assessment { w.double((a.confidence * 100).rounded() / 100) } else { w.null() }
        w.key("decided_by"); strings(assessment?.decidedBy ?? [], to: &w)
        w.key("uncertain"); w.bool(assessment?.isUncertain)
        extra(&w)
        w.key("parsed_request"); request.writeJSON(to: &w)
        if let a = assessment {
            w.key("decision_basis"); w.string(a.basis.rawValue)
            w.key("criteria")
            w.beginArray()
            var repeats = EvidenceRepeats()
            for r in a.results { writeCriterion(r, source: source, repeats: &repeats, to: &w) }
            w.endArray()
            w.key("missing_documentation"); strings(a.missingDocumentation, to: &w)
            w.key("documentation_that_would_change_outcome")
            if let d = a.documentationThatWouldChangeOutcome { strings(d, to: &w) } else { w.null() }
            // `edition`'s words, piece by piece (joining them cost more than the rest of the object's end).
            w.key("edition"); w.string { b in a.editionPieces { b.append($0) } }
        } else {
            w.key("criteria"); w.beginArray(); w.endArray()
            w.key("missing_documentation"); w.beginArray(); w.endArray()
            w.key("message"); w.string(message)
        }
        w.endObject()
    }

    /// The same object as a tree (for tests and tools), read back from the written bytes so the
    /// shape is written down once.
    public func json(source: SourceText, book: RuleBook, extra: [(String, JSONValue)] = []) -> JSONValue {
        var w = JSONWriter()
        writeJSON(to: &w, source: source) { w in
            for (k, v) in extra {
                w.key(string: k)
                w.value(v)
            }
        }
        return JSONValue(parsing: w.bytes)!
    }

    private func strings(_ items: [String], to w: inout JSONWriter) {
        w.beginArray()
        for s in items { w.string(s) }
        w.endArray()
    }

    private func writeCriterion(_ r: CriterionResult, source: SourceText, repeats: inout EvidenceRepeats, to w: inout JSONWriter) {
        // A criterion that does not apply keeps its note; its facts and evidence only repeat others'.
        // The criterion's own strings were escaped when the rule book was built.
        let c = r.criterion
        let applies = r.status != .notApplicable
        if w.isCompact, let owner = c.owner, owner.id == r.treatment, c.compactHeads.count == CriterionStatus.allCases.count {
            // The members from `id` to `missing` depend only on the criterion and the status: one copy.
            w.beginObject(compactMembers: c.compactHeads[r.status.headIndex])
        } else {
            w.beginObject()
            writeHead(c, status: r.status, owner: c.owner.flatMap { $0.id == r.treatment ? $0.member : nil }, treatment: r.treatment, to: &w)
        }
        w.member(r.whyNotApplicable.map { c.noteMembers[$0.rawValue] } ?? noNote)
        // A result that does not apply and gives no advice (nearly half of all results) ends the
        // same way every time: one copied block.
        if !applies, r.advice == nil, w.isCompact {
            w.endObject(compactTail: #","advice":null,"facts":{},"evidence":[]}"#)
            return
        }
        if let advice = r.advice { w.key("advice"); w.string(advice) } else { w.member(noAdvice) }
        // `facts` and `evidence` read the assessed facts in place (`CriterionResult.facts` and
        // `evidence` would make an array of each for every result).
        let assessed = applies ? r.assessed : nil
        let slots = assessed == nil ? [] : r.recorded.slots(of: c)
        w.key("facts")
        w.beginObject()
        if let assessed {
            // An applicable result reads the criterion's `allFacts`, whose keys are encoded: found by
            // slot, not by name (comparing the names retained two shared strings per fact).
            for (i, slot) in slots.enumerated() {
                if i < c.allFactKeys.count, i < c.allFacts.count, c.allFacts[i] == slot {
                    w.key(encoded: c.allFactKeys[i].bytes)
                } else {
                    w.key(string: assessed.book.facts[slot].name)
                }
                assessed.facts[slot].write(to: &w)
            }
        }
        w.endObject()
        w.key("evidence")
        w.beginArray()
        if let assessed { writeEvidence(of: slots, in: assessed.facts, source: source, repeats: &repeats, to: &w) }
        w.endArray()
        w.endObject()
    }

    /// The counted evidence of `slots`, fact by fact, as spans with scalar offsets, each span and
    /// assertion once; spans from the request text say so (`"in": "request"`).
    private func writeEvidence(of slots: [Int], in facts: FactSet, source: SourceText, repeats: inout EvidenceRepeats, to w: inout JSONWriter) {
        repeats.reset(expecting: slots.reduce(0) { $0 + facts.evidence.count(of: $1) })
        for slot in slots {
            facts.evidence.forEach(of: slot) { e in
                guard e.counted, e.how != .given, !repeats.seenBefore(e.range, e.how) else { return }
                w.beginObject()
                if e.how == .request, requestRange == nil {
                    let bytes = Array(request.text.utf8)
                    let range = e.range.clamped(to: 0..<bytes.count)
                    let t = SourceText(path: "request", bytes: bytes)
                    w.key("text"); w.string(decoding: bytes[range])
                    w.key("start"); w.int(t.scalarOffset(range.lowerBound))
                    w.key("end"); w.int(t.scalarOffset(range.upperBound))
                    w.key("in"); w.string("request")
                    w.key("assertion"); w.string("request")
                } else {
                    writeSpan(e.range, of: source, to: &w)
                    w.member(e.how.member)
                    writeTrigger(e.triggerRange, of: source, to: &w)
                    w.member(attributionMember(e.attributedTo))
                }
                w.endObject()
            }
        }
    }
}

/// `text`, `start` and `end` of a span of the source, as `SourceText.span` gives them, without
/// making a String of the text.
private func writeSpan(_ range: Range<Int>, of source: SourceText, to w: inout JSONWriter) {
    let lo = max(0, min(range.lowerBound, source.bytes.count))
    let hi = max(lo, min(range.upperBound, source.bytes.count))
    w.key("text"); w.string(decoding: source.bytes[lo..<hi])
    w.key("start"); w.int(source.scalarOffset(range.lowerBound))
    w.key("end"); w.int(source.scalarOffset(range.upperBound))
}

/// `"trigger"`: the words `FactEvidence.trigger(in:)` gives, copied from the source when they need
/// no folding (single spaces between words, as nearly every trigger is) rather than made into a String.
private func writeTrigger(_ range: Range<Int>?, of source: SourceText, to w: inout JSONWriter) {
    // Most spans have no trigger: one encoded member.
    guard let range else { w.member(noTrigger); return }
    w.key("trigger")
    let bytes = source.bytes
    var folded = true
    var previous: UInt8 = 32
    for i in range {
        let b = bytes[i]
        if TextScan.isSpace(b), b != 32 || previous == 32 { folded = false; break }
        previous = b
    }
    if folded, previous != 32 || range.isEmpty {
        w.string(decoding: bytes[range])
    } else {
        w.string(source.normalized(range))
    }
}

/// Which evidence entries of a result repeat an earlier one (same span, same assertion): a look
/// back over the usual handful, a hash set for long lists. One per prediction, reset per result,
/// so its storage is reused.
private struct EvidenceRepeats {
    private struct Key: Hashable { var lo: Int, hi: Int, how: EvidenceAssertion }
    private var earlier: [Key]
    private var seen: Set<Key>?

    init() {
        earlier = []
        earlier.reserveCapacity(16)
    }

    /// Before a result's evidence: `count` entries at most will be asked about.
    mutating func reset(expecting count: Int) {
        earlier.removeAll(keepingCapacity: true)
        seen = count > 16 ? [] : nil
    }

    /// Whether an entry with this span and assertion was asked about since the reset (it is now).
    mutating func seenBefore(_ range: Range<Int>, _ how: EvidenceAssertion) -> Bool {
        let key = Key(lo: range.lowerBound, hi: range.upperBound, how: how)
        if seen != nil { return !seen!.insert(key).inserted }
        if earlier.contains(key) { return true }
        earlier.append(key)
        return false
    }
}

/// A result's members from `id` to `missing`, in order: the criterion's, its treatment (`owner` when
/// the result is for the criterion's own treatment, else `treatment` written out), and the status's.
private func writeHead(_ c: Criterion, status: CriterionStatus, owner: EncodedMember?, treatment: String, to w: inout JSONWriter) {
    w.member(c.idMember)
    if let owner { w.member(owner) } else { w.key("treatment"); w.string(treatment) }
    w.member(c.textMember)
    w.member(status.member)
    w.member(c.roleMember)
    w.member(c.citationMember)
    w.member(c.reasonMember)
    w.member(status == .undocumented ? c.missingMember : noMissing)
}

extension Criterion {
    /// `writeHead` for a result of the criterion's own treatment with this status, compact, after
    /// the object's opening brace: copied whole for each such result (`writeCriterion`).
    func compactHead(_ status: CriterionStatus) -> EncodedBytes {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        writeHead(self, status: status, owner: owner?.member, treatment: owner?.id ?? "", to: &w)
        return EncodedBytes(w.bytes)
    }
}

extension FactValue {
    /// Writes `json` without building it.
    func write(to w: inout JSONWriter) {
        switch self {
        case .unknown: w.null()
        case .bool(let b): w.bool(b)
        case .number(let d): w.double(d)
        case .text(let s): w.string(s)
        case .date(let d): w.string(d.iso)
        }
    }
}

extension CriterionStatus {
    /// The status's place in `allCases` (`Criterion.compactHeads`).
    var headIndex: Int {
        switch self {
        case .met: 0
        case .unmet: 1
        case .undocumented: 2
        case .notApplicable: 3
        }
    }

    /// `"status":…`, encoded once.
    var member: EncodedMember {
        switch self {
        case .met: Self.metMember
        case .unmet: Self.unmetMember
        case .undocumented: Self.undocumentedMember
        case .notApplicable: Self.notApplicableMember
        }
    }
    private static let metMember = EncodedMember("status", met.rawValue)
    private static let unmetMember = EncodedMember("status", unmet.rawValue)
    private static let undocumentedMember = EncodedMember("status", undocumented.rawValue)
    private static let notApplicableMember = EncodedMember("status", notApplicable.rawValue)
}

extension EvidenceAssertion {
    /// `"assertion":…` (`FactEvidence.assertion`), encoded once.
    var member: EncodedMember {
        switch self {
        case .mention(let a):
            switch a {
            case .affirmed: assertionMembers.affirmed
            case .negated: assertionMembers.negated
            case .possible: assertionMembers.possible
            case .historical: assertionMembers.historical
            case .hypothetical: assertionMembers.hypothetical
            case .otherPerson: assertionMembers.otherPerson
            case .guideline: assertionMembers.guideline
            }
        case .request: assertionMembers.request
        case .given: assertionMembers.given
        }
    }
}

/// The `assertion` members of evidence, one per name, fetched once together.
private struct AssertionMembers: Sendable {
    let affirmed = EncodedMember("assertion", Assertion.affirmed.rawValue)
    let negated = EncodedMember("assertion", Assertion.negated.rawValue)
    let possible = EncodedMember("assertion", Assertion.possible.rawValue)
    let historical = EncodedMember("assertion", Assertion.historical.rawValue)
    let hypothetical = EncodedMember("assertion", Assertion.hypothetical.rawValue)
    let otherPerson = EncodedMember("assertion", Assertion.otherPerson.rawValue)
    let guideline = EncodedMember("assertion", Assertion.guideline.rawValue)
    let request = EncodedMember("assertion", EvidenceAssertion.request.name)
    let given = EncodedMember("assertion", EvidenceAssertion.given.name)
}
private let assertionMembers = AssertionMembers()

/// `"attribution":…` (`FactEvidence.attribution`), encoded once per attribution.
private func attributionMember(_ a: Attribution?) -> EncodedMember {
    guard let a else { return noAttribution }
    switch a {
    case .treater: return attributionMembers[0]
    case .reviewer: return attributionMembers[1]
    case .utilizationReview: return attributionMembers[2]
    case .patient: return attributionMembers[3]
    case .records: return attributionMembers[4]
    }
}
private let attributionMembers: [EncodedMember] = [Attribution.treater, .reviewer, .utilizationReview, .patient, .records]
    .map { EncodedMember("attribution", $0.rawValue) }
private let noAttribution = EncodedMember("attribution", nil)

/// The `missing` and `note` of a result that has none.
private let noMissing = EncodedMember("missing", nil)
private let noNote = EncodedMember("note", nil)
private let noAdvice = EncodedMember("advice", nil)
private let noTrigger = EncodedMember("trigger", nil)

extension FactSet {
    /// The `facts` array of the design: every known fact, and every unknown fact that has evidence
    /// (mentioned without being settled), each with its evidence spans.
    public func json(book: RuleBook, source: SourceText) -> JSONValue {
        var out: [JSONValue] = []
        for (slot, f) in book.facts.enumerated() {
            let value = self[slot]
            let ev = evidence[slot]
            guard value.isKnown || !ev.isEmpty else { continue }
            var spans: [JSONValue] = []
            for e in ev where e.how != .given {
                let span = e.how == .request ? TextSpan(text: "", start: 0, end: 0) : source.span(e.range)
                var o: [(String, JSONValue)] = [("text", .string(span.text)), ("start", .int(span.start)), ("end", .int(span.end)),
                                                ("assertion", .string(e.assertion)), ("trigger", .optional(e.trigger(in: source))),
                                                ("attribution", .optional(e.attribution))]
                if e.how == .request { o = [("in", .string("request")), ("assertion", .string("request"))] }
                if !e.counted { o.append(("counted", .bool(false))) }
                spans.append(.object(o))
            }
            out.append(.object([("name", .string(f.name)), ("value", value.json), ("evidence", .array(spans))]))
        }
        return .array(out)
    }
}
