import Foundation
import GuidelineRules
import IMRParse

/// The audit report for people: one self-contained HTML file (no network, no external asset) that an
/// analyst works in. The summary (cards, inline SVG charts, the confusion matrix, breakdowns, unmet
/// reasons in words) is static HTML; every item is in a table that sorts, filters by treatment,
/// outcome, agreement, reviewer specialty and year, searches text and pages, each row opening to the
/// criteria that decided it, in words, with their citation and evidence.
///
/// Items stream: a worker writes each letter's items as a compact JSON array (`writeLetter`), the
/// run appends it to a spool file, and `finish` writes the page — summary first (so it paints
/// before the data is read), then the data in `<script type="application/json">` chunks, then the
/// script — so memory does not grow with the corpus. Every `<` in the data is written `\u003c`, so
/// letter text cannot end the script element.
final class AuditReportHTML {
    private let spool: FileHandle
    private let spoolPath: String
    private var chunkBytes = 0
    private var chunks = 0
    private var letters = 0
    /// The numbers the rows give criteria and treatments, and their words (written once).
    let codes: Codes

    /// Bytes of data per `<script>` chunk: the page parses chunk by chunk, showing its progress.
    static let chunkLimit = 4 << 20
    /// Characters of evidence kept per criterion.
    static let evidenceLimit = 200

    /// `book`: the rules of the run, whose criteria and treatments are numbered up front (the workers
    /// then only read the numbers); without it (`--summary-from`), numbers are given as rows come.
    init(book: RuleBook?) throws {
        codes = Codes(book: book)
        let dir = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        spoolPath = "\(dir)/imr-check-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json"
        guard FileManager.default.createFile(atPath: spoolPath, contents: nil), let h = FileHandle(forUpdatingAtPath: spoolPath) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        spool = h
        unlink(spoolPath)  // the open handle keeps it; nothing is left behind, even on a crash
    }

    // MARK: Items (written by the workers, spooled in input order)

    /// Numbers for the criteria and treatments rows name, so each row holds a small number where an
    /// id would repeat (a fifth of the report's size), with the words written once.
    final class Codes: @unchecked Sendable {
        struct Words { var id, text, citation: String; var reason, missing, role: String? }
        private(set) var criteria: [Words] = []
        private(set) var treatments: [(id: String, name: String)] = []
        private var criterionCode: [String: Int] = [:]
        private var treatmentCode: [String: Int] = [:]
        /// Numbered up front from a rule book: read by several workers, never written.
        private let frozen: Bool

        init(book: RuleBook?) {
            frozen = book != nil
            for t in book?.treatments ?? [] {
                treatmentCode[t.id] = treatments.count
                treatments.append((t.id, t.name))
                for c in t.criteria where criterionCode[c.id] == nil {
                    criterionCode[c.id] = criteria.count
                    criteria.append(Words(id: c.id, text: c.text, citation: c.citation.text, reason: c.reason, missing: c.missing, role: c.role.rawValue))
                }
            }
        }

        /// The number of a driver's criterion; nil (the row keeps the id) for one the frozen book lacks.
        func criterion(_ d: AuditRecord.Driver) -> Int? {
            if let n = criterionCode[d.criterion] { return n }
            guard !frozen else { return nil }
            criterionCode[d.criterion] = criteria.count
            criteria.append(Words(id: d.criterion, text: d.text.isEmpty ? d.criterion : d.text, citation: d.citation, reason: d.reason, missing: d.missing, role: d.role))
            return criteria.count - 1
        }

        func criterion(id: String) -> Int? { criterionCode[id] }

        func treatment(_ id: String) -> Int? {
            if let n = treatmentCode[id] { return n }
            guard !frozen else { return nil }
            treatmentCode[id] = treatments.count
            treatments.append((id, id))
            return treatments.count - 1
        }
    }

