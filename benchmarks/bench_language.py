"""Language detection: accuracy of each candidate over a multilingual sample, and its cost.

Why: `lint` keeps English word lists off other languages by the posting's language,
and the JSON result reports it with a confidence (issue 16 item 4). A library with
models may guess better than the function-word heuristic, but `lint` of one file has a
60 ms budget end to end (benchmarks/bench_lint.py), so each candidate is measured on
both: how often it is right, and what it costs to import, to build, to call first and
to call per posting.

Candidates:
  function-words   the function-word guess alone (`heuristic_language`; before issue 16
                   it had no Dutch and called a posting English unless another language
                   led by half again: 625/638 on this sample, all ten Dutch ones wrong)
  shipped          what `lint` does (`detect_language`): the function words, and
                   lingua-ours-low, built lazily, when they are unsure (and
                   their language stands while lingua gives it a share of 0.1 or more)
  py3langid        py3langid, all 97 languages, probabilities normalised
  py3langid-ours   py3langid restricted to OURS (below)
  lingua-ours      lingua-language-detector restricted to OURS, high accuracy
  lingua-ours-low  the same in low-accuracy (fast) mode

OURS is the languages we have or plan rules for (en, de, fr, es, nl, sv, zh, ja, ko)
plus the EU neighbours a posting in them is most often confused with (da, nb, it, pt,
pl, fi), so that a Danish posting is not forced into Swedish.

The sample, and how each posting's language is known:
  * corpus postings (../shared/corpus), labelled by their SOURCE: `jobtech-platsbanken-sv`
    is the Swedish public employment service (sv); `rebase-who-is-hiring-zh` and
    `ruanyf-weekly-whoishiring-zh` are Chinese boards (zh); every other source is an
    English-language board or government (en). A source label can be wrong for a single
    posting (the corpus README counts 3 French postings among the English sources), so
    a posting where every library agrees on one other language is counted apart as
    "disputed", listed by path and scored against what the libraries agree on;
  * hand-written postings in tests/fixtures/language/{de,fr,es,nl,sv}.toml (10 each),
    labelled by their writer;
  * mixed and one-line cases in tests/fixtures/language/mixed.toml (an English posting
    with a German company address, a German posting full of English tech terms, ...).

Text is the posting text `lint` sees (markup and front matter removed by the loader).

Costs: the machine this runs on is shared, so import, build and first-call costs are
CPU seconds (`time.process_time`) in a fresh interpreter, median of --cold runs;
wall time is printed beside them but is not the figure to compare. Peak is the fresh
interpreter's peak RSS (a bare interpreter with the package's language module is ~8 MiB).

Last run (2026-12-04, 60 per corpus source, shared 2-core machine), right / total:
  candidate          all        unsure 28  import+build  first call  per posting  peak
  function-words     896/904    20/28        6.8 ms        0.3 ms      0.08 ms     16 MiB
  shipped            904/904    28/28        6.8 ms        0.3 ms      0.24 ms     16 MiB
                     (a posting it leaves to lingua: first call 106 ms, peak 34 MiB)
  py3langid          902/904    28/28      614 ms          3.2 ms      1.6 ms     131 MiB
  py3langid-ours     904/904    28/28      502 ms          2.8 ms      1.0 ms     131 MiB
  lingua-ours        901/904    28/28        1.7 ms      103 ms        4.1 ms      34 MiB
  lingua-ours-low    900/904    28/28        1.8 ms      112 ms        2.3 ms      35 MiB
  (CPU; function-words is wrong only on the 8 it/da/pt/pl postings, where it is unsure;
  "unsure" = the postings `shipped` hands to the library: under 0.5 and 20+ words.)
`lint` of one seed file: the same before and after (0.05-0.06 s with a warm rule-set
cache); whole corpus peak 62 MiB (py3langid as the fallback made it 147 MiB).

Only lingua is a dependency; `pip install py3langid` to include it (skipped otherwise).

Usage: .venv/bin/python benchmarks/bench_language.py [--per-source N] [--cold N] [--json OUT]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "language"
OURS = ["en", "de", "fr", "es", "nl", "sv", "zh", "ja", "ko", "da", "nb", "it", "pt", "pl", "fi"]
SOURCE_LANGUAGE = {"jobtech-platsbanken-sv": "sv", "rebase-who-is-hiring-zh": "zh", "ruanyf-weekly-whoishiring-zh": "zh"}
LIBRARIES = ("py3langid", "py3langid-ours", "lingua-ours", "lingua-ours-low")

# Each candidate's set-up as source, so the cost run in a fresh interpreter and the
# accuracy run here build exactly the same thing. Each defines `detect(text) -> (code, confidence)`.
# lingua restricted to our languages, in either of its modes (`mode`: a builder call).
_LINGUA = """
from lingua import IsoCode639_1, LanguageDetectorBuilder
_det = LanguageDetectorBuilder.from_iso_codes_639_1(*[getattr(IsoCode639_1, c.upper()) for c in OURS]){mode}.build()
def detect(text):
    values = _det.compute_language_confidence_values(text)
    if not values:
        return 'und', 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), float(top.value)
