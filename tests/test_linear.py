"""Long inputs cost work in proportion to their length (issue 13).

Each test counts work (characters scanned, windows searched, lints run) on an input and
on one twice as long, and asks that the work at most about doubles: quadratic code
quadruples it. Nothing here is timed; the seconds are measured by
benchmarks/bench_long.py. Other tests check that the same findings still come out.
"""

from __future__ import annotations

import re

import pytest

from assistant.document.loaders import posting_from_text

# Work may grow by this factor when the input doubles: twice, and some slack for
# what does not scale with the input (a title, a rule's own set-up).
LINEAR = 2.4


class Meter(str):
    """A string that counts the characters its searches and slices go over.

    A search counts what it had to look at: up to the match, or its whole range
    when there is none. Regular expressions read the buffer directly and are not
    seen here; `CountingPattern` counts those.
    """

    scanned = 0

    @classmethod
    def reset(cls) -> None:
        cls.scanned = 0

    def _range(self, start, end):
        n = len(self)
        start = 0 if start is None else (start + n if start < 0 else start)
        end = n if end is None else (end + n if end < 0 else end)
        return max(0, min(start, n)), max(0, min(end, n))

    def find(self, sub, start=None, end=None):
        lo, hi = self._range(start, end)
        at = str.find(self, sub, lo, hi)
        Meter.scanned += (at + len(sub) - lo) if at >= 0 else hi - lo
        return at

    def rfind(self, sub, start=None, end=None):
        lo, hi = self._range(start, end)
        at = str.rfind(self, sub, lo, hi)
        Meter.scanned += (hi - at) if at >= 0 else hi - lo
        return at

    def index(self, sub, start=None, end=None):
        at = self.find(sub, start, end)
        if at < 0:
            raise ValueError("substring not found")
        return at

    def count(self, sub, start=None, end=None):
        lo, hi = self._range(start, end)
        Meter.scanned += hi - lo
        return str.count(self, sub, lo, hi)

    def startswith(self, prefix, start=None, end=None):
        lo, _ = self._range(start, end)
        Meter.scanned += max(map(len, prefix)) if isinstance(prefix, tuple) else len(prefix)
        return str.startswith(self, prefix, lo if start is not None else 0, *(() if end is None else (end,)))

    def __getitem__(self, key):
        part = str.__getitem__(self, key)
        Meter.scanned += len(part) if isinstance(key, slice) else 1
        return part

    def __add__(self, other):
        Meter.scanned += len(self) + len(other)
        return str.__add__(self, other)

    def lower(self):
        return Meter(str.lower(self))


class CountingList(list):
    """A list that adds to `Meter` each item it hands out, by iteration or index."""

    def __iter__(self):
        for item in list.__iter__(self):
            Meter.scanned += 1
            yield item

    def __getitem__(self, key):
        part = list.__getitem__(self, key)
        Meter.scanned += len(part) if isinstance(key, slice) else 1
        return part


class CountingPattern:
    """A compiled expression that adds the length of every range it searches to `Meter`."""

    def __init__(self, rx: re.Pattern[str]):
        self.rx = rx

    def __getattr__(self, name):
        return getattr(self.rx, name)

    @staticmethod
    def _span(string, pos, endpos):
        return max(0, min(endpos, len(string)) - pos)

    def search(self, string, pos=0, endpos=10**12):
        Meter.scanned += self._span(string, pos, endpos)
        return self.rx.search(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=10**12):
        Meter.scanned += self._span(string, pos, endpos)
        return self.rx.finditer(string, pos, endpos)

    def findall(self, string, pos=0, endpos=10**12):
        Meter.scanned += self._span(string, pos, endpos)
        return self.rx.findall(string, pos, endpos)

    def sub(self, repl, string, count=0):
        Meter.scanned += len(string)
        return self.rx.sub(repl, string, count)

    def match(self, string, pos=0, endpos=10**12):
        m = self.rx.match(string, pos, endpos)
        Meter.scanned += (m.end() - pos) if m else 1
        return m


def growth(work, n: int) -> float:
    """How much `work(size)` grows when the size doubles, from `n`."""
    small, large = work(n), work(2 * n)
    assert small > 0, "the measure saw no work at all"
    return large / small


# ---------------------------------------------------------------------------
# `unless` contexts: the sentence around a match


def _unpunctuated(units: int) -> str:
    """One line with no sentence end at all: a context far back, matches all along."""
    unit = "we build tools for small shops and we want someone young to run them "
    return "Engineer\n\nwe are a young company " + unit * units + "\n"


