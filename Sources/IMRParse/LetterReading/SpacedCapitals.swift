/// Headings set in spaced letters, as PDF text gives them: small capitals, where each word's first
/// letter is a glyph of its own ("S UMMARY OF  D ECISIONS", "R EVIEWER  Q UALIFICATIONS"), and
/// letter-spaced capitals ("R A T I O N A L E", "D E C I S I O N   A N D   R A T I O N A L E").
///
/// Such a line is read with its words joined ("SUMMARY OF DECISIONS"), padded with spaces to its
/// length so that every offset of the letter stays where it was; every other line is left as it
/// is. Only a line in capitals that starts with a letter, a space and a letter is looked at.
enum SpacedCapitals {
    /// The letter's bytes with every spaced heading line joined, and those lines' content ends moved
    /// to the joined text's end. The bytes are copied only when a line is joined.
    static func join(_ bytes: [UInt8], _ lines: inout [LetterLines.Line]) -> [UInt8] {
        // Which lines may be spaced headings, asked of their first three bytes (read-only: the lines
        // are written to only when one is joined).
        let candidates: [Int] = bytes.withUnsafeBufferPointer { buf in
            var out: [Int] = []
            for k in lines.indices {
                let s = lines[k].contentStart, e = lines[k].contentEnd
                if e - s >= 5, buf[s + 1] == 32, e - s <= 120, isCapital(buf[s]), isCapital(buf[s + 2]) { out.append(k) }
            }
            return out
        }
        guard !candidates.isEmpty else { return bytes }
        var out: [UInt8]? = nil
        for k in candidates {
            let c = lines[k].contentStart..<lines[k].contentEnd
            guard let joined = joined(bytes, c) else { continue }
            if out == nil { out = bytes }
            for i in c { out![i] = 32 }
            for (j, b) in joined.enumerated() { out![c.lowerBound + j] = b }
            lines[k].contentEnd = c.lowerBound + joined.count
        }
        return out ?? bytes
    }

    @inline(__always) private static func isCapital(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }

    /// The line `c` with its spaced words joined, or nil when it is no spaced heading: no lower-case
    /// letter, and a run of three or more single letters one space apart ("R A T I O N A L E"), or a
    /// single letter one space before a word in capitals ("S UMMARY") that is not "A" or "I" (words
    /// of their own).
    static func joined(_ bytes: [UInt8], _ c: Range<Int>) -> [UInt8]? {
        // Tokens (runs of non-spaces) and the spaces before each.
        var tokens: [(Range<Int>, gap: Int)] = []
        var i = c.lowerBound
        var gap = 0
        while i < c.upperBound {
            let b = bytes[i]
            if b >= 97 && b <= 122 || b >= 128 { return nil }
            if b == 32 { gap += 1; i += 1; continue }
            if b == 9 { return nil }
            let s = i
            while i < c.upperBound, bytes[i] != 32, bytes[i] != 9 { i += 1 }
            tokens.append((s..<i, gap))
            gap = 0
        }
        func single(_ t: Int) -> Bool { tokens[t].0.count == 1 && isCapital(bytes[tokens[t].0.lowerBound]) }
        func word(_ t: Int) -> Bool { tokens[t].0.count >= 2 && bytes[tokens[t].0].allSatisfy(isCapital) }
        // Which token joins the one before it.
        var joins = [Bool](repeating: false, count: tokens.count)
        var found = false
        var t = 0
        while t < tokens.count {
            // A run of single letters one space apart.
            var e = t
            while e + 1 < tokens.count, single(e), single(e + 1), tokens[e + 1].gap == 1 { e += 1 }
            if e - t >= 2 {
                for u in (t + 1)...e { joins[u] = true }
                found = true
                t = e + 1
                continue
            }
            // A letter set apart from the rest of its word.
            if single(t), t + 1 < tokens.count, tokens[t + 1].gap == 1, word(t + 1) {
                joins[t + 1] = true
                let b = bytes[tokens[t].0.lowerBound]
                if b != 65, b != 73 { found = true }
                t += 2
                continue
            }
            t += 1
        }
        guard found else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(c.count)
        for (u, token) in tokens.enumerated() {
            if u > 0, !joins[u] { out.append(contentsOf: repeatElement(32, count: tokens[u].gap)) }
            out.append(contentsOf: bytes[token.0])
        }
        return out
    }
}
