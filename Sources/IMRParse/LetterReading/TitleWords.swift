/// The words of an item title, compared across the places a letter names the same item: a list of
/// decisions and the detailed section, a header and the decision sentence after it.
///
/// "physical therapy 2 times a week for 6 weeks for the cervical spine" and "Physical therapy, 2x6,
/// cervical spine" share most of their words; framing words ("the request for", "and", "of") and
/// punctuation do not count.
enum TitleWords {
    private static let ignored = WordSet(["the", "a", "an", "of", "for", "and", "to", "in", "on", "at", "with", "per", "request", "requested",
                                          "is", "are", "x", "or", "by", "as", "times", "time"])

    /// The title's words, lower-cased, letters and digits only, framing words left out.
    static func words(_ bytes: [UInt8], _ range: Range<Int>) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var i = range.lowerBound
        let end = min(range.upperBound, bytes.count)
        while i < end {
            guard TextScan.isWordByte(bytes[i]) else { i += 1; continue }
            let s = i
            while i < end, TextScan.isWordByte(bytes[i]) { i += 1 }
            if ignored.contains(bytes, s..<i) { continue }
            out.append(bytes[s..<i].map(TextScan.lower))
        }
        return out
    }

    /// The share of the shorter title's words found in the other (0 when either has none).
    static func similarity(_ bytes: [UInt8], _ a: Range<Int>, _ b: Range<Int>) -> Double {
        similarity(words(bytes, a), words(bytes, b))
    }

    static func similarity(_ a: [[UInt8]], _ b: [[UInt8]]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let shared = short.filter { w in long.contains(w) }.count
        return Double(shared) / Double(short.count)
    }

    static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a.utf8), y = Array(b.utf8)
        return similarity(words(x, 0..<x.count), words(y, 0..<y.count))
    }
}