def test_the_window_for_unless_contexts_stays_near_the_match_on_a_line_with_no_sentence_end():
    from assistant.rubric import context as context_module
    from assistant.rubric.context import Context

    text = _unpunctuated(400)
    posting = posting_from_text(text, "p.txt", "txt")
    ctx = Context(posting)
    reach = getattr(context_module, "SENTENCE_REACH", 300)
    start = text.rindex("young")
    lo, hi = ctx.sentence_around(start, start + 5)
    assert lo <= start and start + 5 <= hi
    assert hi - lo <= 2 * reach + 5
    assert text[lo - 1].isspace(), "a window cut short begins with a whole word"


def test_a_context_far_back_on_the_same_line_no_longer_silences_a_match(lint):
    text = _unpunctuated(40)
    report = lint(text)
    reported = {f.start for f in report.findings if f.rule == "inclusivity/age"}
    # The first "young" stands in "a young company": silenced, as are those close
    # enough to see it. Every later one is far from it, with no sentence end between.
    context = text.index("young company")
    far = [m.start() for m in re.finditer(r"\byoung\b", text) if m.start() > context + 400]
    assert len(far) > 30
    assert set(far) <= reported


def test_a_context_beside_the_match_still_silences_it_on_a_long_line(lint):
    filler = "we build tools for small shops and ship them every week " * 60
    report = lint("Engineer\n\n" + filler + "we are a young company " + filler + "\n")
    assert not [f for f in report.findings if f.rule == "inclusivity/age"]


def test_the_work_of_unless_contexts_grows_linearly_with_a_line(engine, monkeypatch):
    from assistant.rubric.context import Context

    real = Context.sentence_around
    seen = [0]

    def counting(self, start, end):
        lo, hi = real(self, start, end)
        seen[0] += hi - lo
        return lo, hi

    monkeypatch.setattr(Context, "sentence_around", counting)

    def work(units: int) -> int:
        seen[0] = 0
        engine.lint(posting_from_text(_unpunctuated(units), "p.txt", "txt"))
        return seen[0]

    assert growth(work, 300) <= LINEAR


def test_capitalised_buzzwords_in_a_text_without_spaces_are_checked_in_linear_work(engine):
    from assistant.rubric.context import Context
    from assistant.rubric.kinds import phrases

    rule = next(r for r in engine.rules if r.id == "clarity/buzzwords")

    def work(units: int) -> int:
        posting = posting_from_text("Engineer\n\n" + "Synergy." * units + "\n", "p.txt", "txt")
        posting.text = Meter(posting.text)
        ctx = Context(posting)
        Meter.reset()
        list(phrases.check(ctx, rule))
        return Meter.scanned

    assert growth(work, 2000) <= LINEAR


# ---------------------------------------------------------------------------
# Facts


def _field_line(units: int) -> str:
    """One long "Work model:" line: money, places, remote and contract words all along."""
    unit = "we pay $50 for books and hire full-time people in Berlin, Germany for remote teams and "
    return "Work model: " + unit * units + "privacy\n"


@pytest.fixture
def metered_facts(monkeypatch):
    """`detect_facts` with every search of its text and of its expressions counted, and
    every line and section it looks at."""
    from assistant.document import facts
    from assistant.document.facts import employment, location, money, pay, places, remote, view
    from assistant.document.model import Posting, SourceMap
    from assistant.document.structure import infer_structure

    for module in (employment, location, money, pay, places, remote, view):
        for name in dir(module):
            value = getattr(module, name)
            # Two expressions are compared by identity with `match.re`: left alone.
            if isinstance(value, re.Pattern) and name not in ("_REMOTE_PLACE", "_ANYWHERE_IN"):
                monkeypatch.setattr(module, name, CountingPattern(value))

    def work(text: str) -> int:
        posting = Posting("p.txt", text, SourceMap.identity(text), "txt")
        infer_structure(posting)
        Meter.reset()
        facts.detect_facts(Meter(text), CountingList(posting.lines), CountingList(posting.sections), Meter(posting.lower))
        return Meter.scanned

    return work


def test_fact_detection_on_one_long_line_grows_linearly(metered_facts):
    assert growth(lambda units: metered_facts(_field_line(units)), 150) <= LINEAR


def test_fact_detection_on_many_short_sections_grows_linearly(metered_facts):
    block = (
        "Location\n\nJoin us in Berlin, Germany.\n\nBenefits\n\n"
        "- We pay $50 for books, $40 for food, $30 for travel and $20 for the gym\n- Full-time hours\n\n"
    )

    assert growth(lambda units: metered_facts("Engineer\n\n" + block * units), 600) <= LINEAR


