"""Benchmark of `posting-assistant review`: offline throughput, and the model's part.

  (a) 1,000 corpus postings reviewed offline into a results file: wall time of the
      whole process and its peak memory (the largest process: workers are forks).
  (b) 100 postings with `--rewrite --provider openai --concurrency 8` against a local
      server that answers each request in 200 ms. Ideal: 100 / 8 × 0.2 s = 2.5 s on top
      of reviewing the same 100 offline; budget 1.3 × that. The server keeps every
      request's messages: the share of their characters that all of them hold as one
      common prefix (what OpenAI's or vLLM's prefix cache can reuse) must be ≥ 60%.

Each run is a fresh child process, timed from spawn to exit, with the child's peak RSS
from os.wait4 (as bench_lint.py does). The server is a stdlib ThreadingHTTPServer in
this process; it counts the requests it answers.

Usage: .venv/bin/python benchmarks/bench_review.py [--corpus DIR] [--postings N]
Needs ../shared/corpus. Exits 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from assistant.llm.prompts import common_prefix_share  # noqa: E402 - after the path is set

DELAY = float(os.environ.get("BENCH_DELAY", "0.2"))
CONCURRENCY = 8
PREFIX_SHARE = 0.6  # of the characters of a run's prompts, shared by all of them from the start


def pick(corpus: Path, n: int) -> list[str]:
    listed = [line.strip() for line in (corpus / "POSTINGS.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(listed) // n)
    return [str(corpus / p) for p in listed[::step][:n]]


def timed(args: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, peak MiB of the child, exit status."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 2):
        print(child.stderr.read().decode(errors="replace"), file=sys.stderr)
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


class SlowModel(BaseHTTPRequestHandler):
    """Answers every chat completion after DELAY seconds with no edits (keeping connections
    open, as a real endpoint does: HTTP/1.0 would add a TCP handshake to every request)."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms wait on the second

    answered = 0
    spans: list[tuple[float, float]] = []
    prompts: list[list[dict]] = []  # the messages of every request, for the common-prefix share
    lock = threading.Lock()

    def do_POST(self):  # noqa: N802 - the http.server hook
        began = time.perf_counter()
        sent = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        time.sleep(DELAY)
        body = json.dumps({
            "id": "x", "object": "chat.completion", "created": 0, "model": "bench",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": '{"edits": [], "summary": "none"}'}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with SlowModel.lock:
            SlowModel.answered += 1
            SlowModel.spans.append((began, time.perf_counter()))
            SlowModel.prompts.append(sent.get("messages") or [])

    def log_message(self, *args):
        pass


class Endpoint(ThreadingHTTPServer):
    """The stdlib's default listen backlog is 5: the client's eight connections, opened at
    once, overflowed it now and then, and the SYN dropped came back a second later (the
    kernel's retransmission timeout), holding one slot for a whole second. An endpoint
    serving real traffic listens with a deeper queue."""

    request_queue_size = 128
    daemon_threads = True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--postings", type=int, default=1000)
    args = parser.parse_args()
    if not (args.corpus / "POSTINGS.txt").is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "OPENAI_API_KEY")}
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        env["POSTING_ASSISTANT_CACHE_DIR"] = str(Path(tmp) / "cache")
        files = pick(args.corpus, args.postings)
        timed(["review", *files[:20], "--out", str(Path(tmp) / "warm.jsonl")], env)  # caches and .pyc
        wall, peak, _ = timed(["review", *files, "--out", str(Path(tmp) / "a.jsonl")], env)
        n = (Path(tmp) / "a.jsonl").read_text(encoding="utf-8").count("\n")
        print(f"(a) {len(files)} files ({n} postings) offline: {wall:.2f} s, peak {peak:.0f} MiB")

        hundred = files[:100]
        lint_wall, _, _ = timed(["review", *hundred, "--out", str(Path(tmp) / "b0.jsonl")], env)
        server = Endpoint(("127.0.0.1", 0), SlowModel)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        online = {**env, "OPENAI_API_KEY": "bench-key", "OPENAI_BASE_URL": f"http://127.0.0.1:{server.server_port}/v1"}
        wall, peak, status = timed(["review", *hundred, "--out", str(Path(tmp) / "b.jsonl"), "--rewrite", "--provider", "openai",
                                    "--concurrency", str(CONCURRENCY), "--no-cache"], online)
        server.shutdown()
        asked = SlowModel.answered
        spans = SlowModel.spans
        events = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans])
        level = peak_level = 0
        for _, step in events:
            level += step
            peak_level = max(peak_level, level)
        first, last = min(a for a, _ in spans), max(b for _, b in spans)
        ideal = asked / CONCURRENCY * DELAY
        extra = wall - lint_wall
        ok = extra <= 1.3 * ideal and status in (0, 2)
        print(f"(b) 100 files, {asked} model requests at {DELAY * 1000:.0f} ms, --concurrency {CONCURRENCY}: {wall:.2f} s;"
              f" offline {lint_wall:.2f} s; the model's part {extra:.2f} s against an ideal {ideal:.2f} s"
              f" ({extra / ideal:.2f}×, budget 1.3×); requests spanned {last - first:.2f} s, at most {peak_level} at once")
        share = common_prefix_share(SlowModel.prompts)
        ok = ok and share >= PREFIX_SHARE
        print(f"    common prefix of the {len(SlowModel.prompts)} prompts: {share:.1%} of their characters"
              f" (budget {PREFIX_SHARE:.0%}: what a provider's prefix cache can reuse)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
