"""Structured inputs: each ATS shape gives the right postings, the rest a one-line refusal.

The fixtures in `fixtures/ats/` copy the field layout of real API answers with invented
text; the corpus tests at the end run the real captures when ../shared is here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.document.ats import (
    AtsPosting,
    NotAPosting,
    parse_html_jsonld,
    parse_json,
)
from assistant.document.html import html_to_text

from .conftest import ATS_FIXTURES as FIXTURES
from .conftest import GREENHOUSE_SAMPLE, ROOT, needs_shared


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def text_of(posting: AtsPosting) -> str:
    """What the linter would read: HTML bodies go through the project's own converter."""
    return html_to_text(posting.body) if posting.body_format == "html" else posting.body


def refusal(source: str) -> str:
    with pytest.raises(NotAPosting) as caught:
        parse_json(source)
    message = str(caught.value)
    assert message and "\n" not in message
    return message


# ---------------------------------------------------------------------------------------
# schema.org JobPosting
# ---------------------------------------------------------------------------------------


def test_jsonld_single_object():
    [p] = parse_json(fixture("jsonld_single.json"))
    assert p.id == "QW-2041"
    assert p.title == "Orchard Data Analyst"
    assert p.body_format == "html"
    assert "Model harvest yields from sensor data" in text_of(p)
    assert "- Build dashboards" in text_of(p)  # the list survives as bullets
    assert p.meta == {
        "title": "Orchard Data Analyst",
        "company": "Quincewood Farms",
        "location": "Hood River, OR, US",
        "employment_type": "full-time",
        "salary": "USD 120000–150000 per year",
        "salary_min": "120000", "salary_max": "150000", "currency": "USD", "period": "year",
        "pay_source": "json_ld",
    }


def test_jsonld_array_escaped_and_plain_descriptions():
    baker, writer = parse_json(fixture("jsonld_array.json"))
    assert baker.title == "Night Shift Baker"
    assert baker.body_format == "html" and baker.body.startswith("<p>Bake sourdough")
    assert "Shape 300 loaves a night" in text_of(baker)
    assert baker.meta["location"] == "Leeds, GB; York, GB"
    assert baker.meta["employment_type"] == "part-time, temporary"
    assert baker.meta["salary"] == "GBP 14.5 per hour"
    assert baker.meta["company"] == "Lantern Street Bakery"
    assert "remote" not in baker.meta
    # A plain description stays plain, with its entities read.
    assert writer.body_format == "txt"
    assert writer.body.startswith("Write help articles for R&D tools")
    assert writer.meta["remote"] == "remote"
    assert writer.meta["employment_type"] == "contract"
    assert "salary" not in writer.meta and "location" not in writer.meta


def test_duplicate_and_unsafe_ids_are_made_unique_and_path_safe():
    baker, writer = parse_json(fixture("jsonld_array.json"))
    assert (baker.id, writer.id) == ("bake-7", "bake-7-2")  # both said "bake 7"
    long = {"@type": "JobPosting", "title": "T", "description": "Words.", "identifier": "a/b c#d:" + "x" * 80}
    [p] = parse_json(json.dumps(long))
    assert p.id.startswith("a-b-c-d-x") and len(p.id) <= 40
    assert not any(ch.isspace() or ch in "#/:" for ch in p.id)


def test_jsonld_graph_finds_nested_postings_only():
    postings = parse_json(fixture("jsonld_graph.json"))
    assert [p.title for p in postings] == ["Frame Welder", "Wheel Builder"]
    assert [p.id for p in postings] == ["1", "2"]  # no identifier: their position
    welder = postings[0]
    assert welder.meta["salary"] == "EUR 3200–3900 per month"
    assert welder.meta["location"] == "Ghent, Belgium"
    assert welder.meta["company"] == "Ferrous Bicycles"
    assert "Weld steel touring frames" in text_of(welder)


def test_jsonld_type_forms():
    for kind in ("JobPosting", ["Thing", "JobPosting"], "schema:JobPosting", "http://schema.org/JobPosting"):
        [p] = parse_json(json.dumps({"@type": kind, "title": "Potter", "description": "Throw bowls."}))
        assert p.title == "Potter" and p.body == "Throw bowls."


def test_jsonld_in_html_page():
    [p] = parse_html_jsonld(fixture("jsonld_page.html"))  # the Organization block is not a posting
    assert p.id == "88123"
    assert p.title == "Harbour Ferry Deckhand"
    assert p.body_format == "html"
    assert "Handle mooring lines" in text_of(p)
    assert p.meta["location"] == "Halifax, NS, CA"
    assert p.meta["salary"] == "CAD 22–26 per hour"
    assert p.meta["employment_type"] == "seasonal"
    assert p.meta["company"] == "Bluefin Ferries"


