import IMRParse

/// The facts of one case: a value and its evidence for every fact the rule book defines.
///
/// The values are stored as `PlainFactValue`s (texts as indexes into `FactTexts`): `values` and the
/// subscript give and take `FactValue`s.
public struct FactSet: Sendable {
    package var plain: [PlainFactValue]
    public var evidence: EvidenceLists
    package let texts: FactTexts
    /// Texts not in `texts`, at indexes from `texts.strings.count` on.
    private var extraTexts: [String] = []

    package init(count: Int, texts: FactTexts = .none) {
        plain = Array(repeating: .unknown, count: count)
        evidence = EvidenceLists(count: count)
        self.texts = texts
    }

    /// `count` unknown values with evidence gathered already (a letter's combined case summary):
    /// no empty lists made only to be replaced.
    package init(count: Int, evidence: EvidenceLists, texts: FactTexts) {
        plain = Array(repeating: .unknown, count: count)
        self.evidence = evidence
        self.texts = texts
    }

    /// How many facts the set holds (`values.count`, without making the values).
    public var count: Int { plain.count }

    public var values: [FactValue] {
        get { plain.indices.map { self[$0] } }
        set {
            plain = []
            plain.reserveCapacity(newValue.count)
            for v in newValue { plain.append(stored(v)) }
        }
    }

    public subscript(_ index: Int) -> FactValue {
        get { value(plain[index]) }
        set { plain[index] = stored(newValue) }
    }

    /// The text of a text value's index.
    package func text(_ index: Int) -> String {
        index < texts.strings.count ? texts.strings[index] : extraTexts[index - texts.strings.count]
    }

    /// The text of slot `i`, if it holds one.
    package func text(at i: Int) -> String? { plain[i].textIndex.map(text) }

    package func value(_ v: PlainFactValue) -> FactValue {
        switch v.tag {
        case .unknown: .unknown
        case .bool: .bool(v.bits != 0)
        case .number: .number(Double(bitPattern: v.bits))
        case .text: .text(text(Int(v.bits)))
        case .date: .date(CalendarDay(dayNumber: Int(Int64(bitPattern: v.bits))))
        }
    }

    /// `v` as stored, its text (if any) found in `texts` or kept among the set's own.
    package mutating func stored(_ v: FactValue) -> PlainFactValue {
        switch v {
        case .unknown: return .unknown
        case .bool(let b): return .bool(b)
        case .number(let d): return .number(d)
        case .date(let d): return .date(d)
        case .text(let s):
            if let i = texts.index(of: s) { return .text(i) }
            if let k = extraTexts.firstIndex(of: s) { return .text(texts.strings.count + k) }
            extraTexts.append(s)
            return .text(texts.strings.count + extraTexts.count - 1)
        }
    }
}
