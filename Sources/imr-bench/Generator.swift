import Foundation
import IMRParse
import IMRTestSupport

/// `imr-bench generate`: a synthetic corpus built from the project's own fixture letters.
///
/// Each fixture is read once and cut into lines of literal text and *slots* — ages, dates, spine
/// levels, quantities with their units, drug and treatment names. A letter is then written by
/// replaying a template line by line, filling each slot from a small pool (one choice per distinct
/// original value, so a date or a drug stays consistent within the letter), optionally appending
/// the disputed items of a second letter of the same layout, and adding or removing PDF noise:
/// a blank line between lines, doubled spaces, "Page 2 of 4" headers, CRLF line ends.
///
/// Letter `i` depends only on the seed and `i`, so generation is split across threads and any one
/// letter can be regenerated alone. Files go into sub-folders of 1,000 (`00000/imr-0000000.txt`).
struct CorpusGenerator {
    /// A piece of a template line: literal bytes `storage[start..<end]`, or slot `key` (≥ 0) whose
    /// original text is that range.
    struct Segment {
        var start: Int32
        var end: Int32
        var key: Int32
    }

    enum SlotKind: Int {
        case age, numericDate, longDate, lumbarLevel, cervicalLevel, thoracicLevel
        case percent, milligrams, visits, weeks, months, painScore, millimetres, quantity
        case drug, treatment
    }

    struct Key {
        var kind: SlotKind
        /// For drugs and treatments: the pool the original belongs to.
        var pool: Int
        /// The original text's range in `storage`.
        var start: Int
        var end: Int
    }

    struct Template {
        var name: String
        var family: String
        /// Segment ranges of each line (into `segments`).
        var lines: [Range<Int>]
        var segments: [Segment]
        var keys: [Key]
        var storage: [UInt8]
        /// Whether the source had a blank line after every line (PDF extraction style).
        var doubled: Bool
        /// First line of the disputed-items section, when there is one.
        var itemsStart: Int?
    }

    let templates: [Template]
    /// Templates with an items section, by family, for concatenation.
    let partners: [String: [Int]]

    // MARK: pools

