"""Benchmark of very long inputs: `lint` and the rules rewrite must stay linear.

Why: a posting pasted from a scrape can arrive as one line of megabytes (every
newline lost), or a file can hold thousands of postings. Anything in the engine that
rescans from the start of a line, or from the start of the text, per match turns
such an input from seconds into minutes. These cases are the ones that showed it
(issue 13); each is run as a whole `posting-assistant` process, timed from spawn to
exit, with the child's own peak RSS from `os.wait4` (as bench_lint.py does).

Cases and budgets (issue 13):

  one-line-5mb        `lint`, a 5 MB posting on one line, sentences with
                      their punctuation                            <= 3 s
  one-line-nopunct    `lint`, the same without any sentence punctuation,
                      so no sentence ever ends before the line    <= 3 s
  multi-line-20mb     `lint`, a 20 MB file of ordinary lines       <= 10 s, 300 MiB
  rewrite-1mb         `rewrite --provider rules --format json`, a 1 MB posting
                      with headings and lists                      <= 5 s
  rewrite-1mb-one-line  the same on a 1 MB posting on one line    <= 5 s

The inputs are generated here, into a temporary folder, from sentences written for
this script (never corpus text) with words picked by a seeded generator: the same
bytes on every machine and every run, varied enough that sentences do not repeat
as they would in a real-looking text. `--small` runs every case at a tenth of its
size, for a quick look; its budgets are then not checked.

Usage: .venv/bin/python benchmarks/bench_long.py [--runs N] [--small] [--only CASE] [--timeout S] [--json OUT] [--keep DIR]
Exits 1 when a case misses its budget or its run fails. Stdlib only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000

# As a user's install runs: with byte-code caches (see bench_lint.py).
CHILD_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "OPENAI_API_KEY")}

# ---------------------------------------------------------------------------
# Inputs. Sentences of an ordinary posting, with slots filled from small word
# lists, and some of the wording the rules look for (coded words, degree and
# years requirements, pay, places, passive voice, buzzwords, `unless` contexts).

_WORDS = {
    "team": ["payments", "search", "billing", "mobile", "platform", "data", "growth", "identity", "support tools", "checkout",
             "mapping", "logistics", "reporting", "onboarding", "messaging", "security", "infrastructure", "design systems"],
    "tech": ["Python", "Go", "TypeScript", "Rust", "Java", "Kotlin", "PostgreSQL", "Kafka", "Terraform", "React", "Django",
             "Kubernetes", "Redis", "GraphQL", "Elixir", "Swift", "Scala", "Spark"],
    "verb": ["build", "run", "design", "improve", "measure", "maintain", "review", "document", "ship", "plan", "test", "migrate"],
    "thing": ["services", "pipelines", "dashboards", "APIs", "release tools", "data models", "alerts", "job queues",
              "internal tools", "onboarding flows", "search indexes", "batch jobs", "test suites", "mobile screens",
              "reports", "import scripts", "billing rules", "caches", "feature flags", "audit logs", "exports",
              "sign-up forms", "price tables", "mail templates", "sync jobs", "web hooks", "map layers", "help pages"],
    "kind": ["billing", "invoice", "warehouse", "customer", "partner", "payroll", "booking", "clinic", "school", "shop",
             "delivery", "account", "review", "catalogue", "inventory", "refund", "tax", "loyalty", "calendar", "ticket"],
    "city": ["Lisbon", "Berlin", "Toronto", "Denver", "Austin", "Dublin", "Madrid", "Oslo", "Chicago", "Seattle", "Leeds"],
    "who": ["the product manager", "two designers", "the support lead", "our data analysts", "the other engineers",
            "the finance team", "customers", "the on-call rotation", "the security group"],
    "adj": ["small", "careful", "friendly", "distributed", "curious", "steady", "patient", "remote-first", "busy"],
}

_SENTENCES = [
    "You will {verb} the {thing} behind our {team} product with {who}.",
    "Most weeks you will {verb} {thing} in {tech} and {verb} what you learn with {who}.",
    "{company} is a {adj} team of {n} people in {city} and {city2}.",
    "Our {team} work is reviewed by {who} every {day}.",
    "You have {n}+ years of experience building {thing} in {tech}.",
    "A bachelor's degree in computer science is required for this {team} role at {company}.",
    "We want a rock star who can {verb} {thing} without being asked.",
    "He or she will {verb} the {thing} and report to the head of {team}.",
    "Join a young and dynamic team at {company} that ships {thing} every {day}!",
    "The salary for this {company} role is ${lo},000 to ${hi},000 a year, depending on level.",
    "This {company} role is based in {city}, with two days a week in the office.",
    "Is it a fast-paced environment?",
    "Yes: we {verb} {thing} twice a week, and {who} decide what comes next.",
    "Applications are read by {who}, and we reply to each within {n} days.",
    "You are a self-starter who enjoys working with {who} on {thing}.",
    "{company} wants a competitive, driven engineer with strong opinions who will lead the {team} work.",
    "You will be an independent, analytical and confident owner of the {company} {thing}.",
    "We are looking for an energetic young engineer to {verb} our {thing}.",
    "Native English speakers are encouraged to apply to {company}, as are people who learned it later.",
    "Our ninjas and gurus {verb} {thing} with {who}.",
    "Send {company} your CV and a few lines about {thing} you enjoyed building in {tech}.",
    "{company} answers every application within {n} days; the process has two interviews with {who}.",
    "The team uses {tech}, {tech2} and a lot of plain text: e.g. notes, plans and reviews.",
    "Pay at {company} is reviewed every year; the range is {lo}k–{hi}k USD.",
    "You will work hard and play hard with a world-class {team} team in {city}.",
]
# Sentences that no rule has anything to say about: most of a real posting. With
# them, about one sentence in four has a finding, near the corpus's density.
_PLAIN = [
    "The {team} group at {company} has {n} engineers, {m} designers and one product manager for its {thing}.",
    "Each {day} starts with a short call about {thing} and ends with a written summary.",
    "You can work from {city} or from anywhere within three hours of it, close to {who} of {company}.",
    "{company} keeps its {thing} small enough that one person can read them in an afternoon.",
    "Most of our {thing} are written in {tech}; the rest is {tech2} and shell scripts.",
    "New people at {company} pair with {who} on {thing} for their first {m} weeks.",
    "{company} writes down decisions about {thing}, so you can catch up on them by reading.",
    "Releases of {thing} go out on {weekday} mornings, after {who} have checked them.",
    "The {company} office in {city} has quiet rooms, a kitchen and bike parking near the {kind2} team.",
    "You will take part in the {company} on-call rotation for {thing} about once every {m} weeks.",
    "{company} pays for a laptop of your choice, a second screen and {kind2} training.",
    "You will present your {thing} to {company} at the review each {day}.",
    "The customers of {company} are {n} hundred clinics, shops and schools that use its {thing}.",
    "We measure {thing} by how often they break and how fast they recover.",
    "The interview has a take-home exercise on {thing} and a call with {who}.",
    "You will help plan the move of our {thing} from {tech} to {tech2}.",
    "{company} replies to every application for the {team} team, including the ones it turns down.",
    "Training budget at {company}: {lo} hundred euros a year, for books on {tech} or {tech2}, courses or conferences.",
    "Parental leave at {company} is {m} months at full pay for every parent, in {city} as elsewhere.",
    "The {team} roadmap for {thing} is public, and you can comment on it.",
    "{company} holds a hack week every {day}, and {thing} were built in the last one.",
    "Code review of {thing} usually happens within a day; small changes are welcome.",
    "You will work with {who} at {company} to understand what {thing} are for.",
    "We use {tech} for the {kind2} back end, with {tech2} for the parts that need speed.",
    "Questions about the {team} role at {company} can go to jobs@example.com.",
]
# Sentences holding the wording of `unless` contexts ("competitive salary", "test-driven",
# "not looking for rock stars", "or equivalent experience"): in a one-line posting they
# come once, at the end, so that a context window reaching back to the start of the
# line would have to be scanned in full for every match before them.
_CONTEXTS = [
    "{company} has been in business for over {n} years, and its founders still {verb} {thing}.",
    "A degree is nice to have, but equivalent experience with {tech} counts as much at {company}.",
    "{company} offers a competitive salary, {n} days of paid leave and a learning budget.",
    "Our {thing} are driven by what {who} tell us; test-driven development is how we work.",
    "You will be supported by {who} and a mentor during your first {n} weeks.",
    "{company} is not looking for rock stars, ninjas or gurus on its {team} team.",
    "You will lead developer training on {tech} and {verb} the {thing} docs.",
    "Experience with {tech} is preferred; experience with {tech2} is a plus.",
    "{company} is a young company, funded by customers in {n} countries.",
]
_HEADINGS = {
    "about": "About us",
    "do": "What you will do",
    "need": "Requirements",
    "nice": "Nice to have",
    "offer": "What we offer",
    "pay": "Salary",
    "apply": "How to apply",
    "eeo": "Equal opportunity",
}
_EEO = (
    "We are an equal opportunity employer and do not discriminate on the basis of race, religion, colour, "
    "national origin, gender, sexual orientation, age, marital status or disability status."
)


_SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ri", "so", "tu", "va", "ze", "bo", "di", "fa", "gu", "he", "jo", "ku", "la", "me", "ni"]


def company_name(rng: random.Random) -> str:
    """An employer's name made of syllables ("Kalomi"): 8,000 of them, so a file of
    postings from many employers does not repeat itself sentence for sentence."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).title()


