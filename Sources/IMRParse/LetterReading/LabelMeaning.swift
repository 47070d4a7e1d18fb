import Foundation

/// What a heading or a field label means, read from its words when it is none of the wordings
/// listed in `SectionFinder` and `FieldLabel`: "Rationale Used by the Expert Reviewer:", "Expert
/// Reviewer Case Summary:", "Medical Treatment Guideline(s) Used by the Claims Administrator
/// (Utilization Review Organization):", "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE".
///
/// A label is a short run of words at the start of a line (it may wrap onto the next line) that
/// ends with a colon, or, as a heading, stands alone on its line. Every word must be a word labels
/// are made of — "guideline", "used", "by", "claims", "administrator", "rationale", "summary", … —
/// so that a sentence ("The guidelines state:") is never a label; what the label means comes from
/// which of those words it has: a guideline word with a claims-administrator word is the claims
/// administrator's guideline, a guideline word alone the reviewer's, a rationale word the
/// rationale, a summary word the case summary, and so on.
enum LabelMeaning: Sendable, Equatable {
    case claimsAdministratorGuideline, reviewerGuideline, rationale, decision, title, urDecision
    case caseSummary, items, documents, qualifications, howMade

    /// The field label this meaning is, if it is one.
    var fieldLabel: FieldLabel? {
        switch self {
        case .claimsAdministratorGuideline: .claimsAdministrator
        case .reviewerGuideline: .reviewer
        case .rationale: .rationale
        case .decision: .decision
        case .title: .title
        case .urDecision: .urDecision
        default: nil
        }
    }

    /// The section heading this meaning is, if it is one.
    var sectionKind: SectionFinder.Kind? {
        switch self {
        case .caseSummary: .caseSummary
        case .items: .issues
        case .documents: .documents
        case .qualifications: .qualifications
        case .howMade: .howMade
        default: nil
        }
    }

    /// A label found at a line start: what it means, where its words end (before the colon) and
    /// where its value begins (after the colon, or at the end of its line for a label standing
    /// alone).
    struct Found: Sendable {
        var meaning: LabelMeaning
        var labelEnd: Int
        var valueStart: Int
        var hasColon: Bool
        /// A summary label that says how the summary was made, its value on the same line: a heading
        /// all the same.
        var headsInline = false
    }

    // MARK: Words

    private struct Flags: OptionSet {
        let rawValue: UInt32
        static let guideline = Flags(rawValue: 1 << 0)
        static let claims = Flags(rawValue: 1 << 1)
        static let rationale = Flags(rawValue: 1 << 2)
        static let summary = Flags(rawValue: 1 << 3)
        static let decision = Flags(rawValue: 1 << 4)
        static let issue = Flags(rawValue: 1 << 5)
        static let disputed = Flags(rawValue: 1 << 6)
        static let documents = Flags(rawValue: 1 << 7)
        static let reviewed = Flags(rawValue: 1 << 8)
        static let qualifications = Flags(rawValue: 1 << 9)
        static let how = Flags(rawValue: 1 << 10)
        static let made = Flags(rawValue: 1 << 11)
        static let and = Flags(rawValue: 1 << 12)
        static let plural = Flags(rawValue: 1 << 13)
        /// The label names its item by number or letter ("Determination for item A:").
        static let numbered = Flags(rawValue: 1 << 14)
        static let each = Flags(rawValue: 1 << 15)
        /// "cited": a basis that is cited is a guideline ("Basis cited by reviewer").
        static let cited = Flags(rawValue: 1 << 16)
    }

    /// Every word a label may hold, with what it says. Words with no flag are the glue of labels
    /// ("used", "by", "the", "medical").
    private static let vocabulary: [(String, Flags)] = {
        var v: [(String, Flags)] = []
        func add(_ words: [String], _ f: Flags) { for w in words { v.append((w, f)) } }
        add(["guideline", "guidelines", "criteria", "standards", "reference", "references", "citations", "citation"], .guideline)
        // "(CA)" and "(ER)" abbreviate the label's own words: "… Used by the Claims Administrator (CA):".
        add(["claims", "administrator", "administrators", "administrator's", "utilization", "ur", "organization", "uro", "carrier", "insurer",
             "ca"], .claims)
        add(["rationale", "reason", "reasoning", "basis", "explanation", "why", "discussion", "analysis"], .rationale)
        add(["rationales", "reasons"], [.rationale, .plural])
        add(["summary", "history", "background", "synopsis", "overview"], .summary)
        add(["decision", "determination", "outcome", "result", "action", "answer"], .decision)
        add(["decisions", "determinations"], [.decision, .plural])
        add(["issue", "item", "treatment", "service", "request", "procedure", "medication", "question"], .issue)
        add(["issues", "items", "treatments", "services", "requests", "procedures", "medications", "item/service", "items/services",
             "treatment/service", "treatments/services", "questions"], [.issue, .plural])
        add(["disputed", "dispute", "requested", "contested"], .disputed)
        add(["documents", "document", "documentation", "materials", "records", "record"], .documents)
        add(["reviewed", "considered", "received", "submitted"], .reviewed)
        add(["qualifications", "qualification", "credentials", "credential"], .qualifications)
        add(["how"], .how)
        add(["made", "reached"], .made)
        add(["and", "&"], .and)
        add(["cited"], .cited)
        add(["medical", "necessity", "used", "relied", "upon", "applied", "utilized", "by", "the", "a", "an", "of", "for", "in", "on", "to",
             "this", "that", "at", "under", "with", "or", "its", "his", "her", "his/her", "their", "review", "reviewer", "reviewer's",
             "reviewers", "expert", "expert's", "physician", "physician's", "professional", "independent", "imr", "maximus", "federal",
             "inc", "clinical", "case", "patient", "patient's", "worker", "injured", "employee's", "final", "applicable", "relevant",
             "governing", "mtus", "acoem", "odg", "list", "brief", "was", "were", "is", "evidence-based", "evidence", "based", "which",
             "specific", "current", "their", "was", "we", "our", "er", "presented"], [])
        // "each" only in a heading that names the items told in detail ("Rationale for Each Disputed
        // Treatment"): "Final determination for each disputed item:" introduces a list.
        add(["each"], .each)
        return v
    }()

