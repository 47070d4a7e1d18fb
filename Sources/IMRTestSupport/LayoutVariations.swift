import Foundation
import IMRParse

/// What a letter says, as the variation check compares it: the items (title, decision, the
/// guideline bodies and pages of both citations), the reviewer, the patient and how the case
/// summary begins. Two forms of one letter must give the same structure.
package struct LetterStructure: Equatable, Sendable {
    package struct Item: Equatable, Sendable {
        package var title: String
        package var decision: String?
        package var claimsSources: [String]
        package var claimsPages: [Int]
        package var reviewerSources: [String]
        package var reviewerPages: [Int]
    }

    package var items: [Item]
    package var specialty: String?
    package var subspecialty: String?
    package var licensure: [String]
    package var age: Int?
    package var sex: String?
    package var injuryDate: String?
    /// The summary's first 60 characters, lower case, white space folded.
    package var summaryStart: String?

    package init(_ d: Determination) {
        items = d.items.map { item in
            Item(title: Self.fold(item.title.value), decision: item.decision?.value.rawValue,
                 claimsSources: item.claimsAdministratorGuideline?.sources ?? [], claimsPages: item.claimsAdministratorGuideline?.pages ?? [],
                 reviewerSources: item.imrGuideline?.sources ?? [], reviewerPages: item.imrGuideline?.pages ?? [])
        }
        specialty = d.reviewer.specialty?.value
        subspecialty = d.reviewer.subspecialty?.value
        licensure = d.reviewer.licensure.map(\.value)
        age = d.patient.age?.value
        sex = d.patient.sex?.value
        injuryDate = d.patient.injuryDate?.value.iso
        summaryStart = d.caseSummary.map { String(Self.fold($0.value).prefix(60)) }
    }

    /// Lower case, white space folded, trailing punctuation dropped.
    static func fold(_ s: String) -> String {
        var out = s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        while let last = out.last, ".,:;".contains(last) { out.removeLast() }
        return out
    }

    /// What differs from `expected`, one line per field.
    package func differences(from expected: LetterStructure) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ name: String, _ got: T, _ want: T) { if got != want { out.append("\(name): want \(want), got \(got)") } }
        check("item count", items.count, expected.items.count)
        for (k, (g, w)) in zip(items, expected.items).enumerated() {
            check("item \(k + 1) title", g.title, w.title)
            check("item \(k + 1) decision", g.decision, w.decision)
            check("item \(k + 1) claims administrator sources", g.claimsSources, w.claimsSources)
            check("item \(k + 1) claims administrator pages", g.claimsPages, w.claimsPages)
            check("item \(k + 1) reviewer sources", g.reviewerSources, w.reviewerSources)
            check("item \(k + 1) reviewer pages", g.reviewerPages, w.reviewerPages)
        }
        check("specialty", specialty, expected.specialty)
        check("subspecialty", subspecialty, expected.subspecialty)
        check("licensure", licensure, expected.licensure)
        check("age", age, expected.age)
        check("sex", sex, expected.sex)
        check("injury date", injuryDate, expected.injuryDate)
        check("summary start", summaryStart, expected.summaryStart)
        return out
    }
}