def _sentence(rng: random.Random, pool: list[str] | None = None, company: str | None = None) -> str:
    if pool is None:
        pool = _PLAIN if rng.random() < 0.7 else _SENTENCES + _CONTEXTS
    template = rng.choice(pool)
    pick = {key: rng.choice(words) for key, words in _WORDS.items()}
    # A qualified noun ("refund exports"): enough combinations that sentences of
    # thousands of postings rarely repeat word for word, as in real text.
    pick["kind2"] = rng.choice(_WORDS["kind"])
    pick["thing"] = f"{pick.pop('kind')} {pick['thing']}"
    lo = rng.randrange(40, 160)
    return template.format(
        **pick,
        company=company or company_name(rng),
        tech2=rng.choice(_WORDS["tech"]),
        city2=rng.choice(_WORDS["city"]),
        n=rng.randrange(2, 60),
        m=rng.randrange(2, 12),
        weekday=rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday"]),
        day=rng.choice(["week", "month", "sprint", "quarter"]),
        lo=lo,
        hi=lo + rng.randrange(10, 60),
    )


_PUNCTUATION = re.compile(r"[.!?;:]")


def one_line(size: int, punctuation: bool = True, seed: int = 13) -> str:
    """A posting of `size` characters with no line break: sentences joined by spaces.

    Without `punctuation`, no character that ends a sentence is left (. ! ? ; :),
    so every lookup of "the sentence around a match" reaches the window's edge.
    """
    rng = random.Random(seed)
    closing = " ".join(_sentence(rng, [c]) for c in _CONTEXTS)
    parts: list[str] = []
    total = len(closing)
    while total < size:
        s = _sentence(rng, _PLAIN if rng.random() < 0.7 else _SENTENCES)
        parts.append(s)
        total += len(s) + 1
    text = " ".join(parts)[: max(size - len(closing) - 1, 0)].rsplit(" ", 1)[0] + " " + closing
    return text if punctuation else _PUNCTUATION.sub("", text)


