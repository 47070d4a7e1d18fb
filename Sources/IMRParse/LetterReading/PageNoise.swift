import Foundation

/// Finds page furniture among a letter's lines: page numbers, the case number repeated at each page
/// break, running headers and footers, and URLs that a PDF extractor repeated out of place.
///
/// Furniture lines are marked, not removed: field text leaves them out (`LetterLines.clean`) while
/// every byte range still points into the original text.
enum PageNoise {
    static func mark(_ lines: inout LetterLines, caseNumber: String?) {
        let bytes = lines.bytes
        // The case number as a phrase, made for the first line that may hold it (most letters have none).
        var cnPhrase: Phrase? = nil
        func holdsCaseNumber(_ caseNumber: String, _ content: Range<Int>) -> Bool {
            if cnPhrase == nil { cnPhrase = Phrase(caseNumber) }
            return cnPhrase!.find(in: bytes, content) != nil
        }
        let cnNeedle = caseNumber.map { Array($0.utf8).map(TextScan.lower) } ?? []
        // A line that holds the case number holds its hyphen (or another byte that is not a letter,
        // which case folding leaves alone): memchr rejects most lines before the word-by-word test.
        let cnKey = cnNeedle.contains(45) ? 45 : cnNeedle.first { !TextScan.isAlpha($0) }
        // Where the key byte stands in the case number, when the number is one word (it always is:
        // a token ended by white space): the line must then hold its bytes around a key byte, a
        // test that rules out the dated and hyphenated lines before they are read word by word.
        let cnKeyOffset = cnNeedle.contains(where: TextScan.isSpace) ? nil : cnKey.flatMap { cnNeedle.firstIndex(of: $0) }
        var breaks: [Int] = []  // line indexes of page breaks (a page-number line, or the line after a form feed)
        for k in 0..<lines.count {
            let line = lines[k]
            if line.end < bytes.count, bytes[line.end] == 12 { breaks.append(k + 1) }
            let content = line.content
            if line.isBlank || content.count > 140 { continue }
            if mayBePageMarker(bytes, content), isPageMarker(bytes, content) {
                lines.lines[k].isNoise = true
                breaks.append(k)
            } else if let caseNumber, cnKey.map({ key in
                          cnKeyOffset.map { holdsNeedle(bytes, content, cnNeedle, key: key, at: $0) } ?? contains(bytes, content, key) }) ?? true,
                      bytes[content].contains(where: TextScan.isDigit),
                      isCaseNumberLine(bytes, content, needle: cnNeedle),
                      holdsCaseNumber(caseNumber, content) {
                // The word-by-word test before the search: most lines fail on their first word.
                lines.lines[k].isNoise = true
            }
        }
        RunningHeaders.mark(&lines, breaks: breaks)
        // Most letters hold no URL at all: look for "://" or "www." once.
        if containsURL(bytes) {
            markRepeatedURLs(&lines)
            markURLsAtBreaks(&lines, breaks: breaks)
        }
        lines.markFurnitureFollows()
    }

    /// A line holding only a URL right next to a page break is a page header or footer, even when it
    /// is not repeated ("https://www.dir.ca.gov/dwc/IMR.htm" above "Page 1 of 2").
    private static func markURLsAtBreaks(_ lines: inout LetterLines, breaks: [Int]) {
        guard !breaks.isEmpty else { return }
        let bytes = lines.bytes
        // A page's furniture is a few lines: the walk from a break stops after `furnitureReach` of them,
        // so that a text of thousands of noise lines between breaks stays linear.
        for b in breaks {
            var found = 0
            var k = b - 1
            while k >= 0, found < 1, b - k <= Self.furnitureReach {
                if !lines[k].isBlank { if !lines[k].isNoise { found += 1 }; if isURLOnly(bytes, lines[k].content), !continuesURL(lines, k) { lines.lines[k].isNoise = true } }
                k -= 1
            }
            found = 0
            k = b
            while k < lines.count, found < 1, k - b < Self.furnitureReach {
                if !lines[k].isBlank { if !lines[k].isNoise { found += 1 }; if isURLOnly(bytes, lines[k].content), !continuesURL(lines, k) { lines.lines[k].isNoise = true } }
                k += 1
            }
        }
    }

