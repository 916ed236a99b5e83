"""Language detection: what `lint` decides a posting's language is, and how sure it is.

A posting read as the wrong language gets the wrong rules (English word lists on a
German posting, or none on an English one), and the JSON result reports the language
with its confidence. The fixtures are postings written for this project
(tests/fixtures/language/); benchmarks/bench_language.py measures the same sample
against the libraries.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.document import language
from assistant.document.language import UNSURE, detect_language, heuristic_language
from assistant.document.loaders import posting_from_text

FIXTURES = Path(__file__).parent / "fixtures" / "language"
SEED = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))[0]


def _written() -> list[tuple[str, str]]:
    cases = []
    for lang in ("de", "fr", "es", "nl", "sv"):
        data = tomllib.loads((FIXTURES / f"{lang}.toml").read_text(encoding="utf-8"))
        assert data["lang"] == lang and len(data["posting"]) >= 10
        cases += [(lang, p["text"]) for p in data["posting"]]
    return cases


def _mixed(kind: str) -> list[tuple[str, str]]:
    data = tomllib.loads((FIXTURES / "mixed.toml").read_text(encoding="utf-8"))
    return [(p["lang"], p["text"]) for p in data["posting"] if p["kind"] == kind]


WRITTEN = _written()


@pytest.mark.parametrize(("lang", "text"), WRITTEN, ids=[f"{lang}-{i % 10}" for i, (lang, _) in enumerate(WRITTEN)])
def test_each_written_posting_is_read_as_its_language(lang, text):
    code, confidence = detect_language(text)
    assert code == lang
    assert 0.0 <= confidence <= 1.0


@pytest.mark.parametrize(("lang", "text"), _mixed("mixed"))
def test_a_posting_carrying_another_languages_words_keeps_its_own(lang, text):
    """An English posting with a German imprint, a German one full of English tech terms."""
    assert detect_language(text)[0] == lang


@pytest.mark.parametrize(("lang", "text"), _mixed("short"))
def test_a_one_line_posting(lang, text):
    code, confidence = detect_language(text)
    assert code == lang and 0.0 <= confidence <= 1.0


@pytest.mark.parametrize(("lang", "text"), _mixed("other"))
def test_a_language_with_no_word_list_is_not_read_as_english(lang, text):
    """The function words are unsure there, and the library names it."""
    assert heuristic_language(text)[1] < UNSURE
    assert detect_language(text)[0] == lang


@pytest.mark.parametrize("text", ["", "   \n", "12345 — 67", "🙂🙂", "Python, Go, SQL, AWS", "招聘", "ab"])
def test_confidence_stays_in_range_on_text_with_little_to_read(text):
    code, confidence = detect_language(text)
    assert isinstance(code, str) and len(code) >= 2
    assert 0.0 <= confidence <= 1.0


def test_a_tracking_link_never_reaches_the_library(monkeypatch):
    """Few function words send a terse posting to the library; a link's letters are in
    no language (lingua read a page of one as Dutch), so they are taken out first."""
    seen = []

    class Fake:
        def compute_language_confidence_values(self, text):
            seen.append(text)
            return []

    monkeypatch.setattr(language, "_library", lambda: Fake())
    link = "https://jobs.example.com/clk?ad=" + "Zk3QwRtYvBnMx9LpKjHgFdSaq2WeRtYuIoPzXcVbNm" * 6
    text = f"# Test Lead\n\n- Company: Example Staffing\n- Link: {link}\n- Ref: {'Qx7' * 12}\n\nSkills: Python, test automation, Linux.\n"
    assert detect_language(text)[0] == "en"  # the library said nothing: the function words stand
    assert len(seen) == 1
    assert "example.com" not in seen[0] and "Qx7Qx7" not in seen[0]
    assert "Test Lead" in seen[0] and "test automation" in seen[0]


def test_nothing_to_read_is_english_with_no_confidence():
    assert detect_language("") == ("en", 0.0)


def test_a_full_english_posting_is_sure_without_the_library():
    code, confidence = heuristic_language(SEED.read_text(encoding="utf-8"))
    assert code == "en" and confidence >= UNSURE


def test_a_chinese_posting_with_a_stray_kana_stays_chinese():
    text = "招聘高级后端工程师，负责支付系统的设计与开发，要求三年以上经验，薪资面议の"
    assert heuristic_language(text)[0] == "zh"
    assert heuristic_language("東京のオフィスで働くエンジニアを募集しています")[0] == "ja"


def test_an_unsure_guess_takes_the_librarys_answer(monkeypatch):
    class Value:
        value = 0.73

        class language:  # noqa: N801 - lingua's shape
            class iso_code_639_1:  # noqa: N801
                name = "NB"

    class Fake:
        def compute_language_confidence_values(self, text):
            return [Value()]

    monkeypatch.setattr(language, "_library", lambda: Fake())
    unsure = "Vi har en ledig stilling som lagerarbeider hos oss, fast ansettelse, start snarest, ta kontakt med oss i dag for mer informasjon om jobben"
    assert heuristic_language(unsure)[1] < UNSURE
    assert detect_language(unsure) == ("nb", 0.73)
    # Too few words to ask: the function words' answer stands, with their low confidence.
    assert detect_language("Clerk. Maximum age: 40.") == ("en", 0.0)
    # A clear posting never asks.
    monkeypatch.setattr(language, "_library", lambda: pytest.fail("asked the library"))
    assert detect_language(WRITTEN[0][1])[0] == "de"


def test_lint_of_a_clear_posting_never_loads_the_library():
    """The library costs more than the whole one-file budget to load (bench_language.py)."""
    code = (
        "import sys\n"
        "from assistant.cli import main\n"
        f"main(['lint', '--format', 'json', '--fail-on', 'never', {str(SEED)!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'py3langid', 'numpy', 'lingua'})\n"
        "print(loaded, file=sys.stderr)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_the_posting_carries_the_confidence():
    posting = posting_from_text(WRITTEN[10][1], "x.md", "md")
    assert posting.language == "fr" and 0.0 < posting.language_confidence <= 1.0


def test_json_result_carries_language_and_confidence(tmp_path, capsys):
    (tmp_path / "stelle.md").write_text(WRITTEN[0][1], encoding="utf-8")
    (tmp_path / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    main(["lint", "--format", "json", "--fail-on", "never", str(tmp_path)])
    results = {Path(r["path"]).name: r for r in json.loads(capsys.readouterr().out)["results"]}
    assert results["stelle.md"]["language"] == "de"
    assert results["seed.txt"]["language"] == "en"
    for result in results.values():
        assert isinstance(result["language_confidence"], float)
        assert 0.0 <= result["language_confidence"] <= 1.0
    assert results["seed.txt"]["language_confidence"] >= UNSURE
