"""A broken rubric file is refused with its file and rule named, before any linting."""

from __future__ import annotations

import re

import pytest

from assistant.rubric.loader import RubricError, literal_filter, load_rubrics

GOOD_RULE = '''
[[rule]]
id = "clarity/no-todo"
kind = "pattern"
severity = "warning"
summary = "No TODO markers."
pattern = '\\bTODO\\b'
message = "A TODO marker was left in."
why = "Drafts leak. Source: our style guide."
[rule.examples]
bad = ["TODO: salary"]
good = ["Salary: 50,000 EUR"]
'''


def write(tmp_path, body, name="clarity.toml"):
    (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


def test_a_valid_custom_rule_loads(tmp_path):
    rules = load_rubrics([write(tmp_path, GOOD_RULE)]).rules
    assert [r.id for r in rules] == ["clarity/no-todo"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind = \"pattern\"", "kind = \"pattern\"\ncolour = \"red\""), "unknown key(s) colour"),
        (("'\\bTODO\\b'", "'(unclosed'"), "bad regular expression"),
        (("kind = \"pattern\"", "kind = \"regex\""), "unknown kind 'regex'"),
        (("severity = \"warning\"", "severity = \"fatal\""), "severity must be one of"),
        (("id = \"clarity/no-todo\"", "id = \"inclusivity/no-todo\""), "a inclusivity rule in the clarity file"),
        (("bad = [\"TODO: salary\"]", "bad = []"), "at least one bad and one good example"),
    ],
)
def test_broken_rules_name_file_and_rule(tmp_path, change, expected):
    body = GOOD_RULE.replace(*change)
    with pytest.raises(RubricError) as err:
        load_rubrics([write(tmp_path, body)])
    assert "clarity.toml" in str(err.value)
    assert expected in str(err.value)


def test_duplicate_ids_are_refused(tmp_path):
    with pytest.raises(RubricError, match="duplicate id"):
        load_rubrics([write(tmp_path, GOOD_RULE + GOOD_RULE)])


def test_not_toml(tmp_path):
    with pytest.raises(RubricError, match="not valid TOML"):
        load_rubrics([write(tmp_path, "[[rule]\nid=")])


def refuse_to_parse(monkeypatch) -> None:
    """From here on a rule set can only come from the cache: reading a file fails."""
    from assistant.rubric import loader

    def parsed(path, ruleset):
        raise AssertionError(f"{path} was parsed again instead of coming from the cache")

    monkeypatch.setattr(loader, "load_file", parsed)


def test_cached_rule_set_is_reused_until_a_file_changes(tmp_path, monkeypatch, own_cache):
    import os

    folder = write(tmp_path, GOOD_RULE)
    first = load_rubrics([folder])
    assert len(os.listdir(own_cache)) == 1
    with monkeypatch.context() as patched:
        refuse_to_parse(patched)
        again = load_rubrics([folder])
    assert [r.id for r in again.rules] == [r.id for r in first.rules]
    assert again.rules[0].params["patterns"].search_any("TODO: pay", "todo: pay", frozenset({"todo", "pay"}))  # compiled on first use
    broken = GOOD_RULE.replace("'\\bTODO\\b'", "'(unclosed'")
    (folder / "clarity.toml").write_text(broken, encoding="utf-8")
    os.utime(folder / "clarity.toml", ns=(1, 1))  # a different mtime, even within one tick
    with pytest.raises(RubricError, match="bad regular expression"):
        load_rubrics([folder])


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bColorado\b", 0, (("colorado", True),)),
        (r"\b(Denver|Boulder), ?CO\b", 0, (("co", True),)),  # whole words win
        (r",\s*CA\b", 0, (("ca", True),)),
        (r"\bshared (librar|service)", re.I, (("shared", True),)),
        (r"\bequal (employment )?opportunit", re.I, (("equal", True),)),
        (r"(employment )?opportunit", re.I, (("opportunit", False),)),  # a stem: searched for
        (r"\bfoo\s*bar", 0, (("foo", False),)),  # "foobar" is one word
        (r"(a|b)c", 0, None),
        (r"\b(in|within) the EU\b", 0, (("the eu", True),)),  # both words must occur
    ],
)
def test_literal_filter(pattern, flags, expected):
    assert literal_filter(pattern, flags) == expected