    /// How many lines on either side of a page break `markURLsAtBreaks` looks at.
    static let furnitureReach = 24

    /// Whether line `k` is the second half of a URL cut at the end of the line before ("(http://" /
    /// "www.odg-twc.com/odgtwc/pain.htm)."): text of a field, not a page footer.
    private static func continuesURL(_ lines: LetterLines, _ k: Int) -> Bool {
        guard let p = lines.previousSignificant(before: k) else { return false }
        let c = lines[p].content
        return c.count >= 2 && lines.bytes[c.upperBound - 1] == 47
    }

    /// "http…" or "www.…" with no space in it, brackets and punctuation around it allowed.
    static func isURLOnly(_ bytes: [UInt8], _ content: Range<Int>) -> Bool {
        var r = content
        while r.count > 0, !TextScan.isAlnum(bytes[r.lowerBound]) { r = (r.lowerBound + 1)..<r.upperBound }
        guard r.count >= 8, bytes[r.lowerBound] | 0x20 == 104 || bytes[r.lowerBound] | 0x20 == 119,
              urlStarts.findFirst(in: bytes, r.lowerBound..<min(r.upperBound, r.lowerBound + 4))?.range.lowerBound == r.lowerBound
        else { return false }
        return !bytes[r].contains(where: TextScan.isSpace)
    }