def test_facts_are_the_same_on_a_long_field_line():
    from assistant.document.facts import detect_facts
    from assistant.document.model import Posting, SourceMap
    from assistant.document.structure import infer_structure

    text = _field_line(30)
    posting = Posting("p.txt", text, SourceMap.identity(text), "txt")
    infer_structure(posting)
    found = detect_facts(text, posting.lines, posting.sections)
    # As before the work was bounded (the values the detectors gave then).
    assert found.remote == "remote"
    assert found.employment_type == "full-time"
    assert found.location is None  # a privacy notice's line names no workplace
    assert found.salary is None  # $50 for books is not pay


# ---------------------------------------------------------------------------
# Directives, masking, the engine's filters


def test_directives_on_one_long_line_are_read_in_linear_work():
    from assistant.document.directives import find_directives, line_cuts

    unit = "Some words <!-- posting-assistant: disable clarity --> more words <!-- posting-assistant: enable clarity --> "

    def work(units: int) -> int:
        source = Meter("Engineer\n\n" + unit * units + "\n")
        Meter.reset()
        found = find_directives(source, whole_lines_only=False)
        line_cuts(source, found)
        assert len(found) == 2 * units
        return Meter.scanned

    assert growth(work, 300) <= LINEAR


def test_directive_line_numbers_are_those_of_the_source():
    from assistant.document.directives import find_directives

    source = "Engineer\n\n<!-- posting-assistant: disable -->\ntext\r\n\n<!-- posting-assistant: enable -->\n"
    assert [d.line for d in find_directives(source, whole_lines_only=True)] == [3, 6]


class _Counted:
    """A finding whose position is counted each time it is read."""

    reads = 0

    def __init__(self, rule, start, end):
        self.rule, self._start, self._end = rule, start, end

    @property
    def start(self):
        _Counted.reads += 1
        return self._start

    @property
    def end(self):
        _Counted.reads += 1
        return self._end


def test_dropping_findings_inside_scrape_noise_is_linear():
    from assistant.rubric.engine import _drop_masked

    def work(n: int) -> int:
        found = []
        for i in range(n):  # a line of noise, then a finding in it and one after it
            found += [_Counted("clarity/scrape-noise", 100 * i, 100 * i + 40), _Counted("r", 100 * i + 5, 100 * i + 9),
                      _Counted("r", 100 * i + 60, 100 * i + 64)]
        _Counted.reads = 0
        kept = _drop_masked(found, {"clarity/scrape-noise"})
        assert len(kept) == 2 * n
        return _Counted.reads

    assert growth(work, 400) <= LINEAR


def test_dropping_findings_that_directives_switch_off_is_linear(engine):
    from assistant.rubric.context import Context
    from assistant.rubric.engine import _drop_disabled

    block = "<!-- posting-assistant: disable-next-line -->\nA line with a rock star.\nA line with a ninja.\n"

    def work(n: int) -> int:
        posting = posting_from_text("Engineer\n\n" + block * n, "p.md", "md")
        ctx = Context(posting)
        found = [_Counted("r", ln.start + 2, ln.start + 5) for ln in posting.lines if ln.kind != "blank"]
        _Counted.reads = 0
        kept = _drop_disabled(ctx, found)
        assert len(kept) == len(found) - n
        return _Counted.reads

    assert growth(work, 300) <= LINEAR


# ---------------------------------------------------------------------------
# The rules rewrite


def _flagged(units: int) -> str:
    """A posting with `units` lines, each with a finding the rules can fix. Each line is
    English to the end ("for the team"): made-up names and no function words read as
    another language (the language guess would then turn the English rules off)."""
    syllables = ["ka", "lo", "mi", "nu", "pe", "ri", "so", "tu", "va", "ze", "bo", "di", "fa", "gu", "he", "jo", "ku", "la", "me", "ni"]
    names = [a + b + c for a in syllables for b in syllables for c in syllables][:units]
    lines = [f"- Team {name} needs a rock star for the team." for name in names]
    return "Engineer\n\nWhat you will do\n\n" + "\n".join(lines) + "\n"


def test_the_rules_rewrite_lints_a_few_times_however_many_edits(engine, monkeypatch):
    from assistant.llm.rewrite import rewrite_with_rules

    lints = [0]
    real = type(engine).lint

    def counting(self, posting, ignore=()):
        lints[0] += 1
        return real(self, posting, ignore)

    monkeypatch.setattr(type(engine), "lint", counting)

    def work(units: int) -> int:
        lints[0] = 0
        result = rewrite_with_rules(posting_from_text(_flagged(units), "p.txt", "txt"), engine)
        assert len(result.accepted) == units and not result.refused
        return lints[0]

    assert work(10) <= 4
    assert work(80) == work(10)


