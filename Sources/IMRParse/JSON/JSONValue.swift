/// A JSON value with ordered object keys, for output that is natural to build as a tree (a summary,
/// a rule listing); `JSONWriter` writes it, and writes the large per-item outputs directly.
///
/// `JSONEncoder` sorts or scrambles keys and is slow on Linux for millions of records; results
/// here keep the field order of the documented contract.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    package static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    package static func optional(_ i: Int?) -> JSONValue { i.map(JSONValue.int) ?? .null }
    package static func optional(_ b: Bool?) -> JSONValue { b.map(JSONValue.bool) ?? .null }

    /// Compact JSON on one line, as UTF-8 bytes (what writers need; no String round trip).
    package var compactBytes: [UInt8] {
        var w = JSONWriter()
        w.value(self)
        return w.bytes
    }

    /// Compact JSON on one line.
    public var compact: String { String(decoding: compactBytes, as: UTF8.self) }

    /// JSON indented by two spaces, for people and golden files.
    public var pretty: String {
        var w = JSONWriter(pretty: true)
        w.value(self)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
