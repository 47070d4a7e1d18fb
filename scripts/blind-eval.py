#!/usr/bin/env python3
"""Scores imr-check on the blind corpus (Tests/Blind), as outside checks would: through the CLI.

    scripts/blind-eval.py                       # dev and held-back, side by side (aggregates only)
    scripts/blind-eval.py --split dev --misses  # every dev miss (never run --misses on heldback)
    scripts/blind-eval.py --bin .build/release/imr-check --json out.json

Three kinds of material, written blind (see Tests/Blind/README.md):
  sentences.tsv  one clinical sentence and one fact: `imr-check facts FILE` must give the expected
                 value (true / false / a number / unknown = absent or null);
  notes/         whole notes: `imr-check predict FILE --format jsonl` must find every request and
                 predict its expected outcome; and `imr-check facts FILE` must give the facts the
                 writer labelled for the note ("notefacts"; labels whose name the rule files do not
                 define are counted apart, not scored; facts read from a request's own text, `from
                 request`, are scored apart from the values `predict` used for the note's requests);
                 "noterequests" reads the same notes as outside checks do: `imr-check predict FILE
                 --request TEXT --format jsonl`, one run per request, with the writer's request text;
  cases/         IMR-style case summaries: `imr-check predict FILE --request TITLE --format jsonl`.

Balanced accuracy is the mean of the recall of Upheld and of Overturned; a request the tool does not
find counts as wrong for its class. Numbers match when they are within 0.5 or 15% of the label
(writers labelled a range "30-40%" by its lower end or its midpoint).
The Brier score and the reliability table use `confidence` (the probability of the predicted
outcome) when the output carries it.
"""
import argparse, json, os, re, subprocess, sys, tempfile, collections

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WRITERS = set()  # --writers: only these folders