def test_html_page_without_jobposting_gives_nothing():
    assert parse_html_jsonld(fixture("plain_page.html")) == []
    assert parse_html_jsonld("<p>No scripts at all.</p>") == []
    assert parse_html_jsonld('<script type="application/ld+json">{"@type": "JobPosting"') == []  # never closed
    no_text = '<script type="application/ld+json">{"@type": "JobPosting", "title": "X"}</script>'
    assert parse_html_jsonld(no_text) == []  # the page itself is then the posting


def test_jsonld_without_jobposting_or_description_is_refused():
    assert "no JobPosting" in refusal('{"@context": "https://schema.org", "@type": "Organization", "name": "X"}')
    assert "no posting text" in refusal('{"@context": "https://schema.org", "@type": "JobPosting", "title": "X"}')


# ---------------------------------------------------------------------------------------
# Greenhouse
# ---------------------------------------------------------------------------------------


def test_greenhouse_single_job_unescapes_content():
    [p] = parse_json(fixture("greenhouse_job.json"))
    assert p.id == "4410021"
    assert p.title == "Marine Biologist, Kelp Restoration"
    assert p.body_format == "html"
    assert p.body.startswith('<div class="content-intro"><p>Tidewater Labs')
    text = text_of(p)
    assert "- Write field reports for R&D partners" in text
    assert "&lt;" not in text and "<p>" not in text
    assert p.meta == {
        "title": "Marine Biologist, Kelp Restoration",
        "company": "Tidewater Labs",
        "location": "Portland, ME",
        "team": "Science",
        "employment_type": "Full-time",
        "salary": "USD 85000–102000",
        "salary_min": "85000", "salary_max": "102000", "currency": "USD",
    }


def test_greenhouse_jobs_list_with_content():
    grant, captain = parse_json(fixture("greenhouse_jobs.json"))
    assert (grant.id, grant.title) == ("4410030", "Grant Writer")
    assert (captain.id, captain.title) == ("4410031", "Boat Captain")
    assert grant.meta["location"] == "Remote - US"
    assert "Pilot our survey vessel Sea Lettuce" in text_of(captain)


def test_greenhouse_captures_without_content_say_why():
    message = refusal(fixture("greenhouse_jobs_no_content.json"))
    assert message == "a Greenhouse job list without descriptions: no posting text (fetch the board with ?content=true)"
    bare_list = json.dumps(json.loads(fixture("greenhouse_jobs_no_content.json"))["jobs"])
    assert "no posting text" in refusal(bare_list)
    assert "no posting text" in refusal(json.dumps(json.loads(bare_list)[0]))
    offices = refusal(fixture("greenhouse_offices.json"))
    assert "offices" in offices and "no posting text" in offices


# ---------------------------------------------------------------------------------------
# Lever and Teamtailor
# ---------------------------------------------------------------------------------------


def test_lever_list_composes_description_lists_and_closing():
    hydro, steward = parse_json(fixture("lever_postings.json"))
    assert hydro.id == "5f1c2a9e-0b7d-4e3a-9c61-2d8f4b7a1e10"
    assert hydro.title == "Field Hydrologist"
    assert hydro.body_format == "html"
    text = text_of(hydro)
    order = [
        "Riverbend Survey measures snowpack",
        "What you will do",
        "- Measure discharge at 40 river gauges",
        "What you bring",
        "- A valid driver's licence",
        "Pay depends on field experience.",
        "equal opportunity employer",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), text
    assert text.count("Riverbend Survey measures snowpack") == 1  # description, not opening + description
    assert hydro.meta == {
        "title": "Field Hydrologist",
        "location": "Boise, ID",
        "employment_type": "Full-time",
        "team": "Water Resources",
        "remote": "hybrid",
        "salary": "USD 72000–88000 per year",
        "salary_min": "72000", "salary_max": "88000", "currency": "USD", "period": "year",
    }
    assert steward.body_format == "txt"
    assert steward.body == "Keep our gauge records tidy and documented.\n\nSix-month contract."
    assert steward.meta["remote"] == "remote" and steward.meta["employment_type"] == "Contract"


def test_lever_single_and_grouped():
    hydro = json.loads(fixture("lever_postings.json"))[0]
    [single] = parse_json(json.dumps(hydro))
    assert single.title == "Field Hydrologist"
    grouped = [{"title": "Science", "postings": [hydro]}, {"title": "Empty", "postings": []}]
    assert [p.title for p in parse_json(json.dumps(grouped))] == ["Field Hydrologist"]
    bare = {"id": "x1", "text": "Ranger", "categories": {"location": "Moab"}, "hostedUrl": "https://jobs.lever.co/x/x1"}
    assert "no posting text" in refusal(json.dumps(bare))


