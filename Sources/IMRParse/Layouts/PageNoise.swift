import Foundation

/// Finds page furniture among a letter's lines: page numbers, the case number repeated at each page
/// break, running headers and footers, and URLs that a PDF extractor repeated out of place.
///
/// Furniture lines are marked, not removed: field text leaves them out (`LetterLines.clean`) while
/// every byte range still points into the original text.
enum PageNoise {
    static func mark(_ lines: inout LetterLines, caseNumber: String?) {
        let bytes = lines.bytes
        let cnPhrase = caseNumber.map(Phrase.init)
        var breaks: [Int] = []  // line indexes of page breaks (a page-number line, or the line after a form feed)
        for k in 0..<lines.count {
            let line = lines[k]
            if line.end < bytes.count, bytes[line.end] == 12 { breaks.append(k + 1) }
            if line.isBlank || line.content.count > 140 { continue }
            // Every page marker holds a digit; a case-number line holds the case number.
            guard bytes[line.content].contains(where: TextScan.isDigit) else { continue }
            if isPageMarker(bytes, line.content) {
                lines.lines[k].isNoise = true
                breaks.append(k)
            } else if let cn = caseNumber, let cnPhrase, cnPhrase.find(in: bytes, line.content) != nil,
                      isCaseNumberLine(bytes, line.content, caseNumber: cn) {
                lines.lines[k].isNoise = true
            }
        }
        markRunningHeaders(&lines, breaks: breaks)
        markRepeatedURLs(&lines)
    }

    // MARK: Page numbers

    /// "Page 2 of 4", "Page 2", "- 2 -", "2 of 4", or a short line that ends or starts with "Page 2 of 4".
    static func isPageMarker(_ bytes: [UInt8], _ content: Range<Int>) -> Bool {
        // Short lines: compare word by word.
        if content.count <= 24 {
            let w = Words(bytes, content).list
            func isNumber(_ k: Int) -> Bool { k < w.count && w[k].allSatisfy(TextScan.isDigit) && w[k].count <= 4 }
            func isWord(_ k: Int, _ s: String) -> Bool { k >= 0 && k < w.count && w[k].map(TextScan.lower) == Array(s.utf8) }
            if w.count == 2, isWord(0, "page"), isNumber(1) { return true }
            if w.count == 3, w[0] == [45], isNumber(1), w[2] == [45] { return true }
            if w.count == 3, isNumber(0), isWord(1, "of"), isNumber(2) { return true }
        }
        // "… Page N of M" at the end of the line.
        if let start = pageOfBackward(bytes, content), start == content.lowerBound || TextScan.isSpace(bytes[start - 1]) {
            return true
        }
        // "Page N of M …" at the start of a short line.
        if content.count <= 80, let e = pageOfForward(bytes, content), e == content.upperBound || TextScan.isSpace(bytes[e]) {
            return true
        }
        return false
    }

    private static let pageWord = Phrase("page"), ofWord = Phrase("of")

    /// "Page N of M" starting at the beginning of `content`: its end.
    private static func pageOfForward(_ b: [UInt8], _ content: Range<Int>) -> Int? {
        let end = content.upperBound
        guard var i = pageWord.match(b, at: content.lowerBound, end: end) else { return nil }
        func spaces() -> Bool { let s = i; while i < end, b[i] == 32 || b[i] == 9 { i += 1 }; return i > s }
        func number() -> Bool { let s = i; while i < end, TextScan.isDigit(b[i]), i - s < 5 { i += 1 }; return i > s && i - s <= 4 }
        guard spaces(), number(), spaces(), let o = ofWord.match(b, at: i, end: end) else { return nil }
        i = o
        guard spaces(), number() else { return nil }
        return i
    }

    /// "Page N of M" ending at the end of `content`: its start.
    private static func pageOfBackward(_ b: [UInt8], _ content: Range<Int>) -> Int? {
        let lo = content.lowerBound
        var i = content.upperBound
        func spaces() -> Bool { let s = i; while i > lo, b[i - 1] == 32 || b[i - 1] == 9 { i -= 1 }; return i < s }
        func number() -> Bool { let s = i; while i > lo, TextScan.isDigit(b[i - 1]), s - i < 5 { i -= 1 }; return i < s && s - i <= 4 }
        func word(_ w: String) -> Bool {
            let u = Array(w.utf8)
            guard i - u.count >= lo else { return false }
            for (k, c) in u.enumerated() where TextScan.lower(b[i - u.count + k]) != c { return false }
            i -= u.count
            return true
        }
        guard number(), spaces(), word("of"), spaces(), number(), spaces(), word("page") else { return nil }
        return i
    }

    // MARK: Case number repeated at page breaks

    private static let furnitureWords: Set<String> = [
        "final", "determination", "letter", "for", "imr", "case", "number", "no", "no.", "#", "page", "of",
        "maximus", "federal", "services", "services,", "inc", "inc.", "independent", "medical", "review", "-", "|",
    ]

    /// A short line made only of the case number and furniture words ("Final Determination Letter for
    /// IMR Case Number CM13-0012345  Page 2 of 5").
    static func isCaseNumberLine(_ bytes: [UInt8], _ content: Range<Int>, caseNumber: String) -> Bool {
        let needle = Array(caseNumber.utf8).map(TextScan.lower)
        var found = false
        for word in Words(bytes, content).list {
            var lower = word.map(TextScan.lower)
            while let last = lower.last, last == 58 || last == 44 { lower.removeLast() }  // ':' ','
            if lower == needle { found = true; continue }
            if lower.isEmpty || lower.allSatisfy(TextScan.isDigit) { continue }
            if furnitureWords.contains(String(decoding: lower, as: UTF8.self)) { continue }
            return false
        }
        return found
    }

