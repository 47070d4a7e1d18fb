import Testing
@testable import IMRParse

@Suite struct PhraseTrieTests {
    private func matches(_ trie: PhraseTrie, _ text: String, nonOverlapping: Bool = false) -> [(String, Int32)] {
        let bytes = Array(text.utf8)
        let toks = Tokenizer.tokens(bytes, 0..<bytes.count)
        return trie.matches(in: toks, 0..<toks.count, nonOverlapping: nonOverlapping).map { m in
            (String(decoding: bytes[Int(toks[m.tokenRange.lowerBound].start)..<Int(toks[m.tokenRange.upperBound - 1].end)], as: UTF8.self), m.id)
        }
    }

    @Test func longestMatchCaseAndPlural() {
        var trie = PhraseTrie()
        trie.add("epidural steroid injection", id: 1)
        trie.add("epidural", id: 2)
        trie.add("ESI", id: 3)
        let found = matches(trie, "Repeat Epidural Steroid Injections and ESIs", nonOverlapping: true)
        #expect(found.map(\.0) == ["Epidural Steroid Injections", "ESIs"])
        #expect(found.map(\.1) == [1, 3])
    }

    @Test func overlappingReportsLongestAtEachPosition() {
        var trie = PhraseTrie()
        trie.add("no evidence of", id: 1)
        trie.add("evidence of", id: 2)
        let found = matches(trie, "There is no evidence of radiculopathy")
        #expect(found.map(\.1) == [1, 2])
        #expect(matches(trie, "There is no evidence of radiculopathy", nonOverlapping: true).map(\.1) == [1])
    }

    @Test func punctuationIgnoredInsidePhrases() {
        var trie = PhraseTrie()
        trie.add("post injection physical therapy", id: 7)
        trie.add("s/p", id: 8)
        #expect(matches(trie, "post-injection physical therapy").map(\.1) == [7])
        #expect(matches(trie, "post \n\ninjection (physical) therapy").map(\.1) == [7])
        #expect(matches(trie, "S/P fusion").map(\.1) == [8])
        #expect(matches(trie, "s p fusion").map(\.1) == [8])
    }

    @Test func sentencePunctuationFollowedBySpaceBreaksAPhrase() {
        var trie = PhraseTrie()
        trie.add("pain numbness", id: 1)
        trie.add("1.5 mg", id: 2)
        #expect(matches(trie, "pain, numbness").isEmpty)
        #expect(matches(trie, "pain numbness").map(\.1) == [1])
        #expect(matches(trie, "take 1.5 mg").map(\.1) == [2])
    }

    @Test func severalIDsShareAPhrase() {
        var trie = PhraseTrie()
        trie.add("radiculopathy", id: 4)
        trie.add("Radiculopathy", id: 9)
        #expect(Set(matches(trie, "lumbar radiculopathy").map(\.1)) == [4, 9])
        #expect(trie.count == 2)
    }

    @Test func punctuationPhrase() {
        var trie = PhraseTrie()
        trie.add(";", id: 5)
        trie.add("but", id: 6)
        #expect(matches(trie, "no pain; but swelling").map(\.1) == [5, 6])
    }

    @Test func growsBeyondInitialCapacity() {
        var trie = PhraseTrie()
        for i in 0..<2000 { trie.add("phrase number w\(i) end", id: Int32(i)) }
        #expect(matches(trie, "a phrase number w1234 end here").map(\.1) == [1234])
        #expect(matches(trie, "a phrase number w1234 ends here").map(\.1) == [1234])
        #expect(matches(trie, "a phrase number w99999 end").isEmpty)
    }

    @Test func rangeIsRespected() {
        var trie = PhraseTrie()
        trie.add("low back pain", id: 1)
        let toks = Tokenizer.tokens("low back pain")
        #expect(trie.matches(in: toks, 0..<2).isEmpty)
        #expect(trie.matches(in: toks, 0..<3).map(\.tokenRange) == [0..<3])
    }
}