/// Layout variations: from a letter, letters that say the same in another form — heading synonyms
/// and case, singular, plural or "(S)", sections and fields in another order, other item numbering,
/// the decision as a label, as a sentence or as a row of a flattened table, lines rewrapped, words
/// hyphenated at line ends, page headers and footers, PDF noise, a cover page before the letter —
/// and the check that the parser reads every one of them as it reads the original.
///
/// A variant is built from the original's parse (where its headings, labels, items and fields are:
/// `LetterOutline`, `DisputedItem.header`) by edits that change only the form. Each transformation
/// is applied with probability one half (at least one per variant); the recipe names those applied.
package enum LayoutVariations {
    package static let transforms = ["heading-synonyms", "heading-case", "plural-forms", "label-synonyms", "split-headings", "reorder-sections",
                                     "reorder-fields", "numbering", "decision-style", "decision-table", "rewrap", "hyphenate", "page-furniture",
                                     "pdf-noise", "cover-page", "pdf-glyphs"]

    /// Transformations drawn after the others, from the same generator once they are applied, so
    /// that a variant without them is byte for byte what it was before they were added.
    static let drawnLast: Set<String> = ["pdf-glyphs"]

    /// One variant of `original` and the transformations applied.
    package static func variant(of original: String, rng: inout SplitMix, only: Set<String>? = nil) -> (text: String, recipe: [String]) {
        let source = SourceText(path: "variant", string: original)
        let d = LetterParser.parse(source, referenceYear: 2025)
        let outline = LetterOutline(source)
        let first = transforms.filter { !drawnLast.contains($0) }
        let onlyFirst = only.map { $0.subtracting(drawnLast) }
        var chosen = first.filter { (onlyFirst?.contains($0) ?? true) && rng.chance(0.5) }
        if chosen.isEmpty, onlyFirst?.isEmpty != true { chosen = [rng.pick(onlyFirst.map { Array($0).sorted() } ?? first)] }
        if chosen.contains("hyphenate"), !chosen.contains("rewrap") { chosen.append("rewrap") }
        var v = Variant(bytes: source.bytes, d: d, outline: outline, caseNumber: d.caseNumber?.value)
        var applied: [String] = []
        for t in first where chosen.contains(t) {
            if v.apply(t, rng: &rng) { applied.append(t) }
        }
        var out = v.finish()
        // PDF glyphs: with probability one half (always when it is the only one asked for).
        if only?.contains("pdf-glyphs") ?? true, only == ["pdf-glyphs"] || rng.chance(0.5) {
            out = Self.pdfGlyphs(out, rng: &rng)
            applied.append("pdf-glyphs")
        }
        return (String(decoding: out, as: UTF8.self), applied)
    }

    /// What a PDF's text extraction gives for plain letters and spaces: "fi", "fl", "ff", "ffi" in
    /// lower-case words as ligatures ("certiﬁed", "Ofﬁcial"), some spaces after a colon, between a
    /// number and its word, or between words, as no-break spaces, a few zero-width spaces after a
    /// word, and soft hyphens inside some long words. Nothing a reader sees changes.
    static func pdfGlyphs(_ bytes: [UInt8], rng: inout SplitMix) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 20)
        let ligatures = rng.chance(0.8), spaces = rng.chance(0.6), zeroWidth = rng.chance(0.3), soft = rng.chance(0.3)
        @inline(__always) func lower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
        var i = 0
        var wordLength = 0
        while i < bytes.count {
            let b = bytes[i]
            let previous: UInt8 = i > 0 ? bytes[i - 1] : 32
            // A ligature inside a lower-case word (never at a word's start after a capital, so that
            // "Final" and "FINAL" stay).
            if ligatures, b == 102, i > 0, lower(previous) || previous == 32, i + 1 < bytes.count {
                let n1 = bytes[i + 1], n2: UInt8 = i + 2 < bytes.count ? bytes[i + 2] : 0
                if n1 == 102, n2 == 105, rng.chance(0.7) { out += [0xEF, 0xAC, 0x83]; i += 3; wordLength += 3; continue }
                if n1 == 105, rng.chance(0.7) { out += [0xEF, 0xAC, 0x81]; i += 2; wordLength += 2; continue }
                if n1 == 108, rng.chance(0.7) { out += [0xEF, 0xAC, 0x82]; i += 2; wordLength += 2; continue }
                if n1 == 102, lower(n2), rng.chance(0.5) { out += [0xEF, 0xAC, 0x80]; i += 2; wordLength += 2; continue }
            }
            if b == 32, spaces, i > 0, i + 1 < bytes.count, bytes[i + 1] != 32, previous != 32,
               previous == 58 || (TextScan.isDigit(previous) && TextScan.isAlpha(bytes[i + 1])) || rng.chance(0.02) {
                out += [0xC2, 0xA0]
                i += 1
                wordLength = 0
                continue
            }
            if b == 32, zeroWidth, lower(previous), rng.chance(0.01) { out += [0xE2, 0x80, 0x8B] }
            // A soft hyphen in the middle of a long lower-case word.
            if soft, lower(b), wordLength == 5, i + 4 < bytes.count, (i..<(i + 4)).allSatisfy({ lower(bytes[$0]) }), rng.chance(0.1) {
                out += [0xC2, 0xAD]
            }
            wordLength = TextScan.isAlpha(b) ? wordLength + 1 : 0
            out.append(b)
            i += 1
        }
        return out
    }

    /// Whether a variant reads as the original: the differences, empty when it does.
    package static func check(original: String, variant: String) -> [String] {
        let a = LetterParser.parse(SourceText(path: "original", string: original), referenceYear: 2025)
        let b = LetterParser.parse(SourceText(path: "variant", string: variant), referenceYear: 2025)
        return LetterStructure(b).differences(from: LetterStructure(a))
    }

    /// Whether a letter has a structure worth varying (a letter with items, not a narrative).
    package static func isVariable(_ text: String) -> Bool {
        let d = LetterParser.parse(SourceText(path: "letter", string: text), referenceYear: 2025)
        return d.layout != .narrative && !d.items.isEmpty
    }
}

