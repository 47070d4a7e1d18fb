import IMRTestSupport
import Testing
@testable import IMRParse

/// The byte-level fast paths against plain reference code on seeded random inputs: the JSON escape
/// scan (eight bytes at a time, the tail as one word), the label prefix tree, the phrase set's start
/// filter (its vector path too when `IMR_VECTOR_SCAN=1`, as CI runs this suite), the key map and the
/// word set. The goldens check these on real letters; here they meet what letters rarely hold: every
/// length of tail, every control byte, phrases that share long prefixes, keys that collide.
@Suite struct FastPathEquivalenceTests {
    // MARK: JSON escaping

    /// The writer's escaping, one byte at a time.
    static func escapedByReference(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = [34]
        let hex = Array("0123456789abcdef".utf8)
        for b in bytes {
            switch b {
            case 34: out += [92, 34]
            case 92: out += [92, 92]
            case 10: out += Array(#"\n"#.utf8)
            case 13: out += Array(#"\r"#.utf8)
            case 9: out += Array(#"\t"#.utf8)
            case 0..<32, 127: out += Array(#"\u00"#.utf8) + [hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: out.append(b)
            }
        }
        return out + [34]
    }

    @Test func escapingMatchesAByteLoop() {
        var g = SplitMix(seed: 11)
        // Units of valid UTF-8: every byte that needs an escape, plain ASCII, two- and three-byte characters.
        let units: [[UInt8]] = [[34], [92], [10], [13], [9], [0], [1], [31], [127], [32], [97], [90], [48], [126],
                                Array("é".utf8), Array("✓".utf8)]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(g.next() % 40) { bytes += units[Int(g.next() % UInt64(units.count))] }
            let expected = Self.escapedByReference(bytes)
            var w = JSONWriter()
            w.string(String(decoding: bytes, as: UTF8.self))
            #expect(w.bytes == expected, "string(_:) of \(bytes)")
            var d = JSONWriter()
            d.string(decoding: bytes[...])
            #expect(d.bytes == expected, "string(decoding:) of \(bytes)")
        }
    }

    @Test func escapingAnyBytesRepairsLikeString() {
        var g = SplitMix(seed: 12)
        for _ in 0..<5_000 {
            let bytes = (0..<Int(g.next() % 24)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            var viaString = JSONWriter()
            viaString.string(String(decoding: bytes, as: UTF8.self))
            var direct = JSONWriter()
            direct.string(decoding: bytes[...])
            #expect(direct.bytes == viaString.bytes, "\(bytes)")
        }
    }

    // MARK: Phrases at line starts and anywhere

    /// Phrases that share prefixes, differ in case and spacing, and start with letters, digits and marks.
    static let phrases = ["decision", "decision rationale:", "determination", "issue at dispute:", "1.", "de",
                          "medical treatment guideline(s) used by the claims administrator:",
                          "medical treatment guideline(s) used by the expert reviewer:", "page", "page 2 of",
                          ": upheld", "(", "is not medically necessary", "is not", "not"].map(Phrase.init)

    /// Text made of the phrases' pieces, in either case, with white space and noise between them.
    static func text(_ g: inout SplitMix) -> [UInt8] {
        let pieces = ["decision", "Decision Rationale:", "DETERMINATION", "issue  at\ndispute:", "1.", "d", "de",
                      "Medical Treatment Guideline(s) used by the", " claims administrator:", " expert\nreviewer:",
                      "Page 2 of 4", ": Upheld", "(", "is notmedically necessary", "this not", " ", "\n", "\t", "x",
                      "é", "9", "-"]
        var t: [UInt8] = []
        for _ in 0..<Int(g.next() % 30) { t += Array(pieces[Int(g.next() % UInt64(pieces.count))].utf8) }
        return t
    }

    @Test func labelTreeMatchesEachPhrase() {
        var g = SplitMix(seed: 13)
        let tree = LabelTrie(Self.phrases)
        for _ in 0..<600 {
            let t = Self.text(&g)
            let end = t.isEmpty ? 0 : Int(g.next() % UInt64(t.count + 1))
            for start in 0..<t.count {
                let expected = Phrase.matchAny(Self.phrases, t, at: start, end: end)
                let got = tree.longestMatch(t, at: start, end: end)
                #expect(got?.index == expected?.index && got?.end == expected?.end, "at \(start) of \(String(decoding: t, as: UTF8.self).debugDescription)")
                var marked = [Bool](repeating: false, count: Self.phrases.count)
                tree.markMatches(t, at: start, end: end, into: &marked)
                #expect(marked == Self.phrases.map { start < end && $0.match(t, at: start, end: end) != nil })
            }
        }
    }

    @Test func phraseSetFindsTheFirstMatch() {
        var g = SplitMix(seed: 14)
        let set = PhraseSet(Self.phrases)
        for _ in 0..<3_000 {
            let t = Self.text(&g)
            let lo = t.isEmpty ? 0 : Int(g.next() % UInt64(t.count))
            let hi = lo + (t.count > lo ? Int(g.next() % UInt64(t.count - lo + 1)) : 0)
            var expected: (index: Int, range: Range<Int>)?
            search: for start in lo..<hi {
                for (k, p) in Self.phrases.enumerated() {
                    if let e = p.match(t, at: start, end: hi) { expected = (k, start..<e); break search }
                }
            }
            let got = set.findFirst(in: t, lo..<hi)
            #expect(got?.index == expected?.index && got?.range == expected?.range, "in \(lo)..<\(hi) of \(String(decoding: t, as: UTF8.self).debugDescription)")
        }
    }

    // MARK: Small lookup tables

    @Test func keyMapAgreesWithADictionary() {
        var g = SplitMix(seed: 15)
        for round in 0..<200 {
            // Small key spaces make repeated keys (the later one wins) and colliding slots common.
            let space = UInt64(round % 2 == 0 ? 64 : 1 << 40)
            let entries = (0..<Int(g.next() % 300)).map { _ in (g.next() % space, Int(g.next() % 1000)) }
            let map = KeyMap(entries)
            var reference: [UInt64: Int] = [:]
            var order: [UInt64] = []
            for (k, v) in entries {
                if reference[k] == nil { order.append(k) }
                reference[k] = v
            }
            #expect(map.keys == order)
            for _ in 0..<500 {
                let k = g.next() % space
                #expect(map[k] == reference[k])
                #expect(map.contains(k) == (reference[k] != nil))
            }
        }
    }

    @Test func wordSetAgreesWithLowerCasedComparison() {
        var g = SplitMix(seed: 16)
        let words = ["and", "or", "but", "dr", "vs", "e.g", "approximately", "a"]
        let set = WordSet(words)
        let reference = Set(words.map { Array($0.utf8) })
        let letters = Array("aAnNdDoOrRbBuUtTvVsS.eEgG".utf8) + [0xC3, 0x80]
        for _ in 0..<20_000 {
            let bytes = (0..<Int(g.next() % 6)).map { _ in letters[Int(g.next() % UInt64(letters.count))] }
            let lowered = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            #expect(set.contains(bytes, 0..<bytes.count) == reference.contains(lowered), "\(bytes)")
        }
    }
}