    private static let words: [Flags] = vocabulary.map(\.1)
    /// What the first word of a section heading may say ("Summary of the Case", "Decisions and
    /// Rationales", "Documents Reviewed", "How the Determination Was Made").
    private static let sectionStarts: Flags = [.summary, .decision, .issue, .disputed, .documents, .qualifications, .how]
    /// The words without a meaning of their own that a label may start with ("Medical Treatment
    /// Guideline(s) Used", "Expert Reviewer Case Summary"); a line starting "The" or "In" is prose.
    private static let firstGlue = WordSet(["medical", "expert", "expert's", "independent", "imr", "maximus", "clinical", "case", "final",
                                            "reviewer", "reviewer's", "physician", "physician's", "professional", "list", "brief",
                                            "applicable", "relevant", "governing", "patient", "patient's", "mtus", "acoem", "odg", "specific"])
    private static let wordSet = WordSetIndex(vocabulary.map(\.0))
    /// Words that make a line a header field, never a label ("Date of UR Decision:", "Claim Number:").
    private static let fieldWords = WordSet(["date", "dated", "number", "no", "assigned", "priority", "phone", "fax", "address",
                                             "employee", "employer", "claim", "received", "type", "name", "id", "dob"])

    // MARK: Reading a label

    /// The label that starts at `start` (a line's first byte of content), if its words make one.
    /// `lineEnd` is the end of that line's content; `limit` where the label must end at the latest.
    static func read(_ lines: LetterLines, line k: Int, from start: Int, sectionsOnly: Bool = false) -> Found? {
        let bytes = lines.bytes
        let c = lines[k].content
        guard start < c.upperBound, TextScan.isAlpha(bytes[start]) || bytes[start] == 40 else { return nil }
        // The shape first (most lines of prose are long and hold no colon): a colon in the first
        // 140 bytes, a short line, or a line whose label goes on to a colon on the next line.
        var end = c.upperBound
        var colon = firstColon(bytes, start..<min(c.upperBound, start + 140))
        var wrapped = false
        if colon == nil, end - start > 70 {
            guard end - start < 100, !endsWithStop(bytes, start..<end), let (nc, ne) = colonBelow(lines, line: k) else { return nil }
            colon = nc
            end = ne
            wrapped = true
        }
        // A heading alone on its line ends without a stop, holds no digit and has few words.
        if colon == nil {
            guard !endsWithStop(bytes, start..<end) else { return nil }
            var spaces = 0
            for i in start..<end {
                let b = bytes[i]
                if TextScan.isDigit(b) { return nil }
                if b == 32 { spaces += 1; if spaces > 12 { return nil } }
                // Words in columns (a tab, a gap of three spaces) are a table's header row
                // ("Treatment     Decision     Guideline"), not a heading.
                if b == 9 || (b == 32 && i >= start + 2 && bytes[i - 1] == 32 && bytes[i - 2] == 32) { return nil }
            }
        }
        // A label that names its item by number or letter ("Determination for item A:", "Decision on
        // Disputed Treatment #2:"): its words end before the number.
        let numberStart = colon.flatMap { itemNumberBefore(bytes, start..<$0) }
        // The last word before the colon (or of the line) must be a label word: "Page(s):", "Date
        // of Injury:" and most lines of prose fail here.
        var lastEnd = numberStart ?? colon ?? end
        while lastEnd > start, !TextScan.isAlnum(bytes[lastEnd - 1]) { lastEnd -= 1 }
        if lastEnd > start + 3, bytes[lastEnd - 1] | 0x20 == 115, bytes[lastEnd - 2] == 40 { lastEnd -= 2 }  // "guideline(s" → "guideline"
        var lastStart = lastEnd
        while lastStart > start, TextScan.isAlpha(bytes[lastStart - 1]) || bytes[lastStart - 1] == 39 { lastStart -= 1 }
        // A heading whose last word is cut by a hyphen at the line's end ("IMR FINAL DETERMI-" /
        // "NATION") is read over both lines below.
        let cutAtEnd = colon == nil && end - start > 2 && bytes[end - 1] == 45 && TextScan.isAlpha(bytes[end - 2])
        // (A word as a scan misreads it only in a label with its colon, "Decison rationale:",
        // "ANALYSlS:": most lines end with a word of no label and are ruled out with one probe.)
        let misreadOK = colon != nil
        // (The first word likewise: "Decison rationale:", "ANALYSlS:".)
        guard lastStart < lastEnd, cutAtEnd || lookup(bytes, lastStart..<lastEnd, misread: misreadOK) != nil
                || (lastStart - start > 2 && bytes[lastStart - 2] == 45 && joinsCut(bytes, lastStart..<lastEnd, floor: start))
        else { return colon.flatMap { summaryWithClause(bytes, from: start, colon: $0) } }
        // The first word must be a label word.
        var w = start
        while w < c.upperBound, TextScan.isAlpha(bytes[w]) || bytes[w] == 39 { w += 1 }
        guard w > start, let first = lookup(bytes, start..<w, misread: misreadOK),
              sectionsOnly ? !words[first].isDisjoint(with: sectionStarts) || firstGlue.contains(bytes, start..<w)
                           : !words[first].subtracting([.and, .plural]).isEmpty || firstGlue.contains(bytes, start..<w) else { return nil }
        // A short line may still be a label whose colon is on the next line.
        if colon == nil, !endsWithStop(bytes, start..<end), let (nc, ne) = colonBelow(lines, line: k),
           flags(lines, start..<nc, maxWords: 14).flatMap({ meaning($0, standalone: false) }) != nil {
            colon = nc
            end = ne
            wrapped = true
        }
        if let colon {
            let wordsEnd = numberStart ?? colon
            guard wrapped || colon - start <= 140, var flags = wrapped ? flags(lines, start..<wordsEnd, maxWords: 14) : flags(bytes, start..<wordsEnd, maxWords: 14)
            else { return wrapped ? nil : summaryWithClause(bytes, from: start, colon: colon) }
            if numberStart != nil { flags.insert(.numbered) }
            guard let meaning = meaning(flags, standalone: false) else { return nil }
            // A title label that names no item, only that it was asked for ("Requested:",
            // "Contested:"): its last word must say so ("Requested by:" names a person).
            if meaning == .title, !flags.contains(.issue),
               lookup(bytes, lastStart..<lastEnd, misread: false).map({ words[$0].contains(.disputed) }) != true { return nil }
            // A dotted leader before the colon ("Basis cited by reviewer ...... MTUS: ACOEM …"): the
            // label ends at the leader, and the colon is the value's.
            if !wrapped, let d = bytes[start..<wordsEnd].firstIndex(of: 46), d + 2 < wordsEnd, bytes[d + 1] == 46, bytes[d + 2] == 46 {
                return formRow(lines, line: k, from: start)
            }
            // The UR's decision stated in words ("UR action: Non-certified 05/02/2014"); "UR
            // decision: 07/06/2018" in a letter's header is a date.
            if meaning == .urDecision {
                var v = colon + 1
                while v < bytes.count, bytes[v] == 32 || bytes[v] == 9 { v += 1 }
                guard v < bytes.count, TextScan.isAlpha(bytes[v]) else { return nil }
            }
            return Found(meaning: meaning, labelEnd: colon, valueStart: colon + 1, hasColon: true)
        }
        // A heading alone on its line: short, no sentence punctuation at its end.
        guard end - start <= 70, !endsWithStop(bytes, start..<end) else { return nil }
        var alone = flags(bytes, start..<end, maxWords: 9).flatMap { meaning($0, standalone: true) }
        // A numbered section that names only decisions ("PART 3 - DECISIONS", "PART 3 - DECISION" in a
        // letter of one item or as a variant writes it) heads the items ("DECISIONS" alone,
        // unnumbered, may head a list or a table of them).
        if alone == nil, sectionsOnly, let f = flags(bytes, start..<end, maxWords: 9), f.contains(.decision),
           f.isDisjoint(with: [.claims, .guideline, .summary, .documents, .rationale, .issue]) {
            alone = .items
        }
        // Or wrapped onto the next line ("DETERMINATIONS" / "AND REASONS"): read over both lines when
        // the first says nothing alone or stops on a word that joins ("… Used by").
        // So is a heading whose next line goes on with a word that joins ("2. GUIDELINES" / "USED").
        if !wrapped, alone == nil || joinWords.contains(bytes, lastStart..<lastEnd) || nextStartsWithJoinWord(lines, line: k), let e = headingBelow(lines, line: k),
           let joined = flags(lines, start..<e, maxWords: 9).flatMap({ meaning($0, standalone: true) }) {
            return Found(meaning: joined, labelEnd: e, valueStart: e, hasColon: false)
        }
        // A decision or title label alone on its line, as a heading in Title Case ("Determination",
        // "Disputed Service"), over a paragraph that is its value: the paragraph says which — a
        // decision word opens it ("Overturned. The … non-certification is reversed."), or it is a
        // title (a line or two that end no sentence) with another label or heading after it.
        if alone == nil, !sectionsOnly, let f = flags(bytes, start..<end, maxWords: 6), !f.contains(.plural),
           let m = meaning(f, standalone: false), m == .decision || m == .title,
           let v = valueBelow(lines, line: k, as: m) {
            return Found(meaning: m, labelEnd: end, valueStart: v, hasColon: false)
        }
        guard let alone else { return nil }
        return Found(meaning: alone, labelEnd: end, valueStart: end, hasColon: false)
    }

