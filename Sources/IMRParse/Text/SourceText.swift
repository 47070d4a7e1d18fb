// Text/ — a decoded input and positions in it: `SourceText` (UTF-8 bytes, byte offsets inside,
// Unicode-scalar offsets shown to users, white-space normalisation), `TextSpan` and `Located` (a value
// with the byte range it was read from). Not here: reading files (Input/), searching bytes (Scanning/).

import Foundation

/// The text of one input, as UTF-8 bytes, with its origin and the warnings raised while decoding it.
///
/// Every scanner in the project works on `bytes` (UTF-8) and keeps byte offsets internally. Offsets
/// shown to users (JSON `start` / `end`) count Unicode scalars (code points) of the decoded text, so
/// that `Array(text.unicodeScalars)[start..<end]`, or Python's `text[start:end]`, gives the evidence
/// text back. `scalarOffset(_:)` converts; for pure ASCII text the two are the same.
public struct SourceText: Sendable {
    /// Where the text came from: a path, or `-` for standard input.
    public let path: String
    /// The decoded text as UTF-8.
    public let bytes: [UInt8]
    /// Decoding notes (for example "invalid UTF-8 replaced"), shown as warnings.
    public let warnings: [String]
    /// Byte offsets of every non-ASCII lead byte, to map byte offsets to scalar offsets; empty for ASCII.
    private let multibyteStarts: [Int32]
    private let multibyteExtra: [Int32]

    public init(path: String, bytes: [UInt8], warnings: [String] = []) {
        self.path = path
        self.bytes = bytes
        self.warnings = warnings
        var starts: [Int32] = []
        var extra: [Int32] = []
        var running: Int32 = 0
        bytes.withUnsafeBufferPointer { bytes in
            var i = ByteWords.firstNonASCII(bytes)
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 { i = ByteWords.firstNonASCII(bytes, from: i); continue }
                let width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                running += Int32(width - 1)
                starts.append(Int32(i))
                extra.append(running)
                i += width
            }
        }
        multibyteStarts = starts
        multibyteExtra = extra
    }

    /// A text whose table of multibyte characters was made while validating it (`SourceLoader`):
    /// the same table `init(path:bytes:warnings:)` makes.
    init(path: String, bytes: [UInt8], warnings: [String], multibyteStarts: [Int32], multibyteExtra: [Int32]) {
        self.path = path
        self.bytes = bytes
        self.warnings = warnings
        self.multibyteStarts = multibyteStarts
        self.multibyteExtra = multibyteExtra
    }

    /// A text known to be plain ASCII: byte offsets are scalar offsets.
    init(path: String, asciiBytes bytes: [UInt8], warnings: [String]) {
        self.path = path
        self.bytes = bytes
        self.warnings = warnings
        multibyteStarts = []
        multibyteExtra = []
    }

    public init(path: String, string: String) {
        self.init(path: path, bytes: Array(string.utf8))
    }

    /// The text with ligatures, special spaces and hyphens folded to plain letters (`PrintedForms`),
    /// or nil when it holds none (never looked for in ASCII text).
    var foldedPrintedForms: PrintedForms.Folded? {
        multibyteStarts.isEmpty ? nil : PrintedForms.fold(bytes, multibyteStarts: multibyteStarts)
    }

    /// The Unicode scalar offset of a UTF-8 byte offset.
    public func scalarOffset(_ byteOffset: Int) -> Int {
        if multibyteStarts.isEmpty { return byteOffset }
        // Count extra continuation bytes of multibyte characters that start before `byteOffset`.
        var lo = 0, hi = multibyteStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(multibyteStarts[mid]) < byteOffset { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? byteOffset : byteOffset - Int(multibyteExtra[lo - 1])
    }

    /// The text of a byte range, exactly as in the source.
    public func string(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// The text of a byte range with runs of white space (line breaks, form feeds, doubled spaces) folded
    /// to one space and the ends trimmed: the form used for titles, rationales and other fields.
    public func normalized(_ range: Range<Int>) -> String {
        // A range past the text (a caller's mistake) is cut to the text: output never traps.
        let range = range.clamped(to: 0..<bytes.count)
        // Written straight into the String's storage: the folded text is never longer than the range.
        return String(unsafeUninitializedCapacity: range.count) { out in
            TextScan.foldWhitespace(bytes, range, into: out)
        }
    }

    /// A span of this text as users see it: scalar offsets and the exact original text.
    public func span(_ range: Range<Int>) -> TextSpan {
        TextSpan(text: string(range), start: scalarOffset(range.lowerBound), end: scalarOffset(range.upperBound))
    }
}
