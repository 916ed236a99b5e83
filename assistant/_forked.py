"""Run a function over many items in forked processes, results in input order.

Why not `multiprocessing.Pool`: importing it costs about 20 ms (sockets, threads,
tempfile, subprocess), a tenth of linting 200 postings, and its pool keeps the
calling process idle while feeding workers through three threads. Here the
calling process works too, and the workers are plain `os.fork` children that
share everything already loaded (engine, compiled patterns) without pickling it.

Work is handed out in chunks through one pipe: the parent writes every chunk
number up front, each process reads four bytes to claim the next chunk (a pipe
read is atomic), so fast workers take more chunks. Each child sends its results
back through its own pipe as (index, length, pickled result) frames; the parent
keeps those that arrive early and yields in order. If a child dies, the parent
computes whatever it never delivered, so a crash costs time, never results.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterator

_MAX_CHUNKS = 8192  # chunk numbers written before any process starts: 32 KiB, under a pipe's 64 KiB


def ordered_map(func: Callable, items: list, processes: int, parent_works: bool = True) -> Iterator:
    """`map(func, items)` spread over `processes` processes, this one included unless
    `parent_works` is false (it then forks `processes` workers and only collects)."""
    forks = processes - 1 if parent_works else processes
    if forks < 1 or len(items) < 2 or not hasattr(os, "fork"):
        yield from map(func, items)
        return
    size = max(2, -(-len(items) // _MAX_CHUNKS))  # small chunks: no process waits long for another at the end
    chunks = [range(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    task_r, task_w = os.pipe()
    os.write(task_w, b"".join(k.to_bytes(4, "little") for k in range(len(chunks))))
    os.close(task_w)  # readers see end-of-file once every chunk is claimed
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # or a child would inherit, and later flush, a copy of the buffer
    children: dict[int, int] = {}  # read end of its result pipe -> pid
    try:
        for _ in range(forks):
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(r)
                for other in children:
                    os.close(other)
                _child(func, items, chunks, task_r, w)  # never returns
            os.close(w)
            children[r] = pid
        yield from _parent(func, items, chunks, task_r, children, claiming=parent_works)
    finally:
        for r, pid in children.items():
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            os.close(r)
            os.waitpid(pid, 0)
        os.close(task_r)


def _child(func, items, chunks, task_r: int, w: int) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends us
        while claimed := os.read(task_r, 4):
            out = []
            for i in chunks[int.from_bytes(claimed, "little")]:
                data = pickle.dumps(func(items[i]), pickle.HIGHEST_PROTOCOL)
                out.append(i.to_bytes(4, "little") + len(data).to_bytes(4, "little") + data)
            _write_all(w, b"".join(out))
    except BaseException:
        code = 1  # whatever was not delivered, the parent computes
    finally:
        os._exit(code)  # no atexit handlers, no flushing of inherited buffers


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _parent(func, items, chunks, task_r: int, children: dict[int, int], claiming: bool) -> Iterator:
    done: dict[int, object] = {}
    buffers = {r: bytearray() for r in children}
    open_pipes = set(children)
    for want in range(len(items)):
        while want not in done:
            # Collect what the children sent, waiting only when there is nothing else to do.
            wait = not claiming and bool(open_pipes)
            ready, _, _ = select.select(list(open_pipes), [], [], None if wait else 0) if open_pipes else ([], [], [])
            for r in ready:
                data = os.read(r, 1 << 20)
                if not data:
                    open_pipes.discard(r)
                    continue
                buf = buffers[r]
                buf += data
                while len(buf) >= 8:
                    length = int.from_bytes(buf[4:8], "little")
                    if len(buf) < 8 + length:
                        break
                    done[int.from_bytes(buf[:4], "little")] = pickle.loads(buf[8 : 8 + length])
                    del buf[: 8 + length]
            if want in done:
                break
            if claiming:
                claimed = os.read(task_r, 4)
                if claimed:
                    for i in chunks[int.from_bytes(claimed, "little")]:
                        done[i] = func(items[i])
                else:
                    claiming = False
            elif not open_pipes:
                done[want] = func(items[want])  # claimed by a child that died before sending it
        yield done.pop(want)
