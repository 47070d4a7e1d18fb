import IMRParse

/// Reviewer specialties as one name each: letters spell the same board several ways
/// ("Physical Medicine & Rehab", "Physical Medicine & Rehabilitation", "Physical Medicine and
/// Rehabilitation"), and a breakdown by specialty must count them together.
public enum ReviewerSpecialty {
    /// The specialty's one name: "&" written "and", abbreviations spelled out, British and American
    /// spellings of a board made one, spaces and trailing punctuation tidied; the case of the words
    /// is kept (letters write them title-cased).
    public static func normalized(_ raw: String) -> String {
        var words: [String] = []
        for word in raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            var w = String(word)
            var tail = ""
            while let last = w.last, last == "," || last == ";" || last == "." { tail = String(last) + tail; w.removeLast() }
            let key = w.lowercased()
            if key == "&" { w = "and" } else if let full = spelledOut[key] { w = full }
            words.append(w + tail)
        }
        var s = words.joined(separator: " ")
        while let last = s.last, last == "." || last == "," || last == ";" { s.removeLast() }
        for (variant, name) in sameBoard where s.lowercased() == variant { return name }
        return s
    }

    /// Abbreviations and spellings of one word.
    private static let spelledOut: [String: String] = [
        "rehab": "Rehabilitation", "rehab.": "Rehabilitation", "med": "Medicine", "med.": "Medicine",
        "orthopedic": "Orthopaedic", "orthopedics": "Orthopaedics", "pm&r": "Physical Medicine and Rehabilitation",
    ]

    /// Whole names that are another name of one board.
    private static let sameBoard: [(String, String)] = [
        ("family practice", "Family Medicine"),
        ("orthopaedics", "Orthopaedic Surgery"),
    ]
}

/// The words of a criterion's `reason` code, for people (reports, text): a reviewer's wording of the
/// cross-cutting denial reasons (`../shared/guidelines/mtus-criteria.md` §1.6).
public enum ReasonWords {
    public static func words(for code: String) -> String {
        if let w = table[code] { return w }
        return code.replacingOccurrences(of: "_", with: " ")
    }

    /// Every reason code the rule checker knows has words here (a test checks it).
    package static let table: [String: String] = [
        "no_functional_improvement": "no objective functional improvement from the prior course",
        "insufficient_prior_response": "the prior injection's relief was too small or too short, or not quantified",
        "request_incomplete": "the request lacks a dose, frequency, quantity, body part or modality",
        "quantity_exceeds_guideline": "more visits, levels, injections or days than the guideline allows",
        "not_recommended": "the guideline does not recommend it",
        "no_objective_findings": "no objective findings on examination or imaging",
        "first_line_not_tried": "no failed trial of first-line or conservative treatment",
        "no_rationale": "no clinical reason given for the test or service",
        "duration_exceeded": "used beyond the short term the guideline allows",
        "component_not_recommended": "a part of the combination or compound is not recommended",
        "no_indication": "the condition it is indicated for is not shown",
        "monitoring_not_documented": "the monitoring the guideline asks for is not documented",
        "unspecified": "no reason given in the rule",
    ]
}

extension RuleBook.Origin {
    /// The origin named by an output (JSON Lines read back by `audit --summary-from`).
    public init(folder: String, fingerprint: String) {
        self.folder = folder
        self.fingerprint = fingerprint
    }

    /// `{"folder": …, "fingerprint": …}`, the `rules` field of every JSON output.
    public var json: JSONValue { .object([("folder", .string(folder)), ("fingerprint", .string(fingerprint))]) }

    /// Writes `json` as the value of a member.
    package func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.key("folder"); w.string(folder)
        w.key("fingerprint"); w.string(fingerprint)
        w.endObject()
    }
}
