package enum PageList {
    /// "p.46", "pp.98-99", "pp.60, 111-113".
    package static func format(_ pages: [Int]) -> String {
        var runs: [String] = []
        var i = 0
        while i < pages.count {
            var j = i
            while j + 1 < pages.count, pages[j + 1] == pages[j] + 1 { j += 1 }
            runs.append(j > i ? "\(pages[i])-\(pages[j])" : "\(pages[i])")
            i = j + 1
        }
        return (pages.count == 1 ? "p." : "pp.") + runs.joined(separator: ", ")
    }
}