def run(binary, args):
    p = subprocess.run([binary] + args, capture_output=True, text=True, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def writers(split):
    base = os.path.join(ROOT, "Tests", "Blind", split)
    names = sorted(os.listdir(base)) if os.path.isdir(base) else []
    return [os.path.join(base, w) for w in names if not WRITERS or w in WRITERS]


def number_matches(got, want):
    return abs(got - want) <= max(0.5, 0.15 * abs(want))


def value_matches(got, want):
    if want == "unknown":
        return got is None
    if want in ("true", "false"):
        return got is (want == "true")
    try:
        w = float(want)
    except ValueError:
        return False
    return isinstance(got, (int, float)) and not isinstance(got, bool) and number_matches(got, w)


def kind(want):
    if want in ("true", "false", "unknown"):
        return want
    return "number"


def score_sentences(binary, split, misses):
    rows = []
    for w in writers(split):
        path = os.path.join(w, "sentences.tsv")
        if not os.path.exists(path):
            continue
        with open(path) as f:
            header = f.readline().rstrip("\n").split("\t")
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 4:
                    rows.append(dict(zip(header, parts)))
    if not rows:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        for i, r in enumerate(rows):
            with open(os.path.join(tmp, "s%05d.txt" % i), "w") as f:
                f.write(r["sentence"] + "\n")
        code, out, err = run(binary, ["facts", tmp, "--format", "jsonl"])
        found = {}
        for line in out.splitlines():
            o = json.loads(line)
            found[os.path.basename(o["source"])] = {f["name"]: f["value"] for f in o.get("facts", [])}
    by_kind = collections.Counter(); ok_kind = collections.Counter()
    by_fact = collections.Counter(); ok_fact = collections.Counter()
    tp = fp = fn = 0
    miss = []
    for i, r in enumerate(rows):
        got = found.get("s%05d.txt" % i, {}).get(r["fact"])
        want = r["expected"].strip()
        ok = value_matches(got, want)
        k = kind(want)
        by_kind[k] += 1; ok_kind[k] += ok
        by_fact[r["fact"]] += 1; ok_fact[r["fact"]] += ok
        if got is not None:
            if ok: tp += 1
            else: fp += 1
        if want != "unknown" and not ok:
            fn += 1
        if not ok:
            miss.append((r["id"], r["fact"], want, got, r["sentence"]))
    n = len(rows)
    res = {"rows": n, "accuracy": sum(ok_kind.values()) / n,
           "precision": tp / (tp + fp) if tp + fp else None,
           "recall": tp / (tp + fn) if tp + fn else None,
           "by_kind": {k: [ok_kind[k], by_kind[k]] for k in sorted(by_kind)},
           "by_fact": {k: [ok_fact[k], by_fact[k]] for k in sorted(by_fact)}}
    if misses:
        res["misses"] = miss
    return res


def balanced(pairs):
    """pairs: (expected, predicted or None). Returns balanced accuracy and per-class recall."""
    rec = {}
    for cls in ("Upheld", "Overturned"):
        xs = [p for e, p in pairs if e == cls]
        rec[cls] = (sum(1 for p in xs if p == cls), len(xs))
    rs = [a / b for a, b in rec.values() if b]
    return (sum(rs) / len(rs) if rs else None), rec


def calibration(probs):
    """probs: (p_overturned, outcome_is_overturned). Brier score and a 5-bin reliability table."""
    if not probs:
        return None, []
    brier = sum((p - y) ** 2 for p, y in probs) / len(probs)
    bins = []
    for b in range(5):
        lo, hi = b / 5, (b + 1) / 5
        xs = [(p, y) for p, y in probs if lo <= p < hi or (b == 4 and p == 1.0)]
        if xs:
            bins.append((lo, hi, len(xs), sum(p for p, _ in xs) / len(xs), sum(y for _, y in xs) / len(xs)))
    return brier, bins


def p_overturned(o):
    c = o.get("confidence")
    if c is None or o.get("predicted") is None:
        return None
    return c if o["predicted"] == "Overturned" else 1 - c


def notes_of(split):
    """Every labelled note of `split`, with `_dir`, the folder holding its text."""
    items = []
    for w in writers(split):
        path = os.path.join(w, "notes.jsonl")
        if not os.path.exists(path):
            continue
        for line in open(path):
            if line.strip():
                o = json.loads(line); o["_dir"] = os.path.join(w, "notes"); items.append(o)
    return items


def score_notes(binary, split, misses):
    items = notes_of(split)
    if not items:
        return None
    pairs, probs, miss, family = [], [], [], collections.defaultdict(list)
    requests = found = treatment_ok = extra = 0
    for note in items:
        path = os.path.join(note["_dir"], note["file"])
        code, out, err = run(binary, ["predict", path, "--format", "jsonl"])
        preds = [json.loads(l) for l in out.splitlines() if l.strip()]
        used = set()
        for req in note["requests"]:
            requests += 1
            match = None
            # The prediction for this request: same treatment, else a request text that overlaps.
            for i, p in enumerate(preds):
                if i in used: continue
                if p.get("treatment") == req["treatment"]:
                    match = i; break
            if match is None:
                for i, p in enumerate(preds):
                    if i in used: continue
                    a, b = (p.get("request") or "").lower(), req["text"].lower()
                    if a and (a in b or b in a):
                        match = i; break
            predicted = None
            if match is not None:
                used.add(match); found += 1
                p = preds[match]
                treatment_ok += p.get("treatment") == req["treatment"]
                predicted = p.get("predicted") if p.get("treatment") == req["treatment"] else None
                q = p_overturned(p)
                if q is not None and predicted is not None:
                    probs.append((q, req["expected"] == "Overturned"))
            pairs.append((req["expected"], predicted))
            family[req["treatment"]].append((req["expected"], predicted))
            if predicted != req["expected"]:
                miss.append((note["file"], req["treatment"], req["expected"], predicted,
                             None if match is None else preds[match].get("request"), req["text"], req.get("deciding", "")))
        extra += len(preds) - len(used)
    ba, rec = balanced(pairs)
    brier, bins = calibration(probs)
    res = {"notes": len(items), "requests": requests, "found": found, "treatment_right": treatment_ok,
           "extra_predictions": extra, "balanced_accuracy": ba, "recall": rec,
           "accuracy": sum(1 for e, p in pairs if e == p) / len(pairs), "brier": brier, "reliability": bins,
           "by_family": {f: balanced(v)[0] for f, v in sorted(family.items())},
           "family_counts": {f: [sum(1 for e, p in v if e == p), len(v)] for f, v in sorted(family.items())}}
    if misses:
        res["misses"] = miss
    return res


def fact_vocabulary():
    """The fact names the rule files define (a label outside them is counted apart, not scored), and
    those read from the request text (`from request`), which only a prediction reads."""
    names, from_request = set(), set()
    for dirpath, _, files in os.walk(os.path.join(ROOT, "Rules")):
        for f in files:
            if f.endswith(".rules"):
                current = None
                for line in open(os.path.join(dirpath, f)):
                    m = re.match(r"fact\s+([a-z_0-9]+)\s", line)
                    if m:
                        current = m.group(1); names.add(current)
                    elif current and re.match(r"\s+from\s+request\b", line):
                        from_request.add(current)
                    elif not line.startswith((" ", "\t", "#")) and line.strip():
                        current = None
    return names, from_request


def label_matches(got, want):
    if isinstance(want, bool):
        return got is want
    if isinstance(want, (int, float)):
        return isinstance(got, (int, float)) and not isinstance(got, bool) and number_matches(got, want)
    return got == want


def score_note_facts(binary, split, misses):
    """The facts each whole note settles (the writers' `facts` labels), read by `imr-check facts`."""
    vocabulary, from_request = fact_vocabulary()
    right = total = outside = 0
    request_right = request_total = 0
    by_kind = collections.defaultdict(lambda: [0, 0])
    miss = []
    for note in notes_of(split):
        labels = {k: v for k, v in (note.get("facts") or {}).items() if v != "unknown"}
        if not labels:
            continue
        path = os.path.join(note["_dir"], note["file"])
        code, out, err = run(binary, ["facts", path, "--format", "json"])
        try:
            got = {f["name"]: f["value"] for f in json.loads(out).get("facts", [])}
        except ValueError:
            got = {}
        if any(name in from_request for name in labels):
            # A request's own facts (its approach, rental or purchase, ...) are read by `predict`,
            # per request: the value any of the note's predictions used for a criterion.
            code, out, err = run(binary, ["predict", path, "--format", "jsonl"])
            for line in out.splitlines():
                for c in json.loads(line).get("criteria", []) if line.strip() else []:
                    for name, value in (c.get("facts") or {}).items():
                        if name in from_request and value is not None:
                            got.setdefault(name, value)
        for name, want in labels.items():
            if name not in vocabulary:
                outside += 1
                continue
            k = "true" if want is True else "false" if want is False else "number" if isinstance(want, (int, float)) else "value"
            ok = label_matches(got.get(name), want)
            if name in from_request:
                request_total += 1; request_right += ok
            else:
                total += 1; right += ok
                by_kind[k][0] += ok; by_kind[k][1] += 1
            if not ok:
                miss.append((note["file"], name + (" (request)" if name in from_request else ""), want, got.get(name)))
    if not total:
        return None
    res = {"labels": total, "right": right, "accuracy": right / total, "outside_vocabulary": outside,
           "request_labels": request_total, "request_right": request_right, "by_kind": dict(by_kind)}
    if misses:
        res["misses"] = miss
    return res


def note_requests_of(split):
    """Every request of every labelled note of `split`, as a case: the note's text with the request's own words."""
    return [{"_dir": note["_dir"], "file": note["file"], "request": req["text"], "treatment": req["treatment"],
             "expected": req["expected"], "deciding": req.get("deciding", "")}
            for note in notes_of(split) for req in note["requests"]]


def score_note_requests(binary, split, misses):
    """The notes as outside checks read them: `predict NOTE --request TEXT`, one run per request."""
    items = note_requests_of(split)
    return score_cases(binary, split, misses, items) if items else None


def score_cases(binary, split, misses, items=None):
    if items is None:
        items = []
        for w in writers(split):
            path = os.path.join(w, "cases.jsonl")
            if not os.path.exists(path):
                continue
            for line in open(path):
                if line.strip():
                    o = json.loads(line); o["_dir"] = os.path.join(w, "cases"); items.append(o)
    if not items:
        return None
    pairs, probs, miss, family = [], [], [], collections.defaultdict(list)
    treatment_ok = 0
    for case in items:
        path = os.path.join(case["_dir"], case["file"])
        code, out, err = run(binary, ["predict", path, "--request", case["request"], "--format", "jsonl"])
        preds = [json.loads(l) for l in out.splitlines() if l.strip()]
        p = preds[0] if preds else {}
        treatment_ok += p.get("treatment") == case["treatment"]
        predicted = p.get("predicted")
        q = p_overturned(p)
        if q is not None:
            probs.append((q, case["expected"] == "Overturned"))
        pairs.append((case["expected"], predicted))
        family[case["treatment"]].append((case["expected"], predicted))
        if predicted != case["expected"]:
            unmet = [c["id"] + ":" + c["status"] for c in p.get("criteria", []) if c.get("status") in ("unmet", "undocumented")]
            miss.append((case["file"], case["treatment"], p.get("treatment"), case["expected"], predicted, case["request"],
                         case.get("deciding", ""), unmet))
    ba, rec = balanced(pairs)
    brier, bins = calibration(probs)
    res = {"cases": len(items), "treatment_right": treatment_ok, "balanced_accuracy": ba, "recall": rec,
           "accuracy": sum(1 for e, p in pairs if e == p) / len(pairs), "brier": brier, "reliability": bins,
           "by_family": {f: balanced(v)[0] for f, v in sorted(family.items())},
           "family_counts": {f: [sum(1 for e, p in v if e == p), len(v)] for f, v in sorted(family.items())}}
    if misses:
        res["misses"] = miss
    return res


def fmt(x, digits=3):
    return "–" if x is None else ("%." + str(digits) + "f") % x


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug", "imr-check"))
    ap.add_argument("--split", choices=["dev", "heldback", "both"], default="both")
    ap.add_argument("--only", choices=["sentences", "notefacts", "notes", "noterequests", "cases"], action="append")
    ap.add_argument("--misses", action="store_true", help="list the misses (dev only)")
    ap.add_argument("--families", action="store_true", help="per-family figures")
    ap.add_argument("--writers", help="only these writers' material, comma-separated (e.g. w7,w8: a new round's first figures)")
    ap.add_argument("--json")
    a = ap.parse_args()
    if a.writers:
        WRITERS.update(w.strip() for w in a.writers.split(",") if w.strip())
    if a.misses and a.split != "dev":
        sys.exit("--misses lists texts: use it with --split dev only (the held-back part is never read while tuning)")
    splits = ["dev", "heldback"] if a.split == "both" else [a.split]
    kinds = a.only or ["sentences", "notefacts", "notes", "noterequests", "cases"]
    results = {}
    for s in splits:
        results[s] = {}
        if "sentences" in kinds: results[s]["sentences"] = score_sentences(a.bin, s, a.misses)
        if "notefacts" in kinds: results[s]["notefacts"] = score_note_facts(a.bin, s, a.misses)
        if "notes" in kinds: results[s]["notes"] = score_notes(a.bin, s, a.misses)
        if "noterequests" in kinds: results[s]["noterequests"] = score_note_requests(a.bin, s, a.misses)
        if "cases" in kinds: results[s]["cases"] = score_cases(a.bin, s, a.misses)
    print("| material | figure | " + " | ".join(splits) + " |")
    print("|---|---|" + "---:|" * len(splits))
    def row(kind, label, f):
        vals = []
        for s in splits:
            r = results[s].get(kind)
            vals.append("–" if r is None else f(r))
        print("| %s | %s | %s |" % (kind, label, " | ".join(vals)))
    if "sentences" in kinds:
        row("sentences", "rows", lambda r: str(r["rows"]))
        row("sentences", "accuracy", lambda r: fmt(r["accuracy"]))
        row("sentences", "precision / recall", lambda r: fmt(r["precision"]) + " / " + fmt(r["recall"]))
        for k in ("true", "false", "number", "unknown"):
            row("sentences", "right when " + k, lambda r, k=k: "%d/%d" % tuple(r["by_kind"].get(k, [0, 0])))
    if "notefacts" in kinds:
        row("notefacts", "labels (in the vocabulary)", lambda r: "%d (+%d outside)" % (r["labels"], r["outside_vocabulary"]))
        row("notefacts", "accuracy", lambda r: fmt(r["accuracy"]))
        row("notefacts", "request facts right (read by predict)", lambda r: "%d/%d" % (r["request_right"], r["request_labels"]))
        for k in ("true", "false", "number", "value"):
            row("notefacts", "right when " + k, lambda r, k=k: "%d/%d" % tuple(r["by_kind"].get(k, [0, 0])))
    for kind in ("notes", "noterequests", "cases"):
        if kind not in kinds: continue
        if kind == "notes":
            row(kind, "requests found", lambda r: "%d/%d" % (r["found"], r["requests"]))
            row(kind, "extra predictions", lambda r: str(r["extra_predictions"]))
        row(kind, "treatment id right", lambda r: "%d" % r["treatment_right"])
        row(kind, "balanced accuracy", lambda r: fmt(r["balanced_accuracy"]))
        row(kind, "accuracy", lambda r: fmt(r["accuracy"]))
        row(kind, "Upheld recall", lambda r: "%d/%d" % tuple(r["recall"]["Upheld"]))
        row(kind, "Overturned recall", lambda r: "%d/%d" % tuple(r["recall"]["Overturned"]))
        row(kind, "Brier score", lambda r: fmt(r["brier"]))
    for s in splits:
        for kind in ("notes", "noterequests", "cases"):
            r = results[s].get(kind)
            if r and r["reliability"]:
                print("\nreliability, %s %s (bin of P(Overturned): n, mean predicted, observed Overturned)" % (s, kind))
                for lo, hi, n, p, y in r["reliability"]:
                    print("  %.1f-%.1f: %3d  %.2f  %.2f" % (lo, hi, n, p, y))
    if a.families:
        for s in splits:
            for kind in ("notes", "noterequests", "cases"):
                r = results[s].get(kind)
                if r:
                    print("\n%s %s by family (right/total):" % (s, kind))
                    for f, (ok, n) in r["family_counts"].items():
                        print("  %-34s %d/%d" % (f, ok, n))
            r = results[s].get("sentences")
            if r:
                print("\n%s sentences by fact (right/total):" % s)
                for f, (ok, n) in r["by_fact"].items():
                    print("  %-40s %d/%d" % (f, ok, n))
    if a.misses:
        for kind in kinds:
            r = results["dev"].get(kind)
            if r and r.get("misses"):
                print("\n== dev %s misses (%d)" % (kind, len(r["misses"])))
                for m in r["misses"]:
                    print("  " + " | ".join(str(x) for x in m))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
