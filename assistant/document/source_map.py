"""Where each character of the normalised text came from in the file the user wrote.

Its own module because both sides need it: `normalise` builds the map while it changes
the text, and `model.Posting` carries it for every reader after. With the map in
`model`, `model` and `normalise` imported each other.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right


class SourceMap:
    """Maps offsets in the normalised text back to offsets in the source text.

    Stored as runs: `(norm_start, src_start)` pairs, each run mapping one-to-one until
    the next, so the map stays small however long the posting is.
    """

    __slots__ = ("_norm", "_src", "_line_starts", "source")

    def __init__(self, runs: list[tuple[int, int]], source: str):
        self._norm = [r[0] for r in runs] or [0]
        self._src = [r[1] for r in runs] or [0]
        self.source = source
        self._line_starts: array | None = None

    @classmethod
    def identity(cls, text: str) -> SourceMap:
        return cls([(0, 0)], text)

    def to_source(self, offset: int) -> int:
        i = bisect_right(self._norm, offset) - 1
        if i < 0:
            return 0
        return self._src[i] + (offset - self._norm[i])

    def to_normalised(self, src_offset: int) -> int:
        """The normalised offset of a source offset; inside a cut, where the cut landed."""
        i = bisect_right(self._src, src_offset) - 1
        if i < 0:
            return 0
        offset = self._norm[i] + (src_offset - self._src[i])
        return min(offset, self._norm[i + 1]) if i + 1 < len(self._norm) else offset

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a normalised offset.

        Lines are counted as editors count them: CR, LF and CRLF each end one line
        (a file saved with lone CRs is not all on line 1).
        """
        if self._line_starts is None:
            self._line_starts = line_starts(self.source)
        src = self.to_source(offset)
        line = bisect_right(self._line_starts, src)
        return line, src - self._line_starts[line - 1] + 1


def line_starts(source: str) -> array:
    """The offset where each line of `source` starts; CR, LF and CRLF each end a line.

    Linear, and kept as machine words, not int objects: 8 bytes a line, not 36, on a
    file of a million lines.
    """
    starts = array("q", [0])
    find = source.find
    pos = find("\n")
    while pos != -1:  # the common case, LF or CRLF: one C-level search per line
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    if "\r" in source and source.count("\r") != source.count("\r\n"):  # lone CRs end lines too
        import re

        starts = array("q", [0])
        starts.extend(m.end() for m in re.finditer(r"\r\n?|\n", source))
    return starts