def test_literal_filters_never_reject_a_real_match():
    """Every shipped expression, on text built to match it: its filter must agree."""
    from assistant.api import make_engine
    from assistant.rubric.context import TOKEN

    samples = [
        "Based in Denver, CO. Remote - US. Anywhere in the United States. Seattle, WA",
        "We offer paid time off, 401(k), dental. Equal opportunity employer. To apply, email us.",
        "Bachelor's degree in CS or equivalent. Make your resume now\n#LI-Remote\nlorem ipsum",
        "Applications are reviewed by the team. 5+ years of experience. Senior/Staff Engineer",
        "Offices in New York, NY, San Francisco and Berlin; remote within the EU. Chicago, IL. Boston, MA.",
        "We are committed to equal opportunity. Ask for reasonable accommodation during the interview process.",
    ]
    engine = make_engine()
    sets = [law.places for law in engine.laws]
    sets += [r.params[k] for r in engine.all_rules for k in ("patterns", "unless") if r.params.get(k)]
    checked = 0
    for text in samples:
        low = text.lower()
        vocab = frozenset(TOKEN.findall(low))
        for pattern_set in sets:
            for literals, rx in pattern_set.parts:
                if rx.search(text, low):
                    checked += 1
                    assert literals is None or literals.occurs(low, vocab), rx.source
    assert checked > 20


def test_shipped_rubrics_survive_the_cache(monkeypatch, own_cache):
    """A rule set that cannot be unpickled would be rebuilt on every run, silently."""
    import pickle

    from assistant.resources import data_dir

    fresh = load_rubrics([data_dir("rubrics")])
    copy = pickle.loads(pickle.dumps(fresh))
    assert [r.id for r in copy.rules] == [r.id for r in fresh.rules]
    assert [law.places.parts[0][0].words for law in copy.laws] == [law.places.parts[0][0].words for law in fresh.laws]
    refuse_to_parse(monkeypatch)  # the second load must be the stored entry, unpickled
    cached = load_rubrics([data_dir("rubrics")])
    assert [r.id for r in cached.rules] == [r.id for r in fresh.rules]
    assert [law.id for law in cached.laws] == [law.id for law in fresh.laws]
    assert len(list(own_cache.iterdir())) == 1


@pytest.mark.parametrize(
    ("pattern", "twin"),
    [
        (r"\bpreferabl[ey]\b", r"\bpreferabl[ey]\b"),
        (r"#(?:LI|IND)-\w+", r"#(?:li|ind)-\w+"),
        (r"\bEU[- ]based\W", r"\beu[- ]based\W"),  # escapes keep their case
        (r"[A-Z]\w+", r"[a-z]\w+"),
        (r"[0-9A-F]{2}", r"[0-9a-f]{2}"),
        (r"[0-z]", None),  # a range across letters and other characters
        (r"\x41b", None),  # an escaped capital
        (r"(?i:x)y", None),
        (r"(a)\1", None),  # a back-reference
        (r"\d+ years", r"\d+ years"),
    ],
)
def test_lower_twin(pattern, twin):
    from assistant.rubric.loader import lower_twin

    assert lower_twin(pattern, re.I) == twin
    assert lower_twin(pattern, 0) is None  # case-sensitive expressions keep their case


@pytest.mark.parametrize(
    "pattern",
    [r"\bwe are (a|an)\b", r"\b(tech|team) lead\b", r"\bEU[- ]based", r"\b\w+ly\b", r"\b(?:x|)", r"\bA\.B\b", r"[#@]\w+"],
)
@pytest.mark.parametrize(
    "text",
    ["We are a team. we are an org; Swe are a? Tech lead, steam lead", "EU-based x EU based xEU-based", "A.B A.BC _A.B", "", "x"],
)
def test_rewritten_expression_matches_like_the_original(pattern, text):
    """The lower-case twin and the separately checked leading \\b change speed, not matches."""
    from assistant.document.normalise import lower_same_length
    from assistant.rubric.loader import LazyPattern

    rx = LazyPattern.planned(pattern, re.I)
    low = lower_same_length(text)
    for pos, endpos in [(0, len(text)), (1, len(text)), (3, max(3, len(text) - 2))]:
        expected = [m.span() for m in rx.compiled.finditer(text, pos, endpos)]
        assert [m.span() for m in rx.finditer(text, low, pos, endpos)] == expected
    # `\\b` is checked apart only where the rest gives the engine a letter to skip to;
    # "(?:x|)" may match nothing, so there it keeps its own `\\b`.
    assert rx.bounded == (pattern.startswith("\\b") and pattern != r"\b(?:x|)")


