/// A guideline citation line: "Decision based on MTUS Chronic Pain … Page(s): 60, 111-113."
public struct GuidelineCitation: Sendable {
    public var text: String
    public var range: Range<Int>
    /// MTUS, ACOEM, ODG, Non-MTUS … in order of first mention.
    public var sources: [String]
    /// Pages expanded and sorted: "60, 111-113" → 60, 111, 112, 113.
    public var pages: [Int]
    public init(text: String, range: Range<Int>, sources: [String], pages: [Int]) {
        self.text = text
        self.range = range
        self.sources = sources
        self.pages = pages
    }
}
