/// Writes JSON value by value straight into a byte buffer, compact or indented by two spaces.
///
/// The one JSON serialiser of the project: `JSONValue` trees are written through it too. The audit
/// writes about four bytes of JSON per byte of input, and building a tree first, then walking it,
/// cost more than the writing itself. Callers open and close objects and arrays in order; the
/// writer puts the commas, colons and (when pretty) the line breaks.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private var level = 0
    /// No element has been written yet in the innermost open object or array.
    private var empty = true
    /// A key has just been written: its value takes no separator.
    private var afterKey = false

    public init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// Bytes outside any JSON value (a line break between JSON Lines, a separator between values).
    public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Text outside JSON (a CSV row, a line for people), so one buffer can carry any output format.
    public mutating func raw(text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    // MARK: Objects and arrays

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A key the program spells (no escaping needed).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(34)
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(34)
        colon()
    }

    /// A key from data (a fact name, a tally's label), escaped like any string.
    public mutating func key(string name: String) {
        separate()
        escape(name)
        colon()
    }

    // MARK: Scalars

    public mutating func null() {
        separate()
        raw("null")
    }

    public mutating func bool(_ b: Bool) {
        separate()
        if b { raw("true") } else { raw("false") }
    }

    public mutating func bool(_ b: Bool?) {
        if let b { bool(b) } else { null() }
    }

    public mutating func int(_ i: Int) {
        separate()
        writeInt(i)
    }

    public mutating func int(_ i: Int?) {
        if let i { int(i) } else { null() }
    }

    /// Whole numbers below 10^15 as integers, other finite numbers as Swift prints them, NaN and
    /// infinities as null (JSON has no spelling for them).
    public mutating func double(_ d: Double) {
        separate()
        if !d.isFinite {
            raw("null")
        } else if d == d.rounded(), abs(d) < 1e15 {
            writeInt(Int(d))
        } else {
            bytes.append(contentsOf: String(d).utf8)
        }
    }

    public mutating func string(_ s: String) {
        separate()
        escape(s)
    }

    public mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    /// A string given as UTF-8 bytes, the same as `string(String(decoding: utf8, as: UTF8.self))`
    /// without making the String: ASCII (nearly every evidence span) is copied as it is; anything
    /// else goes through `String(decoding:)` so invalid bytes are repaired exactly as before.
    public mutating func string(decoding utf8: ArraySlice<UInt8>) {
        let ascii = utf8.withUnsafeBufferPointer { buffer -> Bool in
            guard buffer.allSatisfy({ $0 < 0x80 }) else { return false }
            separate()
            escape(buffer)
            return true
        }
        if !ascii { string(String(decoding: utf8, as: UTF8.self)) }
    }

    public mutating func value(_ v: JSONValue) {
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
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard level > 0 else { return }
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        newline(level)
    }

    private mutating func colon() {
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(32) }
        afterKey = true
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        level += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        level -= 1
        // An empty object or array stays on one line: `[]`, `{}`.
        if !empty { newline(level) }
        bytes.append(bracket)
        // The container just closed is an element of the one around it.
        empty = false
    }

    private mutating func newline(_ level: Int) {
        guard pretty else { return }
        bytes.append(10)
        bytes.append(contentsOf: repeatElement(32, count: 2 * level))
    }

    // MARK: Encoding

    private mutating func escape(_ s: String) {
        var s = s
        s.withUTF8 { escape($0) }
    }

    /// A quoted string: runs that need no escape are copied in one go.
    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(34)
        var runStart = 0
        for i in 0..<utf8.count {
            let b = utf8[i]
            guard b < 32 || b == 34 || b == 92 || b == 127 else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            runStart = i + 1
            switch b {
            case 34: bytes.append(92); bytes.append(34)
            case 92: bytes.append(92); bytes.append(92)
            case 10: bytes.append(92); bytes.append(UInt8(ascii: "n"))
            case 13: bytes.append(92); bytes.append(UInt8(ascii: "r"))
            case 9: bytes.append(92); bytes.append(UInt8(ascii: "t"))
            default:
                raw("\\u00")
                bytes.append(JSONWriter.hexDigits[Int(b >> 4)])
                bytes.append(JSONWriter.hexDigits[Int(b & 15)])
            }
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
        bytes.append(34)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Decimal digits straight into the buffer (offsets are written by the million; no String per number).
    private mutating func writeInt(_ value: Int) {
        if value == 0 { bytes.append(48); return }
        if value < 0 { bytes.append(45) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 { d[19 - n] = UInt8(48 + v % 10); v /= 10; n += 1 }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(20 - n)...]))
        }
    }
}
