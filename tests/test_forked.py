"""The forked map behind `lint --jobs`: same results, same order, no lost work.

Which process takes which chunk is up to the scheduler, so no test here waits a
while and hopes: where a test needs a child to have done some work, or this process
to have done some, the processes tell each other through a pipe (`Handshake`) and
wait for it. `no_hang` turns a wait that never ends into a failure.
"""

from __future__ import annotations

import os

import pytest

from assistant._forked import ordered_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

PARENT = os.getpid()


@pytest.fixture(autouse=True)
def no_hang():
    """A lost result, or a handshake nobody answers, would make the parent wait
    forever: fail instead."""
    import signal

    def alarm(*_):
        raise TimeoutError("ordered_map hung")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


class Handshake:
    """A pipe one process says something through, and another waits on.

    Made before `ordered_map` forks, so every child inherits both ends: `tell` writes
    one byte per listener, `hear` blocks until a byte is there and returns what it says.
    """

    def __init__(self):
        self.r, self.w = os.pipe()

    def tell(self, what: int = 0, listeners: int = 1) -> None:
        os.write(self.w, bytes([what]) * listeners)

    def hear(self) -> int:
        return os.read(self.r, 1)[0]

    def close(self) -> None:
        os.close(self.r)
        os.close(self.w)


@pytest.fixture
def handshakes():
    made: list[Handshake] = []

    def make() -> Handshake:
        made.append(Handshake())
        return made[-1]

    yield make
    for h in made:
        h.close()


def first_call_here(seen: dict) -> bool:
    """True once per process: a child's copy of `seen` is its own after the fork."""
    pid = os.getpid()
    if pid in seen:
        return False
    seen[pid] = True
    return True


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


@pytest.mark.parametrize("processes", [1, 2, 3])
@pytest.mark.parametrize("n", [0, 1, 5, 200])
def test_results_in_input_order(processes, n):
    results = list(ordered_map(square_and_pid, list(range(n)), processes))
    assert [r for r, _ in results] == [x * x for x in range(n)]


def test_work_is_shared_between_processes(handshakes):
    """Children do part of the work, and so does this process: each process's first item
    waits until the other side has started one (a child holds one chunk while it waits,
    so chunks are left for this process to claim)."""
    parent_started, child_started = handshakes(), handshakes()
    seen: dict = {}

    def item(x):
        if first_call_here(seen):
            if os.getpid() == PARENT:
                parent_started.tell(listeners=2)  # one byte for each child
                child_started.hear()
            else:
                child_started.tell()
                parent_started.hear()
        return os.getpid()

    pids = list(ordered_map(item, list(range(60)), 3))
    assert len(pids) == 60
    assert PARENT in pids and len(set(pids)) >= 2


def test_a_child_that_dies_loses_no_result(handshakes):
    """The child dies on the second item of its first chunk, after computing the first
    (results go back a chunk at a time, so both are lost with it); this process waits
    for that before it computes anything, so the crash always happens."""
    died_on = handshakes()
    seen: dict = {}

    def dies_on_its_second_item(x):
        if os.getpid() == PARENT:
            if first_call_here(seen):
                seen["died on"] = died_on.hear()
        elif not first_call_here(seen):
            died_on.tell(x)
            os._exit(3)  # a crash in a child, mid-chunk
        return x, os.getpid()

    results = list(ordered_map(dies_on_its_second_item, list(range(40)), 2))
    assert [x for x, _ in results] == list(range(40))
    lost = seen["died on"]
    assert lost % 2 == 1  # chunks are two items long here: the second of a chunk
    assert dict(results)[lost] == PARENT  # recomputed here
    assert dict(results)[lost - 1] == PARENT  # computed by the child, never delivered


def test_an_error_in_this_process_propagates_and_children_are_reaped(handshakes):
    """The child waits on its first item for word that never comes, so it can claim
    one chunk at most and this process is sure to get one, and to raise."""
    never = handshakes()

    def fails_here(x):
        if os.getpid() == PARENT:
            raise ValueError("boom")
        never.hear()  # until ordered_map ends the child
        return x

    with pytest.raises(ValueError, match="boom"):
        list(ordered_map(fails_here, list(range(50)), 2))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_stopping_early_ends_the_children():
    results = ordered_map(square_and_pid, list(range(500)), 2)
    assert next(results)[0] == 0
    results.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_a_parent_that_only_collects_does_none_of_the_work():
    """The review's model stage: this process sends requests while the workers lint."""
    results = list(ordered_map(square_and_pid, list(range(40)), 1, parent_works=False))
    assert [r for r, _ in results] == [x * x for x in range(40)]
    assert PARENT not in {pid for _, pid in results}
