"""The regular expressions of rules and laws: compiled late, pre-filtered, run quickly.

A rule file's expressions are data, and `lint` runs hundreds of them on every posting,
so most of `lint`'s speed is decided here: an expression is compiled only when a posting
needs it (`LazyPattern`), skipped when the posting lacks a literal every match must hold
(`literal_filter`, `literal_clauses`, `LiteralFilter`), run as its lower-case twin where
that provably means the same (`lower_twin`), and rewritten into an equal expression the
regex engine can skip ahead in (`LazyPattern.planned`). `PatternIndex` finds, among many pattern sets (the pay
laws' places), the few worth running. Everything here works on expressions alone: it
knows nothing of rule files, so the loader and each rule kind's `compile` share it.

Why one module of some 750 lines: the parts read the same parse trees (`re._parser`)
and are tuned together; split, each would import the others' private walkers.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from .. import _regex_cache

TYPE_CHECKING = False  # `typing` costs 3 ms of start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any


# Rule sets are cached with their planned expressions: a change to what `planned`
# stores must change the cache key too (the loader puts this in it).
PLAN_VERSION = 4


class BadPattern(ValueError):
    """An expression that does not compile; `source` is the expression as written."""

    def __init__(self, source: str, reason: re.error):
        super().__init__(str(reason))
        self.source = source


class LazyPattern:
    """A regular expression compiled when first used, and run the quickest safe way.

    Rule files are validated (every expression compiled) when first loaded; the rule
    set is then cached without compiled expressions, and later runs compile only what
    a posting needs. Compiling is most of `lint`'s start-up otherwise.

    Three rewrites, all decided at load time, make matching several times faster:
    - `on_lower`: a case-insensitive expression runs as its lower-case twin
      (`lower_twin`), case-sensitively, on the posting's lower-cased text, which has
      the same length offset for offset. Match objects then refer to that text.
    - `bounded`: a leading `\\b` is dropped from the expression run and checked here
      instead. With it, the regex engine tries every position; without it, it skips
      ahead to the literal the expression starts with.
    - a guard (`_first_char_guard`): an expression that opens with lookbehinds makes
      the regex engine test every one of them at every position of the text; a
      lookahead for the words or characters a match can begin with, put first, fails
      at most positions at once. The years-of-experience expressions were more than
      half of a 20 MB file's lint without it.
    """

    __slots__ = ("source", "flags", "run_source", "on_lower", "bounded", "_compiled", "_run", "_heads")

    def __init__(self, source: str, flags: int = 0, run_source: str | None = None, on_lower: bool = False, bounded: bool = False,
                 heads: tuple[tuple[str, bool], ...] | None = None):
        self.source, self.flags = source, flags
        self.run_source = source if run_source is None else run_source
        self.on_lower, self.bounded = on_lower, bounded
        self._compiled: re.Pattern[str] | None = None
        self._run: re.Pattern[str] | None = None
        self._heads = heads

    @classmethod
    def planned(cls, source: str, flags: int, fold: bool = True) -> LazyPattern:
        twin = lower_twin(source, flags) if fold else None
        run_flags = flags & ~re.I if twin is not None else flags
        written = source if twin is None else twin
        run, bounded = written, False
        for candidate in (_factor_boundary(written), written):
            if _leading_boundary(candidate):
                unbounded = _unroll_leading_repeat(candidate[2:])
                if _skips_ahead(unbounded, run_flags):  # else the engine's own \b test is quicker
                    run, bounded = unbounded, True
                    break
        if not bounded:
            run = _unroll_leading_repeat(run)
        return cls(source, flags, _first_char_guard(run, run_flags) + run, twin is not None, bounded, _word_heads(written, run_flags))

    @property
    def compiled(self) -> re.Pattern[str]:
        """The expression as written, for the original text."""
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    @property
    def run(self) -> re.Pattern[str]:
        """The expression as it is run (see the class)."""
        if self._run is None:
            self._run = _regex_cache.compile(self.run_source, self.flags & ~re.I if self.on_lower else self.flags)
        return self._run

    def search(self, text: str, low: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The first match in `text` (whose lower-cased twin is `low`), as `compiled.search` finds it."""
        rx = self._run or self.run
        target = low if self.on_lower else text
        if not self.bounded:
            return rx.search(target, pos, endpos)
        endpos = min(endpos, len(target))
        pos = min(pos, len(target))  # as the regex engine clamps them
        while pos <= endpos:
            m = rx.search(target, pos, endpos)
            if m is None:
                return None
            s = m.start()
            if (s > 0 and _is_word(target[s - 1])) != (s < endpos and _is_word(target[s])):
                return m
            pos = s + 1
        return None

    def finditer(self, text: str, low: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """Matches in `text` (whose lower-cased twin is `low`), as `compiled.finditer` finds them."""
        if not self.bounded:
            yield from (self._run or self.run).finditer(low if self.on_lower else text, pos, endpos)
            return
        endpos, pos = min(endpos, len(text)), min(pos, len(text))
        while pos <= endpos and (m := self.search(text, low, pos, endpos)) is not None:
            yield m
            pos = m.end() if m.end() > m.start() else m.start() + 1

    def match(self, text: str, low: str, pos: int, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`compiled.match` at `pos`, where a word of `word_heads` begins (so a leading
        `\\b` holds there, and the expression run without it means the same)."""
        return (self._run or self.run).match(low if self.on_lower else text, pos, endpos)

    def word_heads(self) -> tuple[tuple[str, bool], ...] | None:
        """The words every match begins with, at the start of a word: (lower-case word,
        whether it may be the beginning of a longer word), or None when a match may begin
        some other way (a figure, a mark, inside a word, any case of a non-ASCII letter).

        For a posting of megabytes, whose words are placed in one pass
        (`rubric/places.py`), the expression is then tried only where those words
        stand instead of at every character. Planned with the rest (`planned`), from
        the expression as it runs (its lower-case twin where it has one).
        """
        return self._heads

    def __reduce__(self):
        return LazyPattern, (self.source, self.flags, self.run_source, self.on_lower, self.bounded, self._heads)


_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


def _word_heads(source: str, flags: int) -> tuple[tuple[str, bool], ...] | None:
    """See `LazyPattern.word_heads`; the openings are those the guard reads (`_openings`)."""
    from re import _parser

    if flags & re.I:
        return None  # under IGNORECASE, "k" also matches the Kelvin sign, and so on
    try:
        parsed = _parser.parse(source, flags)
    except re.error:
        return None
    if parsed.state.flags & re.I:
        return None
    heads = _openings(list(parsed))
    if not heads:
        return None
    out: dict[tuple[str, bool], None] = {}
    for bounded, is_set, body in heads:
        if not bounded or (is_set and not (len(body) == 1 and body.isascii() and body.isalnum())):
            return None  # a one-letter "set" is a literal the parser split off ("h" of "his|her")
        literal = re.sub(r"\\(.)", r"\1", body)  # the body is written escaped
        word = _ASCII_WORD.match(literal)
        if word is None:
            return None
        # A word run to the literal's end may go on in the text ("lift" in "lifting").
        out[(word.group().lower(), word.end() == len(literal))] = None
    return tuple(out)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what `\w` means in a str pattern


def _leading_boundary(source: str) -> bool:
    """Whether the expression opens with `\\b` that belongs to the whole of it."""
    from re import _constants as c
    from re import _parser

    if not source.startswith("\\b"):
        return False
    first = list(_parser.parse(source))[0]
    if first != (c.AT, c.AT_BOUNDARY):
        return False
    # "\\ba…|\\bb…" parses as one `\\b` before the alternatives, but only the first is
    # dropped from the text: the others keep theirs, and the engine, which skips ahead
    # only when every alternative starts with a literal, would try every position.
    rest = list(_parser.parse(source[2:]))
    return not (rest and rest[0][0] is c.BRANCH and any(list(alt)[:1] == [first] for alt in rest[0][1][1]))


def _skips_ahead(source: str, flags: int) -> bool:
    """Whether the regex engine can skip to where a match may begin (see `_has_prefix`)."""
    from re import _parser

    try:
        return _has_prefix(_parser.parse(source, flags), flags)
    except re.error:
        return False


def _has_prefix(parsed, flags: int) -> bool:
    """Whether the parsed expression opens with a literal or a character set, which the
    regex engine skips ahead to (`_compiler._compile_info`)."""
    from re import _compiler

    return bool(_compiler._get_literal_prefix(parsed, flags)[0] or _compiler._get_charset_prefix(parsed, flags))


def _factor_boundary(source: str) -> str:
    r"""`\ba…|\bb…` as `\b(?:a…|b…)`: the same expression, which the next steps can speed up.

    Every alternative at the top level opening with `\b` keeps the engine from skipping
    ahead (see `_leading_boundary`); with the boundary taken out in front, it is
    dropped and checked by `LazyPattern`, and the engine skips to the alternatives'
    first letters (when they open with letters: `planned` checks). The group added
    captures nothing, so group numbers stay.
    """
    alternatives = _top_level_alternatives(source)
    if len(alternatives) < 2 or not all(a.startswith("\\b") for a in alternatives):
        return source
    return "\\b(?:" + "|".join(a[2:] for a in alternatives) + ")"


def _top_level_alternatives(source: str) -> list[str]:
    """`source` cut at each `|` outside groups and character sets."""
    out, depth, start, i = [], 0, 0, 0
    in_set = False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
            i += 1
            if source[i : i + 1] == "^":
                i += 1
            if source[i : i + 1] == "]":
                i += 1  # a "]" first in a set is one of its characters
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out


# A single-character atom repeated at the start: `\d{2}`, `[a-z]+`, `\w{1,3}?`.
_LEADING_REPEAT = re.compile(r"((?:\((?:\?:)?)*)(\\[dDwWsS]|\[(?:\\.|[^\]\\\[])+\])(?:\{(\d+)(?:(,)(\d*))?\}|(\+))([?+]?)")


def _unroll_leading_repeat(source: str) -> str:
    r"""`\d{2}…` as `\d\d{1}…`: the same expression, with a character set first.

    The regex engine skips ahead to where a match can begin only when the expression
    opens with a literal or a character set, not a repeat of one; `X{m,n}` with m ≥ 1
    matches as `X` then `X{m-1,n-1}`, greedy, lazy or possessive alike, and the atom
    holds no group. Measured on the corpus (issue 13): the age-range expression ran in
    half the time.
    """
    m = _LEADING_REPEAT.match(source)
    if m is None:
        return source
    groups, atom, low, comma, high, plus, mode = m.groups()
    if plus:
        rest = "*"
    else:
        lo = int(low)
        if lo < 1:
            return source
        if comma is None:
            rest = f"{{{lo - 1}}}"
        elif high == "":
            rest = f"{{{lo - 1},}}"
        else:
            rest = f"{{{lo - 1},{int(high) - 1}}}"
    return f"{groups}{atom}{atom}{rest}{mode}{source[m.end():]}"


def _first_char_guard(source: str, flags: int) -> str:
    """A lookahead for how any match begins, when the regex engine cannot skip ahead.

    The engine skips ahead by itself when an expression starts with a literal or a
    character set (`_compiler._get_literal_prefix` / `_get_charset_prefix`); behind
    leading assertions it does not, and runs them all at every position. The guard —
    the literal words or the characters a match can begin with, after a `\\b` where
    one stands — is a necessary condition of a match at that position, so it never
    changes what matches; "" when the engine already skips, or when the beginning
    cannot be read from the parse. Whole literals, not first letters: "one|two|…" as a
    guard lets through a tenth of the word starts that "[ot…]" does.
    """
    from re import _parser

    if _GLOBAL_FLAGS.match(source):
        return ""  # nothing may stand before them
    try:
        parsed = _parser.parse(source, flags)
    except re.error:
        return ""
    if not _opens_with_lookaround(list(parsed)):
        return ""  # measured: a guard before a `\\b` or a literal only adds a test
    if _has_prefix(parsed, flags):
        return ""
    heads = _openings(list(parsed))
    if not heads:
        return ""
    parts = []
    for bounded in (False, True):
        mark = "\\b" if bounded else ""
        chars = "".join(dict.fromkeys(body for b, is_set, body in heads if b is bounded and is_set))
        words = list(dict.fromkeys(body for b, is_set, body in heads if b is bounded and not is_set))
        if chars:
            parts.append(f"{mark}[{chars}]")
        if words:
            parts.append(f"{mark}(?:{'|'.join(words)})")
    return f"(?={'|'.join(parts)})"


def _opens_with_lookaround(items) -> bool:
    from re import _constants as c

    while items and items[0][0] is c.SUBPATTERN:
        items = list(items[0][1][-1])
    return bool(items) and items[0][0] in (c.ASSERT, c.ASSERT_NOT)


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _openings(items) -> list[tuple[bool, bool, str]] | None:
    """How a match of the sequence can begin, one (after a word boundary, a character
    set?, source) per way: a set's body or an escaped literal run; None when unknown (an
    optional start, a negated set, a back-reference...)."""
    from re import _constants as c

    boundary = False
    for i, (op, arg) in enumerate(items):
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.AT:
            boundary = boundary or arg is c.AT_BOUNDARY
            continue
        if op is c.SUBPATTERN:
            if arg[1] or arg[2]:
                return None  # inline flags change what a character set means
            if _zero_width(arg[-1]):
                continue
            heads = _openings(list(arg[-1]))
        elif op is c.BRANCH:
            if all(_zero_width(alt) for alt in arg[1]):
                continue
            heads = []
            for alt in arg[1]:
                found = _openings(list(alt))
                if found is None:
                    return None
                heads += found
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            heads = _openings(list(arg[2])) if arg[0] >= 1 else None
        elif op is c.LITERAL:
            run = [arg]
            for op2, arg2 in items[i + 1 :]:
                if op2 is not c.LITERAL:
                    break
                run.append(arg2)
            heads = [(False, False, re.escape("".join(map(chr, run))))] if len(run) > 1 else [(False, True, _class_char(arg))]
        elif op is c.IN:
            heads = [(False, True, _class_body(arg))]
        else:
            return None
        if heads is None or any(body is None for _, _, body in heads):
            return None
        return [(boundary or bounded, is_set, body) for bounded, is_set, body in heads]
    return None  # the whole sequence can match without consuming anything


def _zero_width(items) -> bool:
    from re import _constants as c

    for op, arg in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        if op is c.SUBPATTERN and _zero_width(arg[-1]):
            continue
        if op is c.BRANCH and all(_zero_width(alt) for alt in arg[1]):
            continue
        return False
    return True


def _class_char(code: int) -> str:
    ch = chr(code)
    return ch if ch.isalnum() else f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_CATEGORIES = {"CATEGORY_DIGIT": "\\d", "CATEGORY_NOT_DIGIT": "\\D", "CATEGORY_SPACE": "\\s",
               "CATEGORY_NOT_SPACE": "\\S", "CATEGORY_WORD": "\\w", "CATEGORY_NOT_WORD": "\\W"}


def _class_body(items) -> str | None:
    """A parsed character set written back as the inside of `[...]`; None if negated or odd."""
    from re import _constants as c

    out = []
    for op, arg in items:
        if op is c.LITERAL:
            out.append(_class_char(arg))
        elif op is c.RANGE:
            out.append(f"{_class_char(arg[0])}-{_class_char(arg[1])}")
        elif op is c.CATEGORY and str(arg) in _CATEGORIES:
            out.append(_CATEGORIES[str(arg)])
        else:
            return None
    return "".join(out)


def checked(source: str, flags: int = 0, fold: bool = True) -> LazyPattern:
    """`source` checked to compile, planned to run quickly (`fold`: the lower-case twin may
    be used); raises `BadPattern`."""
    from re import _compiler

    try:
        # Compiled to be checked, then dropped: through `re.compile` it would fill re's
        # cache, and the stored pattern cache, with expressions no run uses as written.
        _compiler.compile(source, flags)
    except re.error as exc:
        raise BadPattern(source, exc) from None
    return LazyPattern.planned(source, flags, fold)


def literal_filter(source: str, flags: int = 0) -> tuple[Literal, ...] | None:
    """Strings of which every match must contain one, or None if unknown.

    A posting that contains none of them cannot match, and looking them up is much
    cheaper than running the expression. Read from the parsed expression: a literal
    run in the main sequence, or a group whose every alternative has one. A literal
    with word boundaries on both sides is a whole word (or words), looked up in the
    posting's vocabulary instead of searched for.
    """
    from re import _parser

    try:
        return _filter_for(list(_parser.parse(source, flags)))
    except re.error:
        return None


def literal_clauses(source: str, flags: int = 0) -> list[tuple[Literal, ...]]:
    """Every such set of strings the expression requires, not just the first found.

    A match holds one string of each set. The first set (`literal_filter`'s) is often
    one nearly every posting has ("under", "no", "year"), while a later part is rare
    ("years old", "age"): testing them all skips far more postings for the cost of a
    few set lookups. Measured on the corpus (issue 13): the age, photo and pronoun
    expressions ran on most postings before.
    """
    from re import _parser

    try:
        items = list(_parser.parse(source, flags))
    except re.error:
        return []
    return list(dict.fromkeys(_clauses_in(items)))


def _clauses_in(items) -> list[tuple[Literal, ...]]:
    from re import _constants as c

    out = [(run,) for run in _required_runs(items)]
    for i, (op, arg) in enumerate(items):
        if op is c.SUBPATTERN:
            inner = list(arg[-1])
            if not (len(inner) == 1 and inner[0][0] is c.BRANCH):
                out += [cl for cl in _clauses_in(inner) if len(cl) > 1]  # its runs are already in `out`
                continue
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            out += _clauses_in(list(arg[2]))
            continue
        elif op is not c.BRANCH:
            continue
        found = _filter_for([(op, arg)], items[i - 1] if i else None, items[i + 1] if i + 1 < len(items) else None)
        if found:
            out.append(found)
    return out


class Literal(tuple):
    """(text, whole): lower-cased text, and whether it stands between word boundaries."""

    __slots__ = ()

    def __new__(cls, text: str, whole: bool):
        return super().__new__(cls, (text, whole and _WORDS.fullmatch(text) is not None))

    def __getnewargs__(self):
        return tuple(self)


_WORDS = re.compile(r"\w+(?: \w+)*")
# Words nearly every posting has: useless as a filter.
_COMMON_WORDS = frozenset({"the", "and", "for", "with", "our", "you", "your", "are", "in", "of", "to", "we", "is", "be", "or"})


def _is_boundary(item) -> bool:
    """A word boundary, a literal character that cannot be part of a word, or white space."""
    from re import _constants as c

    if item is None:
        return False
    if item[0] is c.AT:
        return item[1] is c.AT_BOUNDARY
    if item[0] in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return item[1][0] >= 1 and _spaces_only(item[1][2])  # "\s+" stands between words
    return item[0] is c.LITERAL and not chr(item[1]).isalnum() and chr(item[1]) != "_"


def _spaces_only(body) -> bool:
    from re import _constants as c

    items = list(body)
    if len(items) != 1:
        return False
    op, arg = items[0]
    if op is c.LITERAL:
        return chr(arg).isspace()
    return op is c.IN and all(
        (o is c.CATEGORY and a is c.CATEGORY_SPACE) or (o is c.LITERAL and chr(a).isspace()) for o, a in arg
    )


def _filter_for(items, before=None, after=None) -> tuple[Literal, ...] | None:
    """The first set of strings found that every match of `items` holds one of.

    `before` and `after`: the items around `items` in the sequence that holds them,
    for the word boundaries around a group that is all of `items`."""
    from re import _constants as c

    best = _required_in(items)
    if best:
        return (best,)
    for i, (op, arg) in enumerate(items):
        if op is c.SUBPATTERN:
            inner = list(arg[-1])
            if len(inner) == 1 and inner[0][0] is c.BRANCH:
                alternatives = inner[0][1][1]
            else:
                found = _filter_for(inner)
                if found:
                    return found
                continue
        elif op is c.BRANCH:
            alternatives = arg[1]
        else:
            continue
        bounded = _is_boundary(items[i - 1] if i else before) and _is_boundary(items[i + 1] if i + 1 < len(items) else after)
        each = []
        for alt in alternatives:
            alt = list(alt)
            if bounded and alt and all(o is c.LITERAL for o, _ in alt):
                each.append((Literal("".join(chr(x).lower() for _, x in alt), True),))
            else:
                each.append(_filter_for(alt))
        if all(each) and not any(_COMMON_WORDS.issuperset(x[0].split()) for f in each for x in f):
            return tuple(dict.fromkeys(x for f in each for x in f))
    return None


def _required_in(items) -> Literal | None:
    """The longest literal run that every match of the sequence `items` contains."""
    return max(_required_runs(items), key=lambda r: (r[1], len(r[0])), default=None)


def _required_runs(items) -> list[Literal]:
    """The literal runs, long enough to be worth a test, that every match of `items` contains."""
    from re import _constants as c

    runs: list[Literal] = []
    current: list[str] = []
    left = False  # the current run started right after a word boundary

    def flush(right: bool) -> None:
        if current:
            text = "".join(current)
            # Spaces and punctuation inside the run bound words as well as \b does.
            starts_word = left or not (text[0].isalnum() or text[0] == "_")
            ends_word = right or not (text[-1].isalnum() or text[-1] == "_")
            words = re.findall(r"\w+", text)
            if starts_word and ends_word and words:
                runs.append(Literal(" ".join(words), True))
            else:
                runs.append(Literal(text.strip(), False))
            current.clear()

    def walk(seq) -> None:
        nonlocal left
        after_boundary = False
        for item in seq:
            op, arg = item
            if op is c.LITERAL:
                if not current:
                    left = after_boundary
                current.append(chr(arg).lower())
                after_boundary = False
            elif op is c.SUBPATTERN and not any(o is c.BRANCH for o, _ in arg[-1]):
                walk(arg[-1])
                after_boundary = False
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and _spaces_only(arg[2]):
                # "\s+" ends and starts words; "\s*" only keeps a boundary it follows.
                nonword_before = after_boundary if not current else not (current[-1].isalnum() or current[-1] == "_")
                flush(arg[0] >= 1)
                after_boundary = arg[0] >= 1 or nonword_before
            else:
                flush(_is_boundary(item))
                after_boundary = _is_boundary(item)

    walk(items)
    flush(False)
    return [r for r in runs if len(r[0]) >= (2 if r[1] else 3) and not _COMMON_WORDS.issuperset(r[0].split())]


class LiteralFilter:
    """A pattern's literals, arranged for quick tests: whole words as a set.

    `words`, `phrases` and `substrings` are one set of strings a match holds one of
    (what indexes by word use); `also` holds the expression's other such sets, each a
    LiteralFilter of its own, tested only for the whole posting (`occurs`).
    """

    __slots__ = ("words", "phrases", "substrings", "also")

    def __init__(self, literals: tuple[Literal, ...], also: tuple[tuple[Literal, ...], ...] = ()):
        self.words = frozenset(t for t, whole in literals if whole and " " not in t)
        self.phrases = tuple(tuple(t.split()) for t, whole in literals if whole and " " in t)
        self.substrings = tuple(t for t, whole in literals if not whole)
        self.also = tuple(LiteralFilter(clause) for clause in also)

    def occurs(self, low: str, vocab: frozenset[str]) -> bool:
        """Whether the posting (lower-cased text and word set) can hold a match."""
        if not self._one_of(low, vocab):
            return False
        for clause in self.also:
            if not clause._one_of(low, vocab):
                return False
        return True

    def _one_of(self, low: str, vocab: frozenset[str]) -> bool:
        # Loops rather than any(): this runs a hundred times a posting.
        if not self.words.isdisjoint(vocab):
            return True
        for phrase in self.phrases:
            if vocab.issuperset(phrase):
                return True
        for sub in self.substrings:
            if sub in low:
                return True
        return False

    def in_words(self, words: set[str], window: str) -> bool:
        """`in_text` for a window whose word tokens are `words`: whole-word literals are
        looked up among them (a match holds them as whole words), the others searched."""
        if not self.words.isdisjoint(words):
            return True
        for phrase in self.phrases:
            if words.issuperset(phrase):
                return True
        for sub in self.substrings:
            if sub in window:
                return True
        return False

    def in_text(self, window: str) -> bool:
        """The same test on a short stretch of lower-cased text."""
        for word in self.words:
            if word in window:
                return True
        for phrase in self.phrases:
            if all(w in window for w in phrase):
                return True
        for sub in self.substrings:
            if sub in window:
                return True
        return False


class PatternSet:
    """Expressions of which any may match, each with its literal pre-filter (or None)."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[tuple[LiteralFilter | None, LazyPattern]]):
        self.parts = parts

    def search_any(self, text: str, low: str, vocab: frozenset[str]) -> bool:
        for f, rx in self.parts:
            if (f is None or f.occurs(low, vocab)) and rx.search(text, low) is not None:
                return True
        return False


class PatternIndex:
    """Many pattern sets looked up at once: which of them match a posting.

    Filters are indexed by word (a phrase by its first word), so one intersection
    with the posting's vocabulary finds the few expressions worth running, where a
    filter test per expression cost more than the searches (the pay laws have fifty
    places). Expressions with no word to index by are tested one by one.
    """

    __slots__ = ("_by_word", "_others")

    def __init__(self, sets: list[tuple[Any, PatternSet]]):
        self._by_word: dict[str, list[tuple[Any, LiteralFilter, LazyPattern]]] = {}
        self._others: list[tuple[Any, LiteralFilter | None, LazyPattern]] = []
        for key, pattern_set in sets:
            for f, rx in pattern_set.parts:
                firsts = set() if f is None else set(f.words) | {phrase[0] for phrase in f.phrases}
                if f is None or f.substrings:
                    self._others.append((key, f, rx))
                for word in firsts:
                    self._by_word.setdefault(word, []).append((key, f, rx))

    def matching(self, text: str, low: str, vocab: frozenset[str]) -> set:
        """Keys of the sets of which at least one expression matches."""
        found: set = set()
        candidates = [c for word in vocab.intersection(self._by_word) for c in self._by_word[word]]
        for key, f, rx in candidates + self._others:
            if key not in found and (f is None or f.occurs(low, vocab)) and rx.search(text, low) is not None:
                found.add(key)
        return found


def pattern_set(sources: list[str], flags: int, fold: bool = True) -> PatternSet:
    """Each expression checked (raises `BadPattern`) and given its literal pre-filter."""
    parts = []
    for source in sources:
        literals = literal_filter(source, flags)
        regex = checked(source, flags, fold)
        clauses = literal_clauses(source, flags)
        if literals is None and clauses:
            literals = min(clauses, key=len)  # fewest strings: the likeliest to be a rare word
        # Only sets of whole words: a word is a set lookup, a substring a scan of the text.
        also = tuple(cl for cl in clauses if cl != literals and all(whole for _, whole in cl))
        parts.append((LiteralFilter(literals, also) if literals else None, regex))
    return PatternSet(parts)


def lower_twin(source: str, flags: int) -> str | None:
    """`source` with its letters lower-cased, for case-sensitive use on lower-cased text.

    None unless the expression is case-insensitive and the twin provably means the
    same: its parse tree must equal the original's with every literal lower-cased, no
    upper-case letter may be left (an escape like `\\x41` is copied as it stands),
    and no back-reference or inline case flag may be involved.
    """
    from re import _parser

    if not flags & re.I or re.search(r"\(\?[a-zA-Z-]*[iI]", source):
        return None
    out, i = [], 0
    while i < len(source):
        if source[i] == "\\":
            out.append(source[i : i + 2])
            i += 2
        else:
            out.append(source[i].lower())
            i += 1
    twin = "".join(out)
    try:
        a, b = _parser.parse(source, flags), _parser.parse(twin, flags & ~re.I)
    except re.error:
        return None
    return twin if _same_when_lowered(list(a), list(b)) else None


def _same_when_lowered(a, b) -> bool:
    """Whether parse tree `b` is `a` with its literals lower-cased (and no upper case left)."""
    from re import _constants as c
    from re import _parser

    if isinstance(a, _parser.SubPattern):
        a = list(a)
    if isinstance(b, _parser.SubPattern):
        b = list(b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return False
        if len(a) == 2 and a[0] is b[0] and a[0] in (c.LITERAL, c.NOT_LITERAL):
            return chr(a[1]).lower() == chr(b[1]) == chr(b[1]).lower()
        if len(a) == 2 and a[0] is b[0] and a[0] is c.RANGE:
            lo, hi = (chr(x) for x in a[1])
            # A-Z becomes a-z; a range mixing letters and other characters is left alone.
            letters = lo.isalpha() and hi.isalpha() and lo.isupper() == hi.isupper()
            lowered = (ord(lo.lower()), ord(hi.lower())) if letters else a[1]
            return tuple(b[1]) == lowered and (letters or not any(chr(x).isupper() for x in range(a[1][0], a[1][1] + 1)))
        if len(a) == 2 and a[0] in (c.GROUPREF, c.GROUPREF_EXISTS, c.GROUPREF_IGNORE):
            return False
        return all(_same_when_lowered(x, y) for x, y in zip(a, b, strict=True))
    return a == b

