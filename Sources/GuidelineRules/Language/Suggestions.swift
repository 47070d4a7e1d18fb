/// "Did you mean …?" suggestions by edit distance.
package enum Suggestions {
    /// The known word closest to `word`, if it is close enough to be a likely typo.
    package static func closest(to word: String, among known: some Sequence<String>) -> String? {
        let w = Array(word.lowercased().utf8)
        var best: (String, Int)?
        for candidate in known {
            let d = distance(w, Array(candidate.lowercased().utf8))
            if d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let limit = max(1, min(3, (w.count + 1) / 3))
        return d <= limit ? candidate : nil
    }

    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > 3 { return 99 }
        var previous = Array(0...b.count)
        var beforePrevious = previous
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                // A swap of two neighbours ("audti") is one edit.
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { row[j] = min(row[j], beforePrevious[j - 2] + 1) }
            }
            beforePrevious = previous
            swap(&previous, &row)
        }
        return previous[b.count]
    }
}
