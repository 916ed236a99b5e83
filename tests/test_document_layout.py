"""The document layer's shape: no import circle inside it, nothing imported from above
it, small modules in facts/ and ats/, and ATS readers loaded only when a file needs one."""

from __future__ import annotations

import ast
import subprocess
import sys

from .conftest import ROOT

PACKAGE = ROOT / "assistant"
DOCUMENT = PACKAGE / "document"
BASE = {"files", "safe_text", "config", "locations", "_record", "_forked", "_regex_cache", "resources", "cache", "exitcodes"}


def _imports() -> dict[str, set[str]]:
    """Each document module (dotted, below `assistant.`) and the assistant modules it
    imports, at the top or inside a function."""
    found = {}
    for path in sorted(DOCUMENT.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        package = parts[:-1]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name.removeprefix("assistant.") for a in node.names if a.name.startswith("assistant."))
            elif isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("assistant")):
                base = package[: len(package) - node.level + 1] if node.level else []
                module = (node.module or "").removeprefix("assistant").lstrip(".")
                target = ".".join(base + ([module] if module else []))
                targets.update(f"{target}.{a.name}" for a in node.names) if not module else targets.add(target)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = targets
    return found


def _module(name: str, known) -> str:
    """The module a dotted import name lands in (`document.facts._Doc` -> `document.facts`)."""
    while name not in known and "." in name:
        name = name.rpartition(".")[0]
    return name


def test_no_import_circle_inside_document():
    imports = _imports()
    graph = {m: {_module(t, imports) for t in targets if t.startswith("document")} - {m} for m, targets in imports.items()}
    state: dict[str, str] = {}
    circles = []

    def visit(module, path):
        state[module] = "open"
        for nxt in sorted(graph[module]):
            if state.get(nxt) == "open":
                circles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_document_imports_only_the_base_modules():
    for name, targets in _imports().items():
        above = {t.split(".")[0] for t in targets if not t.startswith("document")} - BASE
        assert not above, (name, above)


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
