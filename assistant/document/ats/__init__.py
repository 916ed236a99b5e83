"""Postings that arrive inside a data structure: ATS API JSON and schema.org JSON-LD.

A careers site or an ATS export carries the words a candidate reads inside JSON; linting
the raw file would judge braces and field names. This package finds each posting in such
a file, hands back its description (HTML or plain text) for the usual loaders, and keeps
what the structure states outright (title, company, location, contract, pay) in `meta`,
so nothing has to be guessed from prose that the data already says.

Shapes known here, each decided by its field layout, never by the file name:

* schema.org `JobPosting` JSON-LD: one object, an array, an `@graph`, or nested under
  another node (`mainEntity`); in a `.json` file or in an HTML page's
  `<script type="application/ld+json">` blocks;
* Greenhouse job-board API: one job, a `{"jobs": [...]}` list or a bare list; the
  offices, departments and sections endpoints only list jobs, without their text;
* Lever postings API (`?mode=json`): one posting, a list, or a `group=` grouped list;
* Teamtailor API (JSON:API `data` with `type: "jobs"`).

A recognised capture that holds no description at all (a Greenhouse list fetched without
`?content=true`) raises `NotAPosting` with a one-line reason, as does anything else.
Only `json`, `html` and `re` from the standard library: this runs once per file on the
`lint` path.

The package: the dispatcher here (read the JSON, tell the shape by its fields, settle
ids), one module per source (`jsonld`, `greenhouse`, `lever`, `teamtailor`), and
`common` for the record and the field readers they share. A source module is imported
only when a file needs it: an HTML page with JSON-LD loads `jsonld` alone.
"""

from __future__ import annotations

import json
import re

from .common import AtsPosting, NotAPosting, _finish, _Raw

TYPE_CHECKING = False  # `typing` costs start-up time; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any

__all__ = ["AtsPosting", "NotAPosting", "parse_html_jsonld", "parse_json"]


UNKNOWN_FORMAT = (
    "not a job posting format I know "
    "(expected schema.org JobPosting, Greenhouse, Lever or Teamtailor JSON)"
)


def parse_json(source: str) -> list[AtsPosting]:
    """The postings in a JSON file; raises `NotAPosting` when there is no posting text."""
    data = _load_json(source)
    if "JobPosting" in source:  # cheap test before walking the whole tree
        from .common import _has_text
        from .jsonld import _from_jsonld, _jsonld_postings

        nodes = _jsonld_postings(data)
        if nodes:
            found = [_from_jsonld(n) for n in nodes if _has_text(n.get("description"))]
            if not found:
                raise NotAPosting("a schema.org JobPosting without a description: no posting text")
            return _finish(found)
    if isinstance(data, dict):
        return _finish(_from_object(data))
    if isinstance(data, list):
        return _finish(_from_list(data))
    raise NotAPosting(UNKNOWN_FORMAT)


def parse_html_jsonld(source: str) -> list[AtsPosting]:
    """The JobPostings in an HTML page's JSON-LD blocks; `[]` when there are none.

    Never raises: a broken block or a JobPosting without a description is skipped, and
    the caller lints the page itself, whose text is then the posting.
    """
    from .jsonld import _in_html

    return _finish(_in_html(source))


# A redacting tool leaves a bare `<word>` where it removed a number (`"id": <phone>`),
# as in the shared corpus captures. Possessive loops keep an unclosed string linear.
_QUOTE_OR_ANGLE = re.compile(r'["<]')
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"')
_PLACEHOLDER = re.compile(r"<[A-Za-z][\w-]{0,30}>")


def _load_json(source: str) -> Any:
    """Parse, or say where the JSON breaks.

    A capture whose numbers were redacted to bare `<phone>` marks is read with `null`
    in their place; any other error is reported at its own position.
    """
    try:
        return json.loads(source, strict=False)
    except RecursionError:
        raise NotAPosting("not valid JSON for this reader: nested too deeply") from None
    except ValueError as exc:
        first = exc
    repaired = _null_placeholders(source) if "<" in source else None
    if repaired is not None:
        try:
            return json.loads(repaired, strict=False)
        except (ValueError, RecursionError):
            pass
    where = f": line {first.lineno} column {first.colno}" if hasattr(first, "lineno") else ""
    message = getattr(first, "msg", str(first)).splitlines()[0]
    raise NotAPosting(f"not valid JSON: {message}{where}") from None


def _null_placeholders(source: str) -> str | None:
    """The source with each `<word>` outside a string read as `null`; None if there is none.

    One pass from left to right, skipping string literals whole, so a `<b>` inside a
    description is never touched.
    """
    pieces: list[str] = []
    done = pos = 0
    while (found := _QUOTE_OR_ANGLE.search(source, pos)) is not None:
        start = found.start()
        if source[start] == '"':
            literal = _STRING.match(source, start)
            if literal is None:
                return None  # an unclosed string: nothing to repair
            pos = literal.end()
        elif (mark := _PLACEHOLDER.match(source, start)) is not None:
            pieces.append(source[done:start])
            pieces.append("null")
            done = pos = mark.end()
        else:
            pos = start + 1
    if not pieces:
        return None
    pieces.append(source[done:])
    return "".join(pieces)


def _from_object(data: dict) -> list[_Raw]:
    from .greenhouse import (
        _from_greenhouse_groups,
        _from_greenhouse_list,
        _greenhouse_group,
        _is_greenhouse_job,
    )
    from .lever import _from_lever_list, _is_lever
    from .teamtailor import _from_teamtailor, _is_teamtailor_doc

    if _is_teamtailor_doc(data):
        return _from_teamtailor(data)
    if _is_greenhouse_job(data):
        return _from_greenhouse_list([data], single=True)
    if _is_lever(data):
        return _from_lever_list([data])
    group = _greenhouse_group(data)
    if group == "jobs":
        return _from_greenhouse_list(data["jobs"])
    if group:
        return _from_greenhouse_groups(data, group)
    if "@context" in data or "@graph" in data:
        raise NotAPosting("schema.org JSON-LD with no JobPosting in it: no posting text")
    raise NotAPosting(UNKNOWN_FORMAT)


def _from_list(data: list) -> list[_Raw]:
    from .greenhouse import _from_greenhouse_list, _is_greenhouse_job
    from .lever import _from_lever_list, _is_lever, _is_lever_group

    if not data:
        raise NotAPosting("an empty JSON list: no posting text")
    if any(_is_lever(x) for x in data):
        return _from_lever_list([x for x in data if _is_lever(x)])
    if any(_is_lever_group(x) for x in data):
        postings = [p for g in data if _is_lever_group(g) for p in g["postings"] if _is_lever(p)]
        if not postings:
            raise NotAPosting("a grouped Lever list with no postings: no posting text")
        return _from_lever_list(postings)
    if any(_is_greenhouse_job(x) for x in data):
        return _from_greenhouse_list([x for x in data if _is_greenhouse_job(x)])
    raise NotAPosting(UNKNOWN_FORMAT)
