#!/usr/bin/env python3
"""Calibrates the decision model's weights (Rules/decision.rules) on real and blind outcomes.

    scripts/calibrate.py                 # fit on the development material, print the weights and the fit
    scripts/calibrate.py --write         # also rewrite Rules/decision.rules
    scripts/calibrate.py --bin .build/release/imr-check

The model (docs/prediction.md): the log-odds that a request is certified is a base plus a weight for
what stands against it: a decisive criterion unmet (once), decisive criteria undocumented, supporting
criteria unmet and undocumented (by count, capped at three). It is fitted by L2-regularised logistic regression on every determination we may use:
  - the 13 items of the five real letters in ../shared/seeds (recorded outcomes, through `audit`);
  - the development part of the blind corpus: notes (requests found in the text) and case summaries,
    each labelled by a writer who reasoned the outcome from the guideline before anything was run.
The held-back part of the blind corpus is never read here. Published IMR decision summaries are not used.
Prints balanced accuracy, Brier score and a reliability table of the fitted model on what it was fitted
on; the held-back figures come from scripts/blind-eval.py.
"""
import argparse, json, os, subprocess, sys, glob
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = [("decisive", "unmet"), ("decisive", "undocumented"), ("supporting", "unmet"), ("supporting", "undocumented")]
# As DecisionPolicy.probability counts them: a decisive criterion unmet once however many; the
# others by count, capped at three.
CAPS = [1, 3, 3, 3]


def features(obj):
    x = np.zeros(len(KEYS))
    for c in obj.get("criteria", []):
        k = (c.get("role"), c.get("status"))
        if k in KEYS:
            x[KEYS.index(k)] += 1
    return np.minimum(x, CAPS)


def run(binary, args):
    p = subprocess.run([binary] + args, capture_output=True, text=True, cwd=ROOT)
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()]


SKIP = set()


def material(binary):
    """(features, outcome is Overturned, predicted, label) for every determination we may use."""
    rows = []
    seeds = os.path.join(ROOT, "..", "shared", "seeds")
    if os.path.isdir(seeds):
        for o in run(binary, ["audit", seeds, "--format", "jsonl"]):
            if o.get("recorded") and o.get("predicted"):
                rows.append((features(o), o["recorded"] == "Overturned", o["predicted"], "seed"))
    for jl in sorted(glob.glob(os.path.join(ROOT, "Tests", "Blind", "dev", "*", "cases.jsonl"))):
        d = os.path.dirname(jl)
        if os.path.basename(d) in SKIP:
            continue
        for line in open(jl):
            case = json.loads(line)
            preds = run(binary, ["predict", os.path.join(d, "cases", case["file"]), "--request", case["request"], "--format", "jsonl"])
            if preds and preds[0].get("predicted"):
                rows.append((features(preds[0]), case["expected"] == "Overturned", preds[0]["predicted"], "case"))
    for jl in sorted(glob.glob(os.path.join(ROOT, "Tests", "Blind", "dev", "*", "notes.jsonl"))):
        d = os.path.dirname(jl)
        if os.path.basename(d) in SKIP:
            continue
        for line in open(jl):
            note = json.loads(line)
            preds = run(binary, ["predict", os.path.join(d, "notes", note["file"]), "--format", "jsonl"])
            used = set()
            for req in note["requests"]:
                for i, p in enumerate(preds):
                    if i not in used and p.get("treatment") == req["treatment"] and p.get("predicted"):
                        used.add(i)
                        rows.append((features(p), req["expected"] == "Overturned", p["predicted"], "note"))
                        break
    return rows


def fit(X, y, l2=1.0, iterations=5000, rate=0.05):
    """Logistic regression with an intercept, by projected gradient descent (L2 on the weights, not the
    base). Every weight counts something that stands against the request, so it is kept at or below
    zero: a criterion left undocumented never makes certification likelier, whatever the sample says."""
    n, k = X.shape
    w = np.zeros(k); b = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        gw = X.T @ (p - y) / n + l2 * w / n
        gb = np.mean(p - y)
        w -= rate * gw; b -= rate * gb
        w = np.minimum(w, 0.0)
    return b, w


