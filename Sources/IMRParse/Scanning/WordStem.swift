/// The inflectional stem of an English word, as token keys use it: "radiates", "radiating" and
/// "radiated" share the key of "radiate"; "shoots" and "shooting" that of "shoot"; "denies",
/// "denied" and "denying" that of "deny"; "therapies" that of "therapy".
///
/// The steps are Porter's (1980) inflectional ones — 1b (-ed, -ing, with the "e" put back after
/// "at", "bl", "iz" and short consonant-vowel-consonant stems, and doubled consonants undone),
/// 1c (a final "y" after a vowel-bearing stem), 5a (a final "e") and 5b (a final "ll") — after the
/// tokenizer's own plural rule (a final "s" goes unless the word ends in "ss", "us" or "is", an
/// acronym's lower-case plural "s" always; "ies" gives "i"). Derivational suffixes (-ion, -al,
/// -ment, -ly) are kept: "radiation" and "radicular" are other words, which the concept lexicon of
/// the rule files relates. What matters is that text and phrases go through the same function, so
/// the stem need not be a real word ("radiat", "deni", "therapi").
///
/// No step leaves fewer than three letters ("one" is not "on", "used" not "us", "being" not "be").
/// Applied to words of ASCII letters only, 3 to 24 bytes long; words with digits or other bytes
/// keep the tokenizer's plural rule alone. The stem is given as a prefix of the word plus at most
/// one appended byte, so the tokenizer turns its running hash into the stem's hash by undoing the
/// steps of the dropped bytes (no second pass over the word).
enum WordStem {
    /// The stem of `w[0..<n]`: the length of the word's prefix it keeps and the byte appended after
    /// it (0 for none). `w` holds ASCII letters (read lower-cased); `rawLast`/`rawBeforeLast` are the
    /// last two bytes as written (an acronym's plural "ESIs" loses its "s" and nothing else).
    @inline(__always)
    static func stem(_ w: UnsafePointer<UInt8>, _ n: Int, rawLast: UInt8, rawBeforeLast: UInt8) -> (keep: Int, append: UInt8) {
        // The vowels are read only by the steps a word's ending calls for (a plural such as "patients"
        // calls for none): found when first needed, once.
        var vowelBits: UInt32 = 0, vowelsFound = false
        func v() -> Vowels {
            if !vowelsFound { vowelBits = Vowels(w, n).bits; vowelsFound = true }
            return Vowels(bits: vowelBits)
        }
        var keep = n
        var append: UInt8 = 0
        let s: UInt8 = 115, e: UInt8 = 101, d: UInt8 = 100, g: UInt8 = 103, i: UInt8 = 105, y: UInt8 = 121, l: UInt8 = 108
        // The plural rule (the tokenizer's, so that words with digits and pure words agree).
        if n > 3, lc(w, n - 1) == s {
            if rawLast == s, rawBeforeLast >= 65, rawBeforeLast <= 90 { return (n - 1, 0) }  // "ESIs", "MRIs"
            let b = lc(w, n - 2)
            if b != s, b != 117, b != i {
                keep = n - 1
                if n > 4, b == e, lc(w, n - 3) == i { return (n - 2, 0) }  // "therapies" → "therapi", as "therapy"
            }
        }
        // 1b: -eed, -ed, -ing (after a plural: "findings" → "finding" → "find").
        let k = keep
        if k >= 4, lc(w, k - 1) == d, lc(w, k - 2) == e, lc(w, k - 3) == e {
            if v().measure(k - 3) > 0 { keep = k - 1 }  // "agreed" → "agree"; "need", "bleed" stay
        } else if k >= 5, lc(w, k - 1) == d, lc(w, k - 2) == e, v().any(k - 2) {
            (keep, append) = afterSuffix(w, k - 2, v())
        } else if k >= 6, lc(w, k - 1) == g, lc(w, k - 2) == 110, lc(w, k - 3) == i, v().any(k - 3) {
            (keep, append) = afterSuffix(w, k - 3, v())
        }
        // 1c: a final "y" after a stem with a vowel becomes "i" ("deny" → "deni", as "denies").
        if append == 0, keep >= 2, lc(w, keep - 1) == y, v().any(keep - 1) {
            keep -= 1
            append = i
        }
        // 5a: a final "e" goes when the stem is long enough ("radiate" → "radiat"; "note", "take" stay).
        if append == e {
            if v().dropsE(w, keep) { append = 0 }
        } else if append == 0, keep >= 4, lc(w, keep - 1) == e, v().dropsE(w, keep - 1) {
            keep -= 1
        }
        // 5b: "ll" at the end of a long stem ("travell" → "travel").
        if append == 0, keep >= 3, lc(w, keep - 1) == l, lc(w, keep - 2) == l, v().measure(keep) > 1 { keep -= 1 }
        return (keep, append)
    }

