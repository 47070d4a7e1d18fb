#!/usr/bin/env python3
"""Scores `imr-check parse` (and, with --audit, `imr-check audit`) on a folder of letters with
expected fields, as outside checks do: through the command line.

    scripts/letters-eval.py DIR                  # DIR holds letters.jsonl and the letters (in DIR/letters/ or DIR)
    scripts/letters-eval.py DIR --misses         # every field scored wrong (never on a held-back folder)
    scripts/letters-eval.py DEV HELDBACK         # both, side by side (aggregates only for the second)
    scripts/letters-eval.py DIR --audit          # also the treatment id and the recorded decision per item
    scripts/letters-eval.py DIR --bin .build/debug/imr-check --json out.json

letters.jsonl has one object per letter: {"file", "family", "reviewer": {"specialty"}, "patient":
{"age", "sex", "injury_date"}, "items": [{"title", "decision", "treatment", "imr_guideline":
{"sources", "pages"}}], "case_summary_starts"}. Fields scored, each right or wrong:

  letter  reviewer specialty (case and white space folded), patient age / sex / injury date (only the
          keys the letter's expectation has), case summary start (the summary, white space folded and
          case ignored, starts with the expected words), item count;
  item    title (an expected item is matched to the parsed item whose title shares most of its
          words; right when 70% of the expected title's words are in the parsed one and half of the
          parsed one's words in the expected), decision, reviewer guideline sources (as a set;
          "Non-MTUS" is a marker, not a body, and is left out) and pages (expected null = none).
An expected item with no parsed item to match counts every one of its fields wrong.
With --audit: per item, the treatment id and the recorded decision from `imr-check audit`.
"""
import argparse, json, os, re, subprocess, sys, collections

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[a-z0-9]+")
IGNORED = {"the", "a", "an", "of", "for", "and", "to", "in", "on", "at", "with", "per", "request", "requested", "x", "or", "by"}


def default_bin():
    for p in (".build/release/imr-check", ".build/debug/imr-check"):
        if os.path.exists(os.path.join(ROOT, p)):
            return os.path.join(ROOT, p)
    sys.exit("no imr-check binary; build it or pass --bin")


def words(s):
    return [w for w in WORD.findall((s or "").lower()) if w not in IGNORED]


def fold(s):
    return " ".join((s or "").lower().split())


def title_overlap(want, got):
    w, g = words(want), words(got)
    if not w or not g:
        return 0.0, 0.0
    recall = sum(1 for x in w if x in g) / len(w)
    precision = sum(1 for x in g if x in w) / len(g)
    return recall, precision


def title_right(want, got):
    r, p = title_overlap(want, got)
    return r >= 0.7 and p >= 0.5


def sources_right(want, got):
    want = set(want or []) - {"Non-MTUS"}
    got = set(got or []) - {"Non-MTUS"}
    return want == got


def pages_right(want, got):
    return sorted(want or []) == sorted(got or [])


def load_expected(folder):
    path = os.path.join(folder, "letters.jsonl")
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def letters_dir(folder):
    sub = os.path.join(folder, "letters")
    return sub if os.path.isdir(sub) else folder


def run_jsonl(binary, args):
    p = subprocess.run([binary] + args, capture_output=True, text=True, cwd=ROOT)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({p.returncode}): {p.stderr[:400]}")
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()]


def match_items(expected, parsed):
    """Expected item index -> parsed item index, greedily by title overlap (then by order)."""
    pairs = []
    for i, e in enumerate(expected):
        for j, p in enumerate(parsed):
            r, pr = title_overlap(e.get("title"), p.get("title"))
            pairs.append((r + pr, -abs(i - j), i, j))
    pairs.sort(reverse=True)
    used_e, used_p, out = set(), set(), {}
    for score, _, i, j in pairs:
        if i in used_e or j in used_p or score <= 0:
            continue
        out[i] = j
        used_e.add(i)
        used_p.add(j)
    # Items with no shared word: by position among those left.
    left_p = [j for j in range(len(parsed)) if j not in used_p]
    for i in range(len(expected)):
        if i not in out and left_p:
            out[i] = left_p.pop(0)
    return out


