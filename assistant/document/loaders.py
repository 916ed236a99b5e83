"""Read a posting from a file or stdin into a `Posting`.

Each format only decides what the posting text is (and what is not: front matter,
template tags, markup); structure and facts are inferred the same way for all.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .directives import find_directives, line_cuts
from .markdown_html import entity_spans, replacement_for_tag
from .model import Posting
from .normalise import normalise
from .source_map import SourceMap

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


class LoadError(Exception):
    """A file that cannot be read as a posting; the message is shown as one line."""


_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
# Liquid comment blocks; other tags and inline HTML comments are found by their
# delimiters (see `_between`), which stays linear when one is never closed.
_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\b[^%]*%\}")
_LIQUID_END = re.compile(r"\{%-?\s*endcomment\b[^%]*%\}")
# A template include named for pay ("{% include job/salary_range.html min=... %}"): cut
# from the text like every tag, but it puts the pay on the page it builds.
_SIGN_BEFORE_PAY = re.compile(r"(?P<sign>[$€£¥₹])[ \t]?\{\{-?[ \t]*[\w.]*(?:salary|pay|wage|compensation)\w*[ \t]*-?\}\}", re.I)
_PAY_INCLUDE = re.compile(r"\{%-?\s*include\s+[^%\s]*(?:salary|pay|compensation|wage)[^%]{0,200}%\}", re.I)
# Inline HTML in Markdown: tags are markup, not words ("<strong>" is not "strong").
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_META_LINE = re.compile(r"^([A-Za-z_][\w -]*):[ \t]*(.*?)[ \t]*$", re.M)
_FIRST_KEY = re.compile(r"^([ \t]*)[A-Za-z_][\w -]*:", re.M)


def _front_matter_fields(block: str) -> dict[str, str]:
    """Top-level scalar `key: value` pairs; enough for title, company and location.

    A YAML library would be heavier than the job: nested values are ignored. The top
    level is the first key's indentation, which YAML lets a file choose (a block of
    comments, then " title: …" one space in, is a real page's front matter).
    """
    fields: dict[str, str] = {}
    first = _FIRST_KEY.search(block)
    indent = first.group(1) if first else ""
    meta_line = _META_LINE if not indent else re.compile(rf"^{re.escape(indent)}([A-Za-z_][\w -]*):[ \t]*(.*?)[ \t]*$", re.M)
    for m in meta_line.finditer(block):
        value = m.group(2).strip().strip("'\"")
        if value and not value.startswith(("|", ">", "!!", "[", "{")):
            fields.setdefault(m.group(1).strip().lower(), value)
    return fields


# Front matter whose opening "---" was lost (seen in real Jekyll files): YAML lines
# from the first line on, up to a "---" line. Every line before it must read as YAML
# (a lower-case key, an indented or list line, a comment, a blank) and one key must be
# Jekyll's own, so a plain posting's "Location: …" lines above a rule are not cut.
# Each line can match one way only, so a block that turns out not to be one fails fast.
_BARE_FRONT_MATTER = re.compile(
    r"\A((?:[a-z_][\w-]*:(?:[ \t][^\n]*)?\r?\n)"
    r"(?:(?:[A-Za-z_][\w -]*:(?:[ \t][^\n]*)?|[ \t]+\S[^\n]*|-[^\n]*|#[^\n]*|[ \t]*)\r?\n){0,300}?)"
    r"---[ \t]*(?:\r?\n|\Z)"
)
_JEKYLL_KEY = re.compile(r"^(?:title|layout|permalink):", re.M)


def _bare_front_matter(source: str) -> re.Match[str] | None:
    """A front matter block without its opening "---"; linear in its at most 300 lines."""
    if not source[:1].islower() or ":" not in source[:40]:
        return None
    m = _BARE_FRONT_MATTER.match(source)
    return m if m and _JEKYLL_KEY.search(m.group(1)) else None


def _between(source: str, opener: str, closer: str, start: int, found: list[tuple[int, int]]) -> None:
    """Add the spans from each `opener` to the next `closer`.

    Linear even when a delimiter is never closed, where a lazy regular expression
    rescans the rest of the text from every opener (minutes on a 500 kB file).
    """
    i = source.find(opener, start)
    while i != -1:
        j = source.find(closer, i + len(opener))
        if j == -1:
            return
        found.append((i, j + len(closer)))
        i = source.find(opener, j + len(closer))


def markdown_cuts(source: str) -> tuple[list[tuple], dict[str, str]]:
    """Spans of a Markdown source that are not posting text, and the front matter fields.

    A span is `(start, end)`, cut, or `(start, end, text)`, read as `text`: HTML block
    tags as the breaks they make and character entities as their characters (see
    `markdown_html`).
    """
    cuts: list[tuple[int, int]] = []
    meta: dict[str, str] = {}
    m = _FRONT_MATTER.match(source) or _bare_front_matter(source)
    if m:
        cuts.append((0, m.end()))
        meta = _front_matter_fields(m.group(1))
    start = m.end() if m else 0
    found: list[tuple[int, int]] = []
    pos = start
    while (opener := _LIQUID_COMMENT.search(source, pos)) is not None:
        closer = _LIQUID_END.search(source, opener.end())
        if closer is None:
            break
        found.append((opener.start(), closer.end()))
        pos = closer.end()
    comments = list(found)
    _between(source, "{%", "%}", start, found)
    _between(source, "{{", "}}", start, found)
    pay = _PAY_INCLUDE.search(source, start) if "include" in source else None
    while pay is not None and any(a <= pay.start() < b for a, b in comments):
        pay = _PAY_INCLUDE.search(source, pay.end())
    if pay is not None:  # the build fills the pay in: the published page states it
        meta["pay_template"] = pay.group()
    sign = _SIGN_BEFORE_PAY.search(source, start) if "{{" in source else None
    if sign is not None and not any(meta.get(k) for k in ("currency", "salary_currency", "pay_currency")):
        meta["salary_currency"] = sign.group("sign")  # "${{ page.salary_min }}": the fields' figures are dollars
    if "<" in source:
        _between(source, "<!--", "-->", start, found)
        for t in _HTML_TAG.finditer(source, start):
            brk = replacement_for_tag(t.group())  # a block tag breaks the line it stands in
            found.append((t.start(), t.end()) if not brk else (t.start(), t.end(), brk))
    found.extend(entity_spans(source, start))
    found.sort(key=lambda span: (span[0], -span[1]))
    for span in found:  # a tag inside a Liquid comment is already cut
        if not cuts or span[0] >= cuts[-1][1]:
            cuts.append(span)
    return cuts, meta


def posting_from_text(source: str, path: str = "-", fmt: str = "txt", *, facts: bool = True) -> Posting:
    """Build a posting from source text of a known format (`txt`, `md` or `html`).

    `facts=False` stops after the structure, for callers that need only that (the
    exemplar profile), since fact detection is the costly part.
    """
    from .structure import infer_structure
    from .title import field_title, settle_title

    meta: dict[str, str] = {}
    found_branches: list = []
    if fmt == "html" and (_FRONT_MATTER.match(source) or _bare_front_matter(source)):
        fmt = "md"  # a Jekyll page: front matter, then Markdown with inline HTML
    directives = find_directives(source, whole_lines_only=fmt == "txt") if "posting-assistant" in source else []
    if fmt == "html":
        from .html import DIRECTIVE_MARK, html_to_text

        for d in reversed(directives):  # a mark where each stood survives the conversion
            source = source[: d.src_start] + DIRECTIVE_MARK + source[d.src_end :]
        extracted, html_map = normalise(html_to_text(source))
        text = extracted.replace(DIRECTIVE_MARK, "")
        marks = [i for i, c in enumerate(extracted) if c == DIRECTIVE_MARK]
        for n, (d, at) in enumerate(zip(directives, marks, strict=False)):
            d.offset = at - n
        smap = SourceMap.identity(text)
        basis = "extracted"
    else:
        cuts: list[tuple[int, int]] = []
        if fmt == "md" or source.startswith("---"):
            cuts, meta = markdown_cuts(source)
        if directives:
            cuts = _merge(cuts, line_cuts(source, directives))
        text, smap = normalise(source, cuts)
        for d in directives:
            d.offset = smap.to_normalised(d.src_start)
        basis = "source"
        if cuts and "{%" in source:  # the tags were cut: keep which parts are alternatives
            from .template_branches import branches, placed

            found_branches = placed(branches(source), smap.to_normalised)

    posting = Posting(path=path, text=text, source_map=smap, format=fmt, location_basis=basis)
    posting.template_branches = found_branches
    posting.meta = meta
    posting.directives = [d for d in directives if d.offset is not None]
    infer_structure(posting, markdown=fmt in ("md", "html"))
    settle_title(posting, field_title(meta))
    if facts:
        _add_facts(posting)
    return posting


def _add_facts(posting: Posting, source: str = "front_matter") -> None:
    """The facts the text states, then what its fields add (`source` names them), then
    what a stated place with no word on remote work implies."""
    from .facts import detect_facts, implied_onsite
    from .language import detect_language

    posting.facts = facts = detect_facts(posting.text, posting.lines, posting.sections, posting.lower)
    _facts_from_meta(posting, posting.meta, source)
    if facts.remote is None and facts.location is not None:  # the place, from the text or the fields
        facts.remote_implied = implied_onsite(posting.text, posting.lower, facts.location.start)
        facts.remote = "onsite" if facts.remote_implied else None
    posting.language, posting.language_confidence = detect_language(posting.text)


def _merge(a: list[tuple], b: list[tuple]) -> list[tuple]:
    """Two lists of cuts as one, sorted, a span inside an earlier one dropped (and what
    two overlapping spans were read as with it: the joined span is cut)."""
    merged: list[tuple] = []
    for span in sorted(a + b, key=lambda span: (span[0], -span[1])):
        if merged and span[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(span[1], merged[-1][1]))
        else:
            merged.append(span)
    return merged


def _facts_from_meta(posting: Posting, meta: dict[str, str], source: str = "front_matter") -> None:
    """Front matter and ATS fields often state what the body leaves out (place, contract, pay).

    Pay in fields beats a third party's estimate found in the text: the fields are the
    employer's (or the page's) own statement.
    """
    from .facts import detect_employment_type, detect_remote
    from .facts.pay_fields import salary_from_fields
    from .model import Location

    facts = posting.facts
    if facts.salary is None or facts.salary.estimate:
        stated = salary_from_fields(meta, meta.get("pay_source") or source)
        if stated is not None and (facts.salary is None or not stated.estimate):
            facts.salary = stated
    if facts.remote is None and meta.get("remote") in ("remote", "hybrid", "onsite"):
        facts.remote = meta["remote"]
    place = meta.get("location") or meta.get("city")
    if facts.location is None and place:
        facts.location = Location(place, None, None)
    if facts.remote is None and place:
        facts.remote = detect_remote(place)
    kind = meta.get("type") or meta.get("contract") or meta.get("employment_type")
    if facts.employment_type is None and kind:
        facts.employment_type = detect_employment_type(kind)


def format_for(path: Path) -> str | None:
    return TEXT_SUFFIXES.get(path.suffix.lower())


def read_source(path: Path, limit: int | None = None) -> str:
    """A posting file's text, decoded as `files.read_user_file` does; `LoadError` when it cannot be."""
    from ..files import ReadRefused, read_user_file

    try:
        return read_user_file(path, limit=limit, stamp=False).text  # read to lint, not to write back
    except ReadRefused as exc:
        raise LoadError(str(exc)) from None


