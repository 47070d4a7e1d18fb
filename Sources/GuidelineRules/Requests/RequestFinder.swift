import IMRParse

/// Finds requests written in a narrative: "Requesting: …", "Request for authorization: …",
/// "I am requesting …", "Plan: … request …". Each up to the end of its sentence or line.
public enum RequestFinder {
    static let cues: [[UInt8]] = ["request for authorization:", "request for authorization of", "requesting authorization for",
                                  "authorization is requested for", "i am requesting", "we are requesting", "requesting:",
                                  "requesting", "request:", "requests:", "requested:"].map { $0.scanNeedle }

    /// Each request found, as its text (white space folded) and its byte range in `text`, in text order.
    public static func find(in text: SourceText) -> [(String, Range<Int>)] {
        var out: [(String, Range<Int>)] = []
        let bytes = text.bytes
        var i = 0
        while i < bytes.count {
            var matched: Int?
            for cue in cues where TextScan.lower(bytes[i]) == cue[0] && (i == 0 || !TextScan.isAlnum(bytes[i - 1])) {
                if let end = TextScan.match(cue, in: bytes, at: i, end: bytes.count) { matched = end; break }
            }
            guard let start = matched else { i += 1; continue }
            // The request runs to the end of its sentence or paragraph (a blank line), across line breaks.
            var end = start
            while end < bytes.count, !(bytes[end] == 46 && (end + 1 >= bytes.count || TextScan.isSpace(bytes[end + 1]))) {
                if bytes[end] == 10, let next = bytes[(end + 1)...].firstIndex(where: { $0 != 32 && $0 != 13 && $0 != 9 }), bytes[next] == 10 { break }
                end += 1
            }
            // Several requests on one line: "Requesting: lumbar ESI L4-5; PT 2x6".
            var pieceStart = start
            for k in start...end where k == end || bytes[k] == 59 {
                let range = TextScan.trim(bytes, pieceStart..<k)
                var r = range
                // Drop a leading "an", "a", "the" and "authorization for".
                for lead in ["authorization for", "an", "a", "the"].map(\.scanNeedle) {
                    if let e = TextScan.match(lead, in: bytes, at: r.lowerBound, end: r.upperBound), e < r.upperBound, TextScan.isSpace(bytes[e]) {
                        r = TextScan.trim(bytes, e..<r.upperBound)
                    }
                }
                if r.count >= 3 { out.append((text.normalized(r), r)) }
                pieceStart = k + 1
            }
            i = end
        }
        return out
    }
}