@pytest.mark.parametrize(
    ("pattern", "guard"),
    [
        (r"(?<!\bin )(?:\d{1,2}|\b(?:one|two)\b) years", r"(?=[\d]|\b(?:one|two))"),
        (r"(?<!a)(?:a\.b|c)d", r"(?=[c]|(?:a\.b))"),
        (r"(?<![\d.,$])(?:(?<!for )|(?<=looking for ))x", "(?=[x])"),
        (r"(?<!a)[a-c\]]", r"(?=[a-c\x5d])"),
        (r"(?<!a)(?:a\.b|c)d", r"(?=[c]|(?:a\.b))"),  # whole literal runs, sets merged
        (r"\b(?:a|b)c", ""),  # a leading \b fails fast by itself
        (r"abc", ""),  # the regex engine skips to the literal itself
        (r"[ab]c", ""),
        (r"(?<!a)(?:b)?c", ""),  # an optional start: the first character is not known
        (r"(?<!a)[^x]", ""),  # a negated set
        (r"(?i)(?<!a)b", ""),  # global flags must stay first
    ],
)
def test_first_character_guard(pattern, guard):
    """Expressions that open with assertions get a lookahead for their first character."""
    from assistant.rubric.patterns import _first_char_guard

    assert _first_char_guard(pattern, 0) == guard


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<![\d.,])(?<!\bin )(?:\d{1,2}|\b(?:one|two|ten)\b)\+?\s*years?\b",
        r"(?<!\bno )(?:(?<!\bfor )|(?<=looking for ))(?:rock ?stars?|ninjas?)",
        r"(?<![\w-])(?:[A-Z]{2,}|\d+)",
    ],
)
@pytest.mark.parametrize(
    "text",
    ["3 years, in 5 years, 10+ years; two years; none years; 1.5 years", "Looking for ninjas, for rockstars, no ninja",
     "US-based API 12 x-API", "", "years"],
)
def test_guarded_expression_matches_like_the_original(pattern, text):
    from assistant.document.normalise import lower_same_length
    from assistant.rubric.loader import LazyPattern

    rx = LazyPattern.planned(pattern, re.I)
    assert rx.run_source.startswith("(?=")
    low = lower_same_length(text)
    for pos, endpos in [(0, len(text)), (1, len(text)), (3, max(3, len(text) - 2))]:
        expected = [m.span() for m in rx.compiled.finditer(text, pos, endpos)]
        assert [m.span() for m in rx.finditer(text, low, pos, endpos)] == expected


def test_every_rubric_expression_matches_as_written_on_the_seeds():
    """The planned form of every shipped expression (twin, boundary, guard) finds what the
    expression as written finds, on the seed postings and their upper-cased copies."""
    from assistant.document.normalise import lower_same_length
    from assistant.resources import data_dir
    from assistant.rubric.patterns import LazyPattern

    texts = [p.read_text(encoding="utf-8") for p in sorted(data_dir("seeds").iterdir()) if p.is_file()]
    assert texts
    texts += [t.upper() for t in texts]
    ruleset = load_rubrics([data_dir("rubrics")])
    planned = [rx for rule in ruleset.rules for rx in _patterns_in(rule.params) if isinstance(rx, LazyPattern)]
    assert len(planned) > 50
    for rx in planned:
        for text in texts:
            low = lower_same_length(text)
            assert [m.span() for m in rx.finditer(text, low)] == [m.span() for m in rx.compiled.finditer(text)], rx.source


