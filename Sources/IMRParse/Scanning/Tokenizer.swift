/// Splits UTF-8 text into `Token`s: words, numbers and single punctuation marks, with byte offsets.
///
/// Rules, chosen for PDF-extracted clinical letters:
/// - A **word** is a run of ASCII letters, digits and non-ASCII characters that contains at least
///   one non-digit ("L4", "3x2", "10mg", "café"); a run of digits only is a **number** ("46", "09").
///   Apostrophes and hyphens split words ("patient's" → `patient`, `'`, `s`), so "post-injection"
///   and "post injection" give the same word keys.
/// - Every other visible ASCII byte is a one-byte **punct** token. Unicode punctuation (dashes,
///   curly quotes, bullets, ellipsis, «», ·, §) is one punct token too, keyed like its ASCII
///   counterpart where it has one (“ ” → `"`, ‘ ’ → `'`, – — → `-`, … → `.`, • → `*`).
/// - White space, control characters, no-break and other Unicode spaces, zero-width characters and
///   the byte-order mark separate tokens and are not tokens.
/// - A word broken over a line with a hyphen ("con-\ntrast") stays two tokens: in these letters such
///   breaks are nearly always real compound hyphens ("left-\nsided", "7-\n8/10"), and `PhraseTrie`
///   ignores the hyphen when matching.
///
/// The key of a token is the FNV-1a 64 hash of its ASCII-lower-cased bytes after a light plural
/// stem: a final "s" is dropped from words longer than three bytes that do not end in "ss", "us" or
/// "is" ("injections" → "injection", "levels" → "level"; "this", "status", "diagnosis", "less",
/// "was" stay), and from an acronym's plural, a lower-case "s" after a capital ("ESIs" → "esi",
/// "MRIs" → "mri"). Non-ASCII letters are not case-folded.
package enum Tokenizer {
    /// A piece of a mixed word: a run of digits or a run of non-digits ("3x2" → `3`, `x`, `2`).
    package struct Segment: Sendable, Hashable {
        package var range: Range<Int>
        package var isDigits: Bool
    }

    @usableFromInline static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline static let fnvPrime: UInt64 = 0x100_0000_01b3
    /// The inverse of `fnvPrime` modulo 2^64: `(h &* fnvPrimeInverse) ^ b` undoes the step that
    /// folded byte `b` into `h`, so the plural stem needs no second running hash.
    static let fnvPrimeInverse: UInt64 = 0xce96_5057_aff6_957b

    // Byte classes: 0 space, 1 letter, 2 digit, 3 ASCII punctuation, 4 non-ASCII (decode to decide).
    private static let byteClass: [UInt8] = {
        var t = [UInt8](repeating: 3, count: 256)
        for b in 0..<33 { t[b] = 0 }
        t[127] = 0
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = 1 }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = 1 }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = 2 }
        for b in 128..<256 { t[b] = 4 }
        return t
    }()

    /// What a non-ASCII character is: 0 space, 3 punctuation, 4 part of a word; with its width.
    /// `mapped` is the ASCII character a punctuation mark is keyed as (0 for none).
    @inline(__always)
    static func unicodeClass(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (cls: UInt8, width: Int, mapped: UInt8) {
        let b0 = p[i]
        if b0 == 0xC2, i + 1 < end {
            switch p[i + 1] {
            case 0xA0: return (0, 2, 0)  // no-break space
            case 0xAB, 0xBB: return (3, 2, UInt8(ascii: "\""))  // « »
            case 0xB7: return (3, 2, UInt8(ascii: "*"))  // ·
            case 0xA7, 0xB6, 0xA6, 0xAD: return (3, 2, 0)  // § ¶ ¦ soft hyphen
            default: return (4, 2, 0)
            }
        }
        if b0 == 0xE2, i + 2 < end, p[i + 1] == 0x80 || p[i + 1] == 0x81 {
            let c = Int(p[i + 1] & 0x3F) << 6 | Int(p[i + 2] & 0x3F)  // code point - 0x2000
            switch c {
            case 0x00...0x0F, 0x28...0x2F, 0x5F...0x6F: return (0, 3, 0)  // spaces, zero-width, separators, bidi marks
            case 0x10...0x15: return (3, 3, UInt8(ascii: "-"))
            case 0x18...0x1B, 0x32, 0x35: return (3, 3, UInt8(ascii: "'"))
            case 0x1C...0x1F, 0x33, 0x36: return (3, 3, UInt8(ascii: "\""))
            case 0x22, 0x23, 0x27: return (3, 3, UInt8(ascii: "*"))
            case 0x24...0x26: return (3, 3, UInt8(ascii: "."))
            case 0x16...0x17, 0x20...0x21, 0x30, 0x31, 0x34, 0x37...0x5E: return (3, 3, 0)
            default: return (4, 3, 0)
            }
        }
        if b0 == 0xE3, i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0x80 { return (0, 3, 0) }  // ideographic space
        if b0 == 0xEF, i + 2 < end, p[i + 1] == 0xBB, p[i + 2] == 0xBF { return (0, 3, 0) }  // byte-order mark
        let width = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1
        return (4, min(width, end - i), 0)
    }

    /// Appends the tokens of `bytes[range]` to `tokens`.
    package static func tokenize(_ bytes: [UInt8], _ range: Range<Int>, into tokens: inout [Token]) {
        let lo = max(0, range.lowerBound), hi = min(bytes.count, range.upperBound)
        guard lo < hi else { return }
        checkOffsets(bytes)
        let stems = StemCache.forThisThread()
        bytes.withUnsafeBufferPointer { p in
            byteClass.withUnsafeBufferPointer { cls in
                // Chunks of at most 32 KB cut at white space, each tokenized through a raw pointer
                // into an array (no per-append checks). Room for a token per three bytes covers
                // ordinary text (about one per five); denser text fills it and goes on in the next
                // array, so no array is sized for the worst case of a token per byte.
                var start = lo
                while start < hi {
                    var end = min(hi, start + 32_768)
                    while end < hi, cls[Int(p[end])] != 0 { end += 1 }
                    var stop = start
                    let room = (end - start) / 3 + 16
                    let previousEnd = tokens.last.map { Int($0.end) }
                    let chunk = [Token](unsafeUninitializedCapacity: room) { buffer, count in
                        (count, stop) = tokenize(p, start, end, cls, buffer.baseAddress!, room, stems)
                        if count > 0 { buffer[0].followsNewline = joinsAfterLineBreak(p, previousEnd, buffer[0]) }
                    }
                    if tokens.isEmpty, stop == hi { tokens = chunk } else { tokens.append(contentsOf: chunk) }
                    start = stop
                }
            }
        }
    }

    /// The tokens of `regions` (in order, not overlapping) of `bytes`, in one array.
    ///
    /// All regions go into one buffer sized for a token per three bytes, which covers ordinary
    /// text (about one per five); text dense enough to fill it goes on through `tokenize(_:_:into:)`.
    package static func tokens(_ bytes: [UInt8], regions: [Range<Int>]) -> [Token] {
        var total = 0
        for r in regions { total += max(0, min(bytes.count, r.upperBound) - max(0, r.lowerBound)) }
        let room = total / 3 + 16
        checkOffsets(bytes)
        let stems = StemCache.forThisThread()
        var resume: (region: Int, at: Int)? = nil
        var out = [Token](unsafeUninitializedCapacity: room) { buffer, count in
            bytes.withUnsafeBufferPointer { p in
                byteClass.withUnsafeBufferPointer { cls in
                    var n = 0
                    for (k, r) in regions.enumerated() {
                        let lo = max(0, r.lowerBound), hi = min(p.count, r.upperBound)
                        guard lo < hi else { continue }
                        let (made, stop) = tokenize(p, lo, hi, cls, buffer.baseAddress! + n, room - n, stems)
                        if made > 0 { buffer[n].followsNewline = joinsAfterLineBreak(p, n > 0 ? Int(buffer[n - 1].end) : nil, buffer[n]) }
                        n += made
                        if stop < hi { resume = (k, stop); break }
                    }
                    count = n
                }
            }
        }
        if let (k, at) = resume {
            tokenize(bytes, at..<regions[k].upperBound, into: &out)
            for r in regions[(k + 1)...] { tokenize(bytes, r, into: &out) }
        }
        return out
    }

    /// The line-break flag of the first token of a call to the inner `tokenize`, which saw only the
    /// white space from where it started: a line break between the previous token of the array (ending
    /// at `previousEnd`; nil for none) and `first`, read from the bytes (regions and chunks join here).
    private static func joinsAfterLineBreak(_ p: UnsafeBufferPointer<UInt8>, _ previousEnd: Int?, _ first: Token) -> Bool {
        guard let from = previousEnd else { return false }
        return holdsLineBreak(p, from, Int(first.start))
    }

    /// Whether `p[from..<to]` holds a line feed or carriage return.
    @inline(__always)
    private static func holdsLineBreak(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var k = from
        while k < to {
            if p[k] == 10 || p[k] == 13 { return true }
            k += 1
        }
        return false
    }

    /// Token offsets are `Int32`: checked once per text instead of at every token.
    private static func checkOffsets(_ bytes: [UInt8]) {
        precondition(bytes.count <= Int(Int32.max), "text too long to tokenize")
    }

    /// Tokenizes `p[lo..<hi]` into `out` (room for `room` tokens); returns the count and where it
    /// stopped (`hi`, or the end of the last token when the room ran out). Offsets fit in `Int32`:
    /// the callers check `hi` once (`checkOffsets`). Stemmed words go through this thread's `stems`.
    private static func tokenize(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int,
                                 _ cls: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutablePointer<Token>,
                                 _ room: Int, _ stems: StemCache) -> (Int, Int) {
        var n = 0
        var i = lo
        // A line break among the white space skipped since the last token (see `Token.followsNewline`).
        var newline = false
        while i < hi, n < room {
            let b = p[i]
            var c = cls[Int(b)]
            if c == 0 {
                // Most white space is a space (32): one comparison passes it.
                if b <= 13, b == 10 || b == 13 { newline = true }
                i += 1
                continue
            }
            var width = 1
            var mapped: UInt8 = 0
            if c == 4 { (c, width, mapped) = unicodeClass(p, i, hi) }
            if c == 0 {
                // A malformed three-byte space can end in a line-break byte: read as the gap's bytes are.
                if holdsLineBreak(p, i, i + width) { newline = true }
                i += width
                continue
            }
            if c == 3 {
                var h = fnvOffset
                if width == 1 {
                    h = (h ^ UInt64(b)) &* fnvPrime
                } else if mapped != 0 {
                    h = (h ^ UInt64(mapped)) &* fnvPrime
                } else {
                    for k in i..<(i + width) { h = (h ^ UInt64(p[k])) &* fnvPrime }
                }
                (out + n).initialize(to: Token(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: i &+ width), kind: .punct, key: h, followsNewline: newline))
                newline = false
                n += 1
                i += width
                continue
            }
            // A word or number: letters, digits and non-ASCII word characters. ASCII letters and
            // digits take the fast path; other bytes are decoded.
            let start = i
            var h = fnvOffset
            var digits = false, nonDigits = false, unicode = false
            while i < hi {
                var x = p[i]
                if x &- 97 < 26 {
                    // Lower-case letters, most bytes of most words, in a loop of their own.
                    nonDigits = true
                    repeat {
                        h = (h ^ UInt64(x)) &* fnvPrime
                        i &+= 1
                        guard i < hi else { break }
                        x = p[i]
                    } while x &- 97 < 26
                } else if x &- 65 < 26 {
                    h = (h ^ UInt64(x | 0x20)) &* fnvPrime
                    nonDigits = true
                    i &+= 1
                } else if x &- 48 < 10 {
                    h = (h ^ UInt64(x)) &* fnvPrime
                    digits = true
                    i &+= 1
                } else if x >= 0x80 {
                    let u = unicodeClass(p, i, hi)
                    if u.cls != 4 { break }
                    for j in i..<(i + u.width) { h = (h ^ UInt64(p[j])) &* fnvPrime }
                    nonDigits = true
                    unicode = true
                    i += u.width
                } else {
                    break
                }
            }
            if nonDigits {
                let length = i &- start
                if !digits, !unicode, length >= 3, length <= 24 {
                    // A word of letters: its inflectional stem (see `WordStem`), when its last letter can start a suffix.
                    if mayHaveSuffix(p[i &- 1] | 0x20, p[i &- 2] | 0x20, length) { h = stems.stemmedKey(p, start, length, h) }
                } else if length > 3, p[i &- 1] | 0x20 == 115 {  // ends in "s" or "S"
                    let rawLast = p[i &- 1], rawBeforeLast = p[i &- 2]
                    // The stem drops a final "s" (byte 115 once lower-cased): undo its step.
                    if stripsPlural(TextScan.lower(rawLast), TextScan.lower(rawBeforeLast), rawLast, rawBeforeLast) {
                        h = (h &* fnvPrimeInverse) ^ 115
                    }
                }
                (out + n).initialize(to: Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), kind: .word, key: h, hasDigits: digits, followsNewline: newline))
                newline = false
                n += 1
            } else {
                (out + n).initialize(to: Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), kind: .number, key: h, hasDigits: true, followsNewline: newline))
                newline = false
                n += 1
            }
        }
        return (n, i)
    }

    /// The key of the word `p[start..<start + n]` (ASCII letters; `hash` is the key of all its
    /// bytes, lower-cased) after `WordStem`: the steps of the dropped bytes are undone and the
    /// appended byte, if any, is folded in.
    @inline(never)
    static func stemmedKey(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ n: Int, _ hash: UInt64) -> UInt64 {
        let w = p.baseAddress! + start
        let (keep, append) = WordStem.stem(w, n, rawLast: w[n - 1], rawBeforeLast: w[n - 2])
        var h = hash
        var k = n
        while k > keep {
            k -= 1
            h = (h &* fnvPrimeInverse) ^ UInt64(w[k] | 0x20)
        }
        if append != 0 { h = (h ^ UInt64(append)) &* fnvPrime }
        return h
    }

    /// Whether a word of letters ending in `last`, `beforeLast` (lower-cased) may lose or change a
    /// suffix in `WordStem`: a final s, y or e (past three letters), -ed, -ing, -ll. Most words do not,
    /// and skip the stemmer.
    @inline(__always)
    static func mayHaveSuffix(_ last: UInt8, _ beforeLast: UInt8, _ length: Int) -> Bool {
        switch last {
        case 115, 121: return true                       // s, y
        case 101: return length >= 4                     // e
        case 100: return beforeLast == 101 && length >= 4  // -ed, -eed
        case 103: return beforeLast == 110 && length >= 6  // -ing
        case 108: return beforeLast == 108               // -ll
        default: return false
        }
    }

    /// The plural rule: a final "s" goes unless the word ends in "ss", "us" or "is" — but an
    /// acronym's plural ("ESIs", "MRIs", "TPIs": lower-case "s" after a capital) always loses it.
    @inline(__always)
    static func stripsPlural(_ last: UInt8, _ beforeLast: UInt8, _ rawLast: UInt8, _ rawBeforeLast: UInt8) -> Bool {
        guard last == 115 else { return false }
        if rawLast == 115, rawBeforeLast >= 65, rawBeforeLast <= 90 { return true }
        return beforeLast != 115 && beforeLast != 117 && beforeLast != 105
    }

    /// The tokens of `bytes[range]`.
    package static func tokens(_ bytes: [UInt8], _ range: Range<Int>) -> [Token] {
        var out: [Token] = []
        tokenize(bytes, range, into: &out)
        return out
    }

    /// The keys of a phrase's words and numbers, how many tokens it has and its first token's key:
    /// what `PhraseTrie` stores of a phrase. The tokens are those of `tokens(_:)`, made in a buffer
    /// on the stack (rule books hold a hundred thousand phrases, each added when the rules load).
    package static func phraseKeys(_ phrase: String) -> (words: [UInt64], tokenCount: Int, firstKey: UInt64) {
        var words: [UInt64] = []
        let (n, first) = phraseKeys(phrase, into: &words)
        return (words, n, first)
    }

    /// `phraseKeys(_:)` appending the word keys to `keys` (no array per phrase).
    package static func phraseKeys(_ phrase: String, into keys: inout [UInt64]) -> (tokenCount: Int, firstKey: UInt64) {
        var text = phrase
        return text.withUTF8 { p in
            precondition(p.count < Int(Int32.max), "text too long to tokenize")
            let room = p.count + 1  // a token has at least one byte
            return withUnsafeTemporaryAllocation(of: Token.self, capacity: room) { out in
                let (n, _) = byteClass.withUnsafeBufferPointer { cls in tokenize(p, 0, p.count, cls, out.baseAddress!, room, StemCache.forThisThread()) }
                for k in 0..<n where out[k].kind != .punct { keys.append(out[k].key) }
                return (n, n > 0 ? out[0].key : 0)
            }
        }
    }

    /// The tokens of a string (offsets are into its UTF-8 bytes).
    package static func tokens(_ text: some StringProtocol) -> [Token] {
        let bytes = Array(text.utf8)
        return tokens(bytes, 0..<bytes.count)
    }

    /// The key of one word as the tokenizer computes it ("Injections" and "injection" share one).
    ///
    /// For text that tokenizes to one token this is that token's key; for longer text (which no
    /// single token can equal) it is the stemmed hash of all its bytes, lower-cased.
    package static func key(of word: some StringProtocol) -> UInt64 {
        let bytes = Array(word.utf8)
        let toks = tokens(bytes, 0..<bytes.count)
        if toks.count == 1 { return toks[0].key }
        var h = fnvOffset, prev = fnvOffset
        for b in bytes {
            prev = h
            h = (h ^ UInt64(TextScan.lower(b))) &* fnvPrime
        }
        let n = bytes.count
        if n > 3, stripsPlural(TextScan.lower(bytes[n - 1]), TextScan.lower(bytes[n - 2]), bytes[n - 1], bytes[n - 2]) { return prev }
        return h
    }

    /// The keys of the words and numbers of a phrase, punctuation left out: what `PhraseTrie` matches.
    package static func keys(ofPhrase phrase: some StringProtocol) -> [UInt64] {
        tokens(phrase).filter(\.isWordLike).map(\.key)
    }

    /// The digit and non-digit runs of a token: "3x2" → 3, x, 2; "10mg" → 10, mg; "L4" → L, 4.
    package static func segments(of token: Token, in bytes: [UInt8]) -> [Segment] {
        var out: [Segment] = []
        var i = Int(token.start)
        let end = Int(token.end)
        while i < end {
            let d = TextScan.isDigit(bytes[i])
            let s = i
            while i < end, TextScan.isDigit(bytes[i]) == d { i += 1 }
            out.append(Segment(range: s..<i, isDigits: d))
        }
        return out
    }

    /// The integer value of an all-digit byte range (nil when empty, not digits, or over 9 digits).
    package static func integer(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var v = 0
        for i in range {
            let b = bytes[i]
            guard TextScan.isDigit(b) else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }
}
