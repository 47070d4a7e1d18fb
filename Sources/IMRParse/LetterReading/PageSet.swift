/// The pages a citation cites (1–3000), as a bitmap: a range such as "111-113" sets a few bits, and
/// the sorted list comes out of the words in order, without hashing or sorting.
///
/// The bitmap lives in memory the caller lends (`PageSet.collect`, on the stack), so a citation
/// costs no allocation besides its list of pages.
struct PageSet {
    static let maxPage = 3000
    static let wordCount = maxPage / 64 + 1
    private let words: UnsafeMutableBufferPointer<UInt64>
    /// The words that may have bits set.
    private var used = 0..<0

    private init(_ words: UnsafeMutableBufferPointer<UInt64>) {
        self.words = words
    }

    /// Runs `body` with an empty set and returns what it gives.
    static func collect<R>(_ body: (inout PageSet) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordCount) { words in
            words.initialize(repeating: 0)
            var set = PageSet(words)
            return body(&set)
        }
    }

    /// Adds `page` (1–3000).
    mutating func insert(_ page: Int) {
        precondition(page >= 0 && page <= PageSet.maxPage, "page out of range")
        words[page >> 6] |= 1 << UInt64(page & 63)
        used = used.isEmpty ? (page >> 6)..<((page >> 6) + 1) : min(used.lowerBound, page >> 6)..<max(used.upperBound, (page >> 6) + 1)
    }

    /// The pages in ascending order.
    func sorted() -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(used.reduce(0) { $0 + words[$1].nonzeroBitCount })
        for k in used {
            var w = words[k]
            while w != 0 {
                out.append(k << 6 | w.trailingZeroBitCount)
                w &= w &- 1
            }
        }
        return out
    }
}
