// JSON/ — JSON in and out: `JSONWriter`, the one serialiser (streams into a `ByteBuffer`; members
// encoded once per run), `JSONValue`, an ordered tree for small documents, and `JSONReader`, which
// reads one back. Not here: the shapes of the outputs (beside each model: `DeterminationJSON`,
// `PredictionJSON`, `AuditRecordFormats`).

import Foundation

/// JSON bytes encoded once and kept for the rest of the process: a pointer and a count, so a copy
/// costs no reference counting. The members of a rule book's criteria are read by every worker for
/// every result, and the atomic retains and releases of their shared arrays cost more than copying
/// the bytes (perf: about 1.5 % of the audit's samples, most of them the two workers taking turns
/// with the same counters).
///
/// Interned: the same bytes are stored once per process, so loading a rule book again (tests,
/// `rules impact`) keeps only what is new.
package struct EncodedBytes: @unchecked Sendable {
    private let start: UnsafePointer<UInt8>
    package let count: Int

    package init(_ bytes: [UInt8]) {
        let stored = InternedBytes.shared.store(bytes)
        start = stored.baseAddress!
        count = stored.count
    }

    /// The bytes, in place (valid for the rest of the process).
    package var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    package subscript(i: Int) -> UInt8 { buffer[i] }
}

/// The process's `EncodedBytes`, each distinct byte string once; never freed.
private final class InternedBytes: @unchecked Sendable {
    static let shared = InternedBytes()
    private let lock = NSLock()
    private var stored: [Key: UnsafeBufferPointer<UInt8>]

    /// Bytes hashed by their length and ends only: a rule book interns a few thousand blocks of up
    /// to a few hundred bytes, and hashing them whole (with every rehash) cost a tenth of loading.
    private struct Key: Hashable {
        let bytes: [UInt8]
        func hash(into h: inout Hasher) {
            h.combine(bytes.count)
            bytes.withUnsafeBytes { b in
                h.combine(bytes: UnsafeRawBufferPointer(rebasing: b.prefix(16)))
                h.combine(bytes: UnsafeRawBufferPointer(rebasing: b.suffix(16)))
            }
        }
    }

    private init() { stored = Dictionary(minimumCapacity: 1 << 14) }

    func store(_ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
        let key = Key(bytes: bytes)
        lock.lock()
        defer { lock.unlock() }
        if let known = stored[key] { return known }
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = memory.initialize(from: bytes)
        let view = UnsafeBufferPointer(rebasing: memory[..<bytes.count])
        stored[key] = view
        return view
    }
}

/// An object member, `"key":value` with a string (or null) value, encoded once for members that
/// are written many times: a criterion's text and citation go into every prediction of its
/// treatment, and escaping them (and writing their keys) each time was most of the writing.
package struct EncodedMember: Sendable {
    /// The compact JSON, `"key":"…"` or `"key":null`.
    let bytes: EncodedBytes
    /// Where the value starts (after the colon), for the space a pretty writer puts there.
    let valueStart: Int

    package init(_ key: StaticString, _ value: String?) {
        var w = JSONWriter(capacity: key.utf8CodeUnitCount + (value?.utf8.count ?? 0) + 8)
        w.key(key)
        valueStart = w.out.count
        w.string(value)
        bytes = EncodedBytes(w.bytes)
    }
}

/// A key from data (a fact's name), escaped once: `"name":`.
package struct EncodedKey: Sendable {
    package let name: String
    package let bytes: EncodedBytes

    package init(_ name: String) {
        self.name = name
        var w = JSONWriter(capacity: name.utf8.count + 8)
        w.string(name)
        w.out.append(UInt8(ascii: ":"))
        bytes = EncodedBytes(w.bytes)
    }
}