def load_path(path: str | Path, fmt: str | None = None, *, facts: bool = True, limit: int | None = None) -> Posting:
    """Load one posting file; raises `LoadError` with a one-line reason."""
    found = load_postings(path, fmt, facts=facts, limit=limit)
    if len(found) != 1:
        raise LoadError(f"holds {len(found)} postings: load them with load_postings")
    return found[0]


def load_postings(path: str | Path, fmt: str | None = None, *, facts: bool = True, limit: int | None = None) -> list[Posting]:
    """The postings in a file: one, or each of an ATS export (reported as `path#id`).

    `limit`: the largest file read, in bytes (config `max-file-size`; None: the default).
    """
    p = Path(path)
    fmt = fmt or format_for(p) or "txt"
    return postings_from_source(read_source(p, limit), str(path), fmt, facts=facts)


def postings_from_source(source: str, path: str, fmt: str, *, facts: bool = True) -> list[Posting]:
    """Like `posting_from_text`, but a JSON export or a page with JSON-LD may hold several."""
    if fmt == "json" or (fmt == "html" and "ld+json" in source):
        from .ats import NotAPosting, parse_html_jsonld, parse_json

        try:
            found = parse_json(source) if fmt == "json" else parse_html_jsonld(source)
        except NotAPosting as exc:
            raise LoadError(str(exc)) from None
        if found:
            return [_from_ats(ap, path, len(found) > 1, facts) for ap in found]
    return [posting_from_text(source, path, fmt, facts=facts)]


def _from_ats(ap, path: str, several: bool, facts: bool) -> Posting:
    """A posting from an ATS record: its body as the text, its fields as front matter."""
    posting = posting_from_text(ap.body, f"{path}#{ap.id}" if several else path, ap.body_format, facts=False)
    posting.location_basis = "extracted"  # lines count the description, not the JSON file
    if ap.title:  # the record's own title beats a line guessed from the body
        from .title import settle_title

        settle_title(posting, ap.title)
    posting.meta = dict(ap.meta)
    if facts:
        _add_facts(posting, "ats")
    return posting


def load_stdin(name: str = "-", fmt: str | None = None, *, limit: int | None = None) -> list[Posting]:
    """The postings on stdin, decoded as a file is (a BOM, UTF-16 or UTF-32 included)."""
    from ..files import ReadRefused, read_user_stream

    try:
        source = read_user_stream(getattr(sys.stdin, "buffer", None), name, limit=limit).text
    except ReadRefused as exc:
        raise LoadError(str(exc)) from None
    guessed = fmt or format_for(Path(name)) or ("html" if re.match(r"\s*<", source) else "txt")
    return postings_from_source(source, name, guessed)