/// A letter being rewritten: edits on the original's bytes (ranges never overlap), then changes to
/// whole lines (page furniture, PDF noise).
private struct Variant {
    let bytes: [UInt8]
    let d: Determination
    let outline: LetterOutline
    let caseNumber: String?
    var edits: [(range: Range<Int>, text: String)] = []
    var furniture = false
    var noise = false
    var hyphenate = false
    var width = 80
    /// The cover page put before the letter (1-based; 0: none).
    var cover = 0

    init(bytes: [UInt8], d: Determination, outline: LetterOutline, caseNumber: String?) {
        self.bytes = bytes
        self.d = d
        self.outline = outline
        self.caseNumber = caseNumber
    }

    func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

    func overlaps(_ r: Range<Int>) -> Bool { edits.contains { $0.range.overlaps(r) || ($0.range.isEmpty && r.contains($0.range.lowerBound)) } }

    mutating func edit(_ r: Range<Int>, _ s: String) -> Bool {
        guard !overlaps(r) else { return false }
        edits.append((r, s))
        return true
    }

    // MARK: Wordings

    static let headingSynonyms: [String: [String]] = [
        "caseSummary": ["CLINICAL CASE SUMMARY", "Case Summary", "SUMMARY OF CASE", "Clinical Summary", "Summary of the Case",
                        "Expert Reviewer Case Summary:", "CASE HISTORY", "Summary of Medical Records"],
        "issues": ["IMR ISSUES, DECISIONS AND RATIONALES", "IMR DECISION(S) AND RATIONALE(S)", "IMR Decisions and Rationales",
                   "DECISIONS AND RATIONALES", "Independent Medical Review Decision and Rationale", "Issues, Decisions and Rationales"],
        "documents": ["DOCUMENTS REVIEWED", "Documents Reviewed", "RECORDS REVIEWED", "List of Documents Reviewed", "Medical Records Reviewed"],
        "howMade": ["HOW THE IMR FINAL DETERMINATION WAS MADE", "How the IMR Final Determination Was Made", "How the Final Determination Was Made"],
        "qualifications": ["MEDICAL REVIEWER QUALIFICATIONS", "Reviewer Qualifications", "Qualifications of the Medical Reviewer:"],
    ]

    static let labelSynonyms: [String: [String]] = [
        "claimsAdministrator": ["Claims Administrator guideline:", "Guideline(s) Used by the Claims Administrator:",
                                "Medical Treatment Guideline(s) Used by the Claims Administrator:", "Claims Administrator's Guidelines:",
                                "CLAIMS ADMINISTRATOR GUIDELINE:", "Guidelines Used by the Claims Administrator (Utilization Review Organization):"],
        "reviewer": ["MAXIMUS guideline:", "Guideline(s) Used by the Expert Reviewer:", "IMR Guideline:",
                     "Medical Treatment Guideline(s) Used by the Expert Reviewer:", "Guideline used by the reviewer:", "EXPERT REVIEWER GUIDELINES:"],
        "rationale": ["Decision rationale:", "Rationale:", "Rationale for the Decision:", "Rationale Used by the Expert Reviewer:",
                      "Reasons for the decision:", "DECISION RATIONALE:", "Basis for the Decision:"],
    ]

    static func recase(_ s: String, _ style: Int) -> String {
        switch style {
        case 0: return s.uppercased()
        case 1: return s.lowercased()
        default:
            return s.split(separator: " ", omittingEmptySubsequences: false).map { w in
                let small: Set<String> = ["of", "the", "and", "by", "for", "was", "to", "in"]
                let l = w.lowercased()
                return small.contains(l) ? l : l.prefix(1).uppercased() + l.dropFirst()
            }.joined(separator: " ")
        }
    }

