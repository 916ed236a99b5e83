"""How often the engine is right on real postings: precision, recall and F1 per metric.

Why: the unit tests hold postings the project wrote, and an engine tuned on them can
still be wrong on most real ones (issue 15). This lints the hand-labelled corpus
postings in `benchmarks/labels/` (offsets only, see `label_store.py`) through the
public API and compares what it says with the labels:

  sections      per kind present (engine's sections, plus pay and location facts); macro-F1
  missing       precision of the "section is missing" findings (the labels say it is absent)
  pay           pay stated, F1 over postings (a third party's estimate is not stated)
  eeo           equal-opportunity statement present, F1 over postings
  location      location stated, and remote / hybrid / on-site, accuracy
  title         the engine's title against the labelled one: exact, or overlapping
  years         years-of-experience mentions, F1 (a finding, or a requirement listed in
                metrics.standard_requirements, matches a label it overlaps)
  degree        degree demands without an equivalent, F1
  exclusionary  inclusivity word findings against exclusionary wording, precision and recall
  innocuous     share of innocuous phrases that some word-rule finding marks (lower is better)

Which findings count for each is written in `accuracy_engine.py` and docs/accuracy.md.

Usage: .venv/bin/python benchmarks/accuracy.py [--split dev|heldout|all] [--json]
           [--markdown] [--explain METRIC] [--corpus DIR] [--labels DIR]
Without --split, dev and held-out side by side. --explain lists each false positive and
false negative of a metric with path, offsets and an excerpt read from the corpus now
(to the terminal only: corpus text never goes into a file of the project). Tune against
dev only. Skips (exit 0) without the corpus; a corpus file whose sha256 changed since it
was labelled is reported and skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_metrics import Counts, MentionCounts, hit_rate, macro_f1, mentions, presence  # noqa: E402
from label_store import LABELS_DIR, SECTION_KINDS, default_corpus, load_records  # noqa: E402

SPLITS = ("dev", "heldout")
EXCERPT = 60
# The "done when" figures, as (measure, bound): "min" a floor, "max" a ceiling.
TARGETS = {
    ("sections", "macro_f1"): ("min", 0.85),
    ("missing", "precision"): ("min", 0.90),
    ("pay", "f1"): ("min", 0.95),
    ("eeo", "f1"): ("min", 0.95),
    ("years", "f1"): ("min", 0.90),
    ("degree", "f1"): ("min", 0.85),
    ("exclusionary", "recall"): ("min", 0.80),
    ("exclusionary", "precision"): ("min", 0.70),
    ("innocuous", "hit_rate"): ("max", 0.02),
}
METRICS = ("sections", "missing", "pay", "eeo", "location", "title", "years", "degree", "exclusionary", "innocuous")


class Tally:
    """The counts of one split, summed over its postings, and the errors behind them."""

    def __init__(self):
        self.postings = 0
        self.sections = {kind: Counts() for kind in SECTION_KINDS}
        self.missing = Counts()  # tp: the labels say absent; fp: the labels say present
        self.missing_by_rule: dict[str, Counts] = {}
        self.absent = [0, 0]  # labelled-absent kinds some rule checks: reported missing, all
        self.pay = Counts()
        self.eeo = Counts()
        self.location = Counts()  # accuracy of "stated"
        self.remote = Counts()  # tp: same answer; fp: another
        self.title_exact = Counts()
        self.title_overlap = Counts()
        self.years = MentionCounts()
        self.degree = MentionCounts()
        self.exclusionary = MentionCounts()
        self.innocuous = [0, 0]  # hit, labelled
        self.unplaced = 0  # labels whose words could not be found in the posting's text
        self.errors: dict[str, list[tuple]] = {m: [] for m in METRICS}

    def figures(self) -> dict[str, dict[str, float | int | None]]:
        sections = {kind: c.as_dict() for kind, c in self.sections.items()}
        hit, labelled = self.innocuous
        return {
            "sections": {"macro_f1": macro_f1(self.sections), "per_kind": sections},
            "missing": {
                "precision": self.missing.precision, "right": self.missing.tp, "wrong": self.missing.fp,
                "recall": self.absent[0] / self.absent[1] if self.absent[1] else None, "absent": self.absent[1],
                "by_rule": {rule: {"precision": c.precision, "right": c.tp, "wrong": c.fp} for rule, c in sorted(self.missing_by_rule.items())},
            },
            "pay": self.pay.as_dict(),
            "eeo": self.eeo.as_dict(),
            "location": {"stated_accuracy": self.location.accuracy, "remote_accuracy": self.remote.precision},
            "title": {"exact": self.title_exact.precision, "overlap": self.title_overlap.precision, "labelled": self.title_exact.tp + self.title_exact.fp},
            "years": self.years.as_dict(),
            "degree": self.degree.as_dict(),
            "exclusionary": self.exclusionary.as_dict(),
            "innocuous": {"hit_rate": hit / labelled if labelled else None, "hit": hit, "labelled": labelled},
            "postings": self.postings,
            "unplaced_labels": self.unplaced,
        }


def _norm_title(s: str) -> str:
    import html as _html

    return " ".join(_html.unescape(s).replace("*", " ").replace("#", " ").split()).strip(" -–—|:").lower()


def evaluate(record: dict, view, tally: Tally) -> None:
    """Add one posting's comparisons to its split's tally."""
    path = record["path"]
    tally.postings += 1
    err = tally.errors
    labels = record["labels"]
    placed: dict[str, list[tuple[int, int]]] = {}
    for item in labels:
        span = view.place(item["start"], item["end"])
        if span is None:
            tally.unplaced += 1
            continue
        placed.setdefault(item["label"], []).append(span)

    sections = record["sections"]
    for kind in SECTION_KINDS:
        if kind not in sections:
            continue
        got = kind in view.sections
        c = presence(got, sections[kind])
        tally.sections[kind].add(c)
        if c.fp:
            err["sections"].append(("FP", path, f"engine: {kind} ({view.section_origin(kind)})", view.section_span(kind)))
        elif c.fn:
            spans = placed.get(f"section/{kind}") or []
            where = f"; engine: {view.kind_at(spans[0][0])}" if spans else ""
            err["sections"].append(("FN", path, f"no {kind}{where}", spans[0] if spans else None))
    reported = {kind for kind, _ in view.missing}
    for kind in view.checked:
        if kind in sections and not sections[kind]:
            tally.absent[1] += 1
            tally.absent[0] += kind in reported
            if kind not in reported:
                err["missing"].append(("FN", path, f"labelled absent, no finding says no {kind}", None))
    for kind, rule in view.missing:
        if kind not in sections:
            continue
        tally.missing_by_rule.setdefault(rule, Counts()).add(Counts(tp=int(not sections[kind]), fp=int(sections[kind])))
        if sections[kind]:
            tally.missing.fp += 1
            spans = placed.get(f"section/{kind}") or []
            where = f"; engine: {view.kind_at(spans[0][0])}" if spans else ""
            err["missing"].append(("FP", path, f"{rule} says no {kind}{where}", spans[0] if spans else None))
        else:
            tally.missing.tp += 1

    pay = record["pay"]
    stated = pay["stated"] and not pay.get("estimate")
    c = presence(view.pay_stated, stated)
    tally.pay.add(c)
    if c.fp:
        got = view.posting.facts.salary
        span = (got.start, got.end) if got is not None and got.start is not None and got.end else None
        note = "the label says a third party's estimate" if pay.get("estimate") else "the label says no stated pay"
        err["pay"].append(("FP", path, f"engine: {got.text if got else None!r}; {note}", span))
    elif c.fn:
        spans = placed.get("pay") or []
        err["pay"].append(("FN", path, "engine: no pay", spans[0] if spans else None))
    c = presence(view.eeo_present, record["eeo"]["present"])
    tally.eeo.add(c)
    if c.fp:
        err["eeo"].append(("FP", path, f"engine: EEO ({view.section_origin('eeo')})", view.section_span("eeo")))
    elif c.fn:
        spans = placed.get("eeo") or []
        err["eeo"].append(("FN", path, "engine: no EEO", spans[0] if spans else None))

    location = record["location"]
    c = presence(view.location_stated, location["stated"])
    tally.location.add(Counts(tp=c.tp, tn=c.tn, fp=c.fp, fn=c.fn))
    if c.fp or c.fn:
        spans = placed.get("location") or []
        err["location"].append(("FP" if c.fp else "FN", path, "location stated", spans[0] if spans else None))
    same = view.remote == (location.get("remote") or "unknown")
    tally.remote.add(Counts(tp=int(same), fp=int(not same)))
    if not same:
        err["location"].append(("FP", path, f"remote: engine {view.remote}, label {location.get('remote')}", None))

    titles = [i for i in labels if i["label"] == "title"]
    if titles:
        label_span = titles[0]["start"], titles[0]["end"]
        wanted = _norm_title(view.source[label_span[0] : label_span[1]])
        got = _norm_title(view.title or "")
        exact = bool(got) and got == wanted
        text_span = placed.get("title", [None])[0]
        overlap = exact or bool(got and (got in wanted or wanted in got))
        if not overlap and text_span and view.title_span:
            overlap = text_span[0] < view.title_span[1] and view.title_span[0] < text_span[1]
        tally.title_exact.add(Counts(tp=int(exact), fp=int(not exact)))
        tally.title_overlap.add(Counts(tp=int(overlap), fp=int(not overlap)))
        if not exact:
            err["title"].append(("FP" if overlap else "FN", path, f"engine title {view.title!r}", text_span))

    for metric, found, label in (
        ("years", view.years, "years"),
        ("degree", view.degree, "degree_no_equivalent"),
    ):
        _mention(tally, metric, path, found, placed.get(label, []), view.text)
    excl = [span for name, spans in placed.items() if name.startswith("exclusionary/") for span in spans]
    _mention(tally, "exclusionary", path, view.exclusionary, excl, view.text)

    innocuous = placed.get("innocuous", [])
    word_spans = [f.span for f in view.word_findings]
    hit, hits = hit_rate(innocuous, word_spans)
    tally.innocuous[0] += hit
    tally.innocuous[1] += len(innocuous)
    for i in hits:
        a, b = innocuous[i]
        rules = sorted({f.rule for f in view.word_findings if f.start < b and a < f.end})
        err["innocuous"].append(("FP", path, ", ".join(rules), innocuous[i]))


def repeats(text: str, labelled: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every other place the words of a labelled span occur in the text.

    Why: some sources repeat the whole body (the TJFG rows hold it twice) and the
    labellers quote one copy; a finding on the other copy marks the same words and is
    right. Counted for precision only: recall is over what was labelled. Linear in the
    text per labelled span.
    """
    extra = []
    for a, b in labelled:
        words = text[a:b]
        if len(words) < 8:  # short words recur for other reasons
            continue
        at = text.find(words)
        while at != -1:
            if at != a:
                extra.append((at, at + len(words)))
            at = text.find(words, at + 1)
    return extra


