import IMRParse

/// Running totals over the requests `predict` judged in a run over notes: how many, the predicted
/// outcomes, and the documentation most often missing (what an office should add first).
public struct PredictionSummary: Sendable {
    /// Inputs read (notes or letters).
    public var documents = 0
    public var failedInputs = 0
    public var requests = 0
    /// Predicted outcome → requests ("none" where no rule covers the request).
    public var outcomes: [String: Int] = [:]
    public var uncertain = 0
    /// Documentation advice → requests that lack it.
    public var missing: [String: Int] = [:]
    public var rules: RuleBook.Origin?

    public init() {}

    /// Counts one prediction.
    public mutating func add(_ p: Prediction) {
        requests += 1
        outcomes[p.decision?.rawValue ?? "none", default: 0] += 1
        if p.assessment?.isUncertain == true { uncertain += 1 }
        for m in Set(p.assessment?.missingDocumentation ?? []) { missing[m, default: 0] += 1 }
    }

    /// The documentation most often missing, most frequent first (ties in text order), at most `limit`.
    public func mostCommonMissing(limit: Int = 5) -> [(advice: String, requests: Int)] {
        missing.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map { ($0.key, $0.value) }
    }

    /// The summary as `predict --summary FILE` writes it.
    public var json: JSONValue {
        .object([
            ("summary", .bool(true)),
            ("rules", rules?.json ?? .null),
            ("documents", .int(documents)), ("failed_inputs", .int(failedInputs)), ("requests", .int(requests)),
            ("predicted", .object(["Upheld", "Overturned", "none"].map { ($0, .int(outcomes[$0] ?? 0)) })),
            ("uncertain", .int(uncertain)),
            ("most_common_missing_documentation", .array(mostCommonMissing(limit: 10).map {
                .object([("documentation", .string($0.advice)), ("requests", .int($0.requests))])
            })),
        ])
    }
}

extension PredictionSummary {
    /// Adds another run's (a worker's, a shard's) counts to these.
    public mutating func merge(_ other: PredictionSummary) {
        documents += other.documents
        failedInputs += other.failedInputs
        requests += other.requests
        uncertain += other.uncertain
        for (k, v) in other.outcomes { outcomes[k, default: 0] += v }
        for (k, v) in other.missing { missing[k, default: 0] += v }
        if rules == nil { rules = other.rules }
    }
}