def test_teamtailor_jobs():
    dev, planner = parse_json(fixture("teamtailor_jobs.json"))
    assert (dev.id, dev.title) == ("70411", "Frontend Developer")
    assert dev.body_format == "html"
    assert "- Accessibility first" in text_of(dev)
    assert dev.meta == {
        "title": "Frontend Developer",
        "location": "Umeå, Sweden",
        "team": "Product",
        "employment_type": "fulltime",
        "remote": "hybrid",
        "salary": "SEK 45000–55000 per month",
        "salary_min": "45000",
        "salary_max": "55000",
        "currency": "SEK",
        "period": "month",
    }
    assert (planner.id, planner.meta) == ("70412", {"title": "Route Planner", "remote": "remote"})
    one = json.loads(fixture("teamtailor_jobs.json"))
    one["data"] = one["data"][1]  # GET /v1/jobs/ID answers one object
    assert [p.title for p in parse_json(json.dumps(one))] == ["Route Planner"]


# ---------------------------------------------------------------------------------------
# Everything else
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ['{"foo": 1}', "[1, 2]", '"just a string"', "42", "null", '{"data": []}'])
def test_unknown_json_is_refused(source):
    assert refusal(source).startswith("not a job posting format I know")


def test_empty_list_is_refused():
    assert "no posting text" in refusal("[]")


@pytest.mark.parametrize("source", ['{"title": "x",', "", "{'single': 'quotes'}", '{"a": 1} trailing'])
def test_broken_json_names_the_position(source):
    message = refusal(source)
    assert message.startswith("not valid JSON: ")
    assert ": line 1 column " in message


def test_redacted_numbers_are_read_as_null():
    """Captures with numbers redacted to `<phone>` still parse; `<...>` inside strings is kept."""
    source = '{"absolute_url": "u", "id": <phone>, "title": "T", "content": "&lt;p&gt;a <b> c&lt;/p&gt;"}'
    [p] = parse_json(source)
    assert p.id == "1" and p.title == "T"
    assert refusal('{"id": <phone> <phone>}').startswith("not valid JSON")


_ODD_VALUES = (None, 7, 2.5, True, "", "text", [], [1, "x"], {}, {"name": 3})


def _paths(node, path=()):
    yield path
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield from _paths(value, (*path, key))


def _replaced(node, path, value):
    if not path:
        return value
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replaced(node[path[0]], path[1:], value)
    return copy


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.json")))
def test_odd_field_values_never_crash(name):
    """Any field of any shape replaced by a value of another type: postings or a refusal."""
    data = json.loads(fixture(name))
    for path in _paths(data):
        for value in _ODD_VALUES:
            try:
                postings = parse_json(json.dumps(_replaced(data, path, value)))
            except NotAPosting as exc:
                assert str(exc) and "\n" not in str(exc)
                continue
            for p in postings:
                assert isinstance(p.body, str) and p.body_format in ("html", "txt"), (path, value)
                assert all(isinstance(k, str) and isinstance(v, str) for k, v in p.meta.items()), (path, value)
                assert p.id and not any(ch.isspace() for ch in p.id), (path, value)


def test_repair_pass_refuses_hostile_input():
    """An unclosed string full of escaped quotes once took minutes in the repair pass
    (now linear: these return at once; a quadratic pass would stall the suite)."""
    assert refusal('"' + '\\"' * 100_000 + "<phone>").startswith("not valid JSON")
    assert refusal('{"a": "' + "<b>" * 100_000 + "<phone>").startswith("not valid JSON")


def test_module_stays_light():
    code = "import sys, assistant.document.ats; print('typing' in sys.modules, 'dataclasses' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


# ---------------------------------------------------------------------------------------
# The real captures in ../shared
# ---------------------------------------------------------------------------------------


def test_real_greenhouse_sample():
    path = needs_shared(*GREENHOUSE_SAMPLE)
    [p] = parse_json(path.read_text(encoding="utf-8"))
    assert p.title == "Accountant"
    assert p.body_format == "html"
    assert len(text_of(p).split()) > 100
    assert p.meta["company"] == "SpaceX" and p.meta["location"] == "Hawthorne, CA"


def test_real_greenhouse_captures_without_content():
    folder = needs_shared("corpus", "ats", "greenhouse")
    names = ["apptio_jobs_list_2019.json", "apptio_single_job_2019.json",
             "intercom_offices_endpoint_2021.json", "intercom_single_office_2021.json"]
    for name in names:
        with pytest.raises(NotAPosting, match="no posting text"):
            parse_json((folder / name).read_text(encoding="utf-8"))


def test_every_corpus_capture_parses_or_is_refused():
    folder = needs_shared("corpus", "ats")
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".json", ".html", ".htm"))
    assert files
    for path in files:
        source = path.read_text(encoding="utf-8-sig")
        if path.suffix == ".json":
            try:
                postings = parse_json(source)
            except NotAPosting as exc:
                assert str(exc) and "\n" not in str(exc), path
                continue
        else:
            postings = parse_html_jsonld(source)
        ids = [p.id for p in postings]
        assert len(set(ids)) == len(ids), path
        for p in postings:
            assert p.body_format in ("html", "txt") and p.body.strip(), path
            assert all(isinstance(v, str) for v in p.meta.values()), path
