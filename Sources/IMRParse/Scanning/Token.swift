/// One token of clinical text: a word, a number or a single punctuation mark, as a byte range of
/// its `SourceText` and a hash key for phrase matching.
///
/// Tokens are 24 bytes (19 used) and hold no strings, so a letter of a few thousand words tokenizes without
/// allocating per token. `key` identifies the lower-cased, lightly stemmed form (see
/// `Tokenizer.key(of:)`), which is what `PhraseTrie` compares.
package struct Token: Sendable, Hashable {
    /// What a token is made of.
    package enum Kind: UInt8, Sendable {
        /// A run of letters, digits and non-ASCII characters with at least one non-digit ("L4", "10mg", "café").
        case word
        /// A run of ASCII digits only ("46", "09").
        case number
        /// Any other visible character, one per token ("%", "/", "-", "“").
        case punct
    }

    /// Byte offset of the first byte in the source.
    package var start: Int32
    /// Byte offset just past the last byte in the source.
    package var end: Int32
    /// FNV-1a 64 hash of the lower-cased, plural-stemmed text; equal for "Injections" and "injection".
    package var key: UInt64
    package var kind: Kind
    /// True for a word that contains an ASCII digit ("L4", "3x2", "10mg", "q6h"): split it with
    /// `Tokenizer.segments(of:in:)` when reading values.
    package var hasDigits: Bool
    /// True when a line break (LF or CR) stands in the source between the previous token of the
    /// same tokenization and this one (false for the first token). Set by the tokenizer while it skips
    /// white space, so line tests (`NoteSections`) read a flag instead of scanning each gap's bytes;
    /// the gap between two regions' tokens is scanned once where the tokenizer joins them.
    package var followsNewline: Bool

    package init(start: Int32, end: Int32, kind: Kind, key: UInt64, hasDigits: Bool = false, followsNewline: Bool = false) {
        self.start = start
        self.end = end
        self.kind = kind
        self.key = key
        self.hasDigits = hasDigits
        self.followsNewline = followsNewline
    }

    /// The byte range of the token in its source.
    @inlinable package var range: Range<Int> { Int(start)..<Int(end) }
    /// Number of bytes.
    @inlinable package var length: Int { Int(end - start) }
    /// True for words and numbers: the tokens a `PhraseTrie` matches.
    @inlinable package var isWordLike: Bool { kind != .punct }
}
