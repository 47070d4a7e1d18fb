#!/usr/bin/env python3
"""Checks an imr-check audit HTML report in headless Chromium, as an analyst would use it.

    scripts/check-report.py REPORT.html AUDIT.jsonl [--screenshot OUT.png] [--json RESULT.json]

Opens the report at 1280 px wide through the DevTools protocol over a pipe (no network, no package:
Python's standard library and Debian's `chromium`), waits until the item table is ready, then checks:
  - the page: summary cards, the two SVG charts, the confusion matrix, the item table, the six filters
    and the search box are there; nothing is wider than the 1280 px window, with a row opened too;
  - counts: the items in the table equal the JSON Lines lines; each filter (agreement, recorded and
    predicted outcome, the most common treatment, every year) shows as many items as the JSON Lines
    hold; the specialty options add up to every item and no two are spellings of one name;
  - behaviour: a search finds an item's request; sorting by confidence orders the page; the
    "disagreements, strongest first" preset shows every disagreement, strongest first; a row opens
    its criteria in words; print styles hide the filters;
and measures the time to first paint and to an interactive table, and the time each filter takes.
Saves a screenshot (the top of the report and the disagreements with one row open). Exit 0 when every
check passes, 1 otherwise (each failure named), 2 when Chromium is missing.
"""
import base64
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    """Chromium with --remote-debugging-pipe: JSON messages separated by NUL on fds 3 (in) and 4 (out)."""

    def __init__(self, binary, width, height):
        self.profile = tempfile.mkdtemp(prefix="imr-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        args = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=" + self.profile, f"--window-size={width},{height}", "about:blank"]
        self.proc = subprocess.Popen(args, pass_fds=(3, 4, to_child_r, from_child_w), preexec_fn=fds,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True, timeout=600):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, name, timeout=600):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    return self.events.pop(i)
            self.events.append(self.read())
        raise TimeoutError(name)

    def eval(self, expression, timeout=600):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression[:80]}: {r['exceptionDetails'].get('exception', {}).get('description', r['exceptionDetails'])}")
        return r.get("result", {}).get("value")

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def expected_counts(jsonl):
    """Reads the JSON Lines a line at a time (a corpus's may be gigabytes): the counts each filter
    must show, every request (for the search) and every criterion id (words, not ids, on the page)."""
    requests, ids = [], set()
    want = {k: collections.Counter() for k in ("agreement", "recorded", "predicted", "treatment", "year")}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            o = json.loads(line)
            recorded, predicted = o.get("recorded"), o.get("predicted")
            want["agreement"]["norule" if recorded is None or predicted is None else ("agree" if recorded == predicted else "disagree")] += 1
            want["recorded"][recorded or "none"] += 1
            want["predicted"][predicted or "none"] += 1
            want["treatment"][o.get("treatment") or "(no rule)"] += 1
            want["year"][str(o["year"]) if o.get("year") is not None else "unknown"] += 1
            requests.append(o["request"])
            ids.update(c["id"] for c in o.get("criteria", []))
    return requests, ids, want


SET_FILTER = """(function(id,v){var e=document.getElementById(id);e.value=v;var t=performance.now();
e.dispatchEvent(new Event(id==='f-search'?'input':'change'));return new Promise(function(ok){
setTimeout(function(){ok([+document.getElementById('status').dataset.matching,Math.round(performance.now()-t)]);},id==='f-search'?260:0);});})"""