    /// The heading kinds a variant may reword (the professional review's own headings are its
    /// layout, not wording).
    static let rewordable: Set<String> = ["caseSummary", "issues", "documents", "howMade", "qualifications"]

    /// The headings and labels a variant may reword, split or put in another number (a label that
    /// is also a heading belongs to its layout).
    var rewordableMarks: [LetterOutline.Mark] {
        outline.headings.filter { isRewordable($0) }
            + outline.labels.filter { l in Self.labelSynonyms[l.kind] != nil && !outline.headings.contains(where: { $0.range.overlaps(l.range) }) }
    }

    /// Whether a heading may be reworded: of a kind that varies, and not a letter's title that reads
    /// as a decisions heading above the one that heads the items ("Independent Medical Review Final
    /// Determination" over "PART 3 - DECISIONS"): only the last decisions heading is the items'.
    func isRewordable(_ h: LetterOutline.Mark) -> Bool {
        guard Self.rewordable.contains(h.kind) else { return false }
        return h.kind != "issues" || !outline.headings.contains { $0.kind == "issues" && $0.range.lowerBound > h.range.lowerBound }
    }

    // MARK: Transformations

    mutating func apply(_ t: String, rng: inout SplitMix) -> Bool {
        switch t {
        case "heading-synonyms", "heading-case":
            var any = false
            for h in outline.headings where isRewordable(h) && rng.chance(0.7) {
                let original = h.text
                var s = t == "heading-synonyms" ? rng.pick(Self.headingSynonyms[h.kind]!) : Self.recase(original, rng.below(3))
                // A heading with its content on its line keeps its colon.
                if h.contentStart < lineEnd(h.range.upperBound), !s.hasSuffix(":") { s += ":" }
                any = edit(h.range, s) || any
            }
            return any
        case "label-synonyms":
            var any = false
            // A label that is also a heading (a professional review's "MEDICAL TREATMENT GUIDELINE(S)
            // RELIED UPON …") belongs to its layout.
            for l in outline.labels where Self.labelSynonyms[l.kind] != nil && !outline.headings.contains(where: { $0.range.overlaps(l.range) })
                && rng.chance(0.7) {
                var s = rng.pick(Self.labelSynonyms[l.kind]!)
                if rng.chance(0.3) { s = Self.recase(s, rng.below(3)) }
                // The value goes on after the label on the same line, or on the next line as before.
                let sameLine = l.contentStart < lineEnd(l.contentStart) && bytes[l.contentStart] != 10 && bytes[l.contentStart] != 13
                any = edit(l.range, sameLine ? s : s) || any
            }
            return any
        case "plural-forms":
            // "IMR DECISION(S) AND RATIONALE(S)", "Decisions and Rationales", "Guideline Used" (the
            // 2013 notices write "(S)", the 2015-2019 letters the plural or the singular).
            var any = false
            let marks = rewordableMarks
            for m in marks where rng.chance(0.7) {
                let original = m.text
                let s = Self.pluralForms(original, rng: &rng)
                if s != original { any = edit(m.range, s) || any }
            }
            return any
        case "decision-table":
            return tabulateDecisions(rng: &rng)
        case "cover-page":
            cover = rng.below(Self.coverPages.count) + 1
            return true
        case "split-headings":
            var any = false
            let marks = rewordableMarks
            for m in marks where rng.chance(0.4) {
                let s = m.text
                // Never between a section's number and its words ("PART 3 - DECISIONS", "2. GUIDELINES").
                let words = s.split(separator: " ", omittingEmptySubsequences: false)
                var skip = 0
                if let first = words.first, ["part", "section"].contains(first.lowercased()) { skip = 1 }
                while skip < words.count, words[skip].allSatisfy({ $0.isNumber || ".)-(".contains($0) }) || words[skip].isEmpty { skip += 1 }
                let from = s.index(s.startIndex, offsetBy: words.prefix(skip).reduce(0) { $0 + $1.count + 1 }, limitedBy: s.endIndex) ?? s.endIndex
                let spaces = s.indices.filter { s[$0] == " " && $0 > from }
                guard spaces.count >= 2 else { continue }
                let at = spaces[spaces.count / 2]
                any = edit(m.range, String(s[..<at]) + "\n" + String(s[s.index(after: at)...])) || any
            }
            return any
        case "numbering":
            return renumber(rng: &rng)
        case "decision-style":
            return restyleDecisions(rng: &rng)
        case "reorder-fields":
            return reorderFields(rng: &rng)
        case "reorder-sections":
            return reorderSections(rng: &rng)
        case "rewrap":
            width = rng.int(45...110)
            return rewrap(rng: &rng)
        case "hyphenate":
            hyphenate = true
            return rewrap(rng: &rng, again: true)
        case "page-furniture":
            furniture = true
            return true
        case "pdf-noise":
            noise = true
            return true
        default:
            return false
        }
    }