L2_GRID = [0.3, 1, 3, 10, 30, 100]


def choose_l2(X, y, folds=10):
    """The L2 strength whose fit predicts the left-out tenth best (Brier score), over a fixed split of
    the development material: a weight that only the sample supports is shrunk towards zero."""
    order = np.random.default_rng(7).permutation(len(y))
    scores = []
    for l2 in L2_GRID:
        sq = 0.0
        for f in range(folds):
            test = order[f::folds]; train = np.setdiff1d(order, test)
            b, w = fit(X[train], y[train], l2, iterations=2000)
            p = 1 / (1 + np.exp(-(X[test] @ w + b)))
            sq += float(np.sum((p - y[test]) ** 2))
        scores.append(sq / len(y))
        print("  cross-validated Brier with L2 %g: %.4f" % (l2, scores[-1]))
    return L2_GRID[int(np.argmin(scores))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug", "imr-check"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--l2", type=float, default=1.0, help="the L2 strength (default 1)")
    ap.add_argument("--cv", action="store_true", help="choose the L2 strength by 10-fold cross-validation instead")
    ap.add_argument("--skip", default="", help="writers whose development part is not fitted on (a round kept unread), comma-separated")
    a = ap.parse_args()
    SKIP.update(w.strip() for w in a.skip.split(",") if w.strip())
    rows = material(a.bin)
    X = np.array([r[0] for r in rows]); y = np.array([1.0 if r[1] else 0.0 for r in rows])
    l2 = choose_l2(X, y) if a.cv else a.l2
    b, w = fit(X, y, l2)
    print("L2 strength %g%s" % (l2, "" if not a.cv else " (10-fold cross-validated Brier, development material only)"))
    p = 1 / (1 + np.exp(-(X @ w + b)))
    print("fitted on %d determinations (%s)" % (len(rows), ", ".join("%d %s" % (sum(1 for r in rows if r[3] == k), k) for k in ("seed", "case", "note"))))
    print("base = %.2f" % b)
    for (r, s), v in zip(KEYS, w):
        print("%s_%s = %.2f" % (r, s, v))
    # The predictions the tool made (decisive gates included) against the outcomes, and the calibration.
    up = [r for r in rows if not r[1]]; ov = [r for r in rows if r[1]]
    rec_up = sum(1 for r in up if r[2] == "Upheld") / max(1, len(up))
    rec_ov = sum(1 for r in ov if r[2] == "Overturned") / max(1, len(ov))
    print("balanced accuracy %.3f (Upheld recall %.3f, Overturned recall %.3f)" % ((rec_up + rec_ov) / 2, rec_up, rec_ov))
    print("Brier score of the fitted probability %.3f" % np.mean((p - y) ** 2))
    for lo in np.arange(0, 1, 0.2):
        m = (p >= lo) & (p < lo + 0.2 if lo < 0.8 else p <= 1.0)
        if m.any():
            print("  P(certified) %.1f-%.1f: n=%3d mean %.2f observed %.2f" % (lo, lo + 0.2, m.sum(), p[m].mean(), y[m].mean()))
    if a.write:
        path = os.path.join(ROOT, "Rules", "decision.rules")
        lines = ["# The decision model's weights (docs/prediction.md): the log-odds that a request is certified is",
                 "# `base` plus the weight of what stands against it: a decisive criterion unmet (once), and by count",
                 "# (capped at three) decisive criteria undocumented, supporting criteria unmet and undocumented.",
                 "# Written by scripts/calibrate.py --write; re-run it after changing roles or facts.",
                 "",
                 'confidence "calibrated by scripts/calibrate.py on %d determinations: the seed letters and the blind development corpus"' % len(rows),
                 "  base = %.2f" % b]
        lines += ["  %s_%s = %.2f" % (r, s, v) for (r, s), v in zip(KEYS, w)]
        open(path, "w").write("\n".join(lines) + "\n")
        print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
