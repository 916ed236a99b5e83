"""The package's shape, read from its imports (docs/architecture.md).

Layers, lowest first: the base modules (files, config, locations, cache, …) ←
document ← rubric ← {llm, report} ← review ← api ← {cli, tui}. A module may import
its own layer and those below it, never above: a lower layer that reached up would
drag the editor or the model client into `lint`, and a circle would make the order
of imports matter. `llm` and `report` are siblings and do not import each other:
the report needs only the records, and the model layer needs no report.

Read from the source with `ast`, so a lazy import inside a function counts the same
as one at the top: a lazy upward import is still an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"

# The rank of each top-level part; equal ranks may not import each other unless they are
# the same part.
RANKS = {
    "base": 0,
    "document": 1,
    "rubric": 2,
    "fixes": 2,  # applies edits to a posting's text: needs the document model only
    "llm": 3,
    "report": 3,
    "review": 4,
    "api": 5,
    "cli": 6,
    "tui": 6,
    "__main__": 7,
}
BASE = {"__init__", "phrasing", "_forked", "_record", "_regex_cache", "_version", "cache", "config", "files", "locations", "resources", "safe_text"}
# The editor is started by the `edit` command: cli may import tui, never the other way.
ALLOWED_ACROSS = {("cli", "tui")}
# Never imported on the way to `lint`'s first finding (CONTRACTS: the lint import budget).
# py3langid (and its numpy) only when a posting's language is unsure: never at the top.
HEAVY = ("openai", "textual", "pydantic", "jinja2", "httpx", "rich", "py3langid", "numpy", "lingua")


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (`assistant.cli.lint`)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = modules()


def part_of(module: str) -> str:
    """The top-level part a module belongs to (`assistant.rubric.kinds` → rubric)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "base"
    name = parts[1]
    return "base" if name in BASE else name


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str, top_level_only: bool = False) -> set[str]:
    """What `module` imports, as dotted names: `from . import x` names the submodule x
    when there is one (not the package, which would make a false circle)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    out: set[str] = set()
    for node in nodes:
        if top_level_only and isinstance(node, ast.If):  # `if TYPE_CHECKING:` imports are not run
            continue
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path.name == "__init__.py", node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in MODULES else target)
    return out


def test_the_package_was_read():
    assert {"assistant.cli", "assistant.document.model", "assistant.rubric.engine", "assistant.tui.app"} <= set(MODULES)
    assert "assistant.document.model" in imports("assistant.rubric.engine")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_imports_upward(module):
    mine = part_of(module)
    wrong = []
    for target in imports(module):
        if not target.startswith("assistant.") and target != "assistant":
            continue
        theirs = part_of(target)
        if theirs == mine or (mine, theirs) in ALLOWED_ACROSS:
            continue
        if RANKS[theirs] >= RANKS[mine]:
            wrong.append(f"{target} ({theirs})")
    assert not wrong, f"{module} ({mine}) imports upward or across: {wrong}"


def circles(graph: dict[str, set[str]], reexports: bool = True) -> list[str]:
    """The import circles in `graph` (module → the modules it imports), each as
    `a → b → a`. With `reexports`, a submodule and its own package's `__init__`
    importing each other (Python's normal re-export, not a circle between two jobs) is
    left out."""
    seen: dict[str, int] = {}  # 1 on the path, 2 done
    found = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                if not (reexports and len(cycle) == 3 and (cycle[0].startswith(cycle[1] + ".") or cycle[1].startswith(cycle[0] + "."))):
                    found.append(" → ".join(cycle))
            elif nxt not in seen:
                visit(nxt, path + [nxt])
        seen[node] = 2

    for m in sorted(graph):
        if m not in seen:
            visit(m, [m])
    return found


def test_no_import_circles():
    """Among the imports run when a module is loaded (lazy ones inside functions are
    how a cycle is legitimately broken, so they are left out here)."""
    graph = {m: {t for t in imports(m, top_level_only=True) if t in MODULES} - {m} for m in MODULES}
    assert not circles(graph)


def closure(start: str) -> set[str]:
    """Every module loaded, at the top level, by importing `start` (and the packages on the way)."""
    todo, done = [start], set()
    while todo:
        m = todo.pop()
        if m in done:
            continue
        done.add(m)
        parts = m.split(".")
        for i in range(1, len(parts)):  # importing a.b.c runs a/__init__ and a/b/__init__
            parent = ".".join(parts[:i])
            if parent in MODULES:
                todo.append(parent)
        if m in MODULES:
            todo.extend(imports(m, top_level_only=True))
    return done


@pytest.mark.parametrize("start", ["assistant.__main__", "assistant.cli", "assistant.cli.lint", "assistant.cli.linting", "assistant.api"])
def test_the_lint_path_imports_nothing_heavy(start):
    """`lint` never loads the model client, the editor or their libraries: not at the top
    of any module on its way (a test in test_packaging watches sys.modules of a real run)."""
    loaded = closure(start)
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY or part_of(m) in ("tui", "llm") and m in MODULES)
    assert not heavy, f"importing {start} loads {heavy}"