def _mention(tally: Tally, metric: str, path: str, found, labelled: list[tuple[int, int]], text: str = "") -> None:
    counts, fps, fns = mentions([f.span for f in found], labelled)
    again = repeats(text, labelled) if fps and text else []
    if again:
        still = set(mentions([found[i].span for i in fps], again)[1])
        right = [i for n, i in enumerate(fps) if n not in still]
        counts.tp_found += len(right)
        counts.fp -= len(right)
        fps = [i for n, i in enumerate(fps) if n in still]
    getattr(tally, metric).add(counts)
    for i in fps:
        tally.errors[metric].append(("FP", path, found[i].rule, found[i].span))
    for i in fns:
        tally.errors[metric].append(("FN", path, "not found", labelled[i]))


def run(records: list[dict], corpus: Path, log=print) -> tuple[dict[str, Tally], list[str], dict]:
    """Lint every labelled posting; the tally per split, the problems, and the views."""
    from accuracy_engine import Linter

    from assistant.document.loaders import LoadError

    linter = Linter()
    tallies = {split: Tally() for split in SPLITS}
    problems: list[str] = []
    views: dict[str, object] = {}
    for record in records:
        file = corpus / record["path"]
        try:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError as exc:
            problems.append(f"{record['path']}: cannot be read ({exc.strerror or exc}); skipped")
            continue
        if digest != record["sha256"]:
            problems.append(f"{record['path']}: changed since it was labelled (sha256 differs); skipped")
            continue
        try:
            view = linter.view(file)
        except LoadError as exc:
            problems.append(f"{record['path']}: {exc}; skipped")
            continue
        views[record["path"]] = view
        evaluate(record, view, tallies[record["split"]])
    return tallies, problems, views


