import IMRParse

/// A request as understood: which treatment families it names and its quantities.
///
/// `nil` wherever the request does not say. "3x2" = 3 a week for 2 weeks = 6 visits; "x2",
/// "times two", "series of three (3)", "#90" set `quantity`.
public struct ParsedRequest: Sendable {
    public var text: String
    /// Every treatment family named before the request's purpose ("… for repeat ESI"); the first is `treatment`.
    public var components: [String] = []
    public var treatment: String? { components.first }
    public var bodyRegion: String?
    public var levels: [String] = []
    public var laterality: String?
    public var quantity: Int?
    public var frequencyPerWeek: Double?
    public var durationWeeks: Double?
    public var visits: Int?
    public var retrospective = false
    /// Date of service (day number) of a retrospective request.
    public var serviceDate: Int?
    /// Strength per unit in mg ("Norco 10/325" → 10), or a percentage for topicals.
    public var doseMg: Double?
    /// Strength as a percentage ("Lidoderm 5%", "diclofenac 1% gel").
    public var strengthPercent: Double?
    public var hasDosingFrequency = false
    /// Byte ranges (in `text`) of the phrases that selected each component, for evidence.
    public var componentRanges: [Range<Int>] = []

    /// The text's UTF-8 bytes and tokens, made once by `Analyzer.parseRequest` for every reader
    /// of the request (empty for a request built otherwise: readers then tokenize it themselves).
    var bytes: [UInt8] = []
    var tokens: [Token] = []

    public init(text: String) { self.text = text }

    public var json: JSONValue {
        .object([
            ("treatment", .optional(treatment)),
            ("components", .array(components.map(JSONValue.string))),
            ("body_region", .optional(bodyRegion)),
            ("levels", .array(levels.map(JSONValue.string))),
            ("laterality", .optional(laterality)),
            ("quantity", .optional(quantity)),
            ("frequency_per_week", frequencyPerWeek.map { .double($0) } ?? .null),
            ("duration_weeks", durationWeeks.map { .double($0) } ?? .null),
            ("visits", .optional(visits)),
            ("retrospective", .bool(retrospective)),
            ("service_date", serviceDate.map { .string(CivilDate.iso(days: $0)) } ?? .null),
            ("dose_mg", doseMg.map { .double($0) } ?? .null),
            ("strength_percent", strengthPercent.map { .double($0) } ?? .null),
        ])
    }
}
