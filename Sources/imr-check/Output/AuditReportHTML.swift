import Foundation
import GuidelineRules

/// The audit report for people: one self-contained HTML file (no external assets), with inline
/// SVG charts (agreement by treatment, outcomes by year), the summary tables, and a sortable
/// table of disagreements with the criteria and evidence that drove each prediction.
struct AuditReportHTML {
    let summary: AuditSummary
    let title: String
    let generated: String

    func render() -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1180px;color:#1d2433;padding:0 16px}
        h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
        .muted{color:#5b6577} .cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
        .card{border:1px solid #dde2ea;border-radius:8px;padding:10px 14px;min-width:140px;background:#f8fafc}
        .card b{display:block;font-size:22px} table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{border-bottom:1px solid #e6e9ef;padding:5px 8px;text-align:left;vertical-align:top}
        th{background:#f1f4f8;cursor:pointer;user-select:none;white-space:nowrap} th.num,td.num{text-align:right}
        .up{color:#9a3412} .ov{color:#166534} .ev{color:#374151;font-style:italic} code{font-size:12px}
        .grid{display:grid;grid-template-columns:1fr 1fr;gap:24px} @media(max-width:900px){.grid{grid-template-columns:1fr}}
        svg text{font:12px system-ui,sans-serif;fill:#1d2433}
        </style></head><body>
        <h1>\(HTML.escape(title))</h1>
        <div class="muted">Generated \(HTML.escape(generated)) by imr-check. Predictions follow the MTUS criteria in the rule files; a disagreement is a place to look, not a verdict.</div>
        """
        let t = summary.total
        h += "<div class=\"cards\">"
        h += card("Letters", "\(summary.documents)")
        h += card("Disputed items", "\(t.items)")
        h += card("Agreement", AuditSummary.percent(t.rate))
        h += card("Disagreements", "\(t.disagree)")
        h += card("No rule for request", "\(t.noPrediction)")
        if summary.failedInputs > 0 { h += card("Unreadable inputs", "\(summary.failedInputs)") }
        h += "</div>"

        h += "<div class=\"grid\"><div><h2>Agreement by treatment</h2>\(agreementChart())</div>"
        h += "<div><h2>Recorded outcomes by year</h2>\(outcomesChart())</div></div>"

        h += "<h2>Confusion matrix</h2><table style=\"width:auto\"><tr><th>recorded \\ predicted</th><th class=num>Upheld</th><th class=num>Overturned</th><th class=num>no rule</th></tr>"
        for r in ["Upheld", "Overturned", "none"] {
            let row = summary.confusion[r] ?? [:]
            h += "<tr><td>\(r == "none" ? "no decision" : r)</td><td class=num>\(row["Upheld"] ?? 0)</td><td class=num>\(row["Overturned"] ?? 0)</td><td class=num>\(row["none"] ?? 0)</td></tr>"
        }
        h += "</table>"

        h += "<div class=\"grid\"><div>" + tallyTable("By guideline source", summary.bySource) + "</div><div>" + tallyTable("By reviewer specialty", summary.bySpecialty) + "</div></div>"
        h += tallyTable("By treatment", summary.byTreatment)
        if !summary.reasons.isEmpty {
            h += "<h2>Unmet criteria by reason</h2><table style=\"width:auto\"><tr><th>reason</th><th class=num>criteria</th></tr>"
            for (k, v) in summary.reasons.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                h += "<tr><td><code>\(HTML.escape(k))</code></td><td class=num>\(v)</td></tr>"
            }
            h += "</table>"
        }

        h += "<h2>Disagreements</h2>"
        if summary.disagreementsTotal > summary.disagreements.count {
            h += "<p class=muted>Showing the first \(summary.disagreements.count) of \(summary.disagreementsTotal); the JSON Lines or CSV output has them all.</p>"
        }
        if summary.disagreements.isEmpty {
            h += "<p>No disagreements: every prediction matches the recorded decision.</p>"
        } else {
            h += "<p class=muted>Strongest first: the confidence is how strongly the criteria point away from the recorded decision.</p>"
            h += "<table id=dis><thead><tr><th>letter</th><th class=num>item</th><th>request</th><th>treatment</th><th>recorded</th><th>predicted</th><th class=num>confidence</th><th>criteria that drove the prediction, with evidence</th></tr></thead><tbody>"
            for r in summary.disagreements.sorted(by: { ($0.confidence ?? 0) > ($1.confidence ?? 0) }) {
                let drivers = r.drivers.isEmpty ? "every applicable criterion met" : r.drivers.map(driverHTML).joined()
                h += "<tr><td>\(HTML.escape(r.source))</td><td class=num>\(r.item)</td><td>\(HTML.escape(r.request))</td><td>\(HTML.escape(r.treatment ?? "–"))</td>"
                h += "<td class=\(r.recorded == "Upheld" ? "up" : "ov")>\(HTML.escape(r.recorded ?? "–"))</td><td class=\(r.predicted == "Upheld" ? "up" : "ov")>\(HTML.escape(r.predicted ?? "–"))</td><td class=num>\(r.confidence.map { String(Int(($0 * 100).rounded())) + " %" } ?? "–")</td><td>\(drivers)</td></tr>"
            }
            h += "</tbody></table>"
        }
        h += """
        <script>
        // Sort a table by the clicked column (numbers numerically); click again to reverse.
        document.querySelectorAll('table').forEach(function(t){
          t.querySelectorAll('th').forEach(function(th,i){
            th.addEventListener('click',function(){
              var body=t.tBodies[0]; if(!body) return;
              var rows=Array.prototype.slice.call(body.rows).filter(function(r){return r.cells[0].tagName==='TD';});
              var dir=th.dataset.dir==='asc'?-1:1; th.dataset.dir=dir===1?'asc':'desc';
              rows.sort(function(a,b){var x=a.cells[i].textContent.trim(),y=b.cells[i].textContent.trim();
                var nx=parseFloat(x),ny=parseFloat(y);
                if(!isNaN(nx)&&!isNaN(ny)) return (nx-ny)*dir; return x.localeCompare(y)*dir;});
              rows.forEach(function(r){body.appendChild(r);});
            });
          });
        });
        </script>
        </body></html>
        """
        return h
    }

    private func driverHTML(_ d: AuditRecord.Driver) -> String {
        var s = "<div><code>\(HTML.escape(d.criterion))</code> \(HTML.escape(d.status))"
        if let reason = d.reason { s += " (\(HTML.escape(reason)))" }
        s += "<br><span class=muted>\(HTML.escape(d.citation))</span>"
        if let evidence = d.evidence { s += "<br><span class=ev>“\(HTML.escape(String(evidence.prefix(240))))”</span>" }
        return s + "</div>"
    }

    private func card(_ label: String, _ value: String) -> String {
        "<div class=card><b>\(HTML.escape(value))</b><span class=muted>\(HTML.escape(label))</span></div>"
    }

    private func tallyTable(_ title: String, _ d: [String: AuditSummary.Tally]) -> String {
        var h = "<h2>\(HTML.escape(title))</h2><table><thead><tr><th>name</th><th class=num>items</th><th class=num>agree</th><th class=num>disagree</th><th class=num>no rule</th><th class=num>agreement</th></tr></thead><tbody>"
        for k in d.keys.sorted(by: { (d[$0]!.items, $1) > (d[$1]!.items, $0) }) {
            let t = d[k]!
            h += "<tr><td>\(HTML.escape(k))</td><td class=num>\(t.items)</td><td class=num>\(t.agree)</td><td class=num>\(t.disagree)</td><td class=num>\(t.noPrediction)</td><td class=num>\(AuditSummary.percent(t.rate))</td></tr>"
        }
        return h + "</tbody></table>"
    }

    /// Horizontal bars: agreement rate per treatment (top 20 by items), with counts.
    private func agreementChart() -> String {
        let rows = summary.byTreatment.sorted { ($0.value.items, $1.key) > ($1.value.items, $0.key) }.prefix(20)
        guard !rows.isEmpty else { return "<p class=muted>No items.</p>" }
        let barHeight = 20, gap = 6, labelWidth = 210, barWidth = 300
        let height = rows.count * (barHeight + gap) + 24
        var s = "<svg role=img aria-label=\"Agreement by treatment\" width=\"\(labelWidth + barWidth + 90)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 90) \(height)\">"
        for (i, (name, t)) in rows.enumerated() {
            let y = i * (barHeight + gap)
            let rate = t.rate ?? 0
            let w = Int((Double(barWidth) * rate).rounded())
            s += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(HTML.escape(String(name.prefix(30))))</text>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"#eef1f5\"/>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" fill=\"\(rate >= 0.9 ? "#2f855a" : rate >= 0.7 ? "#b7791f" : "#c53030")\"><title>\(HTML.escape(name)): \(t.agree)/\(t.agree + t.disagree) agree</title></rect>"
            s += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 14)\">\(AuditSummary.percent(t.rate)) (n=\(t.items))</text>"
        }
        s += "<text x=\"\(labelWidth)\" y=\"\(height - 6)\" class=muted>0%</text><text x=\"\(labelWidth + barWidth)\" y=\"\(height - 6)\" text-anchor=\"end\">100%</text>"
        return s + "</svg>"
    }

    /// Stacked columns: recorded Upheld / Overturned per year.
    private func outcomesChart() -> String {
        let years = summary.outcomesByYear.keys.sorted()
        guard !years.isEmpty else { return "<p class=muted>No recorded decisions.</p>" }
        let maxTotal = years.map { (summary.outcomesByYear[$0]!.values.reduce(0, +)) }.max() ?? 1
        let colWidth = 44, gap = 18, chartHeight = 200, left = 40
        let width = left + years.count * (colWidth + gap) + 20
        // The viewBox starts above zero so the count over the tallest column is not clipped.
        var s = "<svg role=img aria-label=\"Recorded outcomes by year\" width=\"\(width)\" height=\"\(chartHeight + 76)\" viewBox=\"0 -16 \(width) \(chartHeight + 76)\">"
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
}