    /// Words that say how a summary came to be ("Case summary developed by the expert reviewer from
    /// the records provided:", "Clinical summary written from …"), besides words ending "-ed".
    private static let madeWords = WordSet(["written", "drawn", "taken", "made"])
    private static let summaryWord = Array("summary".utf8)

    /// A case summary label whose words go on to say how the summary was made: label words up to
    /// "summary", then a word that says it was made ("developed", "prepared", "compiled", "written"),
    /// and any words up to the colon, in no sentence (no full stop before the colon). The value
    /// starts after the colon.
    private static func summaryWithClause(_ bytes: [UInt8], from start: Int, colon: Int) -> Found? {
        // (Called for many lines of prose with a colon: most fail on their first word.)
        var f: Flags = []
        var i = start
        var previousWasSummary = false
        while i < colon {
            while i < colon, bytes[i] == 32 { i += 1 }
            var e = i
            while e < colon, TextScan.isAlpha(bytes[e]) || bytes[e] == 39 { e += 1 }
            guard e > i else { return nil }
            if let w = lookup(bytes, i..<e, misread: false) {
                // The first word opens a label ("Case", "Clinical", "Summary"), none of prose.
                if i == start, words[w].isDisjoint(with: .summary), !firstGlue.contains(bytes, i..<e) { return nil }
                f.formUnion(words[w])
                previousWasSummary = e - i == summaryWord.count && (0..<summaryWord.count).allSatisfy { TextScan.lower(bytes[i + $0]) == summaryWord[$0] }
                i = e
                continue
            }
            guard previousWasSummary else { return nil }
            let made = madeWords.contains(bytes, i..<e) || (e - i > 4 && TextScan.lower(bytes[e - 2]) == 101 && TextScan.lower(bytes[e - 1]) == 100)
            guard made, meaning(f, standalone: false) == .caseSummary, !bytes[e..<colon].contains(46) else { return nil }
            return Found(meaning: .caseSummary, labelEnd: colon, valueStart: colon + 1, hasColon: true, headsInline: true)
        }
        return nil
    }

