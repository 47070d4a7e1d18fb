import IMRParse

/// A fact computed in Swift rather than found by phrases, declared once: its name, type, unit or
/// values, what it means, whether it reads the request, and how it is computed.
///
/// A rule file names a hook with `hook NAME` in a fact declaration; the checker requires the
/// declared type to be the hook's. Every hook is listed in `FactHooks.all`, and the table of
/// `Rules/README.md` is generated from that list (see `FactHooks.markdownTable`).
package struct FactHook: Sendable {
    /// What a hook reads: the parsed request (nil for a narrative without one) and the case.
    package typealias Computation = @Sendable (_ request: ParsedRequest?, _ context: CaseContext) -> FactValue

    package let name: String
    package let kind: FactKind
    package let unit: String?
    package let enumValues: [String]
    /// What the value is, for the rule files' documentation.
    package let summary: String
    /// Whether the value is read from the request (its evidence is then the request text).
    package let readsRequest: Bool
    /// For a number the requester chooses, what it counts ("visits", "levels"): advice for an unmet
    /// limit says "a request for 2 visits would meet it".
    package let counts: String?
    let compute: Computation

    init(_ name: String, _ kind: FactKind, unit: String? = nil, values: [String] = [], readsRequest: Bool, counts: String? = nil,
         _ summary: String, compute: @escaping Computation) {
        self.counts = counts
        self.name = name
        self.kind = kind
        self.unit = unit
        self.enumValues = values
        self.summary = summary
        self.readsRequest = readsRequest
        self.compute = compute
    }

    /// The hook's value for a request in a case.
    package func value(request: ParsedRequest?, context: CaseContext) -> FactValue { compute(request, context) }
}
