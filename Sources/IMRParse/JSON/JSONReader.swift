/// Reads JSON text back into a `JSONValue`, keeping the order of object keys.
///
/// Outputs written straight with `JSONWriter` (a prediction) are offered as trees by reading their
/// bytes back, so the shape is described once, by the writing code. Whole numbers become `.int`,
/// which `JSONWriter` writes exactly as the `.double` they may have come from.
extension JSONValue {
    package init?(parsing bytes: [UInt8]) {
        var reader = JSONReader(bytes: bytes)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        guard reader.at == bytes.count else { return nil }
        self = value
    }
}

private struct JSONReader {
    let bytes: [UInt8]
    var at = 0

    /// Deeper input is refused rather than overflowing the stack.
    static let maximumDepth = 512

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipSpace() {
        while at < bytes.count, bytes[at] == 32 || bytes[at] == 10 || bytes[at] == 13 || bytes[at] == 9 { at += 1 }
    }

    mutating func value(depth: Int) -> JSONValue? {
        skipSpace()
        guard at < bytes.count, depth < JSONReader.maximumDepth else { return nil }
        switch bytes[at] {
        case UInt8(ascii: "{"):
            at += 1
            var fields: [(String, JSONValue)] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(fields) }
            while true {
                skipSpace()
                guard let key = string(), expect(UInt8(ascii: ":")), let v = value(depth: depth + 1) else { return nil }
                fields.append((key, v))
                skipSpace()
                if expect(UInt8(ascii: ",")) { continue }
                return expect(UInt8(ascii: "}")) ? .object(fields) : nil
            }
        case UInt8(ascii: "["):
            at += 1
            var items: [JSONValue] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
            while true {
                guard let v = value(depth: depth + 1) else { return nil }
                items.append(v)
                skipSpace()
                if expect(UInt8(ascii: ",")) { continue }
                return expect(UInt8(ascii: "]")) ? .array(items) : nil
            }
        case 34: return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return word("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return word("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return word("null") ? .null : nil
        default: return number()
        }
    }

    mutating func expect(_ b: UInt8) -> Bool {
        skipSpace()
        guard at < bytes.count, bytes[at] == b else { return false }
        at += 1
        return true
    }

    mutating func word(_ w: StaticString) -> Bool {
        let n = w.utf8CodeUnitCount
        guard at + n <= bytes.count else { return false }
        for k in 0..<n where bytes[at + k] != w.utf8Start[k] { return false }
        at += n
        return true
    }

    mutating func number() -> JSONValue? {
        let start = at
        var whole = true
        while at < bytes.count {
            let b = bytes[at]
            if b >= 48 && b <= 57 || b == UInt8(ascii: "-") { at += 1; continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") { whole = false; at += 1; continue }
            break
        }
        let text = String(decoding: bytes[start..<at], as: UTF8.self)
        if whole, let i = Int(text) { return .int(i) }
        return Double(text).map(JSONValue.double)
    }

    mutating func string() -> String? {
        guard at < bytes.count, bytes[at] == 34 else { return nil }
        at += 1
        var out: [UInt8] = []
        var runStart = at
        while at < bytes.count {
            let b = bytes[at]
            if b == 34 {
                out.append(contentsOf: bytes[runStart..<at])
                at += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard b == 92 else { at += 1; continue }
            out.append(contentsOf: bytes[runStart..<at])
            guard at + 1 < bytes.count else { return nil }
            let e = bytes[at + 1]
            at += 2
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                // A surrogate pair spells one scalar beyond the Basic Multilingual Plane.
                if scalar >= 0xD800, scalar < 0xDC00, word("\\u"), let low = hex4(), low >= 0xDC00, low < 0xE000 {
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                }
                out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
            default: out.append(e)  // \" \\ \/
            }
            runStart = at
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let b = bytes[at + k]
            let d: UInt8
            switch b {
            case 48...57: d = b - 48
            case 97...102: d = b - 87
            case 65...70: d = b - 55
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        at += 4
        return v
    }
}
