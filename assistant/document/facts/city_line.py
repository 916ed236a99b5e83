"""A line near the top that only lists known cities ("Mumbai, Helsinki, San Francisco"):
job boards set the places under the title with no label, and a reader takes them as
the job's places. The last resort of the location finders (`location._location`).
"""

from __future__ import annotations

import re

from ..model import Location
from .places import _CITY_NAMES, _known_prefix
from .view import _Doc

_CITY_ITEM = re.compile(r"[ \t]*(?:,|/|\||;|\bor\b|\band\b|&)[ \t]*")


def _location_from_city_line(doc: _Doc) -> Location | None:
    """A line near the top that only lists known cities ("Mumbai, Helsinki, San Francisco"),
    as job boards set the places under the title. The first dozen lines, each split once."""
    text = doc.text
    at = 0
    for _ in range(12):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[at:end].strip(" \t*_-•")
        if 3 <= len(line) <= 80 and "," in line:
            items = [item for item in _CITY_ITEM.split(line) if item]
            if len(items) >= 2 and all(_known_prefix(item, _CITY_NAMES) == len(item) for item in items):
                first = text.index(line, at)
                return Location(line, first, first + len(line))
        if end >= len(text):
            break
        at = end + 1
    return None
