import IMRParse

/// The impact of a rule edit on a corpus: every item predicted with two rule books, and the items
/// whose predicted outcome or criterion statuses differ (`imr-check rules impact OLD NEW CORPUS`).
///
/// A letter's items are its disputed requests, predicted as `audit` does; a note's items are the
/// requests found in it, predicted as `predict` does (the same request, found with either book, is
/// one item; a request only one book finds is an item of its own).
public struct RuleImpact: Sendable {
    /// One item whose prediction changed.
    public struct Change: Sendable {
        public var source: String
        /// "#2" for a letter's second item; the request's text for a note's.
        public var item: String
        public var request: String
        /// The rule family that decides it with each book (nil: no rule covers it, or not found).
        public var oldFamily: String?
        public var newFamily: String?
        public var oldDecision: Decision?
        public var newDecision: Decision?
        /// Criteria whose status differs (nil: the criterion is not assessed with that book).
        public var statusChanges: [(criterion: String, old: CriterionStatus?, new: CriterionStatus?)]
        /// The criteria that changed the outcome: of the changed criteria, those that decide with the
        /// new book (else with the old one), else every changed one.
        public var changedBy: [String]
        public var outcomeChanged: Bool { oldDecision != newDecision }
        /// The family the change is counted under.
        public var family: String { newFamily ?? oldFamily ?? "(no rule)" }
    }

    /// Per family: items seen, items whose outcome flipped, items whose criteria changed but not the outcome.
    public struct Tally: Sendable, Equatable {
        public var items = 0
        public var outcomeChanges = 0
        public var statusOnlyChanges = 0
    }

    public private(set) var documents = 0
    public private(set) var items = 0
    public private(set) var changes: [Change] = []
    public private(set) var byFamily: [String: Tally] = [:]

    public init() {}

    /// Predicts every item of one document with both analyzers and records what changed.
    public mutating func add(_ source: SourceText, old: Analyzer, new: Analyzer) {
        documents += 1
        let before = Self.predictions(of: source, analyzer: old)
        let after = Self.predictions(of: source, analyzer: new)
        var keys: [String] = []
        for (k, _) in before + after where !keys.contains(k) { keys.append(k) }
        let a = Dictionary(before, uniquingKeysWith: { first, _ in first })
        let b = Dictionary(after, uniquingKeysWith: { first, _ in first })
        for key in keys {
            items += 1
            let p = a[key], q = b[key]
            let family = q?.request.family ?? p?.request.family ?? "(no rule)"
            let change = Self.compare(p, q, source: source.path, item: key)
            byFamily[change?.family ?? family, default: Tally()].items += 1
            guard let change else { continue }
            if change.outcomeChanged { byFamily[change.family]!.outcomeChanges += 1 } else { byFamily[change.family]!.statusOnlyChanges += 1 }
            changes.append(change)
        }
    }

    /// The item's change, or nil when both books predict it alike.
    static func compare(_ p: Prediction?, _ q: Prediction?, source: String, item: String) -> Change? {
        func statuses(_ x: Prediction?) -> [(String, CriterionStatus)] { x?.assessment?.results.map { ($0.criterion.id, $0.status) } ?? [] }
        let old = statuses(p), new = statuses(q)
        let oldMap = Dictionary(old, uniquingKeysWith: { a, _ in a }), newMap = Dictionary(new, uniquingKeysWith: { a, _ in a })
        var changed: [(criterion: String, old: CriterionStatus?, new: CriterionStatus?)] = []
        var ids: [String] = []
        for (id, _) in old + new where !ids.contains(id) { ids.append(id) }
        for id in ids where oldMap[id] != newMap[id] { changed.append((id, oldMap[id], newMap[id])) }
        let oldDecision = p?.decision, newDecision = q?.decision
        let oldFamily = p?.assessment == nil ? nil : p?.request.family, newFamily = q?.assessment == nil ? nil : q?.request.family
        guard !changed.isEmpty || oldDecision != newDecision || oldFamily != newFamily || (p == nil) != (q == nil) else { return nil }
        let ids2 = Set(changed.map(\.criterion))
        var by = (q?.assessment?.decidedBy ?? []).filter(ids2.contains)
        if by.isEmpty { by = (p?.assessment?.decidedBy ?? []).filter(ids2.contains) }
        if by.isEmpty { by = changed.map(\.criterion) }
        return Change(source: source, item: item, request: (q ?? p)?.request.text ?? "", oldFamily: oldFamily, newFamily: newFamily,
                      oldDecision: oldDecision, newDecision: newDecision, statusChanges: changed, changedBy: by)
    }

    /// Every item of a document with its prediction, keyed: a letter's disputed items ("#1", "#2" …),
    /// else the requests a note makes (keyed by their text and where they stand).
    public static func predictions(of source: SourceText, analyzer: Analyzer) -> [(key: String, prediction: Prediction)] {
        let letter = LetterParser.parse(source)
        if letter.layout != .narrative, !letter.items.isEmpty {
            let predictions = analyzer.predictItems(of: letter, source: source, context: CaseContext(letter: letter))
            return predictions.enumerated().map { ("#\($0.offset + 1)", $0.element) }
        }
        let context = CaseContext(letter: letter, source: source)
        let regions = letter.factRegions(in: source)
        return analyzer.findRequests(in: source).map { found in
            var c = context
            c.requestRange = found.range
            let start = source.scalarOffset(found.range.lowerBound)
            return ("\"\(found.text)\" at \(start)", analyzer.predict(found.text, source: source, regions: regions, context: c))
        }
    }

    /// The report as JSON: totals, counts by family, and every change.
    public var json: JSONValue {
        func status(_ s: CriterionStatus?) -> JSONValue { s.map { .string($0.rawValue) } ?? .null }
        return .object([
            ("documents", .int(documents)), ("items", .int(items)), ("changed", .int(changes.count)),
            ("outcome_changes", .int(changes.filter(\.outcomeChanged).count)),
            ("by_family", .object(byFamily.keys.sorted().map { k in
                let t = byFamily[k]!
                return (k, .object([("items", .int(t.items)), ("outcome_changes", .int(t.outcomeChanges)),
                                    ("status_changes", .int(t.statusOnlyChanges))]))
            })),
            ("changes", .array(changes.map { c in
                .object([("source", .string(c.source)), ("item", .string(c.item)), ("request", .string(c.request)),
                         ("family", .string(c.family)), ("old_family", .optional(c.oldFamily)), ("new_family", .optional(c.newFamily)),
                         ("old", .optional(c.oldDecision?.rawValue)), ("new", .optional(c.newDecision?.rawValue)),
                         ("outcome_changed", .bool(c.outcomeChanged)), ("changed_by", .array(c.changedBy.map(JSONValue.string))),
                         ("criteria", .array(c.statusChanges.map { s in
                             .object([("id", .string(s.criterion)), ("old", status(s.old)), ("new", status(s.new))])
                         }))])
            })),
        ])
    }
}