def test_the_rules_rewrite_scans_its_text_in_linear_work(engine, monkeypatch):
    from assistant.llm import checks
    from assistant.llm import rewrite as rewrite_module

    for name in dir(checks):
        value = getattr(checks, name)
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(checks, name, CountingPattern(value))

    def relint(text: str):
        return engine.lint(posting_from_text(str(text), "p.txt", "txt"))

    def work(units: int) -> int:
        posting = posting_from_text(_flagged(units), "p.txt", "txt")
        before = engine.lint(posting)
        posting.text = Meter(posting.text)
        Meter.reset()
        proposals = rewrite_module.rule_proposals(before, rewrite_module.targets(before))
        accepted, refused = checks.check_edits(posting, proposals, relint, before=before)
        assert len(accepted) == units and not refused
        return Meter.scanned

    assert growth(work, 150) <= LINEAR


# ---------------------------------------------------------------------------
# Memory: what a long posting costs beyond its text (peak of traced allocations)


def _traced_peak(fn) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        kept = fn()
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    del kept
    return peak


def _long_text(chars: int) -> str:
    # Not ASCII (a dash), so two bytes a character, as most real postings are.
    unit = "Ünïcode wörds – we build tools for small shops and ship them every week.\n"
    return unit * (chars // len(unit))


def test_lower_casing_a_long_posting_needs_no_buffer_many_times_its_size():
    from assistant.document.normalise import lower_same_length

    text = _long_text(1_000_000)
    expected = text.lower()
    assert lower_same_length(text) == expected
    assert _traced_peak(lambda: lower_same_length(text)) <= 6 * len(text)


def test_lower_casing_in_pieces_keeps_final_sigmas():
    from assistant.document.normalise import lower_same_length

    text = ("ΟΔΟΣ ΣΟΦΟΣ İstanbul " * 20_000).strip()
    low = text.lower()
    assert lower_same_length(text) == (low if len(low) == len(text) else text.replace("\u0130", "I").lower())


def test_the_vocabulary_of_a_long_posting_is_read_without_a_list_of_every_word():
    from assistant.rubric.context import TOKEN, Context

    posting = posting_from_text("Engineer\n\n" + _long_text(1_000_000), "p.txt", "txt")
    posting.lower  # noqa: B018 (made before measuring)
    assert Context(posting).vocab == frozenset(TOKEN.findall(posting.lower))
    assert _traced_peak(lambda: Context(posting).vocab) <= len(posting.text)


def test_the_prose_of_a_long_posting_keeps_no_object_per_word():
    from assistant.rubric import metrics

    posting = posting_from_text("Engineer\n\n" + _long_text(1_000_000), "p.txt", "txt")
    kinds = metrics.line_section_kinds(posting)
    found = metrics.prose(posting, kinds)
    assert found[0] and metrics.reading_grade(*found)[1] == sum(n for _, _, n in found[0])
    # Sentences are kept (a tuple and a string each, here 13 words); their words are
    # not, which took 14 bytes a character.
    assert _traced_peak(lambda: metrics.prose(posting, kinds)) <= 5 * len(posting.text)


# ---------------------------------------------------------------------------
# Long postings: one pass where there were many


def _long_posting(chars: int) -> str:
    unit = (
        "We want a competitive, driven and strong engineer who will lead the team, support others and "
        "share what they learn; co-lead, lead's, leads, leadership and Lead-Engineer are here too.\n"
        "You are a rock star, a ninja or a young guru who commits to work hard and play hard together.\n\n"
    )
    return "Engineer\n\n" + unit * (chars // len(unit))


class FindMeter(Meter):
    """A `Meter` that counts only what `find` reads: the scans for words."""

    def __getitem__(self, key):
        return str.__getitem__(self, key)

    def startswith(self, prefix, *args):
        return str.startswith(self, prefix, *args)


def test_phrases_of_a_long_posting_are_found_in_a_few_passes_over_its_text(engine):
    posting = posting_from_text(_long_posting(1_100_000), "p.txt", "txt")
    posting._lower = FindMeter(posting.lower)
    Meter.reset()
    engine.lint(posting)
    # A scan per phrase (over a hundred of them) read the text twenty-six times.
    assert Meter.scanned <= 2 * len(posting.text)


def test_phrases_found_in_one_pass_are_those_found_by_scanning(engine):
    from assistant.rubric import kinds, wordlists
    from assistant.rubric.context import Context

    posting = posting_from_text(_long_posting(200_000), "p.txt", "txt")
    rules = [(r, kinds.get(r.kind).phrase_lists) for r in engine.rules if r.kind in ("phrases", "balance")]
    scanned, indexed = Context(posting), Context(posting)
    wordlists.index_words(indexed, rules)
    compared = 0
    for rule, lists in rules:
        for key in lists:
            for phrase in wordlists.index_of(rule, key).candidates(scanned.vocab):
                found = list(wordlists.occurrences(scanned, phrase, False))
                assert list(wordlists.occurrences(indexed, phrase, False)) == found, phrase
                compared += len(found)
    assert compared > 10_000


def test_a_long_text_with_one_decomposed_letter_maps_back_in_a_few_runs():
    from assistant.document.normalise import normalise

    source = "plain words " * 50_000 + "Cafe\u0301 " + "more words\r\n" * 10
    text, smap = normalise(source)
    assert "Café" in text and "\r" not in text
    assert len(smap._norm) < 1000  # those of the piece around the letter; one per character before
    at = text.index("Café")
    assert source[smap.to_source(at) : smap.to_source(at + 4)] == "Cafe\u0301"


def test_a_long_posting_gets_the_same_findings_as_when_its_words_are_read_window_by_window(engine, monkeypatch):
    """Past `WORD_INDEX_FROM` phrases and `unless` contexts are found by where their
    words stand; the findings are those of reading each window, as shorter postings are."""
    from assistant.rubric import wordlists

    patterned = (
        "Applicants must be under the age of 35 and he will report to the lead. Please attach a recent photo "
        "and state your current salary. You must be able to lift up to 50 pounds; the reports were written "
        "by the team, his own work is reviewed, and a bachelor's degree or equivalent experience is welcome.\n"
    ) * 400
    text = _unpunctuated(2000) + patterned + _long_posting(wordlists.WORD_INDEX_FROM)
    placed = engine.lint(posting_from_text(text, "p.txt", "txt"))
    monkeypatch.setattr(wordlists, "WORD_INDEX_FROM", 10**12)
    read = engine.lint(posting_from_text(text, "p.txt", "txt"))
    assert len(placed.findings) > 10_000
    # Pattern rules are tried only where the words their matches begin with stand.
    assert {"inclusivity/age-limit", "inclusivity/gendered-pronoun"} <= {f.rule for f in placed.findings}
    assert [(f.rule, f.start, f.end, f.message) for f in placed.findings] == [
        (f.rule, f.start, f.end, f.message) for f in read.findings
    ]
    assert placed.scores == read.scores


def test_the_sentence_around_a_match_is_what_searching_its_line_finds(monkeypatch):
    """On a long text `sentence_around` looks sentence ends up in a list made once; a
    search of the line from either side of the match finds the same ones."""
    import random

    from assistant.rubric import context as context_module
    from assistant.rubric.context import _SENTENCE_END, _SPACE, SENTENCE_REACH, Context

    monkeypatch.setattr(context_module, "_ENDS_LISTED_FROM", 0)  # every text is long here

    def searched(ctx, start, end):
        line = ctx.posting.lines[ctx.line_index(start)]
        last = ctx.posting.lines[ctx.line_index(end)]  # a match running onto the next line ends its sentence there
        lo, hi = line.start, max(last.end, end)
        reach = max(lo, start - SENTENCE_REACH)
        left = None
        for m in _SENTENCE_END.finditer(ctx.text, reach, start):
            left = m.end()
        if left is None:
            space = _SPACE.search(ctx.text, reach, start) if reach > lo else None
            left = lo if reach <= lo else space.end() if space else start
        m = _SENTENCE_END.search(ctx.text, end, min(hi, end + SENTENCE_REACH))
        return left, m.end() if m else min(hi, end + SENTENCE_REACH)

    rng = random.Random(13)
    pieces = ["word", " ", ".", ". ", "!", "?\n", "\n", ";", ": ", "x" * 50, "  ", "\t"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 80)))
        ctx = Context(posting_from_text(text, "p.txt", "txt"))
        n = len(ctx.text)
        for _ in range(10):
            start = rng.randrange(0, n + 1)
            end = rng.randrange(start, min(n, start + 10) + 1)
            assert ctx.sentence_around(start, end) == searched(ctx, start, end), (ctx.text, start, end)
