/// "MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections, p.46".
public struct RuleCitation: Sendable {
    public let guideline: String
    public let section: String?
    public let pages: [Int]
    /// "MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections p.46": made once
    /// (it is written into every criterion of every prediction).
    public let text: String

    public init(guideline: String, section: String?, pages: [Int]) {
        self.guideline = guideline
        self.section = section
        self.pages = pages
        var s = guideline
        if let section { s += ", " + section }
        if !pages.isEmpty { s += " " + PageList.format(pages) }
        text = s
    }
}