    /// Whether `byte` occurs in `bytes[range]` (memchr is vectorised).
    private static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ byte: UInt8) -> Bool {
        bytes.withUnsafeBufferPointer { memchr($0.baseAddress! + range.lowerBound, Int32(byte), range.count) != nil }
    }

    /// Whether `range` holds `needle` (lower case, no white space) in any case, found from each
    /// `key` byte (memchr), which stands at `offset` in the needle. What a match of the case
    /// number's phrase needs at least (a phrase without spaces matches its bytes exactly, any case).
    private static func holdsNeedle(_ bytes: [UInt8], _ range: Range<Int>, _ needle: [UInt8], key: UInt8, at offset: Int) -> Bool {
        let n = needle.count
        guard n > 0, range.count >= n else { return false }
        return bytes.withUnsafeBufferPointer { b in
            let base = b.baseAddress!
            var h = range.lowerBound + offset
            let last = range.upperBound - n + offset  // the last place the key may stand
            while h <= last, let hit = memchr(base + h, Int32(key), last + 1 - h) {
                h = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let s = h - offset
                var i = 0
                while i < n, TextScan.lower(b[s + i]) == needle[i] { i += 1 }
                if i == n { return true }
                h += 1
            }
            return false
        }
    }

    // MARK: Page numbers

    /// Whether `content` has the shape every page marker has: it ends with a digit, is short and ends
    /// with a hyphen ("- 2 -"), or starts with "p" ("Page 2 of 4 …"). Every page marker also holds a digit.
    @inline(__always)
    static func mayBePageMarker(_ bytes: [UInt8], _ content: Range<Int>) -> Bool {
        let last = bytes[content.upperBound - 1]
        return TextScan.isDigit(last) || (last == 45 && content.count <= 24) || bytes[content.lowerBound] | 0x20 == 112
    }

    /// "Page 2 of 4", "Page 2", "- 2 -", "2 of 4", or a short line that ends or starts with "Page 2 of 4".
    static func isPageMarker(_ bytes: [UInt8], _ content: Range<Int>) -> Bool {
        // Short lines: compare word by word.
        if content.count <= 24 {
            let w = ShortWords(bytes, content)
            func isNumber(_ r: Range<Int>) -> Bool { r.count <= 4 && bytes[r].allSatisfy(TextScan.isDigit) }
            func isWord(_ r: Range<Int>, _ s: StaticString) -> Bool {
                r.count == s.utf8CodeUnitCount && zip(bytes[r], UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)).allSatisfy { TextScan.lower($0) == $1 }
            }
            func isHyphen(_ r: Range<Int>) -> Bool { r.count == 1 && bytes[r.lowerBound] == 45 }
            if w.count == 2, isWord(w.first, "page"), isNumber(w.second) { return true }
            if w.count == 3, isHyphen(w.first), isNumber(w.second), isHyphen(w.third) { return true }
            if w.count == 3, isNumber(w.first), isWord(w.second, "of"), isNumber(w.third) { return true }
        }
        // "… Page N of M" at the end of the line.
        if let start = pageOfBackward(bytes, content), start == content.lowerBound || TextScan.isSpace(bytes[start - 1]) {
            return true
        }
        // "Page N of M …" at the start of a short line, or of a footer whose text stands after a
        // column gap ("Pg 1 of 2          This determination is final and binding (Labor Code 4610.6).").
        if content.count <= 160, let e = pageOfForward(bytes, content), e == content.upperBound || TextScan.isSpace(bytes[e]) {
            if content.count <= 80 { return true }
            if e + 3 <= content.upperBound, bytes[e] == 9 || (bytes[e] == 32 && bytes[e + 1] == 32 && bytes[e + 2] == 32) { return true }
        }
        return false
    }

    private static let pageWord = Phrase("page"), ofWord = Phrase("of")
    /// "Pg 2 of 4", "Pg. 2 of 4": the page word abbreviated.
    private static let pgWord = Phrase("pg")

    /// "Page N of M" starting at the beginning of `content`: its end.
    private static func pageOfForward(_ b: [UInt8], _ content: Range<Int>) -> Int? {
        let end = content.upperBound
        guard var i = pageWord.match(b, at: content.lowerBound, end: end) ?? pgWord.match(b, at: content.lowerBound, end: end) else { return nil }
        if i < end, b[i] == 46 { i += 1 }  // "Pg."
        func spaces() -> Bool { let s = i; while i < end, b[i] == 32 || b[i] == 9 { i += 1 }; return i > s }
        func number() -> Bool { let s = i; while i < end, TextScan.isDigit(b[i]), i - s < 5 { i += 1 }; return i > s && i - s <= 4 }
        guard spaces(), number() else { return nil }
        // "Page 2 of 3", or "page 2 / 3" (a slash for "of", with or without spaces around it).
        let gap = spaces()
        if i < end, b[i] == 47 {
            i += 1
            _ = spaces()
        } else {
            guard gap, let o = ofWord.match(b, at: i, end: end) else { return nil }
            i = o
            guard spaces() else { return nil }
        }
        guard number() else { return nil }
        return i
    }

    /// "Page N of M" ending at the end of `content`: its start.
    private static func pageOfBackward(_ b: [UInt8], _ content: Range<Int>) -> Int? {
        let lo = content.lowerBound
        var i = content.upperBound
        func spaces() -> Bool { let s = i; while i > lo, b[i - 1] == 32 || b[i - 1] == 9 { i -= 1 }; return i < s }
        func number() -> Bool { let s = i; while i > lo, TextScan.isDigit(b[i - 1]), s - i < 5 { i -= 1 }; return i < s && s - i <= 4 }
        func word(_ w: StaticString) -> Bool {
            let n = w.utf8CodeUnitCount
            guard i - n >= lo else { return false }
            for k in 0..<n where TextScan.lower(b[i - n + k]) != w.utf8Start[k] { return false }
            i -= n
            return true
        }
        guard number() else { return nil }
        // "of" between spaces, or a slash ("page 2 / 3", "page 2/3").
        let gap = spaces()
        if i > lo, b[i - 1] == 47 {
            i -= 1
            _ = spaces()
        } else {
            guard gap, word("of"), spaces() else { return nil }
        }
        guard number(), spaces(), word("page") else { return nil }
        return i
    }

    // MARK: Case number repeated at page breaks

    private static let furnitureWords = WordSet([
        "final", "determination", "letter", "for", "imr", "case", "number", "no", "no.", "#", "page", "of",
        "maximus", "federal", "services", "services,", "inc", "inc.", "independent", "medical", "review", "-", "|",
    ])

    /// A short line made only of the case number and furniture words ("Final Determination Letter for
    /// IMR Case Number CM13-0012345  Page 2 of 5").
    /// `needle` is the case number in lower case.
    static func isCaseNumberLine(_ bytes: [UInt8], _ content: Range<Int>, needle: [UInt8]) -> Bool {
        var found = false
        var i = content.lowerBound
        while i < content.upperBound {
            if TextScan.isSpace(bytes[i]) { i += 1; continue }
            let start = i
            while i < content.upperBound, !TextScan.isSpace(bytes[i]) { i += 1 }
            var end = i
            while end > start, bytes[end - 1] == 58 || bytes[end - 1] == 44 { end -= 1 }  // ':' ','
            let word = bytes[start..<end]
            if word.count == needle.count, zip(word, needle).allSatisfy({ TextScan.lower($0) == $1 }) { found = true; continue }
            if word.isEmpty || word.allSatisfy(TextScan.isDigit) { continue }
            if furnitureWords.contains(bytes, start..<end) { continue }
            // An en or em dash between the words ("Final Determination – CM15-0019963").
            if end - start == 3, bytes[start] == 0xE2, bytes[start + 1] == 0x80, bytes[start + 2] == 0x93 || bytes[start + 2] == 0x94 { continue }
            return false
        }
        return found
    }

    // MARK: URLs repeated out of place

    /// A line holding only a URL already given earlier in the letter (seed letters repeat
    /// "http://www.odg-twc.com/odgtwc/knee.htm)" between unrelated fields).
    private static func markRepeatedURLs(_ lines: inout LetterLines) {
        let bytes = lines.bytes
        // Where a URL may start, found in one pass over the text; then only the lines holding one.
        var starts: [Int] = []
        urlStarts.scanMatches(bytes, 0..<bytes.count) { i, _, _ in starts.append(i); return true }
        // The keys seen so far and those of the current line, as ranges of the text (no array per URL).
        var known: [URLKey] = []
        var urls: [(key: URLKey, start: Int, end: Int)] = []
        var m = 0
        while m < starts.count {
            let k = lines.lineIndex(at: starts[m])
            let content = lines[k].content
            urls.removeAll(keepingCapacity: true)
            var i = content.lowerBound
            if starts[m] >= content.upperBound { m += 1; continue }  // cannot happen: a match starts inside a line's content
            while m < starts.count, starts[m] < content.upperBound {
                let s = starts[m]
                m += 1
                guard s >= i else { continue }  // inside the URL before
                let (urlKey, end) = url(bytes, at: s, end: content.upperBound)
                if !urlKey.range.isEmpty { urls.append((urlKey, s, end)) }
                i = max(end, s + 1)
            }
            if urls.count == 1, let u = urls.first, known.contains(where: { $0.same(u.key, bytes) }), !lines[k].isNoise {
                // URL-only: nothing but brackets and punctuation around it.
                let before = bytes[content.lowerBound..<u.start].allSatisfy { !TextScan.isAlnum($0) }
                let after = bytes[u.end..<content.upperBound].allSatisfy { !TextScan.isAlnum($0) }
                if before && after { lines.lines[k].isNoise = true; continue }
            }
            for u in urls where !known.contains(where: { $0.same(u.key, bytes) }) { known.append(u.key) }
        }
    }

    /// A URL's comparison key: its range of the text, compared lower-cased, with a hash of that.
    private struct URLKey {
        let range: Range<Int>
        let hash: UInt64

        init(_ bytes: [UInt8], _ range: Range<Int>) {
            self.range = range
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for i in range { h = (h ^ UInt64(TextScan.lower(bytes[i]))) &* 0x100_0000_01b3 }
            hash = h
        }

        func same(_ other: URLKey, _ bytes: [UInt8]) -> Bool {
            guard hash == other.hash, range.count == other.range.count else { return false }
            var a = range.lowerBound, b = other.range.lowerBound
            while a < range.upperBound {
                if TextScan.lower(bytes[a]) != TextScan.lower(bytes[b]) { return false }
                a += 1
                b += 1
            }
            return true
        }
    }

    /// "http" or "www." at a word start.
    private static let urlStarts = PhraseSet([Phrase("http"), Phrase("www.")])
    private static let https = Phrase("https://"), httpScheme = Phrase("http://")

    static func containsURL(_ bytes: [UInt8]) -> Bool {
        containsURL(bytes, 0..<bytes.count)
    }

    /// Whether `bytes[range]` holds "://" or "www.", as if it were a text of its own (read in
    /// place: no copy of the range).
    static func containsURL(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { whole in
            let b = UnsafeBufferPointer(rebasing: whole[range])
            guard let base = b.baseAddress else { return false }
            let n = b.count
            // memchr is vectorised in the C library: jump from one '/' or '.' to the next.
            func each(_ byte: UInt8, _ test: (Int) -> Bool) -> Bool {
                var i = 0
                while i < n, let hit = memchr(base + i, Int32(byte), n - i) {
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if test(at) { return true }
                    i = at + 1
                }
                return false
            }
            if each(47, { $0 >= 1 && $0 + 1 < n && b[$0 - 1] == 58 && b[$0 + 1] == 47 }) { return true }
            return each(46, { $0 >= 3 && b[$0 - 1] | 0x20 == 119 && b[$0 - 2] | 0x20 == 119 && b[$0 - 3] | 0x20 == 119 })
        }
    }

    /// The comparison key of the URL at `start` ("http:// www.x.com/a.htm)." → "www.x.com/a.htm",
    /// lower-cased) and its end.
    private static func url(_ bytes: [UInt8], at start: Int, end: Int) -> (URLKey, Int) {
        var i = start
        // Scheme, and the space PDF extraction sometimes leaves after it.
        if let m = https.match(bytes, at: i, end: end) ?? httpScheme.match(bytes, at: i, end: end) {
            i = m
            while i < end, bytes[i] == 32 { i += 1 }
        }
        let keyStart = i
        while i < end, !TextScan.isSpace(bytes[i]) { i += 1 }
        var keyEnd = i
        while keyEnd > keyStart, bytes[keyEnd - 1] == 41 || bytes[keyEnd - 1] == 46 || bytes[keyEnd - 1] == 44 || bytes[keyEnd - 1] == 59 || bytes[keyEnd - 1] == 93 {
            keyEnd -= 1
        }
        return (URLKey(bytes, keyStart..<keyEnd), i)
    }
}

/// The first three words of a short line, as ranges, and how many words it has (counting stops at
/// four: no short page marker has more than three).
struct ShortWords {
    private(set) var count = 0
    private(set) var first = 0..<0, second = 0..<0, third = 0..<0

    init(_ bytes: [UInt8], _ range: Range<Int>) {
        var i = range.lowerBound
        while i < range.upperBound, count < 4 {
            if TextScan.isSpace(bytes[i]) { i += 1; continue }
            let start = i
            while i < range.upperBound, !TextScan.isSpace(bytes[i]) { i += 1 }
            switch count {
            case 0: first = start..<i
            case 1: second = start..<i
            case 2: third = start..<i
            default: break
            }
            count += 1
        }
    }
}
