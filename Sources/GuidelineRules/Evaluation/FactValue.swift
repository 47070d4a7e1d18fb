import IMRParse

/// The value of one fact for one case: unknown, or a boolean, number, enum value, text or date.
public enum FactValue: Sendable, Equatable {
    case unknown
    case bool(Bool)
    case number(Double)
    /// An enum value's name, or a string fact's text.
    case text(String)
    /// Days since 1970-01-01.
    case date(Int)

    public var isKnown: Bool { self != .unknown }

    public var json: JSONValue {
        switch self {
        case .unknown: .null
        case .bool(let b): .bool(b)
        case .number(let d): .double(d)
        case .text(let s): .string(s)
        case .date(let d): .string(CivilDate.iso(days: d))
        }
    }
}

/// Where a fact's value came from: a span of the source text and how the text asserts it.
///
/// A plain value without references (codes and offsets, no Strings): evidence is made for every
/// mention and copied into every criterion result, and the Strings it held made each copy and
/// release a round of reference counting. The names are made when an output asks for them.
public struct FactEvidence: Sendable {
    /// Byte range in the source text.
    public var range: Range<Int>
    /// How the text asserts the fact (see `assertion` for its name).
    public var how: EvidenceAssertion
    /// Who states it, if known (see `attribution` for its name).
    public var attributedTo: Attribution?
    /// Whether this evidence counted towards the value (false for hypothetical or quoted mentions
    /// that are shown only to explain why the fact stayed unknown).
    public var counted: Bool
    /// The trigger's byte range in the source text; `triggerStart` < 0: no trigger.
    private var triggerStart: Int32
    private var triggerEnd: Int32

    public init(range: Range<Int>, how: EvidenceAssertion, trigger: Range<Int>? = nil, attributedTo: Attribution? = nil,
                counted: Bool = true) {
        self.range = range
        self.how = how
        self.attributedTo = attributedTo
        self.counted = counted
        triggerStart = trigger.map { Int32($0.lowerBound) } ?? -1
        triggerEnd = trigger.map { Int32($0.upperBound) } ?? -1
    }

    /// Evidence with its assertion and attribution named as in the outputs (an unknown name traps).
    public init(range: Range<Int>, assertion: String, trigger: Range<Int>? = nil, attribution: String? = nil, counted: Bool = true) {
        guard let how = EvidenceAssertion(name: assertion) else { preconditionFailure("unknown evidence assertion \(assertion)") }
        let who = attribution.map { name in
            guard let a = Attribution(rawValue: name) else { preconditionFailure("unknown attribution \(name)") }
            return a
        }
        self.init(range: range, how: how, trigger: trigger, attributedTo: who, counted: counted)
    }

    /// affirmed, negated, possible, historical, hypothetical, other_person, guideline — or
    /// `request` for a fact read from the request text, `given` for an example's stated value.
    public var assertion: String { how.name }

    /// treater, reviewer, utilization_review, patient or records, if known.
    public var attribution: String? { attributedTo?.rawValue }

    /// The byte range of the words that decided the assertion, if any.
    public var triggerRange: Range<Int>? { triggerStart < 0 ? nil : Int(triggerStart)..<Int(triggerEnd) }

    /// The words that decided the assertion ("without", "no documentation of"), white space
    /// collapsed, if any; `source` is the text the evidence was found in.
    public func trigger(in source: SourceText) -> String? {
        triggerRange.map { source.normalized($0) }
    }
}

/// The facts of one case: a value and its evidence for every fact the rule book defines.
public struct FactSet: Sendable {
    public var values: [FactValue]
    public var evidence: EvidenceLists

    public init(count: Int) {
        values = Self.unknowns(count)
        evidence = EvidenceLists(count: count)
    }

    public subscript(_ index: Int) -> FactValue {
        get { values[index] }
        set { values[index] = newValue }
    }

