// Letter/ — see Determination.swift.

extension Determination {
    /// Every byte range the determination holds, moved by `f` (a reading of a folded copy of the
    /// letter mapped back to the letter's own bytes: `PrintedForms`). The texts stay as read.
    mutating func mapRanges(_ f: (Range<Int>) -> Range<Int>) {
        func located<T>(_ l: inout Located<T>?) { if let v = l { l = Located(v.value, f(v.range)) } }
        located(&caseNumber)
        located(&letterDate)
        located(&urDenialDate)
        located(&reviewer.specialty)
        located(&reviewer.subspecialty)
        reviewer.licensure = reviewer.licensure.map { Located($0.value, f($0.range)) }
        located(&patient.age)
        located(&patient.sex)
        located(&patient.injuryDate)
        caseSummaryText = caseSummaryText.map { $0.moved(to: f($0.range)) }
        caseSummaryRanges = caseSummaryRanges.map(f)
        for k in items.indices {
            var item = items[k]
            item.title = Located(item.title.value, f(item.title.range))
            located(&item.decision)
            located(&item.verdict)
            if let r = item.claimsAdministratorGuideline?.range { item.claimsAdministratorGuideline?.range = f(r) }
            if let r = item.imrGuideline?.range { item.imrGuideline?.range = f(r) }
            item.rationaleText = item.rationaleText.map { $0.moved(to: f($0.range)) }
            item.rationaleRanges = item.rationaleRanges.map(f)
            item.range = item.range.map(f)
            if let h = item.header { item.header = (f(h.range), h.form, h.number) }
            items[k] = item
        }
    }
}
