"""The accuracy harness: labels stored as offsets, the arithmetic, the script's skips.

The posting and its labels under tests/fixtures/accuracy/ were written for these tests
(no corpus text); the fixture folder is laid out as a corpus is.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402
import accuracy_metrics as metrics  # noqa: E402
import label_store  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "accuracy"
CORPUS = FIXTURES / "corpus"
LABELS = FIXTURES / "labels"
POSTING = "postings/demo-board/data-wrangler.md"


def _labels() -> dict:
    return json.loads((LABELS / "demo-board__data-wrangler.json").read_text(encoding="utf-8"))


def _text() -> str:
    return (CORPUS / POSTING).read_bytes().decode("utf-8")


# ------------------------------------------------------------------ the converter
def test_each_quote_becomes_the_offsets_where_it_stands():
    text, digest = label_store.read_corpus_text(CORPUS / POSTING)
    record = label_store.convert(_labels(), text, digest)
    quotes = {(item["label"], text[item["start"] : item["end"]]) for item in record["labels"]}
    assert ("years", "3+ years of Python") in quotes
    assert ("exclusionary/culture", "work hard, play hard") in quotes
    assert ("title", "Data Wrangler") in quotes
    assert ("section/eeo", "We are an equal opportunity employer") in quotes
    assert record["sha256"] == hashlib.sha256((CORPUS / POSTING).read_bytes()).hexdigest()
    assert record["pay"] == {"stated": True, "min": 48000, "max": 56000, "currency": "EUR", "period": "year", "estimate": False}
    assert record["location"] == {"stated": True, "remote": "hybrid"}
    assert record["sections"]["nice_to_have"] is True and record["sections"]["benefits"] is False


def test_no_quote_text_is_stored():
    text, digest = label_store.read_corpus_text(CORPUS / POSTING)
    stored = json.dumps(label_store.convert(_labels(), text, digest))
    for quote in ("Data Wrangler", "rockstar", "Lead the design", "hero word", "written for the tests"):
        assert quote not in stored


def test_a_repeated_quote_takes_the_next_occurrence():
    text = "Needs 2 years of Go. Also 2 years of Go for the tools.\n"
    record = label_store.convert({"path": "p", "years": [{"quote": "2 years of Go"}, {"quote": "2 years of Go"}]}, text, "x")
    starts = [i["start"] for i in record["labels"] if i["label"] == "years"]
    assert starts == [6, 26]


def test_a_quote_copied_with_plain_line_breaks_is_found_in_a_crlf_file():
    text = "Title\r\nFirst line\r\nsecond line\r\n"
    record = label_store.convert({"path": "p", "innocuous": [{"quote": "First line\nsecond"}]}, text, "x")
    (item,) = record["labels"]
    assert text[item["start"] : item["end"]] == "First line\r\nsecond"


def test_a_quote_not_in_the_file_is_an_error_naming_the_file_not_the_quote():
    labels = _labels()
    labels["years"].append({"quote": "ten years of Fortran"})
    text, digest = label_store.read_corpus_text(CORPUS / POSTING)
    with pytest.raises(label_store.LabelError) as caught:
        label_store.convert(labels, text, digest, "demo-board__data-wrangler.json")
    assert "demo-board__data-wrangler.json" in str(caught.value)
    assert "Fortran" not in str(caught.value)


def test_the_split_depends_on_the_path_only_and_holds_out_about_30_percent():
    assert label_store.split_for(POSTING) == label_store.split_for(POSTING)
    paths = [f"postings/source-{i % 7}/posting-{i}.md" for i in range(2000)]
    held = sum(label_store.split_for(p) == "heldout" for p in paths) / len(paths)
    assert 0.26 < held < 0.34
    # pinned: a change of the hash would move labelled postings between the splits
    assert [label_store.split_for(p) for p in paths[:8]] == ["heldout", "dev", "dev", "heldout", "dev", "dev", "dev", "dev"]


def test_import_is_idempotent_and_leaves_out_a_broken_file(tmp_path):
    src = tmp_path / "labels"
    shutil.copytree(LABELS, src)
    broken = _labels()
    broken["path"] = POSTING.replace("data-wrangler", "missing-posting")
    (src / "demo-board__missing-posting.json").write_text(json.dumps(broken), encoding="utf-8")
    out = tmp_path / "store"
    counts, errors = label_store.import_labels(src, CORPUS, out)
    assert counts == {"demo-board": 2}
    assert len(errors) == 1 and "demo-board__missing-posting.json" in errors[0]
    first = (out / "demo-board.jsonl").read_bytes()
    label_store.import_labels(src, CORPUS, out)
    assert (out / "demo-board.jsonl").read_bytes() == first
    record = next(r for r in label_store.load_records(out) if r["path"] == POSTING)
    assert record["split"] == label_store.split_for(POSTING)


# ------------------------------------------------------------------ the arithmetic
def test_presence_counts_give_hand_computed_f1():
    total = metrics.Counts()
    for engine, label in [(True, True), (True, True), (True, False), (False, True), (False, False)]:
        total.add(metrics.presence(engine, label))
    assert (total.tp, total.fp, total.fn, total.tn) == (2, 1, 1, 1)
    assert total.precision == pytest.approx(2 / 3)
    assert total.recall == pytest.approx(2 / 3)
    assert total.f1 == pytest.approx(2 / 3)
    assert total.accuracy == pytest.approx(3 / 5)


def test_mentions_match_by_overlap_precision_and_recall_apart():
    # Finding (0, 5) covers two labels; (10, 12) touches none; label (20, 25) is missed.
    found = [(0, 5), (10, 12)]
    labelled = [(1, 2), (3, 4), (20, 25)]
    counts, fps, fns = metrics.mentions(found, labelled)
    assert counts.precision == pytest.approx(1 / 2)
    assert counts.recall == pytest.approx(2 / 3)
    assert counts.f1 == pytest.approx(2 * (1 / 2) * (2 / 3) / (1 / 2 + 2 / 3))
    assert fps == [1] and fns == [2]


def test_spans_that_only_touch_do_not_match():
    counts, _, _ = metrics.mentions([(0, 5)], [(5, 9)])
    assert counts.precision == 0 and counts.recall == 0 and counts.f1 == 0


def test_empty_sides_say_nothing_or_zero():
    assert metrics.Counts().f1 is None
    assert metrics.mentions([], [(0, 3)])[0].f1 == 0.0
    assert metrics.macro_f1({"a": metrics.Counts(tp=1), "b": metrics.Counts(fp=1), "c": metrics.Counts()}) == pytest.approx(0.5)


def test_hit_rate_counts_labels_any_finding_overlaps():
    hit, hits = metrics.hit_rate([(0, 4), (10, 14), (20, 24)], [(2, 3), (22, 30)])
    assert hit == 2 and hits == [0, 2]


# ------------------------------------------------------------------ the script
def test_the_script_skips_without_a_corpus(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("POSTING_ASSISTANT_CORPUS", raising=False)
    assert accuracy.main(["--corpus", str(tmp_path / "nowhere")]) == 0
    assert "skipped" in capsys.readouterr().out


def test_the_script_finds_the_corpus_from_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("POSTING_ASSISTANT_CORPUS", str(tmp_path / "nowhere"))
    assert accuracy.main([]) == 0
    assert str(tmp_path / "nowhere") in capsys.readouterr().out


def _store(tmp_path) -> Path:
    out = tmp_path / "store"
    label_store.import_labels(LABELS, CORPUS, out)
    return out


def test_the_script_measures_the_fixture(tmp_path, capsys):
    out = _store(tmp_path)
    assert accuracy.main(["--corpus", str(CORPUS), "--labels", str(out), "--split", "all", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["splits"]["all"]
    assert figures["postings"] == 2
    assert figures["unplaced_labels"] == 0  # the HTML posting's quotes (entities and all) were found in its text
    assert figures["pay"]["f1"] == 1.0
    assert figures["eeo"]["f1"] == 1.0
    assert figures["title"]["overlap"] == 1.0
    assert figures["exclusionary"]["tp"] + figures["exclusionary"]["fn"] == 3
    assert figures["innocuous"]["labelled"] == 3
    by_rule = figures["missing"]["by_rule"]
    assert sum(c["right"] + c["wrong"] for c in by_rule.values()) == figures["missing"]["right"] + figures["missing"]["wrong"]


def test_a_label_in_an_html_posting_is_placed_on_its_words_in_the_extracted_text(tmp_path):
    from accuracy_engine import Linter

    (record,) = [r for r in label_store.load_records(_store(tmp_path)) if r["path"].endswith(".html")]
    view = Linter().view(CORPUS / record["path"])
    placed = {i["label"]: view.place(i["start"], i["end"]) for i in record["labels"]}
    a, b = placed["years"]
    assert view.text[a:b] == "4+ years of experience with Go"
    a, b = placed["section/company"]
    assert view.text[a:b] == "We're a four-person team"


def test_explain_shows_excerpts_and_markdown_is_a_table(tmp_path, capsys):
    out = _store(tmp_path)
    accuracy.main(["--corpus", str(CORPUS), "--labels", str(out), "--split", "all", "--explain", "sections"])
    assert "sections, all" in capsys.readouterr().out
    accuracy.main(["--corpus", str(CORPUS), "--labels", str(out), "--markdown"])
    table = capsys.readouterr().out
    assert table.startswith("| metric | measure | dev | heldout | target")


def test_a_changed_corpus_file_is_reported_and_skipped(tmp_path, capsys):
    out = _store(tmp_path)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    with (corpus / POSTING).open("a", encoding="utf-8") as handle:
        handle.write("\nOne more line.\n")
    assert accuracy.main(["--corpus", str(corpus), "--labels", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    assert "changed since it was labelled" in captured.err
    assert json.loads(captured.out)["skipped"] == 1  # the other posting is still measured


def test_a_finding_on_a_repeat_of_labelled_words_is_right_but_recall_is_over_the_labels():
    from accuracy_engine import Found

    text = "Needs 4 years of Rust work. Body again: Needs 4 years of Rust work. And 2 years of C.\n"
    first = text.index("4 years of Rust")
    labelled = [(first, first + len("4 years of Rust"))]
    again = text.index("4 years of Rust", first + 1)
    found = [Found("r", first, first + 7), Found("r", again, again + 7), Found("r", text.index("2 years"), text.index("2 years") + 7)]
    tally = accuracy.Tally()
    accuracy._mention(tally, "years", "p", found, labelled, text)
    assert (tally.years.tp_found, tally.years.fp) == (2, 1)  # the repeat is right, "2 years" is not labelled
    assert (tally.years.tp, tally.years.fn) == (1, 0)
    assert [e[3] for e in tally.errors["years"]] == [found[2].span]