    /// The letter at `k`, lower-cased (`w` holds ASCII letters only).
    @inline(__always)
    private static func lc(_ w: UnsafePointer<UInt8>, _ k: Int) -> UInt8 { w[k] | 0x20 }

    /// Porter's 1b tail after "-ed" or "-ing" is removed, leaving `w[0..<k]`.
    @inline(__always)
    private static func afterSuffix(_ w: UnsafePointer<UInt8>, _ k: Int, _ v: Vowels) -> (Int, UInt8) {
        let a = lc(w, k - 2), b = lc(w, k - 1)
        // "at", "bl", "iz": "radiating" → "radiate".
        if (a == 97 && b == 116) || (a == 98 && b == 108) || (a == 105 && b == 122) { return (k, 101) }
        // A doubled consonant other than l, s, z is undone: "stopped" → "stop", "abutting" → "abut".
        if a == b, !v[k - 1], b != 108, b != 115, b != 122 { return (k - 1, 0) }
        // A short stem ending consonant-vowel-consonant takes its "e" back: "noted" → "note".
        if v.measure(k) == 1, v.endsCVC(w, k) { return (k, 101) }
        return (k, 0)
    }

    /// Which letters of a word are vowels in Porter's sense (a, e, i, o, u, and a "y" after a
    /// consonant), one bit each: the measure and the checks below are a few bit operations.
    struct Vowels {
        let bits: UInt32

        @inline(__always) init(bits: UInt32) { self.bits = bits }

        /// a, e, i, o, u as bits of (letter - "a").
        static let aeiou: UInt32 = 1 << 0 | 1 << 4 | 1 << 8 | 1 << 14 | 1 << 20

        @inline(__always)
        init(_ w: UnsafePointer<UInt8>, _ n: Int) {
            var bits: UInt32 = 0
            var previous = false
            for k in 0..<n {
                let letter = UInt32(truncatingIfNeeded: lc(w, k) &- 97) & 31
                // A "y" is a vowel after a consonant (not at the start).
                let vowel = Self.aeiou >> letter & 1 != 0 || (letter == 24 && k > 0 && !previous)
                bits |= (vowel ? 1 : 0) << UInt32(k)
                previous = vowel
            }
            self.bits = bits
        }

        @inline(__always) subscript(_ k: Int) -> Bool { bits >> UInt32(k) & 1 != 0 }

        /// A vowel among the first `k` letters.
        @inline(__always) func any(_ k: Int) -> Bool { bits & ((1 << UInt32(k)) &- 1) != 0 }

        /// Porter's m of the first `k` letters: the vowel-consonant sequences ([C](VC)^m[V]).
        @inline(__always) func measure(_ k: Int) -> Int {
            guard k >= 2 else { return 0 }
            let pairs = bits & ~(bits >> 1) & ((1 << UInt32(k - 1)) &- 1)
            return pairs.nonzeroBitCount
        }

        /// The first `k` letters end consonant-vowel-consonant, the last not w, x or y ("hop", "not").
        @inline(__always) func endsCVC(_ w: UnsafePointer<UInt8>, _ k: Int) -> Bool {
            guard k >= 3, !self[k - 1], self[k - 2], !self[k - 3] else { return false }
            let last = lc(w, k - 1)
            return last != 119 && last != 120 && last != 121
        }

        /// 5a: whether a final "e" after the first `k` letters goes.
        @inline(__always) func dropsE(_ w: UnsafePointer<UInt8>, _ k: Int) -> Bool {
            let m = measure(k)
            return m > 1 || (m == 1 && !endsCVC(w, k))
        }
    }

    /// The stem of a word as the tokenizer keys it, as a string (for tests and explanations).
    static func stem(of word: String) -> String {
        let raw = Array(word.utf8)
        var bytes = raw.map { $0 | ($0 >= 65 && $0 <= 90 ? 0x20 : 0) }
        guard bytes.count >= 3, bytes.count <= 24, bytes.allSatisfy({ $0 >= 97 && $0 <= 122 }),
              Tokenizer.mayHaveSuffix(bytes[bytes.count - 1], bytes[bytes.count - 2], bytes.count) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let (keep, append) = raw.withUnsafeBufferPointer {
            stem($0.baseAddress!, $0.count, rawLast: raw[raw.count - 1], rawBeforeLast: raw[raw.count - 2])
        }
        bytes.removeLast(bytes.count - keep)
        if append != 0 { bytes.append(append) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
