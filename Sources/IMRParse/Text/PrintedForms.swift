// Text/ — see SourceText.swift.

/// Characters a PDF's text extraction gives for what a reader sees as plain letters, spaces and
/// hyphens: ligatures ("ﬁ" "ﬂ" "ﬀ" "ﬃ" "ﬄ", as in "certiﬁed", "Ofﬁcial Disability Guidelines"),
/// no-break and other fixed-width spaces, zero-width spaces, soft hyphens and the Unicode hyphens.
/// A letter that holds any of them is read with them folded to their plain forms (`fold`), and
/// every position the reading gives is mapped back to the letter's own bytes (`Folded.original`),
/// so that spans and evidence still point into the input. Curly quotes, dashes and bullets are left
/// as they are: the reader knows them where they matter.
enum PrintedForms {
    /// A folded copy of a text and the map of its positions back to the original.
    struct Folded {
        let bytes: [UInt8]
        /// One entry per replaced character, in order: where its replacement is in the folded bytes
        /// and where the character was in the original.
        private let folded: [Range<Int>]
        private let original: [Range<Int>]

        init(bytes: [UInt8], folded: [Range<Int>], original: [Range<Int>]) {
            self.bytes = bytes
            self.folded = folded
            self.original = original
        }

        /// The original offset of folded offset `p`: a position inside a replacement maps to the
        /// replaced character's start when it begins a range (`upper` false), to its end when it
        /// ends one.
        func original(_ p: Int, upper: Bool) -> Int {
            // The last replacement that starts at or before p.
            var lo = 0, hi = folded.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if folded[mid].lowerBound <= p { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0 else { return p }
            let f = folded[lo - 1], o = original[lo - 1]
            // Past the replacement: moved by what it changed.
            if p > f.upperBound || (p == f.upperBound && !f.isEmpty) { return p - f.upperBound + o.upperBound }
            // At its start: before the replaced character, except that a range starting where a
            // character was left out starts after it.
            if p == f.lowerBound { return !upper && f.isEmpty ? o.upperBound : o.lowerBound }
            // Inside: the whole character.
            return upper ? o.upperBound : o.lowerBound
        }

        func original(_ r: Range<Int>) -> Range<Int> {
            let a = original(r.lowerBound, upper: false)
            return a..<max(a, original(r.upperBound, upper: true))
        }
    }

    /// The plain form of the character of `width` bytes at `i`, if it is one to fold.
    @inline(__always)
    private static func plain(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (width: Int, text: StaticString)? {
        let n = b.count
        let b0 = b[i]
        if b0 == 0xC2, i + 1 < n {
            if b[i + 1] == 0xA0 { return (2, " ") }  // no-break space
            if b[i + 1] == 0xAD {  // soft hyphen: a hyphen at a line's end, nothing inside a line
                let next = i + 2 < n ? b[i + 2] : 10
                return (2, next == 10 || next == 13 ? "-" : "")
            }
            return nil
        }
        if b0 == 0xEF, i + 2 < n, b[i + 1] == 0xAC {
            switch b[i + 2] {
            case 0x80: return (3, "ff")
            case 0x81: return (3, "fi")
            case 0x82: return (3, "fl")
            case 0x83: return (3, "ffi")
            case 0x84: return (3, "ffl")
            case 0x85, 0x86: return (3, "st")
            default: return nil
            }
        }
        if b0 == 0xE2, i + 2 < n {
            let b1 = b[i + 1], b2 = b[i + 2]
            if b1 == 0x80 {
                if b2 >= 0x80 && b2 <= 0x8A || b2 == 0xAF { return (3, " ") }  // en quad … hair space, narrow no-break space
                if b2 == 0x8B { return (3, "") }  // zero-width space
                if b2 == 0x90 || b2 == 0x91 { return (3, "-") }  // hyphen, non-breaking hyphen
            }
            if b1 == 0x81, b2 == 0x9F { return (3, " ") }  // medium mathematical space
            return nil
        }
        return nil
    }

    /// The text with every such character folded, or nil when it holds none (a text in ASCII is
    /// never looked at: `SourceText` knows it has no multibyte character).
    static func fold(_ bytes: [UInt8], multibyteStarts: [Int32]) -> Folded? {
        bytes.withUnsafeBufferPointer { b -> Folded? in
            guard let first = multibyteStarts.first(where: { plain(b, Int($0)) != nil }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var folded: [Range<Int>] = [], original: [Range<Int>] = []
            var copied = 0
            for s in multibyteStarts where Int(s) >= Int(first) {
                let i = Int(s)
                guard i >= copied, let (width, text) = plain(b, i) else { continue }
                out.append(contentsOf: b[copied..<i])
                let start = out.count
                text.withUTF8Buffer { out.append(contentsOf: $0) }
                folded.append(start..<out.count)
                original.append(i..<(i + width))
                copied = i + width
            }
            out.append(contentsOf: b[copied..<b.count])
            return Folded(bytes: out, folded: folded, original: original)
        }
    }
}