def _total(tallies: dict[str, Tally]) -> dict:
    """The figures of dev and held-out together (counts summed, then divided)."""
    both = Tally()
    for t in tallies.values():
        both.postings += t.postings
        both.unplaced += t.unplaced
        for kind in SECTION_KINDS:
            both.sections[kind].add(t.sections[kind])
        for name in ("missing", "pay", "eeo", "location", "remote", "title_exact", "title_overlap", "years", "degree", "exclusionary"):
            getattr(both, name).add(getattr(t, name))
        both.absent[0] += t.absent[0]
        both.absent[1] += t.absent[1]
        for rule, c in t.missing_by_rule.items():
            both.missing_by_rule.setdefault(rule, Counts()).add(c)
        both.innocuous[0] += t.innocuous[0]
        both.innocuous[1] += t.innocuous[1]
        for m in METRICS:
            both.errors[m].extend(t.errors[m])
    return both


# ------------------------------------------------------------------------ output
ROWS = [
    ("sections", "macro_f1", "section kinds", "macro-F1"),
    ("missing", "precision", "missing-section findings", "precision"),
    ("missing", "recall", "missing-section findings", "recall"),
    ("pay", "f1", "pay stated", "F1"),
    ("eeo", "f1", "EEO present", "F1"),
    ("location", "stated_accuracy", "location stated", "accuracy"),
    ("location", "remote_accuracy", "remote / hybrid / on-site", "accuracy"),
    ("title", "exact", "title", "exact"),
    ("title", "overlap", "title", "overlap"),
    ("years", "precision", "years mentions", "precision"),
    ("years", "recall", "years mentions", "recall"),
    ("years", "f1", "years mentions", "F1"),
    ("degree", "precision", "degree without equivalent", "precision"),
    ("degree", "recall", "degree without equivalent", "recall"),
    ("degree", "f1", "degree without equivalent", "F1"),
    ("exclusionary", "precision", "exclusionary wording", "precision"),
    ("exclusionary", "recall", "exclusionary wording", "recall"),
    ("exclusionary", "f1", "exclusionary wording", "F1"),
    ("innocuous", "hit_rate", "innocuous phrases hit", "share"),
]


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.2f}" if isinstance(value, float) else str(value)


