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

    /// The `parsed_request` object of the design.
    public var json: JSONValue {
        var w = JSONWriter()
        writeJSON(to: &w)
        return JSONValue(parsing: w.bytes)!
    }

    /// Writes the `parsed_request` object (the one definition of its shape; `json` reads it back).
    public func writeJSON(to w: inout JSONWriter) {
        func number(_ d: Double?) { if let d { w.double(d) } else { w.null() } }
        w.beginObject()
        w.key("treatment"); w.string(treatment)
        w.key("components"); w.beginArray(); for c in components { w.string(c) }; w.endArray()
        w.key("body_region"); w.string(bodyRegion)
        w.key("levels"); w.beginArray(); for l in levels { w.string(l) }; w.endArray()
        w.key("laterality"); w.string(laterality)
        w.key("quantity"); w.int(quantity)
        w.key("frequency_per_week"); number(frequencyPerWeek)
        w.key("duration_weeks"); number(durationWeeks)
        w.key("visits"); w.int(visits)
        w.key("retrospective"); w.bool(retrospective)
        w.key("service_date"); w.string(serviceDate.map { CivilDate.iso(days: $0) })
        w.key("dose_mg"); number(doseMg)
        w.key("strength_percent"); number(strengthPercent)
        w.endObject()
    }
}