def main():
    args = sys.argv[1:]
    if len(args) < 2 or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args and args[0] in ("-h", "--help") else 2
    report, jsonl = os.path.abspath(args[0]), args[1]
    screenshot = args[args.index("--screenshot") + 1] if "--screenshot" in args else None
    result_path = args[args.index("--json") + 1] if "--json" in args else None
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not binary:
        print("check-report: no Chromium (apt-get install chromium); the browser check did not run", file=sys.stderr)
        return 2
    items, criterion_ids, want = expected_counts(jsonl)
    failures, facts = [], {"report_bytes": os.path.getsize(report), "items_jsonl": len(items)}

    def check(ok, what):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            failures.append(what)

    b = Browser(binary, 1280, 900)
    try:
        target = b.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        b.session = b.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        b.send("Page.enable")
        b.send("Runtime.enable")
        b.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        b.send("Page.setLifecycleEventsEnabled", {"enabled": True})
        b.events.clear()
        started = time.time()
        b.send("Page.navigate", {"url": "file://" + report})
        b.wait_event("Page.loadEventFired")
        facts["load_event_s"] = round(time.time() - started, 2)
        # Lifecycle events carry monotonic timestamps: first paint is measured from the navigation's "init".
        life = {}
        for e in b.events:
            if e.get("method") == "Page.lifecycleEvent":
                life.setdefault(e["params"]["name"], e["params"]["timestamp"])
        while not b.eval("document.body && document.body.dataset.readyMs || ''"):
            if time.time() - started > 900:
                raise TimeoutError("the item table was not ready after 15 minutes")
            time.sleep(0.2)
        facts["wall_to_interactive_s"] = round(time.time() - started, 2)
        timing = b.eval("""(function(){var p=performance.getEntriesByType('paint').map(function(e){return [e.name,Math.round(e.startTime)];});
          return {paint:p, ready:+document.body.dataset.readyMs, load:+document.body.dataset.loadMs,
                  heap:performance.memory?Math.round(performance.memory.usedJSHeapSize/1048576):null};})()""")
        for e in b.events:
            if e.get("method") == "Page.lifecycleEvent":
                life.setdefault(e["params"]["name"], e["params"]["timestamp"])
        def since_init(name):
            return round((life[name] - life["init"]) * 1000) if name in life and "init" in life else None
        facts["first_paint_ms"] = dict(timing["paint"]).get("first-paint") or since_init("firstPaint")
        facts["first_contentful_paint_ms"] = dict(timing["paint"]).get("first-contentful-paint") or since_init("firstContentfulPaint")
        facts["dom_content_loaded_ms"] = since_init("DOMContentLoaded")
        facts["interactive_ms"] = timing["ready"]
        facts["data_parse_ms"] = timing["load"]
        facts["js_heap_mb"] = timing["heap"]

        page = b.eval("""(function(){return {cards:document.querySelectorAll('.card').length, charts:document.querySelectorAll('svg.chart').length,
          confusion:!!document.getElementById('confusion'), table:!!document.querySelector('#items tbody'),
          filters:['f-treatment','f-recorded','f-predicted','f-agreement','f-specialty','f-year'].filter(function(i){return document.getElementById(i) instanceof HTMLSelectElement;}).length,
          search:!!document.getElementById('f-search'), items:+document.body.dataset.items, matching:+document.getElementById('status').dataset.matching,
          rows:document.querySelectorAll('#items tr.row').length, cardItems:document.querySelector('#card-items b').textContent,
          rules:(document.getElementById('rules')||{}).textContent||'', scrollWidth:document.documentElement.scrollWidth,
          external:document.querySelectorAll('link[href],script[src],img[src]').length,
          specialties:Array.prototype.slice.call(document.querySelectorAll('#f-specialty option')).slice(1).map(function(o){return [o.value,+o.textContent.match(/\\(([\\d,]+)\\)$/)[1].replace(/,/g,'')];})};})()""")
        check(page["cards"] >= 5, f"summary cards ({page['cards']})")
        check(page["charts"] == 2, f"two SVG charts ({page['charts']})")
        check(page["confusion"], "confusion matrix")
        check(page["table"] and page["rows"] > 0 or len(items) == 0, f"item table with rows ({page['rows']} on the first page)")
        check(page["filters"] == 6 and page["search"], f"six filters and a search box ({page['filters']})")
        check(page["external"] == 0, "self-contained: no external stylesheet, script or image")
        check(page["rules"].startswith("Rules:"), f"names its rules ({page['rules'][:60]!r})")
        check(page["items"] == len(items), f"items in the table = JSON Lines lines ({page['items']} / {len(items)})")
        check(page["matching"] == len(items), f"unfiltered table shows every item ({page['matching']})")
        check(page["cardItems"].replace(",", "") == str(len(items)), f"the items card says {page['cardItems']}")
        check(page["scrollWidth"] <= 1280, f"nothing overflows at 1280 px (page width {page['scrollWidth']})")
        specialty_total = sum(n for _, n in page["specialties"])
        check(specialty_total == len(items), f"specialty options add up to every item ({specialty_total})")
        folded = collections.Counter(v.lower().replace("&", "and").replace("rehab ", "rehabilitation ").rstrip() for v, _ in page["specialties"])
        check(all(n == 1 for n in folded.values()), f"specialties normalised ({len(page['specialties'])} names, none a spelling of another)")

        timings = {}
        def filter_count(field, value):
            n, ms = b.eval(f"{SET_FILTER}('{field}',{json.dumps(value)})")
            timings.setdefault(field, []).append(ms)
            return n
        for value, n in sorted(want["agreement"].items()):
            check(filter_count("f-agreement", value) == n, f"agreement = {value}: {n} items")
        filter_count("f-agreement", "")
        for value, n in sorted(want["recorded"].items()):
            check(filter_count("f-recorded", value) == n, f"recorded = {value}: {n} items")
        filter_count("f-recorded", "")
        for value, n in sorted(want["predicted"].items()):
            check(filter_count("f-predicted", value) == n, f"predicted = {value}: {n} items")
        filter_count("f-predicted", "")
        if want["treatment"]:
            value, n = want["treatment"].most_common(1)[0]
            check(filter_count("f-treatment", value) == n, f"treatment = {value}: {n} items")
            filter_count("f-treatment", "")
        for value, n in sorted(want["year"].items())[:12]:
            check(filter_count("f-year", value) == n, f"year = {value}: {n} items")
        filter_count("f-year", "")
        if page["specialties"]:
            value, n = page["specialties"][0]
            check(filter_count("f-specialty", value) == n, f"specialty = {value}: {n} items")
            filter_count("f-specialty", "")
        if items:
            request = items[len(items) // 2]
            words = request[:40].lower()
            n = filter_count("f-search", words)
            want_n = sum(1 for r in items if words in r.lower())
            check(n >= want_n >= 1, f"search {words!r}: {n} items (at least the {want_n} whose request holds it)")
            timings["f-search-first"] = timings.pop("f-search")
            again = items[len(items) // 3][:12].lower()
            n = filter_count("f-search", again)
            check(n >= sum(1 for r in items if again in r.lower()), f"search again {again!r}: {n} items")
            filter_count("f-search", "")
        facts["filter_ms"] = {k: max(v) for k, v in timings.items()}

        # Sorting by confidence (descending first), then the preset.
        order = b.eval("""(function(){document.querySelector('#items th[data-key=confidence]').click();
          return Array.prototype.map.call(document.querySelectorAll('#items tr.row td:nth-child(8)'),function(td){return parseInt(td.textContent)||-1;});})()""")
        check(order == sorted(order, reverse=True), "sorting by confidence orders the page")
        disagree = want["agreement"].get("disagree", 0)
        preset = b.eval("""(function(){var t=performance.now();document.getElementById('preset-disagree').click();
          var c=Array.prototype.map.call(document.querySelectorAll('#items tr.row td:nth-child(8)'),function(td){return parseInt(td.textContent)||-1;});
          var first=document.querySelector('#items tr.row'); if(first) first.click();
          var d=document.querySelector('#items tr.detail');
          return {n:+document.getElementById('status').dataset.matching, conf:c, ms:Math.round(performance.now()-t),
                  detail:d?d.textContent:'', width:document.documentElement.scrollWidth};})()""")
        check(preset["n"] == disagree, f"disagreements preset shows {preset['n']} of {disagree}")
        check(preset["conf"] == sorted(preset["conf"], reverse=True), "disagreements strongest first")
        if disagree:
            check("Predicted" in preset["detail"] and ("unmet" in preset["detail"] or "undocumented" in preset["detail"] or "met" in preset["detail"]),
                  "an opened row shows its criteria in words")
            named = sorted(i for i in criterion_ids if i in preset["detail"])
            check(not named, f"criteria named in words, not ids {named[:3] if named else ''}")
        check(preset["width"] <= 1280, f"nothing overflows with a row open (page width {preset['width']})")
        facts["preset_ms"] = preset["ms"]
        if screenshot:
            b.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
            b.eval("window.scrollTo(0,0)")
            top = b.send("Page.captureScreenshot", {"format": "png"})["data"]
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(top))
            b.eval("document.getElementById('item-section').scrollIntoView()")
            table = b.send("Page.captureScreenshot", {"format": "png"})["data"]
            with open(screenshot.replace(".png", "-items.png"), "wb") as f:
                f.write(base64.b64decode(table))
            facts["screenshots"] = [screenshot, screenshot.replace(".png", "-items.png")]
        b.send("Emulation.setEmulatedMedia", {"media": "print"})
        hidden = b.eval("getComputedStyle(document.getElementById('filters')).display")
        check(hidden == "none", "print styles hide the filters")
        b.send("Emulation.setEmulatedMedia", {"media": ""})
    finally:
        b.close()
    print(json.dumps(facts, indent=1))
    if result_path:
        with open(result_path, "w") as f:
            json.dump({"facts": facts, "failures": failures}, f, indent=1)
    if failures:
        print(f"check-report: {len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("check-report: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