    func lineEnd(_ i: Int) -> Int {
        var j = i
        while j < bytes.count, bytes[j] != 10, bytes[j] != 13, bytes[j] != 12 { j += 1 }
        return j
    }

    func lineStart(_ i: Int) -> Int {
        var j = i
        while j > 0, bytes[j - 1] != 10, bytes[j - 1] != 13, bytes[j - 1] != 12 { j -= 1 }
        return j
    }

    /// The item number at `i` ("1.", "2)", "(3)", "Item 4:", "Issue 5:") and its end, if any.
    func numbering(at i: Int) -> Range<Int>? {
        var j = i
        let s = String(decoding: bytes[i..<min(bytes.count, i + 12)], as: UTF8.self).lowercased()
        if s.hasPrefix("item ") || s.hasPrefix("issue ") { j += s.hasPrefix("item ") ? 5 : 6 }
        var k = j
        if k < bytes.count, bytes[k] == 40 { k += 1 }
        let digits = k
        while k < bytes.count, bytes[k] >= 48, bytes[k] <= 57 { k += 1 }
        guard k > digits, k < bytes.count, bytes[k] == 46 || bytes[k] == 41 || bytes[k] == 58 else { return nil }
        k += 1
        while k < bytes.count, bytes[k] == 32 { k += 1 }
        return i..<k
    }

    // "Issue No. 1:" and "Issue No. 1" before a column gap are the 2016-2019 letters' numbering.
    static let numberStyles = ["%d. ", "%d) ", "(%d) ", "Item %d: ", "Issue %d: ", "Issue No. %d: ", "Item No. %d: ", "Issue No. %d    "]

    /// Words of headings and labels that letters write singular, plural or with "(S)".
    static let countable: Set<String> = ["decision", "rationale", "guideline", "issue", "document", "record", "reason", "item"]

    /// `s` with each countable word in another of its three forms, in the word's case.
    static func pluralForms(_ s: String, rng: inout SplitMix) -> String {
        let words = s.split(separator: " ", omittingEmptySubsequences: false)
        return words.indices.map { i -> String in
            let w = words[i]
            // A noun used as an adjective ("Decision rationale") keeps its form.
            if i + 1 < words.count, Self.countable.contains(words[i + 1].lowercased().trimmingCharacters(in: CharacterSet.letters.inverted)) { return String(w) }
            var core = String(w)
            var tail = ""
            while let last = core.last, ":,".contains(last) { tail = String(last) + tail; core.removeLast() }
            var stem = core
            for suffix in ["(S)", "(s)", "S", "s"] where stem.hasSuffix(suffix) && Self.countable.contains(String(stem.dropLast(suffix.count)).lowercased()) {
                stem = String(stem.dropLast(suffix.count))
                break
            }
            guard Self.countable.contains(stem.lowercased()) else { return String(w) }
            let upper = stem == stem.uppercased()
            let form = [upper ? "S" : "s", upper ? "(S)" : "(s)", ""][rng.below(3)]
            return stem + form + tail
        }.joined(separator: " ")
    }

