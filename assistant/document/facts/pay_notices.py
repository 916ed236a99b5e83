"""Figures that read like pay but are not the employer's offer for this job.

Two kinds, both common enough in real postings to decide the pay fact wrongly:

* a third party's estimate: job boards print their own guess beside the posting
  ("$81K-$120K (Glassdoor est.)", a field labelled "Estimated salary"). It is kept as
  an estimate, so a finding can say one was seen, but it states nothing the employer
  promised. An employer's own prose ("the estimated base pay for this role is…") is
  not an estimate by others and stays pay.
* a pay-system notice: US federal postings say what the whole pay system allows ("the
  maximum salary available for the GS pay system is $191,900", "pay is limited to…").
  A cap says nothing of this job's range; a figure in a sentence about the pay scale
  or locality pay is the scale's, unless it is a range (which is the job's grade range).

Each check reads a bounded window (the rest of the sentence, at most a few hundred
characters) around one money expression, so the cost stays linear in the text.
"""

from __future__ import annotations

import re

from .view import _Doc

# Right after the amount: "(Glassdoor est.)", "(est.)", " estimated". Not "(Employer est.)":
# Glassdoor marks so a range the employer itself gave, the employer's figure, not a
# third party's (CONTRACTS.md: estimates *by others* are not the employer's pay).
_ESTIMATE_AFTER = re.compile(r"[ \t]*[(\[]?[ \t]*(?:(?!employer[ \t])[a-z][\w.]{1,14}[ \t])?(?:est\.|estimated?\b|estimates?\b)")
_BOARDS = ("glassdoor", "indeed", "payscale", "ziprecruiter", "salary.com", "levels.fyi", "comparably", "talent.com")
_ESTIMATE_LABELS = frozenset(
    {
        "estimated salary", "salary estimate", "estimated pay", "pay estimate", "estimated salary range",
        "estimated compensation", "estimated wage", "est. salary", "salary (estimated)", "salary estimate range",
    }
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?;](?:\*\*|__)?[ \t]+(?=\S)|[.!?;](?:\*\*|__)?$")
_CAP = re.compile(
    r"maximum (?:salary|pay|rate)s? (?:available|allowed|permitted|payable)|\b(?:pay|salary) (?:cap|limitation)s?\b"
    r"|\bcap (?:on|of) (?:basic )?(?:pay|salar)|\bcapped at|(?:pay|salary|compensation|rate)s? (?:is|are|will be|may be) "
    r"(?:limited|capped)|(?<!not )\blimited to\b|(?:may|can|will|shall) ?not exceed|statutory (?:limit|cap|maximum)"
)
_CAP_AFTER = re.compile(r"^[^.!?;\n]{0,40}?\b(?:is|as) (?:the )?(?:maximum|cap|limit)\b")
_SCALE = re.compile(r"pay (?:system|scale|table|plan)|salary table|general schedule|\bgs pay|locality pay|executive schedule")
_SCALE_LABELS = frozenset({"pay scale", "pay plan", "pay grade", "salary range", "pay range", "salary", "pay"})


def estimated_by_others(doc: _Doc, start: int, end: int, field_label: str | None) -> bool:
    """Whether the amount at start:end is marked as someone's estimate, not the offer."""
    low = doc.low
    if field_label is not None and (field_label in _ESTIMATE_LABELS or field_label.startswith("estimated ")):
        return True
    if _ESTIMATE_AFTER.match(low, end):
        return True
    line_start = doc.line_span(start)[0]
    before = low[max(line_start, start - 60) : start]
    return any(board in before for board in _BOARDS) and "est" in before


def system_notice(doc: _Doc, start: int, end: int, is_range: bool, field_label: str | None) -> bool:
    """Whether the amount sits in a notice about the pay system (a cap, the scale)."""
    low = doc.low
    line_start, line_end = doc.line_span(start)
    window = low[max(line_start, start - 200) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    sentence = window[ends[-1] :] if ends else window
    if _CAP.search(sentence) or _CAP_AFTER.match(low[end : min(line_end, end + 60)]):
        return True
    if is_range or (field_label is not None and field_label in _SCALE_LABELS):
        return False
    return _SCALE.search(sentence) is not None