def _patterns_in(value):
    from assistant.rubric.patterns import LazyPattern

    if isinstance(value, LazyPattern):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _patterns_in(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _patterns_in(v)
    elif hasattr(value, "__slots__") or hasattr(value, "__dict__"):
        for name in getattr(value, "__slots__", ()) or vars(value):
            yield from _patterns_in(getattr(value, name, None))


@pytest.mark.parametrize(
    ("pattern", "bounded"),
    [(r"\bfoo", True), (r"\b(?:a|b)c", True), (r"\bunder \d|\bage \d", True), (r"\bunder \d|age \d", False)],
)
def test_leading_boundary_is_dropped_only_when_it_opens_every_alternative(pattern, bounded):
    """`\\ba|\\bb` parses with one shared `\\b`; dropping only the text's first would leave
    the engine unable to skip ahead (measured 5x slower on a long posting), so such an
    expression is run as `\\b(?:a|b)`; with an alternative that has no `\\b`, it keeps them."""
    from assistant.rubric.loader import LazyPattern

    rx = LazyPattern.planned(pattern, re.I)
    assert rx.bounded is bounded
    text = "Under 5, age 7; cage 9"
    assert [m.span() for m in rx.finditer(text, text.lower())] == [m.span() for m in rx.compiled.finditer(text)]


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d{2}\s*years",  # a leading repeat is unrolled: \d\d{1}
        r"(\d{1,2})\+? yrs",
        r"[a-z]+?ing\b",
        r"(?:\w{2,})-based",
        r"\bunder \d{2}|\bage \d{2}",  # the shared \b factored out, then dropped
        r"\b\d{2}\s*(?:-|to)\s*\d{2} years old|\bage[ds]? \d{2}",
        r"\b[]|]x|\by",  # a "]" first in a set, a "|" inside one
    ],
)
def test_planned_expressions_match_as_written(pattern):
    """Each rewrite made for speed (issue 13) must leave every match, and every group, as
    the expression written finds them."""
    from assistant.rubric.loader import LazyPattern

    rx = LazyPattern.planned(pattern, re.I)
    assert rx.run_source != pattern or rx.bounded is False
    text = "Aged 25-35 years old; under 40, page 12 managing x|x]x 10 yrs 5+ yrs ok 123years Remote-based UNDER 30 y"
    want = [(m.span(), m.groups()) for m in rx.compiled.finditer(text)]
    assert want, "the sample text should hold a match"
    assert [(m.span(), m.groups()) for m in rx.finditer(text, text.lower())] == want


def test_every_required_word_is_a_filter():
    """A posting must hold a word of each part an expression requires, not just the first
    found: "under" is in most postings, "age" in few (issue 13)."""
    from assistant.rubric.patterns import pattern_set

    rules = pattern_set([r"\b(?:under|below)\s+the\s+age\s+of\s+\d{2}\b"], re.I)
    f, rx = rules.parts[0]
    assert f is not None
    has_both = "candidates under the age of 30"
    only_under = "work under pressure in the team"
    assert f.occurs(has_both, frozenset(has_both.split()))
    assert not f.occurs(only_under, frozenset(only_under.split()))


@pytest.mark.parametrize(
    ("pattern", "flags", "heads"),
    [
        (r"\b(?:under|below)\s+the\s+age", re.I, (("under", True), ("below", True))),
        (r"\bno older than", re.I, (("no", False),)),  # "no" then a space: the whole word
        (r"(?<![/)-])(?<!\bor )\b(?:his|her)\b", re.I, (("h", True),)),  # lookbehinds read nothing
        (r"\b(?:Remote|remote|REMOTE)\W", 0, (("remote", True),)),  # case kept, looked up lower-cased
        (r"\d{2} years", re.I, None),  # a figure, not a word
        (r"foo\b", re.I, None),  # may begin inside a word
        (r"^\s*apply", re.I | re.M, None),
        (r"(?i)\bkelvin", 0, None),  # under IGNORECASE "k" matches the Kelvin sign too
        (r"\bunder|age", re.I, None),  # one alternative has no boundary
    ],
)
def test_the_words_every_match_begins_with(pattern, flags, heads):
    """On a posting of megabytes a pattern is tried only where these words stand
    (issue 13), so they must be necessary: a match can begin nowhere else."""
    from assistant.rubric.loader import LazyPattern

    assert LazyPattern.planned(pattern, flags).word_heads() == heads
