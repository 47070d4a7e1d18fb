import Testing
@testable import IMRParse

@Suite struct ClinicalTextTests {
    @Test func tokensSentencesAndRegions() {
        let text = "HEADER LINE\n\nNo fever. She reports pain.\n\nIgnored part. Last region here."
        let source = SourceText(path: "t", string: text)
        let b = source.bytes
        let r1 = Array("HEADER LINE\n\n".utf8).count..<Array("HEADER LINE\n\nNo fever. She reports pain.".utf8).count
        let r2 = Array("HEADER LINE\n\nNo fever. She reports pain.\n\nIgnored part. ".utf8).count..<b.count
        let clinical = ClinicalText(source: source, regions: [r1, r2], engine: ContextEngineTests.small)
        #expect(clinical.sentences.map { source.string($0.range) } == ["No fever.", "She reports pain.", "Last region here."])
        #expect(clinical.tokens.allSatisfy { r1.contains(Int($0.start)) || r2.contains(Int($0.start)) })
        for s in clinical.sentences {
            let toks = clinical.tokens[s.tokenRange]
            #expect(toks.allSatisfy { s.range.contains(Int($0.start)) && Int($0.end) <= s.range.upperBound })
        }
        #expect(clinical.sentences.map(\.startsParagraph) == [true, false, true])
        #expect(clinical.sentenceIndex(containingToken: clinical.sentences[2].tokenRange.lowerBound) == 2)
        #expect(clinical.sentenceIndex(containingToken: clinical.tokens.count) == nil)
    }

    @Test func multibyteOffsetsRoundTrip() {
        let text = "Naïve café patient — “denies” numbness. Résumé: no fever; pain 7/10 ✓."
        let source = SourceText(path: "t", string: text)
        let clinical = ClinicalText(source: source, engine: ContextEngineTests.small)
        let scalars = Array(text.unicodeScalars)
        for (i, s) in clinical.sentences.enumerated() {
            let span = source.span(s.range)
            #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == span.text)
            for t in clinical.tokens[s.tokenRange] {
                let ts = source.span(t.range)
                #expect(String(String.UnicodeScalarView(scalars[ts.start..<ts.end])) == ts.text)
            }
            #expect(clinical.sentenceIndex(containingToken: s.tokenRange.lowerBound) == i)
        }
        #expect(clinical.sentences.map { source.string($0.range) } == ["Naïve café patient — “denies” numbness.", "Résumé: no fever; pain 7/10 ✓."])
        let fever = clinical.tokenRange(covering: Array("Naïve café patient — “denies” numbness. Résumé: no ".utf8).count..<Array("Naïve café patient — “denies” numbness. Résumé: no fever".utf8).count)
        #expect(clinical.text(ofTokens: fever) == "fever")
        #expect(clinical.context(of: fever)?.assertion == .negated)
    }

    @Test func emptyInput() {
        let clinical = ClinicalText(source: SourceText(path: "t", string: ""), engine: ContextEngineTests.small)
        #expect(clinical.tokens.isEmpty)
        #expect(clinical.sentences.isEmpty)
        #expect(clinical.byteRange(ofTokens: 0..<0) == 0..<0)
    }
}
