"""The forked map behind `lint --jobs`: same results, same order, no lost work."""

from __future__ import annotations

import os

import pytest

from assistant._forked import ordered_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

PARENT = os.getpid()


@pytest.fixture(autouse=True)
def no_hang():
    """A lost result would make the parent wait forever: fail instead."""
    import signal

    def alarm(*_):
        raise TimeoutError("ordered_map hung")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


@pytest.mark.parametrize("processes", [1, 2, 3])
@pytest.mark.parametrize("n", [0, 1, 5, 200])
def test_results_in_input_order(processes, n):
    results = list(ordered_map(square_and_pid, list(range(n)), processes))
    assert [r for r, _ in results] == [x * x for x in range(n)]


def test_work_is_shared_between_processes():
    """Children do part of the work (slow items, so the parent cannot take them all)."""
    import time

    def slow(x):
        time.sleep(0.005)
        return os.getpid()

    pids = set(ordered_map(slow, list(range(60)), 3))
    assert PARENT in pids and len(pids) >= 2


def test_a_child_that_dies_loses_no_result():
    import time

    def dies_on_seven(x):
        if os.getpid() == PARENT:
            time.sleep(0.01)  # so a child claims most chunks, item 7's among them
        elif x == 7:
            os._exit(3)  # a crash in a child, mid-chunk
        return x, os.getpid()

    results = list(ordered_map(dies_on_seven, list(range(40)), 2))
    assert [x for x, _ in results] == list(range(40))
    assert dict(results)[7] == PARENT  # recomputed here


def test_an_error_in_this_process_propagates_and_children_are_reaped():
    def fails(x):
        if os.getpid() == PARENT and x >= 0:
            raise ValueError("boom")
        return x

    with pytest.raises(ValueError, match="boom"):
        list(ordered_map(fails, list(range(50)), 2))
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
