/// A span of dates (day numbers) during which a guideline edition is in force.
public struct DateWindow: Sendable, Equatable {
    public var from: Int?
    public var to: Int?
    public static let always = DateWindow(from: nil, to: nil)
    public func contains(_ day: Int) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }
    public var description: String {
        switch (from, to) {
        case (nil, nil): "all editions"
        case (let f?, nil): "from \(CivilDate.iso(days: f))"
        case (nil, let t?): "until \(CivilDate.iso(days: t))"
        case (let f?, let t?): "\(CivilDate.iso(days: f)) to \(CivilDate.iso(days: t))"
        }
    }
}
