"""A path that fails in a review has one error line in `--out`, however often the review runs."""

from __future__ import annotations

from assistant.cli import main

from .conftest import AS_OF, SEED_000
from .conftest import read_jsonl as _lines


def _review(*args) -> int:
    return main(["review", *map(str, args), "--as-of", AS_OF.isoformat()])


def test_rerunning_a_review_keeps_one_error_line_per_failing_path(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    missing = tmp_path / "gone.txt"
    pattern = str(tmp_path / "nothing-*.md")
    out = tmp_path / "results.jsonl"
    for _ in range(3):
        assert _review(good, missing, pattern, "--out", out) == 2
        err = capsys.readouterr().err
        assert err.count(f"{missing}:") == 1  # and said once on stderr in each run
    records = _lines(out)
    assert [r["path"] for r in records].count(str(missing)) == 1
    assert [r["path"] for r in records].count(pattern) == 1
    assert [r["path"] for r in records].count(str(good)) == 1
    assert len(records) == 3


def test_a_path_that_comes_back_replaces_its_error_line(tmp_path, capsys):
    path = tmp_path / "later.txt"
    out = tmp_path / "results.jsonl"
    assert _review(path, "--out", out) == 2
    path.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    assert _review(path, "--out", out) == 0
    records = _lines(out)
    assert [(r["path"], r["status"]) for r in records] == [(str(path), "ok")]
    path.unlink()
    assert _review(path, "--out", out) == 2
    records = _lines(out)
    assert [(r["path"], r["status"]) for r in records] == [(str(path), "error")]
    capsys.readouterr()