"""
SETUP = {
    "function-words": """
from assistant.document.language import heuristic_language
def detect(text):
    return heuristic_language(text)
""",
    "shipped": """
from assistant.document.language import detect_language
def detect(text):
    return detect_language(text)
""",
    "py3langid": """
from py3langid.langid import MODEL_FILE, LanguageIdentifier
_ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
def detect(text):
    code, p = _ident.classify(text)
    return code, float(p)
""",
    "py3langid-ours": """
from py3langid.langid import MODEL_FILE, LanguageIdentifier
_ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
_ident.set_languages(OURS_NB)
def detect(text):
    code, p = _ident.classify(text)
    return ('nb' if code == 'no' else code), float(p)
""",
    "lingua-ours": _LINGUA.format(mode=""),
    "lingua-ours-low": _LINGUA.format(mode=".with_low_accuracy_mode()"),
}


def build(name: str):
    scope = {"OURS": OURS, "OURS_NB": [("no" if c == "nb" else c) for c in OURS]}
    exec(SETUP[name], scope)  # noqa: S102 - our own source, above
    return scope["detect"]


COLD = """
import json, sys, time
c0, w0 = time.process_time(), time.perf_counter()
scope = {{"OURS": {ours!r}, "OURS_NB": {ours_nb!r}}}
src = {src!r}
head, _, rest = src.partition("def detect")
exec(head, scope)                     # imports and builds the detector
c1, w1 = time.process_time(), time.perf_counter()
exec("def detect" + rest, scope)
scope["detect"](open({path!r}, encoding="utf-8").read())
c2, w2 = time.process_time(), time.perf_counter()
import resource
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"import_build_cpu": c1 - c0, "first_call_cpu": c2 - c1, "import_build_wall": w1 - w0, "first_call_wall": w2 - w1, "peak_mib": peak}}))
"""


def cold_costs(name: str, runs: int, sample: Path) -> dict[str, float]:
    """Import + build, then the first call, in a fresh interpreter: the cost one `lint` pays."""
    ours_nb = [("no" if c == "nb" else c) for c in OURS]
    code = COLD.format(ours=OURS, ours_nb=ours_nb, src=SETUP[name], path=str(sample))
    got = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
        got.append(json.loads(out.stdout))
    return {key: statistics.median(g[key] for g in got) for key in got[0]}


def fixture_sample() -> list[dict]:
    items = []
    for lang in ("de", "fr", "es", "nl", "sv"):
        data = tomllib.loads((FIXTURES / f"{lang}.toml").read_text(encoding="utf-8"))
        items += [{"id": f"fixture/{lang}/{i}", "group": f"written-{lang}", "lang": lang, "text": p["text"]} for i, p in enumerate(data["posting"])]
    data = tomllib.loads((FIXTURES / "mixed.toml").read_text(encoding="utf-8"))
    items += [{"id": f"fixture/mixed/{i}", "group": p["kind"], "lang": p["lang"], "text": p["text"]} for i, p in enumerate(data["posting"])]
    return items


def corpus_sample(per_source: int) -> list[dict]:
    """Every k-th listed posting of each source, up to `per_source` each: the same on every run."""
    from assistant.document.loaders import LoadError, load_path

    listed = (CORPUS / "POSTINGS.txt").read_text(encoding="utf-8").split()
    by_source: dict[str, list[str]] = defaultdict(list)
    for rel in listed:
        by_source[rel.split("/")[1]].append(rel)
    items = []
    for source, paths in sorted(by_source.items()):
        step = max(1, len(paths) // per_source)
        for rel in paths[::step][:per_source]:
            try:
                posting = load_path(CORPUS / rel, facts=False)
            except LoadError:
                continue
            lang = SOURCE_LANGUAGE.get(source, "en")
            items.append({"id": rel, "group": f"corpus-{lang}", "source": source, "lang": lang, "text": posting.text})
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-source", type=int, default=60, help="corpus postings per source (default 60)")
    ap.add_argument("--cold", type=int, default=3, help="fresh-interpreter runs per candidate for the costs (default 3)")
    ap.add_argument("--only", nargs="*", help="candidates to run (default all)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    names = []
    for name in args.only or list(SETUP):
        module = {"py3langid": "py3langid", "lingua": "lingua"}.get(name.split("-")[0], "assistant")
        if importlib.util.find_spec(module) is None:  # py3langid is not a dependency: `pip install py3langid` to compare
            print(f"skipping {name}: {module} is not installed")
        else:
            names.append(name)

    # Costs first, while this process is small: a child's peak RSS starts from its parent's.
    sample = sorted((ROOT / "seeds").glob("*.txt"))[0]  # the file bench_lint.py times
    costs = {name: cold_costs(name, args.cold, sample) for name in names}
    if "shipped" in names:  # and what a posting the function words leave unsure costs
        short = Path(tempfile.mkdtemp()) / "unsure.txt"
        short.write_text(next(p["text"] for p in tomllib.loads((FIXTURES / "mixed.toml").read_text(encoding="utf-8"))["posting"]
                              if p["kind"] == "other"), encoding="utf-8")
        costs["shipped, unsure posting"] = cold_costs("shipped", args.cold, short)

    items = fixture_sample() + (corpus_sample(args.per_source) if (CORPUS / "POSTINGS.txt").is_file() else [])
    guesses: dict[str, list[tuple[str, float]]] = {}
    per_call: dict[str, float] = {}
    for name in names:
        detect = build(name)
        detect("warm up")
        c0, w0 = time.process_time(), time.perf_counter()
        guesses[name] = [detect(item["text"]) for item in items]
        c1, w1 = time.process_time(), time.perf_counter()
        per_call[name] = (c1 - c0) / len(items)
        per_call[name + ":wall"] = (w1 - w0) / len(items)
    if "shipped" in names:
        per_call["shipped, unsure posting"] = per_call["shipped"]
        per_call["shipped, unsure posting:wall"] = per_call["shipped:wall"]

    # A corpus posting every library places in one other language is disputed, not scored.
    libs = [n for n in LIBRARIES if n in guesses]
    disputed = set()
    for i, item in enumerate(items):
        if item["group"].startswith("corpus") and len(libs) >= 2:
            codes = {guesses[n][i][0] for n in libs}
            if len(codes) == 1 and item["lang"] not in codes:
                disputed.add(i)

    # Scored apart, against what the libraries agree on: only the non-library candidates
    # can be wrong there, which is the point (does the cheap guess side with the source
    # label or with the text?).
    for i in disputed:
        items[i] = {**items[i], "lang": guesses[libs[0]][i][0], "group": "corpus-disputed"}
    groups = sorted({item["group"] for item in items})
    table: dict[str, dict[str, list[int]]] = {name: {} for name in names}
    wrong: dict[str, list[str]] = {name: [] for name in names}
    for name in names:
        for group in groups:
            idx = [i for i, item in enumerate(items) if item["group"] == group]
            right = sum(guesses[name][i][0] == items[i]["lang"] for i in idx)
            table[name][group] = [right, len(idx)]
        wrong[name] = [f"{items[i]['id']} ({items[i]['lang']}->{guesses[name][i][0]})" for i in range(len(items))
                       if guesses[name][i][0] != items[i]["lang"]]


    from assistant.document.language import asks_library, heuristic_language

    asked = [i for i, item in enumerate(items) if asks_library(item["text"], heuristic_language(item["text"])[1])]
    width = max(map(len, names)) + 2
    print(f"sample: {len(items)} postings; {len(disputed)} corpus postings disputed (scored against the libraries' consensus)")
    print(f"shipped asks the library for {len(asked)}: " + ", ".join(f"{g} {n}" for g, n in sorted(Counter(items[i]["group"] for i in asked).items())))
    print("accuracy (right/total) per group:")
    print(" " * 18 + "".join(n.ljust(width) for n in names))
    for group in groups:
        cells = "".join(f"{table[n][group][0]}/{table[n][group][1]}".ljust(width) for n in names)
        print(f"  {group:<16}{cells}")
    totals = {n: [sum(v[0] for v in table[n].values()), sum(v[1] for v in table[n].values())] for n in names}
    print("  " + "all".ljust(16) + "".join(f"{t[0]}/{t[1]} {100 * t[0] / max(1, t[1]):.1f}%".ljust(width) for t in totals.values()))
    unsure = {n: sum(guesses[n][i][0] == items[i]["lang"] for i in asked) for n in names}
    print("  " + "unsure (asked)".ljust(16) + "".join(f"{unsure[n]}/{len(asked)}".ljust(width) for n in names))
    print("\ncost (CPU ms; the machine is shared, wall ms in brackets):")
    for name in costs:
        c = costs[name]
        print(f"  {name:<24} import+build {1000 * c['import_build_cpu']:7.1f} [{1000 * c['import_build_wall']:7.1f}]"
              f"   first call {1000 * c['first_call_cpu']:7.1f} [{1000 * c['first_call_wall']:7.1f}]"
              f"   per posting {1000 * per_call[name]:6.2f} [{1000 * per_call[name + ':wall']:6.2f}]"
              f"   one lint adds ~{1000 * (c['import_build_cpu'] + c['first_call_cpu']):.1f}"
              f"   peak {c['peak_mib']:.0f} MiB")
    for name in names:
        if wrong[name]:
            print(f"\nwrong, {name} ({len(wrong[name])}): " + ", ".join(wrong[name][:25]) + (" ..." if len(wrong[name]) > 25 else ""))
    if disputed:
        print("\ndisputed (every library says another language):")
        for i in sorted(disputed):
            print(f"  {items[i]['id']}: libraries say {items[i]['lang']}, source {SOURCE_LANGUAGE.get(items[i]['source'], 'en')}")
    if args.json:
        args.json.write_text(json.dumps({"accuracy": table, "costs": costs, "per_call_cpu": per_call,
                                         "disputed": [items[i]["id"] for i in sorted(disputed)], "wrong": wrong,
                                         "asked_library": [items[i]["id"] for i in asked]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
