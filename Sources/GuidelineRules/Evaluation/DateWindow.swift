import IMRParse

/// The days during which a guideline edition is in force (bounds included; nil: open).
public struct DateWindow: Sendable, Equatable {
    public var from: CalendarDay?
    public var to: CalendarDay?
    public static let always = DateWindow(from: nil, to: nil)
    public func contains(_ day: CalendarDay) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }
    public var description: String {
        switch (from, to) {
        case (nil, nil): "all editions"
        case (let f?, nil): "from \(f.iso)"
        case (nil, let t?): "until \(t.iso)"
        case (let f?, let t?): "\(f.iso) to \(t.iso)"
        }
    }
}