    mutating func renumber(rng: inout SplitMix) -> Bool {
        let style = rng.pick(Self.numberStyles)
        var any = false
        for (k, item) in d.items.enumerated() {
            guard let h = item.header, ["decisionLabel", "sentence", "regarding", "numberedTitle"].contains(h.form) else { continue }
            let start = lineStart(h.range.lowerBound)
            guard start == h.range.lowerBound || bytes[start..<h.range.lowerBound].allSatisfy({ $0 == 32 || $0 == 9 }) else { continue }
            let new = String(format: style, k + 1)
            if let n = numbering(at: h.range.lowerBound) {
                // Unnumbered is a style too, except for a title that only its number makes a header.
                let drop = h.form != "numberedTitle" && h.form != "regarding" && rng.chance(0.25)
                any = edit(n, drop ? "" : new) || any
            } else if h.form == "decisionLabel" || h.form == "sentence" {
                any = edit(h.range.lowerBound..<h.range.lowerBound, new) || any
            }
        }
        return any
    }

    static let conclusionWords: Set<String> = ["the", "this", "these", "that", "it", "therefore", "in", "as", "at", "with", "for", "and", "not"]

    mutating func restyleDecisions(rng: inout SplitMix) -> Bool {
        var any = false
        for item in d.items {
            guard let h = item.header, let decision = item.decision, rng.chance(0.7) else { continue }
            let title = item.title.value
            guard !title.isEmpty else { continue }
            let first = title.split(separator: " ").first.map { $0.lowercased() } ?? ""
            if h.form == "decisionLabel", h.range.upperBound >= decision.range.upperBound, !Self.conclusionWords.contains(first),
               item.title.range.lowerBound >= h.range.lowerBound {
                let sentence = decision.value == .upheld ? " is not medically necessary and appropriate." : " is medically necessary and appropriate."
                // The label's own full stop ("… - Overturned.") is the sentence's.
                var end = decision.range.upperBound
                if end < bytes.count, bytes[end] == 46 { end += 1 }
                any = edit(item.title.range.lowerBound..<end, title + sentence) || any
            } else if h.form == "sentence", decision.range.upperBound <= h.range.upperBound, item.title.range.lowerBound >= h.range.lowerBound {
                let word = decision.value == .upheld ? "Upheld" : "Overturned"
                any = edit(item.title.range.lowerBound..<h.range.upperBound, title + ": " + word) || any
            }
        }
        return any
    }

    static let tableHeads = [["Treatment", "Decision", "Guideline"], ["Item", "Decision", "Guideline Used"], ["Disputed Treatment", "Determination", "Guideline"],
                             ["REQUEST", "DECISION", "GUIDELINE"]]
    static let cellSeparators = [" | ", "\t", "     ", " |"]

    /// The decision as the row of a flattened table: "<title>: Upheld" becomes a header row
    /// ("Treatment | Decision | Guideline") over "<title> | Upheld | MTUS ACOEM", as a PDF's table
    /// comes out of the text extractor (the cells joined by bars, tabs or a column gap). The
    /// guideline cell names the bodies the item's own guideline field cites, which stays.
    mutating func tabulateDecisions(rng: inout SplitMix) -> Bool {
        let head = rng.pick(Self.tableHeads)
        let sep = rng.pick(Self.cellSeparators)
        var any = false
        for item in d.items {
            guard let h = item.header, h.form == "decisionLabel", let decision = item.decision, decision.range.upperBound <= h.range.upperBound,
                  item.title.range.lowerBound >= h.range.lowerBound, !item.title.value.isEmpty, rng.chance(0.8) else { continue }
            let start = lineStart(h.range.lowerBound)
            // The numbering (or indent) before the title stays; a title over several lines becomes one cell.
            let prefix = text(start..<item.title.range.lowerBound)
            guard !prefix.contains("\n") else { continue }
            var end = h.range.upperBound
            if end < bytes.count, bytes[end] == 46 { end += 1 }
            let sources = item.imrGuideline?.sources.filter { $0 != "Non-MTUS" } ?? []
            let cell = sources.isEmpty ? "See rationale" : sources.joined(separator: " ")
            let word = decision.value == .upheld ? "Upheld" : "Overturned"
            let row = prefix + item.title.value + sep + word + sep + cell
            any = edit(start..<end, head.joined(separator: sep) + "\n" + row) || any
        }
        return any
    }

