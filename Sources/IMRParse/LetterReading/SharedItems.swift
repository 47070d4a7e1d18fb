/// Two or more items detailed under one header that names them all — "Items 1 and 2: <title>;
/// <title>", "Issues 3-4: …" — with one guideline and one rationale: one record per item, each with
/// the shared guideline and rationale, titled by its part of the header (the parts split at ";").
/// The decision of each is what the shared text gives it by number ("Decision for Item 2:
/// Upheld."), or the header's own; a numbered decision that cut the shared text into an item of its
/// own (its "title" the rationale up to "… Decision for Item 2") is taken back into it.
enum SharedItems {
    static func apply(_ items: inout [DisputedItem], _ lines: LetterLines) {
        let bytes = lines.bytes
        var k = 0
        while k < items.count {
            defer { k += 1 }
            let t = items[k].title.range
            guard t.count > 12, bytes[t.lowerBound] | 0x20 == 105 || bytes[t.lowerBound] | 0x20 == 114,
                  let (numbers, rest) = header(bytes, t) else { continue }
            var parts: [Range<Int>] = []
            var s = rest
            for i in rest..<t.upperBound where bytes[i] == 59 {
                parts.append(lines.trim(s..<i))
                s = i + 1
            }
            parts.append(lines.trim(s..<t.upperBound))
            guard parts.count == numbers.count, parts.allSatisfy({ !$0.isEmpty }) else { continue }
            var rationale = items[k].rationaleText
            var decisions: [Int: Located<Decision>] = [:]
            // The shared text read as an item of its own, cut by the last item's numbered decision.
            if k + 1 < items.count, let d = items[k + 1].decision, let r = rationale?.range ?? Optional(items[k + 1].title.range),
               let (n, _) = trailingNumber(bytes, items[k + 1].title.range), numbers.contains(n) {
                let shared = items[k + 1].title.range
                decisions[n] = d
                var end = shared.upperBound
                for m in numbers {
                    guard let (at, decision) = numberedDecision(bytes, shared, m) else { continue }
                    if let decision { decisions[m] = decision }
                    end = min(end, at)
                }
                // The rationale ends with the sentence before the first numbered decision.
                var e = end
                while e > shared.lowerBound, !(bytes[e - 1] == 46 && TextScan.isSpace(bytes[e])) { e -= 1 }
                if e > shared.lowerBound, rationale == nil || r == shared { rationale = ItemBuilder.lazyLocated(shared.lowerBound..<e, lines) }
                items.remove(at: k + 1)
            }
            var copies: [DisputedItem] = []
            for (i, n) in numbers.enumerated() {
                var item = items[k]
                item.title = Located(lines.clean(parts[i]), parts[i])
                if let d = decisions[n] { item.decision = d }
                item.rationaleText = rationale
                if let h = item.header { item.header = (h.range, h.form, n) }
                copies.append(item)
            }
            items.replaceSubrange(k...k, with: copies)
            k += copies.count - 1
        }
    }

    /// "Items 1 and 2:", "Issues 1, 2 and 3 -", "Requests 2-3:" opening `t`: the numbers and where
    /// the titles start.
    private static func header(_ bytes: [UInt8], _ t: Range<Int>) -> ([Int], Int)? {
        var i = t.lowerBound
        while i < t.upperBound, TextScan.isAlpha(bytes[i]) { i += 1 }
        let word = String(decoding: bytes[t.lowerBound..<i], as: UTF8.self).lowercased()
        guard ["items", "issues", "requests"].contains(word) else { return nil }
        var numbers: [Int] = []
        var range = false
        while i < t.upperBound {
            while i < t.upperBound, bytes[i] == 32 || bytes[i] == 44 || bytes[i] == 38 { i += 1 }
            var n = 0, digits = 0
            while i < t.upperBound, TextScan.isDigit(bytes[i]), digits < 2 { n = n * 10 + Int(bytes[i] - 48); i += 1; digits += 1 }
            guard digits > 0 else { break }
            if range, let last = numbers.last, n > last, n - last <= 9 { numbers += Array(last + 1...n) } else { numbers.append(n) }
            range = false
            while i < t.upperBound, bytes[i] == 32 { i += 1 }
            if i < t.upperBound, bytes[i] == 45 { range = true; i += 1; continue }
            var w = i
            while w < t.upperBound, TextScan.isAlpha(bytes[w]) { w += 1 }
            let next = String(decoding: bytes[i..<w], as: UTF8.self).lowercased()
            if next == "and" || next == "through" || next == "to" { range = next != "and"; i = w; continue }
            break
        }
        guard numbers.count >= 2, Set(numbers).count == numbers.count, i < t.upperBound, bytes[i] == 58 || bytes[i] == 46 || bytes[i] == 45 else { return nil }
        return (numbers, i + 1)
    }

    /// The number that ends `r` after "Item" ("… Decision for Item 2").
    private static func trailingNumber(_ bytes: [UInt8], _ r: Range<Int>) -> (Int, Int)? {
        var e = r.upperBound
        while e > r.lowerBound, !TextScan.isAlnum(bytes[e - 1]) { e -= 1 }
        var s = e
        while s > r.lowerBound, TextScan.isDigit(bytes[s - 1]), e - s < 2 { s -= 1 }
        guard s < e, s - 5 >= r.lowerBound, bytes[s - 1] == 32 else { return nil }
        let w = String(decoding: bytes[(s - 5)..<(s - 1)], as: UTF8.self).lowercased()
        guard w == "item" else { return nil }
        return (Int(String(decoding: bytes[s..<e], as: UTF8.self)) ?? 0, s - 5)
    }

    /// "Item <m>: <decision>" inside `r`: where "Item" starts (the start of its sentence's words
    /// before it are left to the caller) and the decision word after the colon, if one.
    private static func numberedDecision(_ bytes: [UInt8], _ r: Range<Int>, _ m: Int) -> (Int, Located<Decision>?)? {
        let key = Array("item \(m)".utf8)
        var i = r.lowerBound
        while i + key.count < r.upperBound {
            if TextScan.lower(bytes[i]) == key[0], (0..<key.count).allSatisfy({ TextScan.lower(bytes[i + $0]) == key[$0] }),
               !TextScan.isDigit(bytes[i + key.count]) {
                var v = i + key.count
                guard v < r.upperBound, bytes[v] == 58 else { i += 1; continue }
                v += 1
                while v < r.upperBound, bytes[v] == 32 { v += 1 }
                var e = v
                while e < r.upperBound, TextScan.isAlpha(bytes[e]) { e += 1 }
                // The start of the label's sentence ("Decision for Item 1:").
                var s = i
                while s > r.lowerBound, !(bytes[s - 1] == 32 && s - 2 >= r.lowerBound && bytes[s - 2] == 46) { s -= 1 }
                return (s, DecisionPhrases.word(bytes, v..<e))
            }
            i += 1
        }
        return nil
    }
}
