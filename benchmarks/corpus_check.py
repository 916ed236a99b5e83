"""Lint the whole real-postings corpus through the Python API and check the results.

Why: unit tests use postings the project wrote; the corpus (4,119 postings from
15 real sources, in English, Chinese and Swedish, as Markdown, HTML and flattened
scrapes) is where crashes, wrong spans and false positives actually show up. This
script is the robustness check, and its `--dump` is what a human reads to find
false positives. It never copies corpus text into the project.

Checks, per posting:
  * exactly one report (or a `LoadError`, counted and listed);
  * no exception (each crash is counted and printed: path, innermost frame, error);
  * every finding with a span: 0 <= start <= end <= len(text), and the JSON excerpt
    (`report.json_v1.finding_dict`) equals `text[start:end]`, with the same line/col;
  * the reported line:col points at the excerpt: for `.txt`/`.md` in the *source
    file* (read and split into lines independently: \\n, \\r\\n and lone \\r, as an
    editor does), for `.html` in the extracted text, which is what HTML positions
    refer to. The source from that point, run through `normalise()` (NFC, CRLF,
    odd spaces, zero-width characters), must start with the excerpt's first line
    (up to 20 characters); where a Liquid or HTML tag sits in that stretch
    only the first character is compared, as the tag is cut from the text.

Usage: .venv/bin/python benchmarks/corpus_check.py [--sample N] [--dump FILE] [--corpus DIR]
Exits 1 when a posting crashed or a span did not match.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
import time
import traceback
from pathlib import Path

from assistant.api import make_engine
from assistant.document.loaders import LoadError, load_path, read_source
from assistant.document.normalise import normalise
from assistant.report.json_v1 import finding_dict

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"  # ../shared beside the clone
LINE_BREAK = re.compile(r"\r\n|\r|\n")
HEAD = 20  # excerpt characters compared at the reported line:col


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def check_position(path: Path, report, finding, sources: dict) -> str | None:
    """None if line:col points at the excerpt, else a one-line description."""
    posting = report.posting
    excerpt = posting.text[finding.start : finding.end]
    if not excerpt:
        return None
    if posting.location_basis == "source":
        if path not in sources:
            sources.clear()  # one posting at a time
            src = read_source(path)
            sources[path] = (src, line_starts(src))
        src, starts = sources[path]
    else:
        src, starts = posting.text, line_starts(posting.text)
    line, col = posting.source_map.line_col(finding.start)
    if not 1 <= line <= len(starts):
        return f"line {line} beyond the {len(starts)} lines of the file"
    at = starts[line - 1] + col - 1
    head = excerpt.split("\n", 1)[0][:HEAD] or excerpt[:1]
    stretch = src[at : at + 4 * len(head) + 16]
    if "{%" in stretch or "{{" in stretch or "<" in stretch:
        head = head[:1]  # Liquid and inline HTML tags are cut from the text
    got, _ = normalise(stretch)
    if got.startswith(head):
        return None
    return f"{line}:{col} has {got[: len(head) + 10]!r}, excerpt starts {head!r}"


def source_of(rel: str) -> str:
    parts = Path(rel).parts
    return parts[1] if len(parts) > 2 else parts[0]


def dump_sample(paths: list[str], n: int, seed: int = 1) -> list[str]:
    """`n` paths spread evenly over the sources (round robin), fixed by `seed`."""
    rng = random.Random(seed)
    by_source: dict[str, list[str]] = collections.defaultdict(list)
    for p in paths:
        by_source[source_of(p)].append(p)
    pools = [rng.sample(v, len(v)) for _, v in sorted(by_source.items())]
    picked: list[str] = []
    while len(picked) < n and any(pools):
        for pool in pools:
            if pool and len(picked) < n:
                picked.append(pool.pop())
    return sorted(picked)


def one_line(s: str, limit: int = 120) -> str:
    s = s.replace("\n", "\u23ce")
    return s if len(s) <= limit else s[: limit - 1] + "\u2026"


def describe(rel: str, report) -> str:
    """The human-readable dump entry for one posting."""
    p = report.posting
    f = p.facts
    out = [f"=== {rel}", f"title: {p.title!r}   language: {p.language}   format: {p.format}"]
    out.append("sections: " + "; ".join(f"{s.kind}[{one_line(s.heading or '-', 60)}]" for s in p.sections))
    salary = f.salary and f"{f.salary.text!r} {f.salary.min}-{f.salary.max} {f.salary.currency}/{f.salary.period}"
    location = f.location and f.location.text
    out.append(f"facts: salary={salary} location={location!r} remote={f.remote} type={f.employment_type}")
    out.append(f"scores: {report.scores}")
    for finding in report.findings:
        d = finding_dict(report, finding)
        where = f"{d['line']}:{d['column']}" if d["line"] is not None else "-"
        excerpt = f"  \u00ab{one_line(d['excerpt'])}\u00bb" if d["excerpt"] is not None else ""
        out.append(f"  {where:>8} {finding.severity:<7} {finding.rule}: {one_line(finding.message, 160)}{excerpt}")
    return "\n".join(out) + "\n\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder holding POSTINGS.txt")
    ap.add_argument("--sample", type=int, default=60, help="postings in the dump (default 60)")
    ap.add_argument("--dump", type=Path, metavar="FILE", help="write a human-readable sample of the findings")
    args = ap.parse_args()

    listing = args.corpus / "POSTINGS.txt"
    if not listing.is_file():
        print(f"corpus not found: {listing}")
        return 2
    paths = [ln.strip() for ln in listing.read_text(encoding="utf-8").splitlines() if ln.strip()]
    to_dump = set(dump_sample(paths, args.sample)) if args.dump else set()

    t0 = time.perf_counter()
    engine = make_engine()
    load_errors: list[tuple[str, str]] = []
    crashes: list[tuple[str, str]] = []
    mismatches: list[tuple[str, str, str]] = []
    per_rule: collections.Counter = collections.Counter()
    postings_per_rule: collections.Counter = collections.Counter()
    per_severity: collections.Counter = collections.Counter()
    no_title: collections.Counter = collections.Counter()
    empty_spans = reports = 0
    dumped: dict[str, str] = {}
    sources: dict = {}

    for rel in paths:
        path = args.corpus / rel
        try:
            posting = load_path(path)
            report = engine.lint(posting)
            if report is None or report.posting is not posting:
                raise AssertionError(f"lint returned {type(report).__name__}, not this posting's report")
            reports += 1
            text = posting.text
            for f in report.findings:
                per_rule[f.rule] += 1
                per_severity[f.severity] += 1
                if f.start is None:
                    continue
                if f.end is None or not 0 <= f.start <= f.end <= len(text):
                    mismatches.append((rel, f.rule, f"span {f.start}:{f.end} outside text of {len(text)}"))
                    continue
                d = finding_dict(report, f)
                if d["excerpt"] != text[f.start : f.end] or (d["line"], d["column"]) != posting.source_map.line_col(f.start):
                    mismatches.append((rel, f.rule, "JSON excerpt or line/col differs from the span"))
                if f.start == f.end:
                    empty_spans += 1
                problem = check_position(path, report, f, sources)
                if problem:
                    mismatches.append((rel, f.rule, problem))
            postings_per_rule.update({f.rule for f in report.findings})
            if not posting.title:
                no_title[source_of(rel)] += 1
            if rel in to_dump:
                dumped[rel] = describe(rel, report)
        except LoadError as exc:
            load_errors.append((rel, str(exc)))
        except Exception as exc:  # noqa: BLE001 - counting crashes is the point
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            last = traceback.format_exception_only(exc)[-1].strip()
            crashes.append((rel, f"{Path(frame.filename).name}:{frame.lineno} {last}"))
    wall = time.perf_counter() - t0

    print(f"postings: {len(paths)}   reports: {reports}   load errors: {len(load_errors)}   crashes: {len(crashes)}")
    if reports + len(load_errors) + len(crashes) != len(paths):
        print("  !! reports + load errors + crashes != postings")
    for rel, msg in load_errors:
        print(f"  load error: {rel}: {msg}")
    for rel, msg in crashes:
        print(f"  CRASH: {rel}: {msg}")
    print(f"\nfindings: {sum(per_rule.values())}   (empty spans: {empty_spans})")
    print(f"  {'rule':<36} {'findings':>8} {'postings':>8}")
    for rule in sorted(per_rule):
        print(f"  {rule:<36} {per_rule[rule]:>8} {postings_per_rule[rule]:>8}")
    print("per severity: " + ", ".join(f"{s}={per_severity[s]}" for s in ("error", "warning", "info")))
    print(f"postings with no title: {sum(no_title.values())}  " + ", ".join(f"{k}={v}" for k, v in no_title.most_common()))
    print(f"span mismatches: {len(mismatches)}")
    for rel, rule, msg in mismatches[:40]:
        print(f"  {rel}: {rule}: {msg}")
    if len(mismatches) > 40:
        print(f"  ... and {len(mismatches) - 40} more")
    print(f"wall time: {wall:.1f} s ({1000 * wall / max(len(paths), 1):.1f} ms per posting, engine set-up included)")

    if args.dump:
        args.dump.write_text("".join(dumped[k] for k in sorted(dumped)), encoding="utf-8")
        print(f"dump: {args.dump} ({len(dumped)} postings)")
    return 1 if crashes or mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