    static let drugPools: [[String]] = [
        ["naproxen", "ibuprofen", "meloxicam", "diclofenac", "etodolac", "nabumetone", "ketoprofen"],
        ["omeprazole", "pantoprazole", "lansoprazole", "esomeprazole"],
        ["tramadol", "hydrocodone", "oxycodone", "tapentadol", "morphine"],
        ["Norco", "Ultram", "Percocet", "Nucynta"],
        ["cyclobenzaprine", "tizanidine", "methocarbamol", "baclofen", "metaxalone"],
        ["gabapentin", "pregabalin", "topiramate"],
        ["Neurontin", "Lyrica", "Topamax"],
        ["lidocaine", "capsaicin", "menthol"],
        ["Lidoderm", "Terocin", "Flector"],
        ["amitriptyline", "nortriptyline", "duloxetine"],
    ]
    static let treatmentPools: [[String]] = [
        ["physical therapy", "chiropractic manipulation", "acupuncture", "aquatic therapy", "massage therapy", "occupational therapy"],
    ]
    static let lumbarLevels = ["L2-3", "L3-4", "L4-5", "L5-S1", "L3-L4", "L4-L5", "L2-L3"]
    static let cervicalLevels = ["C3-4", "C4-5", "C5-6", "C6-7", "C7-T1", "C5-C6"]
    static let thoracicLevels = ["T6-7", "T7-8", "T10-11", "T11-12", "T12-L1"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let pageHeaders: [(String, String?)] = [("Page %d of %d", nil), ("", "Page %d of %d"), ("CM15-0%d Page %d of %d", nil),
                                                    ("Page %d", nil), ("https://www.dir.ca.gov/dwc/IMR.htm", "Page %d of %d")]

    // MARK: building templates

    init(files: [String]) {
        var templates: [Template] = []
        for path in files {
            guard let bytes = readFile(path), !bytes.isEmpty else { continue }
            templates.append(Self.template(name: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes))
        }
        self.templates = templates
        var partners: [String: [Int]] = [:]
        for (i, t) in templates.enumerated() where t.itemsStart != nil { partners[t.family, default: []].append(i) }
        self.partners = partners
    }

    static func template(name: String, bytes raw: [UInt8]) -> Template {
        // Lines without CR; detect and remove the "blank line between lines" artefact.
        var rawLines: [ArraySlice<UInt8>] = raw.split(separator: 10, omittingEmptySubsequences: false).map { line in
            var l = line
            while let last = l.last, last == 13 { l = l.dropLast() }
            return l
        }
        if rawLines.last?.isEmpty == true { rawLines.removeLast() }
        var singleGaps = 0, nonEmpty = 0
        for (i, l) in rawLines.enumerated() where !l.isEmpty {
            nonEmpty += 1
            if i + 2 < rawLines.count, rawLines[i + 1].isEmpty, !rawLines[i + 2].isEmpty { singleGaps += 1 }
        }
        let doubled = nonEmpty > 4 && singleGaps * 10 >= nonEmpty * 6
        var lines: [ArraySlice<UInt8>] = []
        if doubled {
            var i = 0
            while i < rawLines.count {
                if rawLines[i].isEmpty {
                    var k = 0
                    while i < rawLines.count, rawLines[i].isEmpty { k += 1; i += 1 }
                    for _ in 0..<((k - 1) / 2) { lines.append([]) }
                } else {
                    lines.append(rawLines[i]); i += 1
                }
            }
        } else {
            lines = rawLines
        }

        var storage: [UInt8] = []
        var segments: [Segment] = []
        var lineRanges: [Range<Int>] = []
        var keys: [Key] = []
        var keyIndex: [[UInt8]: Int] = [:]
        for line in lines {
            let first = segments.count
            let base = storage.count
            storage.append(contentsOf: line)
            let l = Array(line)
            var literalStart = 0
            var i = 0
            while i < l.count {
                if i == 0 || !isAlnum(l[i - 1]), let (kind, pool, valueEnd, spanEnd) = slot(l, at: i) {
                    if literalStart < i { segments.append(Segment(start: Int32(base + literalStart), end: Int32(base + i), key: -1)) }
                    let original = Array(l[i..<valueEnd])
                    let k: Int
                    if let existing = keyIndex[original] { k = existing } else {
                        k = keys.count
                        keyIndex[original] = k
                        keys.append(Key(kind: kind, pool: pool, start: base + i, end: base + valueEnd))
                    }
                    segments.append(Segment(start: Int32(base + i), end: Int32(base + valueEnd), key: Int32(k)))
                    literalStart = valueEnd
                    i = spanEnd
                    continue
                }
                i += 1
            }
            if literalStart < l.count { segments.append(Segment(start: Int32(base + literalStart), end: Int32(base + l.count), key: -1)) }
            lineRanges.append(first..<segments.count)
        }

        // The disputed-items section: after the last items heading, or from the first "ISSUE AT DISPUTE".
        var itemsStart: Int?
        for (n, line) in lines.enumerated() {
            let t = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces).uppercased()
            if t.hasPrefix("IMR ISSUES, DECISIONS AND RATIONALES") || t.hasPrefix("IMR DECISION(S) AND RATIONALE(S)") { itemsStart = n + 1 }
            if itemsStart == nil, t.hasPrefix("ISSUE AT DISPUTE") { itemsStart = n }
        }
        if let s = itemsStart, s >= lines.count { itemsStart = nil }
        let layout = LetterParser.parse(SourceText(path: name, bytes: raw)).layout.rawValue
        return Template(name: name, family: layout, lines: lineRanges, segments: segments, keys: keys, storage: storage,
                        doubled: doubled, itemsStart: itemsStart)
    }

    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 122)
    }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    static func digits(_ l: [UInt8], _ i: Int, max: Int) -> Int {
        var j = i
        while j < l.count, j - i < max + 1, isDigit(l[j]) { j += 1 }
        return j - i
    }

    static func hasPrefix(_ l: [UInt8], _ i: Int, _ s: String, caseInsensitive: Bool = false) -> Bool {
        var j = i
        for c in s.utf8 {
            guard j < l.count else { return false }
            if caseInsensitive ? (l[j] | 0x20) != (c | 0x20) : l[j] != c { return false }
            j += 1
        }
        return true
    }

    /// A slot starting at `i` (a word start): its kind, pool, end of the replaced value and end of the
    /// whole match (the unit after a number is kept as literal text).
    static func slot(_ l: [UInt8], at i: Int) -> (SlotKind, Int, Int, Int)? {
        let c = l[i]
        // Month day, year
        if c >= 65 && c <= 90 {
            for m in months where hasPrefix(l, i, m + " ") {
                var j = i + m.utf8.count + 1
                let d = digits(l, j, max: 2)
                guard d >= 1 && d <= 2 else { break }
                j += d
                guard hasPrefix(l, j, ", ") else { break }
                j += 2
                guard digits(l, j, max: 4) == 4 else { break }
                j += 4
                if j < l.count, isAlnum(l[j]) { break }
                return (.longDate, 0, j, j)
            }
        }
        // Spine levels: L4-5, L5-S1, C5-C6, T12-L1
        if c == 76 || c == 67 || c == 84 {
            var j = i + 1
            let d = digits(l, j, max: 2)
            if d >= 1 && d <= 2, j + d < l.count, l[j + d] == 45 {
                j += d + 1
                if j < l.count, l[j] == 76 || l[j] == 67 || l[j] == 84 || l[j] == 83 { j += 1 }
                let d2 = digits(l, j, max: 2)
                if d2 >= 1 && d2 <= 2, j + d2 >= l.count || !isAlnum(l[j + d2]) {
                    j += d2
                    return (c == 76 ? .lumbarLevel : c == 67 ? .cervicalLevel : .thoracicLevel, 0, j, j)
                }
            }
        }
        if c == 35, i + 1 < l.count {  // #60
            let d = digits(l, i + 1, max: 3)
            if d >= 1 && d <= 3, i + 1 + d >= l.count || !isAlnum(l[i + 1 + d]) { return (.quantity, 0, i + 1 + d, i + 1 + d) }
        }
        if isDigit(c) {
            let d = digits(l, i, max: 3)
            guard d >= 1 && d <= 3 else { return nil }
            var j = i + d
            // m/d/yy or mm/dd/yyyy
            if d <= 2, j < l.count, l[j] == 47 {
                let d2 = digits(l, j + 1, max: 2)
                if d2 >= 1 && d2 <= 2, j + 1 + d2 < l.count, l[j + 1 + d2] == 47 {
                    let k = j + 2 + d2
                    let d3 = digits(l, k, max: 4)
                    if (d3 == 2 || d3 == 4), k + d3 >= l.count || !isAlnum(l[k + d3]) { return (.numericDate, 0, k + d3, k + d3) }
                }
            }
            if d == 3 && j < l.count && l[j] == 47 { return nil }
            let units: [(String, SlotKind)] = [("%", .percent), (" percent", .percent), ("mg", .milligrams), (" mg", .milligrams),
                                                (" visits", .visits), (" sessions", .visits), (" weeks", .weeks), (" months", .months),
                                                ("/10", .painScore), (" mm", .millimetres), (" year", .age), ("-year", .age), (" yo", .age)]
            for (u, kind) in units where hasPrefix(l, j, u) {
                let end = j + u.utf8.count
                if end < l.count, isAlnum(l[end]), u != " year", u != "-year" { continue }
                if kind == .age && d != 2 { continue }
                if kind == .percent && d < 2 { continue }  // a strength ("lidocaine 5%"), not a relief figure
                if kind == .painScore, end < l.count, isDigit(l[end]) { continue }
                j = end
                return (kind, 0, i + d, j)
            }
            return nil
        }
        // Drug and treatment names.
        if c | 0x20 >= 97 && c | 0x20 <= 122 {
            for (p, pool) in drugPools.enumerated() {
                for name in pool where hasPrefix(l, i, name, caseInsensitive: true) {
                    let end = i + name.utf8.count
                    if end < l.count, isAlnum(l[end]) { continue }
                    return (.drug, p, end, end)
                }
            }
            for (p, pool) in treatmentPools.enumerated() {
                for name in pool where hasPrefix(l, i, name, caseInsensitive: true) {
                    let end = i + name.utf8.count
                    if end < l.count, isAlnum(l[end]) { continue }
                    return (.treatment, p, end, end)
                }
            }
        }
        return nil
    }

    // MARK: writing letters

    /// Per-thread scratch space, reused from one letter to the next (no allocation per letter).
    struct Scratch {
        var out: [UInt8] = []
        var values: [UInt8] = []
        var chosen: [Range<Int>] = []
        var chosenFor: [Int] = []
        var pathBuffer: [UInt8] = []
        init() {
            out.reserveCapacity(64 << 10)
            values.reserveCapacity(4 << 10)
        }
    }

    /// The noise and variation chosen for one letter.
    struct Noise {
        var crlf = false
        var blankBetween = false
        var doubleSpaces = 0.0
        var pageEvery = 0
        var header = 0
        var swap = 0.7
    }

    /// Writes letter `index` into `scratch.out`.
    func letter(_ index: Int, seed: UInt64, scratch s: inout Scratch) {
        var rng = SplitMix(seed: seed, index: UInt64(index))
        s.out.removeAll(keepingCapacity: true)
        // Letters with disputed items are drawn three times as often as notes and unknown layouts.
        var base = rng.below(templates.count)
        if templates[base].itemsStart == nil, rng.chance(0.6) { base = rng.below(templates.count) }
        var parts: [(Int, Range<Int>)] = [(base, 0..<templates[base].lines.count)]
        // Concatenate the items of one or two letters of the same layout.
        if templates[base].itemsStart != nil, let mates = partners[templates[base].family] {
            let r = rng.below(10)
            let extra = r < 1 ? 0 : r < 3 ? 1 : r < 7 ? 2 : 3
            for _ in 0..<extra {
                let m = mates[rng.below(mates.count)]
                parts.append((m, templates[m].itemsStart!..<templates[m].lines.count))
            }
        }
        var noise = Noise()
        noise.crlf = rng.chance(0.3)
        noise.blankBetween = templates[base].doubled ? rng.chance(0.6) : rng.chance(0.3)
        noise.doubleSpaces = rng.chance(0.3) ? 0.25 : 0
        noise.pageEvery = rng.chance(0.35) ? rng.int(28...45) : 0
        noise.header = rng.below(Self.pageHeaders.count)
        noise.swap = rng.chance(0.1) ? 0 : 0.75
        let totalLines = parts.reduce(0) { $0 + $1.1.count }
        let pages = noise.pageEvery > 0 ? totalLines / noise.pageEvery + 1 : 1
        let caseNumber = rng.int(100_000...999_999)
        var lineNumber = 0
        var page = 1
        for (t, range) in parts {
            let template = templates[t]
            s.chosen.removeAll(keepingCapacity: true)
            s.chosen.append(contentsOf: repeatElement(0..<0, count: template.keys.count))
            s.chosenFor.removeAll(keepingCapacity: true)
            s.chosenFor.append(contentsOf: repeatElement(-1, count: template.keys.count))
            s.values.removeAll(keepingCapacity: true)
            template.storage.withUnsafeBufferPointer { storage in
                for n in range {
                    let lineStart = s.out.count
                    for g in template.lines[n] {
                        let seg = template.segments[g]
                        if seg.key < 0 {
                            s.out.append(contentsOf: storage[Int(seg.start)..<Int(seg.end)])
                            continue
                        }
                        let k = Int(seg.key)
                        if s.chosenFor[k] < 0 {
                            let start = s.values.count
                            if rng.chance(noise.swap) {
                                Self.value(template.keys[k], storage: storage, rng: &rng, into: &s.values)
                            } else {
                                s.values.append(contentsOf: storage[template.keys[k].start..<template.keys[k].end])
                            }
                            s.chosen[k] = start..<s.values.count
                            s.chosenFor[k] = 1
                        }
                        s.out.append(contentsOf: s.values[s.chosen[k]])
                    }
                    if noise.doubleSpaces > 0, s.out.count - lineStart > 8, rng.chance(noise.doubleSpaces) {
                        let at = lineStart + rng.below(s.out.count - lineStart)
                        if let sp = s.out[at...].firstIndex(of: 32) { s.out.insert(32, at: sp) }
                    }
                    newline(&s.out, noise)
                    if noise.blankBetween { newline(&s.out, noise) }
                    lineNumber += 1
                    if noise.pageEvery > 0, lineNumber % noise.pageEvery == 0 {
                        page += 1
                        pageHeader(&s.out, noise, page: page, of: max(pages, page), caseNumber: caseNumber)
                    }
                }
            }
        }
    }

    @inline(__always) func newline(_ out: inout [UInt8], _ noise: Noise) {
        if noise.crlf { out.append(13) }
        out.append(10)
    }

    func pageHeader(_ out: inout [UInt8], _ noise: Noise, page: Int, of pages: Int, caseNumber: Int) {
        let (first, second) = Self.pageHeaders[noise.header]
        for f in [first, second].compactMap({ $0 }) {
            var k = 0
            let args: [Int] = f.hasPrefix("CM15") ? [caseNumber, page, pages] : [page, pages]
            var bytes = Array(f.utf8)[...]
            while let pct = bytes.firstIndex(of: 37) {
                out.append(contentsOf: bytes[bytes.startIndex..<pct])
                if k < args.count { appendDecimal(args[k], to: &out); k += 1 }
                bytes = bytes[(pct + 2)...]
            }
            out.append(contentsOf: bytes)
            newline(&out, noise)
        }
    }

    /// A replacement for one slot, in the original's style.
    static func value(_ key: Key, storage: UnsafeBufferPointer<UInt8>, rng: inout SplitMix, into out: inout [UInt8]) {
        let original = storage[key.start..<key.end]
        func appendString(_ s: String) { out.append(contentsOf: s.utf8) }
        func pickNumber(_ pool: [Int]) { appendDecimal(rng.pick(pool), to: &out) }
        switch key.kind {
        case .age: appendDecimal(rng.int(19...78), to: &out)
        case .numericDate:
            let parts = original.split(separator: 47)
            let padded = parts[0].count == 2
            let month = rng.int(1...12), day = rng.int(1...28), year = rng.int(2008...2023)
            appendDecimal(month, to: &out, width: padded ? 2 : 1); out.append(47)
            appendDecimal(day, to: &out, width: padded ? 2 : 1); out.append(47)
            if parts.count > 2 && parts[2].count == 2 { appendDecimal(year % 100, to: &out, width: 2) } else { appendDecimal(year, to: &out) }
        case .longDate:
            appendString(rng.pick(months)); out.append(32)
            appendDecimal(rng.int(1...28), to: &out); appendString(", ")
            appendDecimal(rng.int(2008...2023), to: &out)
        case .lumbarLevel: appendString(rng.pick(lumbarLevels))
        case .cervicalLevel: appendString(rng.pick(cervicalLevels))
        case .thoracicLevel: appendString(rng.pick(thoracicLevels))
        case .percent: pickNumber([20, 30, 40, 50, 60, 70, 75, 80, 90])
        case .milligrams: pickNumber([5, 10, 20, 25, 50, 75, 100, 150, 300, 600, 800])
        case .visits: pickNumber([4, 6, 8, 10, 12, 18, 24])
        case .weeks: pickNumber([2, 3, 4, 6, 8, 12])
        case .months: pickNumber([1, 2, 3, 6, 12])
        case .painScore: appendDecimal(rng.int(2...9), to: &out)
        case .millimetres: appendDecimal(rng.int(2...8), to: &out)
        case .quantity: out.append(35); pickNumber([30, 60, 90, 120, 180])
        case .drug, .treatment:
            let pool = key.kind == .drug ? drugPools[key.pool] : treatmentPools[key.pool]
            let name = Array(rng.pick(pool).utf8)
            let capital = original.first.map { $0 >= 65 && $0 <= 90 } ?? false
            let allCaps = original.count > 1 && original.allSatisfy { !($0 >= 97 && $0 <= 122) }
            for (n, b) in name.enumerated() {
                let lower = b >= 97 && b <= 122
                out.append(lower && (allCaps || (n == 0 && capital)) ? b - 32 : b)
            }
        }
    }

    // MARK: the command

    static let help = """
    imr-bench generate --letters N --out DIR [--seed S] [--jobs J] [--root DIR]

    Writes N synthetic IMR letters (.txt) built from the project's fixture letters
    (Tests/IMRParseTests/Fixtures/letters/*.txt and examples/letters/*.txt) with deterministic
    variation: ages, dates, spine levels, quantities, drug and treatment names swapped from small
    pools; PDF noise added or removed (blank line between lines, doubled spaces, page headers,
    CRLF); items of a second letter of the same layout appended now and then. About 6 KB a letter.
    Files go into sub-folders of 1,000: DIR/00000/imr-0000000.txt, DIR/00001/…
    The same seed gives byte-identical files (default seed 1); --jobs threads (default 2) write
    disjoint index ranges and do not change the output.
    """

    static func run(_ args: ArraySlice<String>) throws(UsageFailure) -> Int32 {
        let options = try Options(args, valueNames: ["--letters", "--out", "--seed", "--jobs", "--root"])
        if options.flags.contains("--help") { say(help); return 0 }
        for f in options.flags where f != "--list-templates" { throw UsageFailure("unknown flag \(f)") }
        let out = options.values["--out"] ?? ""
        if out.isEmpty && !options.flags.contains("--list-templates") { throw UsageFailure("generate needs --out DIR") }
        let count = try options.int("--letters", default: 1000)
        let seed = UInt64(try options.int("--seed", default: 1))
        let jobs = max(1, try options.int("--jobs", default: 2))
        guard let root = projectRoot(options.values["--root"]) else {
            throw UsageFailure("cannot find the project checkout (Package.swift, Rules/, fixture letters); run from it or pass --root")
        }
        let files = listFiles(root + "/Tests/IMRParseTests/Fixtures/letters", suffix: ".txt", recursive: false)
            + listFiles(root + "/examples/letters", suffix: ".txt", recursive: false)
        let generator = CorpusGenerator(files: files)
        guard !generator.templates.isEmpty else { throw UsageFailure("no fixture letters found under \(root)") }
        if options.flags.contains("--list-templates") {
            for t in generator.templates {
                let items = t.itemsStart.map { "items from line \($0 + 1)" } ?? "no items section"
                say("\(t.name): \(t.family), \(t.lines.count) lines, \(t.keys.count) slots, \(t.doubled ? "blank line between lines, " : "")\(items)")
            }
            return 0
        }
        guard makeDirectory(out) else { throw UsageFailure("cannot create \(out)") }
        for folder in 0..<((count + 999) / 1000) { makeDirectory(out + "/" + folderName(folder)) }

        let start = nowNanos()
        let totals = Totals()
        let chunk = (count + jobs - 1) / jobs
        let group = DispatchGroup()
        for j in 0..<jobs {
            let range = min(count, j * chunk)..<min(count, (j + 1) * chunk)
            if range.isEmpty { continue }
            group.enter()
            let thread = Thread {
                var scratch = Scratch()
                var bytes = 0
                var failed = 0
                for i in range {
                    generator.letter(i, seed: seed, scratch: &scratch)
                    scratch.pathBuffer.removeAll(keepingCapacity: true)
                    scratch.pathBuffer.append(contentsOf: out.utf8)
                    scratch.pathBuffer.append(47)
                    appendDecimal(i / 1000, to: &scratch.pathBuffer, width: 5)
                    scratch.pathBuffer.append(contentsOf: "/imr-".utf8)
                    appendDecimal(i, to: &scratch.pathBuffer, width: 7)
                    scratch.pathBuffer.append(contentsOf: ".txt".utf8)
                    let path = String(decoding: scratch.pathBuffer, as: UTF8.self)
                    if writeFile(path, scratch.out) { bytes += scratch.out.count } else { failed += 1 }
                }
                totals.add(bytes: bytes, failed: failed)
                group.leave()
            }
            thread.start()
        }
        group.wait()
        let seconds = Double(nowNanos() - start) / 1e9
        let (bytes, failed) = totals.value
        let mb = Double(bytes) / 1e6
        say("generate: \(count - failed) letters, \(fixed(mb, 1)) MB (average \(fixed(Double(bytes) / Double(max(1, count)) / 1000, 2)) KB) in \(fixed(seconds, 2)) s = \(fixed(mb / max(seconds, 1e-9), 1)) MB/s; \(generator.templates.count) templates, seed \(seed), into \(out)")
        if failed > 0 { note("generate: \(failed) files could not be written"); return 1 }
        return 0
    }

    static func folderName(_ n: Int) -> String {
        var b: [UInt8] = []
        appendDecimal(n, to: &b, width: 5)
        return String(decoding: b, as: UTF8.self)
    }
}

/// Totals gathered from worker threads.
final class Totals: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = 0
    private var failed = 0
    func add(bytes b: Int, failed f: Int) {
        lock.lock(); bytes += b; failed += f; lock.unlock()
    }
    var value: (Int, Int) { lock.lock(); defer { lock.unlock() }; return (bytes, failed) }
}