    /// Swaps an item's two guideline fields, or moves its rationale before them.
    mutating func reorderFields(rng: inout SplitMix) -> Bool {
        var any = false
        for item in d.items {
            // A rationale cut off mid-sentence (a truncated letter) would read as the next title
            // once a label follows it.
            guard let r = item.range, item.rationale.map({ ".!?)\"".contains($0.value.last ?? " ") }) ?? true, rng.chance(0.6) else { continue }
            let labels = outline.labels.filter { r.contains($0.range.lowerBound) && ["claimsAdministrator", "reviewer", "rationale"].contains($0.kind) }
            guard labels.count >= 2 else { continue }
            // Each field: from its label to the next label (or the item's text end, the rationale's end).
            func block(_ k: Int) -> Range<Int> {
                let end = k + 1 < labels.count ? labels[k + 1].range.lowerBound
                    : (item.rationale.map { $0.range.upperBound } ?? r.upperBound)
                return labels[k].range.lowerBound..<max(labels[k].range.lowerBound, end)
            }
            let a = 0, b = rng.below(labels.count - 1) + 1
            let ra = block(a), rb = block(b)
            guard ra.upperBound <= rb.lowerBound, !overlaps(ra), !overlaps(rb) else { continue }
            var ta = text(ra), tb = text(rb)
            if !ta.hasSuffix("\n") { ta += "\n" }
            if !tb.hasSuffix("\n") { tb += "\n" }
            edits.append((ra, tb))
            edits.append((rb, ta))
            any = true
        }
        return any
    }

    /// Swaps two adjacent sections before the items (documents, summary, how made, qualifications).
    mutating func reorderSections(rng: inout SplitMix) -> Bool {
        let hs = outline.headings
        let issuesAt = hs.first { $0.kind == "issues" }?.range.lowerBound ?? Int.max
        for k in 0..<max(0, hs.count - 2) where Self.rewordable.contains(hs[k].kind) && Self.rewordable.contains(hs[k + 1].kind)
            && hs[k].kind != "issues" && hs[k + 1].kind != "issues" && hs[k + 1].range.lowerBound < issuesAt {
            let a = lineStart(hs[k].range.lowerBound)..<lineStart(hs[k + 1].range.lowerBound)
            let b = lineStart(hs[k + 1].range.lowerBound)..<lineStart(hs[k + 2].range.lowerBound)
            guard !overlaps(a), !overlaps(b), !a.isEmpty, !b.isEmpty, rng.chance(0.7) else { continue }
            var ta = text(a), tb = text(b)
            if !ta.hasSuffix("\n") { ta += "\n" }
            if !tb.hasSuffix("\n") { tb += "\n" }
            edits.append((a, tb))
            edits.append((b, ta))
            return true
        }
        return false
    }

    /// Rewraps the summary, every citation and every rationale at `width`, from their clean text.
    mutating func rewrap(rng: inout SplitMix, again: Bool = false) -> Bool {
        if again { return true }
        var fields: [Located<String>] = []
        if let s = d.caseSummary { fields.append(s) }
        for item in d.items {
            if let r = item.rationale { fields.append(r) }
            for c in [item.claimsAdministratorGuideline, item.imrGuideline].compactMap({ $0 }) { fields.append(Located(c.text, c.range)) }
        }
        var any = false
        for f in fields where !overlaps(f.range) {
            edits.append((f.range, "\u{1}" + f.value))  // wrapped when the edits are applied (the width is known then)
            any = true
        }
        return any
    }

    static let compoundStarts: Set<String> = ["non", "self", "well", "post", "pre", "re", "co", "anti", "multi", "semi", "sub", "ex",
                                              "over", "under", "long", "short", "full", "part", "half", "high", "low", "mid", "first",
                                              "follow", "year", "day", "time", "left", "right", "up", "out", "in", "on", "off", "side",
                                              "pain", "work", "drug", "age", "dose", "trans", "hyper", "hypo", "neuro", "inter", "intra", "extra"]

