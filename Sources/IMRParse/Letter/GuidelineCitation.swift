/// A guideline citation line: "Decision based on MTUS Chronic Pain … Page(s): 60, 111-113."
public struct GuidelineCitation: Sendable {
    /// The citation's clean text. A parsed citation keeps the clean bytes its sources and pages were
    /// read from and makes the String only when the text is read: predicting and auditing use only
    /// the sources and pages.
    public var text: String {
        get { cleanBytes.map { String(decoding: $0, as: UTF8.self) } ?? storedText }
        set { storedText = newValue; cleanBytes = nil }
    }
    public var range: Range<Int>
    /// MTUS, ACOEM, ODG, Non-MTUS … in order of first mention.
    public var sources: [String]
    /// Pages expanded and sorted: "60, 111-113" → 60, 111, 112, 113.
    public var pages: [Int]
    private var storedText: String
    /// The clean text as UTF-8, when the citation was read from a letter (`text` is made from it).
    private var cleanBytes: [UInt8]?

    public init(text: String, range: Range<Int>, sources: [String], pages: [Int]) {
        storedText = text
        cleanBytes = nil
        self.range = range
        self.sources = sources
        self.pages = pages
    }

    /// A citation whose text is the UTF-8 `cleanBytes`, made into a String when read.
    init(cleanBytes: [UInt8], range: Range<Int>, sources: [String], pages: [Int]) {
        storedText = ""
        self.cleanBytes = cleanBytes
        self.range = range
        self.sources = sources
        self.pages = pages
    }
}