def score(folder, binary, audit, misses_out):
    expected = load_expected(folder)
    src = letters_dir(folder)
    parsed = {os.path.basename(d["source"]): d for d in run_jsonl(binary, ["parse", src, "--format", "jsonl"])}
    audited = collections.defaultdict(list)
    if audit:
        for r in run_jsonl(binary, ["audit", src, "--format", "jsonl"]):
            audited[os.path.basename(r["source"])].append(r)
    fields = collections.Counter()
    right = collections.Counter()
    by_family = collections.defaultdict(lambda: [0, 0])

    def mark(name, ok, family, file, detail):
        fields[name] += 1
        by_family[family][1] += 1
        if ok:
            right[name] += 1
            by_family[family][0] += 1
        elif misses_out is not None:
            misses_out.append(f"{file} [{family}] {name}: {detail}")

    for exp in expected:
        file, fam = exp["file"], exp.get("family", "?")
        got = parsed.get(file, {})
        if "specialty" in exp.get("reviewer", {}):
            want = exp["reviewer"]["specialty"]
            have = (got.get("reviewer") or {}).get("specialty")
            mark("reviewer.specialty", fold(want) == fold(have), fam, file, f"want {want!r}, got {have!r}")
        for key, want in exp.get("patient", {}).items():
            have = (got.get("patient") or {}).get(key)
            mark(f"patient.{key}", want == have, fam, file, f"want {want!r}, got {have!r}")
        if "case_summary_starts" in exp:
            want = exp["case_summary_starts"]
            have = got.get("case_summary")
            ok = want is None and have is None or (want is not None and fold(have).startswith(fold(want)))
            mark("case_summary", ok, fam, file, f"want start {want!r}, got {(have or '')[:80]!r}")
        items = got.get("items") or []
        want_items = exp.get("items", [])
        mark("item_count", len(items) == len(want_items), fam, file, f"want {len(want_items)}, got {len(items)}: {[i.get('title') for i in items]}")
        pairing = match_items(want_items, items)
        recs = audited.get(file, [])
        for i, w in enumerate(want_items):
            p = items[pairing[i]] if i in pairing else None
            label = f"item {i + 1} ({w.get('title')!r})"
            g = (p or {}).get("imr_guideline") or {}
            mark("item.title", p is not None and title_right(w.get("title"), p.get("title")), fam, file, f"{label}: got {(p or {}).get('title')!r}")
            mark("item.decision", p is not None and p.get("decision") == w.get("decision"), fam, file,
                 f"{label}: want {w.get('decision')}, got {(p or {}).get('decision')}")
            wg = w.get("imr_guideline") or {}
            if "sources" in wg:
                mark("item.sources", p is not None and sources_right(wg.get("sources"), g.get("sources")), fam, file,
                     f"{label}: want {wg.get('sources')}, got {g.get('sources')}")
            if "pages" in wg:
                mark("item.pages", p is not None and pages_right(wg.get("pages"), g.get("pages")), fam, file,
                     f"{label}: want {wg.get('pages')}, got {g.get('pages')}")
            if audit:
                r = next((r for r in recs if title_right(w.get("title"), r.get("request"))), None)
                if r is None and i in pairing and pairing[i] < len(recs):
                    r = recs[pairing[i]]
                if "treatment" in w:
                    mark("audit.treatment", r is not None and r.get("treatment") == w["treatment"], fam, file,
                         f"{label}: want {w['treatment']}, got {(r or {}).get('treatment')}")
                mark("audit.recorded", r is not None and r.get("recorded") == w.get("decision"), fam, file,
                     f"{label}: want recorded {w.get('decision')}, got {(r or {}).get('recorded')}")
    return {
        "letters": len(expected),
        "items": sum(len(e.get("items", [])) for e in expected),
        "fields": sum(v for k, v in fields.items() if not k.startswith("audit.")),
        "right": sum(v for k, v in right.items() if not k.startswith("audit.")),
        "per_field": {k: (right[k], fields[k]) for k in sorted(fields)},
        "per_family": {k: tuple(v) for k, v in sorted(by_family.items())},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", help="folders with letters.jsonl (the first may show misses; the others only aggregates)")
    ap.add_argument("--bin", default=None)
    ap.add_argument("--misses", action="store_true", help="list the misses of the first folder")
    ap.add_argument("--audit", action="store_true", help="also score the treatment id and recorded decision from `imr-check audit`")
    ap.add_argument("--json", default=None, help="write the figures to this file")
    a = ap.parse_args()
    binary = a.bin or default_bin()
    if a.misses and "heldback" in os.path.abspath(a.folders[0]):
        sys.exit("--misses is for development folders only: held-back misses are never read")
    results = []
    for n, folder in enumerate(a.folders):
        misses = [] if (a.misses and n == 0) else None
        results.append((folder, score(folder, binary, a.audit, misses)))
        if misses:
            print(f"## misses in {folder}")
            for m in misses:
                print("-", m)
            print()
    names = sorted({k for _, r in results for k in r["per_field"]})
    print("| field | " + " | ".join(os.path.basename(os.path.dirname(f.rstrip('/'))) + "/" + os.path.basename(f.rstrip('/')) for f, _ in results) + " |")
    print("|---|" + "---:|" * len(results))
    for k in names:
        cells = []
        for _, r in results:
            got, total = r["per_field"].get(k, (0, 0))
            cells.append(f"{got}/{total}" + (f" ({got / total:.2f})" if total else ""))
        print(f"| {k} | " + " | ".join(cells) + " |")
    cells = [f"**{r['right']}/{r['fields']} ({r['right'] / max(1, r['fields']):.3f})**" for _, r in results]
    print("| **all parse fields** | " + " | ".join(cells) + " |")
    print("| letters / items | " + " | ".join(f"{r['letters']} / {r['items']}" for _, r in results) + " |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({folder: r for folder, r in results}, f, indent=2)


if __name__ == "__main__":
    main()
