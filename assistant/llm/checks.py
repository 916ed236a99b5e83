"""The checks every proposed edit passes after the schema, before anyone sees it.

A schema proves only the shape of an answer. A model can still quote text the posting
does not hold, invent a salary or a city, delete a paragraph it was not asked about,
or fix one finding by causing two. Each such edit is refused with its reason, never
dropped silently, so the user sees what the model tried.
"""

from __future__ import annotations

import re

from .._record import Record

# Deleting is allowed only where the edit names a finding of one of these rules on the
# deleted text (CONTRACTS.md): text that is not the posting's, or says nothing.
DELETABLE = frozenset({"clarity/scrape-noise", "clarity/duplicate", "clarity/buzzwords", "inclusivity/requirement-overload"})

# Things a replacement must not bring unless the posting or the brief already states them.
_FACTS = [
    ("a web address", re.compile(r"(?:https?://|www\.)[^\s<>()]+", re.I)),
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("an amount of money", re.compile(r"[$€£¥₹]\s?\d[\d,.]*(?:\s?[kKmM]\b)?|\d[\d,.]*\s?(?:USD|EUR|GBP|SEK|CAD|AUD|dollars|euros)\b")),
    ("a percentage", re.compile(r"\d+(?:[.,]\d+)?\s?%")),
    ("a number", re.compile(r"\d+(?:[.,]\d+)*")),
]
_CAPITALISED = re.compile(r"\b[A-Z][\w&'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|^\s*[-*•]\s*)$")
_SPACE = re.compile(r"\s+")
# Characters a model writes in one form where the posting has another: it straightens
# curly quotes and apostrophes, and turns dashes and ellipses into their ASCII forms
# (or back). Each is matched by its whole group when an exact quote is not found.
_LOOSE = {c: "[" + re.escape(group) + "]" for group in ("'‘’`´", '"“”„', "-‐‑‒–—") for c in group}
_ELLIPSIS = re.compile(r"\.\.\.|…")


class Accepted(Record):
    __slots__ = ("original", "replacement", "rationale", "rules", "start", "end")

    def __init__(self, original: str, replacement: str, rationale: str, rules: list[str], start: int, end: int):
        self.original = original
        self.replacement = replacement
        self.rationale = rationale
        self.rules = rules
        self.start = start  # span of `original` in the posting's normalised text
        self.end = end


class Refused(Record):
    __slots__ = ("original", "replacement", "reason")

    def __init__(self, original: str, replacement: str, reason: str):
        self.original = original
        self.replacement = replacement
        self.reason = reason


def locate(original: str, text: str) -> tuple[int, int] | str:
    """The span of `original` in `text`, or why there is none.

    Exact first; else the same words with any white space between them (models
    re-wrap lines) and quotes, apostrophes, dashes and ellipses in any of their forms
    (models straighten them). Either way it must be found once: an edit that could
    apply in two places applies in neither.
    """
    count = text.count(original)
    if count == 1:
        start = text.find(original)
        return start, start + len(original)
    if count > 1:
        return f"the quoted text occurs {count} times in the posting; an edit must quote enough to be found once"
    words = original.split()
    if not words:
        return "the quoted text is empty"
    pattern = re.compile(r"\s+".join(map(_loose, words)))
    found = [m.span() for m in pattern.finditer(text)]
    if len(found) == 1:
        return found[0]
    if found:
        return f"the quoted text occurs {len(found)} times in the posting; an edit must quote enough to be found once"
    return "the quoted text is not in the posting"


def _loose(word: str) -> str:
    parts = _ELLIPSIS.split(word)
    return r"(?:\.\.\.|…)".join("".join(_LOOSE.get(c) or re.escape(c) for c in part) for part in parts)


def invented(replacement: str, known: str) -> str | None:
    """What the replacement states that `known` (the posting and the brief) does not."""
    known_flat = _SPACE.sub(" ", known).lower()
    rest = replacement
    for label, pattern in _FACTS:
        for m in pattern.finditer(rest):
            token = _SPACE.sub(" ", m.group(0)).lower().rstrip(".,")
            if token not in known_flat:
                return f"it brings {label}, “{m.group(0)}”, that neither the posting nor the brief states"
        rest = pattern.sub(" ", rest)  # "$120,000" is not also reported as a number
    for m in _CAPITALISED.finditer(rest):
        word = m.group(0)
        if word == "I" or _SENTENCE_START.search(rest[: m.start()].rstrip(" ")):
            continue  # a capital that only starts a sentence names nothing
        if word.lower() not in known_flat:
            return f"it brings a name, “{word}”, that neither the posting nor the brief states"
    return None


def check_edits(posting, edits, relint, brief: str = "", before=None) -> tuple[list[Accepted], list[Refused]]:
    """Sort proposed edits into accepted and refused (each with its reason).

    `edits` have `original`, `replacement`, `rationale` and `rules`; `relint(text)`
    lints a version of the posting's text, to see whether an edit makes it worse;
    `before` is its report on the text as it is, when the caller already has it.
    """
    text = posting.text
    if before is None:
        before = relint(text)
    known = text + "\n" + brief
    accepted: list[Accepted] = []
    refused: list[Refused] = []
    taken: list[tuple[int, int]] = []
    for edit in edits:
        reason, span = _judge(edit, text, known, before, relint, taken)
        if reason is not None:
            refused.append(Refused(edit.original, edit.replacement, reason))
        else:
            taken.append(span)
            accepted.append(Accepted(edit.original, edit.replacement, edit.rationale, list(edit.rules), *span))
    accepted.sort(key=lambda a: a.start)
    return accepted, refused


def _judge(edit, text: str, known: str, before, relint, taken) -> tuple[str | None, tuple[int, int]]:
    span = locate(edit.original, text)
    if isinstance(span, str):
        return span, (0, 0)
    start, end = span
    if any(start < b and a < end for a, b in taken):
        return "it overlaps another edit", span
    if edit.replacement == text[start:end]:
        return "it changes nothing", span
    if not edit.replacement.strip():
        allowed = {f.rule for f in before.findings if f.start is not None and f.start < end and start < f.end}
        if not (allowed & set(edit.rules) & DELETABLE):
            return "it deletes text that carries no scrape-noise, duplicate, buzzword or overload finding it names", span
    news = invented(edit.replacement, known)
    if news:
        return news, span
    after = relint(text[:start] + edit.replacement + text[end:])
    added = _new_findings(before, after, (start, end), (start, start + len(edit.replacement)))
    if added:
        return f"it adds findings: {', '.join(added)}", span
    return None, span


def _new_findings(before, after, old_span, new_span) -> list[str]:
    """Rules with more findings after the edit than before, counted by what they flag.

    A finding that touches the edited span is counted as "at the edit" on both sides:
    its excerpt changes with any edit inside it (a long sentence made shorter is still
    a long sentence), so comparing excerpts would call it new.
    """

    def keys(report, span):
        out: dict[tuple[str, str], int] = {}
        for f in report.findings:
            if f.start is None:
                # About the whole posting: counted by rule alone, since its message
                # carries numbers (a reading grade) that any edit moves.
                what = ""
            elif f.start <= span[1] and span[0] <= f.end:
                what = "\0at the edit"
            else:
                what = report.posting.text[f.start : f.end].lower()
            out[f.rule, what] = out.get((f.rule, what), 0) + 1
        return out

    old, new = keys(before, old_span), keys(after, new_span)
    return sorted({rule for (rule, what), n in new.items() if n > old.get((rule, what), 0)})
