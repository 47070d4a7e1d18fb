import Testing
@testable import IMRParse

/// `WordStem`: the inflections of one word share a stem, and the words that must stay apart do.
@Suite struct WordStemTests {
    /// Each row: words that must share one key.
    static let sameKey: [[String]] = [
        ["radiate", "radiates", "radiating", "radiated"],
        ["shoot", "shoots", "shooting"],
        ["travel", "travels", "traveling", "traveled", "travelling", "travelled"],
        ["extend", "extends", "extending", "extended"],
        ["deny", "denies", "denied", "denying"],
        ["therapy", "therapies"],
        ["note", "notes", "noted", "noting"],
        ["state", "states", "stated"],
        ["take", "takes", "taking"],
        ["improve", "improves", "improved", "improving"],
        ["fail", "fails", "failed", "failing"],
        ["tingle", "tingles", "tingling"],
        ["ache", "aches", "aching"],
        ["abut", "abuts", "abutting", "abutted"],
        ["impinge", "impinges", "impinging", "impinged"],
        ["fall", "falls", "falling"],
        ["finding", "findings", "find", "finds"],
        ["injection", "injections", "Injections"],
        ["ESI", "ESIs", "esi"],
        ["day", "days"],
        ["one", "ones"],
        ["agree", "agreed"],
        ["bleed", "bleeding", "bleeds"],
    ]
    /// Words that must keep apart.
    static let differentKeys: [(String, String)] = [
        ("noted", "not"), ("noting", "not"), ("radiation", "radiate"), ("need", "ne"), ("one", "on"), ("used", "us"), ("being", "be"), ("bring", "br"),
        ("improvement", "improve"), ("status", "statu"), ("this", "thi"), ("was", "wa"), ("has", "ha"),
        ("less", "le"), ("diagnosis", "diagnosi"), ("numbness", "numbnes"), ("positive", "position"),
    ]

    @Test func inflectionsShareAKey() {
        for row in Self.sameKey {
            let keys = Set(row.map { Tokenizer.key(of: $0) })
            #expect(keys.count == 1, "\(row) give \(keys.count) keys: \(row.map(WordStem.stem(of:)))")
        }
    }

    @Test func otherWordsKeepApart() {
        for (a, b) in Self.differentKeys {
            #expect(Tokenizer.key(of: a) != Tokenizer.key(of: b), "\(a) and \(b) share a key: \(WordStem.stem(of: a)) \(WordStem.stem(of: b))")
        }
    }

    /// The tokenizer's key of a word is the hash of its stem: one path for text and phrases.
    @Test func tokenKeyIsTheStemsHash() {
        for word in Self.sameKey.joined() where word.allSatisfy(\.isLetter) {
            let stem = WordStem.stem(of: word)
            // A stem of three or more letters that ends in no suffix letter hashes as itself.
            var h = Tokenizer.fnvOffset
            for b in stem.utf8 { h = (h ^ UInt64(b)) &* Tokenizer.fnvPrime }
            #expect(Tokenizer.key(of: word) == h, "\(word) → \(stem)")
        }
    }
}