def _target(metric: str, measure: str) -> str:
    bound = TARGETS.get((metric, measure))
    if bound is None:
        return ""
    return ("≥ " if bound[0] == "min" else "≤ ") + f"{bound[1]:.2f}"


def _support(fig: dict, metric: str) -> str:
    f = fig[metric]
    if metric in ("years", "degree", "exclusionary"):
        return f"{f['tp'] + f['fn']} labels, {f['tp_findings'] + f['fp']} findings"
    if metric == "missing":
        return f"{f['right'] + f['wrong']} findings"
    if metric == "innocuous":
        return f"{f['labelled']} phrases"
    if metric == "title":
        return f"{f['labelled']} titles"
    if metric in ("pay", "eeo"):
        return f"{f['tp'] + f['fn']} labelled yes"
    return ""


def table(columns: dict[str, dict], markdown: bool) -> str:
    names = list(columns)
    head = ["metric", "measure", *names, "target", "support"]
    body = []
    seen: set[str] = set()
    for metric, measure, title, shown in ROWS:
        values = [_fmt(columns[n][metric].get(measure)) for n in names]
        support = ""
        if metric not in seen:  # once per metric, on its first row
            seen.add(metric)
            support = "; ".join(f"{n}: {_support(columns[n], metric)}" for n in names if _support(columns[n], metric))
        body.append([title, shown, *values, _target(metric, measure), support])
    counts = [str(columns[n]["postings"]) for n in names]
    body.append(["postings", "count", *counts, "", ""])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [head, *body]]
    return "\n".join(lines)


def per_kind_table(columns: dict[str, dict]) -> str:
    names = list(columns)
    lines = ["section kind        " + "  ".join(f"{n:>22}" for n in names)]
    for kind in SECTION_KINDS:
        cells = []
        for n in names:
            c = columns[n]["sections"]["per_kind"][kind]
            cells.append(f"F1 {_fmt(c['f1']):>4} (tp{c['tp']} fp{c['fp']} fn{c['fn']})".rjust(22))
        lines.append(f"{kind:<20}" + "  ".join(cells))
    return "\n".join(lines)