    /// `count` unknown values. `.unknown` holds no reference, so its bytes are copied into the
    /// slots in doubling runs; the generic fill copied each one through the enum's value witness,
    /// which was a tenth of predicting an item (a set is made per item, and a rule book has
    /// hundreds of facts).
    static func unknowns(_ count: Int) -> [FactValue] {
        [FactValue](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress, count > 0 else { initialized = 0; return }
            base.initialize(to: .unknown)
            var done = 1
            while done < count {
                let n = min(done, count - done)
                UnsafeMutableRawPointer(base + done).copyMemory(from: base, byteCount: n * MemoryLayout<FactValue>.stride)
                done += n
            }
            initialized = count
        }
    }
}

/// Each fact's evidence, in the order it was added: `evidence[slot]`.
///
/// One shared array with a chain per fact rather than an array per fact: a set is made for every
/// item, most of its facts have no evidence, and making and freeing hundreds of empty arrays (and
/// growing the few that fill) was a third of combining an item's facts.
public struct EvidenceLists: Sendable {
    private var entries: [Entry] = []
    private var chains: [Chain]

    private struct Entry {
        var evidence: FactEvidence
        /// The next entry of the same fact (-1: the last).
        var next: Int32
    }

    private struct Chain {
        var first: Int32 = -1
        var last: Int32 = -1
        var count: Int32 = 0
    }

    public init(count: Int) {
        chains = Array(repeating: Chain(), count: count)
    }

    /// A fact's evidence; setting it replaces what the fact had.
    public subscript(slot: Int) -> [FactEvidence] {
        get {
            var out: [FactEvidence] = []
            out.reserveCapacity(count(of: slot))
            forEach(of: slot) { out.append(copy $0) }
            return out
        }
        set {
            chains[slot] = Chain()
            for e in newValue { append(e, to: slot) }
        }
    }

    public func count(of slot: Int) -> Int { Int(chains[slot].count) }

    /// Calls `body` with each of a fact's evidence in order, in place (a copy retains its strings).
    public func forEach(of slot: Int, _ body: (borrowing FactEvidence) -> Void) {
        entries.withUnsafeBufferPointer { entries in
            var i = chains[slot].first
            while i >= 0 {
                body(entries[Int(i)].evidence)
                i = entries[Int(i)].next
            }
        }
    }

    /// Whether some of a fact's evidence satisfies `test` (read in place).
    public func contains(of slot: Int, where test: (borrowing FactEvidence) -> Bool) -> Bool {
        entries.withUnsafeBufferPointer { entries in
            var i = chains[slot].first
            while i >= 0 {
                if test(entries[Int(i)].evidence) { return true }
                i = entries[Int(i)].next
            }
            return false
        }
    }

    public mutating func append(_ e: consuming FactEvidence, to slot: Int) {
        let index = Int32(entries.count)
        entries.append(Entry(evidence: e, next: -1))
        if chains[slot].last >= 0 { entries[Int(chains[slot].last)].next = index } else { chains[slot].first = index }
        chains[slot].last = index
        chains[slot].count += 1
    }

    /// Room for `n` more entries in all.
    public mutating func reserveCapacity(_ n: Int) {
        entries.reserveCapacity(entries.count + n)
    }
}

/// Proleptic Gregorian dates as day numbers, without Foundation's calendars (fast and time-zone free).
public enum CivilDate {
    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    public static func iso(days: Int) -> String {
        let (y, m, d) = civil(days: days)
        guard (1000...9999).contains(y) else {
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            return "\(y)-\(two(m))-\(two(d))"
        }
        // Four-digit years (every real one) digit by digit: interpolation was most of an assessment's edition note.
        return String(unsafeUninitializedCapacity: 10) { b in
            let digits = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10, -1, m / 10, m % 10, -1, d / 10, d % 10]
            for (k, digit) in digits.enumerated() { b[k] = digit < 0 ? UInt8(ascii: "-") : UInt8(48 + digit) }
            return 10
        }
    }

    /// Parses "YYYY-MM-DD"; nil when malformed or not a real date.
    public static func parseISO(_ s: String) -> Int? {
        let parts = s.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let days = days(year: y, month: m, day: d)
        return civil(days: days) == (y, m, d) ? days : nil
    }
}
