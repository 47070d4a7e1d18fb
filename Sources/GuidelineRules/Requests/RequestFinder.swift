import IMRParse

/// A request found in a note: its text as a request title would read, where it stands, and the
/// treatment it names.
public struct FoundRequest: Sendable, Equatable {
    /// The request as a title ("Norco 10/325 mg one tablet every 6 hours #120"), white space folded;
    /// when the note's medication list gives a drug's strength that the request line leaves out, it
    /// is added after a " — " ("Continue Norco — Norco 10/325 mg 1 q6h").
    public var text: String
    /// Bytes of the request in the note.
    public var range: Range<Int>
    /// The treatment it names, as outputs report it (a design id: `electrotherapy` for an H-wave unit).
    public var treatment: String
    /// The family whose criteria apply (`h_wave_stimulation`); the same as `treatment` unless a family
    /// refines it.
    public var family: String
}

/// Finds the requests a note makes, in any office's words: "Plan: Request lumbar ESI L4-5",
/// "RFA submitted for …", "We will request authorization for …", "I recommend …", "Continue Norco
/// 10/325 #90", "Refill …", "PT 2x6 lumbar", numbered lists after "Requesting:".
///
/// The note is read as clinical text (sentences, sections, ConText assertions). It is cut into
/// units — sentences, the lines of a list ("1.", "2)", "-", "•"), the lines of a plan, pieces
/// between semicolons — and a unit asks for what it names when
/// - it stands in a `plan` section (`Rules/context/sections.rules`), or
/// - it holds an `ask` word anywhere ("request", "authorization", "RFA", "recommend"), or
/// - it opens with an `order` word ("Continue …", "Refill …", "Start …") (`request_words`, `Rules/requests.rules`).
/// Without an ask word, a treatment named after an `about` word ("despite PT", "with the EMG results")
/// is what a plan's line talks about, not what it asks for.
/// Each treatment the unit names (by the families' `requests` phrasings, as request titles are read)
/// is a request unless its mention is negated ("no repeat injection"), historical ("had an ESI"),
/// about another person or a guideline's words, or follows a `not_now` word in the unit ("if she
/// fails therapy we will consider an ESI"). A unit naming several families gives one request each,
/// cut at the "and" or comma before the next; one family named twice is one request.
package struct RequestFinder: Sendable {
    let recognizer: RequestRecognizer
    let engine: ContextEngine
    /// `ask` (id 0), `order` (1), `not_now` (2), `condition` (3), `about` (4), `diagnosis` (5) and `credential` (6) words.
    let words: PhraseTrie
    /// A plan, and a problem list with each problem's plan ("Assessment and Plan:"), ask for what they name.
    let planSections: PlanSections
    let medicationSection: Int?
    /// The id each family is reported as (`Treatment.reportedID`).
    let reported: [String: String]

    static let ask: Int32 = 0, order: Int32 = 1, notNow: Int32 = 2, condition: Int32 = 3, about: Int32 = 4, diagnosis: Int32 = 5,
               credential: Int32 = 6

    package init(book: RuleBook, recognizer: RequestRecognizer, engine: ContextEngine) {
        self.recognizer = recognizer
        self.engine = engine
        var trie = PhraseTrie()
        let maker = PartKeysMaker(book.lexicon)
        for (kind, id) in [(RequestWordKind.ask, Self.ask), (.order, Self.order), (.notNow, Self.notNow), (.condition, Self.condition),
                           (.about, Self.about), (.diagnosis, Self.diagnosis), (.credential, Self.credential)] {
            for p in book.requestWords[kind] ?? [] {
                maker.keys(of: p).add(to: &trie, id: id)
            }
        }
        words = trie
        reported = Dictionary(book.treatments.map { ($0.id, $0.reportedID) }, uniquingKeysWith: { first, _ in first })
        planSections = book.context.planSections
        medicationSection = book.context.sectionIndex("medications")
    }

    static let and = Tokenizer.key(of: "and"), comma = Tokenizer.key(of: ","), plus = Tokenizer.key(of: "+"),
               semicolon = Tokenizer.key(of: ";"), slash = Tokenizer.key(of: "/"), amp = Tokenizer.key(of: "&"),
               dot = Tokenizer.key(of: "."), paren = Tokenizer.key(of: ")"), dash = Tokenizer.key(of: "-"),
               star = Tokenizer.key(of: "*"), bullet = Tokenizer.key(of: "•"), hash = Tokenizer.key(of: "#"),
               colon = Tokenizer.key(of: ":"), greater = Tokenizer.key(of: ">"), equals = Tokenizer.key(of: "="),
               arrow = Tokenizer.key(of: "→")

    /// The requests of `source`, in text order.
    package func find(in source: SourceText) -> [FoundRequest] {
        guard !source.bytes.isEmpty else { return [] }
        let clinical = ClinicalText(source: source, engine: engine)
        let tokens = clinical.tokens
        var out: [FoundRequest] = []
        // A unit that asks and ends with ":" ("I ask that the following be authorized:") asks for the
        // list items after it.
        var listAsked = false
        let bytes = clinical.source.bytes
        let title = Self.titleEnd(tokens, bytes)
        for whole in units(clinical) {
            // The title names the document ("REQUEST FOR HOME HEALTH SERVICES - POST-OPERATIVE"); it asks nothing.
            let unit = max(whole.lowerBound, title)..<max(whole.upperBound, title)
            if unit.isEmpty { continue }
            let opensList = Self.startsListItem(tokens, unit.lowerBound, unit.upperBound)
            // The list ends at a line that is not one of its items (a sentence inside an item goes on).
            let opensLine = unit.lowerBound == 0 || bytes.withUnsafeBufferPointer {
                NoteSections.newline(between: tokens[unit.lowerBound - 1], and: tokens[unit.lowerBound], in: $0)
            }
            if opensLine, !opensList { listAsked = false }
            let (found, asks) = requests(in: unit, clinical, asked: listAsked && opensList)
            out += found
            if asks, let last = unit.last, tokens[last].kind == .punct, tokens[last].key == Self.colon { listAsked = true }
        }
        return out.map { enriched($0, clinical) }
    }

    /// The end of the text's title: its first line when that line is in capitals, of three words or more
    /// ("OUTPATIENT PHYSICAL THERAPY -- PROGRESS REPORT / REQUEST FOR ADDITIONAL VISITS"); 0 otherwise.
    static func titleEnd(_ tokens: [Token], _ bytes: [UInt8]) -> Int {
        var end = 0, words = 0, upper = 0, lower = 0
        while end < tokens.count, end == 0 || !bytes[Int(tokens[end - 1].end)..<Int(tokens[end].start)].contains(10) {
            if tokens[end].kind == .word {
                words += 1
                for b in bytes[Int(tokens[end].start)..<Int(tokens[end].end)] {
                    if b >= 65 && b <= 90 { upper += 1 } else if b >= 97 && b <= 122 { lower += 1 }
                }
            }
            end += 1
        }
        return words >= 3 && lower * 10 <= upper ? end : 0
    }

    // MARK: Units

    /// Sentences, cut again at list items, plan lines and semicolons.
    func units(_ clinical: ClinicalText) -> [Range<Int>] {
        let tokens = clinical.tokens
        var out: [Range<Int>] = []
        source(clinical).withUnsafeBufferPointer { bytes in
            for sentence in clinical.sentences {
                var start = sentence.tokenRange.lowerBound
                let end = sentence.tokenRange.upperBound
                var i = start + 1
                while i < end {
                    let t = tokens[i]
                    var cut = false
                    if t.kind == .punct, t.key == Self.semicolon {
                        out.append(start..<i)
                        start = i + 1
                        i += 1
                        continue
                    }
                    if NoteSections.newline(between: tokens[i - 1], and: t, in: bytes) {
                        // A new list item, or a new line of a plan or a medication list.
                        let section = clinical.section(ofToken: i)
                        cut = Self.startsListItem(tokens, i, end) || Self.blankLine(between: tokens[i - 1], and: t, in: bytes)
                            || (section >= 0 && (planSections.contains(section) || section == medicationSection) && Self.startsLine(t, bytes))
                    }
                    if cut {
                        out.append(start..<i)
                        start = i
                    }
                    i += 1
                }
                if start < end { out.append(start..<end) }
            }
        }
        // A list marker that the sentence splitter left at the end of a sentence ("… #60\n2." |
        // "Omeprazole …") opens the next unit.
        var merged: [Range<Int>] = []
        var k = 0
        while k < out.count {
            let u = out[k]
            if k + 1 < out.count, Self.startsListItem(tokens, u.lowerBound, u.upperBound),
               u.count == Self.listMarkerLength(tokens, u.lowerBound) {
                merged.append(u.lowerBound..<out[k + 1].upperBound)
                k += 2
                continue
            }
            merged.append(u)
            k += 1
        }
        return merged
    }

    private func source(_ clinical: ClinicalText) -> [UInt8] { clinical.source.bytes }

    /// "1.", "2)", "a)", "b.", "-", "*", "•" opening a line.
    static func startsListItem(_ tokens: [Token], _ i: Int, _ end: Int) -> Bool {
        let t = tokens[i]
        if t.key == arrow { return true }
        if t.kind == .punct { return t.key == dash || t.key == star || t.key == bullet || t.key == equals }
        guard i + 1 < end, tokens[i + 1].kind == .punct, tokens[i + 1].key == dot || tokens[i + 1].key == paren,
              tokens[i + 1].start == t.end else { return false }
        return t.kind == .number || (t.end - t.start == 1 && listLetters.contains(t.key))
    }

    /// Tokens of the list marker at `i` (`startsListItem`): "2)" and "b." are two, "-" and "→" one.
    static func listMarkerLength(_ tokens: [Token], _ i: Int) -> Int {
        let t = tokens[i]
        return t.kind == .number || (t.kind == .word && t.end - t.start == 1 && listLetters.contains(t.key)) ? 2 : 1
    }

    /// The letters that number a list ("a)", "b.", "C)"): the first eight, enough for any plan.
    static let listLetters: Set<UInt64> = Set("abcdefgh".map { Tokenizer.key(of: String($0)) })

    /// Whether byte `at` stands inside double quotation marks opened earlier on its line (straight or
    /// curly quotes counted from the line's start: an odd number have opened).
    static func insideQuotes(_ at: Int, _ bytes: [UInt8]) -> Bool {
        var quotes = 0, k = at - 1
        while k >= 0, bytes[k] != 10 {
            if bytes[k] == 34 { quotes += 1 }
            // “ and ” (E2 80 9C, E2 80 9D), seen from their last byte.
            else if (bytes[k] == 0x9C || bytes[k] == 0x9D), k >= 2, bytes[k - 1] == 0x80, bytes[k - 2] == 0xE2 { quotes += 1; k -= 2 }
            k -= 1
        }
        return quotes % 2 == 1
    }

    /// Two line breaks between two tokens: a paragraph ends.
    static func blankLine(between a: Token, and b: Token, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var lines = 0
        for k in Int(a.end)..<Int(b.start) where bytes[k] == 10 { lines += 1 }
        return lines >= 2
    }

    /// A line that starts a new item rather than continuing a wrapped one: not in lower case.
    static func startsLine(_ t: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = bytes[Int(t.start)]
        return !(b >= 97 && b <= 122)
    }

    // MARK: Requests of a unit

    /// The requests of one unit, and whether the unit asks (by standing in a plan or holding a request
    /// word); `asked` when an earlier unit asked for the list this unit is an item of.
    func requests(in unit: Range<Int>, _ clinical: ClinicalText, asked: Bool) -> ([FoundRequest], Bool) {
        let tokens = clinical.tokens
        var content = unit.lowerBound
        // A list marker and a heading ("1.", "P:", "Plan:") are not the request.
        if Self.startsListItem(tokens, content, unit.upperBound) { content += Self.listMarkerLength(tokens, content) }
        // So is a form's check box ("[X] DME: wrist splint").
        if let box = clinical.checkBox(startingAt: content) { content = box.upperBound }
        if let h = clinical.sections.headings.first(where: { $0.lowerBound >= unit.lowerBound && $0.lowerBound <= content + 1 }) {
            content = max(content, h.upperBound)
            while content < unit.upperBound, tokens[content].kind == .punct { content += 1 }
        }
        guard content < unit.upperBound else { return ([], false) }
        let section = clinical.section(ofToken: content)
        let inPlan = asked || planSections.contains(section) || Self.isArrow(tokens, unit.lowerBound)
        // The unit's request words: where each ends, and whether one asks, orders at the start, or defers.
        var asks = false
        var cueEnds: [Int] = []
        var notNowAt: [Int] = []
        var conditionAt: [Int] = []
        var aboutAt: [Int] = []
        var diagnosisAt: [Int] = []
        // An order word opening the unit stays in the request's text: "Start nortriptyline …" asks to
        // start it, "Continue Norco …" to continue it (facts read from the request need the verb).
        var orderCue: Range<Int>? = nil
        var signed = false
        var j = content
        tokens.withUnsafeBufferPointer { buffer in
            while j < unit.upperBound {
                guard let m = words.longestMatch(in: buffer, at: j, end: unit.upperBound), m.node >= 0 else { j += 1; continue }
                let ids = words.ids(at: m.node)
                // A request word in an unticked box's label asks nothing ("[ ] Info requested by").
                if clinical.inEmptyBox(j..<m.end) { j = m.end; continue }
                // A one-word ask in a participle reports another's ask ("an evaluation … recommending CBT",
                // "the patient requested PT"), unless the writer is its subject ("I am requesting").
                if ids.contains(Self.ask), m.end == j + 1, j > content,
                   Self.reportsAnAsk(buffer, at: j, from: content, end: unit.upperBound, clinical.source.bytes) {
                    j = m.end; continue
                }
                if ids.contains(Self.ask) {
                    asks = true; cueEnds.append(m.end)
                    // "We will continue Norco …": the order verb ending the ask stays in the request's text
                    // (one that asks by itself does not: "I recommend a block" asks for the block).
                    for k in (j + 1)..<m.end where orderCue == nil {
                        if let o = words.longestMatch(in: buffer, at: k, end: m.end), o.node >= 0, o.end == m.end,
                           words.ids(at: o.node).contains(Self.order), !words.ids(at: o.node).contains(Self.ask) { orderCue = k..<m.end }
                    }
                }
                if ids.contains(Self.order), j == content {
                    asks = true; cueEnds.append(m.end)
                    if !ids.contains(Self.ask) { orderCue = j..<m.end }  // "Request …" says nothing more than asking
                }
                if ids.contains(Self.notNow) { notNowAt.append(j) }
                if ids.contains(Self.condition) { conditionAt.append(j) }
                if ids.contains(Self.about) { aboutAt.append(j) }
                if ids.contains(Self.diagnosis) { diagnosisAt.append(j) }
                if ids.contains(Self.credential), j > content + 1, buffer[j - 1].key == Self.comma,
                   Self.namesAPerson(buffer, content..<(j - 1), clinical.source.bytes) { signed = true; break }
                j = m.end
            }
        }
        guard (inPlan || asks), !signed else { return ([], false) }
        var mentions: [(treatment: String, tokens: Range<Int>)] = []
        for m in named(in: content..<unit.upperBound, cutAt: cueEnds, tokens) {
            let ctx = clinical.context(of: m.tokens)
            switch ctx?.assertion {
            case .guideline? where ctx!.generic: break  // a request names no patient either: "… not to exceed 12 visits"
            case .negated?, .historical?, .otherPerson?, .guideline?: continue
            // Outside a plan a request is something not yet done ("we will request", "I recommend"):
            // "PT was authorized for 6 visits" reports, it does not ask.
            case .affirmed?, .possible?, nil: if !inPlan && !cueEnds.contains(where: { $0 <= m.tokens.lowerBound }) { continue }
            default: break
            }
            // A condition named after the joint or nerve a treatment is named by: "Right sacroiliac joint dysfunction".
            if diagnosisAt.contains(m.tokens.upperBound) { continue }
            // An empty check box on a form: "[ ] Physical therapy", "PT/OT [ ]".
            if clinical.inEmptyBox(m.tokens) { continue }
            // Someone else's words quoted: a radiologist's "Recommend CT for further evaluation." — unless
            // the note asks for what it quotes (`The RFA requested "Home health aide …"`).
            if Self.insideQuotes(Int(tokens[m.tokens.lowerBound].start), clinical.source.bytes),
               !cueEnds.contains(where: { $0 <= m.tokens.lowerBound && !Self.insideQuotes(Int(tokens[$0 - 1].start), clinical.source.bytes) }) { continue }
            if conditionAt.contains(where: { $0 < m.tokens.lowerBound }) { continue }
            // Without an ask word, a treatment after an `about` word is what a plan's line talks about,
            // not what it asks for ("symptoms present for a month despite PT", "follow up with the EMG results").
            if !asks, aboutAt.contains(where: { $0 < m.tokens.lowerBound }) { continue }
            // Not now, unless an ask word after it asks anew ("we discussed the options and I will submit an RFA for …").
            if let n = notNowAt.last(where: { $0 < m.tokens.lowerBound }), !cueEnds.contains(where: { $0 > n + 1 && $0 <= m.tokens.lowerBound }) { continue }
            // One family named twice is one request ("ESI … epidural"), unless the first was given its own
            // dose or quantity before a joining word: two drugs of one class are two requests.
            if let last = mentions.last, last.treatment == m.treatment {
                let join = boundary(before: m.tokens.lowerBound, after: last.tokens.upperBound, tokens)
                let joined = join >= last.tokens.upperBound && [Self.and, Self.comma, Self.plus, Self.amp, Self.semicolon].contains(tokens[join].key)
                if !(joined && tokens[last.tokens.upperBound..<join].contains(where: { $0.kind == .number || $0.hasDigits })) { continue }
            }
            mentions.append(m)
        }
        // "I am requesting six further sessions": sessions of the treatment named with them before.
        if mentions.isEmpty, let cue = cueEnds.first, let request = sessionsOfEarlierTreatment(unit, after: cue, clinical) {
            return ([request], true)
        }
        var out: [FoundRequest] = []
        for (k, m) in mentions.enumerated() {
            // From the last request word before the mention (or the unit's start) to the word that
            // joins the next mention ("and", ",", "+"), or the unit's end.
            var start = k == 0 ? content : boundary(before: mentions[k].tokens.lowerBound, after: mentions[k - 1].tokens.upperBound, tokens) + 1
            if let cue = cueEnds.last(where: { $0 <= m.tokens.lowerBound && $0 > start }) {
                start = orderCue.map { $0.upperBound == cue ? $0.lowerBound : cue } ?? cue
            }
            start = skipLeadingWords(start, m.tokens.lowerBound, tokens)
            var end = k + 1 < mentions.count ? boundary(before: mentions[k + 1].tokens.lowerBound, after: m.tokens.upperBound, tokens) : unit.upperBound
            // A new clause ends the request: ", and I told her that …", "; she will …".
            if let clause = clauseBreak(after: m.tokens.upperBound, before: end, tokens) { end = clause }
            var last = end
            while last > start + 1, tokens[last - 1].kind == .punct, tokens[last - 1].key != Self.paren { last -= 1 }
            guard start < last else { continue }
            let bytes = clinical.byteRange(ofTokens: start..<last)
            out.append(FoundRequest(text: clinical.source.normalized(bytes), range: bytes, treatment: reported[m.treatment] ?? m.treatment,
                                    family: m.treatment))
        }
        return (out, true)
    }

    /// Whether `range` is a person's name as a signature writes it: one to four capitalised words, with
    /// initials and hyphens ("Lena Matsuda", "J. Ruiz-Ortega").
    static func namesAPerson(_ tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>, _ bytes: [UInt8]) -> Bool {
        guard !range.isEmpty else { return false }
        var words = 0
        for t in tokens[range] {
            if t.kind == .punct { guard t.key == dot || t.key == dash else { return false }; continue }
            let b = bytes[Int(t.start)]
            guard t.kind == .word, b >= 65, b <= 90 else { return false }
            words += 1
        }
        return words >= 1 && words <= 4
    }

    /// The treatments named in a unit, read afresh after each ask word: the recognizer reads a request
    /// title, where "for" opens the purpose ("PT for the neck"), but in a sentence the words before an ask
    /// are another clause ("ibuprofen has not settled it, so I am asking for cyclobenzaprine").
    func named(in range: Range<Int>, cutAt cues: [Int], _ tokens: [Token]) -> [(treatment: String, tokens: Range<Int>)] {
        var out: [(treatment: String, tokens: Range<Int>)] = []
        var from = range.lowerBound
        for cue in cues.sorted() where cue > from && cue < range.upperBound {
            out += recognizer.mentions(in: tokens, from..<cue)
            from = cue
        }
        return out + recognizer.mentions(in: tokens, from..<range.upperBound)
    }

    static let sessionNouns: Set<UInt64> = Set(["session", "visit", "treatment", "appointment"].map { Tokenizer.key(of: $0) })

    /// A unit that asks for sessions or visits without naming the treatment ("I am requesting six
    /// further sessions, once weekly"): the treatment is the one named with the same noun earlier in the
    /// paragraph ("completed six acupuncture sessions"). The request reads "<the treatment>: <the ask>".
    func sessionsOfEarlierTreatment(_ unit: Range<Int>, after cue: Int, _ clinical: ClinicalText) -> FoundRequest? {
        let tokens = clinical.tokens
        guard cue < unit.upperBound, let noun = tokens[cue..<unit.upperBound].first(where: { Self.sessionNouns.contains($0.key) })?.key
        else { return nil }
        // The paragraph before the unit, at most 200 words back.
        var from = unit.lowerBound
        clinical.source.bytes.withUnsafeBufferPointer { bytes in
            while from > 0, unit.lowerBound - from < 200, !Self.blankLine(between: tokens[from - 1], and: tokens[from], in: bytes) { from -= 1 }
        }
        let named = from < unit.lowerBound ? recognizer.mentions(in: tokens, from..<unit.lowerBound).last { m in
            let around = max(from, m.tokens.lowerBound - 1)..<min(unit.lowerBound, m.tokens.upperBound + 2)
            return tokens[around].contains { $0.key == noun }
        } : nil
        guard let antecedent = named ?? discipline(of: clinical, before: unit.lowerBound) else { return nil }
        var last = clauseBreak(after: cue, before: unit.upperBound, tokens) ?? unit.upperBound
        while last > cue + 1, tokens[last - 1].kind == .punct { last -= 1 }
        let asked = clinical.byteRange(ofTokens: cue..<last)
        let name = clinical.source.normalized(clinical.byteRange(ofTokens: antecedent.tokens))
        return FoundRequest(text: name + ": " + clinical.source.normalized(asked), range: asked,
                            treatment: reported[antecedent.treatment] ?? antecedent.treatment, family: antecedent.treatment)
    }

    /// The one treatment a document's title names ("OUTPATIENT PHYSICAL THERAPY -- PROGRESS REPORT",
    /// "Acupuncture re-evaluation"): a therapist's report asking for "12 additional visits" asks for
    /// visits of its own discipline. The title is the text before the first blank line, at most 40 words.
    func discipline(of clinical: ClinicalText, before limit: Int) -> (treatment: String, tokens: Range<Int>)? {
        let tokens = clinical.tokens
        guard !tokens.isEmpty else { return nil }
        var end = 1
        clinical.source.bytes.withUnsafeBufferPointer { bytes in
            while end < min(limit, 40), !Self.blankLine(between: tokens[end - 1], and: tokens[end], in: bytes) { end += 1 }
        }
        guard end <= limit else { return nil }
        let named = recognizer.mentions(in: tokens, 0..<end)
        guard let first = named.first, named.allSatisfy({ $0.treatment == first.treatment }) else { return nil }
        return first
    }

    /// Words before a participle that make the writer its subject: "I am requesting", "we have
    /// recommended", "is requested", "hereby requesting".
    static let participleSubjects: Set<UInt64> = Set(["i", "we", "am", "are", "is", "be", "been", "have", "has", "'m", "m",
                                                      "hereby", "'re", "re", "being"].map { Tokenizer.key(of: $0) })

    /// Whether the one-word ask at `j` is a participle reporting someone else's ask: an "-ing" form,
    /// or an "-ed" form with a word after it ("recommended CBT"; "PT x12 requested." asks), with no
    /// subject word of the writer in the three words before it.
    static func reportsAnAsk(_ tokens: UnsafeBufferPointer<Token>, at j: Int, from start: Int, end: Int, _ bytes: [UInt8]) -> Bool {
        let t = tokens[j]
        guard t.kind == .word, t.length > 4 else { return false }
        let e = Int(t.end)
        func lower(_ k: Int) -> UInt8 { bytes[e - k] | 0x20 }
        let ing = lower(3) == UInt8(ascii: "i") && lower(2) == UInt8(ascii: "n") && lower(1) == UInt8(ascii: "g")
        let ed = lower(2) == UInt8(ascii: "e") && lower(1) == UInt8(ascii: "d")
        // "-ed" reports in the active voice, with its object after it ("Dr. Lee recommended PT"); not as
        // an adjective ("the requested injections") nor as a passive ("authorization requested for").
        if !ing {
            guard ed, j + 1 < end, tokens[j + 1].kind == .word, !participleFollowers.contains(tokens[j + 1].key),
                  !determiners.contains(tokens[j - 1].key) else { return false }
        }
        for k in max(start, j - 3)..<j where participleSubjects.contains(tokens[k].key) { return false }
        return true
    }

    static let participleFollowers: Set<UInt64> = Set(["for", "to", "by", "at", "on", "in", "from", "with", "as", "under", "per",
                                                       "x", "times", "today", "now", "herein", "below", "above"]
        .map { Tokenizer.key(of: $0) })
    static let determiners: Set<UInt64> = Set(["the", "this", "these", "that", "those", "a", "an", "your", "our", "his", "her"]
        .map { Tokenizer.key(of: $0) })

    /// "->", "=>" or "→" opening a line: a plan item in a problem-oriented note.
    static func isArrow(_ tokens: [Token], _ i: Int) -> Bool {
        guard i + 1 < tokens.count else { return false }
        let a = tokens[i], b = tokens[i + 1]
        if a.key == arrow { return true }
        return a.kind == .punct && b.kind == .punct && (a.key == dash || a.key == equals) && b.key == greater && a.end == b.start
    }

    /// The joining word before the next mention ("and", ",", "+", "&", ";"), else the mention itself.
    private func boundary(before next: Int, after previous: Int, _ tokens: [Token]) -> Int {
        var i = next - 1
        while i >= previous, i >= 0 {
            let k = tokens[i].key
            if k == Self.and || k == Self.comma || k == Self.plus || k == Self.amp || k == Self.semicolon { return i }
            i -= 1
        }
        return max(previous, next - 1)
    }

    /// Words that open a new clause after a comma or "and" (a new subject), as the context engine's.
    static let which = Tokenizer.key(of: "which")
    static let subjects: Set<UInt64> = Set(ContextEngine.subjectWords.map { Tokenizer.key(of: $0) } + ["you", "which", "who"].map { Tokenizer.key(of: $0) })

    /// The first "," or "and" after the request that a new subject follows, within `limit`.
    private func clauseBreak(after start: Int, before limit: Int, _ tokens: [Token]) -> Int? {
        var i = start
        while i + 1 < limit {
            let k = tokens[i].key
            if k == Self.comma || k == Self.and {
                var j = i + 1
                if k == Self.comma, j < limit, tokens[j].key == Self.and { j += 1 }
                if j < limit, Self.subjects.contains(tokens[j].key) { return i }
                // ", after which she will …": a relative clause after a preposition.
                if j + 1 < limit, tokens[j + 1].key == Self.which, tokens[j].kind == .word { return i }
            }
            i += 1
        }
        return nil
    }

    /// A strength after a drug's name: a number with mg, mcg, g, mL or %, or a fraction such as 10/325
    /// (not a date such as 4/2017), within two words.
    /// With `unitsOnly`, a bare fraction does not count: "home on 10/14" is a date, "Norco 10/325 mg" has its unit.
    static func dose(after i: Int, _ tokens: [Token], _ bytes: [UInt8], unitsOnly: Bool = false) -> Bool {
        var j = i + 1
        while j < min(tokens.count, i + 4) {
            let t = tokens[j]
            if t.kind == .word, t.hasDigits {
                // "10mg", "5mcg": digits glued to a unit.
                let text = String(decoding: bytes[Int(t.start)..<Int(t.end)], as: UTF8.self).lowercased()
                if text.hasSuffix("mg") || text.hasSuffix("mcg") || text.hasSuffix("ml") { return true }
            } else if t.kind == .number, j + 1 < tokens.count {
                let next = tokens[j + 1]
                if next.key == Self.mg || next.key == Self.mcg || next.key == Self.gram || next.key == Self.ml || next.key == Self.percent { return true }
                // A fraction, not a date ("02/17/2015" goes on with another "/") nor a score out of ten ("7/10").
                if !unitsOnly, next.key == Self.slash, j + 2 < tokens.count, tokens[j + 2].kind == .number,
                   let d = Tokenizer.integer(bytes, tokens[j + 2].range), d <= 1000, d != 10,
                   !(j + 3 < tokens.count && tokens[j + 3].key == Self.slash) { return true }
            }
            j += 1
        }
        return false
    }
    static let mg = Tokenizer.key(of: "mg"), mcg = Tokenizer.key(of: "mcg"), gram = Tokenizer.key(of: "g"),
               ml = Tokenizer.key(of: "ml"), percent = Tokenizer.key(of: "%")

    /// Words of a treatment's name that name no drug ("the" of "CT of the lumbar spine").
    static let functionWords: Set<UInt64> = Set(["the", "of", "a", "an", "and", "or", "to", "for", "with", "in", "on", "at", "by", "as"]
        .map { Tokenizer.key(of: $0) })

    static let leadingWords: Set<UInt64> = Set(["for", "of", "a", "an", "the", "to", "authorization", "with", "is", "are", ":"].map { Tokenizer.key(of: $0) })

    /// "for", "a", "the", "authorization" between a request word and what is requested.
    private func skipLeadingWords(_ start: Int, _ limit: Int, _ tokens: [Token]) -> Int {
        var s = start
        while s < limit, Self.leadingWords.contains(tokens[s].key) || tokens[s].kind == .punct { s += 1 }
        return s
    }

    // MARK: Strength from the medication list

    /// A drug request that states no strength ("Continue Norco", "oxycodone IR reduced to 4/day, #120")
    /// takes the strength and dosing the note gives that drug elsewhere (its medication list): the
    /// request is judged as the note documents it, not as one line abbreviates it.
    func enriched(_ r: FoundRequest, _ clinical: ClinicalText) -> FoundRequest {
        let span = clinical.tokenRange(covering: r.range)
        let tokens = clinical.tokens
        guard !span.isEmpty else { return r }
        // The words naming the treatment: any of them followed by a number elsewhere.
        let names = recognizer.mentions(in: tokens, span).first?.tokens ?? span
        let nameKeys = Set(tokens[names].filter { $0.kind == .word && !Self.functionWords.contains($0.key) }.map(\.key))
        let bytes = clinical.source.bytes
        // A request that gives its drug's strength stands as written; one that gives only a count or a
        // schedule ("oxycodone IR reduced to 4/day, #120") takes the strength the note gives the drug.
        if span.contains(where: { Self.dose(after: $0, tokens, bytes) }) { return r }
        // With numbers of its own, only a drug's strength with its unit elsewhere is taken.
        let counted = tokens[span].contains(where: { $0.kind == .number || $0.hasDigits })
        if counted, names == span { return r }
        var best: Range<Int>?
        var bestInList = false
        for (i, t) in tokens.enumerated() where t.kind == .word && nameKeys.contains(t.key) && !span.contains(i) {
            guard Self.dose(after: i, tokens, bytes, unitsOnly: counted) else { continue }
            // The rest of its line.
            var e = i + 1
            while e < tokens.count, !bytes[Int(tokens[e - 1].end)..<Int(tokens[e].start)].contains(10) { e += 1 }
            let inList = clinical.section(ofToken: i) == (medicationSection ?? -2)
            if best == nil || (inList && !bestInList) { best = i..<e; bestInList = inList }
        }
        guard let line = best else { return r }
        var out = r
        out.text += " — " + clinical.source.normalized(clinical.byteRange(ofTokens: line))
        return out
    }
}