def missing_table(columns: dict[str, dict]) -> str:
    """Precision of the missing-section findings rule by rule: which rule to fix first."""
    names = list(columns)
    rules = sorted({r for n in names for r in columns[n]["missing"]["by_rule"]})
    lines = ["missing-section rule              " + "  ".join(f"{n:>20}" for n in names)]
    for rule in rules:
        cells = []
        for n in names:
            c = columns[n]["missing"]["by_rule"].get(rule)
            cells.append((f"P {_fmt(c['precision'])} ({c['right']}/{c['right'] + c['wrong']})" if c else "—").rjust(20))
        lines.append(f"{rule:<34}" + "  ".join(cells))
    return "\n".join(lines)


def explain(tally: Tally, metric: str, views: dict) -> str:
    """Each error of one metric with an excerpt read from the corpus now (terminal only)."""
    lines = []
    for kind, path, note, span in tally.errors[metric]:
        where, excerpt = "", ""
        view = views.get(path)
        if span is not None and view is not None:
            a, b = span
            src = view.to_source(a)
            where = f"@{src}" if src is not None else f"@text:{a}"
            pad = max(0, (EXCERPT - (b - a)) // 2)
            excerpt = view.text[max(0, a - pad) : max(0, a - pad) + EXCERPT].replace("\n", "⏎")
        lines.append(f"{kind} {path}{where} [{note}] {excerpt}".rstrip())
    return "\n".join(lines) or f"no errors for {metric}"


def commit() -> str:
    """The commit of the engine measured: the checkout the imported `assistant` is in.

    Not always this script's: an older engine can be measured by putting an export of
    it first on the path (see docs/accuracy.md), and then it is not a checkout."""
    import assistant

    where = Path(assistant.__file__).resolve().parent.parent
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=where, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"unknown (engine from {where}, not a checkout)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default=None)
    parser.add_argument("--json", action="store_true", help="machine-readable figures")
    parser.add_argument("--markdown", action="store_true", help="a table for docs/accuracy.md")
    parser.add_argument("--explain", metavar="METRIC", choices=METRICS, help="list each error of METRIC")
    parser.add_argument("--corpus", type=Path, default=None, help="default: $POSTING_ASSISTANT_CORPUS or ../shared/corpus")
    parser.add_argument("--labels", type=Path, default=LABELS_DIR)
    args = parser.parse_args(argv)

    corpus = args.corpus or default_corpus()
    if not corpus.is_dir():
        print(f"skipped: no corpus at {corpus} (set POSTING_ASSISTANT_CORPUS or pass --corpus)")
        return 0
    records = load_records(args.labels)
    if not records:
        print(f"skipped: no labels in {args.labels} (import them with benchmarks/label_store.py)")
        return 0
    began = time.perf_counter()
    tallies, problems, views = run(records, corpus)
    seconds = time.perf_counter() - began
    for line in problems:
        print(f"warning: {line}", file=sys.stderr)

    if args.split in ("dev", "heldout"):
        chosen = {args.split: tallies[args.split]}
    elif args.split == "all":
        chosen = {"all": _total(tallies)}
    else:
        chosen = dict(tallies)
    columns = {name: t.figures() for name, t in chosen.items()}

    if args.explain:
        for name, t in chosen.items():
            print(f"== {args.explain}, {name} ==")
            print(explain(t, args.explain, views))
        return 0
    stamp = {"date": dt.date.today().isoformat(), "commit": commit(), "seconds": round(seconds, 2), "skipped": len(problems)}
    if args.json:
        print(json.dumps({**stamp, "splits": columns}, indent=2, sort_keys=True))
        return 0
    print(table(columns, args.markdown))
    if not args.markdown:
        print()
        print(per_kind_table(columns))
        print()
        print(missing_table(columns))
        unplaced = sum(c["unplaced_labels"] for c in columns.values())
        print(f"\n{stamp['date']}, commit {stamp['commit']}, {seconds:.1f} s; {len(problems)} postings skipped; {unplaced} labels not placed in the text")
    else:
        print(f"\nMeasured {stamp['date']} at commit {stamp['commit']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
