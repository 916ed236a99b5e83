"""What users and their tools rely on, frozen: a change here must be deliberate.

Moving code between modules must not move behaviour. These goldens hold, byte for
byte, every output format on the seeds, the JSON of a sample of the corpus (as
digests: no corpus text is kept here), and the surface others build on: rule ids,
config keys, command-line flags and exit codes, the public API, the review record
version and the editor's key-binding ids.

Rerun with UPDATE_GOLDEN=1 after a change you meant, and say why in the commit.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from contextlib import redirect_stdout

import pytest

from assistant.cli import main

from .conftest import AS_OF, ROOT, SHARED, corpus_postings

FROZEN = ROOT / "tests" / "golden" / "frozen"
SEEDS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").iterdir() if p.suffix in (".txt", ".md"))
SAMPLE_EVERY = 41  # about a hundred corpus postings, spread over every source


def _matches(name: str, actual: str) -> None:
    golden = FROZEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        FROZEN.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
    expected = golden.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} changed; if you meant it, rerun with UPDATE_GOLDEN=1"


def _lint(args: list[str]) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        main(["lint", "--as-of", AS_OF.isoformat(), "--fail-on", "never", "--jobs", "1", *args])
    return out.getvalue().replace(f'"version": "{_version()}"', '"version": "X"')


def _version() -> str:
    from assistant import __version__

    return __version__


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "github", "markdown"])
def test_every_format_on_the_seeds_byte_for_byte(fmt, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    _matches(f"seeds.{fmt}", _lint(["--format", fmt, *SEEDS]))


def test_json_of_a_corpus_sample_byte_for_byte(engine):
    """Each sampled posting's JSON result, as a digest, so the corpus's words stay there."""
    from assistant.document.loaders import LoadError, load_postings
    from assistant.report.json_v1 import StreamWriter

    paths = corpus_postings()[::SAMPLE_EVERY]
    lines = []
    for path in paths:
        name = path.relative_to(SHARED / "corpus").as_posix()
        try:
            postings = load_postings(path)
        except LoadError as exc:
            lines.append(f"{name} error {exc}")
            continue
        for posting in postings:
            posting.path = name + posting.path[len(str(path)):]
            rendered = StreamWriter.render(engine.lint(posting))
            lines.append(f"{posting.path} {hashlib.sha256(rendered.encode('utf-8', 'surrogatepass')).hexdigest()}")
    assert len(lines) >= 90
    _matches("corpus-sample.sha256", "\n".join(lines) + "\n")


def _surface() -> dict:
    import assistant
    from assistant.cli.diagnostics import Exit
    from assistant.cli.parser import build_parser as _parser
    from assistant.config import KEYS, USER_KEYS
    from assistant.review.store import RECORD_VERSION

    engine = assistant.make_engine()
    parser = _parser()
    commands = {}
    for action in parser._actions:  # argparse keeps subcommands here; no public way in
        for name, sub in getattr(action, "choices", None).items() if hasattr(action, "_name_parser_map") else ():
            commands[name] = sorted(
                " ".join(sorted(a.option_strings)) + (f" {sorted(a.choices)}" if a.choices else "")
                for a in sub._actions if a.option_strings
            )
    return {
        "rules": sorted(f"{r.id} {r.category} {r.severity} {r.kind}" for r in engine.all_rules),
        "config_keys": list(KEYS),
        "user_config_keys": list(USER_KEYS),
        "commands": commands,
        "exit_codes": {e.name: int(e) for e in Exit},
        "api": sorted(assistant.__all__),
        "review_record_version": RECORD_VERSION,
    }


def test_the_surface_others_build_on():
    import assistant

    for name in assistant.__all__:
        assert getattr(assistant, name) is not None
    _matches("surface.json", json.dumps(_surface(), indent=2, sort_keys=True) + "\n")


def test_the_editor_key_binding_ids():
    """Users remap keys by id (config `keymap`): an id must not change under them."""
    import importlib
    import pkgutil

    from textual.binding import Binding

    import assistant.tui as tui

    found = set()
    for module in pkgutil.iter_modules(tui.__path__):
        mod = importlib.import_module(f"assistant.tui.{module.name}")
        for value in vars(mod).values():
            for binding in getattr(value, "BINDINGS", None) or () if isinstance(value, type) else ():
                if isinstance(binding, Binding) and binding.id:
                    found.add(f"{binding.id} {binding.key} {binding.action}")
    assert found
    _matches("binding-ids.txt", "\n".join(sorted(found)) + "\n")

