import Testing
@testable import IMRParse

/// The JSON writer's bytes (compact and pretty), reading them back, and the byte-level scans it
/// and the loader rely on.
@Suite struct JSONWriterTests {
    static let sample: JSONValue = .object([
        ("s", .string("quote \" backslash \\ tab \t line\nfeed \u{1} del \u{7F} café ✓ — a long plain run of text")),
        ("n", .int(-1234567)), ("z", .int(0)), ("d", .double(2.5)), ("w", .double(3)), ("big", .double(1e20)),
        ("nan", .double(.nan)), ("b", .bool(false)), ("null", .null),
        ("empty", .array([])), ("none", .object([])),
        ("nested", .array([.object([("k", .array([.int(1), .string("x")]))]), .array([])])),
    ])

    @Test func compactAndPrettyBytes() {
        #expect(Self.sample.compact == #"{"s":"quote \" backslash \\ tab \t line\nfeed \u0001 del \u007f café ✓ — a long plain run of text","n":-1234567,"z":0,"d":2.5,"w":3,"big":1e+20,"nan":null,"b":false,"null":null,"empty":[],"none":{},"nested":[{"k":[1,"x"]},[]]}"#)
        let pretty = JSONValue.object([("a", .array([.int(1), .object([])])), ("b", .object([("c", .null)]))]).pretty
        #expect(pretty == "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": {\n    \"c\": null\n  }\n}")
    }

    @Test func readingBackGivesTheSameBytes() {
        for pretty in [false, true] {
            var w = JSONWriter(pretty: pretty)
            w.value(Self.sample)
            let parsed = JSONValue(parsing: w.bytes)
            #expect(parsed?.compact == Self.sample.compact)
        }
        #expect(JSONValue(parsing: Array(#"{"a":"\ud83d\ude00\/"}"#.utf8)) == .object([("a", .string("😀/"))]))
        #expect(JSONValue(parsing: Array("[1,".utf8)) == nil)
    }

    @Test func bytesAreWrittenAsTheirStringWouldBe() {
        let cases: [[UInt8]] = [Array("plain ascii, long enough to fill words".utf8), Array("caf\u{e9}".utf8),
                                [0x61, 0xC3], [0xFF, 0x41, 0x22, 0x0A], [0xE2, 0x80], []]
        for bytes in cases {
            var direct = JSONWriter()
            direct.string(decoding: bytes[...])
            var viaString = JSONWriter()
            viaString.string(String(decoding: bytes, as: UTF8.self))
            #expect(direct.bytes == viaString.bytes)
        }
    }

    @Test func wordScansFindEveryByte() {
        for length in 0..<20 {
            for at in 0..<length {
                var bytes = [UInt8](repeating: 0x61, count: length)
                bytes[at] = 0xC3
                #expect(bytes.withUnsafeBufferPointer { ByteWords.firstNonASCII($0) } == at)
                bytes[at] = 0
                #expect(bytes.withUnsafeBufferPointer(ByteWords.containsZero))
            }
            let plain = [UInt8](repeating: 0x7E, count: length)
            #expect(plain.withUnsafeBufferPointer { ByteWords.firstNonASCII($0) } == length)
            #expect(!plain.withUnsafeBufferPointer(ByteWords.containsZero))
        }
    }

    @Test func escapesFoundAtEveryPosition() {
        func naive(_ s: String) -> String {
            var out = "\""
            for b in s.utf8 {
                switch b {
                case 34: out += "\\\""
                case 92: out += "\\\\"
                case 10: out += "\\n"
                case 13: out += "\\r"
                case 9: out += "\\t"
                case 0..<32, 127: out += "\\u00" + (b < 16 ? "0" : "") + String(b, radix: 16)
                default: out += String(UnicodeScalar(b))
                }
            }
            return out + "\""
        }
        for special: UInt8 in [0, 1, 9, 10, 31, 34, 92, 127] {
            for length in 1..<20 {
                for at in 0..<length {
                    var bytes = [UInt8](repeating: 0x7E, count: length)
                    bytes[at] = special
                    let s = String(decoding: bytes, as: UTF8.self)
                    #expect(JSONValue.string(s).compact == naive(s))
                }
            }
        }
    }
}
