"""How the corpus's scores spread: stubs against full postings, per category.

Why: a score only means something if it separates postings a reader would call
different. The check of the scale is therefore not one posting but the whole real
corpus: a stub (short, no pay, no requirements) must sit well below a full posting,
and the quartiles must be far enough apart for a user to read a difference into them.
Only figures are printed (scores, word counts, paths of the extremes), never corpus text.

Groups:
  stub     under STUB_WORDS words, no pay found and no requirements counted
  short    under STUB_WORDS words, but with pay or requirements
  full     everything else
  partial  a language without a rubric pack (`scores.partial`): only the language-neutral
           rules ran, and a word count means little in Chinese, so these are kept apart

Usage: .venv/bin/python benchmarks/score_spread.py [--corpus DIR] [--json OUT] [--compare OLD.json]
`--compare` prints the figures of an earlier `--json` run beside this one's (the
before/after of a change to the scale). Skips cleanly (exit 0) without the corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
from pathlib import Path

from assistant.api import make_engine
from assistant.document.loaders import LoadError, load_path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
STUB_WORDS = 120  # issue 15: "a stub (under ~120 words, no pay, no requirements)"
AS_OF = dt.date(2026, 6, 1)  # pinned, so the laws in force do not move the figures from day to day
KEYS = ("overall", "inclusivity", "clarity", "completeness")
GROUPS = ("all", "stub", "short", "full", "partial")


def group_of(report) -> str:
    if getattr(report, "partial", False):
        return "partial"
    m = report.metrics
    short = (m.get("words") or 0) < STUB_WORDS
    if not short:
        return "full"
    bare = report.posting.facts.salary is None and not m.get("requirements")
    return "stub" if bare else "short"


def quartiles(values: list[int]) -> dict:
    if not values:
        return {"n": 0}
    v = sorted(values)
    q = statistics.quantiles(v, n=4, method="inclusive") if len(v) > 1 else [v[0]] * 3
    return {"n": len(v), "min": v[0], "q1": q[0], "median": q[1], "q3": q[2], "max": v[-1]}


def collect(corpus: Path) -> dict:
    paths = [ln.strip() for ln in (corpus / "POSTINGS.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    engine = make_engine(as_of=AS_OF)
    rows = []
    for rel in paths:
        try:
            report = engine.lint(load_path(corpus / rel))
        except LoadError:
            continue
        rows.append({
            "path": rel,
            "group": group_of(report),
            "words": report.metrics.get("words") or 0,
            "errors": sum(f.severity == "error" for f in report.findings),
            **{k: report.scores[k] for k in KEYS},
        })
    figures: dict = {}
    for group in GROUPS:
        picked = [r for r in rows if group == "all" or r["group"] == group]
        figures[group] = {k: quartiles([r[k] for r in picked]) for k in KEYS}
    overall = sorted(rows, key=lambda r: r["overall"])
    with_errors = [r for r in rows if r["errors"]]
    stubs = [r["overall"] for r in rows if r["group"] == "stub"]
    return {
        "commit": _commit(),
        "date": dt.date.today().isoformat(),
        "postings": len(rows),
        "figures": figures,
        "with_errors": {"n": len(with_errors), "max_overall": max((r["overall"] for r in with_errors), default=None)},
        "stubs_at_most_50": round(sum(v <= 50 for v in stubs) / len(stubs), 3) if stubs else None,
        "histogram": _histogram([r["overall"] for r in rows]),
        "lowest": [(r["path"], r["overall"]) for r in overall[:5]],
        "highest": [(r["path"], r["overall"]) for r in overall[-5:]],
    }


def _histogram(values: list[int]) -> dict[str, int]:
    """Counts per ten points: the shape the quartiles do not show."""
    bins = {f"{lo}-{lo + 9}": 0 for lo in range(0, 100, 10)}
    for v in values:
        lo = min(v // 10 * 10, 90)
        bins[f"{lo}-{lo + 9}"] += 1
    return bins


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _cell(q: dict, key: str) -> str:
    return "-" if q.get("n", 0) == 0 else f"{q[key]:g}"


def print_figures(doc: dict, old: dict | None = None) -> None:
    print(f"postings: {doc['postings']}   commit: {doc['commit']}   as of {AS_OF}" + (f"   (before: {old['commit']})" if old else ""))
    head = f"{'group':<6} {'score':<13} {'n':>5} {'min':>5} {'q1':>6} {'median':>7} {'q3':>6} {'max':>5}"
    print(head + "\n" + "-" * len(head))
    for group in GROUPS:
        if group not in doc["figures"] or (old and group not in old["figures"]):
            continue
        for key in KEYS:
            q = doc["figures"][group][key]
            line = f"{group:<6} {key:<13} {q.get('n', 0):>5} " + " ".join(
                f"{_cell(q, k):>{w}}" for k, w in (("min", 5), ("q1", 6), ("median", 7), ("q3", 6), ("max", 5))
            )
            if old:
                o = old["figures"][group][key]
                line += f"   before: median {_cell(o, 'median')}, q1–q3 {_cell(o, 'q1')}–{_cell(o, 'q3')}, {_cell(o, 'min')}–{_cell(o, 'max')}"
            print(line)
    w = doc["with_errors"]
    print(f"\npostings with an error: {w['n']}, highest overall among them: {w['max_overall']}")
    if doc.get("stubs_at_most_50") is not None:
        print(f"stubs scoring 50 or less: {doc['stubs_at_most_50']:.1%}")
    print("overall histogram: " + "  ".join(f"{k}:{v}" for k, v in doc["histogram"].items()))
    print("lowest:  " + ", ".join(f"{p} {s}" for p, s in doc["lowest"]))
    print("highest: " + ", ".join(f"{p} {s}" for p, s in doc["highest"]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder holding POSTINGS.txt")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures to this JSON file")
    ap.add_argument("--compare", type=Path, metavar="OLD", help="an earlier --json output to print beside these figures")
    args = ap.parse_args()
    if not (args.corpus / "POSTINGS.txt").is_file():
        print(f"corpus not found ({args.corpus}): nothing to measure")
        return 0
    doc = collect(args.corpus)
    old = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    print_figures(doc, old)
    if args.json:
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
