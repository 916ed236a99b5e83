"""File discovery, in `document/discover.py`: what a list of paths means to each command.

`lint` and the API take files and folders; `review` takes globs as well. Both walk a
folder the same way, and these pin how.
"""

from __future__ import annotations

import assistant
from assistant.document.discover import discover, expand
from assistant.review import runner


def _tree(tmp_path):
    for name in ("b.md", "a.txt", "sub/c.html", "sub/d.json", "node_modules/x.txt", ".git/y.md", "notes.pdf"):
        path = tmp_path / "jobs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Engineer\n", encoding="utf-8")
    return tmp_path / "jobs"


def test_a_folder_means_its_posting_files_sorted_without_json_or_tool_folders(tmp_path):
    jobs = _tree(tmp_path)
    assert list(discover([jobs])) == [(str(jobs / n), None) for n in ("a.txt", "b.md", "sub/c.html")]


def test_a_named_file_is_taken_as_named_and_a_missing_one_says_why(tmp_path):
    jobs = _tree(tmp_path)
    found = list(discover(["-", jobs / "sub" / "d.json", tmp_path / "nothing.txt"]))
    assert found[:2] == [("-", None), (str(jobs / "sub" / "d.json"), None)]
    assert found[2][0] == str(tmp_path / "nothing.txt") and found[2][1]


def test_review_globs_take_json_too_and_each_file_once(tmp_path):
    jobs = _tree(tmp_path)
    found = expand([f"{jobs}/**/*.*", jobs / "a.txt", f"{jobs}/*.nothing"])
    paths = [p for p, problem in found if problem is None]
    assert str(jobs / "sub" / "d.json") in paths and str(jobs / "notes.pdf") in paths
    assert len(paths) == len(set(paths))
    assert found[-1] == (f"{jobs}/*.nothing", "no file matches this pattern")


def test_one_home_public_where_it_was():
    assert assistant.discover is discover
    assert runner.expand is expand
