import IMRParse

/// The days during which a guideline edition is in force (bounds included; nil: open).
package struct DateWindow: Sendable, Equatable {
    package var from: CalendarDay?
    package var to: CalendarDay?
    package static let always = DateWindow(from: nil, to: nil)
    package func contains(_ day: CalendarDay) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }
    package var description: String {
        switch (from, to) {
        case (nil, nil): "all editions"
        case (let f?, nil): "from \(f.iso)"
        case (nil, let t?): "until \(t.iso)"
        case (let f?, let t?): "\(f.iso) to \(t.iso)"
        }
    }
}
