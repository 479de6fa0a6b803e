#!/usr/bin/env python3
"""`make eval`: scores the policy checker on the GDPR-Transparency-200 dev split.

Runs `clausewright-cli check FILE --jurisdiction eu --json` on each policy and compares the ids
reported "present" with the annotated ones (labels.json). Prints, per id, precision, recall and
F1 of "present", their macro average, and precision and recall of "missing" (a scored id the
checker does not report present, against one the annotators did not find), over all (policy, id)
pairs. The policies are split by sorted name into a tuning part (2 of every 3) and a held-out
part (every third, from the third): the rules were written looking only at the tuning part.

Usage: eval-checker.py CLI DATASET_DIR [--split all|tune|held-out] [--errors ID]
"""
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def run(cli, path):
    out = subprocess.run([cli, "check", path, "--jurisdiction", "eu", "--json", "--today", "2026-12-01"],
                         capture_output=True, text=True)
    if out.returncode not in (0, 3):
        sys.exit(f"check failed on {path}: {out.stderr.strip()}")
    report = json.loads(out.stdout)
    return {r["id"]: r for r in report["requirements"]}


def score(names, gold, pred, ids):
    rows = []
    for i in ids:
        tp = sum(1 for n in names if i in pred[n] and i in gold[n])
        fp = sum(1 for n in names if i in pred[n] and i not in gold[n])
        fn = sum(1 for n in names if i not in pred[n] and i in gold[n])
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((i, tp + fn, p, r, f))
    mtp = sum(1 for n in names for i in ids if i not in pred[n] and i not in gold[n])
    mfp = sum(1 for n in names for i in ids if i not in pred[n] and i in gold[n])
    mfn = sum(1 for n in names for i in ids if i in pred[n] and i not in gold[n])
    mp = mtp / (mtp + mfp) if mtp + mfp else 1.0
    mr = mtp / (mtp + mfn) if mtp + mfn else 1.0
    return rows, mp, mr


def table(title, names, gold, pred, ids):
    rows, mp, mr = score(names, gold, pred, ids)
    print(f"\n{title} ({len(names)} policies)\n")
    print("| id | annotated | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|")
    for i, n, p, r, f in rows:
        print(f"| {i} | {n} | {p:.2f} | {r:.2f} | {f:.2f} |")
    macro = [sum(x[k] for x in rows) / len(rows) for k in (2, 3, 4)]
    print(f"| **macro average** | | {macro[0]:.2f} | {macro[1]:.2f} | **{macro[2]:.2f}** |")
    print(f"\n\"missing\": precision {mp:.2f}, recall {mr:.2f}")


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    cli, data = args[0], args[1]
    split = args[args.index("--split") + 1] if "--split" in args else None
    errors = args[args.index("--errors") + 1] if "--errors" in args else None
    if not os.path.isdir(data):
        print(f"skipped: {data} is not there")
        return
    labels = json.load(open(os.path.join(data, "labels.json")))
    ids = labels["ids"]
    names = sorted(labels["present"])
    gold = {n: set(labels["present"][n]) for n in names}
    with ThreadPoolExecutor(max_workers=2) as ex:
        reports = dict(zip(names, ex.map(lambda n: run(cli, os.path.join(data, n + ".md")), names)))
    pred = {n: {i for i, r in reports[n].items() if r["status"] == "present"} for n in names}
    tune = [n for k, n in enumerate(names) if k % 3 != 2]
    held = [n for k, n in enumerate(names) if k % 3 == 2]
    if errors:
        for n in (tune if split != "held-out" else held):
            g, p = errors in gold[n], errors in pred[n]
            if g != p:
                ev = reports[n].get(errors, {}).get("evidence", [])
                print(f"{'FP' if p else 'FN'} {n}: {[(e['section'], e['quote'][:160]) for e in ev]}")
        return
    if split in (None, "all"):
        table("All 63 dev policies", names, gold, pred, ids)
    if split in (None, "tune"):
        table("Tuning part (2 of every 3 by name)", tune, gold, pred, ids)
    if split in (None, "held-out"):
        table("Held-out part (every third by name; not looked at while writing rules)", held, gold, pred, ids)


if __name__ == "__main__":
    main()