    /// For a decision or title label standing alone on line `k`: where its value starts when the
    /// paragraph below (after a blank line) is one — a decision word first for a decision; for a
    /// title, one or two lines that end no sentence, hold no decision and no colon, with a blank line
    /// and a line that reads as a label after them.
    private static func valueBelow(_ lines: LetterLines, line k: Int, as m: LabelMeaning) -> Int? {
        let bytes = lines.bytes
        guard k + 2 < lines.count, lines[k + 1].isBlank, let n = lines.nextSignificant(after: k), n <= k + 4 else { return nil }
        let c = lines[n].content
        if m == .decision {
            // The decision word alone or ending its first sentence ("Overturned." / "UPHELD").
            var w = c.lowerBound
            while w < c.upperBound, TextScan.isAlpha(bytes[w]) || bytes[w] == 45 { w += 1 }
            var e = w
            if e < c.upperBound, bytes[e] == 46 { e += 1 }
            guard w > c.lowerBound, e == c.upperBound || bytes[e] == 32, DecisionPhrases.word(bytes, c.lowerBound..<e) != nil else { return nil }
            return lines[k].contentEnd
        }
        // A title: one line, or two (double spaced or not) when the second is no label, then a blank
        // line and a label.
        func isTitleLine(_ q: Int) -> Bool {
            let t = lines[q].content
            return !endsWithStop(bytes, t) && firstColon(bytes, t) == nil && DecisionPhrases.atLineEnd(bytes, t) == nil
        }
        func isLabel(_ q: Int) -> Bool { mayStartLabel(lines, line: q) && read(lines, line: q, from: lines[q].contentStart) != nil }
        guard isTitleLine(n), let after = lines.nextSignificant(after: n), after <= n + 4 else { return nil }
        if isLabel(after) { return lines[k].contentEnd }
        guard isTitleLine(after), lines[n].content.count >= 40, let third = lines.nextSignificant(after: after), third <= after + 4,
              lines[after + 1].isBlank, isLabel(third) else { return nil }
        return lines[k].contentEnd
    }

    /// The next significant line after line `k`: at most `within` lines down, or anywhere past page
    /// furniture (a label wrapped across a page break).
    private static func following(_ lines: LetterLines, _ k: Int, within: Int) -> Int? {
        guard let n = lines.nextSignificant(after: k) else { return nil }
        return n <= k + within || (k + 1..<n).contains(where: { lines[$0].isNoise }) ? n : nil
    }

    /// Words that carry a label or a heading on to its next line: a line that ends with one, or a
    /// line that starts with one after a heading ("Summary of the Case" / "by the Expert Reviewer:").
    private static let joinWords = WordSet(["by", "of", "for", "and", "&", "used", "relied", "upon", "under"])

    /// The colon of a label wrapped over the next line or two ("Medical Treatment Guideline(s) Used
    /// by" / "the Claims Administrator (Utilization Review" / "Organization):"), and the end of its
    /// line: within the first 40 bytes of the next line, or of the line after when the next is a
    /// short run of words without a colon or a stop.
    private static func colonBelow(_ lines: LetterLines, line k: Int) -> (colon: Int, lineEnd: Int)? {
        let bytes = lines.bytes
        guard let next = following(lines, k, within: 3) else { return nil }
        let n = lines[next].content
        // A line below that opens with an item's key ("Request A: …", "Item 2: …") is an entry of a
        // list the line heads, not the rest of its label.
        if ItemHeaders.itemNumber(bytes, n) != nil { return nil }
        if let nc = firstColon(bytes, n.lowerBound..<min(n.upperBound, n.lowerBound + 40)) { return (nc, n.upperBound) }
        guard n.count <= 60, firstColon(bytes, n) == nil, !endsWithStop(bytes, n),
              let third = following(lines, next, within: 3) else { return nil }
        let t = lines[third].content
        guard let tc = firstColon(bytes, t.lowerBound..<min(t.upperBound, t.lowerBound + 40)) else { return nil }
        return (tc, t.upperBound)
    }

    /// The end of a heading without a colon wrapped onto the next line: that line short, without a
    /// colon, a digit or a stop at its end.
    /// Whether the next line (as `headingBelow` finds it) starts with a word that joins ("used",
    /// "by", "and").
    private static func nextStartsWithJoinWord(_ lines: LetterLines, line k: Int) -> Bool {
        guard let next = following(lines, k, within: 2) else { return false }
        let bytes = lines.bytes
        let n = lines[next].content
        var w = n.lowerBound
        while w < n.upperBound, TextScan.isAlpha(bytes[w]) || bytes[w] == 38 { w += 1 }
        return w > n.lowerBound && joinWords.contains(bytes, n.lowerBound..<w)
    }

    private static func headingBelow(_ lines: LetterLines, line k: Int) -> Int? {
        let bytes = lines.bytes
        guard let next = following(lines, k, within: 2) else { return nil }
        let n = lines[next].content
        guard n.count <= 50, !endsWithStop(bytes, n), !bytes[n].contains(where: { $0 == 58 || TextScan.isDigit($0) }) else { return nil }
        return n.upperBound
    }

