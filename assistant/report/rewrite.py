"""How a rewrite is shown: each accepted edit as a small diff with its reason, each
refused one with why, and the scores before and after; or the same as JSON.

The text comes from the posting and from a model: as text it is shown through
`safe_text` (only our colours reach the terminal); as JSON it is exact.
"""

from __future__ import annotations

import json

from ..phrasing import plural
from ..rubric.model import SCORES
from ..safe_text import clean, escape_json, one_line, shown_path
from .text import _RESET

_RED, _GREEN, _DIM, _BOLD = "\033[31m", "\033[32m", "\033[2m", "\033[1m"
CATEGORIES = SCORES  # each category's score and the overall


def as_json(result) -> str:
    return escape_json(json.dumps(as_dict(result), ensure_ascii=False, indent=2)) + "\n"


def as_dict(result) -> dict:
    posting = result.posting
    return {
        "path": posting.path,
        "provider": result.provider,
        "model": result.model,
        "accepted": [_accepted(posting, a) for a in result.accepted],
        "refused": [{"original": r.original, "replacement": r.replacement, "reason": r.reason} for r in result.refused],
        "scores_before": result.before.scores,
        "scores_after": result.after.scores,
        "usage": (result.usage.as_dict() if result.usage else {"prompt_tokens": 0, "completion_tokens": 0, "requests": 0}),
    }


def _accepted(posting, a) -> dict:
    line, column = posting.source_map.line_col(a.start)
    return {
        "original": a.original, "replacement": a.replacement, "rationale": a.rationale, "rules": a.rules,
        "start": a.start, "end": a.end, "line": line, "column": column,
    }


def as_text(result, colour: bool = False) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    posting = result.posting
    path = shown_path(posting.path)
    by = result.provider + (f" ({result.model})" if result.model else "")
    n, m = len(result.accepted), len(result.refused)
    lines = [paint(_BOLD, f"{path}: {plural(n, 'edit')} accepted, {m} refused, proposed by {by}"), ""]
    for a in result.accepted:
        line, column = posting.source_map.line_col(a.start)
        lines.append(f"{path}:{line}:{column}: {', '.join(a.rules)}")
        lines.append(f"  {one_line(a.rationale)}")
        lines.extend(_diff(a.original, a.replacement, paint))
        lines.append("")
    for r in result.refused:
        lines.append(paint(_DIM, f"refused: {one_line(r.reason)}"))
        lines.extend(_diff(r.original, r.replacement, lambda code, text: paint(_DIM, text)))
        lines.append("")
    before, after = result.before.scores, result.after.scores
    lines.append("scores: " + " · ".join(f"{c} {before[c]} → {after[c]}" for c in CATEGORIES))
    return "\n".join(lines) + "\n"


def _diff(original: str, replacement: str, paint) -> list[str]:
    original, replacement = clean(original), clean(replacement)
    out = [paint(_RED, f"  - {line}") for line in original.splitlines() or [""]]
    if replacement:
        out.extend(paint(_GREEN, f"  + {line}") for line in replacement.splitlines())
    else:
        out.append(paint(_GREEN, "  + (deleted)"))
    return out