    /// One letter's items as the page's data: `[source, specialty, [item…]]`, each item
    /// `[number, request, treatment, recorded, predicted, confidence, uncertain, year, [decided_by…],
    /// [[criterion, status (0 met, 1 unmet, 2 undocumented), evidence]…], [guideline source…]]`, with
    /// treatments and criteria as `codes` numbers (ids where a number is missing) and decisions as
    /// 0 (Upheld) or 1 (Overturned).
    static func writeLetter(_ records: [AuditRecord], codes: Codes, to w: inout JSONWriter) {
        guard let first = records.first else { return }
        w.beginArray()
        w.string(first.source)
        w.string(first.specialty.map(ReviewerSpecialty.normalized))
        w.beginArray()
        for r in records {
            w.beginArray()
            w.int(r.item)
            w.string(r.request)
            if let t = r.treatment { if let n = codes.treatment(t) { w.int(n) } else { w.string(t) } } else { w.null() }
            w.int(r.recorded.map { $0 == "Overturned" ? 1 : 0 })
            w.int(r.predicted.map { $0 == "Overturned" ? 1 : 0 })
            if let c = r.confidence { w.double((c * 100).rounded() / 100) } else { w.null() }
            w.int(r.uncertain == true ? 1 : 0)
            w.int(r.year)
            w.beginArray()
            for d in r.decidedBy { if let n = codes.criterion(id: d) { w.int(n) } else { w.string(d) } }
            w.endArray()
            w.beginArray()
            for d in r.metDeciders + r.drivers {
                w.beginArray()
                if let n = codes.criterion(d) { w.int(n) } else { w.string(d.criterion) }
                w.int(d.status == "met" ? 0 : d.status == "unmet" ? 1 : 2)
                w.string(d.evidence.map { $0.count > evidenceLimit ? String($0.prefix(evidenceLimit - 1)) + "…" : $0 })
                w.endArray()
            }
            w.endArray()
            w.beginArray()
            for s in r.guidelineSources { w.string(s) }
            w.endArray()
            w.endArray()
        }
        w.endArray()
        w.endArray()
    }

    /// The numbers the rows used: only their words are written (the rest are null), so the page
    /// carries the words of the criteria it shows, not of the whole rule book.
    private var usedCriteria = Set<Int>(), usedTreatments = Set<Int>()

    /// Appends one letter's data (from `writeLetter` with `records`).
    func add(_ bytes: OutputBytes, records: [AuditRecord]) {
        guard !bytes.isEmpty else { return }
        for r in records {
            if let t = r.treatment, let n = codes.treatment(t) { usedTreatments.insert(n) }
            for d in r.drivers { if let n = codes.criterion(id: d.criterion) { usedCriteria.insert(n) } }
            for d in r.metDeciders { if let n = codes.criterion(id: d.criterion) { usedCriteria.insert(n) } }
            for id in r.decidedBy { if let n = codes.criterion(id: id) { usedCriteria.insert(n) } }
        }
        var out: [UInt8] = []
        if letters > 0 {
            if chunkBytes >= Self.chunkLimit {
                out.append(contentsOf: Array("]</script>\n<script type=\"application/json\" class=\"imr-data\">[".utf8))
                chunkBytes = 0
                chunks += 1
            } else {
                out.append(UInt8(ascii: ","))
            }
        }
        bytes.buffer.withUnsafeBytes { raw in
            out.reserveCapacity(out.count + raw.count + 64)
            for b in raw {
                if b == UInt8(ascii: "<") { out.append(contentsOf: [92, 117, 48, 48, 51, 99]) } else { out.append(b) }  // \u003c
            }
        }
        chunkBytes += out.count
        letters += 1
        spool.write(Data(out))
    }

    // MARK: The page

    /// Writes the whole page to the console.
    func finish(summary: AuditSummary, treatmentNames: [String: String], title: String, generated: String) {
        let console = Console.shared
        console.outRaw(head(title: title))
        console.outRaw(summaryHTML(summary, title: title, generated: generated, names: treatmentNames))
        console.outRaw(itemsShell(summary))
        console.outRaw("<script type=\"application/json\" id=\"imr-words\">")
        console.outRaw(scriptSafe(wordsJSON(total: summary.total.items, names: treatmentNames)))
        console.outRaw("</script>\n<script type=\"application/json\" class=\"imr-data\">[")
        spool.seek(toFileOffset: 0)
        while true {
            let data = spool.readData(ofLength: 1 << 20)
            if data.isEmpty { break }
            console.outRaw(bytes: [UInt8](data))
        }
        try? spool.close()
        console.outRaw("]</script>\n")
        console.outRaw(Self.script)
        console.outRaw("</body></html>\n")
    }

    private func scriptSafe(_ s: String) -> String { s.replacingOccurrences(of: "<", with: "\\u003c") }

    /// The words the rows' numbers stand for: `criteria[n]` = [id, text, citation, reason in words,
    /// what to document, role]; `treatments[n]` = [id, name].
    private func wordsJSON(total: Int, names: [String: String]) -> String {
        func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return JSONValue.object([
            ("total", .int(total)),
            ("criteria", .array(codes.criteria.enumerated().map { n, c in
                guard usedCriteria.contains(n) else { return .null }
                return .array([.string(c.id), .string(c.text), .string(c.citation), optional(c.reason.map(ReasonWords.words(for:))), optional(c.missing), optional(c.role)])
            })),
            ("treatments", .array(codes.treatments.enumerated().map { n, t in
                usedTreatments.contains(n) ? .array([.string(t.id), .string(names[t.id] ?? t.name)]) : .null
            })),
        ]).compact
    }