/// Writes JSON value by value straight into a byte buffer, compact or indented by two spaces.
///
/// The one JSON serialiser of the project: `JSONValue` trees are written through it too. The audit
/// writes about four bytes of JSON per byte of input, and building a tree first, then walking it,
/// cost more than the writing itself. Callers open and close objects and arrays in order; the
/// writer puts the commas, colons and (when pretty) the line breaks.
package struct JSONWriter: ~Copyable {
    fileprivate var out: ByteBuffer
    private let pretty: Bool
    private var level = 0
    /// No element has been written yet in the innermost open object or array.
    private var empty = true
    /// A key has just been written: its value takes no separator.
    private var afterKey = false

    package init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        out = ByteBuffer(capacity: capacity)
    }

    /// What has been written, as UTF-8.
    package var bytes: [UInt8] { out.array }

    /// Ends the writing and hands over what has been written, without copying it.
    package consuming func finish() -> ByteBuffer { out }

    /// Bytes outside any JSON value (a line break between JSON Lines, a separator between values).
    package mutating func raw(_ text: StaticString) {
        out.append(text)
    }

    /// Text outside JSON (a CSV row, a line for people), so one buffer can carry any output format.
    package mutating func raw(text: String) {
        out.append(text)
    }

    // MARK: Objects and arrays

    /// Whether the writer is compact (blocks encoded compactly once may be copied into it).
    package var isCompact: Bool { !pretty }

    /// Opens an object and writes its first members from one block encoded compactly once
    /// (`{"a":1,"b":"x"`: the brace and at least one member, no closing brace); compact writers only.
    package mutating func beginObject(compactMembers block: EncodedBytes) {
        precondition(!pretty && block.count > 1 && block[0] == UInt8(ascii: "{"), "a compact object head")
        separate()
        out.append(block.buffer)
        level += 1
        empty = false
    }

    /// Writes the last members of an object and closes it from one block encoded compactly once
    /// (`,"a":null,"b":[]}`: the comma before each member and the closing brace); compact writers
    /// only, after at least one member.
    package mutating func endObject(compactTail block: StaticString) {
        precondition(!pretty && !empty && !afterKey && level > 0, "a compact object tail")
        out.append(block)
        level -= 1
        empty = false
    }

    package mutating func beginObject() { open(UInt8(ascii: "{")) }
    package mutating func endObject() { close(UInt8(ascii: "}")) }
    package mutating func beginArray() { open(UInt8(ascii: "[")) }
    package mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A key the program spells (no escaping needed).
    package mutating func key(_ name: StaticString) {
        // `,"name":` in one reservation: keys are a quarter of the calls.
        let comma = !pretty && level > 0 && !empty
        if !comma { separate() }
        let n = name.utf8CodeUnitCount
        let start = name.utf8Start
        let at = comma ? 1 : 0
        out.append(count: n + 3 + at) { b in
            if comma { b[0] = 44 }
            b[at] = 34
            (b.baseAddress! + at + 1).update(from: start, count: n)
            b[at + n + 1] = 34
            b[at + n + 2] = UInt8(ascii: ":")
        }
        if pretty { out.append(32) }
        afterKey = true
    }

    /// A key encoded once, copied as it is.
    package mutating func key(_ k: EncodedKey) {
        key(encoded: k.bytes)
    }

    /// A key's bytes (`EncodedKey.bytes`, `"name":`), copied as they are.
    package mutating func key(encoded bytes: EncodedBytes) {
        separate()
        out.append(bytes.buffer)
        if pretty { out.append(32) }
        afterKey = true
    }

    /// A key from data (a fact name, a tally's label), escaped like any string.
    package mutating func key(string name: String) {
        separate()
        escape(name)
        colon()
    }

    // MARK: Scalars

    package mutating func null() {
        separate()
        raw("null")
    }

    package mutating func bool(_ b: Bool) {
        separate()
        if b { raw("true") } else { raw("false") }
    }

    package mutating func bool(_ b: Bool?) {
        if let b { bool(b) } else { null() }
    }

    package mutating func int(_ i: Int) {
        separate()
        writeInt(i)
    }

    package mutating func int(_ i: Int?) {
        if let i { int(i) } else { null() }
    }

    /// Whole numbers below 10^15 as integers, other finite numbers as Swift prints them, NaN and
    /// infinities as null (JSON has no spelling for them).
    package mutating func double(_ d: Double) {
        separate()
        if !d.isFinite {
            raw("null")
        } else if d == d.rounded(), abs(d) < 1e15 {
            writeInt(Int(d))
        } else {
            out.append(String(d))
        }
    }

    package mutating func string(_ s: String) {
        separate()
        escape(s)
    }

    package mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    /// A string value whose bytes `body` appends between the quotes as they are: only for text the
    /// program composes from words and digits it spells (no quote, backslash or control byte), so
    /// the pieces are not joined into a String first only to be escaped.
    package mutating func string(composedBy body: (inout ByteBuffer) -> Void) {
        separate()
        out.append(34)
        body(&out)
        out.append(34)
    }

    /// A member encoded once, copied as it is.
    package mutating func member(_ m: EncodedMember) {
        separate()
        let b = m.bytes.buffer
        if pretty {
            out.append(UnsafeBufferPointer(rebasing: b[..<m.valueStart]))
            out.append(32)
            out.append(UnsafeBufferPointer(rebasing: b[m.valueStart...]))
        } else {
            out.append(b)
        }
    }

    /// A string given as UTF-8 bytes, the same as `string(String(decoding: utf8, as: UTF8.self))`
    /// without making the String: ASCII (nearly every evidence span) is copied as it is; anything
    /// else goes through `String(decoding:)` so invalid bytes are repaired exactly as before.
    package mutating func string(decoding utf8: ArraySlice<UInt8>) {
        separate()
        let mark = out.count
        // One pass that escapes and watches for non-ASCII; on finding some, what it wrote is taken back.
        let ascii = utf8.withUnsafeBufferPointer { escape($0, asciiOnly: true) }
        if !ascii {
            out.removeLast(out.count - mark)
            escape(String(decoding: utf8, as: UTF8.self))
        }
    }

    package mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case .object(let fields):
            beginObject()
            for (k, item) in fields {
                key(string: k)
                value(item)
            }
            endObject()
        }
    }

    // MARK: Layout

    /// Before a value or key: the comma after the previous element and, when pretty, a new line.
    @inline(__always)
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard level > 0 else { return }
        if !empty { out.append(UInt8(ascii: ",")) }
        empty = false
        if pretty { newline(level) }
    }

    @inline(__always)
    private mutating func colon() {
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(32) }
        afterKey = true
    }

    @inline(__always)
    private mutating func open(_ bracket: UInt8) {
        separate()
        out.append(bracket)
        level += 1
        empty = true
    }

    @inline(__always)
    private mutating func close(_ bracket: UInt8) {
        level -= 1
        // An empty object or array stays on one line: `[]`, `{}`.
        if !empty { newline(level) }
        out.append(bracket)
        // The container just closed is an element of the one around it.
        empty = false
    }

    private mutating func newline(_ level: Int) {
        guard pretty else { return }
        out.append(10)
        out.append(repeating: 32, count: 2 * level)
    }

    // MARK: Encoding

    private mutating func escape(_ s: String) {
        var s = s
        s.withUTF8 { _ = escape($0, asciiOnly: false) }
    }

    /// A quoted string: runs that need no escape are copied in one go. With `asciiOnly` it stops at
    /// the first byte >= 0x80 and returns false, having written part of the string.
    @inline(__always)
    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>, asciiOnly: Bool) -> Bool {
        var i = JSONWriter.nextEscape(utf8, from: 0, orNonASCII: asciiOnly)
        if i == utf8.count {
            // Nothing to escape (nearly every string): the quotes and the bytes in one reservation.
            let n = utf8.count
            out.append(count: n + 2) { b in
                b[0] = 34
                if let source = utf8.baseAddress { (b.baseAddress! + 1).update(from: source, count: n) }
                b[n + 1] = 34
            }
            return true
        }
        out.append(34)
        var runStart = 0
        while i < utf8.count {
            if runStart < i { out.append(UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            let b = utf8[i]
            if asciiOnly, b >= 0x80 { return false }
            switch b {
            case 34: out.append(92); out.append(34)
            case 92: out.append(92); out.append(92)
            case 10: out.append(92); out.append(UInt8(ascii: "n"))
            case 13: out.append(92); out.append(UInt8(ascii: "r"))
            case 9: out.append(92); out.append(UInt8(ascii: "t"))
            default:
                raw("\\u00")
                out.append(JSONWriter.hexDigits[Int(b >> 4)])
                out.append(JSONWriter.hexDigits[Int(b & 15)])
            }
            runStart = i + 1
            i = JSONWriter.nextEscape(utf8, from: runStart, orNonASCII: asciiOnly)
        }
        if runStart < utf8.count { out.append(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
        out.append(34)
        return true
    }

    /// The first byte at or after `start` that needs an escape (`"`, `\\`, a control byte or DEL),
    /// else `utf8.count`. Eight bytes at a time, the last few too: strings are long runs of plain
    /// text or short words, and this scan was most of the writing.
    /// With `orNonASCII`, a byte >= 0x80 counts as one that needs an escape.
    @inline(__always)
    private static func nextEscape(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, orNonASCII: Bool) -> Int {
        guard let base = utf8.baseAddress else { return start }
        var i = start
        while i + 8 <= utf8.count {
            let flags = escapeFlags(UInt64(littleEndian: ByteWords.word(base, i)), orNonASCII: orNonASCII)
            if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }
            i += 8
        }
        guard i < utf8.count else { return i }
        if utf8.count < 8 {
            while i < utf8.count, !needsEscape(base[i]), !orNonASCII || base[i] < 0x80 { i += 1 }
            return i
        }
        // The last one to seven bytes: the word that ends the string, its bytes before `i` (checked
        // already) shifted out and letters (which need no escape) shifted in at the top.
        let shift = UInt64(8 * (8 - (utf8.count - i)))
        let last = UInt64(littleEndian: ByteWords.word(base, utf8.count - 8)) >> shift
        let letters = (ByteWords.ones &* UInt64(UInt8(ascii: "a"))) << (64 - shift)
        let flags = escapeFlags(last | letters, orNonASCII: orNonASCII)
        return flags != 0 ? i + flags.trailingZeroBitCount >> 3 : utf8.count
    }

    private static func needsEscape(_ b: UInt8) -> Bool { b < 32 || b == 34 || b == 92 || b == 127 }

    /// The high bit of each byte of `x` (the first byte in the lowest bits) that needs an escape.
    /// A byte above a flagged one may be flagged wrongly (a borrow), never one below it, so the
    /// lowest flag is exact.
    /// With `orNonASCII`, bytes >= 0x80 are flagged too.
    @inline(__always)
    private static func escapeFlags(_ x: UInt64, orNonASCII: Bool) -> UInt64 {
        let ones = ByteWords.ones
        let quote = x ^ (ones &* 34), backslash = x ^ (ones &* 92), del = x ^ (ones &* 127)
        let flagged = (x &- ones &* 32) & ~x | (quote &- ones) & ~quote
            | (backslash &- ones) & ~backslash | (del &- ones) & ~del
        return (orNonASCII ? flagged | x : flagged) & ByteWords.highBits
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Decimal digits straight into the buffer (offsets are written by the million; no String per number).
    private mutating func writeInt(_ value: Int) {
        if value < 0 { out.append(45) }
        var v = value.magnitude
        var digits = 1
        var rest = v / 10
        while rest > 0 { digits += 1; rest /= 10 }
        out.append(count: digits) { d in
            for k in stride(from: digits - 1, through: 0, by: -1) {
                d[k] = UInt8(48 + v % 10)
                v /= 10
            }
        }
    }
}
