// Requests/ — request text: recognising the treatment family (`RequestRecognizer`), reading its
// quantities, levels, side and dates (`RequestValueReader`) into a `ParsedRequest`, and finding
// requests written in a note (`RequestFinder`). Not here: facts the request settles (Facts/).

import IMRParse

/// A request as understood: which treatment families it names and its quantities.
///
/// `nil` wherever the request does not say. "3x2" = 3 a week for 2 weeks = 6 visits; "x2",
/// "times two", "series of three (3)", "#90" set `quantity`.
public struct ParsedRequest: Sendable {
    public var text: String
    /// Every treatment family named before the request's purpose ("… for repeat ESI"), by the id
    /// outputs report (a family that `refines` another reports as that one); the first is `treatment`.
    public var components: [String] = []
    public var treatment: String? { components.first }
    /// The rule families selected, whose criteria decide the request: `components` before a
    /// refining family is reported as the family it refines ("H-wave unit": `h_wave_stimulation`,
    /// reported as `electrotherapy`). The first is `family`.
    public var families: [String] = []
    public var family: String? { families.first }
    public var bodyRegion: String?
    public var levels: [String] = []
    public var laterality: String?
    public var quantity: Int?
    public var frequencyPerWeek: Double?
    public var durationWeeks: Double?
    public var visits: Int?
    public var retrospective = false
    /// Date of service of a retrospective request.
    public var serviceDate: CalendarDay?
    /// Strength per unit in mg ("Norco 10/325" → 10), or a percentage for topicals.
    public var doseMg: Double?
    /// Strength as a percentage ("Lidoderm 5%", "diclofenac 1% gel").
    public var strengthPercent: Double?
    public var hasDosingFrequency = false
    /// Byte ranges (in `text`) of the phrases that selected each family, for evidence.
    package var componentRanges: [Range<Int>] = []

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
    /// A field the request does not state is copied as a member encoded once (most are null).
    package func writeJSON(to w: inout JSONWriter) {
        let null = NullMembers.shared
        func string(_ key: StaticString, _ s: String?, _ none: EncodedMember) {
            if let s { w.key(key); w.string(s) } else { w.member(none) }
        }
        func int(_ key: StaticString, _ i: Int?, _ none: EncodedMember) {
            if let i { w.key(key); w.int(i) } else { w.member(none) }
        }
        func number(_ key: StaticString, _ d: Double?, _ none: EncodedMember) {
            if let d { w.key(key); w.double(d) } else { w.member(none) }
        }
        w.beginObject()
        string("treatment", treatment, null.treatment)
        w.key("components"); w.beginArray(); for c in components { w.string(c) }; w.endArray()
        w.key("families"); w.beginArray(); for f in families { w.string(f) }; w.endArray()
        string("body_region", bodyRegion, null.bodyRegion)
        w.key("levels"); w.beginArray(); for l in levels { w.string(l) }; w.endArray()
        string("laterality", laterality, null.laterality)
        int("quantity", quantity, null.quantity)
        number("frequency_per_week", frequencyPerWeek, null.frequencyPerWeek)
        number("duration_weeks", durationWeeks, null.durationWeeks)
        int("visits", visits, null.visits)
        w.key("retrospective"); w.bool(retrospective)
        string("service_date", serviceDate.map(\.iso), null.serviceDate)
        number("dose_mg", doseMg, null.doseMg)
        number("strength_percent", strengthPercent, null.strengthPercent)
        w.endObject()
    }

    /// `"key":null` of each field that can be null, encoded once.
    private final class NullMembers: Sendable {
        static let shared = NullMembers()
        let treatment = EncodedMember("treatment", nil)
        let bodyRegion = EncodedMember("body_region", nil)
        let laterality = EncodedMember("laterality", nil)
        let quantity = EncodedMember("quantity", nil)
        let frequencyPerWeek = EncodedMember("frequency_per_week", nil)
        let durationWeeks = EncodedMember("duration_weeks", nil)
        let visits = EncodedMember("visits", nil)
        let serviceDate = EncodedMember("service_date", nil)
        let doseMg = EncodedMember("dose_mg", nil)
        let strengthPercent = EncodedMember("strength_percent", nil)
    }
}
