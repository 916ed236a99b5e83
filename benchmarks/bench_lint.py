"""Wall-time and memory benchmark of the `posting-assistant lint` command.

Why whole processes: `lint` runs in CI and pre-commit hooks, where what users wait
for is interpreter start-up + imports + rubric loading + linting + JSON output. A
micro-benchmark of `Engine.lint` would hide the start-up cost, which dominates for
one file. So each run starts the console script as a child process, times it from
spawn to exit, and reads the child's own peak RSS with `os.wait4` (ru_maxrss, KiB
on Linux), which is per child and therefore exact.

Scenarios and budgets:

  (a) one seed file          N runs after 2 warm-ups   median <= 0.060 s
  (b) 200 corpus postings    5 runs after 1 warm-up    median <= 0.25 s
  (c) the whole corpus       3 runs                    median <= 5 s, peak <= 100 MiB

(b) takes every k-th line of POSTINGS.txt, so the selection mixes all sources and is
the same on every machine and every run. (c) passes every listed path as an
argument (about 200 KB, well under ARG_MAX); only if the OS refuses (E2BIG) does it
fall back to the folders holding them, which also picks up non-posting files, so the
number of results is always printed and compared with the listing.

Usage: .venv/bin/python benchmarks/bench_lint.py [--runs N] [--corpus DIR] [--json OUT]
Exits 1 when a scenario misses its budget. Stdlib only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
LINT_ARGS = ["lint", "--format", "json", "--fail-on", "never"]
BUDGETS = {  # scenario -> (max median seconds, max peak MiB or None)
    "one-file": (0.060, None),
    "200-postings": (0.25, None),
    "whole-corpus": (5.0, 100.0),
}


def command() -> list[str]:
    """The console script installed next to this interpreter, else `python -m assistant`."""
    script = Path(sys.executable).parent / "posting-assistant"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "assistant"]


# As a user's install runs: with byte-code caches (pip writes them at install time;
# a development shell may forbid writing them, which costs every run ~35 ms).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def count_results(out) -> tuple[int | None, int | None]:
    """Results and errors in the JSON output, counted in a separate process.

    Parsing 20+ MB of JSON here would grow this process, and the next child, forked
    from it, would then report this process's memory as its own peak RSS.
    """
    out.flush()
    code = "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['results']), len(d['errors']))"
    path = f"/proc/self/fd/{out.fileno()}"
    proc = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, pass_fds=(out.fileno(),))
    try:
        results, errors = map(int, proc.stdout.split())
    except ValueError:
        return None, None
    return results, errors


def run_once(argv: list[str], cwd: Path) -> dict:
    """Run one child; return wall seconds, peak RSS (MiB), exit code, result/error counts.

    stdout goes to a temporary file rather than a pipe, so the parent never has to
    drain it while timing and the child is never blocked by a full pipe.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=CHILD_ENV)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)  # already reaped; keep Popen quiet
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        results, errors = count_results(out)
    return {
        "wall": wall,
        "peak_mib": usage.ru_maxrss / 1024,
        "rc": child.returncode,
        "results": results,
        "errors": errors,
        "stderr_tail": stderr.strip().splitlines()[-1:] if stderr.strip() else [],
    }


def spawn_args(cmd: list[str], paths: list[str], corpus: Path) -> tuple[list[str], str]:
    """Arguments for linting `paths`; falls back to their folders if the list is too long."""
    argv = cmd + LINT_ARGS + paths
    try:  # probe once with a trivial program: does the OS accept this argument list?
        subprocess.run([sys.executable, "-S", "-c", "pass", *paths], check=False)
        return argv, "files"
    except OSError as exc:
        if exc.errno != errno.E2BIG:
            raise
    folders = sorted({str(Path(p).parent) for p in paths})
    print(f"  argument list too long for {len(paths)} paths; passing {len(folders)} folders instead")
    return cmd + LINT_ARGS + folders, "folders"


def scenario(name: str, argv: list[str], cwd: Path, runs: int, warmups: int, expected: int) -> dict:
    print(f"{name}: {warmups} warm-up(s), {runs} run(s) ...", flush=True)
    for _ in range(warmups):
        run_once(argv, cwd)
    samples = [run_once(argv, cwd) for _ in range(runs)]
    # Every run must lint every input: a run that crashed early is fast but meaningless.
    bad = [s for s in samples if s["results"] is None or s["results"] + s["errors"] != expected]
    last = (bad or samples)[-1]
    note = f"  results={last['results']} errors={last['errors']} (expected {expected}) exit={last['rc']}"
    if bad:
        note += f"  <-- {len(bad)} of {runs} run(s) INVALID"
    if last["stderr_tail"]:
        note += f"\n  stderr: {last['stderr_tail'][0][:160]}"
    print(note)
    walls = [s["wall"] for s in samples]
    max_s, max_mib = BUDGETS[name]
    median = statistics.median(walls)
    peak = max(s["peak_mib"] for s in samples)
    passed = not bad and median <= max_s and (max_mib is None or peak <= max_mib)
    return {
        "scenario": name,
        "runs": runs,
        "warmups": warmups,
        "median_s": median,
        "min_s": min(walls),
        "max_s": max(walls),
        "all_s": walls,
        "peak_rss_mib": peak,
        "budget_s": max_s,
        "budget_mib": max_mib,
        "pass": passed,
        "invalid_runs": len(bad),
        "expected_inputs": expected,
        "results": last["results"],
        "errors": last["errors"],
        "exit_code": last["rc"],
    }


def print_table(rows: list[dict]) -> None:
    head = f"{'scenario':<14} {'median s':>9} {'min s':>8} {'max s':>8} {'peak MiB':>9}  {'budget':<18} result"
    print("\n" + head + "\n" + "-" * len(head))
    for r in rows:
        budget = f"<= {r['budget_s']:g} s" + (f", {r['budget_mib']:g} MiB" if r["budget_mib"] else "")
        print(
            f"{r['scenario']:<14} {r['median_s']:>9.3f} {r['min_s']:>8.3f} {r['max_s']:>8.3f} "
            f"{r['peak_rss_mib']:>9.1f}  {budget:<18} {'INVALID' if r['invalid_runs'] else 'pass' if r['pass'] else 'FAIL'}"
        )


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
    ap.add_argument("--runs", type=int, default=15, help="runs for the one-file scenario (default 15)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder holding POSTINGS.txt")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures to this JSON file")
    args = ap.parse_args()

    cmd = command()
    print(f"command: {' '.join(cmd)} {' '.join(LINT_ARGS)} ...")
    rows = []

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if not seeds:
        print("no seeds/*.txt: skipping the one-file scenario")
    else:
        print(f"seed: {seeds[0].relative_to(ROOT)}")
        rows.append(scenario("one-file", cmd + LINT_ARGS + [str(seeds[0])], ROOT, args.runs, 2, 1))

    listing = args.corpus / "POSTINGS.txt"
    if not listing.is_file():
        print(f"corpus not found ({listing}): skipping the 200-postings and whole-corpus scenarios")
    else:
        paths = [line.strip() for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()]
        step = max(1, len(paths) // 200)
        picked = paths[::step][:200]
        rows.append(scenario("200-postings", cmd + LINT_ARGS + picked, args.corpus, 5, 1, len(picked)))
        argv, mode = spawn_args(cmd, paths, args.corpus)
        row = scenario("whole-corpus", argv, args.corpus, 3, 0, len(paths))
        row["passed_as"] = mode
        rows.append(row)

    print_table(rows)
    if args.json:
        doc = {"machine": machine(), "command": cmd + LINT_ARGS, "scenarios": rows}
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0 if all(r["pass"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