    /// After a heading that ends its line (`headingEnd`), the rest of its words on the next line
    /// ("Summary of the Case" / "by the Expert Reviewer:"): that line starts with a word that joins,
    /// holds only label words and ends with a colon. Where the heading then ends (after the colon).
    static func continuation(_ lines: LetterLines, after headingEnd: Int) -> Int? {
        let bytes = lines.bytes
        let k = lines.lineIndex(at: max(0, headingEnd - 1))
        guard let next = following(lines, k, within: 2) else { return nil }
        let n = lines[next].content
        guard n.count <= 60, bytes[n.upperBound - 1] == 58, let colon = firstColon(bytes, n), colon == n.upperBound - 1 else { return nil }
        var w = n.lowerBound
        while w < colon, TextScan.isAlpha(bytes[w]) || bytes[w] == 38 { w += 1 }
        guard w > n.lowerBound, joinWords.contains(bytes, n.lowerBound..<w), flags(bytes, n.lowerBound..<colon, maxWords: 8) != nil else { return nil }
        return n.upperBound
    }

    /// Whether the words in `range` (up to a colon left out) are a field label's.
    static func isFieldLabel(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard let start = range.first, TextScan.isAlpha(bytes[start]), let f = flags(bytes, range, maxWords: 16) else { return false }
        return meaning(f, standalone: false)?.fieldLabel != nil
    }

    /// Whether line `k` may hold a label or a heading read from its words: it starts a paragraph —
    /// the line before ends a sentence, a label or a heading (".", ":", "?", "!", ")"), or is short
    /// (a title, a heading, a paragraph's last line) — or it is short itself. A line that carries
    /// on a sentence is never read for its words (most lines of a letter).
    static func mayStartLabel(_ lines: LetterLines, line k: Int) -> Bool {
        let c = lines[k].content
        if continuesCitation(lines, line: k) { return false }
        if c.count <= 70 { return true }
        // A colon near the start: a label with its value on its line.
        if firstColon(lines.bytes, c.lowerBound..<min(c.upperBound, c.lowerBound + 100)) != nil { return true }
        guard let p = lines.previousSignificant(before: k) else { return true }
        let prev = lines[p].content
        if prev.count < 65 { return true }
        let last = lines.bytes[prev.upperBound - 1]
        return last == 46 || last == 58 || last == 63 || last == 33 || last == 41 || last == 34
    }

    /// Whether line `k` carries on a citation's words from the line above: "… Page(s): 94. Non-MTUS" /
    /// "Citation: ODG Pain (Chronic) …", or "… Non-" / "MTUS Citation: …", as rewrapped text cuts
    /// them. "Citation:" there is no label of its own (it starts no field and no item).
    static func continuesCitation(_ lines: LetterLines, line k: Int) -> Bool {
        let bytes = lines.bytes
        let c = lines[k].content
        guard c.count >= 9, bytes[c.lowerBound] | 0x20 == 99 || bytes[c.lowerBound] | 0x20 == 109 else { return false }
        let first = c.lowerBound
        func startsWith(_ w: StaticString) -> Bool {
            w.withUTF8Buffer { w in c.count >= w.count && (0..<w.count).allSatisfy { j in bytes[first + j] | 0x20 == w[j] } }
        }
        // "Citation" after "…Non-MTUS" or "…MTUS", "MTUS Citation" after "…Non-".
        let citation = startsWith("citation")
        guard citation || startsWith("mtus citation"), let p = lines.previousSignificant(before: k) else { return false }
        let prev = lines[p].content
        guard prev.count >= 5 else { return false }
        let e = prev.upperBound
        func lower(_ i: Int) -> UInt8 { bytes[i] | 0x20 }
        guard !TextScan.isAlpha(bytes[e - 5]) else { return false }
        if citation { return lower(e - 4) == 109 && lower(e - 3) == 116 && lower(e - 2) == 117 && lower(e - 1) == 115 }
        return lower(e - 4) == 110 && lower(e - 3) == 111 && lower(e - 2) == 110 && bytes[e - 1] == 45
    }