    private func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="imr-check">
        <title>\(HTML.escape(title))</title>
        <style>
        *{box-sizing:border-box}
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:20px auto;max-width:1240px;color:#1d2433;padding:0 16px;overflow-wrap:anywhere}
        h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
        .muted{color:#5b6577} .cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
        .card{border:1px solid #dde2ea;border-radius:8px;padding:10px 14px;min-width:130px;background:#f8fafc}
        .card b{display:block;font-size:22px}
        table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{border-bottom:1px solid #e6e9ef;padding:5px 7px;text-align:left;vertical-align:top}
        th{background:#f1f4f8} th.num,td.num{text-align:right;white-space:nowrap}
        .up{color:#9a3412} .ov{color:#166534} .ev{color:#374151;font-style:italic} code{font-size:12px}
        .grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px}
        @media(max-width:900px){.grid{grid-template-columns:minmax(0,1fr)}}
        svg{max-width:100%;height:auto} svg text{font:12px system-ui,sans-serif;fill:#1d2433}
        .scroll{overflow-x:auto}
        #filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end;margin:8px 0;padding:10px;background:#f8fafc;border:1px solid #dde2ea;border-radius:8px}
        #filters label{display:flex;flex-direction:column;font-size:12px;color:#5b6577;gap:2px}
        #filters select,#filters input{font:13px system-ui,sans-serif;padding:3px 4px;max-width:230px}
        #filters input[type=search]{width:230px}
        button{font:13px system-ui,sans-serif;padding:4px 10px;border:1px solid #b8c2d0;border-radius:6px;background:#fff;cursor:pointer}
        button:disabled{opacity:.5;cursor:default}
        #items{table-layout:fixed}
        #items th{cursor:pointer;user-select:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        #items th[aria-sort=ascending]::after{content:" ▲"} #items th[aria-sort=descending]::after{content:" ▼"}
        #items tr.row{cursor:pointer} #items tr.row:hover{background:#f6f8fb} #items tr.open{background:#eef3fb}
        #items td.letter{font-size:12px}
        .tag{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px;white-space:nowrap}
        .tag.agree{background:#e6f4ea;color:#166534} .tag.disagree{background:#fde8e8;color:#9b1c1c} .tag.norule{background:#fdf6e3;color:#8a6d0b}
        .detail td{background:#fbfcfe;padding:8px 12px 12px}
        .crit{margin:6px 0;padding-left:10px;border-left:3px solid #dde2ea} .crit.s1{border-color:#c53030} .crit.s2{border-color:#b7791f} .crit.s0{border-color:#2f855a}
        #pager{display:flex;gap:10px;align-items:center;margin:8px 0;flex-wrap:wrap}
        #status{font-weight:600}
        @media print{
          body{max-width:none;margin:0;padding:0;font-size:11px}
          #filters,#pager,button,noscript{display:none!important}
          .grid{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
          h2{break-after:avoid} tr,.card,svg{break-inside:avoid}
          #items tr.row{cursor:auto} a{color:inherit;text-decoration:none}
        }
        </style></head><body>

        """
    }

    private func summaryHTML(_ summary: AuditSummary, title: String, generated: String, names: [String: String]) -> String {
        let t = summary.total
        var h = "<header><h1>\(HTML.escape(title))</h1>"
        h += "<div class=muted>Generated \(HTML.escape(generated)) by imr-check. Predictions follow the MTUS criteria in the rule files; a disagreement is a place to look, not a verdict.</div>"
        if let r = summary.rules {
            h += "<div class=muted id=rules data-folder=\"\(HTML.escape(r.folder))\" data-fingerprint=\"\(HTML.escape(r.fingerprint))\">Rules: <code>\(HTML.escape(r.folder))</code> (fingerprint <code>\(HTML.escape(r.fingerprint))</code>)"
            if !summary.otherRules.isEmpty {
                h += " — <b>and other rules for some items:</b> " + summary.otherRules.map { "<code>\(HTML.escape($0.folder)) (\(HTML.escape($0.fingerprint)))</code>" }.joined(separator: ", ")
            }
            h += "</div>"
        }
        h += "</header>\n<section id=summary><div class=cards>"
        h += card("Letters", grouped(summary.documents), id: "card-letters")
        h += card("Disputed items", grouped(t.items), id: "card-items")
        h += card("Agreement", percent(t.rate), id: "card-agreement")
        h += card("Disagreements", grouped(t.disagree), id: "card-disagree")
        h += card("No rule for request", grouped(t.noPrediction), id: "card-norule")
        if summary.failedInputs > 0 { h += card("Unreadable inputs", grouped(summary.failedInputs), id: "card-failed") }
        h += "</div>"

        h += "<div class=grid><div><h2>Agreement by treatment</h2>\(agreementChart(summary, names: names))</div>"
        h += "<div><h2>Recorded outcomes by year</h2>\(outcomesChart(summary))</div></div>"

        h += "<div class=grid><div><h2>Confusion matrix</h2><table id=confusion><tr><th>recorded \\ predicted</th><th class=num>Upheld</th><th class=num>Overturned</th><th class=num>no rule</th></tr>"
        for r in ["Upheld", "Overturned", "none"] {
            let row = summary.confusion[r] ?? [:]
            h += "<tr><td>\(r == "none" ? "no decision" : r)</td><td class=num>\(row["Upheld"] ?? 0)</td><td class=num>\(row["Overturned"] ?? 0)</td><td class=num>\(row["none"] ?? 0)</td></tr>"
        }
        h += "</table></div><div>"
        if summary.reasons.isEmpty {
            h += "<h2>Unmet criteria by reason</h2><p class=muted>No unmet criterion.</p>"
        } else {
            h += "<h2>Unmet criteria by reason</h2><table id=reasons><tr><th>reason</th><th class=num>criteria</th></tr>"
            for (k, v) in summary.reasons.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                h += "<tr><td>\(HTML.escape(ReasonWords.words(for: k)))</td><td class=num>\(v)</td></tr>"
            }
            h += "</table>"
        }
        h += "</div></div>"
        h += "<div class=grid><div>" + tallyTable("By guideline source", summary.bySource, id: "by-source")
        h += "</div><div>" + tallyTable("By reviewer specialty", summary.bySpecialty, id: "by-specialty") + "</div></div>"
        h += "<div class=grid><div>" + tallyTable("By treatment", summary.byTreatment, id: "by-treatment", names: names)
        h += "</div><div>" + tallyTable("By year", summary.byYear, id: "by-year") + "</div></div>"
        return h + "</section>\n"
    }

    private func itemsShell(_ summary: AuditSummary) -> String {
        """
        <section id=item-section><h2>Items</h2>
        <p class=muted>Every disputed item. Click a column to sort, a row to see the criteria that decided its prediction, with their evidence. The confidence is the probability of the predicted decision: for a disagreement, how strongly the criteria point away from the recorded one.</p>
        <noscript><p><b>The item table needs JavaScript.</b> The summary above does not.</p></noscript>
        <div id=filters>
        <label>Search <input type=search id=f-search placeholder="request, letter, criterion, evidence"></label>
        <label>Treatment <select id=f-treatment><option value="">all</option></select></label>
        <label>Recorded <select id=f-recorded><option value="">all</option><option>Upheld</option><option>Overturned</option><option value="none">no decision</option></select></label>
        <label>Predicted <select id=f-predicted><option value="">all</option><option>Upheld</option><option>Overturned</option><option value="none">no rule</option></select></label>
        <label>Agreement <select id=f-agreement><option value="">all</option><option value="agree">agree</option><option value="disagree">disagree</option><option value="norule">no prediction</option></select></label>
        <label>Reviewer specialty <select id=f-specialty><option value="">all</option></select></label>
        <label>Year <select id=f-year><option value="">all</option></select></label>
        <button id=preset-disagree type=button>Disagreements, strongest first</button>
        <button id=reset type=button>Reset</button>
        </div>
        <div id=pager><span id=status data-total="\(summary.total.items)">Loading \(summary.total.items) items…</span>
        <button id=prev type=button>‹ Previous</button><button id=next type=button>Next ›</button>
        <label class=muted>per page <select id=page-size><option>50</option><option selected>100</option><option>500</option></select></label></div>
        <div class=scroll><table id=items><colgroup><col style="width:13%"><col style="width:3%"><col style="width:25%"><col style="width:13%"><col style="width:8%"><col style="width:8%"><col style="width:9%"><col style="width:9%"><col style="width:4%"><col style="width:8%"></colgroup>
        <thead><tr><th data-key=letter>letter</th><th data-key=item class=num>#</th><th data-key=request>request</th><th data-key=treatment>treatment</th><th data-key=recorded>recorded</th><th data-key=predicted>predicted</th><th data-key=agreement>agreement</th><th data-key=confidence class=num>confidence</th><th data-key=year class=num>year</th><th data-key=specialty>specialty</th></tr></thead>
        <tbody></tbody></table></div>
        </section>

        """
    }

    /// "473,415": a count with thousands separated.
    private func grouped(_ n: Int) -> String {
        var digits = Array(String(n)), out = ""
        while digits.count > 3 { out = "," + String(digits.suffix(3)) + out; digits.removeLast(3) }
        return String(digits) + out
    }

    private func card(_ label: String, _ value: String, id: String) -> String {
        "<div class=card id=\(id)><b>\(HTML.escape(value))</b><span class=muted>\(HTML.escape(label))</span></div>"
    }

    private func tallyTable(_ title: String, _ d: [String: AuditSummary.Tally], id: String, names: [String: String] = [:]) -> String {
        var h = "<h2>\(HTML.escape(title))</h2><table id=\(id)><thead><tr><th>name</th><th class=num>items</th><th class=num>agree</th><th class=num>disagree</th><th class=num>no rule</th><th class=num>agreement</th></tr></thead><tbody>"
        for k in d.keys.sorted(by: { (d[$0]!.items, $1) > (d[$1]!.items, $0) }) {
            let t = d[k]!
            h += "<tr><td>\(HTML.escape(names[k] ?? k))</td><td class=num>\(t.items)</td><td class=num>\(t.agree)</td><td class=num>\(t.disagree)</td><td class=num>\(t.noPrediction)</td><td class=num>\(percent(t.rate))</td></tr>"
        }
        return h + "</tbody></table>"
    }

    /// Horizontal bars: agreement rate per treatment (top 20 by items), with counts.
    private func agreementChart(_ summary: AuditSummary, names: [String: String]) -> String {
        let rows = summary.byTreatment.sorted { ($0.value.items, $1.key) > ($1.value.items, $0.key) }.prefix(20)
        guard !rows.isEmpty else { return "<p class=muted>No items.</p>" }
        let barHeight = 20, gap = 6, labelWidth = 200, barWidth = 230
        let width = labelWidth + barWidth + 130
        let height = rows.count * (barHeight + gap) + 24
        var s = "<svg class=chart id=chart-agreement role=img aria-label=\"Agreement by treatment\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
        for (i, (id, t)) in rows.enumerated() {
            let name = names[id] ?? id
            let y = i * (barHeight + gap)
            let rate = t.rate ?? 0
            let w = Int((Double(barWidth) * rate).rounded())
            let label = name.count > 26 ? String(name.prefix(25)) + "…" : name
            s += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(HTML.escape(label))</text>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"#eef1f5\"/>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" fill=\"\(rate >= 0.9 ? "#2f855a" : rate >= 0.7 ? "#b7791f" : "#c53030")\"><title>\(HTML.escape(name)): \(t.agree) of \(t.agree + t.disagree) agree</title></rect>"
            s += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 14)\">\(percent(t.rate)) (n=\(t.items))</text>"
        }
        s += "<text x=\"\(labelWidth)\" y=\"\(height - 6)\">0%</text><text x=\"\(labelWidth + barWidth)\" y=\"\(height - 6)\" text-anchor=\"end\">100%</text>"
        return s + "</svg>"
    }

    /// Stacked columns: recorded Upheld / Overturned per year.
    private func outcomesChart(_ summary: AuditSummary) -> String {
        let years = summary.outcomesByYear.keys.sorted()
        guard !years.isEmpty else { return "<p class=muted>No recorded decisions.</p>" }
        let maxTotal = years.map { summary.outcomesByYear[$0]!.values.reduce(0, +) }.max() ?? 1
        // Narrower columns when there are many years, so the chart keeps its size on the page.
        let colWidth = years.count > 8 ? 32 : 44, gap = years.count > 8 ? 12 : 18, chartHeight = 200, left = 40
        let width = max(left + years.count * (colWidth + gap) + 20, 240)
        // The viewBox starts above zero so the count over the tallest column is not clipped.
        var s = "<svg class=chart id=chart-years role=img aria-label=\"Recorded outcomes by year\" width=\"\(width)\" height=\"\(chartHeight + 76)\" viewBox=\"0 -16 \(width) \(chartHeight + 76)\">"
        s += "<line x1=\"\(left)\" y1=\"\(chartHeight + 10)\" x2=\"\(width - 10)\" y2=\"\(chartHeight + 10)\" stroke=\"#9aa5b5\"/>"
        for (i, year) in years.enumerated() {
            let counts = summary.outcomesByYear[year]!
            let up = counts["Upheld"] ?? 0, ov = counts["Overturned"] ?? 0
            let x = left + i * (colWidth + gap)
            let hUp = Int(Double(chartHeight) * Double(up) / Double(max(maxTotal, 1)))
            let hOv = Int(Double(chartHeight) * Double(ov) / Double(max(maxTotal, 1)))
            s += "<rect x=\"\(x)\" y=\"\(chartHeight + 10 - hUp)\" width=\"\(colWidth)\" height=\"\(hUp)\" fill=\"#c05621\"><title>\(HTML.escape(year)): \(up) upheld</title></rect>"
            s += "<rect x=\"\(x)\" y=\"\(chartHeight + 10 - hUp - hOv)\" width=\"\(colWidth)\" height=\"\(hOv)\" fill=\"#2f855a\"><title>\(HTML.escape(year)): \(ov) overturned</title></rect>"
            s += "<text x=\"\(x + colWidth / 2)\" y=\"\(chartHeight + 26)\" text-anchor=\"middle\">\(HTML.escape(year))</text>"
            s += "<text x=\"\(x + colWidth / 2)\" y=\"\(chartHeight + 4 - hUp - hOv)\" text-anchor=\"middle\">\(up + ov)</text>"
        }
        s += "<rect x=\"\(left)\" y=\"\(chartHeight + 38)\" width=\"12\" height=\"12\" fill=\"#c05621\"/><text x=\"\(left + 16)\" y=\"\(chartHeight + 48)\">Upheld</text>"
        s += "<rect x=\"\(left + 80)\" y=\"\(chartHeight + 38)\" width=\"12\" height=\"12\" fill=\"#2f855a\"/><text x=\"\(left + 96)\" y=\"\(chartHeight + 48)\">Overturned</text>"
        return s + "</svg>"
    }

    /// The table's behaviour: data read chunk by chunk, then filters, search, sort and pages over
    /// index arrays (no DOM for rows off the page), details built when a row opens.
    static let script = """
    <script>
    (function(){
    'use strict';
    var t0=performance.now();
    var W=JSON.parse(document.getElementById('imr-words').textContent);
    // Rows name criteria and treatments by number and decisions by 0/1; they are read back to ids here.
    var CID=[], CR={}, TID=[], TN={}, D=['Upheld','Overturned'];
    W.criteria.forEach(function(c){CID.push(c&&c[0]);if(c)CR[c[0]]=c.slice(1);});
    W.treatments.forEach(function(t){TID.push(t&&t[0]);if(t)TN[t[0]]=t[1];});
    function cid(c){return typeof c==='number'?CID[c]:c;}
    var L=[], IT=[], LI=[];
    var $=function(id){return document.getElementById(id);};
    var status=$('status'), tbody=document.querySelector('#items tbody');
    var chunks=document.querySelectorAll('script.imr-data'), ci=0;
    function words(id){return id==null?'no rule':(TN[id]||id.replace(/_/g,' '));}
    function esc(s){return String(s).replace(/[&<>"']/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
    function agreement(it){return it[3]==null||it[4]==null?'norule':(it[3]===it[4]?'agree':'disagree');}
    function load(){
      var letters=JSON.parse(chunks[ci].textContent);
      for(var i=0;i<letters.length;i++){var l=letters[i],li=L.length;L.push(l);
        for(var k=0;k<l[2].length;k++){var it=l[2][k];
          if(typeof it[2]==='number')it[2]=TID[it[2]];
          it[3]=it[3]==null?null:D[it[3]];it[4]=it[4]==null?null:D[it[4]];
          for(var j=0;j<it[8].length;j++)it[8][j]=cid(it[8][j]);
          for(j=0;j<it[9].length;j++)it[9][j][0]=cid(it[9][j][0]);
          IT.push(it);LI.push(li);}}
      ci++;
      if(ci<chunks.length){status.textContent='Loading… '+IT.length.toLocaleString()+' of '+W.total.toLocaleString()+' items';setTimeout(load,0);}
      else ready();
    }
    var view=null, page=0, sortKey=null, sortDir=1, open={};
    function key(name){
      var n=IT.length,a=new Array(n),i;
      switch(name){
      case 'letter':for(i=0;i<n;i++)a[i]=L[LI[i]][0];break;
      case 'item':for(i=0;i<n;i++)a[i]=IT[i][0];break;
      case 'request':for(i=0;i<n;i++)a[i]=IT[i][1].toLowerCase();break;
      case 'treatment':for(i=0;i<n;i++)a[i]=words(IT[i][2]).toLowerCase();break;
      case 'recorded':for(i=0;i<n;i++)a[i]=IT[i][3]||'~';break;
      case 'predicted':for(i=0;i<n;i++)a[i]=IT[i][4]||'~';break;
      case 'agreement':for(i=0;i<n;i++)a[i]=agreement(IT[i]);break;
      case 'confidence':for(i=0;i<n;i++)a[i]=IT[i][5]==null?-1:IT[i][5];break;
      case 'year':for(i=0;i<n;i++)a[i]=IT[i][7]==null?0:IT[i][7];break;
      case 'specialty':for(i=0;i<n;i++)a[i]=(L[LI[i]][1]||'~').toLowerCase();break;
      }
      return a;
    }
    var keys={};
    function options(sel,counts,label){
      var names=Object.keys(counts).sort(function(a,b){return counts[b]-counts[a]||(a<b?-1:1);});
      var f=document.createDocumentFragment();
      names.forEach(function(v){var o=document.createElement('option');o.value=v;o.textContent=(label?label(v):v)+' ('+counts[v].toLocaleString()+')';f.appendChild(o);});
      $(sel).appendChild(f);
    }
    var hay=null;
    function haystack(i){
      var it=IT[i],s=(it[1]+' '+L[LI[i]][0]+' '+words(it[2])+' '+(L[LI[i]][1]||'')).toLowerCase();
      for(var k=0;k<it[9].length;k++){var c=it[9][k],w=CR[c[0]];s+=' '+(w?w[0]:c[0]).toLowerCase();if(c[2])s+=' '+c[2].toLowerCase();}
      return s;
    }
    function apply(){
      var q=$('f-search').value.trim().toLowerCase(),tr=$('f-treatment').value,rec=$('f-recorded').value,pre=$('f-predicted').value,
          ag=$('f-agreement').value,sp=$('f-specialty').value,yr=$('f-year').value;
      var out=[],n=IT.length;
      if(q&&!hay){hay=new Array(n);}
      for(var i=0;i<n;i++){var it=IT[i];
        if(tr&&(it[2]||'(no rule)')!==tr)continue;
        if(rec&&(it[3]||'none')!==rec)continue;
        if(pre&&(it[4]||'none')!==pre)continue;
        if(ag&&agreement(it)!==ag)continue;
        if(sp&&(L[LI[i]][1]||'unknown')!==sp)continue;
        if(yr&&String(it[7]==null?'unknown':it[7])!==yr)continue;
        if(q){if(hay[i]===undefined)hay[i]=haystack(i);if(hay[i].indexOf(q)<0)continue;}
        out.push(i);}
      view=out;
      if(sortKey)sortView();
      page=0;render();
    }
    function sortView(){
      var k=keys[sortKey]||(keys[sortKey]=key(sortKey)),d=sortDir;
      view.sort(function(a,b){var x=k[a],y=k[b];return x<y?-d:x>y?d:a-b;});
    }
    function render(){
      var size=+$('page-size').value,n=view.length,pages=Math.max(1,Math.ceil(n/size));
      if(page>=pages)page=pages-1;
      var from=page*size,to=Math.min(n,from+size),h=[];
      for(var r=from;r<to;r++){var i=view[r],it=IT[i],l=L[LI[i]],ag=agreement(it),file=l[0].split('/').pop();
        h.push('<tr class="row'+(open[i]?' open':'')+'" data-i="'+i+'"><td class=letter title="'+esc(l[0])+'">'+esc(file)+'</td><td class=num>'+it[0]+'</td><td>'+esc(it[1])+
          '</td><td>'+esc(words(it[2]))+'</td><td class='+(it[3]==='Upheld'?'up':'ov')+'>'+esc(it[3]||'–')+'</td><td class='+(it[4]==='Upheld'?'up':'ov')+'>'+esc(it[4]||'–')+
          '</td><td><span class="tag '+ag+'">'+(ag==='norule'?'no prediction':ag)+'</span></td><td class=num>'+(it[5]==null?'–':Math.round(it[5]*100)+' %'+(it[6]?' <span title="uncertain: below 65 %">?</span>':''))+
          '</td><td class=num>'+(it[7]==null?'–':it[7])+'</td><td>'+esc(l[1]||'unknown')+'</td></tr>');
        if(open[i])h.push(detail(i));}
      tbody.innerHTML=h.join('');
      status.textContent=n===0?'No item matches ('+IT.length.toLocaleString()+' items in all)':
        'Showing '+(from+1).toLocaleString()+'–'+to.toLocaleString()+' of '+n.toLocaleString()+' items'+(n!==IT.length?' (filtered from '+IT.length.toLocaleString()+')':'');
      status.dataset.matching=n;
      $('prev').disabled=page===0;$('next').disabled=page>=pages-1;
    }
    var ST=['met','unmet','undocumented'];
    function detail(i){
      var it=IT[i],h='<tr class=detail><td colspan=10>';
      if(it[4]==null){h+='<div>No rule covers this request: no prediction.</div>';}
      else{
        h+='<div><b>Predicted '+esc(it[4])+'</b>, confidence '+Math.round(it[5]*100)+' %'+(it[6]?' (uncertain)':'')+'; recorded '+esc(it[3]||'no decision')+'.</div>';
        if(it[8].length)h+='<div>Decided by: '+it[8].map(function(c){return esc(CR[c]?CR[c][0]:c);}).join('; ')+'</div>';
        if(!it[9].length)h+='<div>Every applicable criterion is met.</div>';
      }
      for(var k=0;k<it[9].length;k++){var c=it[9][k],w=CR[c[0]]||[c[0],'',null,null,null];
        h+='<div class="crit s'+c[1]+'"><b>'+ST[c[1]]+'</b>'+(w[4]?' <span class=muted>('+esc(w[4])+')</span>':'')+': '+esc(w[0]);
        if(c[1]===1&&w[2])h+='<br>Reason: '+esc(w[2]);
        if(c[1]===2&&w[3])h+='<br>To document: '+esc(w[3]);
        if(w[1])h+='<br><span class=muted>'+esc(w[1])+'</span>';
        if(c[2])h+='<br><span class=ev>“'+esc(c[2])+'”</span>';
        h+='</div>';}
      if(it[10].length)h+='<div class=muted>Guideline sources cited by the reviewer: '+esc(it[10].join(', '))+'</div>';
      return h+'<div class=muted>'+esc(L[LI[i]][0])+', item '+it[0]+'</div></td></tr>';
    }
    function ready(){
      var tc={},sc={},yc={};
      for(var i=0;i<IT.length;i++){var it=IT[i],t=it[2]||'(no rule)',s=L[LI[i]][1]||'unknown',y=String(it[7]==null?'unknown':it[7]);
        tc[t]=(tc[t]||0)+1;sc[s]=(sc[s]||0)+1;yc[y]=(yc[y]||0)+1;}
      options('f-treatment',tc,function(v){return v==='(no rule)'?v:words(v);});
      options('f-specialty',sc);
      var years=Object.keys(yc).sort(),f=$('f-year');
      years.forEach(function(y){var o=document.createElement('option');o.value=y;o.textContent=y+' ('+yc[y].toLocaleString()+')';f.appendChild(o);});
      ['f-treatment','f-recorded','f-predicted','f-agreement','f-specialty','f-year','page-size'].forEach(function(id){$(id).addEventListener('change',id==='page-size'?render:apply);});
      var timer=null;$('f-search').addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(apply,200);});
      $('prev').addEventListener('click',function(){page--;render();});
      $('next').addEventListener('click',function(){page++;render();});
      document.querySelectorAll('#items th').forEach(function(th){th.addEventListener('click',function(){
        var k=th.dataset.key;if(sortKey===k)sortDir=-sortDir;else{sortKey=k;sortDir=(k==='confidence'?-1:1);}
        document.querySelectorAll('#items th').forEach(function(o){o.removeAttribute('aria-sort');});
        th.setAttribute('aria-sort',sortDir===1?'ascending':'descending');sortView();page=0;render();});});
      tbody.addEventListener('click',function(e){var tr=e.target.closest('tr.row');if(!tr)return;var i=+tr.dataset.i;
        if(open[i])delete open[i];else open[i]=1;render();});
      $('preset-disagree').addEventListener('click',function(){
        ['f-treatment','f-recorded','f-predicted','f-specialty','f-year'].forEach(function(id){$(id).value='';});$('f-search').value='';
        $('f-agreement').value='disagree';sortKey='confidence';sortDir=-1;
        document.querySelectorAll('#items th').forEach(function(o){o.removeAttribute('aria-sort');});
        document.querySelector('#items th[data-key=confidence]').setAttribute('aria-sort','descending');apply();});
      $('reset').addEventListener('click',function(){
        ['f-treatment','f-recorded','f-predicted','f-agreement','f-specialty','f-year'].forEach(function(id){$(id).value='';});$('f-search').value='';
        sortKey=null;document.querySelectorAll('#items th').forEach(function(o){o.removeAttribute('aria-sort');});apply();});
      apply();
      document.body.dataset.items=IT.length;
      document.body.dataset.readyMs=Math.round(performance.now());
      document.body.dataset.loadMs=Math.round(performance.now()-t0);
    }
    if(chunks.length)load();else ready();
    })();
    </script>

    """
}
