import Testing
@testable import IMRParse

@Suite struct TokenizerTests {
    private func texts(_ s: String) -> [String] {
        let bytes = Array(s.utf8)
        return Tokenizer.tokens(bytes, 0..<bytes.count).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test func wordsNumbersAndMarks() {
        #expect(texts("Left L2-3 ESI, 80% relief.") == ["Left", "L2", "-", "3", "ESI", ",", "80", "%", "relief", "."])
        #expect(texts("3x2 10mg q6h #90") == ["3x2", "10mg", "q6h", "#", "90"])
        #expect(texts("patient's post-injection") == ["patient", "'", "s", "post", "-", "injection"])
    }

    @Test func kinds() {
        let toks = Tokenizer.tokens("L4 46 09 3x2 ; é")
        #expect(toks.map(\.kind) == [.word, .number, .number, .word, .punct, .word])
        #expect(toks.map(\.hasDigits) == [true, true, true, true, false, false])
    }

    @Test func keysIgnoreCaseAndPlural() {
        #expect(Tokenizer.key(of: "Injections") == Tokenizer.key(of: "injection"))
        #expect(Tokenizer.key(of: "ESIs") == Tokenizer.key(of: "ESI"))
        #expect(Tokenizer.key(of: "LEVELS") == Tokenizer.key(of: "level"))
        // Not stemmed: short words, -ss, -us, -is.
        #expect(Tokenizer.key(of: "was") != Tokenizer.key(of: "wa"))
        #expect(Tokenizer.key(of: "status") != Tokenizer.key(of: "statu"))
        #expect(Tokenizer.key(of: "diagnosis") != Tokenizer.key(of: "diagnosi"))
        #expect(Tokenizer.key(of: "less") != Tokenizer.key(of: "les"))
        #expect(Tokenizer.key(of: "this") != Tokenizer.key(of: "thi"))
        #expect(Tokenizer.key(of: "pains") == Tokenizer.key(of: "pain"))
        // The key of a token in running text equals the key of the word alone.
        let toks = Tokenizer.tokens("Repeat INJECTIONS were given")
        #expect(toks[1].key == Tokenizer.key(of: "injection"))
    }

    @Test func unicodePunctuationAndSpaces() {
        let s = "pain\u{2014}which \u{201C}helped\u{201D}\u{00A0}a lot\u{2026} caf\u{00E9}"
        #expect(texts(s) == ["pain", "\u{2014}", "which", "\u{201C}", "helped", "\u{201D}", "a", "lot", "\u{2026}", "caf\u{00E9}"])
        let toks = Tokenizer.tokens(s)
        #expect(toks[1].key == Tokenizer.key(of: "-"))
        #expect(toks[3].key == Tokenizer.key(of: "\""))
        #expect(toks[8].key == Tokenizer.key(of: "."))
    }

    @Test func offsetsRoundTripWithMultibyteText() {
        let s = "Café “quoted” — naïve 7-\n\n8/10 résumé"
        let source = SourceText(path: "t", string: s)
        let toks = Tokenizer.tokens(source.bytes, 0..<source.bytes.count)
        let joined = toks.map { source.string($0.range) }
        #expect(joined == ["Café", "“", "quoted", "”", "—", "naïve", "7", "-", "8", "/", "10", "résumé"])
        for t in toks { #expect(source.string(t.range) == String(decoding: source.bytes[t.range], as: UTF8.self)) }
    }

    @Test func segmentsOfMixedWords() {
        let bytes = Array("3x2 L4 10mg".utf8)
        let toks = Tokenizer.tokens(bytes, 0..<bytes.count)
        func seg(_ t: Token) -> [String] { Tokenizer.segments(of: t, in: bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) } }
        #expect(seg(toks[0]) == ["3", "x", "2"])
        #expect(seg(toks[1]) == ["L", "4"])
        #expect(seg(toks[2]) == ["10", "mg"])
        #expect(Tokenizer.segments(of: toks[0], in: bytes).map(\.isDigits) == [true, false, true])
    }

    @Test func phraseKeysSkipPunctuation() {
        #expect(Tokenizer.keys(ofPhrase: "post-injection") == Tokenizer.keys(ofPhrase: "post injection"))
        #expect(Tokenizer.keys(ofPhrase: "Epidural Steroid Injections").count == 3)
    }

    @Test func denseAndLongTextAcrossChunks() {
        // A token per byte fills the room of a chunk many times over; 100 KB spans several chunks.
        let dense = String(repeating: "a,", count: 60_000)
        let toks = Tokenizer.tokens(dense)
        #expect(toks.count == 120_000)
        #expect(toks.enumerated().allSatisfy { $0.element.start == Int32($0.offset) && $0.element.end == Int32($0.offset + 1) })
        #expect(Set(toks.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.key)) == [Tokenizer.key(of: "a")])
        let words = String(repeating: "Epidural injections were given. ", count: 4_000)
        let wt = Tokenizer.tokens(words)
        #expect(wt.count == 20_000)
        #expect(wt.filter { $0.key == Tokenizer.key(of: "injection") }.count == 4_000)
        // A word longer than a chunk stays one token.
        let long = String(repeating: "x", count: 70_000) + " end"
        #expect(Tokenizer.tokens(long).map(\.length) == [70_000, 3])
    }

    @Test func subrangeAndEmpty() {
        let bytes = Array("  no  pain ".utf8)
        #expect(Tokenizer.tokens(bytes, 0..<0).isEmpty)
        #expect(Tokenizer.tokens(bytes, 2..<4).map(\.range) == [2..<4])
        #expect(Tokenizer.tokens(bytes, 0..<bytes.count).count == 2)
    }
}
