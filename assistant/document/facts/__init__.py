"""The facts a candidate looks for first: pay, place, remote policy, employment type.

A missing fact becomes a finding downstream and a wrong one hides that finding, so each
detector prefers saying nothing to guessing: a number or a place counts only when a
label ("Salary:"), a section, or a nearby word says what it is for.

Speed shapes the code. `re` is slow at scanning for alternatives (a pattern that opens
with `\\b` or `a|b|c` tries every alternative at every character) but fast at finding one
literal string. So each detector looks for a few literal anchors ("$", "remote", "time")
with `str.find` on a lower-cased copy of the text (same length, so offsets carry over),
and runs its patterns only on the short windows around them. Rarer words are looked for
only when the common ones settled nothing. Place names sit in sets, not in patterns.

The package, one module per fact: `pay` (and `money`, how amounts are written),
`location` (and `places`, the names it knows, `city_line`, a line that lists them, and
`job_places`, which runs the finders and finds the place's other statements), `remote`, `employment`; `view` is the
posting as they all read it. The names inside keep their leading underscore: they are
private to this package, whose public face is the functions here. The modules are all
imported at once, because `detect_facts` needs every one of them on each posting.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Facts, Line, Location, Salary, Section
from .employment import _employment_type
from .job_places import _location
from .pay import _bare_dollar, _salary
from .places import _local_dollar
from .remote import _remote, implied_onsite
from .view import _Doc

__all__ = [
    "detect_facts",
    "detect_salary",
    "detect_location",
    "detect_remote",
    "detect_employment_type",
    "implied_onsite",
]


def detect_facts(text: str, lines: list[Line], sections: list[Section], low: str | None = None) -> Facts:
    """All facts; `low` is the text lower-cased offset for offset, if already at hand."""
    doc = _Doc(text, lines, sections, low)
    salary, location = _salary(doc), _location(doc)
    if salary is not None and location is not None and salary.currency == "USD" and _bare_dollar(doc, salary):
        salary.currency = _local_dollar(location.text)
    return Facts(
        salary=salary,
        location=location,
        remote=_remote(doc),
        employment_type=_employment_type(doc),
    )


def detect_salary(text: str, lines: Sequence[Line] = (), sections: Sequence[Section] = ()) -> Salary | None:
    """The stated pay, or None. Funding rounds, stipends and prices are not pay."""
    return _salary(_Doc(text, lines, sections))


def detect_location(text: str, lines: Sequence[Line] = (), sections: Sequence[Section] = ()) -> Location | None:
    """The stated place of work, or None. A bare "Remote" names no place."""
    return _location(_Doc(text, lines, sections))


def detect_remote(text: str, lines: Sequence[Line] = (), sections: Sequence[Section] = ()) -> str | None:
    """"remote", "hybrid", "onsite" or None; a labelled field beats prose."""
    return _remote(_Doc(text, lines, sections))


def detect_employment_type(text: str, lines: Sequence[Line] = (), sections: Sequence[Section] = ()) -> str | None:
    """"full-time", "part-time", "contract", "temporary", "internship", "freelance" or None."""
    return _employment_type(_Doc(text, lines, sections))
