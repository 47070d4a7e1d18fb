/// A small set of lower-case ASCII words, looked up straight from the text's bytes with ASCII case
/// ignored: no `String` is built and nothing is hashed (linking words, hedges, abbreviations are
/// looked up for many words of a letter).
///
/// A word with any byte outside ASCII is never in the set, as it never equals an ASCII word.
struct WordSet: Sendable {
    /// The words by length: `words[n]` holds the words of `n` bytes.
    private let words: [[[UInt8]]]

    init(_ list: [String]) {
        var words = [[[UInt8]]](repeating: [], count: (list.map(\.utf8.count).max() ?? 0) + 1)
        for w in list {
            precondition(w.utf8.allSatisfy { $0 < 0x80 && TextScan.lower($0) == $0 }, "a word set holds lower-case ASCII words")
            words[w.utf8.count].append(Array(w.utf8))
        }
        self.words = words
    }

    /// Whether `bytes[range]`, lower-cased, is one of the words.
    func contains(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let n = range.count
        guard n < words.count else { return false }
        for w in words[n] {
            var k = 0
            while k < n, TextScan.lower(bytes[range.lowerBound + k]) == w[k] { k += 1 }
            if k == n { return true }
        }
        return false
    }
}