def posting(rng: random.Random, number: int) -> str:
    """One posting of ordinary shape: title, headings, paragraphs and lists."""
    team, city, company = rng.choice(_WORDS["team"]), rng.choice(_WORDS["city"]), company_name(rng)
    out = [f"Senior Engineer, {team.title()} ({city}) at {company} #{number}", ""]
    for key, heading in _HEADINGS.items():
        out += [heading, ""]
        if key == "eeo":
            out.append(_EEO)
        elif key in ("about", "apply", "pay"):
            out.append(" ".join(_sentence(rng, company=company) for _ in range(rng.randrange(2, 5))))
        else:
            out += [f"- {_sentence(rng, company=company)}" for _ in range(rng.randrange(3, 8))]
        out.append("")
    return "\n".join(out)


def multi_line(size: int, seed: int = 13) -> str:
    """A file of `size` characters holding one posting after another."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        p = posting(rng, len(parts) + 1)
        parts.append(p)
        total += len(p) + 1
    return "\n".join(parts)[:size]


def long_posting(size: int, seed: int = 13) -> str:
    """One posting of `size` characters: one title, the sections repeated under it."""
    rng = random.Random(seed)
    head = f"Senior Engineer, {rng.choice(_WORDS['team']).title()}\n\n"
    body = multi_line(size, seed)
    # Later postings' titles become ordinary lines: one posting, many sections.
    return (head + body)[:size]


CASES = {  # name -> (command after `posting-assistant`, input maker, file name, max s, max MiB or None)
    "one-line-5mb": (["lint", "--format", "json", "--fail-on", "never"], lambda k: one_line(5 * MB // k), "one-line.txt", 3.0, None),
    "one-line-nopunct": (["lint", "--format", "json", "--fail-on", "never"], lambda k: one_line(5 * MB // k, punctuation=False), "no-punctuation.txt", 3.0, None),
    "multi-line-20mb": (["lint", "--format", "json", "--fail-on", "never"], lambda k: multi_line(20 * MB // k), "many.md", 10.0, 300.0),
    "rewrite-1mb": (["rewrite", "--provider", "rules", "--format", "json"], lambda k: long_posting(MB // k), "long.md", 5.0, None),
    "rewrite-1mb-one-line": (["rewrite", "--provider", "rules", "--format", "json"], lambda k: one_line(MB // k), "long-line.txt", 5.0, None),
}


# ---------------------------------------------------------------------------
# Running.


def command() -> list[str]:
    """The console script installed next to this interpreter, else `python -m assistant`."""
    script = Path(sys.executable).parent / "posting-assistant"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "assistant"]


def run_once(argv: list[str], cwd: Path, timeout: float) -> dict:
    """One child: wall seconds, peak RSS (MiB), exit code, and whether stdout is JSON.

    stdout goes to a temporary file so that the child never waits on a full pipe;
    it is parsed in another process, so this one does not grow (a child forked from
    a big parent reports the parent's pages as its own peak). A child still running
    after `timeout` seconds is killed: quadratic code on these inputs runs for hours.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=CHILD_ENV)
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        timed_out = not killer.is_alive() and wall >= timeout
        killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.flush()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace").strip()
        code = (
            "import json,sys; d=json.load(open(sys.argv[1]))\n"
            "r=d['results'] if 'results' in d else [d]\n"
            "print(sum(len(x.get('findings', x.get('accepted', []))) for x in r), sum(len(x.get('refused', [])) for x in r))"
        )
        path = f"/proc/self/fd/{out.fileno()}"
        proc = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, pass_fds=(out.fileno(),))
    counts = proc.stdout.split()
    return {
        "wall": wall,
        "peak_mib": usage.ru_maxrss / 1024,
        "rc": child.returncode,
        "counts": list(map(int, counts)) if len(counts) == 2 else None,
        "stderr_tail": stderr.splitlines()[-1][:160] if stderr else "",
        "timed_out": timed_out,
    }