    /// `text` in lines of at most `width` characters (a first line shorter by `indent`), some long
    /// lower-case words broken with a hyphen when `hyphenate`.
    func wrapped(_ text: String, indent: Int, rng: inout SplitMix) -> String {
        var lines: [String] = []
        var line = ""
        var room = width - indent
        for word in text.split(separator: " ") {
            let w = String(word)
            if line.isEmpty { line = w; continue }
            if line.count + 1 + w.count <= room { line += " " + w; continue }
            if hyphenate, w.count >= 8, w.allSatisfy({ $0 >= "a" && $0 <= "z" }), rng.chance(0.5) {
                let cut = w.count / 2
                let head = String(w.prefix(cut)), tail = String(w.dropFirst(cut))
                if !Self.compoundStarts.contains(head), line.count + 2 + head.count <= room + 4 {
                    lines.append(line + " " + head + "-")
                    room = width
                    line = tail
                    continue
                }
            }
            lines.append(line)
            room = width
            line = w
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    // MARK: Assembly

    func finish() -> [UInt8] {
        var rng = SplitMix(seed: UInt64(bytes.count) &* 31 &+ UInt64(width))
        var out = bytes
        for e in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound || ($0.range.lowerBound == $1.range.lowerBound && $0.range.upperBound > $1.range.upperBound) }) {
            var s = e.text
            if s.hasPrefix("\u{1}") {
                let column = e.range.lowerBound - lineStart(e.range.lowerBound)
                s = wrapped(String(s.dropFirst()), indent: column, rng: &rng)
            }
            out.replaceSubrange(e.range, with: Array(s.utf8))
        }
        var lines = String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if cover > 0 { lines = Self.coverPages[cover - 1].split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + lines }
        if furniture { lines = insertFurniture(lines, rng: &rng) }
        if noise { lines = addNoise(lines, rng: &rng) }
        return Array(lines.joined(separator: noise && rng.chance(0.5) ? "\r\n" : "\n").utf8)
    }

    /// Cover pages and lead-in paragraphs that come before the determination itself (the mailed
    /// letters open with the reviewing organisation's address and a paragraph saying what is
    /// enclosed, then a page break): nothing in them is a heading, an item, a reviewer or a patient.
    static let coverPages = [
        """
        MAXIMUS Federal Services
        Independent Medical Review
        P.O. Box 138009
        Sacramento, CA 95813-8009

        Dear Sir or Madam:

        We have completed the Independent Medical Review of the treatment in dispute in this case. The
        enclosed pages give the final determination and the reasons for it. Please keep this letter with
        your records; a copy has been sent to each party listed below.
        \u{0C}
        """,
        """
        This letter explains the outcome of the review you asked for. It was written by the
        organization the State has contracted to conduct these reviews, and it is binding on the
        parties unless it is appealed as the law allows.

        """,
        """
        IMPORTANT NOTICE - PLEASE READ

        The review organization has finished its review of the records sent by the parties. What
        follows is the determination for each disputed treatment, the guidelines that were applied,
        and the reasons.



        """,
    ]

    /// "Page N of M" after every page of 25–45 lines, with the case number as a running header (or a
    /// form feed) when the letter has one.
    func insertFurniture(_ lines: [String], rng: inout SplitMix) -> [String] {
        let per = rng.int(25...45)
        let pages = max(1, (lines.count + per - 1) / per)
        guard pages > 1 else { return lines }
        let header = caseNumber.map { rng.chance(0.5) ? "Final Determination Letter for IMR Case Number \($0)" : "IMR Case Number: \($0)" }
        let feed = rng.chance(0.4)
        var out: [String] = []
        for (k, l) in lines.enumerated() {
            out.append(l)
            if (k + 1) % per == 0, k + 1 < lines.count {
                let page = (k + 1) / per
                out.append("")
                out.append(rng.chance(0.5) ? "Page \(page) of \(pages)" : "                                        Page \(page) of \(pages)")
                if let h = header { out.append((feed ? "\u{0C}" : "") + h) } else if feed { out.append("\u{0C}") }
                out.append("")
            }
        }
        return out
    }

    /// A blank line after every line (as PDF text has), some leading spaces, some doubled spaces.
    func addNoise(_ lines: [String], rng: inout SplitMix) -> [String] {
        let blank = rng.chance(0.6)
        var out: [String] = []
        for l in lines {
            var s = l
            if !s.isEmpty, rng.chance(0.2) { s = " " + s }
            if rng.chance(0.15), let space = s.dropFirst().firstIndex(of: " ") { s.insert(" ", at: space) }
            if rng.chance(0.3) { s += " " }
            out.append(s)
            if blank { out.append(rng.chance(0.1) ? " " : "") }
        }
        return out
    }
}
