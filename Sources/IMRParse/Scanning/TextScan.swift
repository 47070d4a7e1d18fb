// Scanning/ — every reusable byte and token matcher: ASCII helpers and eight-byte words (`TextScan`,
// `ByteWords`), phrases at line starts (`LabelTrie`) and anywhere (`Phrase`, `PhraseSet`,
// `StartFilter`), word lists (`WordSet`), token keys and tables (`KeyMap`, `KeyTable`), tokens and the
// tokenizer (`Token`, `Tokenizer`) and phrase tries over tokens (`PhraseTrie`). Depends on nothing
// else in IMRParse. Not here: what the matches mean (letter reading, clinical context, facts).

/// Byte-level helpers shared by every scanner: ASCII case folding, white space, searching.
///
/// The hot paths of the project run over UTF-8 bytes rather than `String` or regular expressions,
/// which are slow on Linux; these helpers keep that code short.
package enum TextScan {
    @inline(__always) package static func lower(_ b: UInt8) -> UInt8 {
        (b >= 65 && b <= 90) ? b | 0x20 : b
    }
    @inline(__always) package static func isSpace(_ b: UInt8) -> Bool {
        b == 32 || b == 10 || b == 13 || b == 9 || b == 12 || b == 11
    }
    @inline(__always) package static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) package static func isAlpha(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return l >= 97 && l <= 122
    }
    @inline(__always) package static func isAlnum(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) }
    /// Letters and digits, plus any byte of a multibyte UTF-8 character (treated as a word character).
    @inline(__always) package static func isWordByte(_ b: UInt8) -> Bool { isAlnum(b) || b >= 0x80 }

    /// Folds white-space runs to single spaces and trims the ends.
    package static func foldWhitespace(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var pendingSpace = false
        for i in range {
            let b = bytes[i]
            if isSpace(b) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(32); pendingSpace = false }
                out.append(b)
            }
        }
        return out
    }

    /// `foldWhitespace` written to `out` (at least `range.count` bytes); returns the length.
    package static func foldWhitespace(_ bytes: [UInt8], _ range: Range<Int>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var n = 0
        var pendingSpace = false
        for i in range {
            let b = bytes[i]
            if isSpace(b) {
                pendingSpace = n > 0
            } else {
                if pendingSpace { out[n] = 32; n += 1; pendingSpace = false }
                out[n] = b
                n += 1
            }
        }
        return n
    }

    /// Case-insensitive (ASCII) search for `needle` (given in lower case) in `bytes[range]`.
    /// White space in the needle matches any run of white space in the text, so that headings
    /// broken over lines or doubled spaces still match.
    package static func find(_ needle: [UInt8], in bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        guard let first = needle.first else { return nil }
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            if lower(bytes[i]) == first, let m = match(needle, in: bytes, at: i, end: end) {
                return i..<m
            }
            i += 1
        }
        return nil
    }

    /// If `needle` matches at `start` (see `find`), the end of the match.
    package static func match(_ needle: [UInt8], in bytes: [UInt8], at start: Int, end: Int) -> Int? {
        var i = start
        var j = 0
        let n = needle.count
        while j < n {
            let c = needle[j]
            if c == 32 {
                guard i < end, isSpace(bytes[i]) else { return nil }
                while i < end, isSpace(bytes[i]) { i += 1 }
                while j < n, needle[j] == 32 { j += 1 }
                continue
            }
            guard i < end, lower(bytes[i]) == c else { return nil }
            i += 1
            j += 1
        }
        return i
    }

    /// All non-overlapping matches of `needle` (lower case) in `bytes[range]`.
    package static func findAll(_ needle: [UInt8], in bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var from = range.lowerBound
        while from < range.upperBound, let r = find(needle, in: bytes, from..<range.upperBound) {
            out.append(r)
            from = max(r.upperBound, r.lowerBound + 1)
        }
        return out
    }

    /// `range` without leading and trailing white space.
    package static func trim(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, isSpace(bytes[lo]) { lo += 1 }
        while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 }
        return lo..<hi
    }
}

extension String {
    /// The lower-cased UTF-8 bytes of this string with white space folded: the needle form of `TextScan.find`.
    package var scanNeedle: [UInt8] {
        // `foldWhitespace` and `lower` in one pass (lower-casing leaves white space alone): phrase
        // tables of thousands of wordings are built from these at start-up.
        var text = self
        return text.withUTF8 { utf8 in
            [UInt8](unsafeUninitializedCapacity: utf8.count) { out, count in
                var n = 0
                var pendingSpace = false
                for b in utf8 {
                    if TextScan.isSpace(b) {
                        pendingSpace = n > 0
                    } else {
                        if pendingSpace { out[n] = 32; n += 1; pendingSpace = false }
                        out[n] = TextScan.lower(b)
                        n += 1
                    }
                }
                count = n
            }
        }
    }
}
