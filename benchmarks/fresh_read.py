"""A fresh read: every finding on 30 corpus postings outside the labelled set, judged by hand.

Why: the labelled set measures what was labelled; a user meets every finding. This picks
30 postings the labellers never saw (by a hash with its own salt, after leaving out the
first ten of each source in the labellers' order, so it does not depend on how many
labels have been imported), lints them, and either

  * prints each finding with an excerpt read from the corpus now, for a person to judge
    (to the terminal only: corpus text never goes into a file of the project), or
  * with judgements recorded (`benchmarks/fresh_read/judgements.jsonl`: path, sha256,
    rule, offsets, verdict "right" or "wrong", and a reason written in our own words),
    reports the share of wrong findings, the wrong ones, and findings not yet judged
    (a change to the engine that adds findings shows up there). A finding with no span
    is told apart by its message, which the judgement then records.

Later samples (`--sample 2`, `--sample 3`; judgements in `fresh_read/judgements-N.jsonl`)
are 30 more postings each, picked the same way with another salt, none of them in an
earlier one. Once a sample's wrong findings have been worked on, its figure no longer
says how the engine does on postings it was not tuned on; the next sample does.

Usage: .venv/bin/python benchmarks/fresh_read.py [--sample 1|2|3|4] [--list] [--show] [--corpus DIR] [--json]
  --list   the 30 paths
  --show   every finding with its excerpt, numbered, for judging
  --todo   each finding not yet judged, as a JSON line to fill in (no corpus text)
  default  the figures against the recorded judgements
Skips (exit 0) without the corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from label_store import ROOT, default_corpus  # noqa: E402

JUDGEMENTS = ROOT / "benchmarks" / "fresh_read" / "judgements.jsonl"
# Three from each of the six largest English sources, two from the six smaller ones: 30.
PICKS = {
    "glassdoor-ds-2020": 3, "glassdoor-ds-2021": 3, "ethicaltech-indeed-2020": 3, "ethicaltech-indeed-tjfg-2020": 3,
    "hn-whoishiring-2015-07": 3, "18f-join-tts": 3, "18f-joining-18f": 2, "digitalservice-network-gov-jds": 2,
    "pythonjobs-jobs": 2, "techcorridor-jobs": 2, "hn-whoishiring-2012-12": 2, "emscad-sample-50": 2,
}
LABELLERS_TOOK = 10  # the labellers take at most this many per source, in their own order
EXCERPT = 90


def postings_of(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if not p.name.startswith("_") and p.suffix != ".json"]


def _order(names: list[str], salt: str = "") -> list[str]:
    return sorted(names, key=lambda s: hashlib.sha1((salt + s).encode()).hexdigest())


SALTS = {1: "fresh-read:", 2: "fresh-read-2:", 3: "fresh-read-3:", 4: "fresh-read-4:",
         5: "fresh-read-5:", 6: "fresh-read-6:"}


def judgements_file(sample: int) -> Path:
    return JUDGEMENTS if sample == 1 else JUDGEMENTS.with_name(f"judgements-{sample}.jsonl")


def chosen(corpus: Path, sample: int = 1) -> list[str]:
    """The 30 corpus paths ("postings/SOURCE/FILE") of a sample, the same on every run;
    a later sample holds none of an earlier one's."""
    earlier = {p for n in range(1, sample) for p in chosen(corpus, n)}
    out = []
    for source, n in PICKS.items():
        folder = corpus / "postings" / source
        if not folder.is_dir():
            continue
        names = postings_of(folder)
        labelled = set(_order(names)[:LABELLERS_TOOK])
        fresh = [name for name in _order(names, SALTS[sample]) if name not in labelled
                 and f"postings/{source}/{name}" not in earlier]
        out += [f"postings/{source}/{name}" for name in fresh[:n]]
    return out


def findings(corpus: Path, paths: list[str]):
    """(path, sha256, text of the posting, finding) for every finding, in order."""
    from assistant.api import lint_file

    for rel in paths:
        file = corpus / rel
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        report = lint_file(str(file))
        for f in report.findings:
            yield rel, digest, report.posting.text, f


def _excerpt(text: str, f) -> str:
    if f.start is None:
        return "(whole posting)"
    lo = max(0, f.start - 30)
    hi = min(len(text), f.end + 30)
    s = text[lo:hi].replace("\n", " ⏎ ")
    return ("…" if lo else "") + s[:EXCERPT * 2] + ("…" if hi < len(text) else "")


def key(rel: str, rule: str, start, end, message: str | None = None) -> tuple:
    """A finding's identity across runs: where it stands, or, for a finding about the
    whole posting (no span), what it says — one rule can make several of those."""
    return (rel, rule, start, end, message if start is None else None)


def load_judgements(file: Path = JUDGEMENTS) -> dict[tuple, dict]:
    if not file.is_file():
        return {}
    out = {}
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            j = json.loads(line)
            out[key(j["path"], j["rule"], j.get("start"), j.get("end"), j.get("message"))] = j
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sample", type=int, choices=sorted(SALTS), default=1)
    parser.add_argument("--todo", action="store_true")
    args = parser.parse_args(argv)
    corpus = args.corpus or default_corpus()
    if not (corpus / "postings").is_dir():
        print(f"fresh_read: no corpus at {corpus}; skipped")
        return 0
    paths = chosen(corpus, args.sample)
    if args.list:
        print("\n".join(paths))
        return 0
    found = list(findings(corpus, paths))
    if args.show:
        for n, (rel, _, text, f) in enumerate(found, 1):
            where = "" if f.start is None else f" [{f.start}:{f.end}]"
            print(f"{n:3} {rel}{where} {f.severity} {f.rule}\n    {f.message}\n    » {_excerpt(text, f)}")
        print(f"{len(found)} findings on {len(paths)} postings")
        return 0
    judged = load_judgements(judgements_file(args.sample))
    if args.todo:
        for rel, digest, _, f in found:
            if judged.get(key(rel, f.rule, f.start, f.end, f.message)) is None:
                line = {"path": rel, "sha256": digest, "rule": f.rule, "start": f.start, "end": f.end}
                if f.start is None:
                    line["message"] = f.message
                print(json.dumps(line | {"verdict": "", "reason": ""}, ensure_ascii=False))
        return 0
    wrong, unjudged, stale = [], [], 0
    for rel, digest, _, f in found:
        j = judged.get(key(rel, f.rule, f.start, f.end, f.message))
        if j is None:
            unjudged.append((rel, f))
        elif j.get("sha256") != digest:
            stale += 1
        elif j["verdict"] == "wrong":
            wrong.append((rel, f, j.get("reason", "")))
    n_judged = len(found) - len(unjudged) - stale
    share = len(wrong) / n_judged if n_judged else 0.0
    if args.json:
        print(json.dumps({"postings": len(paths), "findings": len(found), "judged": n_judged, "wrong": len(wrong),
                          "wrong_share": round(share, 3), "unjudged": len(unjudged)}))
        return 0
    print(f"{len(paths)} postings, {len(found)} findings, {n_judged} judged, {len(wrong)} wrong ({share:.1%}; target ≤ 5%)")
    for rel, f, reason in wrong:
        print(f"  wrong: {rel} {f.rule} — {reason}")
    for rel, f in unjudged:
        print(f"  not judged: {rel} [{f.start}:{f.end}] {f.rule}")
    if stale:
        print(f"  {stale} judgements are for a corpus file that has changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