def run_case(name: str, cmd: list[str], folder: Path, runs: int, divisor: int, timeout: float) -> dict:
    args, make, filename, max_s, max_mib = CASES[name]
    path = folder / (filename if divisor == 1 else f"small-{filename}")
    if not path.exists():  # kept from an earlier run with --keep: the same bytes
        path.write_text(make(divisor), encoding="utf-8")
    size = path.stat().st_size
    print(f"{name}: {size / MB:.1f} MB, {runs} run(s) ...", flush=True)
    samples = []
    for _ in range(runs):
        samples.append(run_once(cmd + args + [str(path)], folder, timeout))
        if samples[-1]["timed_out"]:
            break  # another run would only take as long
    # A run that failed is fast but says nothing: lint exits 0 (--fail-on never),
    # rewrite 0 or 1 (edits left to make); anything else, or no JSON, is a failure.
    bad = [s for s in samples if s["rc"] not in (0, 1) or s["counts"] is None]
    last = (bad or samples)[-1]
    walls = [s["wall"] for s in samples]
    median = statistics.median(walls)
    peak = max(s["peak_mib"] for s in samples)
    checked = divisor == 1
    passed = not bad and (not checked or (median <= max_s and (max_mib is None or peak <= max_mib)))
    note = f"  exit={last['rc']} counts={last['counts']}"
    if last["timed_out"]:
        note += f"  <-- killed after {timeout:g} s"
    elif bad:
        note += f"  <-- {len(bad)} of {runs} run(s) FAILED: {last['stderr_tail']}"
    print(note)
    return {
        "case": name,
        "bytes": size,
        "runs": runs,
        "median_s": median,
        "all_s": walls,
        "peak_rss_mib": peak,
        "budget_s": max_s,
        "budget_mib": max_mib,
        "budget_checked": checked,
        "pass": passed,
        "failed_runs": len(bad),
        "timed_out": last["timed_out"],
        "counts": last["counts"],
    }


def print_table(rows: list[dict]) -> None:
    head = f"{'case':<22} {'MB':>5} {'median s':>9} {'peak MiB':>9}  {'budget':<18} result"
    print("\n" + head + "\n" + "-" * len(head))
    for r in rows:
        budget = f"<= {r['budget_s']:g} s" + (f", {r['budget_mib']:g} MiB" if r["budget_mib"] else "")
        verdict = "TIMEOUT" if r["timed_out"] else "FAILED" if r["failed_runs"] else ("pass" if r["pass"] else "FAIL") if r["budget_checked"] else "(not checked)"
        median = f">{r['median_s']:.0f}" if r["timed_out"] else f"{r['median_s']:.2f}"
        print(f"{r['case']:<22} {r['bytes'] / MB:>5.1f} {median:>9} {r['peak_rss_mib']:>9.1f}  {budget:<18} {verdict}")


def machine() -> dict:
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per case (default 3)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds after which a run is killed and counted as failed (default 300)")
    ap.add_argument("--small", action="store_true", help="inputs a tenth of the size; budgets not checked")
    ap.add_argument("--only", action="append", choices=sorted(CASES), metavar="CASE", help="run only this case (repeatable)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures to this JSON file")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="write the inputs here and keep them (default: a temporary folder)")
    args = ap.parse_args()

    cmd = command()
    divisor = 10 if args.small else 1
    names = args.only or list(CASES)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"command: {' '.join(cmd)} ...; inputs in {folder}")
        for name in names:
            rows.append(run_case(name, cmd, folder, args.runs, divisor, args.timeout))
    print_table(rows)
    if args.json:
        doc = {"machine": machine(), "command": cmd, "small": args.small, "cases": rows}
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0 if all(r["pass"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