    private static func firstColon(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        guard !r.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { b in
            memchr(b.baseAddress! + r.lowerBound, 58, r.count).map { b.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        }
    }

    /// Where an item's number or letter starts at the end of `r` (before a label's colon), after an
    /// item word: "item A", "Item #2", "Disputed Treatment 3", "issue IV". Nil otherwise.
    private static func itemNumberBefore(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        var e = r.upperBound
        while e > r.lowerBound, bytes[e - 1] == 32 { e -= 1 }
        var s = e
        while s > r.lowerBound, e - s < 4, TextScan.isAlnum(bytes[s - 1]) { s -= 1 }
        guard s < e, s > r.lowerBound else { return nil }
        let token = bytes[s..<e]
        let isNumber = token.allSatisfy(TextScan.isDigit)
        let isLetter = token.count == 1 && bytes[s] >= 65 && bytes[s] <= 72
        let isRoman = token.allSatisfy { $0 == 73 || $0 == 86 || $0 == 88 }
        guard isNumber || isLetter || isRoman else { return nil }
        var w = s
        if w > r.lowerBound, bytes[w - 1] == 35 { w -= 1 }  // "#2"
        guard w > r.lowerBound, bytes[w - 1] == 32 else { return nil }
        var we = w
        while we > r.lowerBound, bytes[we - 1] == 32 { we -= 1 }
        var ws = we
        while ws > r.lowerBound, TextScan.isAlpha(bytes[ws - 1]) { ws -= 1 }
        guard ws < we, let k = lookup(bytes, ws..<we, misread: false), words[k].contains(.issue), !words[k].contains(.plural) else { return nil }
        return w
    }

    /// A field form's row at line `k` (from `start`): a label with its value after a dotted leader
    /// ("Outcome ........ OVERTURNED", "Basis cited by reviewer ...... MTUS …") or, of three words or
    /// more, after a column gap ("Basis cited by claims administrator  ACOEM …"), the leader or the gap
    /// standing for the colon. Read where a letter's words are read (`SectionFinder`), for a line that
    /// holds no label read otherwise.
    static func formRow(_ lines: LetterLines, line k: Int, from start: Int) -> Found? {
        let bytes = lines.bytes
        let c = lines[k].content
        // (The first word is looked up first: most lines start with a word no label has.)
        guard start < c.upperBound, startsWithLabelWord(bytes, start..<c.upperBound),
              let (wordsEnd, valueStart, gap) = leader(bytes, start..<c.upperBound),
              let (f, n) = flagsAndCount(bytes, start..<wordsEnd, maxWords: 8), n > 0, !gap || n >= 3,
              let meaning = meaning(f, standalone: false), meaning.fieldLabel != nil, meaning != .urDecision, meaning != .title else { return nil }
        return Found(meaning: meaning, labelEnd: wordsEnd, valueStart: valueStart, hasColon: true)
    }

    /// Whether `r` starts with a word labels start with.
    @inline(__always)
    private static func startsWithLabelWord(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        var w = r.lowerBound
        while w < r.upperBound, TextScan.isAlpha(bytes[w]) || bytes[w] == 39 { w += 1 }
        guard w > r.lowerBound, let k = wordSet.index(bytes, r.lowerBound..<w) else { return false }
        // A word with a meaning of its own, or one labels start with ("Medical", "Reviewer"): "The",
        // "In" start prose.
        return !words[k].subtracting([.and, .plural]).isEmpty || firstGlue.contains(bytes, r.lowerBound..<w)
    }

    /// A dotted leader (three dots or more, a space before them) or a gap of two spaces or more
    /// after the first words of `r`, before any colon and within 60 bytes: where the words end,
    /// where the value after the leader starts, and whether it is a gap. Nil when the line has
    /// neither, or nothing after it.
    private static func leader(_ bytes: [UInt8], _ r: Range<Int>) -> (wordsEnd: Int, valueStart: Int, gap: Bool)? {
        var i = r.lowerBound
        let limit = min(r.upperBound, r.lowerBound + 60)
        while i < limit {
            let b = bytes[i]
            if b == 58 || b == 46 && !(i + 2 < r.upperBound && bytes[i + 1] == 46 && bytes[i + 2] == 46) { return nil }
            if b == 32 || b == 9 {
                var j = i
                while j < r.upperBound, bytes[j] == 32 || bytes[j] == 9 { j += 1 }
                if j + 2 < r.upperBound, bytes[j] == 46, bytes[j + 1] == 46, bytes[j + 2] == 46 {
                    var v = j
                    while v < r.upperBound, bytes[v] == 46 || bytes[v] == 32 || bytes[v] == 9 { v += 1 }
                    return v < r.upperBound ? (i, v, false) : nil
                }
                if j - i >= 2 || b == 9 {
                    return j < r.upperBound ? (i, j, true) : nil
                }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    private static func endsWithStop(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard let last = r.last else { return true }
        return bytes[last] == 46 || bytes[last] == 44 || bytes[last] == 59 || bytes[last] == 63 || bytes[last] == 33
    }

    /// The flags of the words in `range` over several lines, leaving out the page furniture between
    /// them (a label wrapped across a page break).
    private static func flags(_ lines: LetterLines, _ range: Range<Int>, maxWords: Int) -> Flags? {
        // A word cut by a hyphen at a line's end ("DETERMI-" / "NATION"): the lines' words read as
        // one text with the halves joined.
        var pieces: [Range<Int>] = []
        var cut = false
        var k0 = lines.lineIndex(at: range.lowerBound)
        while k0 < lines.count, lines[k0].start < range.upperBound {
            if lines.isSignificant(k0) {
                let r = max(range.lowerBound, lines[k0].contentStart)..<min(range.upperBound, lines[k0].contentEnd)
                if !r.isEmpty {
                    if pieces.last.map({ lines.bytes[$0.upperBound - 1] == 45 && $0.count > 1 && TextScan.isAlpha(lines.bytes[$0.upperBound - 2]) }) ?? false { cut = true }
                    pieces.append(r)
                }
            }
            k0 += 1
        }
        if cut {
            var joined: [UInt8] = []
            for r in pieces {
                if let last = joined.last, last == 45, joined.count > 1, TextScan.isAlpha(joined[joined.count - 2]) { joined.removeLast() }
                else if !joined.isEmpty { joined.append(32) }
                joined += lines.bytes[r]
            }
            return flags(joined, 0..<joined.count, maxWords: maxWords)
        }
        var all: Flags = []
        var k = lines.lineIndex(at: range.lowerBound)
        var count = 0
        while k < lines.count, lines[k].start < range.upperBound {
            if lines.isSignificant(k) {
                let r = max(range.lowerBound, lines[k].contentStart)..<min(range.upperBound, lines[k].contentEnd)
                if !r.isEmpty {
                    // The lines' words count against the one limit.
                    guard let (f, n) = flagsAndCount(lines.bytes, r, maxWords: maxWords - count) else { return nil }
                    all.formUnion(f)
                    count += n
                }
            }
            k += 1
        }
        return count == 0 ? nil : all
    }

    /// The flags of the words in `range`, or nil when one of them is not a label word (or there are
    /// more than `maxWords`).
    private static func flags(_ bytes: [UInt8], _ range: Range<Int>, maxWords: Int) -> Flags? {
        flagsAndCount(bytes, range, maxWords: maxWords).flatMap { $0.count == 0 ? nil : $0.flags }
    }

    /// The flags of the words in `range` and how many words there are (none: no flags), or nil when
    /// one of them is not a label word or there are more than `maxWords`.
    private static func flagsAndCount(_ bytes: [UInt8], _ range: Range<Int>, maxWords: Int) -> (flags: Flags, count: Int)? {
        var flags: Flags = []
        var count = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            // Brackets, commas, hyphens and slashes between words are punctuation.
            if TextScan.isSpace(b) || b == 40 || b == 41 || b == 44 || b == 45 || b == 34 || b == 59 { i += 1; continue }
            let s = i
            while i < range.upperBound, !TextScan.isSpace(bytes[i]), bytes[i] != 44, bytes[i] != 59, bytes[i] != 34 {
                // "Guideline(s)", "ISSUE(S)": the "(s)" is part of the word, a ")" after a word is not.
                if bytes[i] == 41, !(i >= 2 && bytes[i - 1] | 0x20 == 115 && bytes[i - 2] == 40) { break }
                if bytes[i] == 40, !(i + 2 < range.upperBound && TextScan.lower(bytes[i + 1]) == 115 && bytes[i + 2] == 41) { break }
                i += 1
            }
            var e = i
            var plural = false
            // "guideline(s)" is the plural of "guideline"; "administrator’s" of "administrator's".
            if e - s > 3, bytes[e - 1] == 41, bytes[e - 3] == 40 { e -= 3; plural = true }
            while e > s, bytes[e - 1] == 46 || bytes[e - 1] == 58 { e -= 1 }
            guard e > s else { continue }
            count += 1
            if count > maxWords { return nil }
            if fieldWords.contains(bytes, s..<e) { return nil }
            // A word cut by a hyphen and a space ("DETER- MINATIONS", a line's end lost): the two
            // halves read as one word.
            if e - s > 2, bytes[e - 1] == 45, TextScan.isAlpha(bytes[e - 2]) {
                var j = e
                while j < range.upperBound, bytes[j] == 32 || bytes[j] == 9 { j += 1 }
                var t = j
                while t < range.upperBound, TextScan.isAlpha(bytes[t]) { t += 1 }
                guard t > j else { return nil }
                let word = Array(bytes[s..<(e - 1)]) + Array(bytes[j..<t])
                guard let k = lookup(word, 0..<word.count) else { return nil }
                flags.formUnion(words[k])
                i = t
                continue
            }
            guard let k = lookup(bytes, s..<e) else { return nil }
            flags.formUnion(words[k])
            if plural { flags.insert(.plural) }
        }
        return (flags, count)
    }

    /// Whether the word at `r` ends a label word cut by a hyphen and a space before it ("DETER-
    /// MINATIONS").
    private static func joinsCut(_ bytes: [UInt8], _ r: Range<Int>, floor: Int) -> Bool {
        var h = r.lowerBound
        while h > floor, bytes[h - 1] == 32 { h -= 1 }
        guard h < r.lowerBound, h - 2 >= floor, bytes[h - 1] == 45, TextScan.isAlpha(bytes[h - 2]) else { return false }
        var s = h - 1
        while s > floor, TextScan.isAlpha(bytes[s - 1]) { s -= 1 }
        let word = Array(bytes[s..<(h - 1)]) + Array(bytes[r])
        return lookup(word, 0..<word.count) != nil
    }

    /// A label word as the text spells it: exactly, with a curly apostrophe, or as a scan misreads
    /// it ("ANALYSlS", "Decison"; see `WordSetIndex.misread`).
    @inline(__always)
    private static func lookup(_ bytes: [UInt8], _ r: Range<Int>, misread: Bool = true) -> Int? {
        wordSet.index(bytes, r) ?? curlyPossessive(bytes, r) ?? (misread ? wordSet.misread(bytes, r) : nil)
    }

    /// "administrator’s" (a curly apostrophe) looked up as "administrator's".
    private static func curlyPossessive(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        guard r.count > 4, bytes[r.upperBound - 4] == 0xE2, bytes[r.upperBound - 3] == 0x80, bytes[r.upperBound - 2] == 0x99,
              TextScan.lower(bytes[r.upperBound - 1]) == 115 else { return nil }
        var w = Array(bytes[r.lowerBound..<(r.upperBound - 4)])
        w += [39, 115]
        return wordSet.index(w, 0..<w.count)
    }

    /// What a label with these words means. A field label may carry its value after its colon; a
    /// section heading ("Case Summary", "Decisions and Rationales") names what follows it.
    private static func meaning(_ f: Flags, standalone: Bool) -> LabelMeaning? {
        // A label that names its item by number: a decision on it ("Determination for item A:"), or
        // what the same words mean without the number.
        if f.contains(.numbered) {
            guard f.contains(.issue), !standalone else { return nil }
            if f.contains(.decision), f.isDisjoint(with: [.claims, .guideline, .rationale, .plural, .summary]) { return .decision }
            let rest = meaning(f.subtracting([.numbered, .issue, .disputed]), standalone: false)
            return rest == .title ? nil : rest
        }
        // "each" only in the heading of the items told in detail ("Rationale for Each Disputed Treatment").
        if f.contains(.each) {
            return standalone && f.contains([.rationale, .issue, .disputed]) && f.isDisjoint(with: [.guideline, .claims]) ? .items : nil
        }
        if f.contains(.how), f.contains(.made) { return .howMade }
        if f.contains(.qualifications) { return .qualifications }
        if f.contains(.documents), f.contains(.reviewed), !f.contains(.guideline) { return .documents }
        // "Decision(s) and Rationale(s)", "Issues, Decisions and Rationales", "Disputed Items and Decisions".
        if f.contains(.decision), f.contains(.and) || f.contains(.plural), f.contains(.rationale) || f.contains(.issue) { return .items }
        // "Disputed Items", "Summary of Disputed Item" (a list of one): the items, not the case summary.
        if f.contains(.issue), f.contains(.plural) || f.contains(.summary), f.contains(.disputed), !f.contains(.guideline), standalone { return .items }
        // "Rationale for Each Disputed Treatment", "Reasons for the Disputed Items": the items told in detail.
        if f.contains(.rationale), f.contains(.issue), f.contains(.disputed), !f.contains(.guideline), !f.contains(.claims), standalone { return .items }
        // "Basis cited by reviewer", "Basis cited by claims administrator": what is cited as the basis
        // is a guideline.
        if f.contains(.guideline) || (f.contains(.cited) && f.contains(.rationale) && f.isDisjoint(with: [.summary, .decision, .issue])) {
            return f.contains(.claims) ? .claimsAdministratorGuideline : .reviewerGuideline
        }
        if f.contains(.summary), !f.contains(.decision), !f.contains(.rationale) { return .caseSummary }
        if f.contains(.rationale) { return .rationale }
        if f.contains(.decision), !f.contains(.issue), !f.contains(.claims) { return standalone ? nil : .decision }
        // "UR action:", "Utilization review decision:": the UR's decision on the item, not the review's.
        if f.contains(.decision), f.contains(.claims), !f.contains(.issue), !standalone { return .urDecision }
        if f.contains(.issue), f.contains(.disputed), !standalone { return .title }
        // "Requested:" alone, as a field: what was requested is the item.
        if f == .disputed, !standalone { return .title }
        return nil
    }
}

/// Lower-case ASCII words looked up from the bytes of the text: the index of the word in the list
/// it was built from (see `WordSet`, which only says whether a word is there). One hash of the
/// word's bytes, case folded, and one probe of a `KeyMap`, whatever the list's length.
struct WordSetIndex: Sendable {
    /// Every word's bytes, one after another; word `k` is `storage[starts[k]..<starts[k + 1]]`.
    private let storage: [UInt8]
    private let starts: [Int32]
    private let map: KeyMap<Int32>
    /// Each word of eight or more letters with one letter left out, to the word (the first wins).
    private let dropped: KeyMap<Int32>

    init(_ list: [String]) {
        var storage: [UInt8] = []
        var starts: [Int32] = [0]
        var entries: [(UInt64, Int32)] = []
        var seen = Set<UInt64>()
        for (k, w) in list.enumerated() {
            let bytes = Array(w.utf8)
            storage += bytes
            starts.append(Int32(storage.count))
            // The first of repeated words wins.
            let key = Self.key(bytes, 0..<bytes.count)
            if seen.insert(key).inserted { entries.append((key, Int32(k))) }
        }
        self.storage = storage
        self.starts = starts
        map = KeyMap(entries)
        var cut: [(UInt64, Int32)] = []
        for (k, w) in list.enumerated() {
            let bytes = Array(w.utf8)
            guard bytes.count >= 8, bytes.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { continue }
            for j in bytes.indices {
                // FNV-1a of the word without its letter `j` (a word of the list itself is no misreading).
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for (i, b) in bytes.enumerated() where i != j { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
                if map[h] == nil { cut.append((h, Int32(k))) }
            }
        }
        // Later entries of a repeated key win in a `KeyMap`: reversed, the first word wins.
        dropped = KeyMap(cut.reversed())
    }

    /// FNV-1a of the bytes, ASCII case folded.
    @inline(__always)
    private static func key(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range { h = (h ^ UInt64(TextScan.lower(bytes[i]))) &* 0x100_0000_01b3 }
        return h
    }

    /// A word of the list as a scan or a typist misreads it, when it is none exactly: an "l" for
    /// an "I" in a word in capitals ("ANALYSlS", "DETERMINATlONS"), or a word of eight or more
    /// letters with one letter dropped ("Decison"). One or two more probes, only for words of
    /// seven letters or more.
    func misread(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        // A label's words are capitalised: a word in lower case is prose, not a misread label word.
        guard range.count >= 7, range.count <= 24, bytes[range.lowerBound] >= 65, bytes[range.lowerBound] <= 90 else { return nil }
        var capitals = 0, ells = 0, otherLower = 0
        for i in range {
            let b = bytes[i]
            if b >= 65 && b <= 90 { capitals += 1 } else if b == 108 { ells += 1 } else if b >= 97 && b <= 122 { otherLower += 1 } else { return nil }
        }
        if ells > 0, otherLower == 0, capitals >= 2 {
            var w = Array(bytes[range])
            for j in w.indices where w[j] == 108 { w[j] = 105 }
            if let k = index(w, 0..<w.count) { return k }
        }
        guard let k = dropped[Self.key(bytes, range)] else { return nil }
        // The word with one of its letters left out is the text's word.
        let s = Int(starts[Int(k)]), e = Int(starts[Int(k) + 1])
        guard e - s == range.count + 1 else { return nil }
        var skipped = false
        var j = 0
        for i in 0..<(e - s) {
            if j < range.count, TextScan.lower(bytes[range.lowerBound + j]) == storage[s + i] { j += 1 }
            else if !skipped { skipped = true } else { return nil }
        }
        return Int(k)
    }

    func index(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.count <= 24, let k = map[Self.key(bytes, range)] else { return nil }
        let s = Int(starts[Int(k)]), e = Int(starts[Int(k) + 1])
        guard e - s == range.count else { return nil }
        for j in 0..<(e - s) where TextScan.lower(bytes[range.lowerBound + j]) != storage[s + j] { return nil }
        return Int(k)
    }
}