    // MARK: Running headers and footers

    /// Lines that repeat next to two or more page breaks (or the top and bottom of the letter).
    private static func markRunningHeaders(_ lines: inout LetterLines, breaks: [Int]) {
        guard !breaks.isEmpty else { return }
        var zones: [[Int]] = []
        func neighbours(of k: Int, forward: Bool, limit: Int = 2) -> [Int] {
            var out: [Int] = []
            var j = forward ? k : k - 1
            while j >= 0, j < lines.count, out.count < limit {
                if !lines[j].isBlank && !lines[j].isNoise { out.append(j) }
                j += forward ? 1 : -1
            }
            return out
        }
        // The top of the first page counts as a zone; the end of the letter does not, since the last
        // lines of two items' rationales can be word for word the same.
        zones.append(neighbours(of: 0, forward: true))
        // A page-number line and the form feed next to it are one page break: key each break by the first
        // line of text after it.
        var seenBreaks = Set<Int>()
        for b in breaks {
            var next = b
            while next < lines.count, lines[next].isBlank || lines[next].isNoise { next += 1 }
            guard seenBreaks.insert(next).inserted else { continue }
            zones.append(neighbours(of: next, forward: false) + neighbours(of: next, forward: true))
        }
        func candidate(_ k: Int) -> Bool {
            let c = lines[k].content
            return c.count <= 100 && !(c.count > 30 && lines.bytes[c.upperBound - 1] == 46)
        }
        // A line is a running header when the same text stands at two different places, each next to a
        // page break (the same line next to two nearby breaks does not count).
        var seen: [[UInt8]: Set<Int>] = [:]
        for zone in zones {
            for k in zone where candidate(k) {
                seen[key(lines.bytes, lines[k].content), default: []].insert(k)
            }
        }
        for zone in zones {
            for k in zone where candidate(k) {
                if let ks = seen[key(lines.bytes, lines[k].content)], ks.count >= 2 { lines.lines[k].isNoise = true }
            }
        }
    }

    /// Lower case, white space folded, digits collapsed (so "Page 2" and "Page 3" compare equal).
    private static func key(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        for b in TextScan.foldWhitespace(bytes, range) {
            let l = TextScan.lower(b)
            if TextScan.isDigit(l) { if out.last != 35 { out.append(35) } } else { out.append(l) }
        }
        return out
    }

    // MARK: URLs repeated out of place

    /// A line holding only a URL already given earlier in the letter (seed letters repeat
    /// "http://www.odg-twc.com/odgtwc/knee.htm)" between unrelated fields).
    private static func markRepeatedURLs(_ lines: inout LetterLines) {
        let bytes = lines.bytes
        let http = Phrase("http"), www = Phrase("www.")
        // Most letters hold no URL at all: look for "://" or "www." first.
        guard containsURL(bytes) else { return }
        var known: Set<[UInt8]> = []
        for k in 0..<lines.count where !lines[k].isBlank {
            let content = lines[k].content
            var urls: [(key: [UInt8], start: Int, end: Int)] = []
            var i = content.lowerBound
            while i < content.upperBound {
                let l = bytes[i] | 0x20
                if l == 104 || l == 119, http.match(bytes, at: i, end: content.upperBound) != nil || www.match(bytes, at: i, end: content.upperBound) != nil {
                    let (urlKey, end) = url(bytes, at: i, end: content.upperBound)
                    if !urlKey.isEmpty { urls.append((urlKey, i, end)) }
                    i = max(end, i + 1)
                } else {
                    i += 1
                }
            }
            if urls.count == 1, let u = urls.first, known.contains(u.key), !lines[k].isNoise {
                // URL-only: nothing but brackets and punctuation around it.
                let before = bytes[content.lowerBound..<u.start].allSatisfy { !TextScan.isAlnum($0) }
                let after = bytes[u.end..<content.upperBound].allSatisfy { !TextScan.isAlnum($0) }
                if before && after { lines.lines[k].isNoise = true; continue }
            }
            for u in urls { known.insert(u.key) }
        }
    }

    private static let https = Phrase("https://"), httpScheme = Phrase("http://")

    static func containsURL(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
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

    /// The comparison key of the URL at `start` ("http:// www.x.com/a.htm)." → "www.x.com/a.htm") and its end.
    private static func url(_ bytes: [UInt8], at start: Int, end: Int) -> ([UInt8], Int) {
        var i = start
        var out: [UInt8] = []
        // Scheme, and the space PDF extraction sometimes leaves after it.
        if let m = https.match(bytes, at: i, end: end) ?? httpScheme.match(bytes, at: i, end: end) {
            i = m
            while i < end, bytes[i] == 32 { i += 1 }
        }
        while i < end, !TextScan.isSpace(bytes[i]) {
            out.append(TextScan.lower(bytes[i]))
            i += 1
        }
        while let last = out.last, last == 41 || last == 46 || last == 44 || last == 59 || last == 93 { out.removeLast() }
        return (out, i)
    }
}

/// The words of a range split at white space, as byte arrays (for short lines only).
struct Words {
    let list: [[UInt8]]
    init(_ bytes: [UInt8], _ range: Range<Int>) {
        var list: [[UInt8]] = []
        var current: [UInt8] = []
        for i in range {
            let b = bytes[i]
            if TextScan.isSpace(b) {
                if !current.isEmpty { list.append(current); current = [] }
            } else {
                current.append(b)
            }
        }
        if !current.isEmpty { list.append(current) }
        self.list = list
    }
}
