"""The document layer's shape: no import circle inside it, small modules in facts/ and
ats/, and ATS readers loaded only when a file needs one."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT
from .test_layers import MODULES, circles, imports

DOCUMENT = ROOT / "assistant" / "document"


def test_no_import_circle_inside_document():
    """Stricter than the package-wide check: inside the document layer even a lazy
    import may not close a circle (the model ↔ normalise one went through a function).
    That nothing here imports from above is test_layers' check."""
    inside = [m for m in MODULES if m.startswith("assistant.document")]
    graph = {m: {t for t in imports(m) if t in inside} - {m} for m in inside}
    assert circles(graph, reexports=False) == []


def test_facts_and_ats_modules_stay_small():
    for folder in ("facts", "ats"):
        for path in (DOCUMENT / folder).glob("*.py"):
            assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name


def test_an_html_page_loads_only_the_json_ld_reader():
    code = (
        "import sys\n"
        "from assistant.document.ats import parse_html_jsonld\n"
        "page = '<script type=\"application/ld+json\">{\"@type\": \"JobPosting\", \"description\": \"Build.\"}</script>'\n"
        "assert len(parse_html_jsonld(page)) == 1\n"
        "print(*sorted(m.rpartition('.')[2] for m in sys.modules if m.startswith('assistant.document.ats.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["common", "jsonld"]
