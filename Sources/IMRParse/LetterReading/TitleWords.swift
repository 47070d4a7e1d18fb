/// The words of an item title, compared across the places a letter names the same item: a list of
/// decisions and the detailed section, a header and the decision sentence after it.
///
/// "physical therapy 2 times a week for 6 weeks for the cervical spine" and "Physical therapy, 2x6,
/// cervical spine" share most of their words; framing words ("the request for", "and", "of") and
/// punctuation do not count.
enum TitleWords {
    private static let ignored = WordSet(["the", "a", "an", "of", "for", "and", "to", "in", "on", "at", "with", "per", "request", "requested",
                                          "is", "are", "x", "or", "by", "as", "times", "time"])

    /// A title's words, lower-cased, one after another in one buffer: two arrays for the title
    /// instead of one per word (titles are compared by the thousand).
    struct Words {
        private var letters: [UInt8] = []
        /// Where each word ends in `letters` (it starts where the one before ends).
        private var ends: [Int] = []

        init(capacity: Int) { letters.reserveCapacity(capacity) }

        var count: Int { ends.count }
        var isEmpty: Bool { ends.isEmpty }

        func word(_ k: Int) -> ArraySlice<UInt8> { letters[(k == 0 ? 0 : ends[k - 1])..<ends[k]] }

        func contains(_ w: ArraySlice<UInt8>) -> Bool { (0..<count).contains { word($0) == w } }

        mutating func append(lowerCasing bytes: ArraySlice<UInt8>) {
            for b in bytes { letters.append(TextScan.lower(b)) }
            ends.append(letters.count)
        }
    }

    /// The title's words, lower-cased, letters and digits only, framing words left out.
    static func words(_ bytes: [UInt8], _ range: Range<Int>) -> Words {
        let end = min(range.upperBound, bytes.count)
        var out = Words(capacity: max(0, end - range.lowerBound))
        var i = range.lowerBound
        while i < end {
            guard TextScan.isWordByte(bytes[i]) else { i += 1; continue }
            let s = i
            while i < end, TextScan.isWordByte(bytes[i]) { i += 1 }
            if ignored.contains(bytes, s..<i) { continue }
            out.append(lowerCasing: bytes[s..<i])
        }
        return out
    }

    /// The share of the shorter title's words found in the other (0 when either has none).
    static func similarity(_ bytes: [UInt8], _ a: Range<Int>, _ b: Range<Int>) -> Double {
        similarity(words(bytes, a), words(bytes, b))
    }

    static func similarity(_ a: Words, _ b: Words) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let shared = (0..<short.count).filter { long.contains(short.word($0)) }.count
        return Double(shared) / Double(short.count)
    }

    static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a.utf8), y = Array(b.utf8)
        return similarity(words(x, 0..<x.count), words(y, 0..<y.count))
    }
}
